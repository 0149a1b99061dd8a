"""The executor seam: how shard tasks run, and nothing else.

The runner and corpus stages only ever call ``executor.map(fn, tasks)`` with a picklable
top-level ``fn`` over small picklable tasks (paths and configs, never documents), and read
``executor.parallelism`` to size work (e.g. dedup partitions). Serial, local process pool and Ray
differ only inside their ``map``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
R = TypeVar("R")

EXECUTORS = ("serial", "local", "ray")
RAY_MISSING = "the Ray executor needs `pip install 'saring[ray]'`"


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
