"""Kept documents -> ``kept/<lang>/part-*``: one folder per language partition.

Input is the run's per-shard files of kept documents (saring document files), taken in shard
order; output is one folder per language partition under ``kept/`` in the Hugging Face datasets
layout. The order of documents (shard order, then order within the shard) and the part
boundaries depend only on the documents, never on the number of workers.
"""

from __future__ import annotations

import gzip
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import zstandard

from saring.dataset.parts import DEFAULT_MAX_FILE_BYTES, Batcher, Chunk, PartWriter
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


@dataclass(frozen=True)
class EncodeTask:
    """One shard's kept documents -> encoded batches per partition, in files under ``out``."""

    kept_file: str
    out: str
    languages: tuple[str, ...]
    fmt: str
    max_file_bytes: int


class _ChunkFile(Batcher):
    """One partition's batches of one shard, appended to one file; where each is, listed."""

    def __init__(self, path: Path, fmt: str, max_file_bytes: int) -> None:
        super().__init__(fmt, max_file_bytes)
        self.path = path
        self.f = open(path, "wb")  # noqa: SIM115 - closed in finish()/abort()
        self.chunks: list[tuple[int, int, int, int]] = []  # (offset, length, size, crc)
        self.stats = LanguageStats()

    def append(self, chunk: Chunk) -> None:
        self.chunks.append((self.f.tell(), len(chunk.data), chunk.size, chunk.crc))
        self.f.write(chunk.data)

    def finish(self) -> dict[str, Any]:
        self._flush()
        self.f.close()
        st = self.stats
        return {"file": str(self.path), "chunks": self.chunks, "kept": st.kept, "words": st.words,
                "characters": st.characters}


def encode_shard(task: EncodeTask) -> dict[str, dict[str, Any]]:
    """The per-shard half of the dataset phase (runs as a task): build every kept document's
    training record, pick its partition, encode the records in batches. Returns per partition
    its chunk file, the batches' places and the counts."""
    out = Path(task.out)
    if out.exists():
        shutil.rmtree(out)  # a retried or resumed task starts over
    out.mkdir(parents=True)
    files: dict[str, _ChunkFile] = {}
    try:
        for doc in read_docs(task.kept_file):
            if doc.decision.status != KEPT:  # a corrupt line in a finished segment's file
                raise ValueError(f"{doc.decision.message}; remove the output folder's _work/ "
                                 "and run again to recompute it")
            rec = training_record(doc)
            part = kept_partition(doc_language(doc.metadata), task.languages)
            cf = files.get(part)
            if cf is None:
                cf = files[part] = _ChunkFile(out / f"{len(files):04d}.bin", task.fmt, task.max_file_bytes)
            cf.write(rec)
            st = cf.stats
            st.kept += 1
            st.words += count_words(rec["text"])
            st.characters += len(rec["text"])
        return {part: cf.finish() for part, cf in files.items()}
    except BaseException:
        for cf in files.values():
            cf.f.close()
        raise


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def assemble(encoded: Sequence[dict[str, dict[str, Any]]], root: str | Path, fmt: str,
             max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> dict[str, LanguageStats]:
    """The driver's half: append every shard's batches, in shard order, to the partitions'
    part files under ``root/kept`` (emptied first); per-partition counts."""
    kept_dir = Path(root) / "kept"
    if kept_dir.exists():
        shutil.rmtree(kept_dir)
    stats: dict[str, LanguageStats] = {}
    for part in sorted({p for shard in encoded for p in shard}):
        w = PartWriter(kept_dir / part, fmt, max_file_bytes)
        st = stats[part] = LanguageStats()
        try:
            for shard in encoded:
                e = shard.get(part)
                if e is None:
                    continue
                st.kept += e["kept"]
                st.words += e["words"]
                st.characters += e["characters"]
                with open(e["file"], "rb") as f:
                    for off, n, size, crc in e["chunks"]:
                        f.seek(off)
                        w.append(Chunk(f.read(n), size, crc))
            files = w.finish()
        except BaseException:
            w.abort()
            raise
        st.files = [str(p.relative_to(root)) for p in files]
        st.bytes = sum(p.stat().st_size for p in files)
    return stats


def write_partitions(
    kept_files: Sequence[str | Path], root: str | Path, languages: Sequence[str], fmt: str,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, executor: Any = None, work: str | Path | None = None,
) -> dict[str, LanguageStats]:
    """Write every kept document to ``root/kept/<partition>/part-*``; return per-partition counts.

    Records are built and encoded per shard (:func:`encode_shard`, through ``executor.map``
    when given, so on every worker), then appended in shard order by this process
    (:func:`assemble`): the bytes do not depend on the executor. ``work``: the folder for the
    encoded batches (default ``root/_work/dataset``), removed afterwards. ``root/kept`` is
    emptied first (a rerun rewrites it completely; parts are renamed into place only when all
    are written).
    """
    work = Path(work) if work is not None else Path(root) / "_work" / "dataset"
    tasks = [EncodeTask(str(p), str(work / f"{i:05d}"), tuple(languages), fmt, max_file_bytes)
             for i, p in enumerate(kept_files)]
    if executor is None:
        encoded = [encode_shard(t) for t in tasks]
    else:  # largest first (no long task last), back in shard order
        order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i].kept_file))
        got = executor.map(encode_shard, [tasks[i] for i in order], desc="dataset: encode")
        encoded = [{}] * len(tasks)
        for i, r in zip(order, got, strict=True):
            encoded[i] = r
    try:
        return assemble(encoded, root, fmt, max_file_bytes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


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


