"""Writer C's blind17 dedup set split in two halves by index parity (session 17, dedup16).

    python evaluation/dedup/blind17_halves.py [--half dev|heldout|both] [--show]

The set (``evaluation/blind17/dedup_blind17.py``) is built whole (one random stream, so every
document is the one the blind runner scores), then its 13 story groups and 11 trap groups are
split by their index among groups of their kind: even -> ``dev``, odd -> ``heldout``. Each half
goes with the same 200 filler articles through ``saring run`` and ``saring dedup`` (scored as
``blind16_halves``). ``--show`` lists failing groups with per-member outcomes and variant kinds:
dev half only (refused for heldout).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.dedup import blind16_halves as B16  # noqa: E402

BLIND = ROOT / "evaluation" / "blind17" / "dedup_blind17.py"


def _blind():
    spec = importlib.util.spec_from_file_location("dedup_blind17", BLIND)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["dedup_blind17"] = mod
    spec.loader.exec_module(mod)
    return mod


def halves() -> tuple[dict[str, list], list[dict]]:
    """``{"dev": groups, "heldout": groups}`` by parity of the index within each kind."""
    groups, filler = _blind().build()
    out: dict[str, list] = {"dev": [], "heldout": []}
    for kind in ("copy", "same_event"):
        for k, g in enumerate(x for x in groups if x.kind == kind):
            out["dev" if k % 2 == 0 else "heldout"].append(g)
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
        print(f"## blind17 {half}: command | groups collapsed | copies removed | traps merged")
        print("\n".join(B16.score(parts[half], filler, a.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
