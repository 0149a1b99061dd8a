"""Worker processes return freed task memory to the system (executors/heap.py): a large
buffer freed after a task must not stay in the worker's resident memory for the rest of the run."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc tuning")

CODE = """
import sys
import numpy as np
from saring.executors import heap

def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

if sys.argv[1] == "fixed":
    heap.keep_large_buffers_unmappable()
base = rss_mib()
for _ in range(3):  # a task's big temporaries, freed at its end (glibc raises its mmap
    a = np.ones((2, 1 << 20), dtype=np.uint64)  # threshold after the first such free)
    b = [bytes(700) for _ in range(2000)]  # and the objects a task keeps between them
    del b
    del a
if sys.argv[1] == "fixed":
    heap.release_free_memory()
print(round(rss_mib() - base, 1))
"""


def _retained(mode: str) -> float:
    out = subprocess.run([sys.executable, "-c", CODE, mode], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-1500:]
    return float(out.stdout.strip())


def test_freed_task_buffers_leave_the_worker() -> None:
    plain, fixed = _retained("plain"), _retained("fixed")
    assert fixed < 8, f"{fixed} MiB still resident after the buffers were freed"
    # without the fix glibc keeps a 16 MiB buffer in its heap (the reason for heap.py); if a
    # future glibc stops doing that, the fix is merely harmless
    assert plain >= fixed


RUN_CODE = """
import gc, sys
import saring.executors.segment as seg
seen = []
real = seg._freeze_heap
def spy():
    real()
    seen.append(gc.get_freeze_count() > 1000)
seg._freeze_heap = spy
sys.argv = ['saring', *sys.argv[1:]]
import saring.cli.main as m
try:
    m.main()
finally:
    print(repr(seen), file=sys.stderr)
"""


@pytest.mark.parametrize("entry", ["console", "library"])
def test_saring_run_freezes_its_set_up_heap_only_in_its_own_process(tmp_path, entry: str) -> None:
    """``saring run`` with one worker runs its tasks in its own process, which ends with the run:
    the set-up steps are frozen out of the collector there as in a worker. A library caller
    (``run_pipeline`` or the click command called in-process) keeps collecting everything."""
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "Harga beras di pasar naik lagi minggu ini."}\n')
    args = ["run", str(inp), "-o", str(tmp_path / "out"), "--workers", "1", "--no-progress",
            "--no-report"]
    if entry == "console":
        out = subprocess.run([sys.executable, "-c", RUN_CODE, *args], capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 0, out.stderr[-2000:]
        seen = out.stderr.strip().splitlines()[-1]
        assert seen.startswith("[True") and "False" not in seen  # every segment froze its set-up
        return
    code = ("import sys\nfrom saring.executors import base, segment\n"
            "called = []\nsegment._freeze_heap = lambda: called.append(1)\n"
            "from saring.cli.app import saring\n"
            "try:\n    saring(sys.argv[1:], prog_name='saring')\nexcept SystemExit:\n    pass\n"
            "print(base.may_freeze_heap(), called, file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         timeout=300)
    assert out.stderr.strip().splitlines()[-1] == "False []", out.stderr[-2000:]


def _trims_so_far(_: int) -> tuple[int, int]:
    """In a worker: (its pid, how often it has given freed memory back so far)."""
    import os

    from saring.executors import heap

    return os.getpid(), heap.trims


def test_workers_trim_when_idle_not_between_back_to_back_tasks() -> None:
    """A worker gives freed memory back when it waits (end of a map), not after each task the
    pool sends straight after the previous one (that only made the next task fault the same
    pages back in). Both halves can fail: trimming after every task, or never."""
    from saring.executors.local import IDLE_TRIM_SECONDS, LocalExecutor

    with LocalExecutor(1) as ex:
        first = ex.map(_trims_so_far, list(range(60)))
        time.sleep(IDLE_TRIM_SECONDS * 40)  # the worker now waits for the next map (slack for load)
        later = ex.map(_trims_so_far, [0])
    assert len({pid for pid, _ in first + later}) == 1  # one worker process throughout
    during = first[-1][1] - first[0][1]
    # 59 back-to-back tasks: at most a few trims when the driver was slow to send (heavy load)
    assert during <= 10, f"{during} trims between 60 back-to-back tasks"
    assert later[0][1] > first[-1][1], "the worker did not trim while it waited between maps"
