"""Input readers: JSON Lines (plain, gzip, zstd, bzip2, xz), Parquet and plain text, as shards.

Every reader yields, per input record, either a :class:`~saring.document.Document` or a
:class:`ReadError`, never raises on bad data, and never holds more than one line (bounded by
``max_line_bytes``) in memory. That is what makes the run's accounting possible: every record
read is one document or one error, so ``input == kept + rejected + errors`` can be checked.

Discovery hides nothing: every file under an input folder becomes a shard or a
:class:`Skipped` entry saying why (hidden name, FIFO/device, unrecognised format, symlinked
folder); a file that cannot be opened (dangling link, no permission) becomes a shard whose one
record is a file-level ``io`` error. Compression is detected from magic bytes, never trusted
from the extension.

Adding an input format is one line in each of two tables: ``READERS`` (format name -> reader
function, or a lazy ``"module:function"`` path) and ``EXTENSIONS`` (file extension -> format
name); ``MAGIC_FORMATS`` recognises a format from its first bytes when the extension is unknown.
"""

from __future__ import annotations

import base64
import bz2
import errno
import glob
import importlib
import lzma
import math
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson
import xxhash
import zstandard

from saring.document import Decision, Document, Edit
from saring.io.sniff import COMPRESSION_NAMES, compression_of

READ_STEP = "read"
RAW_HEAD_BYTES = 2048
CHUNK_BYTES = 1 << 20
SNIFF_BYTES = 8192

# file extension (lower case) -> format name; a format needs an entry in READERS too
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
    ".txt": "text",
    ".parquet": "parquet", ".pq": "parquet",
    ".warc": "warc", ".wet": "warc",  # .warc.gz and .warc.wet.gz after the compression suffix
    ".html": "html", ".htm": "html",
}
# extensions naming a compression; the compression actually used is read from magic bytes
COMPRESSION_SUFFIXES = (".gz", ".gzip", ".zst", ".zstd", ".bz2", ".xz")
_PARQUET_MAGIC = b"PAR1"
# first bytes (after decompression) -> format name, for files whose extension says nothing
MAGIC_FORMATS: list[tuple[bytes, str]] = [(_PARQUET_MAGIC, "parquet"), (b"WARC/", "warc")]
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_DOC_KEYS = frozenset({"id", "text", "metadata", "edits", "annotations", "flags", "decision"})
# the fields of a published dataset record (saring.dataset.records.FIELDS)
_DATASET_KEYS = frozenset({"id", "text", "lang", "lang_score", "url", "domain", "date", "mt_damage",
                           "quality", "dup_cluster", "provenance"})


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
    """One input shard: a file (jsonl/parquet/text...), a folder of text files, or a file that
    cannot be opened (kind ``"error"``, read as one file-level error record)."""

    name: str
    path: str
    kind: str  # a READERS key: jsonl | parquet | text | textdir | warc | html | htmldir | error
    compression: str | None = None
    files: list[str] = field(default_factory=list)  # for "textdir" / "htmldir"
    error: str | None = None  # for "error": why the file cannot be read

    def size(self) -> int:
        paths = self.files if self.files else [self.path]
        total = 0
        for p in paths:
            try:
                total += os.path.getsize(p)
            except OSError:
                pass
        return total


