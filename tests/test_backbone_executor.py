"""LocalExecutor: order, retries of exceptions and of workers killed for real, progress."""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from stepkit import always_fails, attempt, flaky

from saring.executors import progress
from saring.executors.local import LocalExecutor, TaskFailedError
from saring.executors.serial import SerialExecutor


def _square_slowly(x: int) -> int:
    time.sleep(0.002 * (x % 5))
    return x * x


def _kill_once(task: tuple[str, int]) -> int:
    d, x = task
    if x == 2 and attempt(d, "kill") == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return x + 100


def _kill_always(task: tuple[str, int]) -> int:
    attempt(task[0], "killall")
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def _reports(n: int) -> int:
    for _ in range(n):
        progress.report(10)
    return n


def test_results_in_task_order() -> None:
    with LocalExecutor(2) as ex:
        assert ex.map(_square_slowly, list(range(40))) == [x * x for x in range(40)]
        assert ex.map(_square_slowly, []) == []
        assert ex.map(_square_slowly, [7]) == [49]  # workers are reused across calls


def test_exception_is_retried(tmp_path) -> None:
    with LocalExecutor(2, retries=2) as ex:
        assert ex.map(flaky, [(str(tmp_path), i) for i in range(6)]) == list(range(6))
        assert len(ex.failures) == 1 and "transient failure" in ex.failures[0][1]
    assert (tmp_path / "flaky").read_text() == ".."


def test_permanent_failure_raises_after_last_retry(tmp_path) -> None:
    with LocalExecutor(2, retries=2) as ex, pytest.raises(TaskFailedError) as info:
        ex.map(always_fails, [(str(tmp_path), 0)], desc="shards")
    assert info.value.index == 0 and info.value.attempts == 3
    assert "ValueError: permanent" in str(info.value) and "(shards)" in str(info.value)
    assert (tmp_path / "fail").read_text() == "..."
    assert not [p for p in mp.active_children() if p.is_alive()]


def test_worker_killed_by_sigkill_is_detected_and_retried(tmp_path) -> None:
    with LocalExecutor(2, retries=1) as ex:
        assert ex.map(_kill_once, [(str(tmp_path), i) for i in range(5)]) == [100, 101, 102, 103, 104]
        ((index, message),) = ex.failures
        assert index == 2 and "SIGKILL" in message
        assert ex.map(_square_slowly, [3, 4]) == [9, 16]  # the pool was repaired


def test_worker_killed_every_time_fails_the_task(tmp_path) -> None:
    with LocalExecutor(1, retries=1) as ex, pytest.raises(TaskFailedError, match="SIGKILL"):
        ex.map(_kill_always, [(str(tmp_path), 0)])
    assert (tmp_path / "killall").read_text() == ".."


def test_progress_is_forwarded_from_workers() -> None:
    seen: list[int] = []
    prev = progress.set_sink(seen.append)
    try:
        with LocalExecutor(2) as ex:
            ex.map(_reports, [3, 4, 5])
    finally:
        progress.set_sink(prev)
    assert sum(seen) == 120


def test_serial_executor_has_the_same_contract(tmp_path) -> None:
    assert SerialExecutor(retries=1).map(flaky, [(str(tmp_path), i) for i in range(5)]) == list(range(5))
    with pytest.raises(TaskFailedError, match="ValueError") as info:
        SerialExecutor(retries=1).map(always_fails, [(str(tmp_path), 0)])
    assert info.value.index == 0 and info.value.attempts == 2


def test_executor_refuses_to_be_pickled() -> None:
    ex = LocalExecutor(1)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(ex)
    with pytest.raises(ValueError):
        LocalExecutor(0)


ORPHAN_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[2])
from saring.executors.local import LocalExecutor
import test_backbone_executor as t

if __name__ == "__main__":
    with LocalExecutor(2) as ex:
        ex.map(t._record_pid_and_sleep, [sys.argv[1]] * 2)
"""


def _record_pid_and_sleep(d: str) -> int:
    with open(Path(d) / f"{os.getpid()}.pid", "w") as f:
        f.write("x")
    time.sleep(60)
    return 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (dead, not yet reaped by its new parent) counts as gone
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_workers_die_when_the_parent_is_killed(tmp_path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, str(tmp_path),
                             str(Path(__file__).parent)])
    # The fork server's preload takes 35-40 s at load ~25; the wait only ends early on success.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(tmp_path.glob("*.pid"))) < 2:
        time.sleep(0.02)
    pids = [int(p.stem) for p in tmp_path.glob("*.pid")]
    assert len(pids) == 2
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)
