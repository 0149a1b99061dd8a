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
from saring.document import KEPT, Document
from saring.io import atomic
from saring.io.docfile import docfile_problem, read_docs
from saring.io.writers import _default
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

    def __init__(self, path: Path, fmt: str, max_file_bytes: int, level: int | None = None) -> None:
        super().__init__(fmt, max_file_bytes, level=level)
        self.path = path
        self.f = open(path, "wb")  # noqa: SIM115 - closed in finish()/abort()
        self.chunks: list[tuple[int, int, int, int]] = []  # (offset, length, size, crc)
        self.stats = LanguageStats()

    def append(self, chunk: Chunk) -> None:
        self.chunks.append((self.f.tell(), len(chunk.data), chunk.size, chunk.crc))
        self.f.write(chunk.data)

    def finish(self, durable: bool = False) -> dict[str, Any]:
        self._flush()
        if durable:  # outlives this task (an index vouches for it): on disk before the index
            self.f.flush()
            os.fsync(self.f.fileno())
        self.f.close()
        st = self.stats
        return {"file": str(self.path), "chunks": self.chunks, "kept": st.kept, "words": st.words,
                "characters": st.characters}


class _Encoder:
    """Training records of one shard -> one :class:`_ChunkFile` per partition under ``out``."""

    def __init__(self, out: Path, languages: Sequence[str], fmt: str, max_file_bytes: int,
                 level: int | None = None) -> None:
        self.level = level
        if out.exists():
            shutil.rmtree(out)  # a retried or resumed task starts over
        out.mkdir(parents=True)
        self.out, self.languages, self.fmt, self.max_file_bytes = out, tuple(languages), fmt, max_file_bytes
        self.files: dict[str, _ChunkFile] = {}

    def add(self, doc: Document) -> None:
        rec = training_record(doc)
        part = kept_partition(doc_language(doc.metadata), self.languages)
        cf = self.files.get(part)
        if cf is None:
            cf = self.files[part] = _ChunkFile(self.out / f"{len(self.files):04d}.bin", self.fmt,
                                               self.max_file_bytes, self.level)
        cf.write(rec)
        st = cf.stats
        st.kept += 1
        st.words += count_words(rec["text"])
        st.characters += len(rec["text"])

    def finish(self, durable: bool = False) -> dict[str, dict[str, Any]]:
        return {part: cf.finish(durable) for part, cf in self.files.items()}

    def close(self) -> None:
        for cf in self.files.values():
            cf.f.close()


def encode_shard(task: EncodeTask) -> dict[str, dict[str, Any]]:
    """The per-shard half of the dataset phase (runs as a task): build every kept document's
    training record, pick its partition, encode the records in batches. Returns per partition
    its chunk file, the batches' places and the counts."""
    enc = _Encoder(Path(task.out), task.languages, task.fmt, task.max_file_bytes)
    try:
        for doc in read_docs(task.kept_file):
            if doc.decision.status != KEPT:  # a corrupt line in a finished segment's file
                raise ValueError(f"{doc.decision.message}; remove the output folder's _work/ "
                                 "and run again to recompute it")
            enc.add(doc)
        return enc.finish()
    except BaseException:
        enc.close()
        raise


def chunk_folder(index: str | Path) -> Path:
    """Where the chunk files listed by a shard's encoded index live (beside it)."""
    index = Path(index)
    return index.with_name(index.name + ".d")


class ShardEncoder:
    """The final segment's writer of kept documents: each is encoded for the dataset at once
    (the per-shard half of the dataset phase inside the segment's task), so no kept document
    file is written and read back and no separate encode map runs. ``commit`` writes the index
    (per partition: chunk file, batch places, counts) atomically after the chunk files; the
    driver assembles the parts from the indexes (:func:`assemble_indexes`).

    A document is first taken through the JSON form a document file gives it (sets and tuples
    as lists, numpy scalars as numbers) and checked as a document file's reader checks it, so the
    records are the bytes the encode-from-file path gives. ``as_read``: every document comes
    straight from a document file's reader (a final segment without steps after a corpus
    stage), so it already is that JSON form, checked: the round trip is skipped."""

    def __init__(self, index: str | Path, languages: Sequence[str], fmt: str, max_file_bytes: int,
                 level: int | None = None, as_read: bool = False) -> None:
        self.index = Path(index)
        self.enc = _Encoder(chunk_folder(self.index), languages, fmt, max_file_bytes, level)
        self.count = 0
        self.as_read = as_read

    def write(self, doc: Document) -> None:
        if self.as_read:
            self.enc.add(doc)
            self.count += 1
            return
        rec = orjson.loads(orjson.dumps(doc.to_dict(), default=_default, option=orjson.OPT_SERIALIZE_NUMPY))
        why = docfile_problem(rec)
        if why is not None:
            raise ValueError(f"kept document {doc.id!r} is not a valid saring document: {why}")
        self.enc.add(Document.from_dict(rec))
        self.count += 1

    def commit(self) -> int:
        encoded = self.enc.finish(durable=True)
        folder = self.enc.out
        for e in encoded.values():
            e["file"] = os.path.relpath(e["file"], folder)
        atomic.write_json(self.index, encoded, pretty=False)
        return self.count

    def abort(self) -> None:
        self.enc.close()
        shutil.rmtree(self.enc.out, ignore_errors=True)
        self.index.unlink(missing_ok=True)


def load_index(index: str | Path) -> dict[str, dict[str, Any]]:
    """A shard's encoded index, chunk file paths made absolute."""
    encoded = orjson.loads(Path(index).read_bytes())
    folder = chunk_folder(index)
    for e in encoded.values():
        e["file"] = str(folder / e["file"])
    return encoded


def assemble_indexes(indexes: Sequence[str | Path], root: str | Path, fmt: str,
                     max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
                     level: int | None = None) -> dict[str, LanguageStats]:
    """The dataset's part files from the shards' encoded indexes, in shard order."""
    return assemble([load_index(p) for p in indexes], root, fmt, max_file_bytes, level)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def assemble(encoded: Sequence[dict[str, dict[str, Any]]], root: str | Path, fmt: str,
             max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
             level: int | None = None) -> dict[str, LanguageStats]:
    """The driver's half: append every shard's batches, in shard order, to the partitions'
    part files under ``root/kept`` (emptied first); per-partition counts."""
    kept_dir = Path(root) / "kept"
    if kept_dir.exists():
        shutil.rmtree(kept_dir)
    stats: dict[str, LanguageStats] = {}
    for part in sorted({p for shard in encoded for p in shard}):
        w = PartWriter(kept_dir / part, fmt, max_file_bytes, level=level)
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


