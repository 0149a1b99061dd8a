"""Choosing LSH bands and rows for a target Jaccard threshold.

The probability that two documents with Jaccard ``s`` share at least one band is
``P(s) = 1 - (1 - s**r)**b``. We pick ``(b, r)`` with ``b*r <= num_perm`` minimising
``w_fp * area(P below t) + w_fn * area(1-P above t)`` (the text-dedup / datasketch criterion).
Because candidates are verified afterwards, false positives only cost time, so the default
weights favour recall.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def collision_probability(s: float | np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Probability that a pair with Jaccard ``s`` collides in at least one of ``bands`` bands."""
    import numpy as np
    s = np.asarray(s, dtype=np.float64)
    return 1.0 - (1.0 - s**rows) ** bands


# ``_search``'s answers (default weights and grid) for the LSH targets the dedup step's defaults
# and configs give (threshold - margin, or 0.5 with containment on; 64/128/256 permutations), so
# a run's driver process needs no numpy (~10 MiB resident); tests check them against the search.
PRECOMPUTED: dict[tuple[float, int], tuple[int, int]] = {
    (0.5, 64): (16, 4), (0.5, 128): (26, 4), (0.5, 256): (51, 5),
    (0.6, 64): (12, 5), (0.6, 128): (21, 6), (0.6, 256): (36, 7),
    (0.7, 64): (10, 6), (0.7, 128): (18, 7), (0.7, 256): (28, 9),
}


@lru_cache(maxsize=64)
def optimal_params(
    threshold: float,
    num_perm: int,
    fp_weight: float = 0.25,
    fn_weight: float = 0.75,
    grid: int = 512,
) -> tuple[int, int]:
    """``(bands, rows)`` minimising the weighted false-positive and false-negative areas."""
    if not 0.0 < threshold < 1.0:
        raise ValueError("threshold must be in (0, 1)")
    if (fp_weight, fn_weight, grid) == (0.25, 0.75, 512) and (threshold, num_perm) in PRECOMPUTED:
        return PRECOMPUTED[threshold, num_perm]
    return _search(threshold, num_perm, fp_weight, fn_weight, grid)


def _search(threshold: float, num_perm: int, fp_weight: float, fn_weight: float, grid: int) -> tuple[int, int]:
    """The numpy grid search behind ``optimal_params`` (``PRECOMPUTED`` holds its answers)."""
    import numpy as np

    lo = np.linspace(0.0, threshold, grid)
    hi = np.linspace(threshold, 1.0, grid)
    best: tuple[float, int, int] | None = None
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = np.trapezoid(collision_probability(lo, b, r), lo)
            fn = np.trapezoid(1.0 - collision_probability(hi, b, r), hi)
            err = fp_weight * fp + fn_weight * fn
            if best is None or err < best[0] - 1e-15:
                best = (err, b, r)
    assert best is not None
    return best[1], best[2]
