"""One corpus-level dedup pass over hand-written documents, shared by the dedup rule tests."""

from __future__ import annotations

from pathlib import Path

from saring.dedup import stage as S
from saring.document import Document
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.step import StageContext


def run_dedup(tmp_path: Path, docs: list[Document]) -> dict[str, Document]:
    """Every document after one serial ``Dedup`` stage (documents-level only), by id."""
    path = tmp_path / "in.jsonl.zst"
    write_docs(path, docs)
    out = S.Dedup(paragraphs=False).run([path], StageContext(SerialExecutor(), tmp_path / "w"))
    return {d.id: d for p in out.outputs for d in read_docs(p)}
