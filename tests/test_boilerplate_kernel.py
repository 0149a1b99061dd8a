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


@pytest.mark.parametrize(("text", "needles", "offset", "limit", "firsts"), [
    ("", ("",), 5, 10, None), ("", ("",), 5, 10, "("), ("abc", ("",), 1, 100, None),
    (")" * 100, (")",), 14, 48, "("), ("(" * 100, ("(",), 2, 48, None), ("xx(yy", ("(",), 2, 48, None),
    ("a(b)" * 5000, (")",), 14, 10**9, "("), ("𝕏(" * 3000, ("(",), 64, 10**9, None),
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
