"""Large input files become several shards, so ``--workers`` and a cluster are used whatever
the file layout (one 200 MB file is not one task on one core).

Parts depend only on the file's content and ``limits.shard_bytes`` (never on the worker count),
so outputs and resume stay deterministic; a part's records keep the file's own line numbers,
ids and ``source_file``, exactly as when the file is read whole.

- Uncompressed JSONL: line-aligned byte ranges, found during the content-hash pass (no extra
  read); a part task seeks to its range.
- gzip / zstd JSONL: the planner decompresses once to count lines and cuts at line numbers; a
  part task decompresses from the start and skips earlier lines without parsing them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, Any

import orjson
import xxhash

from saring.document import Document
from saring.io import atomic, readers
from saring.io.readers import ReaderConfig, ReadError, Source

CHUNK = 1 << 22
MAX_RATIO = 10  # compressed files under shard_bytes / MAX_RATIO are never split (not even counted)


@dataclass(frozen=True)
class Part:
    """Lines ``[first_line, end_line)`` of a file (1-based; ``end_line`` None = to the end);
    for uncompressed files also their byte range ``[start, end)``; a compressed file's tail
    part (:func:`cut_in`): ``start`` alone, its first line's offset in the decompressed data."""

    index: int
    first_line: int
    end_line: int | None
    start: int | None = None
    end: int | None = None


