"""Repair on unseen entities: hand-written sentences glued like the translator, and look-alike traps.

Usage: ``python bench/bench_repair_unseen.py [--set dev|heldout|both]``. Prints, per set and per
mode (each sentence alone; 3-sentence pages, since a real MT page has many links), split recall,
order restored and broken names by form; then false edits on the traps (alone, and inside pages
that carry other translator glue). Data and scorer: ``evaluation/repair/unseen.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # evaluation/ is not installed
from evaluation.repair.unseen import (  # noqa: E402
    load_cases,
    page_order,
    run_cases,
    run_traps,
    summary,
)
from saring.repair.step import Repair  # noqa: E402

SETS = {"dev": "unseen_dev.txt", "heldout": "unseen_heldout.txt"}


def table(step: Repair, name: str) -> None:
    cases = load_cases(SETS[name])
    for mode, page in (("alone", 1), ("pages of 3", 3)):
        res = run_cases(step, page_order(cases) if page > 1 else cases, page)
        print(f"\n{name}, {mode}\n| form | cases | split recall | order restored | broken names | not restored, flagged |")
        print("|---|---|---|---|---|---|")
        for form, r in summary(res).items():
            print(f"| {form} | {r['n']} | {r['split_recall']:.3f} | {r['order_restored']:.3f} | {r['broken']} | {r['flagged']:.3f} |")
    n, bad, lines = run_traps(step)
    n2, bad2, lines2 = run_traps(step, page_order(cases))
    print(f"\ntraps: {bad} false edits of {n} alone; {bad2} of {n2} inside {name} pages")
    for ln in lines + lines2:
        print("   ", ln)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["dev", "heldout", "both"], default="dev")
    args = ap.parse_args()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    for name in (["dev", "heldout"] if args.set == "both" else [args.set]):
        table(step, name)


if __name__ == "__main__":
    main()
