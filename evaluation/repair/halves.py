"""An outside writer's repair cases in two halves by a hash of the sentence.

    python -m evaluation.repair.halves --set blind16|blind17|blind18|blind20 [--show-dev] [--halves dev heldout]

Session 17 split writer B's cases (``blind16``, repair15) and writer D's (``blind17``, repair16)
by sentence, session 18 writer E's (``blind18``, repair17), session 19 writer G's (``blind20``, prec19, repair19) the same way: ``sha1(line)``'s first byte even -> dev (misses read with ``--show-dev``), odd ->
held-out (aggregates only, never printed). Per half: split recall / order restored / broken, each
sentence alone | 3-sentence pages, per form and all. Run from the repository root with the
checkout's ``saring`` importable.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from evaluation.repair.unseen import Case, cases_of, lines_in, page_order, run_cases, summary
from saring.repair.step import Repair

_ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "blind16": _ROOT / "blind16" / "data" / "repair_blind16.txt",
    "blind17": _ROOT / "blind17" / "data" / "repair_blind17.txt",
    "blind18": _ROOT / "blind18" / "data" / "repair_blind18.txt",
    "blind20": _ROOT / "blind20" / "data" / "repair_blind20.txt",
}


def half_of(line: str) -> str:
    """``dev`` or ``heldout``: the parity of the line's sha1 first byte (fixed before any change)."""
    return "dev" if hashlib.sha1(line.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def half_cases(name: str, half: str) -> list[Case]:
    """The cases of one half of set ``name``, keyed by the sentence's index in the whole file."""
    lines = lines_in(SETS[name])
    return [
        c for i, ln in enumerate(lines) if half_of(ln) == half for c in cases_of(ln, f"{name}:{i}")
    ]


def report(step: Repair, name: str, half: str, show: bool) -> None:
    """Aggregates per form alone | pages of 3; misses only when ``show`` (dev half only)."""
    cases = half_cases(name, half)
    alone = run_cases(step, cases)
    paged = run_cases(step, page_order(cases), page=3)
    a, p = summary(alone), summary(paged)
    for form in a:
        x, y = a[form], p[form]
        print(
            f"{half} {form:6} n={x['n']:3}: {x['split_recall']:.3f} / {x['order_restored']:.3f} / "
            f"{x['broken']} | {y['split_recall']:.3f} / {y['order_restored']:.3f} / {y['broken']}"
        )
    for c, out, j in alone + paged if show else ():
        if not j["order"]:
            print(f"MISS {c.form} {'split' if j['split'] else '-'}\t{c.corrupted}\n\t-> {out}")


def main(name: str | None = None) -> None:
    """The command line; ``name`` fixes the set (the per-set entry points)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    if name is None:
        ap.add_argument("--set", choices=sorted(SETS), required=True)
    ap.add_argument("--show-dev", action="store_true", help="print the dev half's misses")
    ap.add_argument("--halves", nargs="+", default=["dev", "heldout"])
    a = ap.parse_args()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    for half in a.halves:
        report(step, name or a.set, half, a.show_dev and half == "dev")


if __name__ == "__main__":
    main()
