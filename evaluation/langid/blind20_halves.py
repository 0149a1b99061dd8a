"""Writer G's session-18 language-ID lines split in two halves by line hash (session 19).

Why: the blind20 set is dev material this session, but a rule tuned on all of it would be
measured on what it was tuned on. The split rule is ``blind16_halves``'s: ``sha1(text)`` first
byte even = dev, odd = held-out, fixed before any rule change; only the dev half's misses may be
printed (``--show``). Figures are the blind runner's (``evaluation/blind20/run.py --only langid``).

    SARING_CACHE_DIR=... python -m evaluation.langid.blind20_halves --tree <tree> --half dev --show
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evaluation.langid import blind16_halves as B16

ROOT = Path(__file__).resolve().parents[2]


def lines(half: str) -> list[tuple[str, str, str]]:
    """Writer G's lines of ``half`` (``both`` for all)."""
    from evaluation.blind20.langid_blind20 import load

    return [x for x in load() if half in ("both", B16.half_of(x[2]))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT)
    ap.add_argument("--half", choices=("dev", "heldout", "both"), default="dev")
    ap.add_argument("--show", action="store_true", help="print misses (dev half only)")
    a = ap.parse_args()
    if a.show and a.half != "dev":
        raise SystemExit("--show is for the dev half only")
    sys.path[:0] = [str(a.tree / "src"), str(ROOT)]
    B16.lines = lines  # same scorer, writer G's lines
    B16.score(a.half, a.show)


if __name__ == "__main__":
    main()
