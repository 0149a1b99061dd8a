"""Writer G's repair sets (``evaluation/blind20/data``) in two halves by a hash (session 19, repair19).

    python -m evaluation.repair.halves20_offices [--show-dev] [--halves dev heldout]

Sentences: ``sha1(line)``'s first byte even -> dev, odd -> held-out (the rule of
:mod:`evaluation.repair.halves`). The pages file: a page goes to the half of ``sha1`` of its lines
joined by newlines, the same parity rule. Per half: the sentence cases alone | 3-sentence pages
(per form), split / order / broken per entity kind alone, the pages file's scored lines (glue then
camel pass, as ``evaluation/blind20/run.py``) and its unmarked lines edited. Misses are printed only
for the dev half (``--show-dev``); held-out misses are never printed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from evaluation.repair.halves import SETS, half_of, report
from evaluation.repair.halves20 import page_half
from evaluation.repair.unseen import pages_in, run_cases, summary
from saring.repair.step import Repair

_ROOT = Path(__file__).resolve().parents[1]
SENTENCES = SETS["blind20"]
PAGES = _ROOT / "blind20" / "data" / "repair_pages_blind20.txt"


def kinds() -> list[tuple[str, str]]:
    """(entity kind heading, marked line) for every marked line of the sentences file."""
    out, kind = [], "?"
    for ln in SENTENCES.read_text(encoding="utf-8").splitlines():
        if ln.startswith("# ") and not ln.startswith("# Repair") and len(ln) < 60:
            kind = ln[2:]
        elif ln.strip() and not ln.startswith("#"):
            out.append((kind, ln.strip()))
    return out


def by_kind(step: Repair, half: str) -> None:
    """Split / order counts per entity kind, each case alone (no case text)."""
    from evaluation.repair.unseen import cases_of

    table: dict[str, Counter] = {}
    for i, (kind, ln) in enumerate(kinds()):
        if half_of(ln) != half:
            continue
        for _c, _out, j in run_cases(step, cases_of(ln, f"k:{i}"), 1):
            t = table.setdefault(kind, Counter())
            t.update(n=1, split=int(j["split"]), order=int(j["order"]), broken=int(j["broken"]))
    for kind, t in table.items():
        print(
            f"{half} kind {kind}: n {t['n']} split {t['split']} order {t['order']} broken {t['broken']}"
        )


def pages_report(step: Repair, half: str, show: bool) -> None:
    """The pages file's half: scored lines per form, unmarked lines edited."""
    sys.path.insert(0, str(_ROOT / "blind20"))
    import run as blind  # evaluation/blind20/run.py: the runner's own page scoring

    results = []
    for k, page in enumerate(pages_in(PAGES)):
        if page_half(page) != half:
            continue
        for form in ("glue", "camel"):
            cases = blind.page_cases(k, page, form)
            drop = {"context", "suffix", "list"} if form == "camel" else {"context"}
            results += [r for r in run_cases(step, cases, len(cases)) if r[0].form not in drop]
    scored = [r for r in results if r[0].form != "context"]
    for form, s in summary(scored).items():
        print(
            f"{half} pages {form:6} n={s['n']:3}: {s['split_recall']:.3f} / "
            f"{s['order_restored']:.3f} / {s['broken']}"
        )
    print(f"{half} pages: unmarked lines edited {blind.context_edits(results)}")
    for c, out, j in scored if show else ():
        if not j["order"]:
            print(f"PAGE-MISS {c.form} {'split' if j['split'] else '-'}\t{c.corrupted}\n\t-> {out}")


def main() -> None:
    """The command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-dev", action="store_true", help="print the dev half's misses")
    ap.add_argument("--halves", nargs="+", default=["dev", "heldout"])
    a = ap.parse_args()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    for half in a.halves:
        show = a.show_dev and half == "dev"
        report(step, "blind20", half, show)
        by_kind(step, half)
        pages_report(step, half, show)


if __name__ == "__main__":
    main()
