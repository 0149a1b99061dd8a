"""Segment 0's end on K workers, simulated from a saved one-worker timeline (issue 15 tail).

    python bench/bench_workers_tail.py TIMELINE.jsonl [...] [--workers 2] [--trials 4000]

TIMELINE: a ``--workers 1`` timeline kept by ``bench/bench_workers.py --timeline
--save-timelines DIR``. Its segment-0 tasks' CPU seconds, in the order they were handed out
(the first task's set-up replaced by the median task), go to the worker free first, each
multiplied by a random factor within +-noise (what contention does to a task on a loaded
machine); printed: idle core-seconds at the segment's end (``K x span - sum``), mean and 90th
percentile. CPU per task hardly depends on the load, so this compares plans (one task per
file vs the tail cut into parts) where wall-time ratios on a shared machine cannot.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from pathlib import Path


def task_cpus(path: Path, name: str = "segment 0") -> list[float]:
    spans = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    ts = sorted(
        (s for s in spans if s["kind"] == "task" and s["name"] == name), key=lambda s: s["t0"]
    )
    cpus = [s.get("cpu", s["t1"] - s["t0"]) for s in ts]
    if len(cpus) > 2:  # one worker sets its steps up inside its first task
        cpus[0] = statistics.median(cpus[1:])
    return cpus


def idle(cpus: list[float], k: int, noise: float, rng: random.Random) -> float:
    free, total = [0.0] * k, 0.0
    for c in cpus:
        d = c * rng.uniform(1 - noise, 1 + noise)
        total += d
        i = free.index(min(free))
        free[i] += d
    return k * max(free) - total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("timelines", nargs="+", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--trials", type=int, default=4000)
    args = ap.parse_args()
    rng = random.Random(0)
    for path in args.timelines:
        cpus = task_cpus(path)
        for noise in (0.0, 0.1, 0.2, 0.3):
            xs = sorted(idle(cpus, args.workers, noise, rng) for _ in range(args.trials))
            print(
                f"{path}: {len(cpus)} tasks, {sum(cpus):.2f} CPU-s; noise +-{noise:.0%}: idle at the end "
                f"mean {statistics.mean(xs):.3f} core-s, p90 {xs[int(0.9 * len(xs))]:.3f}"
            )


if __name__ == "__main__":
    main()
