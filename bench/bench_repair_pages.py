"""Multi-paragraph translated pages (``evaluation/repair/data/pages_*.txt``): every marked line of a
page glued in one form (``glue`` or ``camel``), the page repaired as ONE document, each marked line
judged like ``evaluation.repair.unseen`` (split / order restored / broken); context lines unscored.
Measures the scorer's document evidence where it fires: one link named on several lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.repair.unseen import (  # noqa: E402
    DATA,
    ITEM,
    Case,
    cases_of,
    lines_in,
    pages_in,
    run_cases,
    run_traps,
    summary,
)
from saring.document import Document  # noqa: E402
from saring.repair.step import Repair  # noqa: E402

BLIND16 = DATA.parents[1] / "blind16" / "data"
BLIND17 = DATA.parents[1] / "blind17" / "data"
BLIND18 = DATA.parents[1] / "blind18" / "data"
SETS = {
    "dev15b": "pages_dev15b.txt",
    "heldout15b": "pages_heldout15b.txt",
    "dev16b": "pages_dev16b.txt",
    "heldout16b": "pages_heldout16b.txt",
    "dev17b": "pages_dev17b.txt",
    "heldout17b": "pages_heldout17b.txt",
    # writer B's pages (session 16's blind set, spent): halves by page index parity, fixed in
    # notes/repair.md "Session 17 (glue15)" before any change (dev = even, held-out = odd)
    "blind16": str(BLIND16 / "repair_pages_blind16.txt"),
    "blind16even": str(BLIND16 / "repair_pages_blind16.txt"),
    "blind16odd": str(BLIND16 / "repair_pages_blind16.txt"),
    # writers D and E's pages (session 17's blind sets, spent): halves by page index parity, fixed
    # in notes/repair.md "Session 18 (glue17)" before any change (dev = even, held-out = odd)
    "blind17": str(BLIND17 / "repair_pages_blind17.txt"),
    "blind17even": str(BLIND17 / "repair_pages_blind17.txt"),
    "blind17odd": str(BLIND17 / "repair_pages_blind17.txt"),
    "blind17long": str(BLIND17 / "repair_pages_long_blind17.txt"),
    "blind18": str(BLIND18 / "repair_pages_blind18.txt"),
    "blind18even": str(BLIND18 / "repair_pages_blind18.txt"),
    "blind18odd": str(BLIND18 / "repair_pages_blind18.txt"),
}
PARITY = {
    "blind16even": 0,
    "blind16odd": 1,
    "blind17even": 0,
    "blind17odd": 1,
    "blind18even": 0,
    "blind18odd": 1,
}
DEV_HALVES = ("blind16even", "blind17even", "blind18even", "blind17long")


def pages(name: str) -> list[list[str]]:
    """The file's pages: blocks of non-comment lines separated by blank lines."""
    return pages_in(DATA / name)


def set_pages(set_name: str) -> list[tuple[int, list[str]]]:
    """(page index in its file, page) of a set; a half keeps the pages of its parity."""
    parity = PARITY.get(set_name)
    return [
        (k, page)
        for k, page in enumerate(pages(SETS[set_name]))
        if parity is None or k % 2 == parity
    ]


def page_cases(page: list[str], key: str, form: str) -> list[Case]:
    """The page's lines as cases of one form; a line without markup is a ``context`` case."""
    out = []
    for i, ln in enumerate(page):
        if ITEM.search(ln) is None:
            out.append(Case(f"{key}:{i}/context", "context", "", ln, ln))
        else:
            out += [c for c in cases_of(ln, f"{key}:{i}") if c.form == form]
    return out


