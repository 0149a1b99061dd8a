"""Writer B's session-16 language-ID lines split in two halves by line hash (session 17).

Why: the blind16 set is dev material this session, but a rule tuned on all of it would be
measured on what it was tuned on. ``sha1(text)`` decides the half before any rule change (even
first byte: dev, odd: held-out); only the dev half's misses may be printed (``--show``). The
figures are the blind runner's (``evaluation/blind16/run_repair_pii_langid.py``): regional lines
labelled id/ms/jv/su with score >= 0.5, accuracy of the kept languages, clean Indonesian rejected.

    SARING_CACHE_DIR=... python -m evaluation.langid.blind16_halves --tree <tree> --half dev --show
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIVE = ("id", "ms", "jv", "su", "en")


def half_of(text: str) -> str:
    """``dev`` or ``heldout``, fixed by the line's text alone."""
    return "dev" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def lines(half: str) -> list[tuple[str, str, str]]:
    from evaluation.blind16.langid_blind16 import load

    return [x for x in load() if half in ("both", half_of(x[2]))]


def score(half: str, show: bool) -> None:
    """Print the three figures of ``half``; misses only when ``show`` (never held-out)."""
    from saring.document import Document
    from saring.langid.step import LanguageID

    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    n: Counter = Counter()
    bad: Counter = Counter()
    rejected = 0
    for gold, ref, text in lines(half):
        sc = step.score(Document(ref, text))
        n[gold] += 1
        if gold in FIVE:
            wrong = sc["lang"] != gold
            low = gold == "id" and not wrong and sc["score"] < step.min_score
            rejected += gold == "id" and (wrong or low)
            if (wrong or low) and show:
                print(f"  miss {gold} -> {sc['lang']} {sc['score']:.2f}: {text}")
        else:
            wrong = sc["lang"] in FIVE[:4] and sc["score"] >= 0.5
            if wrong and show:
                print(f"  regional {gold} -> {sc['lang']} {sc['score']:.2f}: {text}")
        bad[gold] += wrong
    reg = sorted(g for g in n if g not in FIVE)
    tb, tn = sum(bad[g] for g in reg), sum(n[g] for g in reg)
    kept = " ".join(f"{g} {n[g] - bad[g]}/{n[g]}" for g in FIVE if n[g])
    print(f"{half}: regional >= 0.5 {tb}/{tn} | kept {kept} | id rejected {rejected}/{n['id']}")


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
