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
from typing import Any

import orjson
import zstandard

from saring.document import ERROR, KEPT, REJECTED, Document
from saring.io.atomic import AtomicFile
from saring.io.readers import saring_record_problem

DOCFILE_STEP = "docfile"
BAD_LINE = "bad_docfile_line"
_STATUSES = (KEPT, REJECTED, ERROR)
# Document files live only between a run's units (read back once, then deleted): zstd level 1
# compresses them in about half level 3's CPU (~0.1 s of a 1-worker 5,000-document run) for
# ~18% more bytes on disk; any level reads back the same, so resumed runs and outputs are unchanged.
ZSTD_LEVEL = 1


def write_docs(path: str | Path, docs: Iterable[Document]) -> int:
    """Write documents to ``path`` (.zst compressed) atomically; return the count."""
    af = AtomicFile(path)
    n = 0
    try:
        cctx = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
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


_BIG = 1 << 62  # offsets above this go to the reference check (``math.isfinite`` of a huge int raises)


def _is_document(rec: object) -> bool:
    """True only when :func:`docfile_problem` finds nothing (the common case, checked in one
    pass without its per-field calls); False means "ask the reference", which names the
    problem or, for shapes this check does not try to judge (subclasses, huge offsets,
    integer confidences), finds none."""
    if type(rec) is not dict:
        return False
    dec, edits, ann, flags = rec.get("decision"), rec.get("edits"), rec.get("annotations"), rec.get("flags")
    if (type(rec.get("id")) is not str or type(rec.get("text")) is not str
            or type(rec.get("metadata")) is not dict or type(edits) is not list
            or type(ann) is not dict or type(flags) is not list or type(dec) is not dict
            or dec.get("status") not in _STATUSES):
        return False
    for e in edits:
        if type(e) is not dict:
            return False
        start, end, before = e.get("start"), e.get("end"), e.get("before")
        if (type(start) is not int or type(end) is not int or type(before) is not str
                or type(e.get("after")) is not str or type(e.get("step")) is not str
                or type(e.get("kind")) is not str or not 0 <= start < _BIG or not 0 <= end < _BIG
                or end - start != len(before)):
            return False
        if "confidence" in e:
            c = e["confidence"]
            if type(c) is not float or not 0.0 <= c <= 1.0:
                return False
        f = e.get("field")
        if f is not None and type(f) is not str:
            return False
    for v in ann.values():
        if type(v) is not dict:
            return False
    for f in flags:
        if type(f) is not dict or type(f.get("kind")) is not str:
            return False
    return True


def _check(line: bytes, path: Path, n: int) -> dict[str, Any] | Document:
    """One line -> its record, checked against the document schema, or an error document
    naming ``path`` and line ``n``."""
    rec: object = None
    try:
        rec = orjson.loads(line)
        if _is_document(rec):
            return rec  # type: ignore[return-value]
        why = docfile_problem(rec)
        if why is None:
            return rec  # type: ignore[return-value]
    except Exception as exc:  # noqa: BLE001 - a bad line fails alone
        why = f"{type(exc).__name__}: {exc}"
    return _bad_line(rec, why, path, n)


# for a writer that judges its own records as the reader will (dedup's hash pass)
is_plain_document = _is_document
check_line = _check


def _parse(line: bytes, path: Path, n: int) -> Document:
    """One line -> its document, or an error document naming ``path`` and line ``n``."""
    got = _check(line, path, n)
    if type(got) is not dict:
        return got  # type: ignore[return-value]
    try:
        return Document.from_dict(got)
    except Exception as exc:  # noqa: BLE001 - a bad line fails alone
        return _bad_line(got, f"{type(exc).__name__}: {exc}", path, n)


def _bad_line(rec: object, why: str, path: Path, n: int) -> Document:
    rid = rec.get("id") if isinstance(rec, dict) else None
    doc = Document(rid if isinstance(rid, str) and rid else f"{path.name}:{n}", "",
                   {"source_file": str(path), "source_line": n})
    doc.fail(DOCFILE_STEP, f"{path} line {n}: not a saring document ({why})", reason=BAD_LINE)
    return doc


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as raw:
        dctx = zstandard.ZstdDecompressor()
        with dctx.stream_reader(raw) as r:
            for n, line in enumerate(io.BufferedReader(r, buffer_size=1 << 20), 1):  # type: ignore[arg-type]
                if line.strip():
                    yield n, line


def read_docs(path: str | Path) -> Iterator[Document]:
    """Stream documents back from a file written by :func:`write_docs` (bad lines: error
    documents, see the module docstring)."""
    path = Path(path)
    for n, line in _lines(path):
        yield _parse(line, path, n)


def read_records(path: str | Path) -> Iterator[dict[str, Any] | Document]:
    """:func:`read_docs` for readers that only look at a few fields: each line's checked
    record as a dict (what ``Document.from_dict`` of it would hold: a record that passes the
    check always converts) or, for a bad line, the same error document ``read_docs`` gives."""
    path = Path(path)
    for n, line in _lines(path):
        yield _check(line, path, n)
