"""Size-bounded part files of one dataset partition: Parquet (zstd) or JSON Lines (gzip/zstd).

A :class:`PartWriter` streams records into ``.part-00000.tmp``, ``.part-00001.tmp``, ... in one
folder and starts a new part once the current one reaches ``max_file_bytes`` on disk (Parquet:
checked after each row group, so a part may exceed the bound by at most one compressed row
group). ``finish`` renames them to ``part-00000-of-00003.parquet`` style names: the total is only
known at the end, and the names and contents depend on nothing but the record order.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import IO, Any

import orjson
import zstandard

from saring.dataset.records import arrow_schema

DATASET_FORMATS = ("parquet", "jsonl.gz", "jsonl.zst", "jsonl")
DEFAULT_MAX_FILE_BYTES = 512 * 2**20
ROW_GROUP_ROWS = 10_000
ROW_GROUP_TEXT_BYTES = 32 * 2**20  # per partition; several partitions buffer at once
_FLUSH_BYTES = 1 << 20


def part_name(index: int, total: int, fmt: str) -> str:
    return f"part-{index:05d}-of-{total:05d}.{fmt}"


class _Part:
    """One open part file (format specific)."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.raw = open(path, "wb")  # noqa: SIM115 - closed in close()
        self.fmt = fmt
        self._out: IO[bytes] = self.raw
        self._pq: Any = None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self._pq = pq.ParquetWriter(self.raw, arrow_schema(), compression="zstd",
                                        write_statistics=["lang", "domain", "date"])
        elif fmt == "jsonl.gz":
            self._out = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, compresslevel=6,
                                      mtime=0)
        elif fmt == "jsonl.zst":
            self._out = zstandard.ZstdCompressor(level=3).stream_writer(self.raw, closefd=False)

    def write_batch(self, records: list[dict[str, Any]]) -> None:
        if self._pq is not None:
            import pyarrow as pa

            self._pq.write_table(pa.Table.from_pylist(records, schema=arrow_schema()))
        else:
            self._out.write(b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in records))

    def size(self) -> int:
        return self.raw.tell()

    def close(self) -> None:
        if self._pq is not None:
            self._pq.close()
        elif self._out is not self.raw:
            self._out.close()
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()


class PartWriter:
    """Records of one partition into size-bounded parts (see the module docstring)."""

    def __init__(self, folder: str | Path, fmt: str, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
                 row_group_rows: int = ROW_GROUP_ROWS) -> None:
        if fmt not in DATASET_FORMATS:
            raise ValueError(f"unknown dataset format {fmt!r}; choose one of {', '.join(DATASET_FORMATS)}")
        if max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.max_file_bytes = max_file_bytes
        self.row_group_rows = row_group_rows
        # JSONL is flushed in batches small next to the bound, so parts stay close to it
        self._flush_bytes = min(_FLUSH_BYTES, max(4096, max_file_bytes // 16))
        self._tmp: list[Path] = []
        self._part: _Part | None = None
        self._buf: list[dict[str, Any]] = []
        self._buf_bytes = 0
        self.count = 0

    def _batch_full(self) -> bool:
        if self.fmt == "parquet":
            return len(self._buf) >= self.row_group_rows or self._buf_bytes >= ROW_GROUP_TEXT_BYTES
        return len(self._buf) >= self.row_group_rows or self._buf_bytes >= self._flush_bytes

    def write(self, record: dict[str, Any]) -> None:
        self._buf.append(record)
        self._buf_bytes += len(record["text"]) + len(record["provenance"])
        self.count += 1
        if self._batch_full():
            self._flush()

    def _flush(self) -> None:
        if not self._buf:
            return
        if self._part is None:
            path = self.folder / f".part-{len(self._tmp):05d}.tmp"
            self._tmp.append(path)
            self._part = _Part(path, self.fmt)
        self._part.write_batch(self._buf)
        self._buf, self._buf_bytes = [], 0
        if self._part.size() >= self.max_file_bytes:
            self._part.close()
            self._part = None

    def finish(self) -> list[Path]:
        """Close the last part and give every part its final name; returns them in order."""
        self._flush()
        if self._part is not None:
            self._part.close()
            self._part = None
        n = len(self._tmp)
        final = [self.folder / part_name(i, n, self.fmt) for i in range(n)]
        for tmp, dst in zip(self._tmp, final, strict=True):
            os.replace(tmp, dst)
        return final

    def abort(self) -> None:
        if self._part is not None:
            self._part.raw.close()
            self._part = None
        for p in self._tmp:
            p.unlink(missing_ok=True)
