"""Per-task time limit (``--task-timeout``, ``executor: {task_timeout: ...}``).

A task over time is stopped, retried up to the retry limit, then reported as failed with a
message naming the shard; a task that stalls once and then goes through gives the same output
as a run that never stalled. (Ray: ``tests/test_executor_ray.py``.)
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from conftest import output_files
from stepkit import Stall, cli_run, make_shards, step_env

from saring import Pipeline
from saring.executors.base import TaskFailedError, make_executor
from saring.executors.local import LocalExecutor
from saring.executors.manifest import RunError
from saring.executors.runner import run_pipeline
from saring.executors.serial import SerialExecutor
from saring.registry import ConfigError


def test_local_task_over_time_is_killed_retried_then_fails_naming_the_shard(tmp_path: Path) -> None:
    inputs = make_shards(tmp_path / "in", 3, 6)
    pipe = Pipeline([Stall(doc_id="s1-d2", seconds=60)])
    t0 = time.monotonic()
    with LocalExecutor(2, retries=1, task_timeout=1.0) as ex, pytest.raises(RunError) as info:
        run_pipeline(pipe, inputs, tmp_path / "out", executor=ex, progress=False)
    assert time.monotonic() - t0 < 20  # two attempts of ~1 s, not 60 s
    msg = str(info.value)
    assert "shard bagian1" in msg and "time limit of 1 s" in msg, msg
    assert [i for i, _ in ex.failures] == [1, 1]  # the stalled shard, both attempts
    assert all("killed" in m for _, m in ex.failures)


def test_a_task_that_stalls_once_is_retried_and_output_is_unchanged(tmp_path: Path) -> None:
    inputs = make_shards(tmp_path / "in", 3, 6)
    ref = run_pipeline(Pipeline([Stall(doc_id="none")]), inputs, tmp_path / "ref", progress=False)
    pipe = Pipeline([Stall(doc_id="s2-d1", seconds=60, once=str(tmp_path / "stalled"))])
    with LocalExecutor(2, retries=1, task_timeout=1.5) as ex:
        res = run_pipeline(pipe, inputs, tmp_path / "out", executor=ex, progress=False)
    assert (tmp_path / "stalled").exists() and [i for i, _ in ex.failures] == [2]
    assert res.ok and res.counts == ref.counts
    assert output_files(tmp_path / "out") == output_files(tmp_path / "ref")


def test_serial_time_limit_stops_the_task_in_process(tmp_path: Path) -> None:
    ex = SerialExecutor(retries=1, task_timeout=0.3)
    t0 = time.monotonic()
    with pytest.raises(TaskFailedError, match="time limit of 0.3 s"):
        ex.map(time.sleep, [0.01, 30])
    assert time.monotonic() - t0 < 5
    assert ex.map(time.sleep, [0.01]) == [None]  # the alarm is disarmed afterwards
    time.sleep(0.4)  # no stray alarm fires later


def test_timeout_settings_are_checked() -> None:
    with pytest.raises(ConfigError, match="task_timeout"):
        Pipeline.from_config({"steps": ["normalize"], "executor": {"name": "local", "task_timeout": -1}})
    with pytest.raises(ValueError, match="task_timeout"):
        make_executor("local", workers=1, task_timeout="soon")
    assert make_executor("local", workers=1, task_timeout=5).task_timeout == 5.0


def test_cli_task_timeout_fails_in_one_line_naming_the_shard(tmp_path: Path) -> None:
    inputs = make_shards(tmp_path / "in", 2, 4)
    cfg = tmp_path / "p.yaml"
    cfg.write_text('steps:\n  - "stepkit:Stall": {doc_id: s0-d1, seconds: 60}\n'
                   "executor: {name: local, task_timeout: 30}\n")  # the flag below wins
    r = subprocess.run(cli_run(*inputs, "-o", str(tmp_path / "out"), "--config", str(cfg),
                               "--workers", "1", "--no-progress", "--task-timeout", "1"),
                       env=step_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert "shard bagian0" in r.stderr and "time limit of 1 s" in r.stderr, r.stderr
