"""Progress with ETA: events from tasks, estimates from document totals or shard shares."""

from __future__ import annotations

import io

from saring.executors import progress
from saring.executors.progress import RunProgress, StageState, format_eta


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_eta_from_known_document_total() -> None:
    clock = Clock()
    st = StageState("s", 4, 1000, clock)
    st.docs = 250
    clock.t = 10.0
    assert st.rate() == 25.0 and st.eta() == 30.0


def test_eta_from_shards_when_the_total_is_unknown() -> None:
    clock = Clock()
    st = StageState("s", 4, None, clock)
    clock.t = 20.0
    assert st.eta() is None
    st.shards_done = 1
    assert st.eta() == 60.0
    assert format_eta(3725) == "1:02:05" and format_eta(None) == "?"


def test_line_mode_prints_quiet_lines_from_task_events() -> None:
    clock, buf = Clock(), io.StringIO()
    with RunProgress(True, tty=False, stream=buf, interval=5.0, clock=clock) as view:
        view.stage("segment 0", shards=2)
        for _ in range(10):
            clock.t += 1.0
            progress.report(100)  # what a task (or the executor forwarding it) does
        progress.shard_done()
        view.stage("segment 1", shards=2, docs_total=500)
    out = buf.getvalue().splitlines()
    assert 2 <= len(out) <= 5  # throttled: not one line per event
    assert any("segment 0, 1/2 shards, 1,000 docs" in line for line in out)
    assert out[-1].startswith("saring: segment 1, 0/2 shards, 0/500 docs")
    assert progress._sink is None  # restored


def test_disabled_progress_prints_nothing() -> None:
    buf = io.StringIO()
    with RunProgress(False, tty=False, stream=buf) as view:
        view.stage("x", shards=1)
        progress.report(5)
    assert buf.getvalue() == ""
