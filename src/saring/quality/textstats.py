"""Fast, shared text measurements for the quality filters (no spaCy).

The Gopher/FineWeb rules are defined over word tokens *including punctuation tokens* (datatrove
tokenizes with spaCy, whose punctuation tokens count in the n-gram, alpha-ratio and list-ratio
rules). :data:`TOKEN_RE` approximates spaCy's blank Indonesian tokenizer with one regex: URLs,
@handles and #hashtags, words with inner hyphens/apostrophes, numbers with ``.``/``,`` groups,
``...`` and single punctuation marks. Everything per token is done by C-level calls (``findall``,
``Counter``, ``zip``, set operations); Python loops run only over lines or repeated n-grams.

Measurements for one text are cached (one slot, keyed by the text object), so consecutive filters
on the same document tokenize once, like datatrove's ``lru_cache`` on ``split_into_words``.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from functools import lru_cache
from itertools import compress, filterfalse, repeat
from operator import gt
from typing import Any

import yaml

try:  # the C helper behind Counter (CPython); same semantics in pure Python otherwise
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover

    def _count_elements(mapping: dict[Any, int], iterable: Iterable[Any]) -> None:
        get = mapping.get
        for x in iterable:
            mapping[x] = get(x, 0) + 1

from saring.quality.profiles import DATA_DIR

# Word characters: \w plus the combining marks \w lacks (Latin diacritics, Arabic harakat) and
# C1 controls, which only occur inside mojibake ("â\x80\x9c") that spaCy keeps in one token.
_W = r"[\w\u0080-\u009F\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]"
# Tokens approximate spaCy's blank("id") tokenizer (which datatrove uses): inside a word a hyphen
# joins only lowercase letters (reduplication anak-anak; "Israel-Iran", "COVID-19", "ke-3" split)
# and not before the clitics -nya/-ku/-mu (own tokens); apostrophes and "&" join (R&D); "." or ","
# before a digit join (600.000, 1,5); "." inside names joins (Liputan6.com, TEMPO.CO) unless it
# glues a lowercase letter to a capital ("dia.Oleh" splits); scraper glue spaCy leaves alone stays
# ("katanya.[Gambas", "(MA).Hal", 'Settings"Pilih'). "Rp"/"US$" before an amount, a unit after a
# number (5G, 10km) and an initial/abbreviation with its period ("M.", "No.", "Prof.") are single
# tokens; "#tag", "@user", "•Item" and a dash glued to a capital ("-Konflik") keep their prefix.
# Every repeat needs a separator character, so matching is linear (no nested ambiguity), and
# repeats are possessive (no backtracking state); the leading (?=\S) rejects whitespace positions.


def _alts(words: list[str]) -> str:
    """Regex alternation of literal words, longest first (so "kHz" wins over "K")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _abbrev_alt(words: list[str]) -> str:
    """Each abbreviation followed by a fixed-width lookbehind: not preceded by a word character."""
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(w)
    parts = [r"[A-Z](?<!\w\w)"]
    for n, ws in sorted(by_len.items()):
        behind = r"\w" * (n + 1)
        parts.append(f"(?:{_alts(ws)})(?<!{behind})")
    return "|".join(parts)


def _build_token_re(res: dict) -> re.Pattern[str]:
    for key in ("abbreviations", "units", "clitics"):
        if not all(isinstance(w, str) and w for w in res[key]):
            raise ValueError(f"tokenizer.yaml: {key} must be non-empty strings (quote No/Yes/On)")
    clitic = rf"-(?:{_alts([c.capitalize() for c in res['clitics']] + res['clitics'])})\b"
    sep = (
        rf"(?=[-'’&.,)\"])(?:(?<=[a-z])-(?=[a-z])(?!{clitic[1:]})|['’&]|[.,](?=\d)|\)\.\[?|\.\["
        r"|(?<=\d)\.\"|(?<=[A-Za-z])\"(?=[A-Za-z])|(?<![a-z])\.|\.(?![A-Z]))"
    )
    word = rf"{_W}++(?:{sep}{_W}++)*+"
    return re.compile(
        r"(?=\S)(?:https?://\S++|www\.\S++"
        rf"|Rp(?=\d)|US\$|{clitic}"
        rf"|(?:{_abbrev_alt(res['abbreviations'])})\.(?=\s)"
        rf"|\d++(?:[.,]\d++)*+(?=(?:{_alts(res['units'])})(?!\w))"
        rf"|{word}|[#@•]{word}|-(?<!\S-)(?=[A-Z]){word}"
        r"|\.\.\.|[^\w\s])"
    )


@lru_cache(maxsize=1)
def load_tokenizer_words() -> dict[str, list[str]]:
    """The word lists inside :data:`TOKEN_RE` (abbreviations, units, clitics)."""
    return yaml.safe_load((DATA_DIR / "tokenizer.yaml").read_text("utf-8"))


