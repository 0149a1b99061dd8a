"""The run as a plan of units: ``segment (stage segment)*``.

A *segment* runs per-document steps over every shard: it reads raw input (the first segment) or
the document files of the unit before it, writes rejected documents and error records as final
outputs, and its kept documents either to final ``kept/`` (the last segment) or to a document
file for the next stage. A *stage* (a :class:`~saring.step.CorpusStage`) maps the document
files of all shards to new document files, one per shard, every document carrying its decision.
Every stage is followed by a segment (possibly without steps) that writes its results out.

:func:`demand` decides, from the markers, which shards of which unit must run: finished work
is skipped, and an intermediate that was already consumed and deleted is only recomputed when a
unit that still has to run needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from saring.executors.layout import RunLayout
from saring.executors.marker import digest
from saring.executors.split import Part
from saring.io.readers import Source
from saring.step import CorpusStage, Step, finisher_of


@dataclass(frozen=True)
class Shard:
    """One unit of input work: a source (or a part of one) and its content key."""

    name: str
    source: Source
    key: str  # content hash of the source (and the part's range when split)
    part: Part | None = None  # a part of a large source
    source_hash: str = ""  # content hash of the whole source (= key when not split)


@dataclass
class Segment:
    index: int
    steps: list[Step]
    after: str | None = None  # label of the stage this segment follows (None: reads raw input)
    final: bool = False
    source_unit: str | None = None  # unit whose document files it reads

    @property
    def name(self) -> str:
        return f"seg{self.index}"

    @property
    def suffix(self) -> str:
        """File-name suffix of its rejected/errors outputs: ``""`` or ``".<stage label>"``."""
        return "" if self.after is None else f".{self.after}"


@dataclass
class Stage:
    index: int
    stage: CorpusStage
    source_unit: str = ""

    @property
    def name(self) -> str:
        return f"stage{self.index}-{self.stage.label}"


Unit = Segment | Stage


@dataclass
class Plan:
    units: list[Unit]
    shards: list[Shard]
    run_fp: str
    fps: dict[tuple[str, str], str] = field(default_factory=dict)  # (unit, shard|"") -> fingerprint

    @classmethod
    def build(cls, steps: list[Step | CorpusStage], shards: list[Shard], run_fp: str) -> Plan:
        units: list[Unit] = []
        cur: list[Step] = []
        after: str | None = None
        for s in steps:
            if isinstance(s, CorpusStage):
                units.append(Segment(len(units), cur, after))
                units.append(Stage(len(units), s))
                cur, after = [], s.label
            else:
                cur.append(s)
        units.append(Segment(len(units), cur, after, final=True))
        for prev, u in zip(units, units[1:], strict=False):
            u.source_unit = prev.name
        plan = cls(units, shards, run_fp)
        plan._fingerprint()
        return plan

    def _fingerprint(self) -> None:
        corpus = digest(sorted(s.key for s in self.shards))
        seen_stage = False
        for u in self.units:
            if isinstance(u, Stage):
                seen_stage = True
                self.fps[(u.name, "")] = digest(self.run_fp, u.name, corpus)
                continue
            for s in self.shards:  # after a stage, a shard's result depends on the whole corpus
                self.fps[(u.name, s.name)] = digest(self.run_fp, u.name, s.key, corpus if seen_stage else "")

    def fp(self, unit: Unit, shard: str = "") -> str:
        return self.fps[(unit.name, shard)]

    def previous(self, unit: Unit) -> Unit | None:
        return self.units[unit.index - 1] if unit.index else None


def demand(plan: Plan, layout: RunLayout, resume: bool, dataset_done: bool = False) -> dict[str, set[str]]:
    """Per unit name, the shards that must run (a stage: all shards or none).

    The final segment's kept document files feed the dataset phase, which needs all of them:
    when the dataset is not marked done, or some final shard must run anyway, every final
    shard whose kept file is gone runs again.
    """
    names = [s.name for s in plan.shards]
    need: dict[str, set[str]] = {}
    if not resume:
        return {u.name: set(names) for u in plan.units}
    required: set[str] = set(names)  # shards whose output of the unit below is needed
    for u in reversed(plan.units):
        if isinstance(u, Stage):
            data = layout.stage_marker(u.name, plan.fp(u)).load()
            run = data is None or (bool(required) and _stage_output_missing(u, data["result"], layout, required))
            need[u.name] = set(names) if run else set()
            required = set(names) if run else set()
            continue
        todo = {n for n in names if layout.marker(u.name, n, plan.fp(u, n)).load() is None}
        if not u.final:
            todo |= {n for n in required if not layout.docfile(u.name, n).exists()}
        elif todo or not dataset_done:
            todo |= {n for n in names if not layout.kept(n).exists()}
        need[u.name] = todo
        required = set(todo)
    return need


def _stage_output_missing(u: Stage, result: dict[str, Any], layout: RunLayout, shards: set[str]) -> bool:
    """Whether a finished stage can no longer give ``shards`` their documents: its document
    files are gone, or, when it deferred its last pass, its inputs or its scratch are."""
    state = result.get("deferred") if isinstance(result, dict) else None
    if state is None:
        return any(not layout.docfile(u.name, n).exists() for n in shards)
    if any(not layout.docfile(u.source_unit, n).exists() for n in shards):
        return True
    return not finisher_of(u.stage, state).ready()


def describe(unit: Any) -> str:
    if isinstance(unit, Stage):
        return f"{unit.stage.label} (corpus stage)"
    return f"segment {unit.index}: {', '.join(s.label for s in unit.steps) or 'read/write'}"