@dataclass(slots=True)
class Skipped:
    """A file (or folder) found under an input that is deliberately not read, and why."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass(slots=True)
class Discovery:
    """What input discovery found: shards to read, and everything else with a reason."""

    sources: list[Source]
    skipped: list[Skipped]


# ----------------------------------------------------------------------------- discovery
def _split_suffixes(name: str) -> tuple[str | None, str]:
    """(format by extension, stem) from a file name; compression suffixes are looked through."""
    low = name.lower()
    for suf in COMPRESSION_SUFFIXES:
        if low.endswith(suf):
            low, name = low[: -len(suf)], name[: -len(suf)]
            break
    ext = os.path.splitext(low)[1]
    if ext in EXTENSIONS:
        return EXTENSIONS[ext], name[: -len(ext)]
    return None, name


def _sniff(path: str) -> tuple[str | None, bytes]:
    """(compression, first decompressed bytes) of a regular file; raises OSError if unreadable."""
    with open(path, "rb") as f:
        head = f.read(16)
        comp = compression_of(head)
        if comp is None:
            return None, head + f.read(SNIFF_BYTES - len(head))
        f.seek(0)
        d = _Decompressed(f, comp)
        try:
            return comp, d.read(SNIFF_BYTES)[:SNIFF_BYTES]
        except _STREAM_ERRORS:
            return comp, b""


def _stem_name(stem: str) -> str:
    return _UNSAFE_NAME.sub("_", stem) or "shard"


def _error_source(path: str, message: str) -> Source:
    return Source(name=_stem_name(_split_suffixes(os.path.basename(path))[1]), path=path,
                  kind="error", error=message)


def _unopenable(path: str, exc: OSError) -> Source:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return _error_source(path, f"dangling symbolic link to {target!r}; file not read")
    return _error_source(path, f"cannot open file: {exc.strerror or exc}; file not read")


def classify(path: str, explicit: bool = True) -> Source | Skipped:
    """Decide how to read one path: a shard, an unreadable-file shard, or a skip with reason.

    FIFOs, devices and sockets are never opened (opening a FIFO blocks). A file named on the
    command line (``explicit``) with an unknown format is read as JSON Lines (and reported as
    binary if it is not text); one found in a folder is skipped with a reason instead.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        return _unopenable(path, exc)
    if not stat.S_ISREG(st.st_mode):
        what = ("FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode)
                else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "not a regular file")
        return Skipped(path, f"{what}: not a regular file; never opened")
    fmt, stem = _split_suffixes(os.path.basename(path))
    try:
        comp, head = _sniff(path)
    except OSError as exc:
        return _unopenable(path, exc)
    if fmt is None:
        fmt = next((f for magic, f in MAGIC_FORMATS if head.startswith(magic)), None)
    if fmt is None:
        body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if not head or body.startswith(b"{") or explicit:
            fmt = "jsonl"
        else:
            what = "binary data" if _looks_binary(head) else "text that is not JSON Lines"
            return Skipped(path, f"unrecognised format ({what}); readable extensions: "
                                 f"{', '.join(sorted(EXTENSIONS))} (optionally compressed)")
    return Source(name=_stem_name(stem), path=path, kind=fmt, compression=comp)


def source_for_file(path: str | Path) -> Source:
    """The shard for one file (unknown formats are read as JSON Lines, FIFOs are errors)."""
    out = classify(str(path), explicit=True)
    if isinstance(out, Skipped):
        return _error_source(out.path, out.reason)
    return out


def _count_files(folder: str) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _dir_sources(folder: str) -> tuple[list[Source], list[Skipped]]:
    """Files of a folder (recursively) as shards; its plain .txt files together form one shard.

    Names starting with ``.`` or ``_`` (hidden files, ``_SUCCESS`` markers, saring's own
    ``_work``) and symlinked folders (loops) are not read but listed as skipped.
    """
    out: list[Source] = []
    skipped: list[Skipped] = []
    texts: list[str] = []
    pages: list[str] = []
    for root, dirs, files in os.walk(folder):
        keep = []
        for d in sorted(dirs):
            p = os.path.join(root, d)
            if os.path.islink(p):
                skipped.append(Skipped(p, "symbolic link to a folder; not followed (pass it as "
                                          "an input to read it)"))
            elif d.startswith((".", "_")):
                skipped.append(Skipped(p, f"folder name starts with {d[0]!r} (hidden or work "
                                          f"folder); its {_count_files(p)} file(s) not read"))
            else:
                keep.append(d)
        dirs[:] = keep
        for fn in sorted(files):
            p = os.path.join(root, fn)
            if fn.startswith((".", "_")):
                skipped.append(Skipped(p, f"name starts with {fn[0]!r} (hidden or marker file)"))
                continue
            got = classify(p, explicit=False)
            if isinstance(got, Skipped):
                skipped.append(got)
            elif got.kind == "text" and got.compression is None:
                texts.append(p)
            elif got.kind == "html" and got.compression is None:
                pages.append(p)
            else:
                out.append(got)
    if texts:
        base = os.path.basename(os.path.normpath(folder)) or "texts"
        out.append(Source(name=_UNSAFE_NAME.sub("_", base), path=folder, kind="textdir", files=texts))
    if pages:
        base = (os.path.basename(os.path.normpath(folder)) or "pages") + ("-html" if texts else "")
        out.append(Source(name=_UNSAFE_NAME.sub("_", base), path=folder, kind="htmldir", files=pages))
    return out, skipped