def _cut_points(chunks: Iterator[bytes], shard_bytes: int) -> list[tuple[int, int]]:
    """(byte offset, lines before it) of the first line start at or after every multiple of
    ``shard_bytes``; offsets are of the (decompressed) stream."""
    cuts: list[tuple[int, int]] = []
    pos = lines = 0
    target = shard_bytes
    for chunk in chunks:
        n = len(chunk)
        at, upto = 0, lines  # newlines of chunk[:at] counted in upto (many cuts per chunk: linear)
        while target < pos + n + 1:
            i = chunk.find(b"\n", max(0, target - 1 - pos))
            if i < 0:
                break
            cut = pos + i + 1
            upto += chunk.count(b"\n", at, i + 1)
            at = i + 1
            cuts.append((cut, upto))
            target = (cut // shard_bytes + 1) * shard_bytes
        lines += chunk.count(b"\n")
        pos += n
    return [(c, ln) for c, ln in cuts if c < pos]  # a cut at the very end makes no part


def _parts(cuts: list[tuple[int, int]], with_bytes: bool) -> list[Part]:
    if not cuts:
        return []
    bounds = [(0, 0), *cuts]
    out = []
    for k, (b, ln) in enumerate(bounds):
        nxt = bounds[k + 1] if k + 1 < len(bounds) else (None, None)
        out.append(Part(k, ln + 1, None if nxt[1] is None else nxt[1] + 1,
                        b if with_bytes else None, nxt[0] if with_bytes else None))
    return out


def _hash_chunks(f: IO[bytes], h: Any) -> Iterator[bytes]:
    while chunk := f.read(CHUNK):
        h.update(chunk)
        yield chunk


def scan(src: Source, shard_bytes: int, cache: Path | None = None) -> tuple[str, list[Part]]:
    """The content hash of a plain file source and, when it is JSONL larger than
    ``shard_bytes``, its parts (else ``[]``: read whole).

    Compressed files are decompressed once to count lines; ``cache`` (a folder) keeps the parts
    by content hash so a rerun does not decompress again."""
    h = xxhash.xxh3_128()
    splittable = src.kind == "jsonl" and not _binary(src)
    with open(src.path, "rb") as f:
        if splittable and src.compression is None and src.size() > shard_bytes:
            parts = _parts(_cut_points(_hash_chunks(f, h), shard_bytes), with_bytes=True)
            return h.hexdigest(), parts
        for _ in _hash_chunks(f, h):
            pass
    key = h.hexdigest()
    if not splittable or src.compression is None or src.size() * MAX_RATIO < shard_bytes:
        return key, []
    memo = cache / f"{key}-{shard_bytes}.json" if cache is not None else None
    if memo is not None and memo.exists():
        return key, [Part(**p) for p in orjson.loads(memo.read_bytes())]
    try:  # compressed: count lines once; a corrupt stream is not split (the reader reports it)
        stream = readers._open_stream(src.path, src.compression)
        try:
            cuts = _cut_points(iter(lambda: stream.read(CHUNK), b""), shard_bytes)
        finally:
            stream.close()
    except readers._STREAM_ERRORS:
        return key, []
    parts = _parts(cuts, with_bytes=False)
    if memo is not None:
        atomic.write_bytes(memo, orjson.dumps([asdict(p) for p in parts]))
    return key, parts


def _binary(src: Source) -> bool:
    try:
        with open(src.path, "rb") as f:
            head = f.read(readers.SNIFF_BYTES)
    except OSError:
        return True
    if src.compression is not None:
        return False
    return readers._looks_binary(head)


class _Range:
    """Bytes ``[start, end)`` of a file as a stream."""

    def __init__(self, f: IO[bytes], start: int, end: int) -> None:
        f.seek(start)
        self.f, self.left = f, end - start

    def read(self, n: int = CHUNK) -> bytes:
        if self.left <= 0:
            return b""
        data = self.f.read(min(n, self.left))
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.f.close()


class _Skipped:
    """A (decompressed) stream after its first ``n`` bytes, discarded unread by the line
    reader: a tail part's earlier lines cost their decompression only. A read may return more
    than asked (zstd): the overshoot is handed out first."""

    def __init__(self, stream: Any, n: int) -> None:
        self.stream, self.head = stream, b""
        while n > 0:
            data = stream.read(min(CHUNK, n))
            if not data:
                break
            if len(data) > n:
                self.head = data[n:]
                break
            n -= len(data)

    def read(self, n: int = CHUNK) -> bytes:
        if self.head:
            out, self.head = self.head[:n], self.head[n:]
            return out
        return self.stream.read(n)

    def close(self) -> None:
        self.stream.close()


def read_part(src: Source, cfg: ReaderConfig, part: Part) -> Iterator[Document | ReadError]:
    """The records of one part, numbered and identified as in a whole-file read."""
    try:
        if part.start is not None and part.end is not None:
            stream: Any = _Range(open(src.path, "rb"), part.start, part.end)  # noqa: SIM115
            offset = part.first_line - 1
        elif part.start is not None and src.compression is not None:  # a tail part: skip bytes, not lines
            stream = _Skipped(readers._open_stream(src.path, src.compression), part.start)
            offset = part.first_line - 1
        else:
            stream = readers._open_stream(src.path, src.compression)
            offset = 0
    except OSError as exc:
        yield ReadError(src.path, None, "io", f"cannot open: {exc.strerror or exc}")
        return
    line_no = part.first_line - 1
    try:
        try:
            for rel, line, size in readers.iter_lines(stream, cfg.max_line_bytes):
                line_no = rel + offset
                if line_no < part.first_line:
                    continue
                if part.end_line is not None and line_no >= part.end_line:
                    break
                if size == 0 or (size <= cfg.max_line_bytes and not line.strip()):
                    continue
                yield readers._parse_line(src, line_no, line, size, cfg)
        finally:
            stream.close()
    except readers._STREAM_ERRORS as exc:
        what = {"gz": "gzip", "zst": "zstd"}.get(src.compression or "", "file")
        yield ReadError(src.path, line_no + 1, "truncated",
                        f"{what} stream is corrupt or truncated after line {line_no}: {exc}")


# The tail of a run's first segment (issue 15): tasks go out largest first, and the last ones
# decide how long the other workers wait at the segment's end (up to one whole task each).
# The smallest whole JSONL files, holding up to 1/TAIL_SHARE of the input bytes, are read as
# TAIL_PARTS parts each, so the last tasks are a quarter as long. Chosen by file sizes and
# content only (never by the worker count): outputs stay byte-identical across worker counts.
TAIL_MIN_SHARDS = 8  # fewer shards: no cut (a small run keeps one task per file)
TAIL_SHARE = 8
TAIL_PARTS = 4
TAIL_MIN_BYTES = 256 * 1024  # smaller files are never cut: their tasks are short already
TAIL_GRAIN = 1 << 16  # cuts are placed to within this many bytes


def tail(sizes: list[tuple[int, int]], shards: int) -> list[int]:
    """Which of the candidate whole files (``(index, size)``) to cut, out of a run of ``shards``
    shards: the smallest, in (size, index) order, while their sum stays within 1/TAIL_SHARE
    of all candidates' bytes."""
    if shards < TAIL_MIN_SHARDS:
        return []
    budget = sum(size for _, size in sizes) / TAIL_SHARE
    chosen: list[int] = []
    for i, size in sorted(sizes, key=lambda x: (x[1], x[0])):
        if size < TAIL_MIN_BYTES:
            continue
        if size > budget:
            break
        budget -= size
        chosen.append(i)
    return sorted(chosen)


def cut_in(src: Source, key: str, n: int, cache: Path | None = None) -> list[Part]:
    """``src`` (a JSONL file, content hash ``key``) as ``n`` parts of about equal
    (decompressed) bytes, cut at the first line start after every ``k/n`` of its bytes (to
    within :data:`TAIL_GRAIN`); ``[]`` when it cannot be cut (binary, corrupt, too few lines).
    One read; a compressed file's parts are kept in ``cache`` by content hash, as :func:`scan`
    does."""
    if src.kind != "jsonl" or _binary(src):
        return []
    memo = cache / f"{key}-tail{n}.json" if cache is not None and src.compression else None
    if memo is not None and memo.exists():
        return [Part(**p) for p in orjson.loads(memo.read_bytes())]
    seen = [0]
    try:
        fine = _cut_points(_counted(_chunks(src), seen), TAIL_GRAIN)
    except readers._STREAM_ERRORS:
        return []
    cuts: list[tuple[int, int]] = []
    for k in range(1, n):
        cut = next((c for c in fine if c[0] >= seen[0] * k / n), None)
        if cut is not None and cut not in cuts:
            cuts.append(cut)
    parts = _tail_parts(cuts, seen[0] if src.compression is None else None)
    if memo is not None:
        atomic.write_bytes(memo, orjson.dumps([asdict(p) for p in parts]))
    return parts


def _tail_parts(cuts: list[tuple[int, int]], size: int | None) -> list[Part]:
    """Parts between the cuts. A plain file's (``size`` its bytes) are byte ranges, the last
    one too; a compressed file's know their decompressed start (the first: none), so their
    reader skips bytes instead of splitting earlier lines (:func:`read_part`)."""
    parts = _parts(cuts, with_bytes=True)
    if size is not None:
        return [*parts[:-1], replace(parts[-1], end=size)] if parts else []
    return [replace(p, start=p.start or None, end=None) for p in parts]


def _counted(chunks: Iterator[bytes], seen: list[int]) -> Iterator[bytes]:
    for chunk in chunks:
        seen[0] += len(chunk)
        yield chunk


def _chunks(src: Source) -> Iterator[bytes]:
    stream = readers._open_stream(src.path, src.compression)
    try:
        yield from iter(lambda: stream.read(CHUNK), b"")
    finally:
        stream.close()
