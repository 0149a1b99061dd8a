"""Document files: the exchange format between pipeline segments and corpus stages.

One serialized :class:`~saring.document.Document` per line (orjson), zstd-compressed, written
atomically (temp file then rename) so a killed task never leaves a half file that looks complete.

Reading validates every line against the document schema: a corrupt or crafted line (bad JSON,
a wrong type, an edit whose offsets do not match its text) becomes an *error document* naming
the file and line, which the consumer passes on like any other document and the next segment
writes to ``errors/``. It never stops the task, and every line is still accounted for.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson
import zstandard

from saring.document import ERROR, KEPT, REJECTED, Document
from saring.io.atomic import AtomicFile
from saring.io.readers import saring_record_problem

DOCFILE_STEP = "docfile"
BAD_LINE = "bad_docfile_line"
_STATUSES = (KEPT, REJECTED, ERROR)


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


def docfile_problem(rec: object) -> str | None:
    """Why a parsed line is not a document as :func:`write_docs` writes it (None: it is)."""
    if not isinstance(rec, dict):
        return f"a line holds {type(rec).__name__}, expected an object"
    for key, kind in (("id", str), ("text", str), ("metadata", dict), ("edits", list),
                      ("annotations", dict), ("flags", list), ("decision", dict)):
        if not isinstance(rec.get(key), kind):
            return f"{key!r} is missing or not {'a string' if kind is str else 'an ' + ('object' if kind is dict else 'array')}"
    why = saring_record_problem(rec)
    if why:
        return why
    if rec["decision"].get("status") not in _STATUSES:
        return f"decision status {rec['decision'].get('status')!r} is not one of {', '.join(_STATUSES)}"
    return None


def _parse(line: bytes, path: Path, n: int) -> Document:
    """One line -> its document, or an error document naming ``path`` and line ``n``."""
    rec: object = None
    try:
        rec = orjson.loads(line)
        why = docfile_problem(rec)
        if why is None:
            return Document.from_dict(rec)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - a bad line fails alone
        why = f"{type(exc).__name__}: {exc}"
    rid = rec.get("id") if isinstance(rec, dict) else None
    doc = Document(rid if isinstance(rid, str) and rid else f"{path.name}:{n}", "",
                   {"source_file": str(path), "source_line": n})
    doc.fail(DOCFILE_STEP, f"{path} line {n}: not a saring document ({why})", reason=BAD_LINE)
    return doc


def read_docs(path: str | Path) -> Iterator[Document]:
    """Stream documents back from a file written by :func:`write_docs` (bad lines: error
    documents, see the module docstring)."""
    path = Path(path)
    with open(path, "rb") as raw:
        dctx = zstandard.ZstdDecompressor()
        with dctx.stream_reader(raw) as r:
            for n, line in enumerate(io.BufferedReader(r, buffer_size=1 << 20), 1):  # type: ignore[arg-type]
                if line.strip():
                    yield _parse(line, path, n)