def discover_inputs(inputs: list[str]) -> Discovery:
    """Files, folders and globs -> input shards with unique, stable names, plus skipped files.

    Raises ``FileNotFoundError`` naming the first input that matches nothing.
    """
    sources: list[Source] = []
    skipped: list[Skipped] = []
    seen: set[tuple[str, str]] = set()
    for spec in inputs:
        spec = str(spec)
        found: list[Source] | None
        if os.path.isdir(spec):
            found, skip = _dir_sources(spec)
        elif os.path.lexists(spec):
            got = classify(spec, explicit=True)
            found, skip = ([], [got]) if isinstance(got, Skipped) else ([got], [])
        elif glob.has_magic(spec):
            found, skip = [], []
            for p in sorted(glob.glob(spec, recursive=True)):
                if os.path.isdir(p):
                    f, s = _dir_sources(p)
                    found.extend(f)
                    skip.extend(s)
                else:
                    got = classify(p, explicit=True)
                    (skip if isinstance(got, Skipped) else found).append(got)  # type: ignore[arg-type]
        else:
            found, skip = None, []
        if not found and not skip:
            raise FileNotFoundError(f"input {spec!r} matches no file")
        skipped.extend(skip)
        for s in found or ():
            # a folder gives a text and an html shard on one path: the kind is part of the key
            key = (os.path.realpath(s.path) if s.kind != "error" else os.path.abspath(s.path), s.kind)
            if key not in seen:
                seen.add(key)
                sources.append(s)
    counts: dict[str, int] = {}
    for s in sources:
        counts[s.name] = counts.get(s.name, 0) + 1
    for s in sources:
        if counts[s.name] > 1:  # same file name in different folders: disambiguate stably
            s.name = f"{s.name}-{xxhash.xxh32_hexdigest(os.path.abspath(s.path).encode())}"
    seen_skip: set[str] = set()
    unique_skipped = [k for k in skipped if not (k.path in seen_skip or seen_skip.add(k.path))]
    return Discovery(sources, unique_skipped)


def expand_inputs(inputs: list[str]) -> list[Source]:
    """The shards of :func:`discover_inputs` (skipped files dropped; use that to list them)."""
    return discover_inputs(inputs).sources


def source_fingerprint(src: Source) -> str:
    """xxh3-128 of a shard's bytes; an unreadable file hashes its error (never raises)."""
    if src.kind == "error":
        return xxhash.xxh3_128_hexdigest(f"error:{src.path}:{src.error}".encode())
    paths = src.files if src.kind == "textdir" else [src.path]
    h = xxhash.xxh3_128()
    for p in paths:
        if src.kind == "textdir":
            h.update(os.path.relpath(p, src.path).encode() + b"\0")
        try:
            with open(p, "rb") as f:
                while chunk := f.read(1 << 22):
                    h.update(chunk)
        except OSError as exc:
            h.update(f"unreadable:{exc}".encode())
    return h.hexdigest()


