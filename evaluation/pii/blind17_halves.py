"""Writer D's session-17 PII contexts and traps split in two halves by hash (session 18).

Why: the blind17 PII set is dev material this session; a rule written from its misses must be
measured on contexts it was not written from. ``sha1(template)`` (for traps ``sha1(text)``) decides
the half before any rule change (even first byte: dev, odd: held-out); the values are the blind
runner's (same seed, same order). Only the dev half's misses and trap hits print (``--show``).

    SARING_CACHE_DIR=... python -m evaluation.pii.blind17_halves --tree <tree> --half dev --show
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("nik", "npwp", "phone", "email", "card")


def half_of(text: str) -> str:
    """``dev`` or ``heldout``, fixed by the context's (or trap's) text alone."""
    return "dev" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def split(half: str, per_template: int = 10) -> tuple[list, list]:
    """(positives, traps) of ``half``: the runner's items, grouped by the template they fill."""
    from evaluation.blind17 import pii_blind17 as P

    pos, traps = P.items(per_template)
    keep_pos = [
        it for i, it in enumerate(pos) if half in ("both", half_of(P.TEMPLATES[i // per_template]))
    ]
    return keep_pos, [it for it in traps if half in ("both", half_of(it.text))]


def score(half: str, show: bool) -> None:
    """Recall any type / its type per type, precision and trap hits of ``half``."""
    from evaluation.pii.bare import score as bare_score
    from saring.pii.detect import Detector

    det = Detector()

    def detect(text: str) -> list[tuple[str, int, int]]:
        return [(s.type, s.start, s.end) for s in det.find(text)[0]]

    pos, traps = split(half)
    r = bare_score(detect, pos + traps)
    typed: Counter = Counter()
    for it in pos:
        found = detect(it.text)
        for typ, s, e in it.spans:
            hit = any(t == typ and fs < e and s < fe for t, fs, fe in found)
            typed[typ] += hit
            if show and not hit:
                print(f"  miss {typ} {it.text[s:e]!r} found {found}: {it.text!r}")
    hits = [(it.text, sp) for it in traps if (sp := detect(it.text))]
    cells = " ".join(
        f"{t} {r[t]['recall']:.3f}/{typed[t] / r[t]['n']:.3f} (n={r[t]['n']})"
        for t in TYPES
        if t in r
    )
    a = r["_all"]
    print(
        f"{half}: any/typed {cells} | precision {a['precision']:.3f} "
        f"({a['false_spans']}/{a['found']}) | traps hit {len(hits)}/{len(traps)}"
    )
    for text, spans in hits if show else ():
        print(f"  trap {spans} {text!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT)
    ap.add_argument("--half", choices=("dev", "heldout", "both"), default="dev")
    ap.add_argument("--show", action="store_true", help="print misses (dev half only)")
    a = ap.parse_args()
    if a.show and a.half != "dev":
        raise SystemExit("--show is for the dev half only")
    sys.path[:0] = [str(a.tree / "src"), str(ROOT)]
    score(a.half, a.show)


if __name__ == "__main__":
    main()
