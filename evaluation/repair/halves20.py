"""Writer G's repair cases and pages (``evaluation/blind20/data``) in two halves by a hash.

    python -m evaluation.repair.halves20 [--halves dev heldout] [--show-dev] [--kinds]

Session 19 (camel19) split writer G's sentences the same way as writers B, D and E
(:func:`evaluation.repair.halves.half_of`: ``sha1(line)``'s first byte even -> dev, odd ->
held-out) and G's pages by the sha1 of the page's lines joined with ``\\n`` (same parity rule),
fixed before any rule change. Per half: split recall / order restored / broken per form, each
sentence alone | 3-sentence pages; ``--kinds`` adds the single-case counts per entity kind of
the camel form; the pages of the half as whole documents. Misses are printed only for the dev
half (``--show-dev``); the held-out half is aggregates only.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from evaluation.repair.halves import half_of
from evaluation.repair.unseen import Case, cases_of, page_order, run_cases, summary
from saring.repair.step import Repair

DATA = Path(__file__).resolve().parents[1] / "blind20" / "data"
SENTENCES = DATA / "repair_blind20.txt"
PAGES = DATA / "repair_pages_blind20.txt"


def kinds_and_lines() -> list[tuple[str, str]]:
    """(section title, marked line) of every case line of the sentence file, in order."""
    out, kind = [], "?"
    for ln in SENTENCES.read_text(encoding="utf-8").splitlines():
        if ln.startswith("# ") and len(ln) < 60:
            kind = ln[2:]
        elif ln.strip() and not ln.startswith("#"):
            out.append((kind, ln))
    return out


def half_cases(half: str) -> list[tuple[str, Case]]:
    """(kind, case) of one half, keyed by the sentence's index in the whole file."""
    return [
        (kind, c)
        for i, (kind, ln) in enumerate(kinds_and_lines())
        if half_of(ln) == half
        for c in cases_of(ln, f"blind20:{i}")
    ]


def page_half(page: list[str]) -> str:
    """``dev`` or ``heldout`` of one page: the parity rule on its joined lines."""
    return half_of("\n".join(page))


def report_cases(step: Repair, half: str, show: bool, kinds: bool) -> None:
    """Aggregates per form alone | pages of 3; camel counts per kind; dev misses when ``show``."""
    pairs = half_cases(half)
    cases = [c for _k, c in pairs]
    alone = run_cases(step, cases)
    paged = run_cases(step, page_order(cases), page=3)
    a, p = summary(alone), summary(paged)
    for form in a:
        x, y = a[form], p[form]
        print(
            f"{half} {form:6} n={x['n']:3}: {x['split_recall']:.3f} / {x['order_restored']:.3f} / "
            f"{x['broken']} | {y['split_recall']:.3f} / {y['order_restored']:.3f} / {y['broken']}"
        )
    if kinds:
        kind_of = {c.id: k for k, c in pairs}
        table: dict[str, Counter] = {}
        for c, _out, j in alone:
            if c.form == "camel":
                t = table.setdefault(kind_of[c.id], Counter())
                t.update(n=1, split=int(j["split"]), order=int(j["order"]), broken=int(j["broken"]))
        for kind, t in table.items():
            print(f"{half} camel kind {kind}: n {t['n']} split {t['split']} order {t['order']}")
    for c, out, j in alone + paged if show else ():
        if not j["order"]:
            print(f"MISS {c.form} {'split' if j['split'] else '-'}\t{c.corrupted}\n\t-> {out}")


def report_pages(step: Repair, half: str, show: bool) -> None:
    """The half's pages, each one document, glue then camel (the blind20 runner's scoring)."""
    from evaluation.blind20 import run as g

    all_pages = g.pages()
    g.pages = lambda: [p for p in all_pages if page_half(p) == half]  # type: ignore[assignment]
    try:
        res = g.page_results(step)
    finally:
        g.pages = lambda: all_pages  # type: ignore[assignment]
    scored = [r for r in res if r[0].form != "context"]
    for form, s in summary(scored).items():
        print(
            f"{half} pages {form:6} n={s['n']:3}: {s['split_recall']:.3f} / "
            f"{s['order_restored']:.3f} / {s['broken']}"
        )
    print(f"{half} pages context lines edited: {g.context_edits(res)}")
    for c, out, j in scored if show else ():
        if not j["order"]:
            print(f"MISS page {c.form} {'split' if j['split'] else '-'}\t{c.corrupted}\n\t-> {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-dev", action="store_true", help="print the dev half's misses")
    ap.add_argument("--halves", nargs="+", default=["dev", "heldout"])
    ap.add_argument("--kinds", action="store_true")
    a = ap.parse_args()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    for half in a.halves:
        show = a.show_dev and half == "dev"
        report_cases(step, half, show, a.kinds)
        report_pages(step, half, show)


if __name__ == "__main__":
    main()
