"""Repair tables: cases alone and as 3-sentence pages, per kind, pages files, traps, founding.

Scorer: ``evaluation.repair.unseen`` of this checkout; the step is the tree's ``Repair``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

FOUNDING = Path("/work/shared/seed/founding-article.id.txt")


class Heads(NamedTuple):
    """How a row names its figure: plain rows, trap rows, per-kind rows."""

    plain: str
    traps: str
    kind: str


FLAT = Heads("", "traps ", "kind ")  # ``| traps alone | ... |`` (the report runners)
TABLE = Heads("repair | ", "repair traps | ", "repair kind | ")  # a set column (one table)


def row(title: str, s: dict[str, Any], head: str = "") -> str:
    cells = " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in s.items())
    return f"| {head}{title} | {cells} |"


def is_marked(line: str) -> bool:
    from evaluation.repair.unseen import ITEM, LIST

    return bool(ITEM.search(line) or LIST.search(line))


def short_section(line: str, _next: str) -> str | None:
    """A short (< 60 characters) ``# Kind, ...`` comment line opens a kind: its first part."""
    return line[2:].split(",")[0] if line.startswith("# ") and len(line) < 60 else None


def short_section_whole(line: str, _next: str) -> str | None:
    """A short (< 60 characters) ``# Kind ...`` comment line opens a kind: the whole line."""
    return line[2:] if line.startswith("# ") and len(line) < 60 else None


@dataclass(frozen=True)
class RepairSet:
    """One writer's repair files under ``data`` and how its sentence file names entity kinds:
    ``section(line, next_line)`` is the kind a header line opens, or None."""

    data: Path
    sentences: str
    pages_file: str
    traps: str
    section: Callable[[str, str], str | None]
    long_pages: str | None = None

    def marked_lines(self, name: str) -> list[str]:
        from evaluation.repair.unseen import lines_in

        return lines_in(self.data / name)

    def pages(self, name: str | None = None) -> list[list[str]]:
        """Blocks of non-comment lines separated by blank lines."""
        from evaluation.repair.unseen import pages_in

        return pages_in(self.data / (name or self.pages_file))

    def kind_of_line(self) -> list[str]:
        """Entity kind (section) of each marked line of the sentence file, in order."""
        kinds, kind = [], "?"
        lines = (self.data / self.sentences).read_text(encoding="utf-8").splitlines()
        for k, ln in enumerate(lines):
            opened = self.section(ln, lines[k + 1] if k + 1 < len(lines) else "#")
            if opened is not None:
                kind = opened
            elif ln.strip() and not ln.startswith("#"):
                kinds.append(kind)
        return kinds

    def repair_cases(self) -> list:
        from evaluation.repair.unseen import cases_of

        name = self.sentences
        return [
            c for i, ln in enumerate(self.marked_lines(name)) for c in cases_of(ln, f"{name}:{i}")
        ]

    def page_results(self, step: Any, name: str | None = None) -> list:
        """Each page one document, glued in one form then the other; unmarked lines come back
        as ``context`` results (scored apart: each change a false edit); demonym and list lines,
        which have one form, are scored in the first pass only."""
        from evaluation.repair.unseen import run_cases

        results = []
        for k, page in enumerate(self.pages(name)):
            for form in ("glue", "camel"):
                cases = page_cases(k, page, form)
                once = {"suffix", "list"} if form == "camel" else set()
                results += [r for r in run_cases(step, cases, len(cases)) if r[0].form not in once]
        return results

    def trap_edits(self, step: Any, context: list[str]) -> tuple[int, int, int, list[str]]:
        """(traps, false edits, flagged, edited lines) with ``context`` lines before each trap."""
        from saring.document import Document

        bad, flagged = [], 0
        traps = self.marked_lines(self.traps)
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

    def traps_in_pages(self, step: Any) -> tuple[int, int, list[str]]:
        """Each trap appended to a whole glued page (the most document evidence a look-alike can
        borrow): (traps, false edits, edited trap lines)."""
        from evaluation.repair.unseen import cases_of
        from saring.document import Document

        glued = [
            [cases_of(ln, "p")[0].corrupted if is_marked(ln) else ln for ln in p]
            for p in self.pages()
        ]
        bad = []
        traps = self.marked_lines(self.traps)
        for i, t in enumerate(traps):
            doc = Document(id=f"trap-page{i}", text="\n".join([*glued[i % len(glued)], t]))
            step.process(doc)
            last = doc.text.split("\n")[-1]
            if last != t:
                bad.append(f"{t!r} -> {last!r}")
        return len(traps), len(bad), bad


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


