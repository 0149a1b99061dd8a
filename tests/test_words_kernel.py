"""``saring.dataset._c_words.count_words`` counts exactly ``len(text.split())`` on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.compiled import load
from saring.dataset import tally

K = load("saring.dataset._c_words")
pytestmark = pytest.mark.skipif(K is None, reason="kernel not built")

_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_SPACES = "\u200b\ufeff\u180e\x00a\u0301é\U0001f600\ud800\udfff"  # ZWSP, BOM, MVS, NUL, surrogates...


@settings(max_examples=2000, deadline=None)
@given(st.text(st.one_of(st.sampled_from(_SPACES + _NOT_SPACES), st.characters()), max_size=200))
def test_equals_len_of_split(text: str) -> None:
    assert K.count_words(text) == len(text.split())
    assert tally.count_words(text) == len(text.split())


@pytest.mark.parametrize("text", ["", " ", "a", " a ", "a  b\tc\n", "kata " * 100_000, "\u3000x\u3000", "\ud800 \udfff"])
def test_edges(text: str) -> None:
    assert K.count_words(text) == len(text.split())


def test_refuses_non_str() -> None:
    with pytest.raises(TypeError):
        K.count_words(b"a b")
