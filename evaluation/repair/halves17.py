"""Writer D's repair cases (``evaluation/blind17/data/repair_blind17.txt``) in two halves by a hash
(session 17, repair16): ``python -m evaluation.repair.halves17 [--show-dev]``, the same as
``python -m evaluation.repair.halves --set blind17`` (see :mod:`evaluation.repair.halves`)."""

from __future__ import annotations

from evaluation.repair.halves import SETS, half_of, main

BLIND17 = SETS["blind17"]
__all__ = ["BLIND17", "half_of"]

if __name__ == "__main__":
    main("blind17")
