"""PII, language-ID and quality tables of a blind set (the tree's detector, step and chain)."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from .repair import FLAT, RepairSet, repair_rows

FIVE = ("id", "ms", "jv", "su", "en")
PII_TYPES = ("nik", "npwp", "phone", "email", "card")


def pii_rows(pii_set: Any, show: bool) -> list[str]:
    """Recall per type (any type, its own type), precision, traps with a false span; the set
    module gives ``TEMPLATES`` and ``items() -> (positives, traps)``."""
    from evaluation.pii.bare import score
    from saring.pii.detect import Detector

    det = Detector()

    def detect(text: str) -> list[tuple[str, int, int]]:
        return [(s.type, s.start, s.end) for s in det.find(text)[0]]

    pos, traps = pii_set.items()
    r = score(detect, pos + traps)
    typed: Counter = Counter()
    for it in pos:
        found = detect(it.text)
        for typ, s, e in it.spans:
            typed[typ] += any(t == typ and fs < e and s < fe for t, fs, fe in found)
    trap_hit = [(it.text, sp) for it in traps if (sp := detect(it.text))]
    n_ctx = len(pii_set.TEMPLATES)
    rows = [
        "",
        f"## PII: {n_ctx} contexts x 10 = {len(pos)} positives, {len(traps)} traps",
        "",
        "| type | n | recall (any type) | recall (its type) |",
        "|---|---:|---:|---:|",
    ]
    rows += [
        f"| {t} | {r[t]['n']} | {r[t]['recall']:.3f} | {typed[t] / r[t]['n']:.3f} |"
        for t in PII_TYPES
    ]
    a = r["_all"]
    rows.append(
        f"| precision | {a['precision']:.3f} ({a['false_spans']} false spans of {a['found']} found) "
        f"| traps with a false span: {len(trap_hit)} of {len(traps)} "
        f"({sum(len(x[1]) for x in trap_hit)} spans) |"
    )
    return rows + [f"  trap {spans} {text!r}" for text, spans in trap_hit if show]


def langid_counts(
    load: Callable[[], list[tuple[str, str, str]]], show: bool
) -> tuple[Counter, Counter, int, float, list[str]]:
    """(lines per gold, wrong per gold, clean Indonesian rejected, the step's min score, miss
    lines shown): a regional line is wrong when labelled id/ms/jv/su with score >= 0.5."""
    from saring.document import Document
    from saring.langid.step import LanguageID

    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    n: Counter = Counter()
    bad: Counter = Counter()
    rejected, shown = 0, []
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
            shown.append(f"  wrong {gold} -> {sc['lang']} {sc['score']:.2f}: {text}")
    return n, bad, rejected, step.min_score, shown


def langid_rows(load: Callable[[], list[tuple[str, str, str]]], show: bool) -> list[str]:
    """Regional lines taken for a kept language, accuracy of the five, clean Indonesian rejected."""
    n, bad, rejected, min_score, shown = langid_counts(load, show)
    reg = sorted(g for g in n if g not in FIVE)
    tb, tn = sum(bad[g] for g in reg), sum(n[g] for g in reg)
    per_reg = " ".join(f"{g} {bad[g]}/{n[g]}" for g in reg)
    acc = " ".join(
        f"{g} {n[g] - bad[g]}/{n[g]} ({(n[g] - bad[g]) / n[g]:.3f})" for g in FIVE if n[g]
    )
    return [
        *shown,
        "",
        f"## Language ID: {sum(n.values())} lines",
        "",
        f"| regional line labelled id/ms/jv/su with score >= 0.5 | {per_reg} | all {tb}/{tn} ({tb / tn:.3f}) |",
        f"| accuracy of the kept languages | {acc} |",
        f"| clean Indonesian rejected (not id, or score < {min_score}) | {rejected}/{n['id']} |",
    ]


def quality_rows(paragraphs: Callable[[], list[tuple[str, str]]], show: bool) -> list[str]:
    """Clean >= 50-word paragraphs through the default per-document chain (no dedup stage),
    rejections by step and reason."""
    from saring.document import Document
    from saring.pipeline import Pipeline

    pipe = Pipeline.default().per_document()
    paras = paragraphs()
    docs = [Document(f"para{i}", text) for i, (_reg, text) in enumerate(paras)]
    why: Counter = Counter()
    shown = []
    for (reg, _text), doc in zip(paras, list(pipe.process(docs)), strict=True):
        if doc.status != "kept":
            d = doc.decision
            why[f"{d.step}:{d.reason}"] += 1
            if show:
                shown.append(
                    f"  rejected [{reg}] {d.step}:{d.reason} value {d.value} threshold {d.threshold}"
                )
    reasons = " ".join(f"{k} {v}" for k, v in sorted(why.items())) or "none"
    return [
        *shown,
        "",
        f"## Quality: {len(paras)} clean Indonesian paragraphs (>= 50 words)",
        "",
        f"| rejected by the default chain | {sum(why.values())}/{len(paras)} | {reasons} |",
    ]


def repair_report(rs: RepairSet, context_row: bool, show: bool) -> list[str]:
    """The repair section of a report runner: its heading, then every repair figure."""
    n = f"{len(rs.repair_cases())} cases ({len(rs.marked_lines(rs.sentences))} sentences)"
    return ["", f"## Repair: {n}", "", *repair_rows(rs, FLAT, show, context_row)]


def parts(
    rs: RepairSet, pii: str, langid: str, quality: bool = False, context_row: bool = False
) -> dict[str, Callable[[bool], list[str]]]:
    """A report runner's parts: repair on ``rs``, PII on the set module named ``pii``, language
    ID (and quality) on the module named ``langid`` (imported when the part runs, so after the
    tree is put on the path)."""
    out: dict[str, Callable[[bool], list[str]]] = {
        "repair": partial(repair_report, rs, context_row),
        "pii": lambda show: pii_rows(importlib.import_module(pii), show),
        "langid": lambda show: langid_rows(importlib.import_module(langid).load, show),
    }
    if quality:
        out["quality"] = lambda show: quality_rows(importlib.import_module(langid).paragraphs, show)
    return out
