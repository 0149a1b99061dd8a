"""Progress reporting from inside shard tasks, wherever they run.

A task calls :func:`report` with the number of documents it just finished. In the process that
runs the progress bar a sink is installed (:func:`set_sink`); inside a pool worker the executor
installs a sink that forwards counts to the parent, which reports them to its own sink. Tasks
thus stay plain functions, and executors that cannot forward progress simply drop it.
"""

from __future__ import annotations

from collections.abc import Callable

_sink: Callable[[int], None] | None = None


def set_sink(sink: Callable[[int], None] | None) -> Callable[[int], None] | None:
    """Install ``sink`` for this process; return the previous one (to restore it)."""
    global _sink
    prev, _sink = _sink, sink
    return prev


def report(n: int) -> None:
    """Tell whoever is watching that ``n`` more documents were processed."""
    if _sink is not None and n:
        _sink(n)
