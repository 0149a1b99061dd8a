"""``saring.quality._c_quality.line_stats``: quality's line counts in one compiled pass give
exactly what the pure-Python reference (``textstats.line_numbers_py`` over ``text.split("\\n")``)
gives, and the quality step scores documents the same with and without the kernel."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from saring import scan
from saring.analysis import clear_cache
from saring.document import Document
from saring.pipeline import DEFAULT_STEPS, build_step
from saring.quality import textstats as T

needs_kernel = pytest.mark.skipif(T._K is None, reason="kernel not built")

# newlines, ASCII and Unicode whitespace (isspace: \x1c-\x1f, \x85, U+2028, U+3000), letters
# of every string kind, so lines repeat, are blank, or differ only in their kind's bytes
_CHARS = list("\n\n\n  \t\r\x0b\x0c\x1cab") + ["\x85", "\xa0", "\u2028", "\u3000", "\u00e9",
                                                  "\u0101", "\U0001f600", "\x00"]
_LINES = ["", " ", "  ", "\t", "a", "ab", "a ", "\u3000", "\u00e9", "\U0001f600", "\u0101a"]
_TEXT = st.one_of(
    st.text(st.sampled_from(_CHARS), max_size=120),
    st.lists(st.sampled_from(_LINES), max_size=40).map("\n".join),
    st.text(max_size=80),
)


@needs_kernel
@settings(max_examples=1500, deadline=None)
@given(_TEXT)
@example("")
@example("\n")
@example("a\n\na\n")
@example(" \n \n\t\nx\n")
@example("\u00e9\n\u00e9\nz\U0001f600\n")
def test_line_stats_equal_the_reference(text: str) -> None:
    assert T._K.line_stats(text) == T.line_numbers_py(text.split("\n"))


@needs_kernel
def test_line_stats_many_lines_and_types() -> None:
    text = "\n".join(f"baris {k % 97}" for k in range(20_000)) + "\n \n\u3000\n"
    assert T._K.line_stats(text) == T.line_numbers_py(text.split("\n"))
    with pytest.raises(TypeError):
        T._K.line_stats(b"a\nb")


_STOPS = "".join(sorted(set(T.terminal_punctuation())))
# two-byte texts: newlines and characters whose bytes hold 0x0A, at every alignment (the kernel
# reads four characters a load), and line ends of every width
_TWO_BYTE = st.lists(st.sampled_from(["\n", "a", ".", "\u0a0a", "\u0a00", "\u010a", "\u20ac",
                                      "\u3002", "\n\n", " ", "\u3000", "!"]), max_size=50).map(
    lambda p: "\u20ac" + "".join(p))


@needs_kernel
@settings(max_examples=1000, deadline=None)
@given(st.one_of(_TEXT, _TWO_BYTE))
@example("a.\nb\n\u3002\n\n!")
def test_line_stats_with_line_ends_equal_the_references(text: str) -> None:
    """With an end table, the eighth number is ``line_end_count`` of the same text."""
    table = T._end_table(_STOPS)
    for t in (text, text[1:], text[2:], text[3:]):
        got = T._K.line_stats(t, table)
        assert got[:7] == T._K.line_stats(t) == T.line_numbers_py(t.split("\n"))
        assert got[7] == scan.line_end_count_py(t, _STOPS)


@needs_kernel
def test_line_ends_fill_the_line_numbers_once() -> None:
    from saring.analysis import Analysis

    text = "Satu.\nDua\n\nTiga!\n \n"
    a = Analysis(text)
    assert T.line_ends(a, _STOPS) == scan.line_end_count_py(text, _STOPS) == 2
    assert a.memo["quality_line_numbers"] == T.line_numbers_py(text.split("\n"))
    assert a.n_newlines == text.count("\n")
    assert T.line_ends(a, ".") == 1  # numbers known: counted on its own
    with pytest.raises(ValueError):
        T._end_table("b" + "a")  # not sorted, as line_end_count requires
    with pytest.raises(ValueError):
        T._K.line_stats(text, "not a table")
    with pytest.raises(TypeError):
        T._K.end_table(1)


def _quality():
    params = next(e["quality"] for e in DEFAULT_STEPS if isinstance(e, dict) and "quality" in e)
    step = build_step("quality", {**params, "score_only": True})
    step.ensure_setup()
    return step


_WORDS = st.sampled_from(["yang", "dan", "di", "itu", "Jakarta", "rumah", "-", "...", "#", "•"])
_DOC = st.lists(
    st.one_of(st.lists(_WORDS, min_size=0, max_size=14).map(" ".join), st.sampled_from(_LINES)),
    min_size=1, max_size=30,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_DOC, _TEXT))
def test_quality_scores_same_with_and_without_the_kernel(text: str) -> None:
    step = _quality()

    def scored() -> dict:
        clear_cache()
        doc = Document("t", text, {"lang_detected": "id"})
        verdict = step.process(doc)
        return {"ann": doc.annotations, "verdict": None if verdict is None else verdict.reason}

    with_kernel = scored()
    saved, T._K = T._K, None
    try:
        without = scored()
    finally:
        T._K = saved
        clear_cache()
    assert with_kernel == without


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_line_counts_record_the_newline_count(text: str) -> None:
    """The line counts tell the analysis its newline count (``n_newlines`` is then not
    counted again): it must be ``text.count("\\n")``, with the kernel or without it."""
    from saring.analysis import Analysis

    for kernel in (T._K, None):
        old = T._K
        T._K = kernel
        try:
            a = Analysis(text)
            T.line_counts(a)
            assert a._n_newlines == text.count("\n") == a.n_newlines
        finally:
            T._K = old
    b = Analysis(text)
    assert b.n_newlines == text.count("\n")
    b.lines  # noqa: B018
    assert Analysis(text).n_newlines == b.n_newlines == len(b.lines) - 1
