"""The compiled MinHash sketch (``saring.dedup._c_minhash``) against the numpy reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import compiled
from saring.dedup import minhash
from saring.dedup.minhash import EMPTY_SIG, MinHasher, token_hashes
from saring.dedup.normalize import normalize_for_hash

KERNEL = compiled.load("saring.dedup._c_minhash")
pytestmark = pytest.mark.skipif(KERNEL is None, reason="kernel not built")


def _reference(h: MinHasher, ths: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    sets = [h.shingles_from_hashes(th) for th in ths]
    return h.signatures(sets), [np.unique((s >> np.uint64(32)).astype(np.uint32)) for s in sets]


def _same(h: MinHasher, ths: list[np.ndarray]) -> None:
    sigs, tops = h.sketches(ths)
    ref_sigs, ref_tops = _reference(h, ths)
    assert sigs.dtype == ref_sigs.dtype == np.uint32
    assert np.array_equal(sigs, ref_sigs)
    assert len(tops) == len(ref_tops)
    for a, b in zip(tops, ref_tops, strict=True):
        assert a.dtype == b.dtype == np.uint32
        assert np.array_equal(a, b)


u64 = st.integers(min_value=0, max_value=2**64 - 1)


@pytest.fixture(params=["avx2-where-available", "portable"], autouse=True)
def signature_loop(request: pytest.FixtureRequest):
    """Every test runs with both builds of the signature loop."""
    before = KERNEL.set_avx2(request.param != "portable")
    yield
    KERNEL.set_avx2(before)


@settings(max_examples=300, deadline=None)
@given(docs=st.lists(st.lists(u64, max_size=40), min_size=1, max_size=6),
       ngram=st.integers(1, 7), num_perm=st.integers(1, 140), seed=st.integers(0, 2**31))
def test_kernel_equals_reference_on_any_token_hashes(docs: list[list[int]], ngram: int,
                                                     num_perm: int, seed: int) -> None:
    """Any hashes (extremes, repeats, fewer tokens than the n-gram, none), any shape."""
    h = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed)
    _same(h, [np.asarray(d, dtype=np.uint64) for d in docs])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab \n\u00e9\u0301Z0"), max_size=200), min_size=1,
                max_size=4))
def test_kernel_equals_reference_on_text(texts: list[str]) -> None:
    """Repetitive text (shingle collisions inside a document, shared upper halves)."""
    h = MinHasher()
    _same(h, [token_hashes(normalize_for_hash(t)) for t in texts])


def test_kernel_on_long_document_and_empty() -> None:
    rng = np.random.default_rng(5)
    long = rng.integers(0, 2**63, size=200_000, dtype=np.uint64)
    h = MinHasher()
    _same(h, [long, long[:3], np.empty(0, dtype=np.uint64), np.repeat(long[:2], 500)])
    sigs, tops = h.sketches([np.empty(0, dtype=np.uint64)])
    assert (sigs == EMPTY_SIG).all() and len(tops[0]) == 0


def test_kernel_is_used_and_pure_switch_gives_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stage goes through ``sketches``: with the kernel hidden it runs the numpy code."""
    h = MinHasher()
    ths = [token_hashes(normalize_for_hash("satu dua tiga empat lima enam tujuh " * 3))]
    with_kernel = h.sketches(ths)
    monkeypatch.setattr(minhash, "_C", None)
    without = h.sketches(ths)
    assert np.array_equal(with_kernel[0], without[0])
    assert np.array_equal(with_kernel[1][0], without[1][0])


def test_kernel_rejects_bad_buffers() -> None:
    h = MinHasher()
    with pytest.raises(ValueError):
        KERNEL.sketch(b"1234567", h._pos, h._a, h._b)  # not a multiple of 8 bytes
    with pytest.raises(ValueError):
        KERNEL.sketch(np.zeros(3, np.uint64), np.empty(0, np.uint64), h._a, h._b)  # no n-gram
    with pytest.raises(ValueError):
        KERNEL.sketch(np.zeros(3, np.uint64), h._pos, h._a, h._b[:5])  # a and b differ
