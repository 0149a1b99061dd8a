"""A local pool starts no resource tracker, yet nothing a task or the caller creates can leak.

Each case runs in a fresh interpreter: a tracker another test started would hide the difference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from multiprocessing import shared_memory
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

SCRIPT = """
import json, sys, time
sys.path.insert(0, sys.argv[3])
import psutil
from multiprocessing import resource_tracker
from saring.executors.local import LocalExecutor, prestart
import test_worker_tracker as t

def trackers():
    return [p.pid for p in psutil.Process().children(recursive=True)
            if "resource_tracker" in " ".join(p.cmdline())]

def settled(pid):
    # vfork returns once the child execs, before the kernel sets its new argv: /proc/PID/cmdline
    # reads empty for a moment, so wait for it before matching on it
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not psutil.Process(pid).cmdline():
        time.sleep(0.01)

if __name__ == "__main__":
    method, folder = sys.argv[1], sys.argv[2]
    prestart(method)
    with LocalExecutor(2, retries=1, start_method=method) as ex:
        squares = ex.map(t._square, list(range(6)))
        before = trackers()
        shm = ex.map(t._leak_shm_then_die, [(folder, 0), (folder, 1)])
        lock_ok = ex.map(t._lock_round_trip, [1, 2, 3])
    after_pool = trackers()
    import multiprocessing as mp
    lock = mp.get_context(method).Lock()  # the caller's own semaphore: a real tracker starts now
    with lock:
        pass
    own = resource_tracker._resource_tracker._pid
    settled(own)
    print(json.dumps({"squares": squares, "before": before, "after_pool": after_pool,
                      "shm": shm, "lock_ok": lock_ok, "tracker_after_lock": trackers(), "own": own,
                      "fd_is_pipe": __import__("stat").S_ISFIFO(
                          __import__("os").fstat(resource_tracker._resource_tracker._fd).st_mode)}))
"""


def _square(x: int) -> int:
    return x * x


def _leak_shm_then_die(task: tuple[str, int]) -> str:
    """First attempt: create shared memory and die by SIGKILL without unlinking it (the tracker
    this worker started must unlink it); the retry returns the segment's name."""
    import signal

    mark = Path(task[0]) / f"{task[1]}.shm"
    if not mark.exists():
        seg = shared_memory.SharedMemory(create=True, size=4096)
        mark.write_text(seg.name)
        os.kill(os.getpid(), signal.SIGKILL)
    return mark.read_text()


def _lock_round_trip(x: int) -> int:
    """A task may use multiprocessing's semaphores (they register with a tracker)."""
    import multiprocessing as mp

    lock = mp.get_context("spawn").Lock()
    with lock:
        return x


def _shm_exists(name: str) -> bool:
    try:
        seg = shared_memory.SharedMemory(name=name)
    except FileNotFoundError:
        return False
    seg.close()
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork server and /dev/shm: Linux")
@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_pool_starts_no_tracker_and_leaks_nothing(tmp_path: Path, method: str) -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT, method, str(tmp_path), str(HERE)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["squares"] == [x * x for x in range(6)]
    assert got["lock_ok"] == [1, 2, 3]
    assert got["before"] == [] and got["after_pool"] == []  # the pool started no tracker
    assert got["tracker_after_lock"] == [got["own"]] and got["fd_is_pipe"]  # the caller's first one did
    names = {p.read_text() for p in tmp_path.glob("*.shm")}
    assert len(names) == 2 and set(got["shm"]) == names
    deadline = time.monotonic() + 30  # the dead worker's tracker unlinks its segments
    while time.monotonic() < deadline and any(_shm_exists(n) for n in names):
        time.sleep(0.05)
    assert not any(_shm_exists(n) for n in names)
