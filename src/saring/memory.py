"""Corpus stages on an in-memory list of documents (``Pipeline.process`` with dedup).

Corpus stages work on document files so they scale past memory; for a notebook-sized list the
same stage code runs on one temporary shard with the serial executor, so in-memory results equal
a file run's. Documents return in input order with their decisions.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from saring.document import Document
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.step import CorpusStage, StageContext, Step, StepStats, run_steps

_SEQ = "_saring_memory_seq"  # position in the input, removed before documents are returned


def run_stage(stage: CorpusStage, docs: list[Document], stats: dict[str, StepStats]) -> list[Document]:
    """Run one corpus stage over ``docs`` (all decisions) and return them in the same order."""
    for i, d in enumerate(docs):
        d.metadata[_SEQ] = i
    try:
        with tempfile.TemporaryDirectory(prefix="saring-mem-") as tmp:
            shard = Path(tmp) / "memory.docs.zst"
            write_docs(shard, docs)
            out = stage.run([shard], StageContext(SerialExecutor(), Path(tmp) / "work", 1))
            back = [d for p in (*out.kept, *out.rejected) for d in read_docs(p)]
    finally:
        for d in docs:
            d.metadata.pop(_SEQ, None)
    if len(back) != len(docs):
        raise RuntimeError(f"corpus stage {stage.label} returned {len(back)} of {len(docs)} documents")
    back.sort(key=lambda d: d.metadata[_SEQ])
    for d in back:
        del d.metadata[_SEQ]
    st = stats.setdefault(stage.label, StepStats())
    st.merge(out.stats)
    return back


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
