"""Text normalisation for hashing: the same words must hash the same across outlets and crawls.

Lower-case, strip diacritics, fold every digit to ``0`` (re-crawls differ in counters and
timestamps) and turn everything that is not a letter or digit into a space, so punctuation and
whitespace changes never break an exact or near-duplicate match. Newlines are kept so lines of
the normalised text still align with lines of the original (paragraph dedup relies on it).

A translate table first rewrites punctuation, spaces and digits (ASCII and common Unicode);
when that leaves pure ASCII (most news) we are done, otherwise NFKD, a combining-mark regex, a
digit regex and a non-word regex finish the job. Both paths agree (property-tested).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from typing import TYPE_CHECKING, Any

from saring.compiled import load

if TYPE_CHECKING:
    import numpy as np

_DIGIT_RE = re.compile(r"\d")
# Anything but a letter/digit (underscore included), except the newline, becomes a space.
_NONWORD_RE = re.compile(r"(?:[^\w\n]|_)+")
# Combining marks left by NFKD (diacritics of Latin text).
_MARKS_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LINE_RE = re.compile(r"[^\n]+")


def _slow(text: str) -> str:
    """The reference normalisation (any Unicode text): NFKD, marks, case, digits, non-words."""
    text = _MARKS_RE.sub("", unicodedata.normalize("NFKD", text.lower())).lower()
    return _NONWORD_RE.sub(" ", _DIGIT_RE.sub("0", text))


def _table() -> dict[int, str]:
    """Per-character results of :func:`_slow` that are plain ASCII, as a translate table.

    NFKD, mark stripping, digit folding and the non-word rule all act character by character,
    so applying them per character first changes nothing; typical news text (curly quotes, NBSP,
    dashes, accented letters) then becomes pure ASCII in one ``str.translate``.
    """
    table: dict[int, str] = {}
    ranges = (range(0, 0x250), range(0x300, 0x370), range(0x1E00, 0x2070), range(0x20A0, 0x2200),
              range(0x3000, 0x3040), range(0xFF00, 0xFF70), range(0x1D400, 0x1D800))
    for cp in (c for r in ranges for c in r):
        ch = chr(cp)
        if ch != ch.lower():
            continue  # the text is lower-cased before the table is applied
        out = _slow(ch)
        if out != ch and out.isascii():
            table[cp] = out
    return table


_TABLE = str.maketrans(_table())
_RANGES = (range(0x80, 0x250), range(0x300, 0x370), range(0x1E00, 0x2070), range(0x20A0, 0x2200),
           range(0x3000, 0x3040), range(0xFF00, 0xFF70))


def _fold_tables() -> tuple[tuple[str, ...], dict[int, str]]:
    """Per-code-point ``c.lower().translate(_TABLE)`` (the first step of the reference) for the
    kernel: every ASCII code point, and the non-ASCII ones of the common ranges whose result is
    ASCII. A code point left out only sends its text to the reference."""
    ascii_out = tuple(chr(c).lower().translate(_TABLE) for c in range(128))
    other: dict[int, str] = {}
    for cp in (c for r in _RANGES for c in r):
        out = chr(cp).lower().translate(_TABLE)
        if out.isascii():
            other[cp] = out
    return ascii_out, other


def _kernel_fold() -> Any:
    """``_c_normalize.fold`` with its tables set, or None (not built, or pure Python asked)."""
    kernel = load("saring.dedup._c_normalize")
    if kernel is None:
        return None
    kernel.set_tables(*_fold_tables())
    return kernel.fold


_FOLD = _kernel_fold()
_KERNEL = load("saring.dedup._c_normalize")
_NUMBERS = None if _KERNEL is None else _KERNEL.numbers
_FACTS = None if _KERNEL is None else getattr(_KERNEL, "facts", None)
# a figure: ASCII digits with inner thousands/decimal separators ("1.318.000", "5,6", "2024")
_NUMBER_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_FNV_OFFSET, _FNV_PRIME = 2166136261, 16777619


def _fnv1a(s: str) -> int:
    h = _FNV_OFFSET
    for ch in s:
        h = ((h ^ ord(ch)) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def number_hashes_reference(text: str) -> list[int]:
    """32-bit FNV-1a hashes of the text's figures, in text order (what the kernel computes)."""
    return [_fnv1a(m) for m in _NUMBER_RE.findall(text)]


def number_bytes(text: str) -> bytes:
    """:func:`number_hashes_reference` as native uint32 bytes (unsorted, repeats kept): what the
    hash step stores per document; verification compares only candidate pairs' sets."""
    if _NUMBERS is not None:
        return _NUMBERS(text)  # type: ignore[no-any-return]
    return array("I", number_hashes_reference(text)).tobytes()


