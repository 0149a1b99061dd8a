"""Text normalisation for hashing: the same words must hash the same across outlets and crawls.

Lower-case, strip diacritics (only when non-ASCII is present, the common case is ASCII),
fold every digit to ``0`` (re-crawls differ in counters and timestamps) and keep word tokens
only, so punctuation and whitespace changes never break an exact or near-duplicate match.
"""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[^\W_]+")
_DIGIT_RE = re.compile(r"\d")
_SPACE_RE = re.compile(r"\s+")
# Combining marks left by NFKD (diacritics of Latin text); a regex pass is far faster than a
# per-character unicodedata.combining() loop.
_MARKS_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# A paragraph is a maximal run of non-newline characters (news scrapes use single newlines).
_LINE_RE = re.compile(r"[^\n]+")


def _strip_marks(text: str) -> str:
    """Drop combining marks (é -> e) so accent variants hash together."""
    return _MARKS_RE.sub("", unicodedata.normalize("NFKD", text))


def normalize_for_hash(text: str) -> str:
    """Lower-cased, diacritic-free, digit-folded text (punctuation kept; see :func:`hash_tokens`)."""
    text = text.lower()
    if not text.isascii():
        text = _strip_marks(text)
    return _DIGIT_RE.sub("0", text)


def hash_tokens(text: str) -> list[str]:
    """Word tokens of the normalised text: the unit of exact hashing and of shingling."""
    return _WORD_RE.findall(normalize_for_hash(text))


def normalize_paragraph(par: str) -> str:
    """Paragraph key: normalised words joined by one space (markup and spacing differences vanish)."""
    return " ".join(_WORD_RE.findall(normalize_for_hash(par)))


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
    return _WORD_RE.findall(normalized_line)


def line_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every non-blank line, trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        out.append((s + lead, s + lead + len(stripped)))
    return out


def collapse_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
