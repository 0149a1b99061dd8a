"""Scrape glue: ``dariYouTube`` -> ``dari YouTube`` where link markup was dropped without a space.

Only a lower-case word glued to a capitalised word is considered (lower-lower glue such as
``pesawatdelayselama`` cannot be told from real words by case). The split is made only when the
left part is a common Indonesian word, the right part is a known word or name, the whole token
is not itself a word, and the token is not a brand (``iPhone``, ``eKTP``, ``detikNews``).
Link text glued on both sides (``kepadaRepublikamelalui``) is split twice when the right part
is a known word followed by a common lower-case word. Otherwise, when the left part is common,
the token is only reported as a suspect.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator

from saring.compiled import load

_K = load("saring.boilerplate._c_boiler")  # case_boundaries: the same offsets in one C pass

# A lower-case letter directly followed by a capital: the only place glue can be. Found by a
# scan for capitals (few) checked by a look-behind, twice as fast as ``[a-z][A-Z]`` (which stops
# at every lower-case letter); the token around it is then checked in Python (hits are rare).
_BOUNDARY_RE = re.compile(r"[A-Z](?<=[a-z][A-Z])")
_RIGHT_RE = re.compile(r"[A-Z][A-Za-z]{1,30}")
# Okezone prints the first word in capitals glued to the next one: "DAFTARpencetak gol ...".
_CAPS_HEAD_RE = re.compile(r"([A-Z]{3,20})(?=[a-z]{2})")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
# ASCII text: lower-case letters -> "a", capitals -> "A", the rest -> " " (bytes.translate and
# bytes.find run in C at memory speed; the regex scan costs ~6 ns per character)
_CASE_CLASSES = bytes(
    ord("a") if 97 <= b <= 122 else ord("A") if 65 <= b <= 90 else ord(" ") for b in range(256)
)
# Characters that make a token part of a handle, hashtag, path, domain, number or brand.
_NO_BEFORE = frozenset("@#/.:_-&0123456789") | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class GlueFixer:
    """Find glue split points in a line; word knowledge comes from wordfreq (offline lists)."""

    def __init__(
        self,
        brands: tuple[frozenset[str], tuple[str, ...]],
        *,
        min_zipf: float = 3.0,
        tail_words: frozenset[str] = frozenset(),
    ) -> None:
        self.brands, self.prefixes = brands
        self.tail_words = frozenset(w for w in tail_words if len(w) >= 3)
        self.min_zipf = min_zipf
        self._cache: dict[tuple[str, str], float] = {}
        self._zipf = None
        self._freqs: dict[str, dict[str, float]] = {}

    def setup(self) -> None:
        from wordfreq import get_frequency_dict, zipf_frequency

        self._zipf = zipf_frequency
        # load both word lists now, not on the first document that needs them: the English one
        # (~0.14 s) is read for nearly every glue candidate, i.e. within the first few documents
        zipf_frequency("dan", "id")
        zipf_frequency("the", "en")
        # the same dicts wordfreq looks words up in (its own lru-cached objects, no copy)
        self._freqs = {lang: get_frequency_dict(lang, "best") for lang in ("id", "en")}

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_zipf"] = None
        state["_cache"] = {}
        state["_freqs"] = {}
        return state

    def zipf(self, word: str, lang: str) -> float:
        key = (word, lang)
        z = self._cache.get(key)
        if z is None:
            if self._zipf is None:
                self.setup()
            freqs = self._freqs.get(lang)
            if freqs is not None and word.isascii() and word.isalpha() and word.islower():
                z = lower_ascii_zipf(freqs, word)
            else:
                z = self._zipf(word, lang)
            if len(self._cache) < 200_000:
                self._cache[key] = z
        return z

    def is_brand(self, token: str) -> bool:
        return token in self.brands or token.startswith(self.prefixes)

    def judge(self, left: str, right: str) -> float:
        """Confidence that ``left+right`` is glue to split (0 = only a suspect, <0 = leave)."""
        whole = left + right
        if self.is_brand(whole):
            return -1.0
        if self.zipf(left, "id") < self.min_zipf:
            return -1.0
        # a real (if oddly cased) word; the bar is high because frequent glue such as
        # "diindonesia" is itself common enough in web text to be in the word lists
        if self.zipf(whole.lower(), "id") >= 4.0 or self.zipf(whole.lower(), "en") >= 4.0:
            return -1.0
        r = right.lower()
        if right in self.brands or self.zipf(r, "id") >= 2.0 or self.zipf(r, "en") >= 2.5:
            return 0.9
        return 0.0

    def split_tail(self, right: str) -> int | None:
        """Link text glued on both sides (``kepadaRepublikamelalui``): the split inside ``right``
        between a known word or name and a common lower-case word, or None."""
        for k in range(len(right) - 3, 2, -1):  # shortest tail first
            tail = right[k:]
            if tail not in self.tail_words:
                continue
            head = right[:k]
            if len(head) < 4 and not head.isupper():
                continue  # "hadirnyaDanantara" is not "Dan antara"; acronyms (BBM, TNI) are fine
            if head in self.brands or max(
                self.zipf(head.lower(), "id"), self.zipf(head.lower(), "en") - 0.5
            ) >= 3.0:
                return k
        return None

    def find_caps_head(self, text: str, pos: int = 0) -> int | None:
        """Split point after a capitalised first word glued to the next (``JAKARTAkembali``)."""
        m = _CAPS_HEAD_RE.match(text, pos)
        if m is None or self.zipf(m.group(1).lower(), "id") < 2.5:
            return None
        return m.end()

    def find(self, text: str, starts: frozenset[int] = frozenset()) -> Iterator[tuple[int, float, str]]:
        """Yield (split offset in ``text``, confidence, token); confidence 0 means suspect.

        ``starts`` are offsets that begin a word although a letter precedes them (the split
        point of a caps head, ``PENAMPILAN|eleganMaia``), so one pass finds all the glue.
        """
        for p in _boundaries(text):  # split point (the capital)
            s = p - 1
            while s > 0 and p - s < 21 and text[s - 1] in _LOWER and s not in starts:
                s -= 1
            if p - s < 2 or (
                s > 0 and s not in starts and (text[s - 1] in _NO_BEFORE or text[s - 1].isalpha())
            ):
                continue
            r = _RIGHT_RE.match(text, p)
            if r is None:
                continue
            e = r.end()
            if e < len(text):
                nxt = text[e]
                if nxt.isalnum() or nxt in "@/_" or (
                    nxt == "." and e + 1 < len(text) and text[e + 1].islower()
                ):
                    continue
            left, right = text[s:p], text[p:e]
            conf = self.judge(left, right)
            if conf == 0:
                k = self.split_tail(right)
                if k is not None:  # glued on both sides: two splits, a little less sure
                    yield p, 0.8, left + right
                    yield p + k, 0.8, left + right
                    continue
            if conf >= 0:
                yield p, conf, left + right


_MIN_FREQ = 10**0.0 / 1e9  # wordfreq.zipf_to_freq(0.0): zipf_frequency's default minimum


def lower_ascii_zipf(freqs: dict[str, float], word: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)`` for a word of lower-case ASCII letters, given
    ``get_frequency_dict(lang, "best")`` of a regex-tokenized language (id, en): such a word
    is its own single token (no case folding, number smashing or quote uncurling touches it),
    so wordfreq's lookup reduces to one dict read; the arithmetic below repeats wordfreq's own,
    operation for operation, so the float is the same (checked against wordfreq on every word
    of both lists in the tests). ~25x cheaper than the tokenizing call."""
    f = freqs.get(word)
    if f is None:
        freq = _MIN_FREQ
    else:
        one_over_result = 0.0
        one_over_result += 1.0 / f
        freq = 1.0 / one_over_result
        unrounded = max(freq, _MIN_FREQ)
        if unrounded == 0.0:
            freq = 0.0
        else:
            leading_zeroes = math.floor(-math.log(unrounded, 10))
            freq = round(unrounded, leading_zeroes + 3)
    return round(math.log(freq, 10) + 9, 2)


def _boundaries(text: str) -> Iterable[int]:
    """Offsets of capitals directly after a lower-case ASCII letter (``[a-z][A-Z]``)."""
    if _K is not None:
        return _K.case_boundaries(text)
    return _boundaries_py(text)


def _boundaries_py(text: str) -> Iterator[int]:
    """:func:`_boundaries` without the kernel (the reference)."""
    if not text.isascii():
        for m in _BOUNDARY_RE.finditer(text):
            yield m.start()
        return
    classes = text.encode("ascii").translate(_CASE_CLASSES)
    at = classes.find(b"aA")
    while at >= 0:
        yield at + 1
        at = classes.find(b"aA", at + 2)