_ZERO_GROUPS = re.compile(r"(?:[.,]000)+$")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
FACT_HEAD = 0x80000000
FACT_VALUE = 0x7FFFFFFF


def fact_hashes_reference(text: str, head: int) -> list[int]:
    """The figures of ``text`` in text order for template checks (what the kernel's ``facts``
    computes): the hash of the figure without trailing "000" groups ("64.000" as "64": an
    amount in words, "Rp64 ribu", agrees; a time "13.00" stays) in bits 0-30, and :data:`FACT_HEAD` when the figure
    starts fewer than ``head`` characters into its line (a dateline, an "updated" line) or sits
    in a link (:func:`_in_link`): what a copy re-dates or re-links, not a slot of the template.
    Each figure is followed by its slot (:func:`_slot`): two values per figure."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1)
        value = _ZERO_GROUPS.sub("", m.group())
        flag = col < head or _in_link(text, m.start())
        out += [(_fnv1a(value) & FACT_VALUE) | (FACT_HEAD if flag else 0), 0 if flag else _slot(text, m.start())]
    return out


def _slot(text: str, start: int) -> int:
    """The hash of the nearest word before a figure on its line (at most 64 characters back)
    that starts with a lower-case ASCII letter, or 0: names and day names are what a template
    fills in, the verb or preposition before them is the slot ("pada", "menjadi", "pukul")."""
    lo = max(start - 64, text.rfind("\n", 0, start) + 1)
    for w in reversed(_ASCII_WORD.findall(text, lo, start)):
        if "a" <= w[0] <= "z":
            return _fnv1a(w)
    return 0


def _in_link(text: str, start: int) -> bool:
    """The word holding a figure has a "/" and an ASCII letter before it (a link's path:
    ".../read/2026/12/s03"; a date "14/9/2026" has no letter), or starts > 64 characters back."""
    ws = max(text.rfind(c, 0, start) for c in " \t\n\r")
    if start - ws - 1 > 64:
        return True
    word = text[ws + 1 : start]
    return "/" in word and _ASCII_LETTER.search(word) is not None


def fact_bytes(text: str, head: int) -> bytes:
    """:func:`fact_hashes_reference` as native uint32 bytes: what the hash step stores."""
    if _FACTS is not None:
        return _FACTS(text, head)  # type: ignore[no-any-return]
    return array("I", fact_hashes_reference(text, head)).tobytes()


def number_hashes(text: str) -> np.ndarray:
    """Sorted distinct hashes of the figures of ``text``. Hashing folds digits to 0 (re-crawls
    differ in counters), so a daily report filled into one template (weather, prices, rates) is
    the same text to the shingles; its figures are what tell two days apart."""
    import numpy as np

    return np.unique(np.frombuffer(number_bytes(text), dtype=np.uint32))


def _normalize_reference(text: str) -> str:
    text = text.lower().translate(_TABLE)
    if text.isascii():
        return text
    return _slow(text)


def normalize_for_hash(text: str) -> str:
    """Lower-cased, diacritic-free, digit-folded words separated by spaces (newlines kept).
    (The kernel gives the first step's result in one pass when it is ASCII; otherwise, and
    without the kernel, the reference.)"""
    if _FOLD is not None:
        got = _FOLD(text)
        if got is not None:
            return got  # type: ignore[no-any-return]
    return _normalize_reference(text)


def hash_tokens(text: str) -> list[str]:
    """Word tokens of the normalised text: the unit of exact hashing and of shingling."""
    return normalize_for_hash(text).split()


def normalize_paragraph(par: str) -> str:
    """Paragraph key: normalised words joined by one space (markup and spacing differences vanish)."""
    return " ".join(normalize_for_hash(par).split())


def normalized_lines(text: str) -> list[str]:
    """Lines of the normalised text, aligned one to one with ``text.split("\\n")``.

    Lower-casing, NFKD and digit folding never create or remove a newline, so the whole text is
    normalised once instead of once per line.
    """
    lines = normalize_for_hash(text).split("\n")
    if len(lines) != text.count("\n") + 1:  # defensive: fall back to per-line normalisation
        lines = [normalize_for_hash(x) for x in text.split("\n")]
    return lines


def line_words(normalized_line: str) -> list[str]:
    return normalized_line.split()


def line_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every non-blank line, trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(text):
        s = m.start()
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        out.append((s + lead, s + lead + len(stripped)))
    return out
