"""Writer E's blind18 dedup set split in two halves by index parity (session 18, dedup17).

    python evaluation/dedup/blind18_halves.py [--half dev|heldout|both] [--show]

The set (``evaluation/blind18/dedup_blind18.py``) is built whole (one random stream, so every
document is the one writer E's runner scores), then its story groups and trap groups are split by
their index among groups of their kind: even -> ``dev``, odd -> ``heldout``, each with the same
filler articles through ``saring run`` and ``saring dedup`` (scored as ``blind16_halves``).
``--show`` lists failing groups with per-member outcomes: dev half only (refused for heldout).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.dedup import blind16_halves as B16  # noqa: E402

BLIND = ROOT / "evaluation" / "blind18" / "dedup_blind18.py"


def halves() -> tuple[dict[str, list], list[dict]]:
    """``{"dev": groups, "heldout": groups}`` by parity of the index within each kind."""
    return B16.halves(BLIND)


if __name__ == "__main__":
    sys.exit(B16.main("blind18", BLIND))
