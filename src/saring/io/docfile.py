"""Document files: the exchange format between pipeline segments and corpus stages.

One serialized :class:`~saring.document.Document` per line (orjson), zstd-compressed, written
atomically (temp file then rename) so a killed task never leaves a half file that looks complete.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson
import zstandard

from saring.document import Document


def write_docs(path: str | Path, docs: Iterable[Document]) -> int:
    """Write documents to ``path`` (.zst compressed) atomically; return the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    n = 0
    with open(tmp, "wb") as raw:
        cctx = zstandard.ZstdCompressor(level=3)
        with cctx.stream_writer(raw, closefd=False) as w:
            buf = io.BufferedWriter(w, buffer_size=1 << 20)  # type: ignore[arg-type]
            for d in docs:
                buf.write(orjson.dumps(d.to_dict()))
                buf.write(b"\n")
                n += 1
            buf.flush()
        raw.flush()
        os.fsync(raw.fileno())
    os.replace(tmp, path)
    return n


def read_docs(path: str | Path) -> Iterator[Document]:
    """Stream documents back from a file written by :func:`write_docs`."""
    with open(path, "rb") as raw:
        dctx = zstandard.ZstdDecompressor()
        with dctx.stream_reader(raw) as r:
            for line in io.BufferedReader(r, buffer_size=1 << 20):  # type: ignore[arg-type]
                if line.strip():
                    yield Document.from_dict(orjson.loads(line))
