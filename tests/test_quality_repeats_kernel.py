"""Quality's second look on the kernel's type ids (``_c_analysis`` ``no_alnum``, ``layout_run``,
``first_repeat``) against the token-list reference in ``saring.quality.repeats``.

A court text rejected by ``gopher_dup_5_gram`` is described from its ids (no list of every
token, no Python walk over n-grams); the gram, its count and every verdict must stay those of
the reference, on any token list: layout tokens, drawn lines, texts longer than the count span.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kernel_paths import KERNEL

from saring import analysis
from saring.quality import gopher, repeats
from saring.quality.gopher import GopherRepetition

pytestmark = pytest.mark.skipif(KERNEL is None, reason="saring._c_analysis not built")

WORDS = ["dan", "yang", "pasal", "ayat", "Rp10.000", "1", "é", "\U0001f923", "_x_", "a\u0301"]
LAYOUT = [",", ".", "(", ")", "***", "-", "_____", "(..........)", "\u2500\u2500", "+", "\u00a7"]
TOKENS = st.lists(st.sampled_from(WORDS + LAYOUT), max_size=80)


def view_of(tokens: list[str]) -> repeats.TypeView:
    """The :class:`repeats.TypeView` of a token list (ids by first occurrence, as the tokenizer)."""
    types = list(dict.fromkeys(tokens))
    info = KERNEL.intern(tokens)
    layout = [i for i in KERNEL.no_alnum(types) if not repeats.is_word(types[i])]
    flags = bytes(i in set(layout) for i in range(len(types))) if layout else b""
    return repeats.TypeView(KERNEL, info, types, layout, flags)


def test_every_alphanumeric_character_is_text():
    """``no_alnum`` passes over a type with a letter or digit: that is exact only if every
    character ``str.isalnum`` accepts is text to :func:`repeats.is_word` (every code point)."""
    text = repeats._TEXT_CHAR
    bad = [
        c
        for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and chr(c).isalnum() and text.match(chr(c)) is None
    ]
    assert bad == []


@settings(max_examples=200, deadline=None)
@given(TOKENS, st.integers(1, 6))
def test_view_equals_the_token_list_reference(tokens, n):
    view = view_of(tokens)
    assert {view.types[i] for i in view.layout} == repeats.layout_tokens(set(tokens))
    assert repeats.view_layout_free(view, n) == repeats.layout_free(tokens, set(tokens), n)
    assert repeats.view_first_repeated_ngram(view, n) == repeats.first_repeated_ngram(tokens, n)
    assert repeats.view_repeated_starts(view, n) == repeats.repeated_starts(tokens, n)


@pytest.mark.parametrize("seed", range(12))
def test_long_texts_count_within_the_span(seed):
    """Texts around and beyond the 2,048-token count span (``x4+``), few or many types."""
    rng = random.Random(seed)
    vocab = rng.sample(WORDS + LAYOUT, rng.randint(2, len(WORDS + LAYOUT)))
    vocab += [f"w{i}" for i in range(rng.choice([0, 50, 3000]))]
    tokens = [rng.choice(vocab) for _ in range(rng.choice([1500, 2047, 2048, 2049, 5000]))]
    for n in (1, 2, 5, 10):
        got = repeats.view_first_repeated_ngram(view_of(tokens), n)
        assert got == repeats.first_repeated_ngram(tokens, n)


def test_no_repeat_and_short_texts():
    for tokens, n in ([[], 1], [["a"], 2], [["a", "b", "c"], 1], [[",", ",", "."], 1]):
        assert repeats.view_first_repeated_ngram(view_of(tokens), n) == ("", "0")
    with pytest.raises(ValueError):
        KERNEL.first_repeat(KERNEL.intern(["a"]), ["a", "b"], 1, b"", 10)
    with pytest.raises(ValueError):
        KERNEL.layout_run(KERNEL.intern(["a"]), b"\x01\x00", 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", "\n", " ", "\r", ""]), max_size=30).map("".join))
def test_gopher_lines_are_the_regex_split(text):
    assert repeats.gopher_lines(text.split("\n")) == re.split(r"\n+", text)


@pytest.mark.parametrize("seed", range(6))
def test_rejections_and_descriptions_agree_on_both_paths(seed, monkeypatch):
    """A long repetitive text (the first-seen-twice description) through the whole filter with
    the kernel and with the pure-Python analysis: the same verdict and annotation."""
    rng = random.Random(seed)
    vocab = WORDS + LAYOUT + ["hakim", "terdakwa"] + [f"k{i}" for i in range(40)]
    lines = [" ".join(rng.choice(vocab) for _ in range(9)) for _ in range(60)]
    # numbered lines: no line repeats, their 5-grams do (the rule of court texts)
    text = "\n".join(f"nomor{i} {rng.choice(lines)}" for i in range(250))
    out = []
    for kernel in (KERNEL, None):
        monkeypatch.setattr(analysis, "_kernel", kernel)
        analysis.clear_cache()
        step = GopherRepetition()
        step.ensure_setup()
        scores, verdict = step.evaluate(text, "id", stop_early=True)
        out.append((scores, verdict))
    analysis.clear_cache()
    assert out[0] == out[1]
    assert out[0][1].reason == "gopher_dup_5_gram" and "repeated" in out[0][0]


def _line_reference(lines: list[str], blank: bool) -> tuple[int, int, tuple[str, int] | None]:
    """The session-14 definitions: two Counters, each line classified in each."""
    from collections import Counter

    counts = Counter(x for x in lines if not repeats.is_word(x) and (blank or x.strip()))
    layout = sum(c - 1 for c in counts.values()), sum((c - 1) * len(x) for x, c in counts.items())
    words = Counter(x for x in lines if repeats.is_word(x))
    top = words.most_common(1)[0] if words else None
    return (*layout, top if top is not None and top[1] > 1 else None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["", " ", "\r", "***", "+---+", "a", "b c", "Pasal 1", "é", "(...)"])),
    st.booleans(),
)
def test_line_repeats_equal_the_two_counts(lines, blank):
    assert repeats.line_repeats(lines, blank=blank) == _line_reference(lines, blank)


def _full_then_cut(tokens, tops, dups, n_chars, top_lim, dup_lim):
    """The reference of ``ngrams(..., stop)``: every size counted, then the sizes above the
    first one over its limit (tops before dups at a size) left out."""
    t, d = KERNEL.ngrams(KERNEL.intern(tokens), tops, dups)
    for h in sorted(set(tops) | set(dups)):
        over = (h in top_lim and t[h] / n_chars > top_lim[h]) or (
            h in dup_lim and d[h] / n_chars > dup_lim[h]
        )
        if over:
            return {n: v for n, v in t.items() if n <= h}, {n: v for n, v in d.items() if n <= h}
    return t, d


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", ",", "dd"]), max_size=60),
    st.lists(st.floats(0, 0.6), min_size=9, max_size=9),
    st.integers(1, 400),
)
def test_early_stop_leaves_out_exactly_the_larger_sizes(tokens, limits, n_chars):
    tops, dups = [2, 3, 4], [5, 6, 7, 8, 9, 10]
    top_lim = dict(zip(tops, limits[:3], strict=True))
    dup_lim = dict(zip(dups, limits[3:], strict=True))
    got = KERNEL.ngrams(KERNEL.intern(tokens), tops, dups, False, (n_chars, top_lim, dup_lim))
    assert got == _full_then_cut(tokens, tops, dups, n_chars, top_lim, dup_lim)


EARLY_CHARS = gopher._EARLY_CHARS
LINES = [
    "+-----+-----+",
    "| a | b |",
    "Pasal 1 ayat 2 dan yang",
    "dan yang",
    "***",
    "harga 10 , 20",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=40), st.booleans())
def test_scores_after_an_early_stop_equal_the_pure_path(lines, stop_early):
    """Process (which may stop the kernel early), then every score (which must count the
    sizes left out) on the same cached analysis: the pure-Python values and verdict."""
    text = "\n".join(lines)
    got = []
    for kernel in (KERNEL, None):
        analysis._kernel = kernel
        analysis.clear_cache()
        gopher._EARLY_CHARS = 0  # any length may stop early here
        try:
            step = GopherRepetition()
            step.ensure_setup()
            first = step.evaluate(text, "id", stop_early=True)
            got.append((first, step.evaluate(text, "id", stop_early=stop_early)))
        finally:
            analysis._kernel = KERNEL
            analysis.clear_cache()
            gopher._EARLY_CHARS = EARLY_CHARS
    assert got[0] == got[1]
