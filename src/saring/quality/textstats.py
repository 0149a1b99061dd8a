"""Fast, shared text measurements for the quality filters (no spaCy).

The Gopher/FineWeb rules are defined over word tokens *including punctuation tokens* (datatrove
tokenizes with spaCy, whose punctuation tokens count in the n-gram, alpha-ratio and list-ratio
rules). :data:`TOKEN_RE` approximates spaCy's blank Indonesian tokenizer with one regex: URLs,
@handles and #hashtags, words with inner hyphens/apostrophes, numbers with ``.``/``,`` groups,
``...`` and single punctuation marks. Everything per token is done by C-level calls (``findall``,
``Counter``, ``zip``, set operations); Python loops run only over lines or repeated n-grams.

Measurements for one text are cached (``saring.analysis``, keyed by the text), so consecutive filters
on the same document tokenize once, like datatrove's ``lru_cache`` on ``split_into_words``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, repeat
from operator import gt
from typing import Any, NamedTuple

import yaml

from saring import analysis as _analysis
from saring.analysis import Analysis, analyse, clear_cache, count  # noqa: F401 - clear_cache for tests
from saring.compiled import load
from saring.quality.profiles import DATA_DIR
from saring.scan import line_end_count

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


def _longest_first(words: list[str]) -> list[str]:
    """The order of an alternation of literal words: longest first (so "kHz" wins over "K")."""
    return sorted(words, key=len, reverse=True)


def _alts(words: list[str]) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in _longest_first(words))


def _abbrev_groups(words: list[str]) -> list[tuple[int, list[str]]]:
    """Abbreviations by length, shortest group first (each group one lookbehind width)."""
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(w)
    return sorted(by_len.items())


def _clitic_words(res: dict) -> list[str]:
    return [c.capitalize() for c in res["clitics"]] + res["clitics"]


def kernel_words(res: dict) -> tuple[list[str], list[str], list[str]]:
    """The word lists of :data:`TOKEN_RE` in the order its alternations try them (clitics,
    abbreviations after the built-in capital initial, units), for the compiled tokenizer
    (``saring._c_analysis``), which matches the same regex branch by branch."""
    abbrevs = [w for _, ws in _abbrev_groups(res["abbreviations"]) for w in _longest_first(ws)]
    return _longest_first(_clitic_words(res)), abbrevs, _longest_first(res["units"])


def _abbrev_alt(words: list[str]) -> str:
    """Each abbreviation followed by a fixed-width lookbehind: not preceded by a word character."""
    parts = [r"[A-Z](?<!\w\w)"]
    for n, ws in _abbrev_groups(words):
        behind = r"\w" * (n + 1)
        parts.append(f"(?:{_alts(ws)})(?<!{behind})")
    return "|".join(parts)


FAST_WORD = r"[A-Za-z]++(?![^\s,]|\x85|,\d)"
# A mark of the last branch, [^\w\s], that no earlier branch can start: not a word character
# (_W), and not "-", ".", "#", "@", "•" (clitics, "-Konflik", "...", "#tag") unless what follows
# rules those out; URL, currency, abbreviation, unit and clitic branches start with letters or
# digits (checked on the word lists). Pages of punctuation tokenize ~3x faster.
FAST_PUNCT = (
    r"[^\w\s\-.#@•\u0080-\u009F\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]"
    rf"|-(?![A-Za-z])|\.(?!\.\.)|[#@•](?!{_W})"
)


def _build_token_re(res: dict) -> re.Pattern[str]:
    for key in ("abbreviations", "units", "clitics"):
        if not all(isinstance(w, str) and w for w in res[key]):
            raise ValueError(f"tokenizer.yaml: {key} must be non-empty strings (quote No/Yes/On)")
    clitic = rf"-(?:{_alts(_clitic_words(res))})\b"
    sep = (
        rf"(?=[-'’&.,)\"])(?:(?<=[a-z])-(?=[a-z])(?!{clitic[1:]})|['’&]|[.,](?=\d)|\)\.\[?|\.\["
        r"|(?<=\d)\.\"|(?<=[A-Za-z])\"(?=[A-Za-z])|(?<![a-z])\.|\.(?![A-Z]))"
    )
    word = rf"{_W}++(?:{sep}{_W}++)*+"
    for key in ("abbreviations", "clitics"):  # FAST_PUNCT relies on these starting with a letter
        if not all(w[0].isascii() and w[0].isalpha() for w in res[key]):
            raise ValueError(f"tokenizer.yaml: {key} must start with an ASCII letter")
    # First, two shortcuts giving the same tokens: a punctuation mark that no other branch can
    # start is a token by itself (FAST_PUNCT, first: its one class check fails at once on
    # letters); a run of ASCII letters followed by whitespace
    # (not U+0085, which words may hold), the end, or a comma that joins no digits is one
    # token under the full alternation too
    # (its earlier branches need "://", ".", "$", "-" or a digit right after such letters, and
    # the word branch stops there), and most tokens are such words (~15 % faster).
    return re.compile(
        FAST_PUNCT + "|" + FAST_WORD + r"|(?=\S)(?:https?://\S++|www\.\S++"
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

_PARA_SPLIT_RE = re.compile(r"\n{2,}")
_LINE_SPLIT_RE = re.compile(r"\n+")


_count = count


@lru_cache(maxsize=1)
def terminal_punctuation() -> tuple[str, ...]:
    """Unicode sentence terminals (data file generated by ``scripts/gen_quality_punct.py``)."""
    rows = (DATA_DIR / "terminal_punct.txt").read_text("utf-8").splitlines()
    return tuple(chr(int(r, 16)) for r in rows if r and not r.startswith("#"))


def find_duplicates(items: list[str]) -> tuple[int, int]:
    """(number of repeated items, characters in repeated items), first occurrences excluded."""
    n_items = len(items)
    unique = set(items)
    if len(unique) == n_items:
        return 0, 0
    # every item but the first occurrence of each distinct value is a repeat
    return n_items - len(unique), sum(map(len, items)) - sum(map(len, unique))


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

    Long token lists go through the integer-key version (:func:`_top_ngrams_np`, same results):
    on repetitive text every position repeats and building n-tuples there costs O(tokens x n).
    With the compiled kernel, its exact integer n-gram classes (same results).
    """
    k = _analysis.kernel()
    if k is not None and kernel_ns(ns):
        tops, _, positions = k.ngrams(k.intern(tokens), ns, (), True)
        return tops, positions
    if _int_keys(tokens):
        return _top_ngrams_np(tokens, ns)
    return _top_ngrams_tuple(tokens, ns)