# ----------------------------------------------------------------------------- byte streams
class _Decompressed:
    """Incremental gzip, zstd, bzip2 or xz decompression (multi-member/frame/stream).

    Unlike ``gzip.GzipFile``, it returns every byte decoded before a truncation and only then
    raises ``EOFError``, so the complete lines of a truncated file are still read. Output per
    call is bounded for gzip, bzip2 and xz (a decompression bomb cannot fill memory in one read).
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
        if self.kind == "bz2":
            return bz2.BZ2Decompressor()
        if self.kind == "xz":
            return lzma.LZMADecompressor()
        return zstandard.ZstdDecompressor().decompressobj()

    def read(self, n: int = CHUNK_BYTES) -> bytes:
        bounded = self.kind in ("bz2", "xz")
        while True:
            if bounded and not self._d.eof and not self._d.needs_input:
                out = self._d.decompress(b"", max(n, 1))  # output held back by the bound
                if out:
                    return out
                continue
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
            elif bounded:
                out = self._d.decompress(data, max(n, 1))
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
    return _Decompressed(raw, compression) if compression in COMPRESSION_NAMES else raw


_STREAM_ERRORS = (EOFError, OSError, zlib.error, zstandard.ZstdError, lzma.LZMAError)


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
    if compression_of(head) or head.startswith((_PARQUET_MAGIC, b"PK\x03\x04", b"\x89PNG")):
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


def _bad_number(v: Any, *, lo: float | None = None, hi: float | None = None, integer: bool = False) -> bool:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(v, int)):
        return True
    if not math.isfinite(v):
        return True
    return (lo is not None and v < lo) or (hi is not None and v > hi)


def _edit_problem(e: Any) -> str | None:
    if not isinstance(e, dict):
        return f"is {type(e).__name__}, expected an object"
    for k in ("step", "kind", "before", "after"):
        if not isinstance(e.get(k), str):
            return f"field {k!r} is missing or not a string"
    if _bad_number(e.get("start"), lo=0, integer=True) or _bad_number(e.get("end"), lo=0, integer=True):
        return "'start'/'end' are missing or not non-negative integers"
    if e["end"] - e["start"] != len(e["before"]):
        return "'end' - 'start' differs from the length of 'before'"
    if "confidence" in e and _bad_number(e["confidence"], lo=0.0, hi=1.0):
        return "'confidence' is not a number in [0, 1]"
    if e.get("field") is not None and not isinstance(e["field"], str):
        return "'field' is not a string"
    return None


def saring_record_problem(rec: dict[str, Any]) -> str | None:
    """Why a record shaped like saring output (``edits``, ``annotations``, ``flags``) does not
    match saring's schema, or None when it does (so its history can be trusted and kept)."""
    for i, e in enumerate(rec["edits"]):
        why = _edit_problem(e)
        if why:
            return f"edits[{i}] {why}"
    ann = rec.get("annotations")
    if ann is not None:
        if not isinstance(ann, dict):
            return f"'annotations' is {type(ann).__name__}, expected an object"
        bad = next((k for k, v in ann.items() if not isinstance(v, dict)), None)
        if bad is not None:
            return f"annotations[{bad!r}] is not an object"
    flags = rec.get("flags")
    if flags is not None:
        if not isinstance(flags, list):
            return f"'flags' is {type(flags).__name__}, expected a list"
        for i, f in enumerate(flags):
            if not isinstance(f, dict) or not isinstance(f.get("kind"), str):
                return f"flags[{i}] is not an object with a string 'kind'"
    dec = rec.get("decision")
    if dec is not None and not isinstance(dec, dict):
        return f"'decision' is {type(dec).__name__}, expected an object"
    return None


def _unpack_dataset_record(rec: dict[str, Any]) -> dict[str, Any]:
    """A record of a published saring dataset (``kept/<lang>/part-*``: flat fields plus a
    ``provenance`` JSON string) -> the document shape, so a dataset read back keeps its history."""
    prov = rec.get("provenance")
    if not isinstance(prov, str) or set(rec) != _DATASET_KEYS:
        return rec
    try:
        data = orjson.loads(prov)
    except orjson.JSONDecodeError:
        return rec
    if not isinstance(data, dict) or not isinstance(data.get("metadata"), dict):
        return rec
    return {"id": rec["id"], "text": rec["text"], **{k: data[k] for k in data if k in _DOC_KEYS}}


