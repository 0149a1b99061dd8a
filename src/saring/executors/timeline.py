"""A timeline of a run for finding idle cores: driver phases and every task's start and end.

Off unless ``SARING_TIMELINE=<file>`` is set; then the driver appends one JSON line per span
(``{"kind": "phase"|"task", "name", "t0", "t1", "slot"}``, wall-clock seconds) to the file.
Tasks are timed by the process that hands them out (the local pool: from the worker's
"started" message to its result; serial: around the call), so nothing changes inside tasks.
Spans may also carry ``"cpu"``: CPU seconds spent in them (a phase: the driver process, all its
threads; a task: the process or thread that ran it), which unlike wall time hardly depends on
what else the machine runs, and ``"faults"``: minor page faults in them (:func:`faults`).
The local pool's fork server and workers append their own spans (``"server"``: the
preload; ``"worker"``: fork to ready) to the same file (``O_APPEND``, one
short line per write). ``bench/bench_workers.py --timeline`` reads it and says, per phase, how
long cores sat idle.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import orjson

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

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


def record(kind: str, name: str, t0: float, t1: float, slot: int = -1, cpu: float | None = None,
           faults: int | None = None, index: int | None = None) -> None:
    """Append one span (no-op unless :data:`ENV` is set)."""
    out = _sink()
    if out is None:
        return
    span: dict[str, object] = {"kind": kind, "name": name, "t0": t0, "t1": t1, "slot": slot}
    if cpu is not None:
        span["cpu"] = round(cpu, 6)
    if faults is not None:
        span["faults"] = faults
    if index is not None:  # a task's index in its map: the same task across runs
        span["index"] = index
    out.write(orjson.dumps(span) + b"\n")
    out.flush()


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Time a driver phase (a span of the run's own process), wall and CPU."""
    if not enabled():
        yield
        return
    t0, c0 = time.time(), time.process_time()
    try:
        yield
    finally:
        record("phase", name, t0, time.time(), cpu=time.process_time() - c0)


_first_map = False


def before_first_map() -> None:
    """Once per process, at an executor's first map: the span from this process's start (its
    interpreter, imports, pipeline, input scan) to now, with the process's CPU so far."""
    global _first_map
    if _first_map or not enabled():
        return
    _first_map = True
    record("phase", "driver: start to first map", process_start(), time.time(), cpu=time.process_time())


def faults(thread: bool = False) -> int:
    """Minor page faults so far of this process (or, ``thread``, of the calling thread): a
    task's difference counts the pages it first touched or copied (copy-on-write), which pool
    workers pay and a one-worker run does not (~4.5 us of kernel time each on this VM)."""
    try:
        return resource.getrusage(resource.RUSAGE_THREAD if thread else resource.RUSAGE_SELF).ru_minflt
    except (AttributeError, OSError, ValueError):  # no RUSAGE_THREAD (macOS), no resource
        return 0


def process_start() -> float:
    """Wall-clock time this process started (Linux: ``/proc/self/stat``, 10 ms steps; else
    now): a fork server's or worker's span then includes the interpreter's own start."""
    try:
        with open("/proc/self/stat", "rb") as f:
            ticks = int(f.read().rsplit(b")", 1)[1].split()[19])  # clock ticks after boot
        since = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
        return time.time() - since
    except (OSError, ValueError, IndexError, AttributeError):
        return time.time()
