"""Serial executor: runs shard tasks one after another in this process (tests, debugging)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class SerialExecutor:
    """Same contract as every executor: ``map(fn, tasks)`` with retries, results in task order."""

    workers = 1

    def __init__(self, retries: int = 0) -> None:
        self.retries = retries

    def map(self, fn: Callable[[T], R], tasks: Sequence[T], *, desc: str = "") -> list[R]:
        out: list[R] = []
        for task in tasks:
            for attempt in range(self.retries + 1):
                try:
                    out.append(fn(task))
                    break
                except Exception:
                    if attempt == self.retries:
                        raise
        return out