def record_to_doc(
    rec: Any, src: Source, line: int, cfg: ReaderConfig
) -> Document | ReadError:
    """One parsed input record -> a document (or an error naming what is wrong).

    A record shaped like saring's own output (only saring's keys, ``metadata`` an object,
    ``edits`` a list) keeps its edit history only if it passes :func:`saring_record_problem`;
    otherwise its fields are plain metadata, and a ``read``/``not_saring_record`` flag says why.
    """
    if not isinstance(rec, dict):
        return ReadError(src.path, line, "not_object", f"expected a JSON object, got {type(rec).__name__}")
    text = rec.get(cfg.text_field)
    if text is None:
        what = "is null" if cfg.text_field in rec else "is missing"
        return ReadError(src.path, line, "missing_text", f"record has no {cfg.text_field!r} field ({what})")
    if not isinstance(text, str):
        return ReadError(
            src.path, line, "text_not_string",
            f"field {cfg.text_field!r} is {type(text).__name__}, expected a string",
        )
    rid = rec.get(cfg.id_field)
    doc_id = str(rid) if rid is not None and rid != "" else f"{src.name}:{line}"
    rec = _unpack_dataset_record(rec)
    shaped = (_DOC_KEYS.issuperset(rec) and isinstance(rec.get("metadata"), dict)
              and isinstance(rec.get("edits"), list))
    problem = saring_record_problem(rec) if shaped else None
    if shaped and problem is None:
        # a saring output record: keep its history, start a fresh decision
        meta = dict(rec["metadata"])
        doc = Document(
            doc_id, text, meta, [Edit.from_dict(e) for e in rec["edits"]],
            {k: dict(v) for k, v in (rec.get("annotations") or {}).items()},
            [dict(f) for f in rec.get("flags") or ()],
        )
        meta.setdefault("source_file", src.path)
        meta.setdefault("source_line", line)
    else:
        meta = {k: v for k, v in rec.items() if k != cfg.text_field and k != cfg.id_field}
        meta["source_file"] = src.path
        meta["source_line"] = line
        doc = Document(doc_id, text, meta)
        if problem is not None:
            doc.flag(READ_STEP, "not_saring_record", reason=problem[:200])
    if len(text) > cfg.max_doc_chars:
        return _too_long(doc, len(text), cfg.max_doc_chars)
    return doc


def _record_or_error(rec: Any, src: Source, line: int, cfg: ReaderConfig) -> Document | ReadError:
    """:func:`record_to_doc`, with any unexpected failure turned into an error for this record."""
    try:
        return record_to_doc(rec, src, line, cfg)
    except Exception as exc:  # noqa: BLE001 - one record may only fail itself
        return ReadError(src.path, line, "bad_record",
                         f"record could not be read: {type(exc).__name__}: {str(exc)[:200]}")


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
    out = _record_or_error(rec, src, line_no, cfg)
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
                try:
                    item = _parse_line(src, line_no, line, size, cfg)
                except Exception as exc:  # noqa: BLE001 - one line may only fail itself
                    item = ReadError(src.path, line_no, "bad_record",
                                     f"line could not be read: {type(exc).__name__}: {str(exc)[:200]}",
                                     line, size)
                yield item
        finally:
            stream.close()
    except _STREAM_ERRORS as exc:
        what = COMPRESSION_NAMES.get(src.compression or "", "file")
        yield ReadError(src.path, line_no + 1 if line_no else None, "truncated",
                        f"{what} stream is corrupt or truncated after line {line_no}: {exc}")


def _read_upto(stream: Any, limit: int) -> bytes:
    parts: list[bytes] = []
    n = 0
    while n < limit and (chunk := stream.read(min(CHUNK_BYTES, limit - n))):
        parts.append(chunk)
        n += len(chunk)
    return b"".join(parts)[:limit]


