"""Cores: can two busy processes on this machine each run as fast as one alone?

    python bench/bench_cores.py [--rounds 3] [--seconds 2]

The 2-worker target (issue 15: >= 1.9x one worker) assumes two independent cores. Session 9
found the 2-worker run's tasks cost more CPU in total than the whole 1-worker run although its
cores were idle only ~2 core-seconds: the same work got slower when both cores were busy. This
bench separates the causes with fixed work, measured in CPU seconds of each process (``os.wait4``):

- ``alu``: a pure-Python integer loop on a few cache lines. Two copies should each take as long
  as one alone; if each takes clearly longer (ratio > ~1.15), the two virtual CPUs share a
  physical core (SMT siblings on the host) or the host takes time from them, and no software
  change reaches 2x.
- ``llc``: random reads over a 12 MiB table (numpy gather): one copy fits the shared last-level
  cache, two copies compete for it and for memory bandwidth: the cost of two processes'
  working sets, what smaller per-document tables would reduce.

Per workload: one copy alone, then two copies started together, alternating ``--rounds`` times;
prints each copy's CPU seconds, the median ratio (two-copy CPU per copy / one-copy CPU) and the
load average. Only a quiet machine gives meaningful ratios (other jobs take the same cores).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

WORK = {
    # n: iterations of fixed work (calibrated once per workload to ~--seconds alone)
    "alu": "x = 0\nfor i in range({n}):\n    x = (x * 31 + i) & 0xFFFF\n",
    "llc": ("import numpy as np\nrng = np.random.default_rng(1)\n"
            "t = rng.integers(0, 1 << 30, size=(12 << 20) // 8)\n"
            "idx = rng.integers(0, t.size, size=1 << 20)\ns = 0\n"
            "for _ in range({n}):\n    s += int(t[idx].sum() & 1)\n    idx = (idx * 7 + 3) % t.size\n"),
}


def cpu_of_copies(code: str, copies: int) -> list[float]:
    """Start ``copies`` processes running ``code`` together; each one's user+system seconds."""
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(copies)]
    out = []
    for p in procs:
        _, status, ru = os.wait4(p.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"workload failed: {code[:60]!r}")
        out.append(ru.ru_utime + ru.ru_stime)
    return out


def calibrate(template: str, seconds: float) -> int:
    """Iterations that take about ``seconds`` of CPU alone (from a short probe)."""
    n = 1000 if "numpy" not in template else 2
    while True:
        cpu = cpu_of_copies(template.format(n=n), 1)[0] - cpu_of_copies(template.format(n=0), 1)[0]
        if cpu > 0.3:
            return max(1, int(n * seconds / cpu))
        n *= 4


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--work", default="alu,llc")
    args = ap.parse_args()
    load0 = os.getloadavg()[0]
    for name in args.work.split(","):
        code = WORK[name].format(n=calibrate(WORK[name], args.seconds))
        alone: list[float] = []
        pair: list[float] = []
        t0 = time.perf_counter()
        for _ in range(args.rounds):
            alone += cpu_of_copies(code, 1)
            pair += cpu_of_copies(code, 2)
        ratio = statistics.median(pair) / statistics.median(alone)
        print(f"{name}: one copy alone {' '.join(f'{c:.2f}' for c in alone)} CPU-s; two together "
              f"{' '.join(f'{c:.2f}' for c in pair)} CPU-s per copy; ratio {ratio:.2f} "
              f"({time.perf_counter() - t0:.0f} s)")
    print(f"load average {load0:.1f} before, {os.getloadavg()[0]:.1f} after "
          "(ratios mean something only on a quiet machine)")


if __name__ == "__main__":
    main()
