"""Aggregate figures of the repair step on unseen-entity sets and trap files, by file name.

    python -m evaluation.repair.aggregate unseen_dev17a.txt unseen_heldout17a.txt traps18.txt

Per set: split recall / order restored / broken names, each sentence alone | 3-sentence pages
(``unseen.run_cases``); per trap file: false edits alone and after the glued lines of a context set
(``--context``, default set 17a's dev half). Aggregates only: it never prints a case, so a held-out
half can be run without its failures being read (``bench/bench_repair_unseen.py`` lists
failures and needs each set registered). Run from the repository root with the checkout's
``saring`` importable (its venv, or ``PYTHONPATH=src``).
"""

from __future__ import annotations

import argparse

from evaluation.repair.unseen import load_cases, page_order, run_cases, run_traps, summary
from saring.repair.step import Repair


def set_line(step: Repair, name: str) -> str:
    """``name: split / order / broken | same for pages of 3 (n=...)``."""
    cases = load_cases(name)
    a = summary(run_cases(step, cases))["all"]
    p = summary(run_cases(step, page_order(cases), page=3))["all"]
    return (
        f"{name}: {a['split_recall']:.3f} / {a['order_restored']:.3f} / {a['broken']} | "
        f"{p['split_recall']:.3f} / {p['order_restored']:.3f} / {p['broken']}  (n={a['n']})"
    )


def trap_line(step: Repair, name: str, context: str) -> str:
    """False edits of one trap file alone and inside ``context``'s glued lines."""
    n, bad, _ = run_traps(step, None, name)
    _, bad_ctx, _ = run_traps(step, page_order(load_cases(context)), name)
    return f"{name}: {bad} false edits of {n} alone; {bad_ctx} inside {context} pages"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", help="set or trap file names in evaluation/repair/data")
    ap.add_argument(
        "--context", default="unseen_dev17a.txt", help="set whose glued lines precede traps"
    )
    a = ap.parse_args()
    step = Repair()
    for name in a.files:
        print(
            trap_line(step, name, a.context) if name.startswith("traps") else set_line(step, name)
        )


if __name__ == "__main__":
    main()
