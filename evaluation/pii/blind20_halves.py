"""Writer G's session-18 PII contexts and traps split in two halves by hash (session 19).

Why: the blind20 PII set is dev material this session; a rule written from its misses must be
measured on contexts it was not written from. The split rule is ``blind17_halves``'s:
``sha1(template)`` (for traps ``sha1(text)``) first byte even = dev, odd = held-out, fixed before
any rule change; the values are the blind runner's (same seed, same order). Only the dev half's
misses and trap hits print (``--show``).

    SARING_CACHE_DIR=... python -m evaluation.pii.blind20_halves --tree <tree> --half dev --show
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evaluation.pii import blind17_halves as B17

ROOT = Path(__file__).resolve().parents[2]


def split(half: str, per_template: int = 10) -> tuple[list, list]:
    """(positives, traps) of ``half``: writer G's items, grouped by the template they fill."""
    from evaluation.blind20 import pii_blind20 as P

    pos, traps = P.items(per_template)
    keep_pos = [
        it
        for i, it in enumerate(pos)
        if half in ("both", B17.half_of(P.TEMPLATES[i // per_template]))
    ]
    return keep_pos, [it for it in traps if half in ("both", B17.half_of(it.text))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT)
    ap.add_argument("--half", choices=("dev", "heldout", "both"), default="dev")
    ap.add_argument("--show", action="store_true", help="print misses (dev half only)")
    a = ap.parse_args()
    if a.show and a.half != "dev":
        raise SystemExit("--show is for the dev half only")
    sys.path[:0] = [str(a.tree / "src"), str(ROOT)]
    B17.split = split  # same scorer, writer G's items
    B17.score(a.half, a.show)


if __name__ == "__main__":
    main()
