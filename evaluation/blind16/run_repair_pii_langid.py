"""Blind sets of session 16 (helper blindB) for repair, PII and language ID: one table of figures.

The sets were written by a helper who never read the rules they measure, so they show what the
code does on material nobody tuned on. Run once on the session-start tree and once on the final
tree; the code scored is the tree's ``src`` (put first on ``sys.path``), the sets and the scorers
are this checkout's, so both runs score the same items the same way:

    cd <tree> && SARING_CACHE_DIR=... <tree's venv>/bin/python \\
        <this checkout>/evaluation/blind16/run_repair_pii_langid.py --tree <tree>

Repair (scorer of ``evaluation.repair.unseen``): split recall, order restored, broken names and
reviewer flags per form, each case alone and as 3-sentence pages; the multi-paragraph pages (each
page one document, glue and camel forms); false edits on the traps alone and after two glued page
lines; the founding article's edits. PII (``evaluation.pii.bare.score``): recall per type (a gold
span overlapped by any found span; typed: by a span of its type) and precision over found spans,
false spans on traps. Language ID: regional lines labelled id/ms/jv/su with score >= 0.5, accuracy
of the five kept languages, clean Indonesian the default chain would reject (not ``id``, or score
below the step's ``min_score``). No case text is printed unless ``--show`` (do not use it on a
held-out run before the final one).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
FIVE = ("id", "ms", "jv", "su", "en")


def use_tree(tree: Path) -> None:
    """Score ``tree``'s code with this checkout's sets and scorers (import order decides)."""
    sys.path[:0] = [str(tree / "src"), str(ROOT)]
    import saring

    where = Path(saring.__file__).resolve()
    if tree.resolve() not in where.parents:
        raise SystemExit(f"saring imported from {where}, not from {tree}")
    print(f"code: {where.parent}")


def marked_lines(name: str) -> list[str]:
    from evaluation.repair.unseen import lines_in

    return lines_in(DATA / name)


def pages(name: str) -> list[list[str]]:
    """Blocks of non-comment lines separated by blank lines."""
    from evaluation.repair.unseen import pages_in

    return pages_in(DATA / name)


def row(title: str, s: dict[str, Any]) -> str:
    cells = " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in s.items())
    return f"| {title} | {cells} |"


def kind_of_line() -> list[str]:
    """Section (``# Companies`` ...) of each marked line of ``repair_blind16.txt``, in order."""
    kinds, kind = [], "?"
    lines = (DATA / "repair_blind16.txt").read_text(encoding="utf-8").splitlines()
    for k, ln in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else "#"
        if ln.startswith("# ") and not nxt.startswith("#"):
            kind = ln[2:].split(" (")[0].split(",")[0]
        elif ln.strip() and not ln.startswith("#"):
            kinds.append(kind)
    return kinds


def by_kind(results: list) -> None:
    """Split / order / broken counts per entity kind of the single-case run (no case text)."""
    kinds = kind_of_line()
    table: dict[str, Counter] = {}
    for c, _out, j in results:
        t = table.setdefault(kinds[int(c.id.split(":")[1].split("/")[0])], Counter())
        t.update(n=1, split=int(j["split"]), order=int(j["order"]), broken=int(j["broken"]))
    for kind, t in table.items():
        print(
            f"| kind {kind} | n {t['n']} split {t['split']} order {t['order']} broken {t['broken']} |"
        )


def repair_cases() -> list:
    from evaluation.repair.unseen import cases_of

    name = "repair_blind16.txt"
    return [c for i, ln in enumerate(marked_lines(name)) for c in cases_of(ln, f"{name}:{i}")]


def page_results(step: Any) -> list:
    """Each page one document, every marked line glued in one form (glue, then camel)."""
    from evaluation.repair.unseen import ITEM, Case, cases_of, run_cases

    results = []
    for k, page in enumerate(pages("repair_pages_blind16.txt")):
        for form in ("glue", "camel"):
            cases = []
            for i, ln in enumerate(page):
                if ITEM.search(ln) is None:
                    cases.append(Case(f"p{k}:{i}/context", "context", "", ln, ln))
                else:
                    cases += [c for c in cases_of(ln, f"p{k}:{i}") if c.form == form]
            results += [r for r in run_cases(step, cases, len(cases)) if r[0].form != "context"]
    return results


def trap_edits(step: Any, context: list[str]) -> tuple[int, int, int, list[str]]:
    """(traps, false edits, flagged, edited lines) with ``context`` lines before each trap."""
    from saring.document import Document

    bad, flagged = [], 0
    traps = marked_lines("repair_traps_blind16.txt")
    for i, t in enumerate(traps):
        ctx = context[i % max(len(context) - 1, 1) :][:2] if context else []
        doc = Document(id=f"trap{i}", text="\n".join([*ctx, t]))
        step.process(doc)
        last = doc.text.split("\n")[-1]
        if last != t:
            bad.append(f"{t!r} -> {last!r}")
        elif any(f["start"] >= len(doc.text) - len(t) for f in doc.flags if "start" in f):
            flagged += 1
    return len(traps), len(bad), flagged, bad


def traps_in_pages(step: Any) -> tuple[int, int, list[str]]:
    """Each trap appended to a whole page of the pages file, every marked line glued (the most
    document evidence a look-alike can borrow): (traps, false edits, edited trap lines)."""
    from evaluation.repair.unseen import ITEM, cases_of
    from saring.document import Document

    glued = [
        [
            next(c for c in cases_of(ln, "p") if c.form == "glue").corrupted
            if ITEM.search(ln)
            else ln
            for ln in page
        ]
        for page in pages("repair_pages_blind16.txt")
    ]
    bad = []
    traps = marked_lines("repair_traps_blind16.txt")
    for i, t in enumerate(traps):
        doc = Document(id=f"trap-page{i}", text="\n".join([*glued[i % len(glued)], t]))
        step.process(doc)
        last = doc.text.split("\n")[-1]
        if last != t:
            bad.append(f"{t!r} -> {last!r}")
    return len(traps), len(bad), bad


def founding() -> str:
    """Edits of the full step on the founding article (its glue, its one revision duplicate)."""
    from saring.document import Document
    from saring.repair.step import Repair

    path = Path("/work/shared/seed/founding-article.id.txt")
    if not path.exists():
        return "absent"
    doc = Document(id="founding", text=path.read_text(encoding="utf-8"))
    step = Repair()
    step.ensure_setup()
    step.process(doc)
    glue = [e for e in doc.edits if e.kind.startswith("mt_")]
    moved = [e for e in glue if e.kind.endswith("_reorder") or e.kind == "mt_list_comma"]
    dups = [e for e in doc.edits if e.kind == "revision_duplicate"]
    other = len(doc.edits) - len(glue) - len(dups)
    return (
        f"glue spans {len(glue)} (target 11), order/list {len(moved)} (target >= 9), "
        f"revision duplicate {len(dups)} (target 1), other edits {other} (target 0)"
    )


def report_repair(show: bool) -> None:
    from evaluation.repair.unseen import page_order, run_cases, summary
    from saring.repair.step import Repair

    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    cases = repair_cases()
    print(
        f"\n## Repair: {len(cases)} cases ({len(marked_lines('repair_blind16.txt'))} sentences)\n"
    )
    single = run_cases(step, cases, 1)
    paged = run_cases(step, page_order(cases), 3)
    for title, res in (("single", single), ("3-sentence pages", paged)):
        for form, s in summary(res).items():
            print(row(f"{title} {form}", s))
    by_kind(single)
    pres = page_results(step)
    n_pages = len(pages("repair_pages_blind16.txt"))
    for form, s in summary(pres).items():
        print(row(f"pages file ({n_pages} pages) {form}", s))
    glued = [r[0].corrupted for r in pres if r[0].form == "glue"]
    for title, ctx in (("alone", []), ("after 2 glued page lines", glued)):
        n, bad, flagged, lines = trap_edits(step, ctx)
        print(f"| traps {title} | {bad} false edits of {n}; {flagged} flagged |")
        for ln in lines if show else ():
            print(f"  {ln}")
    n, bad, lines = traps_in_pages(step)
    print(f"| traps at the end of a whole glued page | {bad} false edits of {n} |")
    for ln in lines if show else ():
        print(f"  {ln}")
    print(f"| founding article | {founding()} |")
    if show:
        for c, out, j in single + pres:
            if not j["order"]:
                print(f"MISS {c.form}\t{out}")


def report_pii(show: bool) -> None:
    from evaluation.blind16 import pii_blind16 as P
    from evaluation.pii.bare import score
    from saring.pii.detect import Detector

    det = Detector()

    def detect(text: str) -> list[tuple[str, int, int]]:
        return [(s.type, s.start, s.end) for s in det.find(text)[0]]

    pos, traps = P.items()
    r = score(detect, pos + traps)
    typed: Counter = Counter()
    for it in pos:
        found = detect(it.text)
        for typ, s, e in it.spans:
            typed[typ] += any(t == typ and fs < e and s < fe for t, fs, fe in found)
    trap_spans = [(it.text, detect(it.text)) for it in traps]
    trap_hit = [x for x in trap_spans if x[1]]
    print(
        f"\n## PII: {len(P.TEMPLATES)} contexts x 10 = {len(pos)} positives, {len(traps)} traps\n"
    )
    print("| type | n | recall (any type) | recall (its type) |")
    print("|---|---:|---:|---:|")
    for t in ("nik", "npwp", "phone", "email", "card"):
        n = r[t]["n"]
        print(f"| {t} | {n} | {r[t]['recall']:.3f} | {typed[t] / n:.3f} |")
    a = r["_all"]
    print(
        f"| precision | {a['precision']:.3f} ({a['false_spans']} false spans of {a['found']} found) "
        f"| traps with a false span: {len(trap_hit)} of {len(traps)} "
        f"({sum(len(x[1]) for x in trap_hit)} spans) |"
    )
    for text, spans in trap_hit if show else ():
        print(f"  trap {spans} {text!r}")


def report_langid(show: bool) -> None:
    from evaluation.blind16.langid_blind16 import load
    from saring.document import Document
    from saring.langid.step import LanguageID

    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    n: Counter = Counter()
    bad: Counter = Counter()
    rejected = 0
    for gold, ref, text in load():
        sc = step.score(Document(ref, text))
        n[gold] += 1
        if gold in FIVE:
            wrong = sc["lang"] != gold
            if gold == "id":
                rejected += wrong or sc["score"] < step.min_score
        else:
            wrong = sc["lang"] in FIVE[:4] and sc["score"] >= 0.5
        bad[gold] += wrong
        if wrong and show:
            print(f"  wrong {gold} -> {sc['lang']} {sc['score']:.2f}: {text}")
    reg = sorted(g for g in n if g not in FIVE)
    tb, tn = sum(bad[g] for g in reg), sum(n[g] for g in reg)
    print(f"\n## Language ID: {sum(n.values())} lines\n")
    print(
        "| regional line labelled id/ms/jv/su with score >= 0.5 | "
        + " ".join(f"{g} {bad[g]}/{n[g]}" for g in reg)
        + f" | all {tb}/{tn} ({tb / tn:.3f}) |"
    )
    print(
        "| accuracy of the kept languages | "
        + " ".join(
            f"{g} {n[g] - bad[g]}/{n[g]} ({(n[g] - bad[g]) / n[g]:.3f})" for g in FIVE if n[g]
        )
        + " |"
    )
    print(
        f"| clean Indonesian rejected (not id, or score < {step.min_score}) | {rejected}/{n['id']} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, required=True, help="checkout whose src/saring is scored")
    ap.add_argument("--only", choices=("repair", "pii", "langid"), action="append")
    ap.add_argument("--show", action="store_true", help="print misses (final run only)")
    args = ap.parse_args()
    use_tree(args.tree)
    parts = {"repair": report_repair, "pii": report_pii, "langid": report_langid}
    for name in args.only or parts:
        parts[name](args.show)


if __name__ == "__main__":
    main()
