"""The boilerplate kernel's ``needle_starts`` equals the pure-Python reference on the same
inputs: adversarial text (Unicode categories, astral characters, combining marks, empty, long,
repetitive), empty and overlapping needles, offsets and limits around the edges."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate import dispatch
from saring.compiled import load

K = load("saring.boilerplate._c_boiler")
pytestmark = pytest.mark.skipif(K is None, reason="kernel not built (pure-Python run)")

_PIECES = ["(", ")", "[", "]", "Baca", "BACA", "Gambas", "ant", " ", "\n", "é", "e\u0301", "𝕏", "日本",
           "\u200b", "Ω", "((", "))", "a", "ANTARA", "©"]
TEXT = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    st.text(max_size=60),
    st.text(alphabet="()ab\U0001f600", max_size=200),
)
NEEDLES = st.lists(st.one_of(st.sampled_from(["(", ")", "Baca", "BACA", "ant", "", "((", "𝕏", "é"]),
                             st.text(max_size=3)), max_size=4).map(tuple)
FIRSTS = st.one_of(st.none(), st.sampled_from(["(", "([", "B", "", "𝕏é"]), st.text(max_size=3))


@settings(max_examples=600, deadline=None)
@given(TEXT, NEEDLES, st.integers(-3, 70), st.integers(-2, 60), FIRSTS)
def test_kernel_equals_reference(text: str, needles: tuple[str, ...], offset: int, limit: int,
                                 firsts: str | None) -> None:
    assert K.needle_starts(text, needles, offset, limit, firsts) == dispatch.needle_starts_py(
        text, needles, offset, limit, firsts)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab©(", max_size=120), st.lists(st.text(alphabet="ab©(", min_size=1, max_size=4),
       max_size=3).map(tuple), st.integers(0, 5), st.sampled_from([None, "a", "(©"]))
def test_kernel_equals_reference_on_self_similar_one_byte_text(text: str, needles: tuple[str, ...],
                                                              offset: int, firsts: str | None) -> None:
    """Needles whose bytes recur in the text: the kernel's memchr-and-compare search (an anchor
    byte, a second byte, then the whole needle) finds every occurrence str.find finds."""
    assert K.needle_starts(text, needles, offset, 10**9, firsts) == dispatch.needle_starts_py(
        text, needles, offset, 10**9, firsts)
    from saring.scan import needles_present_py

    assert K.needles_in(text, needles) == needles_present_py(text, needles)


@pytest.mark.parametrize(("text", "needles", "offset", "limit", "firsts"), [
    ("", ("",), 5, 10, None), ("", ("",), 5, 10, "("), ("abc", ("",), 1, 100, None),
    (")" * 100, (")",), 14, 48, "("), ("(" * 100, ("(",), 2, 48, None), ("xx(yy", ("(",), 2, 48, None),
    ("a(b)" * 5000, (")",), 14, 10**9, "("), ("𝕏(" * 3000, ("(",), 64, 10**9, None),
    ("aaab" * 50, ("aab", "ab"), 0, 10**9, None), ("ÿÿÿé©" * 9, ("ÿé", "©ÿ"), 1, 10**9, "ÿ"),
])
def test_kernel_edges(text, needles, offset, limit, firsts) -> None:
    assert K.needle_starts(text, needles, offset, limit, firsts) == dispatch.needle_starts_py(
        text, needles, offset, limit, firsts)


def test_kernel_rejects_bad_arguments() -> None:
    with pytest.raises(TypeError):
        K.needle_starts("x", ["("], 1, 1)
    with pytest.raises(TypeError):
        K.needle_starts("x", ("(", 1), 1, 1)
    with pytest.raises(TypeError):
        K.needle_starts("x", ("(",), 1, 1, 5)


# ---------------------------------------------------------------- case_boundaries (glue)
_CASE_PIECES = ["a", "Z", "z", "A", "[", "@", "`", "{", "\x7f", "\x80", "ß", "É", "é", "ÿ", "Ā", "İ", "ı",
                "K", "\uff21", "𝕏", " ", "\n", "aB", "xY" * 5]
CASE_TEXT = st.one_of(
    st.lists(st.sampled_from(_CASE_PIECES), max_size=60).map("".join),
    st.text(max_size=80),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=80),
    st.text(alphabet="aAzZ`@[{", min_size=7, max_size=40),
)


@settings(max_examples=800, deadline=None)
@given(CASE_TEXT, st.integers(0, 9))
def test_case_boundaries_equal_the_reference(text: str, shift: int) -> None:
    from saring.boilerplate.glue import _boundaries_py

    text = "." * shift + text  # every alignment of the eight-byte words
    assert K.case_boundaries(text) == list(_boundaries_py(text))


@pytest.mark.parametrize("before", [chr(b) for b in range(256)] + ["Ā", "𝕏"])
@pytest.mark.parametrize("cap", ["A", "M", "Z", "@", "[", "a", chr(0xC0), chr(0xDA)])
def test_case_boundaries_every_byte_before_a_capital(before: str, cap: str) -> None:
    from saring.boilerplate.glue import _boundaries_py

    for pad in range(9):  # the pair at every position of a word and across words
        text = "x" * pad + before + cap + "yy" + before + cap
        assert K.case_boundaries(text) == list(_boundaries_py(text))


def test_case_boundaries_long_and_bad_input() -> None:
    from saring.boilerplate.glue import _boundaries_py

    for text in ["aB" * 50_000, "ab" * 50_000, "é" + "aB" * 1000, "" , "a", "B", "aB"]:
        assert K.case_boundaries(text) == list(_boundaries_py(text))
    with pytest.raises(TypeError):
        K.case_boundaries(b"aB")


def test_glue_boundaries_fall_back_to_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    from saring.boilerplate import glue

    text = "kataDari sebuahKota, diJakarta. Ké aB 𝕏xY"
    want = list(glue._boundaries(text))
    monkeypatch.setattr(glue, "_K", None)
    assert list(glue._boundaries(text)) == want == [4, 15, 23, 36, 40]


# ---------------------------------------------------------------- needles_in (span gate)
_SPAN_NEEDLES = ("SCROLL TO", "ADVERTISEMENT", "Baca", "BACA", "Simak", "opyright", "Hak", "©", ")",
                 "[", "(", "Dilarang keras", "pic.twitter")
NEEDLE_TEXT = st.one_of(
    st.lists(st.sampled_from([*_SPAN_NEEDLES, "Bac", "aca", "SCROLL", " ", "\n", "é", "ÿ", "𝕏", "Ā", "a"]),
             max_size=30).map("".join),
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=300), max_size=60),
)
NEEDLE_SETS = st.one_of(
    st.just(_SPAN_NEEDLES),
    st.lists(st.one_of(st.sampled_from([*_SPAN_NEEDLES, "", "é", "ÿÿ", "𝕏", "Āb", " a", "aa"]),
                       st.text(max_size=4)), max_size=8).map(tuple),
)


@settings(max_examples=800, deadline=None)
@given(NEEDLE_TEXT, NEEDLE_SETS)
def test_needles_in_equals_the_reference(text: str, needles: tuple[str, ...]) -> None:
    from saring.scan import needles_present_py

    assert K.needles_in(text, needles) == needles_present_py(text, needles)
    assert dispatch.needles_in(text, needles) == needles_present_py(text, needles)


def test_needles_in_edges_and_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from saring.scan import needles_present_py

    needles = ("aab", "ab", "b", "", "ba" * 40, "ÿ", "𝕏", "Ā")
    for text in ["", "a", "aab", "aaab", "ab" * 50_000, "ba" * 40, "ÿ" * 3, "𝕏", "xĀ", "a" * 10_000 + "b"]:
        assert K.needles_in(text, needles) == needles_present_py(text, needles)
    with pytest.raises(ValueError, match="at most 64"):
        K.needles_in("x", tuple("a" * 65))
    with pytest.raises(TypeError):
        K.needles_in("x", ("a", 1))
    with pytest.raises(TypeError):
        K.needles_in("x", ["a"])
    monkeypatch.setattr(dispatch, "_K", None)  # the fallback: saring.scan
    assert dispatch.needles_in("Baca juga (x)", _SPAN_NEEDLES) == needles_present_py("Baca juga (x)", _SPAN_NEEDLES)
