"""Dedup at scale: generated Indonesian-like documents, wall time per stage and peak RSS.

Documents are drawn from the wordfreq Indonesian top-30k list with Zipfian frequencies
(4-8 paragraphs of 25-60 words, ~1.7 KB each); ``--dup-fraction`` of them are copies of an
earlier document (any shard) with ~2% word edits. Peak RSS is sampled every 0.2 s over this
process and all its children (summed, so shared pages count twice: an upper bound).

    .venv/bin/python bench/bench_dedup_scale.py --docs 1000000 --shards 40 --workers 2

``--task-memory``: every task runs in a fresh spawned process (one task per process), which
reports its own peak RSS (``ru_maxrss``); the table gives the largest task peak per dedup phase.
Run it at 1x and 4x the documents with shards and ``--partitions`` scaled 4x too (fixed shard and
partition size): per-task memory must stay flat while the corpus grows.

    python bench/bench_dedup_scale.py --docs 50000 --shards 8 --partitions 4 --task-memory
    python bench/bench_dedup_scale.py --docs 200000 --shards 32 --partitions 16 --task-memory
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from saring.dedup.stage import Dedup
from saring.document import Document
from saring.executors.local import LocalExecutor
from saring.executors.serial import SerialExecutor
from saring.io.docfile import write_docs
from saring.step import StageContext


@dataclass(frozen=True)
class GenTask:
    path: str
    start: int
    stop: int
    dup_fraction: float
    seed: int


_VOCAB: tuple[np.ndarray, np.ndarray] | None = None


def _vocab() -> tuple[np.ndarray, np.ndarray]:
    global _VOCAB
    if _VOCAB is None:
        import wordfreq

        words = np.asarray(wordfreq.top_n_list("id", 30000), dtype=object)
        p = 1.0 / np.arange(1, len(words) + 1)
        _VOCAB = (words, np.cumsum(p / p.sum()))
    return _VOCAB


def make_doc(j: int, seed: int) -> str:
    """Deterministic document number ``j`` (same text in any process)."""
    words, cdf = _vocab()
    rng = np.random.default_rng((seed, j))
    paras = []
    for _ in range(int(rng.integers(4, 9))):
        idx = np.searchsorted(cdf, rng.random(int(rng.integers(25, 61))))
        np.minimum(idx, len(words) - 1, out=idx)
        paras.append(" ".join(words[idx]).capitalize() + ".")
    return "\n".join(paras)


def edit(text: str, j: int, seed: int, rate: float = 0.02) -> str:
    rng = np.random.default_rng((seed, j, 1))
    toks = text.split(" ")
    words, _ = _vocab()
    for k in np.flatnonzero(rng.random(len(toks)) < rate):
        toks[k] = str(words[int(rng.integers(0, 2000))])
    return " ".join(toks)


def generate(task: GenTask) -> int:
    docs = []
    for j in range(task.start, task.stop):
        rng = np.random.default_rng((task.seed, j, 2))
        if j > 1000 and rng.random() < task.dup_fraction:
            src = int(rng.integers(0, j))
            text = edit(make_doc(src, task.seed), j, task.seed)
        else:
            text = make_doc(j, task.seed)
        docs.append(Document(f"gen-{j:09d}", text))
    return write_docs(task.path, docs)


class TimingExecutor:
    """Wraps an executor and records the wall time of every ``map`` call by its description."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.times: dict[str, float] = {}
        self.parallelism = getattr(inner, "parallelism", 1)

    def map(self, fn: Callable, tasks: Sequence, *, desc: str = "") -> list:
        t0 = time.perf_counter()
        out = self.inner.map(fn, tasks, desc=desc)
        self.times[desc] = self.times.get(desc, 0.0) + time.perf_counter() - t0
        return out


def _rss_anon() -> int:
    """Anonymous resident memory of this process (heap, arrays); file-backed pages (memory-mapped
    shingle files, page cache the kernel can drop) are not in it."""
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(b"RssAnon:"):
                return int(line.split()[1]) * 1024
    return 0


def _own_peak(packed: tuple[Callable, Any]) -> tuple[Any, tuple[int, int]]:
    """Runs one task in this (fresh) process; returns its result, its peak RSS (``ru_maxrss``,
    file-backed pages included) and its peak anonymous RSS (sampled every 5 ms)."""
    import resource

    fn, task = packed
    peak_anon = [_rss_anon()]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            peak_anon[0] = max(peak_anon[0], _rss_anon())

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        result = fn(task)
    finally:
        done.set()
        t.join()
    peak_anon[0] = max(peak_anon[0], _rss_anon())
    return result, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, peak_anon[0])


