"""Kept documents -> ``kept/<lang>/part-*``: one folder per language partition.

Input is the run's per-shard files of kept documents (saring document files), taken in shard
order; output is one folder per language partition under ``kept/`` in the Hugging Face datasets
layout. The order of documents (shard order, then order within the shard) and the part
boundaries depend only on the documents, never on the number of workers.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import zstandard

from saring.dataset.parts import DEFAULT_MAX_FILE_BYTES, PartWriter
from saring.dataset.records import training_record
from saring.dataset.tally import count_words
from saring.document import KEPT
from saring.io.docfile import read_docs
from saring.languages import doc_language, kept_partition


@dataclass
class LanguageStats:
    """What one partition holds."""

    kept: int = 0
    words: int = 0
    characters: int = 0
    files: list[str] = field(default_factory=list)
    bytes: int = 0


def write_partitions(
    kept_files: Sequence[str | Path], root: str | Path, languages: Sequence[str], fmt: str,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> dict[str, LanguageStats]:
    """Write every kept document to ``root/kept/<partition>/part-*``; return per-partition counts.

    ``root/kept`` is emptied first (a rerun rewrites it completely; parts are renamed into place
    only when all are written).
    """
    kept_dir = Path(root) / "kept"
    if kept_dir.exists():
        shutil.rmtree(kept_dir)
    writers: dict[str, PartWriter] = {}
    stats: dict[str, LanguageStats] = {}
    try:
        for path in kept_files:
            for doc in read_docs(path):
                if doc.decision.status != KEPT:  # a corrupt line in a finished segment's file
                    raise ValueError(f"{doc.decision.message}; remove the output folder's _work/ "
                                     "and run again to recompute it")
                rec = training_record(doc)
                part = kept_partition(doc_language(doc.metadata), languages)
                w = writers.get(part)
                if w is None:
                    w = writers[part] = PartWriter(kept_dir / part, fmt, max_file_bytes)
                    stats[part] = LanguageStats()
                w.write(rec)
                st = stats[part]
                st.kept += 1
                st.words += count_words(rec["text"])
                st.characters += len(rec["text"])
        for part in sorted(writers):
            files = writers[part].finish()
            stats[part].files = [str(p.relative_to(root)) for p in files]
            stats[part].bytes = sum(p.stat().st_size for p in files)
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    return dict(sorted(stats.items()))


# ----------------------------------------------------------------------------- reading
def _jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    name = path.name
    if name.endswith(".gz"):
        f: Any = gzip.open(path, "rb")
    elif name.endswith(".zst"):
        f = zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)  # noqa: SIM115
        import io

        f = io.BufferedReader(f)
    else:
        f = open(path, "rb")  # noqa: SIM115
    with f:
        for line in f:
            if line.strip():
                yield orjson.loads(line)