def report_traps(step: Repair, set_name: str, name: str, show: bool) -> None:
    """False edits on one trap file alone and after two glued lines of the set's pages (a page
    whose translator glued links: the document evidence a look-alike must not borrow)."""
    context = [
        c
        for k, page in set_pages(set_name)
        for c in page_cases(page, f"{set_name}:{k}", "glue")
        if c.form != "context"
    ]
    n, bad, lines = run_traps(step, name=name)
    n2, bad2, lines2 = run_traps(step, context, name=name)
    print(f"{name}: {bad} false edits of {n} alone; {bad2} of {n2} after {set_name} glued lines")
    if show:
        for ln in sorted(set(lines + lines2)):
            print(f"  {ln}")


def report_trap_pages(step: Repair, name: str, show: bool) -> None:
    """False edits on clean pages (every line a trap): each page repaired as ONE document."""
    bad, n = [], 0
    for k, page in enumerate(pages(name)):
        doc = Document(id=f"trap-page{k}", text="\n".join(page))
        step.process(doc)
        n += len(page)
        bad += [
            f"{a!r} -> {b!r}" for a, b in zip(page, doc.text.split("\n"), strict=True) if a != b
        ]
    print(f"{name}: {len(bad)} false edits of {n} lines (pages as documents)")
    if show:
        for ln in bad:
            print(f"  {ln}")


def _glued_line(ln: str, form: str) -> str:
    """A marked line glued in ``form``; a line with no case of that form (a demonym remnant,
    ``-n``/``-ese``) keeps its own corruption, an unmarked line stays as written."""
    if not ITEM.search(ln):
        return ln
    cases = cases_of(ln, "p")
    return next((c for c in cases if c.form in (form, "list")), cases[0]).corrupted


def report_traps_at_end(
    step: Repair, set_name: str, name: str, show: bool, form: str = "glue"
) -> None:
    """False edits on each trap line appended to a whole page of the set, every marked line glued
    in ``form`` (the most page evidence a look-alike can borrow; pages in turn)."""
    glued = [[_glued_line(ln, form) for ln in page] for _k, page in set_pages(set_name)]
    traps = lines_in(DATA / name)
    bad = []
    for i, t in enumerate(traps):
        doc = Document(id=f"trap-end{i}", text="\n".join([*glued[i % len(glued)], t]))
        step.process(doc)
        last = doc.text.split("\n")[-1]
        if last != t:
            bad.append(f"{t!r} -> {last!r}")
    print(f"{name}: {len(bad)} false edits of {len(traps)} at the end of a {form} {set_name} page")
    if show:
        for ln in bad:
            print(f"  {ln}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="dev15b")
    ap.add_argument("--show", action="store_true", help="print each missed line (dev only)")
    ap.add_argument(
        "--traps",
        nargs="*",
        default=[],
        metavar="FILE",
        help="trap files (evaluation/repair/data) run alone and after the set's glued lines",
    )
    ap.add_argument(
        "--trap-pages",
        nargs="*",
        default=[],
        metavar="FILE",
        help="clean pages (evaluation/repair/data): any edit is a false edit",
    )
    ap.add_argument(
        "--traps-at-end",
        nargs="*",
        default=[],
        metavar="FILE",
        help="trap files, each line appended to a whole glued page of the set",
    )
    args = ap.parse_args()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    results = []
    for k, page in set_pages(args.set):
        for form in ("glue", "camel"):
            cases = page_cases(page, f"{args.set}:{k}", form)
            if not cases:
                continue  # (a page of one-word suffix links only has no camel cases)
            results += [r for r in run_cases(step, cases, len(cases)) if r[0].form != "context"]
    for form, s in sorted(summary(results).items()):
        print(
            f"{form}\t"
            + " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in s.items())
        )
    for name in args.traps:
        report_traps(step, args.set, name, args.show)
    for name in args.trap_pages:
        report_trap_pages(step, name, args.show)
    for name in args.traps_at_end:
        for form in ("glue", "camel"):
            report_traps_at_end(step, args.set, name, args.show, form)
    if args.show and (args.set.startswith("dev") or args.set in DEV_HALVES):
        for c, out, j in results:
            if not j["order"]:
                print(f"MISS {c.form}\t{out}")


if __name__ == "__main__":
    main()
