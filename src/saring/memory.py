"""Corpus stages on an in-memory list of documents (``Pipeline.process`` with dedup).

Corpus stages work on document files so they scale past memory; for a notebook-sized list the
same stage code runs on one temporary shard with the serial executor, so in-memory results equal
a file run's. Documents return in input order with their decisions.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from saring.document import KEPT, Document
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.step import CorpusStage, StageContext, Step, StepStats, run_steps


def run_stage(stage: CorpusStage, docs: list[Document], stats: dict[str, StepStats]) -> list[Document]:
    """Run one corpus stage over the kept documents of ``docs``; all return in the same order."""
    live = [i for i, d in enumerate(docs) if d.decision.status == KEPT]
    with tempfile.TemporaryDirectory(prefix="saring-mem-") as tmp:
        shard = Path(tmp) / "memory.docs.zst"
        out = Path(tmp) / "memory.out.docs.zst"
        write_docs(shard, [docs[i] for i in live])
        so = stage.run([shard], StageContext(SerialExecutor(), Path(tmp) / "work", [out]))
        back = list(read_docs(so.outputs[0]))
    if len(back) != len(live):
        raise RuntimeError(f"corpus stage {stage.label} returned {len(back)} of {len(live)} documents")
    result = list(docs)
    for i, d in zip(live, back, strict=True):
        result[i] = d
    stats.setdefault(stage.label, StepStats()).merge(so.stats)
    return result


def run_in_memory(
    segments: list[list[Step] | CorpusStage], docs: list[Document], stats: dict[str, StepStats]
) -> list[Document]:
    """Every segment in order: per-document steps stream, corpus stages see the whole list."""
    for seg in segments:
        if isinstance(seg, CorpusStage):
            docs = run_stage(seg, docs, stats)
        else:
            docs = list(run_steps(seg, docs, stats))
    return docs
