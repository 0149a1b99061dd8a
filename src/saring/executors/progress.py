"""Progress reporting from inside shard tasks, wherever they run, and its display with an ETA.

A task calls :func:`report` with the number of documents it just finished and :func:`shard_done`
when it has finished a shard. In the process that shows progress a sink is installed
(:func:`set_sink`); inside a pool worker the executor installs a sink that forwards each event to
the parent, which passes it to :func:`report` again (events are plain picklable values: an ``int``
for documents, ``("shard", n)`` for finished shards). Tasks thus stay plain functions, and
executors that cannot forward progress simply drop it.

:class:`RunProgress` shows the events per stage: documents and shards done, docs/s and an ETA,
as a live rich line on a terminal, or as a quiet line every ``interval`` seconds (and at the end of
each stage) when stderr is not a terminal (logs, CI).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any

Event = int | tuple[str, int]
_sink: Callable[[Any], None] | None = None


def set_sink(sink: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    """Install ``sink`` for this process; return the previous one (to restore it)."""
    global _sink
    prev, _sink = _sink, sink
    return prev


def report(n: Event) -> None:
    """Tell whoever is watching that ``n`` more documents were processed (or pass on an event)."""
    if _sink is not None and n:
        _sink(n)


def shard_done(n: int = 1) -> None:
    """Tell whoever is watching that ``n`` shard tasks finished."""
    report(("shard", n))


def format_eta(seconds: float | None) -> str:
    if seconds is None or seconds != seconds or seconds < 0:
        return "?"
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class StageState:
    """Counters of the current stage and the derived rate and ETA."""

    def __init__(self, name: str, shards: int | None, docs_total: int | None,
                 clock: Callable[[], float]) -> None:
        self.name, self.shards, self.docs_total = name, shards, docs_total
        self.clock = clock
        self.start = clock()
        self.docs = 0
        self.shards_done = 0

    def rate(self) -> float:
        dt = self.clock() - self.start
        return self.docs / dt if dt > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left: from the known document total, else from the share of shards done."""
        elapsed = self.clock() - self.start
        if self.docs_total:
            rate = self.rate()
            return (self.docs_total - self.docs) / rate if rate > 0 else None
        if self.shards and self.shards_done:
            return elapsed * (self.shards - self.shards_done) / self.shards_done
        return None

    def line(self) -> str:
        parts = [self.name]
        if self.shards:
            parts.append(f"{self.shards_done}/{self.shards} shards")
        total = f"/{self.docs_total:,}" if self.docs_total else ""
        parts.append(f"{self.docs:,}{total} docs")
        parts.append(f"{self.rate():,.0f} docs/s")
        if self.shards or self.docs_total:
            parts.append(f"ETA {format_eta(self.eta())}")
        return ", ".join(parts)


class RunProgress:
    """Context manager showing run progress on stderr; ``enabled=False`` shows nothing."""

    def __init__(self, enabled: bool = True, *, tty: bool | None = None, stream: IO[str] | None = None,
                 interval: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval
        self.clock = clock
        self.state: StageState | None = None
        self._prev: Callable[[Any], None] | None = None
        self._live: Any = None
        self._task: Any = None
        self._last_line = 0.0
        self.lines: list[str] = []  # what the line mode printed (for tests and logs)

    def __enter__(self) -> RunProgress:
        self._prev = set_sink(self.event)
        if self.enabled and self.tty:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._live = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                  TimeElapsedColumn(), console=Console(file=self.stream),
                                  transient=True)
            self._live.start()
            self._task = self._live.add_task("starting", total=None)
        return self

    def stage(self, name: str, shards: int | None = None, docs_total: int | None = None) -> None:
        """Start a new stage (ends the previous one with a final line in line mode)."""
        self._end_stage()
        self.state = StageState(name, shards, docs_total, self.clock)
        self._last_line = self.clock()
        self._show(force=False)

    def event(self, ev: Any) -> None:
        st = self.state
        if st is None:
            self.state = st = StageState("run", None, None, self.clock)
        if isinstance(ev, tuple):
            if ev and ev[0] == "shard":
                st.shards_done += int(ev[1])
        else:
            st.docs += int(ev)
        self._show(force=False)

    def _show(self, force: bool) -> None:
        if not self.enabled or self.state is None:
            return
        text = self.state.line()
        if self._live is not None:
            self._live.update(self._task, description=text)
        elif force or self.clock() - self._last_line >= self.interval:
            self._last_line = self.clock()
            self.lines.append(text)
            print(f"saring: {text}", file=self.stream, flush=True)

    def _end_stage(self) -> None:
        if self.state is not None and self._live is None:
            self._show(force=True)

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self._end_stage()
        set_sink(self._prev)
        if self._live is not None:
            self._live.stop()
