"""Labelled lines grouped by writing round, each with the rule step's verdict.

A line's *kind*: ``pos`` furniture to drop (F, D, labelled boilerplate), ``neg`` body to keep
(B, labelled content), ``span`` a body line with glued furniture (S: only a cut is right, a drop
is a false removal). ``step`` is the step's outcome on it, in the terms of the page scorer
(``evaluation/boilerplate/unseen.py``): ``drop`` whole line removed, ``cut`` a non-dateline span
removed from a kept line (right for S, a false removal for B), ``keep`` untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.boilerplate.unseen import HERE, Page, load
from saring.boilerplate.step import Boilerplate
from saring.document import Document

ROOT = Path(__file__).resolve().parents[3]
LABELS = ROOT / "bench" / "data" / "boilerplate" / "labels.tsv"
CORPORA = ROOT.parent / "shared" / "corpora"
# writing round -> page files (file = round); the labelled corpus lines are their own group
ROUNDS: dict[str, list[str]] = {
    "round1": ["tune", "heldout"],
    "round2": ["tune14", "heldout14", "tune14b", "heldout14b", "tune14c", "tune14d"],
    "round3": ["tune15", "heldout15"],
    "round4": ["tune16", "heldout16"],
}


@dataclass
class LabelledPage:
    """One page: its lines, each line's kind (None: unlabelled/empty) and the step's outcome."""

    id: str
    lines: list[str]
    kinds: list[str | None]
    step: list[str]

    @property
    def step_drop(self) -> list[bool]:
        return [s == "drop" for s in self.step]


def _unseen_kinds(p: Page) -> list[str | None]:
    table = {"F": "pos", "D": "pos", "B": "neg", "S": "span", "_": None}
    return [table[lab] for lab in p.labels]


def step_outcomes(bp: Boilerplate, doc: Document) -> tuple[list[str], list[str]]:
    """The step's lines of ``doc`` and its per-line outcome (drop / keep: the labelled set's
    scorer, ``evaluation/boilerplate/labelled.py``, scores whole-line drops only)."""
    res = bp.analyse(doc)
    out = ["keep"] * len(res.lines.lines)
    for i in res.drop:
        out[i] = "drop"
    return list(res.lines.lines), out


def unseen_page(bp: Boilerplate, p: Page) -> LabelledPage:
    """A hand-written page with the step's outcome; an S line counts as cut only when the
    step removed exactly its bracketed part (as the page scorer does)."""
    doc = Document(p.id, p.text(), {"url": p.url} if p.url else {})
    res = bp.analyse(doc)
    out = ["keep"] * len(p.lines)
    for s, e, rid in res.spans:
        i = res.lines.line_of(s)
        if rid == "dateline" or i >= len(out):
            continue
        start = res.lines.starts[i]
        if i in p.cut:
            ws, we = p.cut[i]
            line = p.lines[i]
            right = line[s - start : e - start].strip() == line[ws:we].strip()
            out[i] = "cut" if right else ("cut" if out[i] == "cut" else "miss")
        else:
            out[i] = "cut"
    for i in res.drop:
        if i < len(out):
            out[i] = "drop"
    return LabelledPage(p.id, list(p.lines), _unseen_kinds(p), out)


def load_rounds(bp: Boilerplate | None = None) -> dict[str, list[LabelledPage]]:
    """The hand-written page rounds, each page run through the step once."""
    bp = bp or Boilerplate(learned="off")  # the rule step alone (the model is stacked on it)
    bp.ensure_setup()
    return {
        name: [unseen_page(bp, p) for f in files for p in load(HERE / f"{f}.txt")]
        for name, files in ROUNDS.items()
    }


def load_labelled(bp: Boilerplate | None = None) -> list[LabelledPage]:
    """The labelled corpus lines (text read from the shared corpora, normalized as the step's
    tests do); empty when the corpora are absent or a line hash no longer matches."""
    from evaluation.boilerplate.labelled import line_hash, load_labels, load_records
    from saring.normalize.step import Normalize

    if not CORPORA.exists():
        return []
    labels = load_labels(LABELS)
    records = load_records(CORPORA, labels)
    bp = bp or Boilerplate(learned="off")  # the rule step alone (the model is stacked on it)
    norm = Normalize()
    bp.ensure_setup()
    norm.ensure_setup()
    pages: list[LabelledPage] = []
    for d in labels:
        rec = records[d.doc_id]
        meta = {k: v for k, v in rec.items() if k not in ("id", "text")}
        doc = Document(d.doc_id, rec["text"], meta)
        norm.process(doc)
        lines, step = step_outcomes(bp, doc)
        kinds: list[str | None] = [None] * len(lines)
        for lab in d.lines:
            if lab.line_no < len(lines) and line_hash(lines[lab.line_no]) == lab.line_hash:
                kinds[lab.line_no] = "pos" if lab.label == "boilerplate" else "neg"
        pages.append(LabelledPage(d.doc_id, lines, kinds, step))
    return pages
