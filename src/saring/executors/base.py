"""The executor seam: how shard tasks run, and nothing else.

The runner and corpus stages only ever call ``executor.map(fn, tasks)`` with a picklable
top-level ``fn`` over small picklable tasks (paths and configs, never documents), and read
``executor.parallelism`` to size work (e.g. dedup partitions). Serial, local process pool and Ray
differ only inside their ``map``.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
R = TypeVar("R")

EXECUTORS = ("serial", "local", "ray")
RAY_MISSING = "the Ray executor needs `pip install 'saring[ray]'`"


_WORKER = False  # set in processes that only run tasks (local pool workers, Ray workers)


def mark_worker_process() -> None:
    """Called by an executor in a process it runs tasks in (never in the driver, nor by the
    serial executor): such a process may freeze its set-up heap (see ``segment._steps_for``)."""
    global _WORKER
    _WORKER = True


def in_worker_process() -> bool:
    return _WORKER


_OWN_HEAP = False  # set by the CLI: the process ends with the run, nothing else lives in it


def claim_heap() -> None:
    """Called by ``saring run`` in its own process: like a worker, it may freeze its set-up
    heap when it runs tasks itself (serial / one worker), so full garbage collections stop
    walking the steps' lexicons and tables. A library caller's process keeps collecting
    everything (frozen objects are never scanned for cycles again)."""
    global _OWN_HEAP
    _OWN_HEAP = True


def may_freeze_heap() -> bool:
    """Whether this process may ``gc.freeze()`` what set-up loaded (see :func:`claim_heap`)."""
    return _WORKER or _OWN_HEAP


class TaskFailedError(RuntimeError):
    """A task failed on every attempt; carries the task index and the last failure."""

    def __init__(self, index: int, attempts: int, message: str, desc: str = "") -> None:
        where = f" ({desc})" if desc else ""
        super().__init__(f"task {index}{where} failed after {attempts} attempt(s): {message}")
        self.index = index
        self.attempts = attempts
        self.detail = message
        self.desc = desc

    def __reduce__(self) -> tuple[Any, ...]:  # survives pickling (Ray, process pools)
        return (type(self), (self.index, self.attempts, self.detail, self.desc))


class TaskTimeout(RuntimeError):  # noqa: N818 - reads as what happened: "task timeout"
    """A task ran past the executor's ``task_timeout``; it is retried like any failure."""


class _Alarm(BaseException):  # noqa: N818
    """Raised by SIGALRM inside the task: a BaseException, so that no per-document ``except
    Exception`` (a bad document must not stop the run) swallows it."""


def timeout_message(seconds: float) -> str:
    return f"task ran over its time limit of {seconds:g} s (task_timeout) and was stopped"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TaskTimeout` in this thread after ``seconds`` (SIGALRM; main thread only).

    For a task running in its own process (serial runs, Ray workers). A task stuck in C code
    that never returns to Python is not interrupted by the signal, so a watchdog thread ends
    the whole process ``grace`` seconds later; its executor then retries the task as a lost
    worker. The local pool does not need this: it kills the worker from the parent.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    done = threading.Event()

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise _Alarm

    def watchdog() -> None:
        if not done.wait(seconds + max(10.0, seconds)):
            os._exit(124)  # stuck where no signal reaches: let the executor retry elsewhere

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    threading.Thread(target=watchdog, daemon=True, name="saring-task-watchdog").start()
    try:
        yield
    except _Alarm:
        raise TaskTimeout(timeout_message(seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        done.set()


def check_timeout(value: Any) -> float | None:
    """``task_timeout`` as seconds (``None``: no limit); a ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"task_timeout must be a positive number of seconds, got {value!r}")
    return float(value)


@runtime_checkable
class Executor(Protocol):
    """How shard tasks run. Executors differ only here (serial, process pool, Ray)."""

    @property
    def parallelism(self) -> int:
        """How many tasks can run at once (sizes partitions; never changes outputs)."""
        ...

    def map(self, fn: Callable[[T], R], tasks: Sequence[T], *, desc: str = "") -> list[R]:
        """Run the picklable top-level ``fn`` on every task; results in task order.

        Failed tasks are retried; a task that keeps failing raises :class:`TaskFailedError`.
        Task functions are idempotent and write their outputs atomically.
        """
        ...

    def close(self) -> None:
        """Release workers; the executor may not be used afterwards."""
        ...


def parallelism_of(executor: Any) -> int:
    """``executor.parallelism``, tolerating older executors that only have ``workers``."""
    n = getattr(executor, "parallelism", None)
    if n is None:
        n = getattr(executor, "workers", 1)
    try:
        return max(1, int(n))
    except (TypeError, ValueError):
        return 1


def make_executor(name: str, *, workers: int = 1, ray_address: str | None = None,
                  **opts: Any) -> Executor:
    """Build an executor by name: ``serial`` | ``local`` | ``ray``.

    ``local`` with one worker still uses a worker process (isolation, retries of killed
    workers); ``serial`` runs in this process. ``ray`` joins ``ray_address`` or starts a local
    Ray; it is imported only when asked for.
    """
    if opts.get("task_timeout") is None:
        opts.pop("task_timeout", None)
    else:
        opts["task_timeout"] = check_timeout(opts["task_timeout"])
    if name == "serial":
        from saring.executors.serial import SerialExecutor

        return SerialExecutor(**opts)
    if name == "local":
        from saring.executors.local import LocalExecutor

        return LocalExecutor(workers, **opts)
    if name == "ray":
        try:
            from saring.executors.ray import RayExecutor
        except ImportError as exc:
            raise ExecutorUnavailable(RAY_MISSING) from exc
        return RayExecutor(workers=workers, address=ray_address, **opts)
    raise ValueError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")


class ExecutorUnavailable(RuntimeError):
    """The executor asked for cannot be used here (e.g. Ray is not installed)."""
