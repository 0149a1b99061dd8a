"""Reading a published dataset back: records or full documents, per language or all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from saring.dataset.records import to_document


def part_files(root: str | Path, lang: str | None = None) -> list[Path]:
    """The part files of one language partition (all partitions when ``lang`` is None), in order."""
    kept = Path(root) / "kept"
    langs = [lang] if lang is not None else sorted(p.name for p in kept.iterdir() if p.is_dir()) if kept.is_dir() else []
    return [p for lg in langs for p in sorted((kept / lg).glob("part-*"))]


def read_records(root: str | Path, lang: str | None = None) -> Iterator[dict[str, Any]]:
    """Published records (flat fields + ``provenance`` JSON string), in dataset order."""
    from saring.dataset.export import _jsonl_records

    for path in part_files(root, lang):
        if path.name.endswith(".parquet"):
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
                yield from batch.to_pylist()
        else:
            yield from _jsonl_records(path)


def read_kept(root: str | Path, lang: str | None = None) -> Iterator[Any]:
    """Kept documents as full :class:`~saring.document.Document` objects (history included)."""
    for rec in read_records(root, lang):
        yield to_document(rec)
