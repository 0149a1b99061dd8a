"""Work of the driver (deleting consumed scratch, counting duplicate ids) in threads beside the next
tasks.

Removing a few hundred scratch files took 0.4-1.9 s on a loaded disk, time in which the driver
held every worker idle between two maps. The files' consumers are all marked done before they are
handed here; :meth:`Background.wait` (end of the stage or run) makes sure nothing is left.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["Background"]


class Background:
    """Threads started by :meth:`later`, joined by :meth:`wait`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._threads: list[threading.Thread] = []

    def later(self, fn: Callable[..., Any], *args: Any) -> None:
        t = threading.Thread(target=fn, args=args, daemon=True, name=self.name)
        t.start()
        self._threads.append(t)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Like :meth:`later`, for work whose result (or exception) the caller takes later."""
        fut: Future[T] = Future()

        def body() -> None:
            try:
                fut.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for the result
                fut.set_exception(exc)

        self.later(body)
        return fut

    def wait(self) -> None:
        for t in self._threads:
            t.join()
        self._threads.clear()
