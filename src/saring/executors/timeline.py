"""A timeline of a run for finding idle cores: driver phases and every task's start and end.

Off unless ``SARING_TIMELINE=<file>`` is set; then the driver appends one JSON line per span
(``{"kind": "phase"|"task", "name", "t0", "t1", "slot"}``, wall-clock seconds) to the file.
Tasks are timed by the process that hands them out (the local pool: from the worker's
"started" message to its result; serial: around the call), so nothing changes inside tasks.
``bench/bench_workers.py --timeline`` reads it and says, per phase, how long cores sat idle.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import orjson

ENV = "SARING_TIMELINE"
_out: IO[bytes] | None = None
_path: str | None = None


def _sink() -> IO[bytes] | None:
    global _out, _path
    path = os.environ.get(ENV)
    if not path:
        return None
    if _out is None or _path != path:
        _out, _path = open(path, "ab"), path  # noqa: SIM115 - kept open for the process's life
    return _out


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def record(kind: str, name: str, t0: float, t1: float, slot: int = -1) -> None:
    """Append one span (no-op unless :data:`ENV` is set)."""
    out = _sink()
    if out is None:
        return
    out.write(orjson.dumps({"kind": kind, "name": name, "t0": t0, "t1": t1, "slot": slot}) + b"\n")
    out.flush()


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Time a driver phase (a span of the run's own process)."""
    if not enabled():
        yield
        return
    t0 = time.time()
    try:
        yield
    finally:
        record("phase", name, t0, time.time())
