"""Serial executor: runs shard tasks one after another in this process (tests, debugging)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from saring.executors import timeline
from saring.executors.base import TaskFailedError, time_limit

T = TypeVar("T")
R = TypeVar("R")


class SerialExecutor:
    """Same contract as every executor: ``map(fn, tasks)`` with retries, results in task order."""

    workers = 1
    parallelism = 1

    def __init__(self, retries: int = 0, *, task_timeout: float | None = None) -> None:
        self.retries = retries
        self.task_timeout = task_timeout  # via SIGALRM: only when run in the main thread

    def close(self) -> None:
        """Nothing to release."""

    def map(self, fn: Callable[[T], R], tasks: Sequence[T], *, desc: str = "") -> list[R]:
        out: list[R] = []
        timeline.before_first_map()
        for i, task in enumerate(tasks):
            for attempt in range(self.retries + 1):
                try:
                    t0, c0, f0 = time.time(), time.thread_time(), timeline.faults(thread=True)
                    with time_limit(self.task_timeout):
                        result = fn(task)
                    timeline.record("task", desc, t0, time.time(), 0, cpu=time.thread_time() - c0,
                                    faults=timeline.faults(thread=True) - f0, index=i)
                    out.append(result)
                    break
                except Exception as exc:
                    if attempt == self.retries:
                        raise TaskFailedError(i, attempt + 1, f"{type(exc).__name__}: {exc}", desc) from exc
        return out
