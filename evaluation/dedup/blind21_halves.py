"""Writer H's blind21 dedup set split in two halves by a sha1 of each group (session 19, dedup20).

    python evaluation/dedup/blind21_halves.py [--half dev|heldout|both] [--show]

The set (``evaluation/blind21/dedup_blind21.py``) is built whole (the documents writer H's runner
scores), then every story and trap group goes to ``dev`` when the first hex digit of
``sha1(<first member id>)`` is even, else to ``heldout``; both with the same filler articles
through ``saring run`` and ``saring dedup`` (scored as ``blind16_halves``). ``--show`` lists
failing groups with per-member outcomes: dev half only (refused for heldout).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.dedup import blind16_halves as B16  # noqa: E402

BLIND = ROOT / "evaluation" / "blind21" / "dedup_blind21.py"


def half_of(group_id: str) -> str:
    """``dev`` or ``heldout`` by the parity of the first hex digit of the id's sha1."""
    return "dev" if int(hashlib.sha1(group_id.encode()).hexdigest()[0], 16) % 2 == 0 else "heldout"


def halves() -> tuple[dict[str, list], list[dict]]:
    """``{"dev": groups, "heldout": groups}`` by :func:`half_of` of each group's first id."""
    groups, filler = B16._blind(BLIND).build()
    out: dict[str, list] = {"dev": [], "heldout": []}
    for g in groups:
        out[half_of(g.ids[0])].append(g)
    return out, filler


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=("dev", "heldout", "both"), default="dev")
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    if a.show and a.half != "dev":
        raise SystemExit("--show is for the dev half only")
    parts, filler = halves()
    for half in ("dev", "heldout") if a.half == "both" else (a.half,):
        print(f"## blind21 {half}: command | groups collapsed | copies removed | traps merged")
        print("\n".join(B16.score(parts[half], filler, a.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
