"""What the worker-scaling work leans on: the run's timeline (``SARING_TIMELINE``), workers
started while the driver hashes the inputs, and largest shard tasks first, none of which may
change a byte of output."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from conftest import output_files

from saring import FunctionStep, Pipeline
from saring.executors import local as local_mod
from saring.executors.local import LocalExecutor
from saring.executors.runner import run_pipeline

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"


def _pid(_: int) -> int:
    return os.getpid()


def _long(doc) -> bool:
    return len(doc.text) > 40


def test_started_pool_runs_the_map_on_the_workers_it_started() -> None:
    with LocalExecutor(2) as ex:
        ex.start()
        ex.start()  # a second call starts nothing more
        ex._started()
        pids = {w.proc.pid for w in ex._pool}
        assert len(pids) == 2
        assert set(ex.map(_pid, list(range(6)))) <= pids


def test_started_pool_closed_unused_leaves_no_process() -> None:
    ex = LocalExecutor(2)
    ex.start()
    ex.close()
    assert ex._pool == [] and ex._starting is None


def _inputs(folder: Path, sizes: list[int]) -> list[str]:
    lines = [x for x in SAMPLE.read_bytes().splitlines() if x.strip()]
    folder.mkdir()
    out = []
    for i, n in enumerate(sizes):
        p = folder / f"s{i}.jsonl"
        p.write_bytes(b"\n".join((lines * 20)[:n]) + b"\n")
        out.append(str(p))
    return out


def test_timeline_records_tasks_largest_first_and_phases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _inputs(tmp_path / "in", [3, 30, 10])
    tl = tmp_path / "timeline.jsonl"
    monkeypatch.setenv("SARING_TIMELINE", str(tl))
    pipe = Pipeline([FunctionStep(_long)], languages=["id"])
    a = run_pipeline(pipe, inputs, tmp_path / "a", workers=1, progress=False)
    spans = [orjson.loads(x) for x in tl.read_bytes().splitlines()]
    names = {s["name"] for s in spans if s["kind"] == "phase"}
    assert {"run", "driver: inputs", "driver: dataset", "unit: seg0"} <= names
    seg = [s for s in spans if s["kind"] == "task" and s["name"] == "segment 0"]
    assert len(seg) == 3 and all(s["t1"] >= s["t0"] for s in seg)
    # the final segment encodes its kept documents for the dataset: no separate encode map
    assert "dataset: encode" not in {s["name"] for s in spans if s["kind"] == "task"}
    # largest first: the serial executor ran the 30-line shard, then 10, then 3
    monkeypatch.delenv("SARING_TIMELINE")
    order: list[str] = []
    real = local_mod.LocalExecutor.map

    def spy(self, fn, tasks, *, desc=""):
        if desc == "segment 0":
            order.extend(t.shard for t in tasks)
        return real(self, fn, tasks, desc=desc)

    monkeypatch.setattr(local_mod.LocalExecutor, "map", spy)
    b = run_pipeline(pipe, inputs, tmp_path / "b", workers=2, progress=False)
    assert order == ["s1", "s2", "s0"]
    assert a.counts == b.counts
    assert output_files(tmp_path / "a") == output_files(tmp_path / "b")


def test_workers_start_early_for_new_work_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _inputs(tmp_path / "in", [5, 5])
    started: list[int] = []
    real = local_mod.LocalExecutor.start
    monkeypatch.setattr(local_mod.LocalExecutor, "start", lambda self: started.append(1) or real(self))
    pipe = Pipeline([FunctionStep(_long)], languages=["id"])
    run_pipeline(pipe, inputs, tmp_path / "o", workers=2, progress=False)
    assert started == [1]
    run_pipeline(pipe, inputs, tmp_path / "o", workers=2, progress=False)  # finished: nothing to do
    assert started == [1]


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _touch(pages: int) -> int:
    """Write one byte into each page of a fresh anonymous mapping: ``pages`` minor faults."""
    import mmap

    if pages == 0:
        return 0
    m = mmap.mmap(-1, pages * mmap.PAGESIZE)
    for off in range(0, pages * mmap.PAGESIZE, mmap.PAGESIZE):
        m[off] = 1
    m.close()
    return pages


POOL_TIMELINE = """
import sys
from saring.executors.local import LocalExecutor
from test_run_timeline import _spin, _touch
with LocalExecutor(2) as ex:
    ex.start()
    assert ex.map(_spin, [200_000] * 4, desc="spin") == [_spin(200_000)] * 4
    assert ex.map(_touch, [3000, 0], desc="touch") == [3000, 0]
