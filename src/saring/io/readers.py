"""Input readers: JSON Lines (plain, .gz, .zst), Parquet and plain text, as input shards.

Every reader yields, per input record, either a :class:`~saring.document.Document` or a
:class:`ReadError`, never raises on bad data, and never holds more than one line (bounded by
``max_line_bytes``) in memory. That is what makes the run's accounting possible: every record
read is one document or one error, so ``input == kept + rejected + errors`` can be checked.
"""

from __future__ import annotations

import base64
import glob
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson
import xxhash
import zstandard

from saring.document import Decision, Document, Edit

READ_STEP = "read"
RAW_HEAD_BYTES = 2048
CHUNK_BYTES = 1 << 20
SNIFF_BYTES = 8192

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
TEXT_SUFFIXES = (".txt",)
PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_SUFFIXES = (".warc", ".wet")  # .warc.gz and .warc.wet.gz after the compression suffix
HTML_SUFFIXES = (".html", ".htm")
COMPRESSIONS = {".gz": "gz", ".gzip": "gz", ".zst": "zst", ".zstd": "zst"}

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_PARQUET_MAGIC = b"PAR1"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_DOC_KEYS = frozenset({"id", "text", "metadata", "edits", "annotations", "flags", "decision"})


@dataclass(slots=True)
class ReadError:
    """An input record that could not become a document: where it was, what it was, why."""

    file: str
    line: int | None
    kind: str
    message: str
    raw: bytes | None = None
    raw_size: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "file": self.file, "line": self.line, "kind": self.kind, "message": self.message,
        }
        if self.raw is not None:
            head = self.raw[:RAW_HEAD_BYTES]
            try:
                if len(head.translate(None, _CONTROL_BYTES)) != len(head):
                    raise UnicodeDecodeError("utf-8", head, 0, 1, "control bytes")
                d["raw"] = head.decode("utf-8")
            except UnicodeDecodeError:  # binary or not UTF-8: keep the exact bytes
                d["raw_b64"] = base64.b64encode(head).decode("ascii")
            d["raw_size"] = self.raw_size if self.raw_size is not None else len(self.raw)
            d["raw_truncated"] = d["raw_size"] > len(head)
        return d


@dataclass(slots=True)
class Source:
    """One input shard: a file (jsonl/parquet/text) or a folder of text files."""

    name: str
    path: str
    kind: str  # "jsonl" | "parquet" | "text" | "textdir" | "warc" | "html" | "htmldir" | "unknown"
    compression: str | None = None
    files: list[str] = field(default_factory=list)  # for "textdir"

    def size(self) -> int:
        paths = self.files if self.files else [self.path]
        return sum(os.path.getsize(p) for p in paths)


# ----------------------------------------------------------------------------- discovery
def _split_suffixes(name: str) -> tuple[str | None, str | None, str]:
    """(kind, compression, stem) from a file name by its extensions."""
    low = name.lower()
    comp = None
    for suf, c in COMPRESSIONS.items():
        if low.endswith(suf):
            comp, low, name = c, low[: -len(suf)], name[: -len(suf)]
            break
    for sufs, kind in ((JSONL_SUFFIXES, "jsonl"), (TEXT_SUFFIXES, "text"), (PARQUET_SUFFIXES, "parquet"),
                       (WARC_SUFFIXES, "warc"), (HTML_SUFFIXES, "html")):
        for suf in sufs:
            if low.endswith(suf):
                return kind, comp, name[: -len(suf)]
    return None, comp, name


