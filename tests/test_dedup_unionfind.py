"""Vectorised connected components agree with a plain union-find."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.dedup.unionfind import UnionFind, components


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=120)
)))
def test_components_equal_union_find(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = case
    uf = UnionFind(n)
    for a, b in edges:
        uf.union(a, b)
    u = np.array([a for a, _ in edges], dtype=np.int64)
    v = np.array([b for _, b in edges], dtype=np.int64)
    labels = components(n, u, v)
    assert labels.tolist() == uf.labels()
    # every label is the smallest member of its component, independent of edge order
    rev = components(n, v[::-1], u[::-1])
    assert np.array_equal(labels, rev)


def test_long_chain_converges() -> None:
    n = 10_000
    u = np.arange(n - 1)[::-1]
    v = u + 1
    assert (components(n, u, v) == 0).all()