def kind_rows(results: list, kinds: list[str], head: str) -> list[str]:
    """Split / order / broken counts per entity kind of the single-case run (no case text)."""
    table: dict[str, Counter] = {}
    for c, _out, j in results:
        t = table.setdefault(kinds[int(c.id.split(":")[1].split("/")[0])], Counter())
        t.update(n=1, split=int(j["split"]), order=int(j["order"]), broken=int(j["broken"]))
    return [
        f"| {head}{k} | n {t['n']} split {t['split']} order {t['order']} broken {t['broken']} |"
        for k, t in table.items()
    ]


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


def trap_rows(step: Any, rs: RepairSet, glued: list[str], head: str, show: bool) -> list[str]:
    """False edits on the traps alone, after two glued page lines, at the end of a glued page."""
    rows = []
    for title, ctx in (("alone", []), ("after 2 glued page lines", glued)):
        n, bad, flagged, lines = rs.trap_edits(step, ctx)
        rows.append(f"| {head}{title} | {bad} false edits of {n}; {flagged} flagged |")
        rows += [f"  {ln}" for ln in lines if show]
    n, bad, lines = rs.traps_in_pages(step)
    rows.append(f"| {head}at the end of a whole glued page | {bad} false edits of {n} |")
    return rows + [f"  {ln}" for ln in lines if show]


def context_edits(results: list) -> int:
    """Unmarked page lines (context, furniture) the step changed: each one a false edit."""
    return sum(1 for c, out, _j in results if c.form == "context" and out != c.clean)


def repair_rows(rs: RepairSet, heads: Heads, show: bool, context_row: bool = False) -> list[str]:
    """Every repair figure of one writer's set (misses as ``MISS`` lines only with ``show``)."""
    from evaluation.repair.unseen import page_order, run_cases, summary
    from saring.repair.step import Repair

    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    cases = rs.repair_cases()
    single = run_cases(step, cases, 1)
    paged = run_cases(step, page_order(cases), 3)
    rows = [
        row(f"{title} {form}", s, heads.plain)
        for title, res in (("single", single), ("3-sentence pages", paged))
        for form, s in summary(res).items()
    ]
    rows += kind_rows(single, rs.kind_of_line(), heads.kind)
    every = rs.page_results(step)
    pres = _scored(every)
    rows += _page_rows(f"pages file ({len(rs.pages())} pages)", pres, heads.plain)
    long = _scored(rs.page_results(step, rs.long_pages)) if rs.long_pages else []
    if rs.long_pages:
        title = f"long pages with furniture ({len(rs.pages(rs.long_pages))} pages)"
        rows += _page_rows(title, long, heads.plain)
    if context_row:
        rows.append(
            f"| pages file: unmarked lines (context, furniture) edited | {context_edits(every)} |"
        )
    glued = [r[0].corrupted for r in pres if r[0].form == "glue"]
    rows += trap_rows(step, rs, glued, heads.traps, show)
    rows.append(f"| {heads.plain}founding article | {founding()} |")
    misses = single + pres + long if show else []
    return rows + [f"MISS {c.form}\t{out}" for c, out, j in misses if not j["order"]]


def _scored(results: list) -> list:
    return [r for r in results if r[0].form != "context"]


def _page_rows(title: str, results: list, head: str) -> list[str]:
    from evaluation.repair.unseen import summary

    return [row(f"{title} {form}", s, head) for form, s in summary(results).items()]