def kernel_ns(ns: Any) -> bool:
    """n-gram sizes the kernel takes (the Python code has its own answer for n < 1)."""
    return all(isinstance(n, int) and 1 <= n <= 1_000_000 for n in ns)


def kernel_ngram_chars(
    st: Analysis,
    top_ns: list[int],
    dup_ns: list[int],
    key: Any = None,
    *,
    ns_ok: bool = False,
    stop: tuple[int, dict[int, float], dict[int, float]] | None = None,
) -> tuple[dict[int, int], dict[int, int]] | None:
    """:func:`top_ngrams` and :func:`dup_ngram_chars` of a text's tokens in one pass of the
    compiled kernel over its token ids, memoised on the analysis under ``key`` (default: one
    made of the n); None without the kernel (the caller then runs the two functions).
    ``ns_ok``: the caller checked the sizes with :func:`kernel_ns` once (per profile).
    ``stop``: ``(characters, {n: top limit}, {n: dup limit})``: the sizes above the first one
    over its limit are not counted and left out (the caller's key must say so)."""
    if key is None:
        key = ("quality_ngrams", tuple(top_ns), tuple(dup_ns))
    found = st.memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    k = _analysis.kernel()
    if k is None or not (ns_ok or (kernel_ns(top_ns) and kernel_ns(dup_ns))):
        return None
    info = st.token_info
    if info is None:  # tokens made without the kernel (it was switched on since)
        info = k.intern(st.tokens)
    if stop is None:
        found = st.memo[key] = k.ngrams(info, top_ns, dup_ns)
    else:
        found = st.memo[key] = k.ngrams(info, top_ns, dup_ns, False, stop)
    return found  # type: ignore[return-value]


