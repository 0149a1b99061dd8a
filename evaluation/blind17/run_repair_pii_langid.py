"""Blind sets of session 17 (second outside writer) for repair, PII, language ID and quality.

The sets were written by someone who never read the rules they measure, so they show what the code
does on material nobody tuned on. Run once on the session-start tree and once on the final tree;
the code scored is the tree's ``src`` (put first on ``sys.path``), the sets and scorers are this
checkout's, so both runs score the same items the same way:

    cd <tree> && SARING_CACHE_DIR=... <tree's venv>/bin/python \\
        <this checkout>/evaluation/blind17/run_repair_pii_langid.py --tree <tree>

Repair (scorer of ``evaluation.repair.unseen``): split recall, order restored, broken names and
reviewer flags per form, each case alone and as 3-sentence pages, counts per entity kind; the
multi-link pages and the long pages with their furniture (each page one document, glue and
camel forms); false edits on the traps alone,
after two glued page lines and at the end of a whole glued page; the founding article's edits. PII
(``evaluation.pii.bare.score``): recall per type and precision, false spans on traps. Language ID:
regional lines labelled id/ms/jv/su with score >= 0.5, accuracy of the five kept languages, clean
Indonesian lines rejected. Quality: the >= 50-word clean Indonesian paragraphs run through the
default per-document chain, rejected ones counted by step and reason. No case text is printed
unless ``--show`` (only for the final run).
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
SENTENCES = "repair_blind17.txt"
PAGES = "repair_pages_blind17.txt"
LONG_PAGES = "repair_pages_long_blind17.txt"
TRAPS = "repair_traps_blind17.txt"


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


def pages(name: str = PAGES) -> list[list[str]]:
    from evaluation.repair.unseen import pages_in

    return pages_in(DATA / name)


def row(title: str, s: dict[str, Any]) -> str:
    cells = " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in s.items())
    return f"| {title} | {cells} |"


def kind_of_line() -> list[str]:
    """Section (``# Companies`` ...) of each marked line of the sentence set, in order."""
    kinds, kind = [], "?"
    for ln in (DATA / SENTENCES).read_text(encoding="utf-8").splitlines():
        if ln.startswith("# ") and len(ln) < 60:
            kind = ln[2:].split(",")[0]
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

    return [
        c for i, ln in enumerate(marked_lines(SENTENCES)) for c in cases_of(ln, f"{SENTENCES}:{i}")
    ]


def page_results(step: Any, name: str = PAGES) -> list:
    """Each page one document, every marked line glued in one form (glue, then camel); demonym
    lines carry their suffix in both passes and are scored in the first."""
    from evaluation.repair.unseen import ITEM, Case, cases_of, run_cases

    results = []
    for k, page in enumerate(pages(name)):
        for form in ("glue", "camel"):
            cases = []
            for i, ln in enumerate(page):
                if ITEM.search(ln) is None:
                    cases.append(Case(f"p{k}:{i}/context", "context", "", ln, ln))
                else:
                    cases += [c for c in cases_of(ln, f"p{k}:{i}") if c.form in (form, "suffix")]
            drop = {"context", "suffix"} if form == "camel" else {"context"}  # suffix scored once
            results += [r for r in run_cases(step, cases, len(cases)) if r[0].form not in drop]
    return results


def trap_edits(step: Any, context: list[str]) -> tuple[int, int, int, list[str]]:
    """(traps, false edits, flagged, edited lines) with ``context`` lines before each trap."""
    from saring.document import Document

    bad, flagged = [], 0
    traps = marked_lines(TRAPS)
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
    """Each trap appended to a whole glued page (the most document evidence a look-alike can
    borrow): (traps, false edits, edited trap lines)."""
    from evaluation.repair.unseen import ITEM, cases_of
    from saring.document import Document

    glued = [
        [cases_of(ln, "p")[0].corrupted if ITEM.search(ln) else ln for ln in page]
        for page in pages()
    ]
    bad = []
    traps = marked_lines(TRAPS)
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


def report_traps(step: Any, glued: list[str], show: bool) -> None:
    for title, ctx in (("alone", []), ("after 2 glued page lines", glued)):
        n, bad, flagged, lines = trap_edits(step, ctx)
        print(f"| traps {title} | {bad} false edits of {n}; {flagged} flagged |")
        for ln in lines if show else ():
            print(f"  {ln}")
    n, bad, lines = traps_in_pages(step)
    print(f"| traps at the end of a whole glued page | {bad} false edits of {n} |")
    for ln in lines if show else ():
        print(f"  {ln}")


def report_repair(show: bool) -> None:
    from evaluation.repair.unseen import page_order, run_cases, summary
    from saring.repair.step import Repair

    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    cases = repair_cases()
    print(f"\n## Repair: {len(cases)} cases ({len(marked_lines(SENTENCES))} sentences)\n")
    single = run_cases(step, cases, 1)
    paged = run_cases(step, page_order(cases), 3)
    for title, res in (("single", single), ("3-sentence pages", paged)):
        for form, s in summary(res).items():
            print(row(f"{title} {form}", s))
    by_kind(single)
    pres = page_results(step)
    for form, s in summary(pres).items():
        print(row(f"pages file ({len(pages())} pages) {form}", s))
    long = page_results(step, LONG_PAGES)
    for form, s in summary(long).items():
        print(row(f"long pages with furniture ({len(pages(LONG_PAGES))} pages) {form}", s))
    report_traps(step, [r[0].corrupted for r in pres if r[0].form == "glue"], show)
    print(f"| founding article | {founding()} |")
    if show:
        for c, out, j in single + pres + long:
            if not j["order"]:
                print(f"MISS {c.form}\t{out}")


def report_pii(show: bool) -> None:
    from evaluation.blind17 import pii_blind17 as P
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
    trap_hit = [(it.text, sp) for it in traps if (sp := detect(it.text))]
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
    from evaluation.blind17.langid_blind17 import load
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
    acc = " ".join(
        f"{g} {n[g] - bad[g]}/{n[g]} ({(n[g] - bad[g]) / n[g]:.3f})" for g in FIVE if n[g]
    )
    print(f"| accuracy of the kept languages | {acc} |")
    print(
        f"| clean Indonesian rejected (not id, or score < {step.min_score}) | {rejected}/{n['id']} |"
    )


def report_quality(show: bool) -> None:
    """Clean >= 50-word paragraphs through the default per-document chain (no dedup stage)."""
    from evaluation.blind17.langid_blind17 import paragraphs
    from saring.document import Document
    from saring.pipeline import Pipeline

    pipe = Pipeline.default().per_document()
    paras = paragraphs()
    docs = [Document(f"para{i}", text) for i, (_reg, text) in enumerate(paras)]
    out = list(pipe.process(docs))
    why: Counter = Counter()
    for (reg, _text), doc in zip(paras, out, strict=True):
        if doc.status != "kept":
            d = doc.decision
            why[f"{d.step}:{d.reason}"] += 1
            if show:
                print(
                    f"  rejected [{reg}] {d.step}:{d.reason} value {d.value} threshold {d.threshold}"
                )
    reasons = " ".join(f"{k} {v}" for k, v in sorted(why.items())) or "none"
    print(f"\n## Quality: {len(paras)} clean Indonesian paragraphs (>= 50 words)\n")
    print(f"| rejected by the default chain | {sum(why.values())}/{len(paras)} | {reasons} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, required=True, help="checkout whose src/saring is scored")
    ap.add_argument("--only", choices=("repair", "pii", "langid", "quality"), action="append")
    ap.add_argument("--show", action="store_true", help="print misses (final run only)")
    args = ap.parse_args()
    use_tree(args.tree)
    parts = {
        "repair": report_repair,
        "pii": report_pii,
        "langid": report_langid,
        "quality": report_quality,
    }
    for name in args.only or parts:
        parts[name](args.show)


if __name__ == "__main__":
    main()
