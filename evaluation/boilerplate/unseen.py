"""Scoring the boilerplate step on hand-written pages of outlets it was not written for.

    python evaluation/boilerplate/unseen.py [tune|heldout|tune14|heldout14|tune14b|heldout14b|tune14c|tune14d|tune15|heldout15|tune16|heldout16|both|both14|both14b|both15|both16] [--errors]

The pages in ``evaluation/boilerplate/unseen/*.txt`` were written by hand for saring (outlets not
in ../shared/corpora; invented bodies). Format, one document per block::

    ### id: t01 | url: https://... | place: Sleman | outlet: harianjogja.com | dateline: <prefix>
    F <furniture line>
    B <body line>
    D <a line that is only the dateline>
    S <body line>[[<furniture glued to its end, to be cut off as a span>]]
    _                      (an empty line)

Scores: line precision/recall with furniture as the positive class (an ``S`` line counts as one
furniture item, found when a span removes exactly the bracketed part and the line is kept;
a body line that loses any part to a non-dateline span counts as a false positive), and
dateline accuracy: place and outlet equal to the labels and exactly the labelled prefix removed
(a document without a dateline must get none).

Headline sidecar (optional, per page set): ``<set>.headlines.tsv`` beside the set lists the ``F``
lines that are the article's own headline, one per row: ``page id<TAB>line index<TAB>how[<TAB>
text]`` (index into the page's lines, ``_`` lines counted; ``how`` says who found it: ``read``
by hand or ``slug`` by ``evaluation/boilerplate/headlines.py``; the text, when given, must equal
the line). Writers disagree on the headline (C and E label it furniture, A body, B mostly leaves
it out) and the step keeps it (``notes/boilerplate.md``, session 18 head17), so runners print
recall both as labelled and with those lines left out (``headline_recall``); labels never change.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.metrics import PRCounts

HERE = Path(__file__).resolve().parent / "unseen"
# tune/heldout: issue-17 round (session 4); tune14/heldout14 and tune14b/heldout14b: two fresh rounds
# of other outlets (session 14); tune14c, tune14d: third and fourth tuning batches; tune15/heldout15:
# fresh round 3 (session 15); tune16/heldout16: fresh round 4 (session 16)
HALVES = [
    "tune",
    "heldout",
    "tune14",
    "heldout14",
    "tune14b",
    "heldout14b",
    "tune14c",
    "tune14d",
    "tune15",
    "heldout15",
    "tune16",
    "heldout16",
]
_SPAN_RE = re.compile(r"\[\[(.*?)\]\]")
_FIELD_SEP = re.compile(r" \| (?=\w+: )")


@dataclass
class Page:
    id: str
    url: str
    place: str
    outlet: str
    dateline: str
    labels: list[str] = field(default_factory=list)  # per line: B F D S _
    lines: list[str] = field(default_factory=list)  # the text of each line
    cut: dict[int, tuple[int, int]] = field(default_factory=dict)  # S line -> span in the line

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class UnseenScores(PRCounts):
    tn: int = 0
    dateline_docs: int = 0
    dateline_correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def dateline_accuracy(self) -> float:
        return self.dateline_correct / self.dateline_docs if self.dateline_docs else 1.0


def load(path: Path) -> list[Page]:
    """Parse one labelled file (format in the module docstring)."""
    pages: list[Page] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("### "):
            f = dict(
                (k.strip(), v.strip())
                for k, _, v in (part.partition(":") for part in _FIELD_SEP.split(raw[4:]))
            )
            pages.append(
                Page(
                    f["id"],
                    f.get("url", ""),
                    f.get("place", ""),
                    f.get("outlet", ""),
                    f.get("dateline", ""),
                )
            )
        elif raw.startswith("#") or not raw.strip():
            continue
        elif raw == "_":
            pages[-1].labels.append("_")
            pages[-1].lines.append("")
        else:
            label, line = raw[0], raw[2:]
            if label not in "BFDS" or raw[1] != " ":
                raise ValueError(f"{path}: bad line {raw!r}")
            page = pages[-1]
            if label == "S":
                m = _SPAN_RE.search(line)
                if m is None:
                    raise ValueError(f"{path}: S line without [[...]]: {raw!r}")
                line = line[: m.start()] + m.group(1) + line[m.end() :]
                page.cut[len(page.lines)] = (m.start(), m.start() + len(m.group(1)))
            page.labels.append(label)
            page.lines.append(line)
    return pages


def score(pages: list[Page], step: Boilerplate | None = None) -> UnseenScores:
    bp = step or Boilerplate()
    bp.ensure_setup()
    sc = UnseenScores()
    for p in pages:
        doc = Document(p.id, p.text(), {"url": p.url} if p.url else {})
        res = bp.analyse(doc)
        spans_by_line: dict[int, list[tuple[int, int, str]]] = {}
        for s, e, rid in res.spans:
            i = res.lines.line_of(s)
            spans_by_line.setdefault(i, []).append(
                (s - res.lines.starts[i], e - res.lines.starts[i], rid)
            )
        for i, label in enumerate(p.labels):
            if label == "_":
                continue
            dropped = i in res.drop
            cuts = [(s, e) for s, e, rid in spans_by_line.get(i, []) if rid != "dateline"]
            if label in "FD":
                if dropped:
                    sc.tp += 1
                else:
                    sc.fn += 1
                    sc.errors.append(f"{p.id} MISSED {p.lines[i]!r}")
            elif label == "B":
                if dropped or cuts:
                    sc.fp += 1
                    why = res.drop.get(i) or ",".join(r for *_x, r in spans_by_line[i])
                    sc.errors.append(f"{p.id} REMOVED[{why}] {p.lines[i]!r}")
                else:
                    sc.tn += 1
            else:  # S
                want = p.cut[i]
                line = p.lines[i]
                got = any(line[s:e].strip() == line[want[0] : want[1]].strip() for s, e in cuts)
                if dropped:
                    sc.fp += 1
                    sc.errors.append(f"{p.id} REMOVED[{res.drop[i]}] {line!r}")
                elif got:
                    sc.tp += 1
                else:
                    sc.fn += 1
                    sc.errors.append(f"{p.id} SPAN NOT CUT {line!r} got {cuts}")
        _score_dateline(p, res, sc)
    return sc


def _score_dateline(p: Page, res, sc: UnseenScores) -> None:
    sc.dateline_docs += 1
    d = res.dateline
    if not p.dateline:
        ok = d is None or (d.place is None and d.outlet is None)
        if not ok:
            sc.errors.append(f"{p.id} DATELINE where none: {d.place!r} {d.outlet!r}")
        sc.dateline_correct += ok
        return
    if d is None:
        sc.errors.append(f"{p.id} DATELINE not found: {p.dateline!r}")
        return
    if d.span is not None:
        removed = res.lines.text[d.span[0] : d.span[1]]
    else:
        removed = "\n".join(res.lines[i] for i in d.full_lines)
    ok = (
        (d.place or "").lower() == p.place.lower()
        and (d.outlet or "") == p.outlet
        and removed.strip() == p.dateline.strip()
    )
    if not ok:
        sc.errors.append(
            f"{p.id} DATELINE got place={d.place!r} outlet={d.outlet!r} cut={removed!r}; "
            f"want {p.place!r} {p.outlet!r} {p.dateline!r}"
        )
    sc.dateline_correct += ok


def headlines_path(pages_path: Path) -> Path:
    """The headline sidecar of a page set (it may not exist)."""
    return pages_path.with_suffix(".headlines.tsv")


def load_headlines(path: Path, pages: list[Page]) -> dict[str, set[int]]:
    """Page id -> indices of its own-headline lines; each must be an ``F`` line (and equal the
    text when the row gives one), so a sidecar cannot drift from its set unnoticed."""
    by_id = {p.id: p for p in pages}
    heads: dict[str, set[int]] = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        pid, idx, _how, *text = row.split("\t")
        page, i = by_id[pid], int(idx)
        if page.labels[i] != "F" or (text and text[0] != page.lines[i]):
            raise ValueError(f"{path}: row {row!r} is not an F line of {pid}")
        heads.setdefault(pid, set()).add(i)
    return heads


def headline_recall(
    pages: list[Page], sc: UnseenScores, heads: dict[str, set[int]]
) -> tuple[float, int, int]:
    """Recall with the own-headline lines left out, and (headlines, headlines removed).

    Works on any tree's scores: a headline counts as missed when the scorer's error text names
    it (the runners score older trees with their own scorer)."""
    missed = {e for e in sc.errors if " MISSED " in e}
    n_head = n_gone = 0
    for p in pages:
        for i in heads.get(p.id, ()):
            n_head += 1
            n_gone += f"{p.id} MISSED {p.lines[i]!r}" not in missed
    tp, fn = sc.tp - n_gone, sc.fn - (n_head - n_gone)
    return (tp / (tp + fn) if tp + fn else 1.0), n_head, n_gone


def report(name: str, sc: UnseenScores) -> str:
    return (
        f"{name}: lines {sc.tp + sc.fn} furniture / {sc.tn + sc.fp} body; "
        f"precision {sc.precision:.4f} recall {sc.recall:.4f} "
        f"(fp {sc.fp}, fn {sc.fn}); datelines {sc.dateline_correct}/{sc.dateline_docs} "
        f"= {sc.dateline_accuracy:.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "half",
        nargs="?",
        default="tune",
        choices=[*HALVES, "both", "both14", "both14b", "both15", "both16"],
    )
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    halves = {
        "both": ["tune", "heldout"],
        "both14": ["tune14", "heldout14"],
        "both14b": ["tune14b", "heldout14b"],
        "both15": ["tune15", "heldout15"],
        "both16": ["tune16", "heldout16"],
    }.get(a.half, [a.half])
    for h in halves:
        pages = load(HERE / f"{h}.txt")
        sc = score(pages)
        print(f"{report(h, sc)} ({len(pages)} pages)")
        if a.errors:
            for e in sc.errors:
                print("  ", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