TOKEN_RE = _build_token_re(load_tokenizer_words())

# A token made only of non-word characters (a punctuation token); a letter anywhere in a token.
_SYMBOL_TOKEN_RE = re.compile(r"[^\w\s]+")
_ALPHA_CHAR_RE = re.compile(r"[^\W\d_]")
_PARA_SPLIT_RE = re.compile(r"\n{2,}")
_LINE_SPLIT_RE = re.compile(r"\n+")


def _count(items: Iterable[Hashable]) -> dict[Any, int]:
    """``Counter(items)`` as a plain dict, without Counter's Python-level constructor overhead."""
    counts: dict[Any, int] = {}
    _count_elements(counts, items)
    return counts


@lru_cache(maxsize=1)
def terminal_punctuation() -> tuple[str, ...]:
    """Unicode sentence terminals (data file generated by ``scripts/gen_quality_punct.py``)."""
    rows = (DATA_DIR / "terminal_punct.txt").read_text("utf-8").splitlines()
    return tuple(chr(int(r, 16)) for r in rows if r and not r.startswith("#"))


def find_duplicates(items: list[str]) -> tuple[int, int]:
    """(number of repeated items, characters in repeated items), first occurrences excluded."""
    n_items = len(items)
    n_unique = len(set(items))
    if n_unique == n_items:
        return 0, 0
    seen: set[str] = set()
    dup_chars = 0
    for x in items:
        if x in seen:
            dup_chars += len(x)
        else:
            seen.add(x)
    return n_items - n_unique, dup_chars


def top_ngram_chars(tokens: list[str], n: int) -> int:
    """Characters covered by the most frequent *repeated* n-gram (space-joined length x count).

    Ties go to the n-gram seen first, as ``Counter.most_common(1)`` does in datatrove. When no
    n-gram occurs twice the answer is 0: the Gopher paper's rule measures duplication, and
    datatrove's "top n-gram of a text that repeats nothing" (the first n-gram, once) rejected
    short clean paragraphs for repetition they do not have (notes/quality.md).
    """
    return top_ngrams(tokens, [n])[0][n]


def top_ngrams(tokens: list[str], ns: list[int]) -> tuple[dict[int, int], list[int]]:
    """:func:`top_ngram_chars` for each n, plus the start positions of repeated largest-n grams.

    Only the smallest n is counted over the whole text. A repeated (n+1)-gram starts where an
    n-gram repeats, so each larger n is counted only at the repeated positions of the previous
    one (~17 % of 2-gram positions in news); when nothing repeats the share is 0 (nothing is
    duplicated; see :func:`top_ngram_chars`). Exact, same ties as ``Counter.most_common(1)``.
    Those positions are also all a repeated-n-gram scan for longer n needs to look at (see
    :func:`dup_ngram_chars`).
    """
    out: dict[int, int] = {}
    n_tok = len(tokens)
    pos: list[int] | None = None  # starts of repeated (n-1)-grams; None = count everywhere
    for n in sorted(ns):
        if n_tok < n:
            out[n] = 0
            pos = []
            continue
        if pos is None:
            grams = list(zip(*(tokens[i:] for i in range(n)), strict=False))
            starts: range | list[int] = range(len(grams))
        else:
            last = n_tok - n
            starts = pos if not pos or pos[-1] <= last else [p for p in pos if p <= last]
            grams = [tuple(tokens[p : p + n]) for p in starts]
        counts = _count(grams)
        top = max(counts.values()) if grams else 1
        if top == 1:  # all n-grams unique: nothing repeats, so no larger n repeats either
            out[n] = 0
            pos = []
            continue
        gram = next(compress(counts, map(top.__eq__, counts.values())))  # first seen of the top
        out[n] = (sum(map(len, gram)) + n - 1) * top
        pos = list(compress(starts, map(gt, map(counts.__getitem__, grams), repeat(1))))
    return out, pos or []


