"""The ``repair`` step: MT link-glue repair, revision-duplicate paragraphs, MT-damage score.

Order inside one document:

1. scan for entity glue sites (one trie-regex pass), score them, add document/site evidence;
2. apply confident repairs (split, list comma, entity moved after its noun phrase) as one
   ``doc.apply`` call; below the threshold only ``doc.flag(..., "mt_glue", ...)``;
3. on the repaired text, remove near-duplicate paragraphs (keep the less damaged copy) as a second
   ``doc.apply`` call and record the conflicting details;
4. annotate ``mt_damage`` and the document's ``site`` (URL host) when known.

The step is pure per document: every piece of evidence that raises a confidence comes from the
document itself, so the output for a document never depends on which documents a worker saw before
(tested). Per-site damage figures are a corpus stage, :class:`saring.repair.sites.SiteDamage`.

Repaired text has no glue and no duplicate left, so running the step again changes nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from saring.document import Document, Replacement
from saring.repair.camel_seam import lift_kind_seams
from saring.repair.damage import damage_score, site_of
from saring.repair.fastscan import (
    code_glue_possible,
    forget,
    hyphen_code_possible,
    maybe_duplicates,
    n_breaks,
    quiet,
)
from saring.repair.glue import (
    Plan,
    Site,
    add_evidence,
    find_name_sites,
    find_sites,
    mark_scrape_joins,
    plan_repair,
    require_mt_fingerprint,
)
from saring.repair.names import (
    SPLIT_FORMS,
    code_sites,
    degree_sites,
    extend_sites,
    find_entity_sites,
    hyphen_code_sites,
    number_sites,
)
from saring.repair.offices import office_plan, office_sites, replace_overlapped
from saring.repair.paragraphs import DupPair, Para, find_duplicates, split_paragraphs
from saring.repair.resources import Resources, load_resources
from saring.repair.scorer import keep_names_whole, lift_page_camel
from saring.step import MapStep, Reject

NEWLINE = re.compile("\n")
FLAG_MIN = 0.5
ORDER_MIN = 0.8  # word-order confidence needed to move the entity (else split only)


def _removal_range(text: str, start: int, end: int, at_tail: bool, floor: int) -> tuple[int, int]:
    """Span to delete for the line ``text[start:end]``: with its newline, or at the end of the
    text with every newline before it (down to ``floor``, the end of the previous removal)."""
    if at_tail:
        s = max(floor, start - 1)
        while s > floor and text[s - 1] == "\n":
            s -= 1
        return s, end
    return start, min(len(text), end + 1)


def _close_blank_runs(text: str, reps: list[Replacement]) -> None:
    """Widen removals so no blank-line run is left behind (in place; ``reps`` sorted).

    Blank-line separated text (``A\n\nX\nY\n\nB``) must not become ``A\n\n\nB``, or the
    ``normalize`` step would change the output again (the chain would not be idempotent). Runs of
    adjacent removed lines are treated as one block.
    """
    n = len(text)
    k = 0
    while k < len(reps):
        j = k
        while j + 1 < len(reps) and reps[j + 1].start == reps[j].end:
            j += 1
        rs, last = reps[k].start, reps[j]
        if last.end < n:  # tail blocks already took the newlines before them
            e = last.end
            if rs == 0:  # the block starts the text: take the blank lines after it
                while e < n and text[e] == "\n":
                    e += 1
            elif text[rs - 2 : rs] == "\n\n" and text[e] == "\n":
                e += 1  # blank line before and after: keep exactly one
            if j + 1 < len(reps):
                e = min(e, reps[j + 1].start)
            last.end = e
        k = j + 1


class Repair(MapStep):
    """Repair machine-translation link glue and drop revision-duplicate paragraphs."""

    name = "repair"

    PROVIDES = ("mt_damage", "glue_repaired", "glue_flagged", "scrape_joins_split",
                "duplicate_paragraphs", "removed_paragraphs", "revision_conflicts", "site")

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        """The repair step's parameters (a docstring: without one ``@dataclass`` calls
        ``inspect.signature`` to write it, loading ``inspect`` on ``saring clean``'s path)."""

        min_confidence: float = 0.75
        reorder: bool = True
        dedup_paragraphs: bool = True
        min_duplicate_ratio: float = 0.8
        revision_needs_evidence: bool = True

        def __post_init__(self) -> None:
            if not 0.0 < self.min_confidence <= 1.0:
                raise ValueError("min_confidence must be in (0, 1]")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        self._res: Resources | None = None
        self._unpicklable = ("_res",)

    def setup(self) -> None:
        self._res = load_resources()

    # ------------------------------------------------------------------ glue
    def _decide(self, text: str, site: Site, res: Resources) -> tuple[Replacement | None, dict | None]:
        """Replacement for a confident site, else a flag with the suggested fix."""
        office = site.form == "office"  # (repair19 s19: offices.office_sites)
        plan: Plan = office_plan(text, site) if office else plan_repair(text, site, res)
        move_ok = self.config.reorder and plan.moved and plan.order_confidence >= ORDER_MIN
        # A name's CamelCase glue split in place ("Indrawati Pernyataan") is still wrong: only a
        # move repairs it, so without one it is flagged.
        camel_stuck = site.form == "camel" and site.name and not site.scrape and not move_ok
        if site.confidence >= self.config.min_confidence and not camel_stuck:
            if not plan.moved or move_ok:
                return Replacement(plan.start, plan.end, plan.after, plan.kind, plan.confidence), None
            kind = "mt_suffix_drop" if site.form == "suffix" else "mt_glue_split"
            rep = Replacement(plan.start, plan.split_end, plan.split_after, kind, site.confidence)
            order = {"start": plan.start, "end": plan.end, "text": text[plan.start : plan.end],
                     "suggestion": plan.after, "confidence": plan.order_confidence,
                     "form": site.form, "order_flag": True}
            return rep, order
        if site.confidence < FLAG_MIN:
            return None, None
        flag = {"start": plan.start, "end": plan.end, "text": text[plan.start : plan.end],
                "suggestion": plan.after, "confidence": site.confidence, "form": site.form}
        return None, flag

    def _moves(self, text: str, site: Site, res: Resources) -> Replacement | None:
        """The site's own move, if its plan moves the entity (repair19 s19: offices may defer)."""
        rep, _flag = self._decide(text, site, res)
        return rep if rep is not None and rep.kind.endswith("_reorder") else None

    def repair_glue(self, doc: Document) -> dict[str, Any]:
        """Apply glue repairs to ``doc``; return per-line damage and counts."""
        res = self._res or load_resources()
        text = doc.text
        sites = find_sites(text, res)
        counts = {"repaired": 0, "list": 0, "flagged": 0, "scrape": 0}
        line_damage: dict[int, float] = {}
        # a gazetteer prefix glued to no word (``Bali|kpapangelandang``) leaves the token to the
        # name scan, which may find the real name (``Balikpapan|gelandang``)
        weak = [s for s in sites if s.form in ("glue", "camel") and s.confidence < FLAG_MIN]
        strong = [s for s in sites if s not in weak]
        stopped: dict[str, Any] = {}
        glued = {s.end: s.rest_start for s in strong if s.form in SPLIT_FORMS}  # (Rusia|yang Jakartan)
        named = find_entity_sites(text, res, {s.start for s in strong} | {s.end for s in strong}, stopped, glued)
        if code_glue_possible(text):  # (exact: no capital before a digit, no CODE_GLUE match)
            named += code_sites(text, res, {s.start for s in named})
        if hyphen_code_possible(text):  # (Lintasbumi-5|mesin: no token of the name scan; the kernel's walk)
            named += hyphen_code_sites(text, res, {s.start for s in named})
        sites = strong + [s for s in weak if not any(n.start <= s.start < n.end for n in named)] + named
        offices = office_sites(text, res)  # (repair19 s19: seams in live name tokens only)
        if not sites and not offices:
            if stopped:
                doc.flag(self.label, "glue_scan_bound", **stopped)
            return {"counts": counts, "line_damage": line_damage}
        mark_scrape_joins(text, sites, res=res)
        lift_page_camel(text, sites, res)  # (glue17 s18: a page of the translator's CamelCase glue)
        require_mt_fingerprint(sites, res, text)
        extend_sites(text, sites, res)
        if any(s.confidence >= 0.8 and not s.scrape for s in sites):  # MT evidence: names too
            taken = {s.start for s in sites}  # (and numbered names, degrees: scrapers join those too)
            sites += find_name_sites(text, res, taken) + number_sites(text, res, taken) + degree_sites(
                text, res, taken)
            keep_names_whole(text, sites)  # (glue15 s17: a one-word site inside a name's splits only)
        add_evidence(sites)
        lift_kind_seams(text, sites, res)  # (camel19 s19: a seam before an ordinary head noun)
        sites = replace_overlapped(text, sites, offices, res, lambda s: self._moves(text, s, res))
        newlines = [m.start() for m in NEWLINE.finditer(text)]
        reps: list[Replacement] = []
        flags: list[dict] = []
        order_flags: list[dict] = []
        last_end = -1
        for s in sorted(sites, key=lambda x: x.start):
            rep, flag = self._decide(text, s, res)
            if (rep is not None and rep.start < last_end) or (
                rep is None and flag is not None and flag["start"] < last_end
            ):
                rep, flag = None, None  # overlapping plans (or a flag inside a repair): the earlier wins
            line = bisect_right(newlines, s.start)
            if rep is not None:
                reps.append(rep)
                last_end = rep.end
                if s.scrape:  # a scraper's join: repaired, but not evidence of MT
                    counts["scrape"] += 1
                    continue
                counts["list" if rep.kind == "mt_list_comma" else "repaired"] += 1
                line_damage[line] = line_damage.get(line, 0) + 1
                if flag is not None:  # split done, word order left alone: suggest the move
                    order_flags.append(flag)
            elif flag is not None:
                flags.append(flag)
                counts["flagged"] += 1
                line_damage[line] = line_damage.get(line, 0) + 0.5
        if reps:
            doc.apply(self.label, reps)
        if stopped:  # nothing skipped silently: the bound and where the scan stopped (repaired text)
            stopped["offset"] += sum(len(r.after) - (r.end - r.start) for r in reps if r.end <= stopped["offset"])
            doc.flag(self.label, "glue_scan_bound", **stopped)
        for f in flags:  # move flag offsets into the repaired text
            shift = sum(len(r.after) - (r.end - r.start) for r in reps if r.end <= f["start"])
            f["start"] += shift
            f["end"] += shift
            doc.flag(self.label, "mt_glue", **f)
        for f in order_flags:  # the split edit covers [start, split_end); report it as is
            f.pop("order_flag")
            shift = sum(len(r.after) - (r.end - r.start) for r in reps if r.end <= f["start"])
            split = next(r for r in reps if r.start == f["start"])
            f["start"] += shift
            f["end"] = f["start"] + len(split.after) + (f["end"] - split.end)
            f["text"] = doc.text[f["start"] : f["end"]]
            doc.flag(self.label, "mt_order", **f)
        return {"counts": counts, "line_damage": line_damage}

    # ------------------------------------------------------------ paragraphs
    def remove_duplicates(
        self, doc: Document, line_damage: dict[int, float], evidence: bool = True
    ) -> list[dict[str, Any]]:
        """Remove near-duplicate paragraphs; return the removed ones with reason and conflicts.

        Without MT evidence in the document (``evidence`` False and ``revision_needs_evidence``),
        a non-identical near-duplicate is only flagged: in clean news such pairs are mostly
        templated listings (schedules, prices), not revisions.
        """
        res = self._res or load_resources()
        text = doc.text
        paras = split_paragraphs(text)
        if len(paras) < 2:
            return []
        pairs: list[DupPair] = find_duplicates(paras, line_damage, res.days, self.config.min_duplicate_ratio)
        if not pairs:
            return []
        by_index: dict[int, Para] = {p.index: p for p in paras}
        removing = {pr.removed for pr in pairs
                    if pr.exact or evidence or not self.config.revision_needs_evidence}
        # removed lines followed only by removed or blank lines take their preceding newlines
        line_texts = text.split("\n")
        tail = set()
        for i in range(len(line_texts) - 1, -1, -1):
            if i in removing:
                tail.add(i)
            elif line_texts[i].strip():
                break
        merged: list[Replacement] = []
        removed: list[dict[str, Any]] = []
        floor = 0  # end of the previous removal: widened ranges must not overlap it
        for pr in sorted(pairs, key=lambda x: by_index[x.removed].start):
            p = by_index[pr.removed]
            if pr.removed not in removing:
                doc.flag(self.label, "revision_duplicate", start=p.start, end=p.end,
                         line=pr.removed, kept_line=pr.kept, similarity=pr.ratio,
                         conflicts=[list(c) for c in pr.conflicts])
                continue
            start, end = _removal_range(text, p.start, p.end, pr.removed in tail, floor)
            floor = end
            kind = "duplicate_paragraph" if pr.exact else "revision_duplicate"
            merged.append(Replacement(start, end, "", kind, pr.ratio))
            removed.append({
                "text": text[p.start : p.end], "reason": kind, "line": pr.removed,
                "kept_line": pr.kept, "similarity": pr.ratio,
                "conflicts": [list(c) for c in pr.conflicts],
            })
        if merged:
            _close_blank_runs(text, merged)
            doc.apply(self.label, merged)
            self._shift_flags(doc, merged)
        return removed

    def _shift_flags(self, doc: Document, removals: list[Replacement]) -> None:
        """Keep this step's flag offsets valid after paragraph removals (drop flags inside them)."""
        kept = []
        for f in doc.flags:
            if f.get("step") != self.label or "start" not in f:
                kept.append(f)
                continue
            if any(r.start <= f["start"] and f["end"] <= r.end for r in removals):
                continue  # the flagged text went with its paragraph
            shift = sum(r.end - r.start for r in removals if r.end <= f["start"])
            f["start"] -= shift
            f["end"] -= shift
            kept.append(f)
        doc.flags[:] = kept

    # --------------------------------------------------------------- process
    def process(self, doc: Document) -> Reject | None:
        site = site_of(doc.metadata)
        if quiet(doc.text, self._res or load_resources()):
            # (most documents: one kernel call finds no site, no name candidate, no code glue and
            # no duplicate candidate, so repair_glue would find nothing and flag nothing; exact:
            # the annotation below with every count 0, in the same key order)
            doc.annotate(self.label, mt_damage=0.0, glue_repaired=0, glue_flagged=0,
                         scrape_joins_split=0, duplicate_paragraphs=0)
            if site is not None:
                doc.annotate(self.label, site=site)
            forget()
            return None
        removed: list[dict[str, Any]] = []
        glue = self.repair_glue(doc)
        counts = glue["counts"]
        evidence = counts["repaired"] + counts["list"] > 0
        # (the gate: no candidate pair, nothing to remove or flag; exact, see fastscan)
        if self.config.dedup_paragraphs and maybe_duplicates(doc.text):
            removed = self.remove_duplicates(doc, glue["line_damage"], evidence)
        counts["revision"] = sum(1 for r in removed if r["reason"] == "revision_duplicate")
        # (no artifact: damage_score is 0.0 whatever the token count, without its sum and round;
        # the count is text.count(" ") + text.count("\n") + 1, from one C pass)
        score = damage_score(counts, n_breaks(doc.text) + 1) if any(counts.values()) else 0.0
        ann: dict[str, Any] = {
            "mt_damage": score,
            "glue_repaired": counts["repaired"] + counts["list"],
            "glue_flagged": counts["flagged"],
            "scrape_joins_split": counts["scrape"],
            "duplicate_paragraphs": len(removed),
        }
        if removed:
            ann["removed_paragraphs"] = removed
            conflicts = [c for r in removed for c in r["conflicts"]]
            if conflicts:
                ann["revision_conflicts"] = conflicts
        if site is not None:
            ann["site"] = site
        doc.annotate(self.label, **ann)
        forget()
        return None
