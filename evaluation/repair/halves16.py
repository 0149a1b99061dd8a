"""Writer B's repair cases (``evaluation/blind16/data/repair_blind16.txt``) in two halves by a hash
(session 17, repair15): ``python -m evaluation.repair.halves16 [--show-dev]``, the same as
``python -m evaluation.repair.halves --set blind16`` (see :mod:`evaluation.repair.halves`)."""

from __future__ import annotations

from evaluation.repair.halves import SETS, half_of, main

BLIND16 = SETS["blind16"]
__all__ = ["BLIND16", "half_of"]

if __name__ == "__main__":
    main("blind16")
