"""The compiled token hashes (``saring.dedup._c_tokens``) against the Python reference."""

from __future__ import annotations

import numpy as np
import pytest
import xxhash
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import compiled
from saring.dedup import minhash
from saring.dedup.minhash import token_hashes, token_hashes_reference
from saring.dedup.normalize import normalize_for_hash

KERNEL = compiled.load("saring.dedup._c_tokens")
pytestmark = pytest.mark.skipif(KERNEL is None, reason="kernel not built")

# every character str.split() splits on, and neighbours that it does not
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
NEAR_SPACES = "\u200b\u2060\ufeff\u180e\x00\x1b_"


def _same(text: str) -> None:
    got = KERNEL.token_hashes(text)
    ref = token_hashes_reference(text)
    assert got is not None
    arr = np.frombuffer(got, dtype=np.uint64)
    assert np.array_equal(arr, ref), text[:80]
    assert np.array_equal(token_hashes(text), ref)


def test_the_kernel_is_in_use() -> None:
    """Where the kernel is built, the installed xxhash exports XXH3_64bits on this platform; a
    kernel silently left unset would hide behind the reference."""
    assert minhash._TK is not None
    assert KERNEL.token_hashes("a") == xxhash.xxh3_64_intdigest(b"a").to_bytes(8, "little")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_unicode_text(text: str) -> None:
    """Every category outside surrogates: astral characters, combining marks, controls."""
    _same(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "\u00e9", "e\u0301", "\U0001f600", "x" * 20, "0", "_"]
                                + list(SPACES) + list(NEAR_SPACES)), max_size=120).map("".join))
def test_unicode_whitespace_and_its_neighbours(text: str) -> None:
    """Every Unicode space splits (NBSP, ideographic, U+0085, \\x1c-\\x1f), zero-width ones do not."""
    _same(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_normalised_text(text: str) -> None:
    try:
        norm = normalize_for_hash(text)
    except UnicodeError:
        return
    if any(0xD800 <= ord(c) <= 0xDFFF for c in norm):
        return
    _same(norm)


def test_lengths_empty_huge_and_repetitive() -> None:
    for text in ["", " ", "\n\n", "a", " a ", "a" * 100_000, "kata " * 50_000, "x" * 241 + " " + "y" * 129,
                 "\u00e9" * 300 + "\u3000" + "\U0001f600" * 70]:
        _same(text)


def test_lone_surrogate_falls_back_to_the_reference_error() -> None:
    text = "ok \ud800 bad"
    assert KERNEL.token_hashes(text) is None
    with pytest.raises(UnicodeEncodeError):
        token_hashes(text)
    with pytest.raises(UnicodeEncodeError):
        token_hashes_reference(text)


def test_not_a_string_and_unset_function() -> None:
    with pytest.raises(TypeError):
        KERNEL.token_hashes(b"bytes")
    KERNEL.set_xxh3(0)
    try:
        assert KERNEL.token_hashes("a b") is None
        assert np.array_equal(token_hashes("a b"), token_hashes_reference("a b"))
    finally:
        KERNEL.set_xxh3(minhash._xxh3_address())
    assert KERNEL.token_hashes("a b") is not None


# ----------------------------------------------------------------------------- paragraph hashes
LINE_CHARS = st.sampled_from(["kata", " ", "\t", "\u00a0", "\u3000", "\n", "\n", "\u00e9", "e\u0301",
                              "\U0001f600", "0", "ABC", ".", "\u2028", "\x1c", "_"])


def _same_paragraphs(text: str, min_chars: int) -> None:
    from saring.dedup.paragraphs import paragraph_hashes, paragraph_hashes_reference

    norm = normalize_for_hash(text)
    assert paragraph_hashes(text, min_chars) == paragraph_hashes_reference(text, min_chars)
    assert paragraph_hashes(text, min_chars, norm) == paragraph_hashes_reference(text, min_chars, norm)
    if norm.count("\n") == text.count("\n"):
        assert KERNEL.paragraph_hashes(text, norm, min_chars) == paragraph_hashes_reference(text, min_chars, norm)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_CHARS, max_size=150).map("".join), st.integers(-2, 12))
def test_paragraph_hashes_on_lines_of_any_shape(text: str, min_chars: int) -> None:
    """Lines of spaces only, Unicode spaces at either end, short and long lines, empty lines."""
    _same_paragraphs(text, min_chars)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.integers(0, 40))
def test_paragraph_hashes_on_any_text(text: str, min_chars: int) -> None:
    _same_paragraphs(text, min_chars)


def test_paragraph_hashes_huge_repetitive_and_misaligned() -> None:
    line = "Ikuti terus perkembangan berita terbaru hanya di portal kami setiap hari."
    for text in ["", "\n", "\n\n\n", (line + "\n") * 5000, "  " + line + "  \n\t" + line, line * 3000]:
        _same_paragraphs(text, 30)
    # normalised lines that do not align with the text's: the reference path, same result
    from saring.dedup.paragraphs import paragraph_hashes, paragraph_hashes_reference

    text, norm = line + "\n" + line, line.lower()
    assert paragraph_hashes(text, 30, norm) == paragraph_hashes_reference(text, 30, norm)
