"""Document files: the exchange format between pipeline segments and corpus stages.

One serialized :class:`~saring.document.Document` per line (orjson), zstd-compressed, written
atomically (temp file then rename) so a killed task never leaves a half file that looks complete.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson
import zstandard

from saring.document import Document
from saring.io.atomic import AtomicFile


def write_docs(path: str | Path, docs: Iterable[Document]) -> int:
    """Write documents to ``path`` (.zst compressed) atomically; return the count."""
    af = AtomicFile(path)
    n = 0
    try:
        cctx = zstandard.ZstdCompressor(level=3)
        with cctx.stream_writer(af.raw, closefd=False) as w:
            buf = io.BufferedWriter(w, buffer_size=1 << 20)  # type: ignore[arg-type]
            for d in docs:
                buf.write(orjson.dumps(d.to_dict()))
                buf.write(b"\n")
                n += 1
            buf.flush()
    except BaseException:
        af.abort()
        raise
    af.commit()
    return n


def read_docs(path: str | Path) -> Iterator[Document]:
    """Stream documents back from a file written by :func:`write_docs`."""
    with open(path, "rb") as raw:
        dctx = zstandard.ZstdDecompressor()
        with dctx.stream_reader(raw) as r:
            for line in io.BufferedReader(r, buffer_size=1 << 20):  # type: ignore[arg-type]
                if line.strip():
                    yield Document.from_dict(orjson.loads(line))
