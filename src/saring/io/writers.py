"""Output writers: JSON Lines (plain, gzip, zstd) and Parquet, always atomic.

A writer streams to a hidden temp file next to the target and renames it into place only on
``commit()``; a killed or failed task leaves no file that looks complete. Gzip output is
written with ``mtime=0`` so the same documents give the same bytes (resume = fresh run).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import IO, Any

import orjson
import zstandard

from saring.document import Document
from saring.io.atomic import AtomicFile
from saring.io.formats import FORMATS

GZIP_LEVEL = 6  # default of .jsonl.gz outputs (``writer: compression_level`` changes it)
ZSTD_LEVEL = 3
LEVELS = {"gz": range(1, 10), "zst": range(1, 23)}  # what ``compression_level`` accepts
FLUSH_BYTES = 1 << 20
PARQUET_ROW_GROUP_ROWS = 10_000
PARQUET_ROW_GROUP_BYTES = 64 * 2**20

_DUMP = orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY


def extension(fmt: str) -> str:
    """File extension (with dot) of an output format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return "." + fmt


def _default(obj: Any) -> Any:
    """Serialize what orjson cannot (sets, paths, arbitrary objects) rather than crash a shard."""
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    return str(obj)


def json_form(value: Any) -> Any:
    """``value`` as a JSON Lines writer writes it and a reader reads it back (tuples and sets
    as lists, numpy scalars as numbers, NaN as null)."""
    return orjson.loads(orjson.dumps(value, default=_default, option=_DUMP))


class JsonlWriter:
    """JSON Lines records, optionally gzip/zstd compressed, buffered and atomic."""

    def __init__(self, path: str | Path, compression: str | None = "gz", level: int | None = None) -> None:
        self._file = AtomicFile(path)
        self._zctx: Any = None
        self._out: IO[bytes]
        if compression == "gz":
            self._out = gzip.GzipFile(filename="", mode="wb", fileobj=self._file.raw,
                                      compresslevel=level or GZIP_LEVEL, mtime=0)
        elif compression == "zst":
            self._zctx = zstandard.ZstdCompressor(level=level or ZSTD_LEVEL)
            self._out = self._zctx.stream_writer(self._file.raw, closefd=False)
        elif compression is None:
            self._out = self._file.raw
        else:
            raise ValueError(f"unknown compression {compression!r}")
        self._buf: list[bytes] = []
        self._buffered = 0
        self.count = 0

    def write_record(self, rec: dict[str, Any]) -> bytes:
        """Write one record; the line written (with its newline)."""
        b = orjson.dumps(rec, default=_default, option=_DUMP)
        self._buf.append(b)
        self._buffered += len(b)
        self.count += 1
        if self._buffered >= FLUSH_BYTES:
            self._flush()
        return b

    def write(self, doc: Document) -> None:
        self.write_record(doc.to_dict())

    def _flush(self) -> None:
        if self._buf:
            self._out.write(b"".join(self._buf))
            self._buf, self._buffered = [], 0

    def commit(self) -> int:
        self._flush()
        if self._out is not self._file.raw:
            self._out.close()  # ends the gzip member / zstd frame; the raw file stays open
        self._file.commit()
        return self.count

    def abort(self) -> None:
        self._file.abort()


class ParquetWriter:
    """Documents as Parquet rows: id and text as columns, structured parts as JSON strings.

    The schema carries ``saring`` metadata so the Parquet reader restores full documents.
    Row groups are cut at 10k rows or ~64 MiB of text, whichever comes first.
    """

    def __init__(self, path: str | Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._file = AtomicFile(path)
        fields = [pa.field("id", pa.string()), pa.field("text", pa.large_string())]
        fields += [pa.field(k, pa.string()) for k in ("metadata", "edits", "annotations", "flags", "decision")]
        self._schema = pa.schema(fields, metadata={b"saring": b"document/1"})
        self._writer = pq.ParquetWriter(self._file.raw, self._schema, compression="zstd")
        self._cols: dict[str, list[Any]] = {f.name: [] for f in fields}
        self._bytes = 0
        self.count = 0

    def write(self, doc: Document) -> None:
        d = doc.to_dict()
        c = self._cols
        c["id"].append(d["id"])
        c["text"].append(d["text"])
        for k in ("metadata", "edits", "annotations", "flags", "decision"):
            c[k].append(orjson.dumps(d[k], default=_default).decode())
        self._bytes += len(d["text"])
        self.count += 1
        if len(c["id"]) >= PARQUET_ROW_GROUP_ROWS or self._bytes >= PARQUET_ROW_GROUP_BYTES:
            self._flush()

    def write_record(self, rec: dict[str, Any]) -> None:
        self.write(Document.from_dict(rec))

    def _flush(self) -> None:
        if self._cols["id"]:
            table = self._pa.table(self._cols, schema=self._schema)
            self._writer.write_table(table)
            self._cols = {k: [] for k in self._cols}
            self._bytes = 0

    def commit(self) -> int:
        self._flush()
        self._writer.close()
        self._file.commit()
        return self.count

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            self._file.abort()


def open_writer(path: str | Path, fmt: str = "jsonl.gz", level: int | None = None) -> JsonlWriter | ParquetWriter:
    """A document writer for ``fmt`` (see :data:`FORMATS`) writing atomically to ``path``;
    ``level``: the gzip/zstd compression level (None: the default; ignored for jsonl, parquet)."""
    extension(fmt)
    if fmt == "parquet":
        return ParquetWriter(path)
    return JsonlWriter(path, {"jsonl.gz": "gz", "jsonl.zst": "zst", "jsonl": None}[fmt], level)


def write_documents(path: str | Path, docs: Any, fmt: str | None = None) -> int:
    """Write an iterable of documents in one go (format from the file name when not given)."""
    if fmt is None:
        name = str(path)
        fmt = next((f for f in FORMATS if name.endswith("." + f)), "jsonl")
    w = open_writer(path, fmt)
    try:
        for d in docs:
            w.write(d)
    except BaseException:
        w.abort()
        raise
    return w.commit()
