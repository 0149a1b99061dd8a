"""Connected components over duplicate pairs, vectorised and deterministic.

Min-label propagation with pointer jumping: every node ends labelled with the smallest node
index of its component, whatever the order of the edges, so clusters (and their ids) do not
depend on how many workers produced the pairs. Each round is a few numpy passes over the edge
arrays; rounds are logarithmic in practice (pointer jumping halves chain lengths).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np



def components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Label of each of ``n`` nodes = smallest node index in its component (int64 array)."""
    import numpy as np
    labels = np.arange(n, dtype=np.int64)
    if len(u) == 0:
        return labels
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    while True:
        m = np.minimum(labels[u], labels[v])
        before = labels.copy()
        np.minimum.at(labels, u, m)
        np.minimum.at(labels, v, m)
        while True:  # pointer jumping: labels[x] <- labels[labels[x]] until stable
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(before, labels):
            return labels


class UnionFind:
    """Plain union-find with path halving; the reference the vectorised version is tested against."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo

    def labels(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]