def _top_ngrams_tuple(tokens: list[str], ns: list[int]) -> tuple[dict[int, int], list[int]]:
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
    """Characters in repeated n-grams for each n in ``ns``; see :func:`_dup_ngram_chars_tuple`.

    Long token lists go through the integer-key version (:func:`_dup_ngram_chars_np`, same
    results), which stays linear in the number of repeated positions whatever n is. The
    compiled kernel counts from scratch (``positions`` only ever saves work; same results).
    """
    k = _analysis.kernel()
    if k is not None and kernel_ns(ns):
        return k.ngrams(k.intern(tokens), (), ns)[1]
    if _int_keys(tokens):
        return _dup_ngram_chars_np(tokens, ns, positions)
    return _dup_ngram_chars_tuple(tokens, ns, positions)


def _dup_ngram_chars_tuple(
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


# The per-text measurements now live in the shared per-document analysis (saring.analysis);
# these names stay for the quality filters and their tests.
TextStats = Analysis
stats_for = analyse


# Token lists at least this long count n-grams on numpy integer keys (_NpGrams); shorter ones use
# the tuple code, which is faster when few positions repeat (typical news: ~360 tokens).
INT_KEYS_MIN_TOKENS = 1500
# ... and so do shorter lists made of few distinct tokens (crafted or boilerplate text repeated
# over and over: every position repeats, where the tuple code costs O(tokens x n))
INT_KEYS_REPETITIVE_MIN = 300
INT_KEYS_REPETITIVE_TYPES = 4  # at most one distinct token per this many


def _int_keys(tokens: list[str]) -> bool:
    """Whether the n-gram counts of ``tokens`` go through :class:`_NpGrams` (same results)."""
    n = len(tokens)
    return n >= INT_KEYS_MIN_TOKENS or (
        n >= INT_KEYS_REPETITIVE_MIN and len(set(tokens)) * INT_KEYS_REPETITIVE_TYPES <= n
    )


_KEY_LIMIT = 1 << 62  # pair keys a * B + b stay exact in int64 below this


class _NpGrams:
    """Exact n-gram classes on numpy arrays, for long documents.

    Token ``i`` gets ``ids[i]``, a dense id of its type (``0 <= id < V``, V types; see
    :func:`_token_ids`). The n-grams at a set of start positions are numbered by *codes*
    (``0 <= code < bound``, equal codes <=> equal n-grams; no hashing, no collisions). The
    (n+1)-gram codes refine the n-gram codes by the next token (:meth:`refine`): a class whose
    members all have the same next token keeps its code and only the classes that split are
    renumbered. On text repeated over and over, after the first levels no class splits and a
    level costs a few linear vector operations instead of a sort. ``cum`` is the prefix sum of
    token lengths (an int64 array; ``cum_mv`` reads it from Python at list speed).
    """

    __slots__ = ("np", "tokens", "ids", "base", "cum", "cum_mv", "top_state")

    def __init__(self, tokens: list[str]) -> None:
        import numpy as np  # only long documents pay numpy's import

        self.np = np
        self.tokens = tokens  # kept so the one-slot cache's identity check cannot be fooled
        self.ids, self.base = _token_ids(np, tokens)
        n = len(tokens)
        cum = np.zeros(n + 1, dtype=np.int64)
        if n:
            np.cumsum(np.fromiter(map(len, tokens), np.int64, n), out=cum[1:])
        self.cum = cum
        self.cum_mv = memoryview(cum)
        # (positions list returned by the top n-grams, level, starts, codes, bound) so that the
        # repeated n-gram scan seeded with those positions goes on from there
        self.top_state: tuple[Any, ...] | None = None

    def refine(self, starts: Any, codes: Any, bound: int, j: int) -> tuple[Any, int]:
        """Codes of the (j+1)-grams at ``starts`` from the j-gram ``codes`` (all ``< bound``)."""
        np = self.np
        col = self.ids[starts + j]  # the next token of each gram
        rep = np.empty(bound, dtype=np.int64)
        rep[codes] = np.arange(len(codes), dtype=np.int64)  # one member of each class (any)
        bad = col != col[rep[codes]]
        if not bad.any():  # every class has one next token: same classes, same codes
            return codes, bound
        split = np.zeros(bound, dtype=bool)
        split[codes[bad]] = True
        sel = np.flatnonzero(split[codes])  # members of the classes that split
        sub = _pair_rank(np, codes[sel], bound, col[sel], self.base)
        codes = codes.copy()
        codes[sel] = sub + bound  # new codes after every old one
        bound += int(sub.max()) + 1
        if bound > 2 * len(codes) + 1024:  # renumber densely (linear) so ``bound`` stays small
            rank = np.cumsum(np.bincount(codes, minlength=bound) > 0) - 1
            codes, bound = rank[codes], int(rank[-1]) + 1
        return codes, bound


def _pair_rank(np: Any, a: Any, a_bound: int, b: Any, b_bound: int) -> Any:
    """Dense ranks of the pairs ``(a[i], b[i])`` (``0 <= a < a_bound``, ``0 <= b < b_bound``):
    equal ranks <=> equal pairs, ``0 <= rank < number of distinct pairs``."""
    m = len(a)
    bound = a_bound * b_bound
    if bound < _KEY_LIMIT:
        keys = a * b_bound + b
        if bound <= 4 * m + 1024:  # linear: which keys occur, ranked in key order
            rank = np.cumsum(np.bincount(keys, minlength=bound) > 0) - 1
            return rank[keys]
        if m >= 2048:
            return _radix_count(np, keys, bound)[1]
        return np.unique(keys, return_inverse=True)[1].reshape(-1)
    order = np.lexsort((b, a))  # keys would leave int64: sort the pairs themselves
    sa, sb = a[order], b[order]
    new = np.empty(m, dtype=bool)
    new[:1] = True
    new[1:] = (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])
    rank = np.empty(m, dtype=np.int64)
    rank[order] = np.cumsum(new) - 1
    return rank


