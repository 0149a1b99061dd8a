"""The chain's compiled kernels (``saring._c_scan``, ``saring.normalize._c_normalize``) give
exactly what their pure-Python references give, on adversarial text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import compiled, scan
from saring.normalize import step as norm

SCAN = compiled.load("saring._c_scan")
NORM = compiled.load("saring.normalize._c_normalize")
needs_scan = pytest.mark.skipif(SCAN is None, reason="saring._c_scan not built")
needs_norm = pytest.mark.skipif(NORM is None, reason="saring.normalize._c_normalize not built")

# characters the scans care about, plus every Unicode width class (astral, combining, CJK)
_SPECIAL = " \t\n\r\x0b\x0c\x00\x7f\x85\xa0\xad\u1680\u2000\u200b\u2028\u202a\u2066\u3000\ufeff"
_ALPHABET = st.one_of(
    st.sampled_from(list(_SPECIAL + "aAbBzZ09.,()[]©İKß")),
    st.characters(blacklist_categories=("Cs",)),
)
texts = st.text(_ALPHABET, max_size=300)
# repetitive texts: a short unit repeated (backtracking-prone shapes)
repeated = st.builds(lambda u, k, tail: u * k + tail, st.text(_ALPHABET, min_size=1, max_size=5),
                     st.integers(0, 200), st.text(_ALPHABET, max_size=5))
words = st.text(_ALPHABET, max_size=8)


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, repeated), st.lists(words, max_size=64))
def test_needles_present_equals_in(text: str, needles: list[str]) -> None:
    needles += [text[i:i + 3] for i in range(0, len(text), 7)][: 64 - len(needles)]
    assert SCAN.needles_present(text, tuple(needles)) == scan.needles_present_py(text, tuple(needles))


@needs_scan
def test_needles_present_edges() -> None:
    assert SCAN.needles_present("", ("", "a")) == 1
    assert SCAN.needles_present("ab", ("abc", "b", "ab")) == 0b110
    assert SCAN.needles_present("x" * 10_000 + "😀y", ("😀y", "x😀", "yy")) == 0b011
    with pytest.raises(ValueError):
        SCAN.needles_present("a", tuple("a" * 65))
    with pytest.raises(TypeError):
        SCAN.needles_present("a", (1,))


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.lists(words, max_size=50), st.lists(words, max_size=20))
def test_lowering_equals_str_lower(tokens: list[str], targets: list[str]) -> None:
    tokens += [t.upper() for t in targets[:5]] + [t.title() for t in targets[5:8]]
    tset = frozenset(t.lower() for t in targets) | frozenset(targets[:3])
    table, ref = SCAN.lower_table(tset), scan.lower_table_py(tset)
    assert SCAN.any_lower_in(tokens, table) == scan.any_lower_in_py(tokens, ref)
    assert SCAN.lower_hits(tokens, table) == scan.lower_hits_py(tokens, ref)
    assert SCAN.lower_hits(set(tokens), table) == scan.lower_hits_py(set(tokens), ref)


@needs_scan
def test_lowering_edges() -> None:
    table = SCAN.lower_table(frozenset({"i̇", "k", "slot", "", "Judi", "x" * 300}))
    assert SCAN.any_lower_in(["İ"], table)  # full case mapping: one letter lowers to two
    assert SCAN.lower_hits(["\u212a", "SLOT", "", "JUDI", "X" * 300, "slots"], table) == {"k", "slot", "", "x" * 300}
    assert not SCAN.any_lower_in([], table)
    with pytest.raises(TypeError):
        SCAN.lower_hits(["a", 1], table)
    with pytest.raises(TypeError):
        SCAN.lower_table({"a"})  # a set could change under the table
    with pytest.raises(TypeError):
        SCAN.lower_table(frozenset({1}))
    with pytest.raises(ValueError):
        SCAN.any_lower_in(["a"], object())  # not a table


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.lists(words, max_size=50), st.lists(words, max_size=20))
def test_count_members_equals_in(items: list[str], targets: list[str]) -> None:
    """Exact membership: no lowering (a capitalised item is not its lower-case target)."""
    items += targets[:5] + [t.upper() for t in targets[5:8]] + [t.lower() for t in targets[8:11]]
    tset = frozenset(targets) | frozenset(t.lower() for t in targets[:4])
    table, ref = SCAN.member_table(tset), scan.member_table_py(tset)
    assert SCAN.count_members(items, table) == scan.count_members_py(items, ref)
    assert SCAN.count_members(set(items), table) == len(tset & set(items))


# every line boundary of str.splitlines, whitespace of every kind, the marks the rules count
_MARKS = st.text(st.one_of(st.sampled_from(list("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 \t\xa0\u3000"
                                                 ".-•…#ab")), st.characters(blacklist_categories=("Cs",))),
                 max_size=200)


@needs_scan
@settings(max_examples=600, deadline=None)
@given(st.one_of(_MARKS, st.builds(lambda u, k: u * k, _MARKS, st.integers(0, 30))))
def test_gopher_marks_equal_the_reference(text: str) -> None:
    assert SCAN.gopher_marks(text) == scan.gopher_marks_py(text)


@needs_scan
def test_gopher_marks_edges() -> None:
    for text in ["", "\n", "\r\n", "\r\r\n", "a\r", "......", "....", "..\n.", " ...\t", "- x\n\u2028•y",
                 "…", "x" * 100_000 + "...", "😀-\n -😀...", "#" * 7]:
        assert SCAN.gopher_marks(text) == scan.gopher_marks_py(text), text
    with pytest.raises(TypeError):
        SCAN.gopher_marks(b"x")


@needs_scan
def test_count_members_edges() -> None:
    table = SCAN.member_table(frozenset({"yang", "Dan", "", "é", "x" * 300}))
    assert SCAN.count_members(["yang", "Yang", "YANG", "Dan", "dan", "", "é", "É", "x" * 300, "x" * 301], table) == 5
    assert SCAN.count_members([], table) == 0
    assert SCAN.count_members(["yang", 1], table) == 1  # `1 in targets`: False, no error
    with pytest.raises(TypeError):
        SCAN.count_members(["a"], SCAN.lower_table(frozenset({"a"})))  # a lowering table
    with pytest.raises(TypeError):
        SCAN.any_lower_in(["a"], table)  # an exact table where a lowering one is expected
    with pytest.raises(TypeError):
        SCAN.member_table({"a"})


@needs_norm
@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, repeated), st.integers(0, 400))
def test_char_positions_equal_the_regex(text: str, limit: int) -> None:
    assert NORM.char_positions(text, norm._CHAR_SET, limit) == norm.char_positions_re(text, limit)


_LAYOUT = st.text(st.sampled_from(list(" \t\n\n\r x\u3000")), max_size=200)


@needs_norm
@settings(max_examples=600, deadline=None)
@given(st.one_of(_LAYOUT, texts, repeated))
def test_layout_matches_equal_the_regex(text: str) -> None:
    assert NORM.layout_matches(text) == norm.layout_matches_re(text)


@needs_norm
def test_layout_matches_long_runs() -> None:
    for text in (" " * 100_000, "\n" + " \n" * 50_000, "\t" * 1000 + "x", "x \n \n\n  \ty  "):
        assert NORM.layout_matches(text) == norm.layout_matches_re(text)


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, repeated, st.text(st.sampled_from(list("aAzZ bB9é😀")), max_size=100)))
def test_case_boundaries_equal_the_reference(text: str) -> None:
    from saring.boilerplate.glue import _boundaries_py

    assert SCAN.case_boundaries(text) == list(_boundaries_py(text))
    assert SCAN.case_boundaries(text.encode("ascii", "ignore").decode()) == list(
        _boundaries_py(text.encode("ascii", "ignore").decode()))