def _noop(_: Any) -> None:
    return None


class TaskMemoryExecutor:
    """One task per spawned process, so each task's peak RSS is its own (a benchmark executor)."""

    def __init__(self, workers: int) -> None:
        import multiprocessing as mp

        self.parallelism = workers
        self._ctx = mp.get_context("spawn")
        self.peaks: dict[str, tuple[int, int]] = {}

    def map(self, fn: Callable, tasks: Sequence, *, desc: str = "") -> list:
        with self._ctx.Pool(self.parallelism, maxtasksperchild=1) as pool:
            out = pool.map(_own_peak, [(fn, t) for t in tasks], chunksize=1)
        if out:
            old = self.peaks.get(desc, (0, 0))
            self.peaks[desc] = (max(old[0], *(p[0] for _, p in out)), max(old[1], *(p[1] for _, p in out)))
        return [r for r, _ in out]

    def baseline(self) -> tuple[int, int]:
        """Peaks of a spawned process that imports saring's dedup and runs nothing."""
        self.map(_noop, [None], desc="(empty task)")
        return self.peaks["(empty task)"]


class PeakRSS:
    """Samples the summed RSS of this process and its children in a background thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def _run(self, interval: float) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(interval)

    def __enter__(self) -> PeakRSS:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dup-fraction", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep generated data and work files")
    ap.add_argument("--partitions", type=int, default=None, help="dedup partitions (default: 2 x workers)")
    ap.add_argument("--task-memory", action="store_true",
                    help="one task per fresh process; print each phase's largest task peak RSS")
    args = ap.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench_dedup_scale_"))
    root.mkdir(parents=True, exist_ok=True)
    ex: Any = LocalExecutor(args.workers) if args.workers > 1 else SerialExecutor()
    bounds = np.linspace(0, args.docs, args.shards + 1).astype(int)
    tasks = [
        GenTask(str(root / "in" / f"s{i:05d}.jsonl.zst"), int(bounds[i]), int(bounds[i + 1]), args.dup_fraction, args.seed)
        for i in range(args.shards)
    ]
    t0 = time.perf_counter()
    ex.map(generate, tasks, desc="generate")
    gen = time.perf_counter() - t0
    in_bytes = sum(Path(t.path).stat().st_size for t in tasks)
    print(f"generated {args.docs:,} docs in {args.shards} shards ({in_bytes / 2**20:.0f} MiB zstd) in {gen:.0f}s")
    mem = TaskMemoryExecutor(args.workers) if args.task_memory else None
    timing = TimingExecutor(mem or ex)
    stage = Dedup(partitions=args.partitions)
    with PeakRSS() as rss:
        t0 = time.perf_counter()
        out = stage.run([Path(t.path) for t in tasks], StageContext(timing, root / "work"))
        wall = time.perf_counter() - t0
    work_bytes = sum(p.stat().st_size for p in (root / "work").rglob("*") if p.is_file())
    st = out.stats.to_dict()
    print("\n| docs | shards | workers | wall s | docs/s | docs/s per core | peak RSS (sum) | work files |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.docs:,} | {args.shards} | {args.workers} | {wall:.0f} | {args.docs / wall:,.0f} | "
        f"{args.docs / wall / args.workers:,.0f} | {rss.peak / 2**30:.2f} GiB | {work_bytes / 2**30:.2f} GiB |"
    )
    print("\nper stage: " + ", ".join(f"{k} {v:.1f}s" for k, v in timing.times.items()))
    print(f"removed: {st['rejected']}, paragraph edits: {st['edits']}")
    if mem is not None:
        base = mem.baseline()
        print(f"\nlargest task per phase, fresh spawned process each, {args.docs:,} docs, {args.shards} shards, "
              f"{stage.partitions} partitions: peak RSS (incl. memory-mapped files) / peak anonymous RSS; "
              f"empty task {base[0] / 2**20:.0f} / {base[1] / 2**20:.0f} MiB")
        for desc, (peak, anon) in mem.peaks.items():
            if desc != "(empty task)":
                print(f"  {desc}: {peak / 2**20:.0f} / {anon / 2**20:.0f} MiB")
    if hasattr(ex, "close"):
        ex.close()
    if not args.keep and args.dir is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