def _radix_count(np: Any, keys: Any, bound: int) -> tuple[Any, Any, Any]:
    """``np.unique(keys, return_index, return_inverse, return_counts)`` without the first
    array, for keys ``0 <= key < bound <= 2**64``: a least-significant-digit radix sort on 16-bit
    digits (numpy's stable sort of ``uint16`` is a radix sort), at most four passes. Stable
    passes keep equal keys in position order, so a group's first member is its first
    occurrence."""
    m = len(keys)
    order = np.arange(m, dtype=np.int64)
    shift = 0
    while shift == 0 or (bound - 1) >> shift:
        digit = (keys[order] >> shift).astype(np.uint16)  # bits shift..shift+15
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    ordered = keys[order]
    new = np.empty(m, dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    at = np.flatnonzero(new)
    inv = np.empty(m, dtype=np.int64)
    inv[order] = np.cumsum(new) - 1
    return order[at], inv, np.diff(np.append(at, m))


def _token_ids(np: Any, tokens: list[str]) -> tuple[Any, int]:
    """Dense ids of ``tokens`` (equal ids <=> equal tokens, ``0 <= id < V``) and V (at least 1):
    the rank of each token's type by first occurrence, from one dict of the types (C-level
    passes; faster than ranking the tokens' hashes with a sort, and exact by construction)."""
    n = len(tokens)
    types = dict.fromkeys(tokens)  # types by first occurrence
    if len(types) == n:  # all distinct (a page of distinct code points): ids are positions
        return np.arange(n, dtype=np.int64), max(n, 1)
    rank = dict(zip(types, itertools.count()))
    return np.fromiter(map(rank.__getitem__, tokens), np.int64, n), max(len(rank), 1)


_GRAMS: list[_NpGrams] = []


def _np_grams(tokens: list[str]) -> _NpGrams:
    """The :class:`_NpGrams` of ``tokens``, shared by the top and dup counts of one text."""
    if _GRAMS and _GRAMS[0].tokens is tokens:
        return _GRAMS[0]
    _GRAMS[:] = [_NpGrams(tokens)]
    return _GRAMS[0]


def _levels(
    g: _NpGrams, ns: list[int], starts: Any = None, codes: Any = None, bound: int = 0, have: int = 0
) -> Iterator[tuple[int, Any, Any, Any]]:
    """For each n of ``ns`` (ascending, all above ``have``): ``(n, starts, codes, counts)``,
    the start positions whose n-gram occurs more than once among the positions still in play,
    their n-gram codes, and the count of each code (``counts[code]``) among those positions.

    Every level from ``have + 1`` up is computed; after each, the positions whose gram occurs
    once are dropped (a repeated n-gram starts where every shorter gram repeats, so the counts
    of the n-grams that do repeat are unchanged). ``starts`` (increasing; None = every
    position) and, when ``have > 0``, the ``have``-gram ``codes < bound`` there, say where to
    go on from."""
    np = g.np
    n_tok = len(g.ids)
    if starts is None:
        starts = np.arange(n_tok, dtype=np.int64)
    for n in ns:
        while have < n:
            have += 1
            last = n_tok - have  # a have-gram starts at most here
            if len(starts) and int(starts[-1]) > last:
                cut = int(np.searchsorted(starts, last, side="right"))
                starts = starts[:cut]
                codes = None if codes is None else codes[:cut]
            if have == 1:
                codes, bound = g.ids[starts], g.base
            else:
                codes, bound = g.refine(starts, codes, bound, have - 1)
            counts = np.bincount(codes, minlength=bound)
            keep = counts[codes] > 1
            if not keep.all():
                starts, codes = starts[keep], codes[keep]
            if have == n:
                yield n, starts, codes, counts


def _top_ngrams_np(tokens: list[str], ns: list[int]) -> tuple[dict[int, int], list[int]]:
    """:func:`_top_ngrams_tuple` on n-gram codes (identical results, linear on repetitive text)."""
    g = _np_grams(tokens)
    np = g.np
    out: dict[int, int] = {}
    last = None
    for n, starts, codes, counts in _levels(g, sorted(ns)):
        last = (n, starts, codes, len(counts))
        top = int(counts.max()) if len(starts) else 0
        if top < 2:
            out[n] = 0
            continue
        # the first position of a most frequent n-gram starts the first seen of them
        p0 = int(starts[int(np.argmax(counts[codes] == top))])
        out[n] = (int(g.cum[p0 + n] - g.cum[p0]) + n - 1) * top
    if last is None:
        return out, []
    positions = last[1].tolist()
    g.top_state = (positions, *last)
    return out, positions


def _dup_ngram_chars_np(
    tokens: list[str], ns: list[int], positions: list[int] | None = None
) -> dict[int, int]:
    """:func:`_dup_ngram_chars_tuple` on n-gram codes (identical results)."""
    g = _np_grams(tokens)
    np = g.np
    out = dict.fromkeys(ns, 0)
    ns = sorted(ns)
    if not ns:
        return out
    state = g.top_state
    if state is not None and positions is not None and state[0] is positions and state[1] < ns[0]:
        _, have, starts, codes, bound = state  # go on from the top n-grams' last level
    else:
        have, codes, bound = 0, None, 0
        starts = None if positions is None else np.asarray(positions, dtype=np.int64)
    for n, ps, ks, counts in _levels(g, ns, starts, codes, bound, have):
        if not len(ps):
            break
        out[n] = _scan(g, ps, ks, n, counts)
    return out


# few distinct repeated n-grams in few runs of consecutive positions (one phrase or character
# repeated over and over): the greedy scan walks whole runs with vector operations
_BULK_RATIO = 16


def _scan(g: _NpGrams, starts: Any, codes: Any, n: int, counts: Any) -> int:
    """Gopher's greedy scan over the repeated n-gram positions ``starts`` (their ``codes``
    counted in ``counts``, so codes are below ``bound = len(counts)``)."""
    np = g.np
    bound = len(counts)
    m = len(starts)
    if m >= _BULK_RATIO * int(np.count_nonzero(counts > 1)) and m >= _BULK_RATIO * _runs(
        np, starts
    ):
        return _greedy_scan_runs(g, starts, codes, n, bound)
    arrays = (np, starts, codes, bound, g.cum)
    return _greedy_scan(memoryview(starts), memoryview(codes), n, g.cum_mv, arrays)


def _runs(np: Any, ps: Any) -> int:
    """Number of runs of consecutive positions in the increasing array ``ps``."""
    return int(np.count_nonzero(np.diff(ps) != 1)) + 1 if len(ps) else 0


def _greedy_scan_runs(g: _NpGrams, ps: Any, ks: Any, n: int, bound: int) -> int:
    """:func:`_greedy_scan` on arrays (dense keys ``ks < bound``). Inside a run of consecutive
    positions a repeat jumps exactly ``n`` indices, so from index ``i`` the scan visits
    ``i, i+n, i+2n, ...`` until a key not seen yet: those visits are walked in vector steps over
    doubling windows (so a short chain costs one small step and a long one a few). One vector
    step per new key or chain, instead of one Python step per visited position."""
    np = g.np
    cum = g.cum
    seen = np.zeros(bound, dtype=bool)
    ends = np.append(np.flatnonzero(np.diff(ps) != 1) + 1, len(ps))  # run ends (exclusive)
    chars = 0
    i, m = 0, len(ps)
    while i < m:
        k = int(ks[i])
        if not seen[k]:
            seen[k] = True
            i += 1
            continue
        r = int(ends[np.searchsorted(ends, i, side="right")])
        w = 8
        while True:
            e = min(i + w * n, r)
            idx = np.arange(i, e, n)
            new = np.flatnonzero(~seen[ks[idx]])
            if len(new):  # walk up to the first visit whose key is new
                idx = idx[: new[0]]
                nxt = i + int(new[0]) * n
            elif e < r:  # the chain goes on in this run: a wider window
                nxt = int(idx[-1]) + n
            else:  # the whole run; then the first position past the last visit's n-gram
                p_last = int(ps[idx[-1]])
                nxt = int(np.searchsorted(ps, p_last + n, side="left"))
            p = ps[idx]
            chars += int((cum[p + n] - cum[p]).sum())
            i = nxt
            if len(new) or e >= r:
                break
            w *= 2
    return chars


# after this many new keys in a row, the scan finds the end of the stretch of new keys by vector
# steps (text repeated over and over: its first copy is one long stretch of new n-grams)
_STREAK = 64


def _new_stretch(np: Any, ks: Any, seen: Any, i: int) -> int:
    """The greedy scan from index ``i`` (key not seen) visits ``i, i+1, ...`` while each key is
    new: not seen before and not met since ``i``. Marks those keys seen and returns the first
    index whose key is seen (or the end), in vector steps over doubling windows."""
    m, w = len(ks), 64
    while i < m:
        e = min(i + w, m)
        win = ks[i:e]
        stop = seen[win].astype(bool)
        again = np.ones(e - i, dtype=bool)
        again[np.unique(win, return_index=True)[1]] = False  # a key met earlier in the window
        stop = np.flatnonzero(stop | again)
        upto = e if not len(stop) else i + int(stop[0])
        seen[ks[i:upto]] = True
        if len(stop):
            return upto
        i, w = e, w * 2
    return m


def _seen_chain(np: Any, ps: Any, ks: Any, seen: Any, cum: Any, i: int, n: int) -> tuple[int, int]:
    """Where positions are consecutive, the scan from index ``i`` visits ``i, i+n, i+2n, ...``
    while the keys are seen: walks those visits in vector steps over doubling windows, returns
    (next index to visit, characters counted). Stops early (to the caller's step by step scan)
    where positions are not consecutive."""
    m, w, chars = len(ps), 64, 0
    while True:
        w = min(w, (m - 1 - i) // n)
        e = i + w * n
        if w < 1 or int(ps[e]) - int(ps[i]) != e - i:  # increasing: consecutive iff span fits
            return i, chars
        idx = np.arange(i, e, n)
        new = np.flatnonzero(seen[ks[idx]] == 0)
        if len(new):
            idx = idx[: new[0]]
        p = ps[idx]
        chars += int((cum[p + n] - cum[p]).sum())
        if len(new):
            return i + int(new[0]) * n, chars
        i, w = e, w * 2


def _greedy_scan(
    ps: list[int], ks: list[int], n: int, cum: list[int], arrays: tuple[Any, ...] | None = None
) -> int:
    """Gopher's left-to-right scan over the repeated positions ``ps`` (keys ``ks``): a key seen
    before counts its n-gram's characters and the scan jumps past it (by bisection, so
    repetitive text visits ~1/n of the positions), else the key is remembered. With
    ``arrays`` (numpy, ``ps`` and ``ks`` as arrays, a bound on the keys, ``cum`` as an array),
    long stretches of new keys are walked by :func:`_new_stretch` and long chains of seen ones
    by :func:`_seen_chain` (text repeated over and over), with the same result."""
    seen: Any = set() if arrays is None else bytearray(arrays[3])
    seen_np = None if arrays is None else arrays[0].frombuffer(seen, dtype=arrays[0].uint8)
    add = seen.add if arrays is None else None
    chars = streak = 0
    i, m = 0, len(ps)
    while i < m:
        k = ks[i]
        if k in seen if add else seen[k]:
            p = ps[i]
            chars += cum[p + n] - cum[p]
            # positions are distinct and increasing, so ps[i + n] >= p + n: the next free
            # position is ps[i + n] itself when that equals p + n, else within the next n
            j = i + n
            if j >= m:
                j = bisect_left(ps, p + n, i + 1, m)
            elif ps[j] != p + n:
                j = bisect_left(ps, p + n, i + 1, j)
            i = j
            streak = -1 if streak > 0 else streak - 1
            if streak <= -_STREAK and i < m and arrays is not None:
                i, more = _seen_chain(arrays[0], arrays[1], arrays[2], seen_np, arrays[4], i, n)
                chars += more
                streak = 0
        elif add:
            add(k)
            i += 1
        else:
            seen[k] = 1
            i += 1
            streak = 1 if streak < 0 else streak + 1
            if streak >= _STREAK and i < m:
                i = _new_stretch(arrays[0], arrays[2], seen_np, i)  # type: ignore[index]
                streak = 0
    return chars


def split_paragraphs(text: str) -> list[str]:
    return _PARA_SPLIT_RE.split(text.strip())


def split_lines(text: str) -> list[str]:
    """``re.split(r"\\n+", text)`` (empty first/last items kept), without the regex when possible."""
    if "\n\n" not in text:
        return text.split("\n")
    return _LINE_SPLIT_RE.split(text)


class LineDups(NamedTuple):
    """Repeated lines of a text for the FineWeb and Gopher line rules (one split, one set).

    Gopher's lines are ``split_lines(text)`` (``re.split(r"\\n+")``); FineWeb's are the
    non-blank lines of ``text.split("\\n")``. Both are ``text.split("\\n")`` less some empty
    or whitespace-only lines, so one set of those lines gives both duplicate counts, corrected
    for the lines each leaves out (:func:`line_counts`).
    """

    n_lines: int  # Gopher lines
    n_dup: int  # Gopher lines that repeat an earlier one
    dup_chars: int  # characters in those
    nonblank_dup_chars: int  # characters in FineWeb lines that repeat an earlier one


class LineCounts(NamedTuple):
    """Blank lines of ``text.split("\\n")`` (empty or whitespace-only), and how many lines
    FineWeb (non-blank) and Gopher (split on runs of newlines) see."""

    n_nonblank: int  # FineWeb lines
    n_gopher: int  # Gopher lines: the empty lines go, except the first and the last
    ws_chars: int  # characters of the whitespace-only lines (usually none)
    ws_dchars: int  # ... of the distinct ones


# The compiled line counts (``_c_quality.c``); None when not built (then ``line_numbers_py``).
_K = load("saring.quality._c_quality")


def line_numbers_py(lines: list[str]) -> tuple[int, int, int, int, int, int, int]:
    """Over ``lines = text.split("\\n")``: (lines, empty lines, whitespace-only lines, their
    characters, the characters of the distinct ones, distinct lines, their characters). The
    reference of the kernel's ``line_stats(text)``, which counts them without splitting."""
    ws = list(filter(str.isspace, lines))
    distinct = set(lines)
    return (
        len(lines),
        lines.count(""),
        len(ws),
        sum(map(len, ws)),
        sum(map(len, set(ws))),
        len(distinct),
        sum(map(len, distinct)),
    )


def _line_numbers(st: Analysis) -> tuple[int, int, int, int, int, int, int]:
    """:func:`line_numbers_py` of a text, by the kernel when built, memoised on its analysis."""
    found = st.memo.get("quality_line_numbers")
    if found is None:
        found = _remember_line_numbers(
            st, _K.line_stats(st.text) if _K is not None else line_numbers_py(st.lines)
        )
    return found  # type: ignore[return-value]


def _remember_line_numbers(st: Analysis, found: tuple[int, ...]) -> tuple[int, ...]:
    st.memo["quality_line_numbers"] = found
    st.know_newlines(found[0] - 1)  # text.split("\n") has one line more than newlines
    return found


@lru_cache(maxsize=16)
def _end_table(chars: str) -> Any:
    """The kernel's table of line-end characters (built once per set, outside the steps'
    picklable state), for sorted distinct ``chars`` as ``line_end_count`` takes them."""
    if any(a >= b for a, b in zip(chars, chars[1:], strict=False)):
        raise ValueError("line_end_count: chars must be distinct and sorted")
    return _K.end_table(chars)


def line_ends(st: Analysis, chars: str) -> int:
    """``saring.scan.line_end_count(text, chars)``. With the kernel, and the line numbers not
    known yet, it is counted in the same walk over the lines that makes them (FineWeb's first
    rule reads both: one pass over the text instead of two)."""
    if _K is not None and "quality_line_numbers" not in st.memo:
        found = _K.line_stats(st.text, _end_table(chars))
        _remember_line_numbers(st, found[:7])
        return found[7]  # type: ignore[no-any-return]
    return line_end_count(st.text, chars)


def _edge_lines_empty(text: str) -> tuple[bool, bool]:
    """Whether the first and the last line of ``text.split("\\n")`` are empty."""
    return (not text or text[0] == "\n"), (not text or text[-1] == "\n")


def line_counts(st: Analysis) -> LineCounts:
    """:class:`LineCounts` of a text, memoised on its analysis."""
    found = st.memo.get("quality_line_counts")
    if found is None:
        n_lines, n_empty, n_ws, ws_chars, ws_dchars, _, _ = _line_numbers(st)
        first, last = _edge_lines_empty(st.text)
        ends = first + (n_lines > 1 and last)
        found = st.memo["quality_line_counts"] = LineCounts(
            n_lines - n_empty - n_ws, n_lines - n_empty + ends, ws_chars, ws_dchars
        )
    return found  # type: ignore[return-value]


def line_dups(st: Analysis) -> LineDups:
    """:class:`LineDups` of a text, memoised on its analysis."""
    found = st.memo.get("quality_line_dups")
    if found is None:
        text = st.text
        counts = line_counts(st)
        _, n_empty, _, _, _, n_distinct, dchars = _line_numbers(st)
        first, last = _edge_lines_empty(text)
        if n_empty and not first and not last:
            n_distinct -= 1  # only inner empty lines, which Gopher's split drops
        chars = len(text) - st.n_newlines  # the characters of all lines
        found = st.memo["quality_line_dups"] = LineDups(
            n_lines=counts.n_gopher,
            n_dup=counts.n_gopher - n_distinct,
            dup_chars=chars - dchars,
            nonblank_dup_chars=(chars - counts.ws_chars) - (dchars - counts.ws_dchars),
        )
    return found  # type: ignore[return-value]
