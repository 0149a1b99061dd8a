"""Score the session-19 blind sets (fifth outside writer) in one table: repair, PII, language ID
and quality.

    cd <tree> && PYTHONPATH=<tree>/src SARING_CACHE_DIR=... <venv>/bin/python \\
        <this checkout>/evaluation/blind22/run.py --tree <tree> [--only repair|pii|langid|quality]

The code scored is ``<tree>/src`` (put first on ``sys.path``); the sets and scorers are this
checkout's, so the round-start tree and the final tree are scored on the same items the same way.

Repair (scorer of ``evaluation.repair.unseen``): split recall, order restored, broken names and
reviewer flags per form, each case alone and as 3-sentence pages; counts per entity kind; the
pages file (each page one document, furniture lines kept as context, glue then camel pass;
demonym and list lines scored once); false edits on the traps alone, after two glued page lines
and at the end of a whole glued page; the founding article's edits. PII: recall per type (any
type, its own type) and precision, traps with a false span. Language ID: regional lines labelled
id/ms/jv/su with score >= 0.5, accuracy of the five kept languages, clean Indonesian rejected.
Quality: the clean >= 50-word paragraphs through the default per-document chain, rejections by
step and reason. No case text is printed unless ``--show`` (only for the final run). The sets are
blind: score them, never tune rules on them.
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
SENTENCES = "repair_blind22.txt"
PAGES = "repair_pages_blind22.txt"
TRAPS = "repair_traps_blind22.txt"
FOUNDING = Path("/work/shared/seed/founding-article.id.txt")


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


def pages() -> list[list[str]]:
    from evaluation.repair.unseen import pages_in

    return pages_in(DATA / PAGES)


def row(title: str, s: dict[str, Any]) -> str:
    cells = " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in s.items())
    return f"| {title} | {cells} |"


def kind_of_line() -> list[str]:
    """Section (``# Companies ...``) of each marked line of the sentence set, in order."""
    kinds, kind = [], "?"
    for ln in (DATA / SENTENCES).read_text(encoding="utf-8").splitlines():
        if ln.startswith("# ") and len(ln) < 60:
            kind = ln[2:]
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


def is_marked(line: str) -> bool:
    from evaluation.repair.unseen import ITEM, LIST

    return bool(ITEM.search(line) or LIST.search(line))


def page_cases(k: int, page: list[str], form: str) -> list:
    """One page's lines as cases: marked lines in ``form`` (demonym and list lines in their only
    form), other lines (body context, furniture) as unchanged context."""
    from evaluation.repair.unseen import Case, cases_of

    out = []
    for i, ln in enumerate(page):
        if not is_marked(ln):
            out.append(Case(f"p{k}:{i}/context", "context", "", ln, ln))
            continue
        made = cases_of(ln, f"p{k}:{i}")
        out += [c for c in made if c.form == form] or made
    return out


def page_results(step: Any) -> list:
    """Each page one document, glued in one form then the other; suffix and list lines are scored
    in the first pass only."""
    from evaluation.repair.unseen import run_cases

    results = []
    for k, page in enumerate(pages()):
        for form in ("glue", "camel"):
            cases = page_cases(k, page, form)
            drop = {"context", "suffix", "list"} if form == "camel" else {"context"}
            results += [r for r in run_cases(step, cases, len(cases)) if r[0].form not in drop]
    return results


def context_edits(results: list) -> int:
    """Unmarked page lines (context, furniture) the step changed: each one a false edit."""
    return sum(1 for c, out, _j in results if c.form == "context" and out != c.clean)


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


def glued_pages() -> list[list[str]]:
    """Every page with each marked line in its first corrupted form."""
    from evaluation.repair.unseen import cases_of

    return [[cases_of(ln, "p")[0].corrupted if is_marked(ln) else ln for ln in p] for p in pages()]


def traps_in_pages(step: Any) -> tuple[int, int, list[str]]:
    """Each trap appended to a whole glued page: (traps, false edits, edited trap lines)."""
    from saring.document import Document

    glued, bad = glued_pages(), []
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

    if not FOUNDING.exists():
        return "absent"
    doc = Document(id="founding", text=FOUNDING.read_text(encoding="utf-8"))
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
    scored = [r for r in pres if r[0].form != "context"]
    for form, s in summary(scored).items():
        print(row(f"pages file ({len(pages())} pages) {form}", s))
    print(f"| pages file: unmarked lines (context, furniture) edited | {context_edits(pres)} |")
    report_traps(step, [r[0].corrupted for r in scored if r[0].form == "glue"], show)
    print(f"| founding article | {founding()} |")
    if show:
        for c, out, j in single + scored:
            if not j["order"]:
                print(f"MISS {c.form}\t{out}")


def report_pii(show: bool) -> None:
    from evaluation.blind22 import pii_blind22 as P
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


def langid_counts(show: bool) -> tuple[Counter, Counter, int, float]:
    """(lines per gold, wrong per gold, clean Indonesian rejected, the step's min score)."""
    from evaluation.blind22.langid_blind22 import load
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
    return n, bad, rejected, step.min_score


def report_langid(show: bool) -> None:
    n, bad, rejected, min_score = langid_counts(show)
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
    print(f"| clean Indonesian rejected (not id, or score < {min_score}) | {rejected}/{n['id']} |")


def report_quality(show: bool) -> None:
    """Clean >= 50-word paragraphs through the default per-document chain (no dedup stage)."""
    from evaluation.blind22.langid_blind22 import paragraphs
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
