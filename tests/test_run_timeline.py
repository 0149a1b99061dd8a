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