"""


def test_pool_timeline_carries_cpu_seconds_and_the_start(tmp_path: Path) -> None:
    """A fresh process (its own fork server, started with ``SARING_TIMELINE`` set): the fork
    server's preload, each worker's start, the map and its tasks carry CPU seconds, and the
    driver's span up to its first map is there: what ``bench_workers.py``'s CPU model reads."""
    import subprocess
    import sys

    tl = tmp_path / "tl.jsonl"
    env = {**os.environ, "SARING_TIMELINE": str(tl), "PYTHONPATH": os.pathsep.join(
        [str(REPO / "tests"), str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", POOL_TIMELINE], env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    spans = [orjson.loads(x) for x in tl.read_bytes().splitlines()]
    kinds: dict[str, list[dict]] = {}
    for s in spans:
        kinds.setdefault(s["kind"], []).append(s)
    server, = kinds["server"]
    workers = kinds["worker"]
    assert len(workers) == 2 and len({w["slot"] for w in workers}) == 2  # slot: the worker's pid
    assert server["cpu"] > 0 and server["t0"] < server["t1"]
    assert all(w["t0"] >= server["t0"] - 0.02 and 0 <= w["cpu"] for w in workers)  # forked after
    tasks = [s for s in kinds["task"] if s["name"] == "spin"]
    assert len(tasks) == 4 and all(0 < t["cpu"] <= t["t1"] - t["t0"] + 0.02 for t in tasks)
    assert sorted(t["index"] for t in tasks) == [0, 1, 2, 3]  # the same task across runs
    touch = sorted((s for s in kinds["task"] if s["name"] == "touch"), key=lambda t: t["index"])
    assert touch[0]["faults"] >= 3000 > 1000 > touch[1]["faults"] >= 0  # the task's own page faults
    assert server["faults"] > 0 and all(w["faults"] >= 0 for w in workers)
    maps = [s for s in kinds["map"] if s["name"] == "spin"]
    assert len(maps) == 1 and maps[0]["cpu"] >= 0
    first, = [s for s in kinds["phase"] if s["name"] == "driver: start to first map"]
    assert first["t1"] <= min(t["t0"] for t in tasks) and first["cpu"] > 0


def test_serial_tasks_carry_their_thread_cpu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from saring.executors import timeline
    from saring.executors.serial import SerialExecutor

    tl = tmp_path / "tl.jsonl"
    monkeypatch.setenv("SARING_TIMELINE", str(tl))
    monkeypatch.setattr(timeline, "_first_map", False)
    assert SerialExecutor().map(_spin, [300_000, 10], desc="spin") == [_spin(300_000), _spin(10)]
    spans = [orjson.loads(x) for x in tl.read_bytes().splitlines()]
    tasks = [s for s in spans if s["kind"] == "task"]
    assert [t["cpu"] > 0 for t in tasks] == [True, True] and tasks[0]["cpu"] > tasks[1]["cpu"]
    assert [s["name"] for s in spans if s["kind"] == "phase"] == ["driver: start to first map"]
    assert SerialExecutor().map(_touch, [3000, 0], desc="touch") == [3000, 0]
    spans = [orjson.loads(x) for x in tl.read_bytes().splitlines()]
    touch = [s for s in spans if s["name"] == "touch"]
    assert [t["index"] for t in touch] == [0, 1]
    assert touch[0]["faults"] >= 3000 > 1000 > touch[1]["faults"] >= 0  # this thread's faults only
    SerialExecutor().map(_spin, [1], desc="again")  # once per process
    spans = [orjson.loads(x) for x in tl.read_bytes().splitlines()]
    assert [s["name"] for s in spans if s["kind"] == "phase"] == ["driver: start to first map"]
