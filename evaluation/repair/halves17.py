"""Writer D's repair cases (``evaluation/blind17/data/repair_blind17.txt``) in two halves by a hash.

    python -m evaluation.repair.halves17 [--show-dev]

Session 17 (repair16) split writer D's cases by sentence: ``sha1(line)``'s first byte even ->
dev (misses read with ``--show-dev``), odd -> held-out (aggregates only, never printed). Per half:
split recall / order restored / broken, each sentence alone | 3-sentence pages, per form and all.
Run from the repository root with the checkout's ``saring`` importable.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from evaluation.repair.unseen import Case, cases_of, lines_in, page_order, run_cases, summary
from saring.repair.step import Repair

BLIND17 = Path(__file__).resolve().parents[1] / "blind17" / "data" / "repair_blind17.txt"


def half_of(line: str) -> str:
    """``dev`` or ``heldout``: the parity of the line's sha1 first byte (fixed before any change)."""
    return "dev" if hashlib.sha1(line.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def half_cases(half: str) -> list[Case]:
    """The cases of one half, keyed by the sentence's index in the whole file."""
    lines = lines_in(BLIND17)
    return [
        c for i, ln in enumerate(lines) if half_of(ln) == half for c in cases_of(ln, f"blind17:{i}")
    ]


def report(step: Repair, half: str, show: bool) -> None:
    """Aggregates per form alone | pages of 3; misses only when ``show`` (dev half only)."""
    cases = half_cases(half)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-dev", action="store_true", help="print the dev half's misses")
    ap.add_argument("--halves", nargs="+", default=["dev", "heldout"])
    a = ap.parse_args()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    for half in a.halves:
        report(step, half, a.show_dev and half == "dev")


if __name__ == "__main__":
    main()