def _sniff(path: str) -> tuple[str, str | None]:
    """Guess (kind, compression) of a file without a known extension from its magic bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        return "unknown", None
    if head.startswith(_GZIP_MAGIC):
        return "jsonl", "gz"
    if head.startswith(_ZSTD_MAGIC):
        return "jsonl", "zst"
    if head.startswith(_PARQUET_MAGIC):
        return "parquet", None
    return "jsonl", None


def source_for_file(path: str | Path) -> Source:
    path = str(path)
    kind, comp, stem = _split_suffixes(os.path.basename(path))
    if kind is None:
        kind, comp = _sniff(path)
    return Source(name=_UNSAFE_NAME.sub("_", stem) or "shard", path=path, kind=kind, compression=comp)


def _dir_sources(folder: str) -> list[Source]:
    """Files of a folder (recursively) as shards; its .txt files together form one shard."""
    out: list[Source] = []
    texts: list[str] = []
    pages: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for fn in sorted(files):
            if fn.startswith((".", "_")):
                continue
            p = os.path.join(root, fn)
            kind, comp, _ = _split_suffixes(fn)
            if kind == "text" and comp is None:
                texts.append(p)
            elif kind == "html" and comp is None:
                pages.append(p)
            elif kind is not None:
                out.append(source_for_file(p))
    if texts:
        base = os.path.basename(os.path.normpath(folder)) or "texts"
        out.append(Source(name=_UNSAFE_NAME.sub("_", base), path=folder, kind="textdir", files=texts))
    if pages:
        base = (os.path.basename(os.path.normpath(folder)) or "pages") + ("-html" if texts else "")
        out.append(Source(name=_UNSAFE_NAME.sub("_", base), path=folder, kind="htmldir", files=pages))
    return out


def expand_inputs(inputs: list[str]) -> list[Source]:
    """Files, folders and globs -> input shards with unique, stable names (sorted, no repeats).

    Raises ``FileNotFoundError`` naming the first input that matches nothing.
    """
    sources: list[Source] = []
    seen: set[tuple[str, str]] = set()
    for spec in inputs:
        spec = str(spec)
        if os.path.isdir(spec):
            found = _dir_sources(spec)
        elif os.path.exists(spec):
            found = [source_for_file(spec)]
        elif glob.has_magic(spec):
            found = []
            for p in sorted(glob.glob(spec, recursive=True)):
                found.extend(_dir_sources(p) if os.path.isdir(p) else [source_for_file(p)])
        else:
            found = None
        if not found:
            raise FileNotFoundError(f"input {spec!r} matches no file")
        for s in found:
            key = (os.path.realpath(s.path), s.kind)  # a folder: its text and its html shard
            if key not in seen:
                seen.add(key)
                sources.append(s)
    counts: dict[str, int] = {}
    for s in sources:
        counts[s.name] = counts.get(s.name, 0) + 1
    for s in sources:
        if counts[s.name] > 1:  # same file name in different folders: disambiguate stably
            s.name = f"{s.name}-{xxhash.xxh32_hexdigest(os.path.abspath(s.path).encode())}"
    return sources


# ----------------------------------------------------------------------------- byte streams
class _Decompressed:
    """Incremental gzip (multi-member) or zstd (multi-frame) decompression.

    Unlike ``gzip.GzipFile``, it returns every byte decoded before a truncation and only then
    raises ``EOFError``, so the complete lines of a truncated file are still read. Output per
    call is bounded for gzip (a decompression bomb cannot fill memory in one read).
    """

    RAW_CHUNK = 1 << 16

    def __init__(self, raw: IO[bytes], kind: str) -> None:
        self.raw = raw
        self.kind = kind
        self._d = self._new()
        self._pending = b""
        self._fed = False

    def _new(self) -> Any:
        if self.kind == "gz":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zstandard.ZstdDecompressor().decompressobj()

    def read(self, n: int = CHUNK_BYTES) -> bytes:
        while True:
            if self._d.eof:  # end of one member/frame: another may follow
                rest = self._d.unused_data or self._pending or self.raw.read(self.RAW_CHUNK)
                self._pending = b""
                if not rest.strip(b"\x00"):
                    return b""
                self._d, self._pending = self._new(), rest
                continue
            data = self._pending or self.raw.read(self.RAW_CHUNK)
            self._pending = b""
            if not data:
                if self._fed:
                    raise EOFError("compressed data ended before the end-of-stream marker")
                return b""  # an empty file
            self._fed = True
            if self.kind == "gz":
                out = self._d.decompress(data, max(n, 1))
                self._pending = self._d.unconsumed_tail
            else:
                out = self._d.decompress(data)
            if out:
                return out

    def close(self) -> None:
        self.raw.close()


class _Prefixed:
    """A stream with some already-read bytes put back in front."""

    def __init__(self, first: bytes, stream: Any) -> None:
        self.first = first
        self.stream = stream

    def read(self, n: int = CHUNK_BYTES) -> bytes:
        if self.first:
            out, self.first = self.first, b""
            return out
        return self.stream.read(n)


def _open_stream(path: str, compression: str | None) -> Any:
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, closed there
    return _Decompressed(raw, compression) if compression in ("gz", "zst") else raw


_STREAM_ERRORS = (EOFError, OSError, zlib.error, zstandard.ZstdError)


def iter_lines(
    stream: IO[bytes], max_line_bytes: int, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[tuple[int, bytes, int]]:
    """Yield ``(line_no, line, size)`` for every line; lines over ``max_line_bytes`` are not
    kept whole: only their first bytes are yielded with their full ``size``.

    Decompression errors (truncated gzip/zstd) propagate to the caller after all complete
    lines before them have been yielded.
    """
    line_no = 0
    parts: list[bytes] = []  # pieces of the current line while it is within the limit
    head = b""  # first bytes of the current line once it is over the limit
    size = 0
    over = False

    def add(piece: bytes) -> None:
        nonlocal size, over, head, parts
        size += len(piece)
        if not over:
            if size <= max_line_bytes:
                parts.append(piece)
                return
            over = True
            head = b"".join(parts)[:RAW_HEAD_BYTES]
            parts = []
        if len(head) < RAW_HEAD_BYTES:
            head += piece[: RAW_HEAD_BYTES - len(head)]

    while True:
        chunk = stream.read(chunk_bytes)
        if not chunk:
            break
        pieces = chunk.split(b"\n")
        last = pieces.pop()
        for piece in pieces:
            line_no += 1
            if not parts and not size:  # the common case: a whole line inside one chunk
                n = len(piece)
                yield line_no, (piece if n <= max_line_bytes else piece[:RAW_HEAD_BYTES]), n
                continue
            add(piece)
            yield line_no, (head if over else b"".join(parts)), size
            parts, head, size, over = [], b"", 0, False
        if last:
            add(last)
    if size:
        yield line_no + 1, (head if over else b"".join(parts)), size


def _looks_binary(head: bytes) -> bool:
    """A file whose first bytes are mostly control bytes or not UTF-8 is not text input."""
    if not head:
        return False
    if head.startswith((_PARQUET_MAGIC, _GZIP_MAGIC, _ZSTD_MAGIC, b"PK\x03\x04", b"\x89PNG")):
        return True
    ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if ctrl > len(head) // 10:
        return True
    # a few bad bytes are per-line errors; a largely undecodable block is a binary file (a
    # tiny file needs stronger evidence: one bad line must not make it "binary")
    bad = head.decode("utf-8", "replace").count("\ufffd")
    return bad > len(head) // (10 if len(head) >= 256 else 3)


# ----------------------------------------------------------------------------- documents
@dataclass(slots=True)
class ReaderConfig:
    text_field: str = "text"
    id_field: str = "id"
    max_line_bytes: int = 64 * 2**20
    max_doc_chars: int = 5_000_000
    max_html_bytes: int = 4 * 2**20

    @classmethod
    def from_pipeline(cls, reader: dict[str, Any], limits: dict[str, Any]) -> ReaderConfig:
        return cls(
            text_field=reader.get("text_field", "text"),
            id_field=reader.get("id_field", "id"),
            max_line_bytes=int(limits.get("max_line_bytes", cls.max_line_bytes)),
            max_doc_chars=int(limits.get("max_doc_chars", cls.max_doc_chars)),
        )


def _too_long(doc: Document, n: int, limit: int) -> Document:
    doc.decision = Decision("rejected", READ_STEP, "too_long", n, limit)
    return doc


def record_to_doc(
    rec: Any, src: Source, line: int, cfg: ReaderConfig
) -> Document | ReadError:
    """One parsed input record -> a document (or an error naming what is wrong)."""
    if not isinstance(rec, dict):
        return ReadError(src.path, line, "not_object", f"expected a JSON object, got {type(rec).__name__}")
    text = rec.get(cfg.text_field)
    if text is None:
        return ReadError(src.path, line, "missing_text", f"record has no {cfg.text_field!r} field")
    if not isinstance(text, str):
        return ReadError(
            src.path, line, "text_not_string",
            f"field {cfg.text_field!r} is {type(text).__name__}, expected a string",
        )
    rid = rec.get(cfg.id_field)
    doc_id = str(rid) if rid is not None and rid != "" else f"{src.name}:{line}"
    if _DOC_KEYS.issuperset(rec) and isinstance(rec.get("metadata"), dict) and isinstance(rec.get("edits"), list):
        # a saring output record: keep its history, start a fresh decision
        meta = dict(rec["metadata"])
        doc = Document(
            doc_id, text, meta, [Edit.from_dict(e) for e in rec["edits"]],
            dict(rec.get("annotations") or {}), list(rec.get("flags") or ()),
        )
        meta.setdefault("source_file", src.path)
        meta.setdefault("source_line", line)
    else:
        meta = {k: v for k, v in rec.items() if k != cfg.text_field and k != cfg.id_field}
        meta["source_file"] = src.path
        meta["source_line"] = line
        doc = Document(doc_id, text, meta)
    if len(text) > cfg.max_doc_chars:
        return _too_long(doc, len(text), cfg.max_doc_chars)
    return doc


def _parse_line(src: Source, line_no: int, line: bytes, size: int, cfg: ReaderConfig) -> Document | ReadError:
    if size > cfg.max_line_bytes:
        doc = Document(f"{src.name}:{line_no}", "", {"source_file": src.path, "source_line": line_no,
                       "line_bytes": size, "head": line[:256].decode("utf-8", "replace")})
        doc.decision = Decision("rejected", READ_STEP, "too_long", size, cfg.max_line_bytes,
                                "line exceeds max_line_bytes; not loaded")
        return doc
    if line_no == 1 and line.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark
        line = line[3:]
    if b"\x00" in line:
        return ReadError(src.path, line_no, "nul_bytes",
                         f"line contains NUL bytes (first at byte {line.index(0)})", line, size)
    try:
        rec = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as uexc:
            return ReadError(src.path, line_no, "invalid_utf8",
                             f"line is not valid UTF-8 (byte {uexc.start})", line, size)
        return ReadError(src.path, line_no, "malformed_json", f"malformed JSON: {exc}", line, size)
    out = record_to_doc(rec, src, line_no, cfg)
    if isinstance(out, ReadError):
        out.raw, out.raw_size = line, size
    return out


def _read_jsonl(src: Source, cfg: ReaderConfig) -> Iterator[Document | ReadError]:
    try:
        stream = _open_stream(src.path, src.compression)
    except OSError as exc:
        yield ReadError(src.path, None, "io", f"cannot open: {exc.strerror or exc}")
        return
    line_no = 0
    try:
        try:
            first = stream.read(CHUNK_BYTES)
            if _looks_binary(first[:SNIFF_BYTES]):
                yield ReadError(src.path, None, "binary",
                                "file looks binary, not JSON Lines text; skipped", first, src.size())
                return
            for line_no, line, size in iter_lines(_Prefixed(first, stream), cfg.max_line_bytes):
                if size == 0 or (size <= cfg.max_line_bytes and not line.strip()):
                    continue
                yield _parse_line(src, line_no, line, size, cfg)
        finally:
            stream.close()
    except _STREAM_ERRORS as exc:
        what = {"gz": "gzip", "zst": "zstd"}.get(src.compression or "", "file")
        yield ReadError(src.path, line_no + 1 if line_no else None, "truncated",
                        f"{what} stream is corrupt or truncated after line {line_no}: {exc}")


def _read_text_file(src: Source, path: str, line: int, cfg: ReaderConfig) -> Document | ReadError:
    rel = os.path.relpath(path, src.path) if src.kind == "textdir" else os.path.basename(path)
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            data = f.read(min(size, cfg.max_line_bytes) + 1)
    except OSError as exc:
        return ReadError(path, None, "io", f"cannot read: {exc.strerror or exc}")
    meta = {"source_file": path, "source_line": line, "path": rel}
    doc_id = f"{src.name}:{rel}" if src.kind == "textdir" else f"{src.name}:1"
    if size > cfg.max_line_bytes:
        doc = Document(doc_id, "", {**meta, "file_bytes": size})
        doc.decision = Decision("rejected", READ_STEP, "too_long", size, cfg.max_line_bytes,
                                "file exceeds max_line_bytes; not loaded")
        return doc
    if _looks_binary(data[:SNIFF_BYTES]):
        return ReadError(path, None, "binary", "file looks binary, not text; skipped", data, size)
    if b"\x00" in data:
        return ReadError(path, None, "nul_bytes", "text file contains NUL bytes", data, size)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadError(path, None, "invalid_utf8", f"file is not valid UTF-8 (byte {exc.start})", data, size)
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = Document(doc_id, text, meta)
    if len(text) > cfg.max_doc_chars:
        return _too_long(doc, len(text), cfg.max_doc_chars)
    return doc


def _read_parquet(src: Source, cfg: ReaderConfig) -> Iterator[Document | ReadError]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(src.path)
    except Exception as exc:  # noqa: BLE001 - any failure to open is a clear error record
        yield ReadError(src.path, None, "bad_parquet", f"not a readable Parquet file: {exc}")
        return
    saring_schema = b"saring" in (pf.schema_arrow.metadata or {})
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=1024):
            for rec in batch.to_pylist():
                row += 1
                if saring_schema:
                    for k in ("metadata", "edits", "annotations", "flags"):
                        if isinstance(rec.get(k), str):
                            rec[k] = orjson.loads(rec[k])
                    rec.pop("decision", None)
                yield record_to_doc(rec, src, row, cfg)
    except Exception as exc:  # noqa: BLE001 - corrupt data pages: report, keep what was read
        yield ReadError(src.path, row + 1, "bad_parquet", f"Parquet read failed after row {row}: {exc}")


def read_source(src: Source, cfg: ReaderConfig | None = None) -> Iterator[Document | ReadError]:
    """Stream the records of one input shard as documents or read errors."""
    cfg = cfg or ReaderConfig()
    if src.kind == "jsonl":
        yield from _read_jsonl(src, cfg)
    elif src.kind == "parquet":
        yield from _read_parquet(src, cfg)
    elif src.kind == "text":
        yield _read_text_file(src, src.path, 1, cfg)
    elif src.kind == "textdir":
        for i, p in enumerate(src.files, 1):
            yield _read_text_file(src, p, i, cfg)
    elif src.kind in WEB_KINDS:
        yield from _read_web(src, cfg)
    else:
        yield ReadError(src.path, None, "unknown_format", f"unsupported input format {src.kind!r}")


WEB_KINDS = ("warc", "html", "htmldir")


def _read_web(src: Source, cfg: ReaderConfig) -> Iterator[Document | ReadError]:
    """WARC/WET files and saved HTML pages (``saring.io.web``)."""
    from saring.io import web

    if src.kind == "warc":
        yield from web.read_warc(src.path, src.name, max_html_bytes=cfg.max_html_bytes,
                                 max_doc_chars=cfg.max_doc_chars)
        return
    files = src.files or [src.path]
    for i, p in enumerate(files, 1):
        rel = os.path.relpath(p, src.path) if src.files else os.path.basename(p)
        doc_id = f"{src.name}:{rel}" if src.files else f"{src.name}:1"
        yield web.read_html_file(p, doc_id, i, rel, max_html_bytes=cfg.max_html_bytes)


def read_documents(path: str | Path, **config: Any) -> Iterator[Document]:
    """Convenience for Python use: the readable documents of a file (errors skipped)."""
    cfg = ReaderConfig(**config)
    for item in read_source(source_for_file(path), cfg):
        if isinstance(item, Document):
            yield item