def _read_text_file(src: Source, path: str, line: int, cfg: ReaderConfig) -> Document | ReadError:
    rel = os.path.relpath(path, src.path) if src.kind == "textdir" else os.path.basename(path)
    comp = src.compression if src.kind == "text" else None
    try:
        if comp:  # a compressed .txt: read at most the limit of decompressed bytes
            stream = _open_stream(path, comp)
            try:
                data = _read_upto(stream, cfg.max_line_bytes + 1)
            finally:
                stream.close()
            size = len(data)
        else:
            size = os.path.getsize(path)
            with open(path, "rb") as f:
                data = f.read(min(size, cfg.max_line_bytes) + 1)
    except OSError as exc:
        return ReadError(path, None, "io", f"cannot read: {exc.strerror or exc}")
    except _STREAM_ERRORS as exc:
        return ReadError(path, None, "truncated",
                         f"{COMPRESSION_NAMES.get(comp or '', 'file')} stream is corrupt or truncated: {exc}")
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
                    try:
                        for k in ("metadata", "edits", "annotations", "flags"):
                            if isinstance(rec.get(k), str):
                                rec[k] = orjson.loads(rec[k])
                    except orjson.JSONDecodeError as exc:
                        yield ReadError(src.path, row, "bad_record", f"row field {k!r} is not JSON: {exc}")
                        continue
                    rec.pop("decision", None)
                yield _record_or_error(rec, src, row, cfg)
    except Exception as exc:  # noqa: BLE001 - corrupt data pages: report, keep what was read
        yield ReadError(src.path, row + 1, "bad_parquet", f"Parquet read failed after row {row}: {exc}")


def _read_text_source(src: Source, cfg: ReaderConfig) -> Iterator[Document | ReadError]:
    yield _read_text_file(src, src.path, 1, cfg)


def _read_textdir(src: Source, cfg: ReaderConfig) -> Iterator[Document | ReadError]:
    for i, p in enumerate(src.files, 1):
        yield _read_text_file(src, p, i, cfg)


def _read_error_source(src: Source, cfg: ReaderConfig) -> Iterator[Document | ReadError]:
    yield ReadError(src.path, None, "io", src.error or "file cannot be read")


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


WEB_KINDS = ("warc", "html", "htmldir")
Reader = Callable[[Source, ReaderConfig], Iterator["Document | ReadError"]]
# format name -> reader; a "module:function" string is imported on first use (optional formats)
READERS: dict[str, Reader | str] = {
    "jsonl": _read_jsonl,
    "parquet": _read_parquet,
    "text": _read_text_source,
    "textdir": _read_textdir,
    "error": _read_error_source,
    "warc": _read_web,
    "html": _read_web,
    "htmldir": _read_web,
}


def _reader_for(kind: str) -> Reader | None:
    fn = READERS.get(kind)
    if isinstance(fn, str):
        module, _, attr = fn.partition(":")
        fn = READERS[kind] = getattr(importlib.import_module(module), attr)
    return fn


def read_source(src: Source, cfg: ReaderConfig | None = None) -> Iterator[Document | ReadError]:
    """Stream the records of one input shard as documents or read errors."""
    cfg = cfg or ReaderConfig()
    try:
        fn = _reader_for(src.kind)
    except (ImportError, AttributeError) as exc:
        yield ReadError(src.path, None, "unknown_format", f"reader for {src.kind!r} unavailable: {exc}")
        return
    if fn is None:
        yield ReadError(src.path, None, "unknown_format", f"unsupported input format {src.kind!r}")
        return
    yield from fn(src, cfg)


def read_documents(path: str | Path, **config: Any) -> Iterator[Document]:
    """Convenience for Python use: the readable documents of a file (errors skipped)."""
    cfg = ReaderConfig(**config)
    for item in read_source(source_for_file(path), cfg):
        if isinstance(item, Document):
            yield item
