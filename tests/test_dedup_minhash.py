"""MinHash, shingling, banding and LSH parameter choice."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.dedup import lsh
from saring.dedup.lsh import collision_probability, optimal_params
from saring.dedup.minhash import EMPTY_SIG, MinHasher, band_hashes, estimate_jaccard, exact_jaccard

MASK = (1 << 64) - 1


def reference_signature(h: MinHasher, shingles: list[int]) -> list[int]:
    """Pure-Python multiply-shift MinHash, the definition the numpy code must match."""
    return [
        min(((a * x + b) & MASK) >> 32 for x in shingles)
        for a, b in zip(h._a.tolist(), h._b.tolist(), strict=True)
    ]


def test_signatures_match_pure_python_reference() -> None:
    h = MinHasher(num_perm=64, ngram=3, seed=7)
    rng = np.random.default_rng(1)
    sets = [np.unique(rng.integers(0, 2**63, size=n, dtype=np.uint64)) for n in (1, 5, 300, 40)]
    sigs = h.signatures(sets)
    for s, row in zip(sets, sigs, strict=True):
        assert row.tolist() == reference_signature(h, s.tolist())


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2**64 - 1), max_size=50), min_size=1, max_size=12))
def test_batching_does_not_change_signatures(raw: list[list[int]]) -> None:
    h = MinHasher(num_perm=32)
    sets = [np.unique(np.asarray(x, dtype=np.uint64)) for x in raw]
    together = h.signatures(sets)
    for s, row in zip(sets, together, strict=True):
        assert np.array_equal(h.signatures([s])[0], row)
        if len(s) == 0:
            assert (row == EMPTY_SIG).all()


def test_shingles_are_word_ngrams() -> None:
    h = MinHasher(ngram=3)
    toks = "harga cabai merah naik tajam".split()
    assert len(h.shingles(toks)) == 3
    assert len(h.shingles(toks[:2])) == 1  # shorter than n: one shingle for the whole text
    assert len(h.shingles([])) == 0
    # a repeated n-gram is one shingle; order matters
    assert len(h.shingles("a b c a b c".split())) == 3
    assert not np.array_equal(h.shingles(toks), h.shingles(toks[::-1]))
    # same tokens -> same hashes in another hasher with the same seed (workers agree)
    assert np.array_equal(h.shingles(toks), MinHasher(ngram=3).shingles(toks))


def test_estimate_tracks_exact_jaccard() -> None:
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**63, size=2000, dtype=np.uint64)
    a = np.unique(base[:1800])
    b = np.unique(base[200:])  # J = 1600 / 2000 = 0.8
    assert exact_jaccard(a, b) == pytest.approx(0.8)
    sigs = MinHasher(num_perm=256).signatures([a, b])
    assert abs(estimate_jaccard(sigs[0], sigs[1]) - 0.8) < 0.08


def test_band_hashes_depend_on_band_content_and_index() -> None:
    sigs = np.array([[1, 2, 3, 4], [1, 2, 9, 4], [3, 4, 1, 2]], dtype=np.uint32)
    bh = band_hashes(sigs, bands=2, rows=2)
    assert bh.shape == (3, 2)
    assert bh[0, 0] == bh[1, 0]  # same first band
    assert bh[0, 1] != bh[1, 1]
    assert bh[0, 0] != bh[2, 1]  # same values (1,2)... in a different band do not collide
    with pytest.raises(ValueError):
        band_hashes(sigs, bands=3, rows=2)


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9])
@pytest.mark.parametrize("num_perm", [64, 128])
def test_optimal_params_fit_and_centre_on_threshold(threshold: float, num_perm: int) -> None:
    b, r = optimal_params(threshold, num_perm)
    assert b * r <= num_perm
    # the S-curve rises across the threshold: rare below, likely above
    assert collision_probability(threshold - 0.3, b, r) < 0.2
    assert collision_probability(min(threshold + 0.1, 1.0), b, r) > 0.75


@pytest.mark.parametrize("key", sorted(lsh.PRECOMPUTED))
def test_precomputed_params_equal_the_numpy_search(key: tuple[float, int]) -> None:
    assert lsh.PRECOMPUTED[key] == lsh._search(*key, 0.25, 0.75, 512)


def test_default_step_targets_come_from_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from saring.dedup.stage import Dedup

    def no_search(*a: object) -> None:
        raise AssertionError(f"numpy search for {a}")

    monkeypatch.setattr(lsh, "_search", no_search)
    lsh.optimal_params.cache_clear()
    for params in ({}, {"containment": 0.0}, {"containment": 0.0, "threshold": 0.8}, {"num_perm": 64},
                   {"num_perm": 256}, {"containment": 0.0, "num_perm": 256}):
        step = Dedup(**params)
        assert (step.cfg.bands, step.cfg.rows) == lsh.PRECOMPUTED[_target(step), step.cfg.num_perm]
    lsh.optimal_params.cache_clear()
    monkeypatch.undo()
    assert optimal_params(0.55, 64) == lsh._search(0.55, 64, 0.25, 0.75, 512)  # other pairs: search


def _target(step: object) -> float:
    """The LSH target the step's config gives (as in ``DedupStep.__init__``)."""
    c = step.config  # type: ignore[attr-defined]
    target = c.threshold - c.candidate_margin
    return round(min(target, 0.5) if c.containment > 0 else target, 4)


def test_recall_weight_moves_curve_left() -> None:
    even = optimal_params(0.8, 128, 0.5, 0.5)
    recall = optimal_params(0.8, 128, 0.1, 0.9)
    assert collision_probability(0.8, *recall) > collision_probability(0.8, *even)


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.integers(1, 30), st.integers(1, 12))
def test_collision_probability_is_monotone(s1: float, s2: float, b: int, r: int) -> None:
    lo, hi = sorted((s1, s2))
    assert collision_probability(lo, b, r) <= collision_probability(hi, b, r) + 1e-12


WORD = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=0x24F, exclude_categories=("Zs", "Cc")),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, max_size=30), st.sampled_from([" ", "\n", "  \n "]))
def test_token_hashes_are_per_token_and_position_free(words: list[str], sep: str) -> None:
    from saring.dedup.minhash import token_hashes

    joined = token_hashes(sep.join(words))
    alone = [token_hashes(w) for w in words]
    assert len(joined) == len(words)
    assert all(len(a) == 1 and a[0] == j for a, j in zip(alone, joined, strict=True))
    # equal tokens hash equally, different tokens (almost surely) differently
    for i, w in enumerate(words):
        for k, v in enumerate(words):
            assert (joined[i] == joined[k]) == (w == v)
