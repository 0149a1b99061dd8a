"""Boilerplate page tables: the scorer's figures, furniture misses per position and kind.

The scorer is the tree's ``evaluation/boilerplate/unseen.py`` (imported inside the functions);
kinds are each round's own cue tables, descriptive only, never a rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .tree import ROOT, load


def position(
    labels: list[str],
    i: int,
    body: str = "BDS",
    glued: str | None = "glued (S)",
    between: str = "between paragraphs",
) -> str:
    """Where furniture line ``i`` stands: before the first body line, after the last, between."""
    lines = [k for k, lab in enumerate(labels) if lab in body]
    if glued and labels[i] == "S":
        return glued
    if not lines or i < lines[0]:
        return "head"
    return "tail" if i > lines[-1] else between


@dataclass(frozen=True)
class KindCues:
    """A round's furniture kinds: first matching cue wins; a cue-less line takes the kind that
    ``follows`` gives the previous furniture line's kind, else ``head`` before the body."""

    cues: tuple[tuple[str, str], ...]
    head: str
    glued: str
    dateline: str = "dateline line"
    follows: dict[str, str] = field(default_factory=dict)

    def kind(self, line: str) -> str:
        for kind, cue in self.cues:
            if re.search(cue, line):
                return kind
        return "other"

    def kinds(self, page: Any) -> dict[int, str]:
        """Kind of every furniture item of ``page`` (F lines, glued spans, dateline lines)."""
        out: dict[int, str] = {}
        prev = None
        for i, lab in enumerate(page.labels):
            if lab in "SD":
                out[i] = self.glued if lab == "S" else self.dateline
            if lab != "F":
                prev = None if lab != "_" else prev
                continue
            k = self.kind(page.lines[i])
            if k == "other":
                k = self.follows.get(prev) or (
                    self.head if position(page.labels, i) == "head" else k
                )
            out[i], prev = k, k
        return out


def was_missed(page: Any, i: int, lost: set[str]) -> bool:
    """A furniture item the scorer counted as a miss (matched on the scorer's own error text)."""
    line = page.lines[i]
    if page.labels[i] in "FD":
        return f"MISSED {line!r}" in lost
    return any(e.startswith(f"SPAN NOT CUT {line!r}") for e in lost)


def score_rows(sc: Any) -> list[str]:
    """Line precision and recall (furniture positive) and dateline accuracy."""
    return [
        f"| pages | line precision | {sc.precision:.4f} (fp {sc.fp} of {sc.tn + sc.fp} body lines) |",
        f"| pages | line recall | {sc.recall:.4f} (fn {sc.fn} of {sc.tp + sc.fn} furniture items) |",
        f"| pages | datelines | {sc.dateline_correct}/{sc.dateline_docs} = {sc.dateline_accuracy:.3f} |",
    ]


def miss_rows(pages: list, sc: Any, kinds: Callable[[Any], dict[int, str]]) -> list[str]:
    """Furniture misses per position and per kind (counts only, no line text)."""
    by_kind, by_pos, miss_kind, miss_pos = Counter(), Counter(), Counter(), Counter()
    for p in pages:
        lost = {re.sub(r"^\S+ ", "", e, count=1) for e in sc.errors if e.startswith(p.id + " ")}
        for i, k in kinds(p).items():
            pos = position(p.labels, i)
            by_kind[k] += 1
            by_pos[pos] += 1
            if was_missed(p, i, lost):
                miss_kind[k] += 1
                miss_pos[pos] += 1
    return [
        *(
            f"| pages misses by position | {k} | {miss_pos[k]}/{n} |"
            for k, n in by_pos.most_common()
        ),
        *(f"| pages misses by kind | {k} | {miss_kind[k]}/{n} |" for k, n in by_kind.most_common()),
    ]


def error_count_rows(errors: list[str], removed: str) -> list[str]:
    """Body lines removed or cut (errors holding ``removed``) and dateline errors."""
    return [
        f"| pages errors | body lines removed/cut | {sum(removed in e for e in errors)} |",
        f"| pages errors | datelines wrong/missed/spurious | {sum(' DATELINE ' in e for e in errors)} |",
    ]


def headline_rows(pages: list, sc: Any, pages_path: Path) -> list[str]:
    """Recall with the article's own headline lines left out (the sidecar beside the set, read
    with this checkout's scorer helpers so that older trees are scored the same way)."""
    here = load("unseen_here", ROOT / "evaluation" / "boilerplate" / "unseen.py")
    side = here.headlines_path(pages_path)
    if not side.exists():
        return []
    recall, n_head, n_gone = here.headline_recall(pages, sc, here.load_headlines(side, pages))
    return [
        f"| pages | line recall, own headlines left out | {recall:.4f} "
        f"({n_head} headline lines, {n_gone} of them removed) |"
    ]


def dateline_split(pages: list, errors: list[str]) -> list[str]:
    """Dateline accuracy apart for pages with a labelled dateline and pages without one."""
    wrong = {e.split()[0] for e in errors if " DATELINE " in e}
    have = [p.id for p in pages if p.dateline]
    none = [p.id for p in pages if not p.dateline]
    return [
        f"| pages | datelines, pages with one | {sum(i not in wrong for i in have)}/{len(have)} |",
        f"| pages | datelines, pages without (none given) | {sum(i not in wrong for i in none)}/{len(none)} |",
    ]


def registered_site(url: str) -> str:
    """The registered domain of ``url`` (``x.co.id`` keeps three labels)."""
    host = url.split("/")[2]
    parts = host.split(".")
    return ".".join(parts[-3:] if parts[-2] in ("co", "or", "ac", "go", "sch") else parts[-2:])


def line_outcomes(page: Any, res: Any) -> list[tuple[str, int, bool]]:
    """``(label, line, wrong)`` per labelled line of ``page`` given the step's analysis ``res``,
    judged as ``unseen.score`` judges them."""
    cuts: dict[int, list[tuple[int, int]]] = {}
    for s, e, rid in res.spans:
        if rid != "dateline":
            i = res.lines.line_of(s)
            cuts.setdefault(i, []).append((s - res.lines.starts[i], e - res.lines.starts[i]))
    out = []
    for i, lab in enumerate(page.labels):
        if lab == "_":
            continue
        dropped = i in res.drop
        if lab in "FD":
            wrong = not dropped
        elif lab == "B":
            wrong = dropped or bool(cuts.get(i))
        else:
            a, b = page.cut[i]
            want = page.lines[i][a:b].strip()
            got = any(page.lines[i][s:e].strip() == want for s, e in cuts.get(i, []))
            wrong = dropped or not got
        out.append((lab, i, wrong))
    return out
