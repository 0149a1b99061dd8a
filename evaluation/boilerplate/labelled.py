"""Scoring the boilerplate step against the labelled line set (bench/data/boilerplate/labels.tsv).

Labels are stored as document id, line number and xxhash64 of the stripped line of the
*normalized* text, never the text itself; a hash mismatch means normalization changed and the
labels must be regenerated, so it is counted and reported rather than silently scored.
"""

from __future__ import annotations

import gzip
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import xxhash

from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.metrics import PRCounts
from saring.normalize.step import Normalize


@dataclass
class LineLabel:
    line_no: int
    line_hash: str
    label: str


@dataclass
class DocLabels:
    doc_id: str
    file: str
    lines: list[LineLabel] = field(default_factory=list)
    place: str = ""
    outlet: str = ""


@dataclass
class Scores(PRCounts):
    tn: int = 0
    hash_mismatch: int = 0
    dateline_docs: int = 0
    dateline_correct: int = 0
    by_rule_fp: Counter = field(default_factory=Counter)
    errors: list[tuple[str, int, str, str]] = field(default_factory=list)  # id, line, gold, rule

    @property
    def dateline_accuracy(self) -> float:
        return self.dateline_correct / self.dateline_docs if self.dateline_docs else 1.0


def line_hash(line: str) -> str:
    return xxhash.xxh64_hexdigest(line.strip().encode("utf-8"))


def load_labels(path: Path) -> list[DocLabels]:
    docs: dict[str, DocLabels] = {}
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        doc_id, file, line_no, h, label, place, outlet = row.split("\t")
        d = docs.get(doc_id)
        if d is None:
            d = docs[doc_id] = DocLabels(doc_id, file)
        if place or outlet:
            d.place, d.outlet = place, outlet
        d.lines.append(LineLabel(int(line_no), h, label))
    return list(docs.values())


def load_records(corpora: Path, labels: list[DocLabels]) -> dict[str, dict[str, Any]]:
    """The labelled records, read by id from the shared corpus files."""
    want: dict[str, set[str]] = defaultdict(set)
    for d in labels:
        want[d.file].add(d.doc_id)
    out: dict[str, dict[str, Any]] = {}
    for file, ids in want.items():
        with gzip.open(corpora / file, "rb") as f:
            for line in f:
                rec = orjson.loads(line)
                rid = str(rec["id"])
                if rid in ids and rid not in out:
                    out[rid] = rec
    return out


def evaluate(
    labels: list[DocLabels], records: dict[str, dict[str, Any]],
    normalize: Normalize | None = None, boilerplate: Boilerplate | None = None,
) -> Scores:
    """Line-level confusion (boilerplate = positive) and dateline accuracy."""
    norm = normalize or Normalize()
    bp = boilerplate or Boilerplate()
    norm.ensure_setup()
    bp.ensure_setup()
    sc = Scores()
    for d in labels:
        rec = records[d.doc_id]
        doc = Document(d.doc_id, rec["text"], {k: v for k, v in rec.items() if k not in ("id", "text")})
        norm.process(doc)
        res = bp.analyse(doc)
        lines, drop = res.lines.lines, res.drop
        for lab in d.lines:
            if lab.line_no >= len(lines) or line_hash(lines[lab.line_no]) != lab.line_hash:
                sc.hash_mismatch += 1
                continue
            gold = lab.label == "boilerplate"
            pred = lab.line_no in drop
            if gold and pred:
                sc.tp += 1
            elif pred:
                sc.fp += 1
                sc.by_rule_fp[drop[lab.line_no]] += 1
                sc.errors.append((d.doc_id, lab.line_no, "content", drop[lab.line_no]))
            elif gold:
                sc.fn += 1
                sc.errors.append((d.doc_id, lab.line_no, "boilerplate", "-"))
            else:
                sc.tn += 1
        if d.place or d.outlet:
            sc.dateline_docs += 1
            dl = res.dateline
            got_place = (dl.place or "") if dl else ""
            got_outlet = (dl.outlet or "") if dl else ""
            if got_place.lower() == d.place.lower() and got_outlet == d.outlet:
                sc.dateline_correct += 1
    return sc
