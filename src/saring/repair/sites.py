"""``site_damage``: per-site MT-damage figures as a corpus stage (opt-in).

One page translator damages a whole site, so a site's documents share evidence. Pooling needs the
whole corpus, so it cannot live in the per-document ``repair`` step (a per-worker pool made output
depend on the worker count, issue 11). This stage is a pass over the annotated documents:

1. ``count`` (one task per shard): read each kept document's damage score (``repair.mt_damage`` by
   default) and site (``repair.site``, else the URL host / ``outlet`` metadata) and write the
   per-site sums of that shard as ``counts/sNNNNN.json``;
2. merge the shard sums **in shard order** (so float sums do not depend on task completion order)
   into ``sites.json``: per site the shrunk mean damage, the share of damaged documents and the
   document count (:func:`saring.repair.damage.site_figures`);
3. ``annotate`` (one task per shard): attach the figures of the document's site to every kept
   document under this stage's label (``site``, ``site_mt_damage``, ``damaged_share``, ``docs``)
   and write ``ctx.output(i)``: every input document, in input order (the stage rejects nothing).

``sites.json`` lives in the stage's scratch folder, which the runner deletes when the stage is
done; the figures that matter travel with the documents.

It reads and rewrites every document once more, so it is not in the default pipeline: add
``site_damage`` after ``repair`` in a YAML config when per-site figures are wanted. Nothing here
changes text; the figures are evidence for readers and later stages, not for ``repair``.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from saring.document import KEPT, Document
from saring.io.docfile import read_docs, write_docs
from saring.repair.damage import SiteStats, site_figures, site_of
from saring.step import CorpusStage, StageContext, StageOutput, StepStats


@dataclass(frozen=True)
class _Task:
    """One shard's work; frozen and picklable so it ships to any executor unchanged."""

    label: str
    damage_key: str
    work: str
    shard: int
    path: str
    output: str


def _write_json(path: Path, obj: Any) -> None:
    """Atomic write (temp then rename) so a killed task never leaves a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(orjson.dumps(obj, option=orjson.OPT_SORT_KEYS))
    os.replace(tmp, path)


def _number(doc: Document, dotted: str) -> float | None:
    """A finite numeric annotation ``step.key`` (the step label may itself contain dots)."""
    step, _, key = dotted.rpartition(".")
    val = doc.annotations.get(step, {}).get(key)
    if isinstance(val, (int, float)) and not isinstance(val, bool) and math.isfinite(val):
        return float(val)
    return None


def _site(doc: Document, damage_key: str) -> str | None:
    step = damage_key.rpartition(".")[0]
    site = doc.annotations.get(step, {}).get("site")
    return site if isinstance(site, str) and site else site_of(doc.metadata)


def _count_shard(task: _Task) -> dict[str, Any]:
    """Per-site sums of one shard (kept documents with a damage score only)."""
    sites: dict[str, SiteStats] = {}
    unscored = 0
    for doc in read_docs(task.path):
        if doc.decision.status != KEPT:
            continue
        score, site = _number(doc, task.damage_key), _site(doc, task.damage_key)
        if score is None or site is None:
            unscored += 1
            continue
        sites.setdefault(site, SiteStats()).add(score)
    res = {"sites": {s: [st.docs, st.damage_sum, st.damaged] for s, st in sites.items()},
           "unscored": unscored}
    _write_json(Path(task.work) / "counts" / f"s{task.shard:05d}.json", res)
    return {"unscored": unscored}


def merge_counts(work: Path, shards: int) -> dict[str, dict[str, float]]:
    """Merge the shard sums in shard order and write ``sites.json``; return the figures."""
    pooled: dict[str, SiteStats] = {}
    for i in range(shards):
        part = orjson.loads((work / "counts" / f"s{i:05d}.json").read_bytes())
        for site, (docs, total, damaged) in part["sites"].items():
            pooled.setdefault(site, SiteStats()).merge(SiteStats(docs, total, damaged))
    figures = {s: site_figures(pooled[s]) for s in sorted(pooled)}
    _write_json(work / "sites.json", figures)
    return figures


def _annotate_shard(task: _Task) -> dict[str, Any]:
    """Attach the site figures to each kept document of one shard; write every document."""
    t0 = time.perf_counter()
    figures = orjson.loads((Path(task.work) / "sites.json").read_bytes())
    stats = StepStats()

    def docs() -> Iterator[Document]:
        for doc in read_docs(task.path):
            if doc.decision.status == KEPT:
                stats.docs_in += 1
                site = _site(doc, task.damage_key)
                fig = figures.get(site) if site else None
                if fig is not None:
                    doc.annotate(task.label, site=site, **fig)
                stats.docs_out += 1
            yield doc

    write_docs(task.output, docs())
    stats.seconds = time.perf_counter() - t0
    return stats.to_dict()


class SiteDamage(CorpusStage):
    """Per-site pooled MT damage (shrunk mean, damaged share) from per-document scores."""

    name = "site_damage"

    PROVIDES = ("site", "site_mt_damage", "damaged_share", "docs")

    @dataclass(frozen=True, kw_only=True)
    class Config(CorpusStage.Config):
        damage_key: str = "repair.mt_damage"

        def __post_init__(self) -> None:
            if "." not in self.damage_key:
                raise ValueError("damage_key must be 'step_label.key', e.g. 'repair.mt_damage'")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        self.damage_key = self.config.damage_key

    def requires(self) -> tuple[str, ...]:
        return (self.damage_key,)

    def run(self, inputs: Sequence[Path], ctx: StageContext) -> StageOutput:
        t0 = time.perf_counter()
        work = Path(ctx.workdir) / self.label
        tasks = [_Task(self.label, self.damage_key, str(work), i, str(p), str(ctx.output(i)))
                 for i, p in enumerate(inputs)]
        ctx.executor.map(_count_shard, tasks, desc=f"{self.label}: count")
        merge_counts(work, len(tasks))
        stats = StepStats()
        for r in ctx.executor.map(_annotate_shard, tasks, desc=f"{self.label}: annotate"):
            stats.merge(StepStats.from_dict(r))
        stats.seconds = time.perf_counter() - t0
        return StageOutput(outputs=[Path(t.output) for t in tasks], stats=stats)