def dup_ngram_chars(
    tokens: list[str], ns: list[int], positions: list[int] | None = None
) -> dict[int, int]:
    """Characters in repeated n-grams for each n in ``ns`` (Gopher's greedy, non-overlapping scan).

    The scan walks left to right, adding n-grams to a seen-set; on a repeat it counts the n-gram's
    characters and jumps ``n`` positions (skipped n-grams are never added). Only positions whose
    n-gram occurs more than once can change the result, and a repeated (n+1)-gram starts where an
    n-gram repeats, so each n is built only at the previous n's repeated positions and the Python
    scan visits only those. ``positions``, when given, must contain every start of a repeated
    smallest-n gram (e.g. the repeated 4-gram starts from :func:`top_ngrams`).
    """
    out = dict.fromkeys(ns, 0)
    n_tok = len(tokens)
    cand: list[int] | None = None if positions is None else list(positions)
    for n in sorted(ns):
        if n_tok < n:
            break
        if cand is None:
            grams = list(zip(*(tokens[i:] for i in range(n)), strict=False))
            starts: range | list[int] = range(len(grams))
        else:  # few positions: slicing beats building n column iterators
            last = n_tok - n
            starts = cand if not cand or cand[-1] <= last else [p for p in cand if p <= last]
            grams = [tuple(tokens[p : p + n]) for p in starts]
        counts = _count(grams)
        if len(counts) == len(grams):
            break  # no repeated n-gram, so no repeated longer one either
        repeated = list(map(gt, map(counts.__getitem__, grams), repeat(1)))
        cand = list(compress(starts, repeated))
        seen: set[tuple[str, ...]] = set()
        next_free = 0
        chars = 0
        for p, g in zip(cand, compress(grams, repeated), strict=True):
            if p < next_free:
                continue
            if g in seen:
                chars += sum(map(len, g))
                next_free = p + n
            else:
                seen.add(g)
        out[n] = chars
    return out


class TextStats:
    """Lazily computed measurements of one text, shared by the quality filters."""

    __slots__ = ("text", "memo", "_tokens", "_n_symbol", "_symbol_chars", "_n_alpha")

    def __init__(self, text: str) -> None:
        self.text = text
        self.memo: dict[object, object] = {}  # per-filter derived data (line splits, n-gram counts)
        self._tokens: list[str] | None = None
        self._n_symbol = -1
        self._symbol_chars = 0
        self._n_alpha = -1

    @property
    def tokenized(self) -> bool:
        """Whether :attr:`tokens` is already computed (a consumer may then use it for free)."""
        return self._tokens is not None

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = TOKEN_RE.findall(self.text)
        return self._tokens

    @property
    def types(self) -> set[str]:
        """Distinct tokens (cached)."""
        types = self.memo.get("types")
        if types is None:
            types = self.memo["types"] = set(self.tokens)
        return types  # type: ignore[return-value]

    def _count_classes(self) -> None:
        """Alpha / symbol token counts.

        Most tokens are plain words: ``str.isalpha`` settles them at C speed (an all-letter token
        has a letter and is no symbol). Only the rest (punctuation, numbers, hyphenated or mixed
        tokens) is classified per distinct type through a bounded cache.
        """
        toks = self.tokens
        others = list(filterfalse(str.isalpha, toks))
        n_alpha = len(toks) - len(others)
        n_symbol = symbol_chars = 0
        if others:
            rest = _count(others)
            if len(_CLASS) > _MAX_TYPES:
                _CLASS.clear()
            for t, k in rest.items():
                c = _CLASS.get(t)
                if c is None:
                    c = _CLASS[t] = _classify(t)
                if c == _ALPHA_WORD:
                    n_alpha += k
                elif c > 0:
                    n_symbol += k
                    symbol_chars += c * k
        self._n_alpha = n_alpha
        self._n_symbol = n_symbol
        self._symbol_chars = symbol_chars

    @property
    def n_symbol(self) -> int:
        """Tokens made only of punctuation/symbols."""
        if self._n_symbol < 0:
            self._count_classes()
        return self._n_symbol

    @property
    def n_alpha(self) -> int:
        """Tokens containing at least one letter."""
        if self._n_alpha < 0:
            self._count_classes()
        return self._n_alpha

    @property
    def word_chars(self) -> int:
        """Characters in non-symbol tokens."""
        if self._n_symbol < 0:
            self._count_classes()
        return sum(map(len, self.tokens)) - self._symbol_chars


_CACHE: list[TextStats | None] = [None]


def stats_for(text: str) -> TextStats:
    """The (cached) :class:`TextStats` of ``text``; one slot, reused while the text is unchanged."""
    st = _CACHE[0]
    if st is not None and (st.text is text or st.text == text):
        return st
    st = TextStats(text)
    _CACHE[0] = st
    return st

# Class codes of non-plain token types, shared across documents (they repeat a lot), bounded:
# -1 a token with a letter, 0 one without (numbers), n > 0 a punctuation token of length n.
_CLASS: dict[str, int] = {}
_ALPHA_WORD, _OTHER_WORD = -1, 0
_MAX_TYPES = 200_000


def _classify(t: str) -> int:
    if _SYMBOL_TOKEN_RE.fullmatch(t):
        return len(t)
    return _ALPHA_WORD if _ALPHA_CHAR_RE.search(t) else _OTHER_WORD


def split_paragraphs(text: str) -> list[str]:
    return _PARA_SPLIT_RE.split(text.strip())


def split_lines(text: str) -> list[str]:
    """``re.split(r"\\n+", text)`` (empty first/last items kept), without the regex when possible."""
    if "\n\n" not in text:
        return text.split("\n")
    return _LINE_SPLIT_RE.split(text)
