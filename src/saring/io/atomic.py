"""One way to write a file atomically: temp file beside the target, fsync, rename, fsync the folder.

Every file the run produces (outputs, document files, dedup arrays, markers, manifest, stats) is
written through here, so a reader never sees a half file and a file that exists after a crash
(even ``kill -9`` or a power loss) is complete. Temp names start with ``.`` and contain
``.tmp-`` so a later run can remove leftovers (:func:`remove_temp_files`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

TEMP_GLOB = ".*.tmp-*"


def temp_path(path: str | Path) -> Path:
    """The hidden temp name used while ``path`` is being written (unique per process)."""
    path = Path(path)
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def fsync_dir(folder: str | Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_durable(paths: Iterable[str | Path]) -> None:
    """fsync files renamed into place without it (``durable=False``), then their folders once
    each: one batch of syncs at the end of a task instead of two per file as it goes (each sync
    waits for the disk; two tasks syncing at once wait for each other)."""
    folders: dict[Path, None] = {}
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        folders[Path(p).parent] = None
    for folder in folders:
        fsync_dir(folder)


class AtomicFile:
    """A temp file that becomes ``path`` on :meth:`commit` and disappears on :meth:`abort`.

    ``durable=False`` skips the fsyncs: the file is whole for every reader and after a killed
    process, but after a power loss only once :func:`make_durable` has run on it (the caller
    does that before anything vouches for the file, e.g. a task's marker)."""

    def __init__(self, path: str | Path, durable: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = temp_path(self.path)
        self.durable = durable
        self.raw: IO[bytes] = open(self.tmp, "wb")  # noqa: SIM115 - closed in commit/abort

    def commit(self) -> None:
        self.raw.flush()
        if self.durable:
            os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.tmp, self.path)
        if self.durable:
            fsync_dir(self.path.parent)

    def abort(self) -> None:
        self.raw.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


@contextlib.contextmanager
def atomic_open(path: str | Path, durable: bool = True) -> Iterator[IO[bytes]]:
    """``with atomic_open(p) as f: f.write(...)``: ``p`` appears complete or not at all."""
    af = AtomicFile(path, durable)
    try:
        yield af.raw
    except BaseException:
        af.abort()
        raise
    af.commit()


def write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_open(path) as f:
        f.write(data)


def write_json(path: str | Path, obj: Any, *, pretty: bool = True) -> None:
    """JSON (sorted keys, indented unless ``pretty`` is False) written atomically."""
    opt = orjson.OPT_SORT_KEYS | (orjson.OPT_INDENT_2 if pretty else 0)
    write_bytes(path, orjson.dumps(obj, option=opt, default=str))


def remove_temp_files(folder: str | Path) -> int:
    """Delete temp files a killed run left under ``folder``; return how many."""
    n = 0
    folder = Path(folder)
    if folder.is_dir():
        for p in folder.rglob(TEMP_GLOB):
            p.unlink(missing_ok=True)
            n += 1
    return n
