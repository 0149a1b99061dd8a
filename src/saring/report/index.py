"""A small id index over the final outputs, so ``saring explain`` finds one document quickly.

Each shard task that writes final records (kept, rejected, error) also writes, next to the run's
report data, ``index/<part>.npy``: rows ``(hash of id, file number, record number)`` sorted by
hash (16 bytes per document), and ``index/<part>.json`` naming the files (relative to ``OUT``).
A lookup memory-maps each index and binary-searches it, then reads only the one output file that
holds the record, up to that record. Records without an id (unparseable input lines) are indexed
by ``file:line``.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from saring.report.collect import id_hash

DTYPE = [("h", "<u8"), ("f", "<u4"), ("n", "<u8")]  # numpy record dtype spec (numpy imported lazily)


class IndexBuilder:
    """Collects ``(id, file, record number)`` for one shard task; :meth:`write` saves it sorted."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.files: list[str] = []
        self._file_no: dict[str, int] = {}
        self._by_path: dict[str | Path, int] = {}  # as given: relpath once per file, not per record
        self._rows: list[tuple[int, int, int]] = []

    def add(self, key: str, path: str | Path, ordinal: int) -> None:
        f = self._by_path.get(path)
        if f is None:
            rel = os.path.relpath(path, self.root)
            f = self._file_no.get(rel)
            if f is None:
                f = self._file_no[rel] = len(self.files)
                self.files.append(rel)
            self._by_path[path] = f
        self._rows.append((id_hash(key), f, ordinal))

    def write(self, base: str | Path) -> list[str]:
        """Write ``<base>.npy`` and ``<base>.json`` atomically; return both paths."""
        import numpy as np
        base = Path(base)
        base.parent.mkdir(parents=True, exist_ok=True)
        arr = np.array(self._rows, dtype=DTYPE) if self._rows else np.zeros(0, dtype=DTYPE)
        arr.sort(order=["h", "f", "n"])
        npy, meta = base.with_suffix(".npy"), base.with_suffix(".json")
        for path, write in ((npy, lambda f: np.save(f, arr)),
                            (meta, lambda f: f.write(json.dumps({"files": self.files}).encode()))):
            tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
            with open(tmp, "wb") as fh:
                write(fh)
            os.replace(tmp, path)
        return [str(npy), str(meta)]


def lookup(output: str | Path, key: str) -> list[tuple[str, int]]:
    """All ``(file relative to OUT, record number)`` whose key hashes like ``key``, in a stable
    order (hash collisions and repeated ids are resolved by the caller comparing ids)."""
    import numpy as np
    root = Path(output) / "report" / "index"
    h = np.uint64(id_hash(key))
    hits: list[tuple[str, int]] = []
    for npy in sorted(root.glob("*.npy")):
        arr = np.load(npy, mmap_mode="r")
        lo, hi = np.searchsorted(arr["h"], h, "left"), np.searchsorted(arr["h"], h, "right")
        if lo == hi:
            continue
        files = json.loads(npy.with_suffix(".json").read_text())["files"]
        hits += [(files[int(r["f"])], int(r["n"])) for r in arr[lo:hi]]
    return hits


def _lines(path: Path) -> Iterator[bytes]:
    name = path.name
    if name.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            yield from f
    elif name.endswith(".zst"):
        import zstandard

        with open(path, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as r:
            yield from io.BufferedReader(r, buffer_size=1 << 20)  # type: ignore[arg-type]
    else:
        with open(path, "rb") as f:
            yield from f


def consumed(output: str | Path, rel: str) -> bool:
    """A kept shard file of the last segment that the dataset phase has turned into
    ``kept/<lang>/part-*`` and deleted."""
    return Path(rel).parts[:2] == ("_work", "kept") and not (Path(output) / rel).exists()


def dataset_hits(output: str | Path, key: str) -> list[tuple[str, int, dict[str, Any]]]:
    """``(part file, record number, document dict)`` of every kept document with id ``key`` in
    the published dataset; Parquet parts are searched on their ``id`` column only."""
    from saring.dataset import to_document
    from saring.dataset.export import _jsonl_records
    from saring.dataset.read import part_files

    out = []
    for path in part_files(output):
        rel = str(path.relative_to(output))
        if path.name.endswith(".parquet"):
            import pyarrow.parquet as pq

            ids = pq.read_table(path, columns=["id"]).column("id").to_pylist()
            rows = [i for i, x in enumerate(ids) if x == key]
            if rows:
                table = pq.read_table(path)
                out += [(rel, i, to_document(table.slice(i, 1).to_pylist()[0]).to_dict()) for i in rows]
            continue
        out += [(rel, i, to_document(r).to_dict()) for i, r in enumerate(_jsonl_records(path))
                if str(r.get("id")) == key]
    return out


def read_record(output: str | Path, rel: str, ordinal: int) -> dict[str, Any]:
    """Record number ``ordinal`` of one output file (JSON Lines of any compression, Parquet)."""
    path = Path(output) / rel
    if path.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        start = 0
        for g in range(pf.num_row_groups):
            n = pf.metadata.row_group(g).num_rows
            if ordinal < start + n:
                row = pf.read_row_group(g).slice(ordinal - start, 1).to_pylist()[0]
                for k in ("metadata", "edits", "annotations", "flags", "decision"):
                    if isinstance(row.get(k), str):
                        row[k] = orjson.loads(row[k])
                return row
            start += n
        raise IndexError(f"{rel} has no record {ordinal}")
    for i, line in enumerate(_lines(path)):
        if i == ordinal:
            return orjson.loads(line)
    raise IndexError(f"{rel} has no record {ordinal}")
