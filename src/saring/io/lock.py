"""One run per output folder: an exclusive ``flock`` on ``OUT/.saring.lock``, and a manifest
that says ``interrupted`` when the user pressed Ctrl-C.

Why a kernel lock and not a pid file: the lock is released by the kernel when the process dies
(even on ``kill -9``), so a stale lock can never block the next run, and two runs started at the
same moment cannot both win. The lock file itself is left in place (deleting it would let a
third run lock a different inode while the second still holds the old one).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import orjson

LOCK_NAME = ".saring.lock"


class OutputLocked(RuntimeError):
    """Another process holds the output folder."""


@contextmanager
def output_lock(out: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on the output folder for the duration of the block.

    Raises :class:`OutputLocked` at once (never waits) when another run holds it. The folder
    is created if missing; if it cannot be created the caller's own checks report why.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield out  # not a usable folder: let the runner's output checks give the message
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise OutputLocked(
                f"output folder {out} is in use by another saring run (pid {holder}); "
                "wait for it to finish or use another folder"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield out
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def mark_manifest(manifest: str | Path, status: str, **extra: object) -> bool:
    """Set ``status`` (e.g. ``interrupted``) in a manifest still saying ``running``; atomic.

    Returns whether the manifest was changed. Never raises: it runs while a run is unwinding.
    """
    path = Path(manifest)
    try:
        data = orjson.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("status") != "running":
            return False
        data.update(status=status, ended=datetime.now(UTC).isoformat(timespec="seconds"), **extra)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS,
                                     default=str))
        os.replace(tmp, path)
        return True
    except (OSError, orjson.JSONDecodeError, TypeError, ValueError):
        return False
