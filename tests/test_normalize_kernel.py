"""``saring.dedup._c_normalize``: dedup's hash normalisation in one pass gives exactly what the
pure-Python reference gives (``normalize._normalize_reference``), on any text; text the kernel
cannot fold (a character without an ASCII result) goes to the reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.compiled import load
from saring.dedup import normalize as N

K = load("saring.dedup._c_normalize")
pytestmark = pytest.mark.skipif(K is None or N._FOLD is None, reason="kernel not built")

# characters that exercise the tables: ASCII, Latin with diacritics, combining marks, dashes and
# quotes, fullwidth forms, ligatures, Roman numerals, the Kelvin sign, dotted capital I, the
# final-sigma context, digits of other scripts, astral letters, controls and odd spaces
_PICKED = ("AZaz09_-\n\t\r \x0b\x0c\x1c\x85\xa0\u2028\u3000éÉçÑøßǅǈİıſ\u0301\u0307\u0345"
           "\u2013\u2014\u2019\u201c…½²ﬁﬀＡＺａ０９Ⅻⅻ\u212a\u2126ΣσςΑΩ٣३\U0001d400\U0001d7ce"
           "\U0001f600Ĳŉǰẞẞ\u1e9e\u1e00\u2070\u20ac")
_TEXT = st.text(st.one_of(st.sampled_from(_PICKED),
                          st.characters(blacklist_categories=("Cs",)),
                          st.characters(min_codepoint=0, max_codepoint=0x24F)), max_size=300)


@settings(max_examples=1500, deadline=None)
@given(_TEXT)
def test_kernel_equals_the_reference(text: str) -> None:
    assert N.normalize_for_hash(text) == N._normalize_reference(text)
    got = K.fold(text)
    if got is not None:  # when it answers, it is the first step's ASCII result
        assert got == text.lower().translate(N._TABLE) and got.isascii()


@pytest.mark.parametrize("text", [
    "", "A", "Σ", "ΑΣ ΑΣ.", "İstanbul", "ǅemal", "ﬁnal", "Ⅻ jam", "KELVIN \u212a", "x" * 100_000,
    "Harga naik 25% pada Senin (12/3) — “kata” Menteri…\n\nBaris dua_tiga" * 500,
    "é" * 70_000 + "\u20ac", "\U0001f600" * 10, "a\u0301\u0301\u0301b", "\x00\x7f\x80\x9f",
])
def test_edge_texts(text: str) -> None:
    assert N.normalize_for_hash(text) == N._normalize_reference(text)


def test_ascii_and_common_latin_text_is_folded_by_the_kernel() -> None:
    assert K.fold("Jakarta, Senin (12/3) — Presiden “berkata”: Café!") == \
        "jakarta  senin  00 0    presiden  berkata   cafe "
    assert K.fold("Σ") is None  # non-ASCII result: the reference decides


def test_bad_tables_are_refused_and_keep_the_old_ones() -> None:
    ascii_out, other = N._fold_tables()
    with pytest.raises(ValueError):
        K.set_tables(ascii_out[:5], other)
    with pytest.raises(TypeError):
        K.set_tables(ascii_out[:-1] + ("é",), other)
    with pytest.raises(TypeError):
        K.set_tables(ascii_out, {0xE9: "é"})
    with pytest.raises(TypeError):
        K.fold(b"bytes")
    assert K.fold("Café") == "cafe"


# figures: digits, both separators, other scripts' digits and fullwidth digits (never figures)
_FIG = st.text(st.one_of(st.sampled_from("0123456789.,., a-\n٣０९"), st.characters(blacklist_categories=("Cs",))),
               max_size=200)


@settings(max_examples=1500, deadline=None)
@given(_FIG)
def test_figure_kernel_equals_the_reference(text: str) -> None:
    import numpy as np
    got = np.frombuffer(K.numbers(text), dtype=np.uint32).tolist()
    assert got == N.number_hashes_reference(text)


@pytest.mark.parametrize("text, figures", [
    ("", []), ("Rp 1.318.000 per gram", ["1.318.000"]), ("5,6 SR pada 13.21 WIB", ["5,6", "13.21"]),
    ("1..2 3, 4. 5,,6 ,7 8,", ["1", "2", "3", "4", "5", "6", "7", "8"]), ("٣ ０ x", []),
    ("é9é" * 1000, ["9"] * 1000), ("2024" + "\U0001f600" + "07", ["2024", "07"]),
])
def test_figures_are_digit_runs_with_inner_separators(text: str, figures: list[str]) -> None:
    import numpy as np
    assert N.number_hashes_reference(text) == [N._fnv1a(f) for f in figures]
    assert np.frombuffer(K.numbers(text), dtype=np.uint32).tolist() == [N._fnv1a(f) for f in figures]


def test_figure_fallback_equals_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Harga emas Rp 1.312.000 per gram, naik Rp 4.000 pada Senin (10/6/2024)."
    with_kernel = N.number_bytes(text)
    monkeypatch.setattr(N, "_NUMBERS", None)
    assert N.number_bytes(text) == with_kernel
    assert N.number_hashes(text).tolist() == sorted(set(N.number_hashes_reference(text)))
    with pytest.raises(TypeError):
        K.numbers(b"12")
