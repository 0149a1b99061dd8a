"""Workers: memory of 1 / 2 / 4 worker processes and the speed-up of 2 workers, same job.

    python bench/bench_workers.py [--docs 4000] [--shards 8] [--workers 1,2,4] [--rounds 1]
                                  [--mem-rounds 1]

Writes the first ``--docs`` records of the news corpora as ``--shards`` gzip JSONL shards in a
temp folder (never in the repo), then runs ``saring run SHARDS -o OUT --workers K --no-progress``
(the default pipeline, dedup included) for each K, alternating (A B A B), in subprocesses:
``--rounds`` timed rounds (wall and CPU seconds: rusage of the whole tree, the run's orphaned fork
server and workers reaped by this process as a child subreaper), then ``--mem-rounds`` memory rounds
in which a sampler thread reads every process of the run's tree every 50 ms (psutil): the sum of RSS and the
sum of PSS (``/proc/PID/smaps_rollup``: shared pages divided among the processes sharing them,
i.e. the memory the tree really holds), peak of each sum and of the largest single worker. Ratios
are given per round (neighbouring runs, about the same load) with their median. The
sampler is kept out of the timed runs: reading smaps of every process 20 times a second costs CPU
on the same cores, which with 2 workers on 2 cores comes out of the workers' time (measured:
on tmpfs, busy task-seconds of 2 workers vs 1 +12% with the sampler, -3% without). Outputs of every run must be byte-identical.

Targets (issue 15): peak memory of 4 workers <= 2x one worker; 2 workers >= 1.9x one worker on
wall time. On a shared 2-core machine the wall-time ratio moves with the other jobs' load; under
load read ``--timeline``: per map its idle core-seconds and tail, the serial start (first task
after launch) and end (last task to exit), which do not depend on the load the way wall time does,
and the idle core-seconds of each run by phase (start to the first task, each map, the driver's
serial rest) relative to the run's CPU. ``bench/bench_workers_tail.py`` replays a saved
one-worker timeline's segment-0 tasks on K workers (the tail of a plan, load-independent).
The load average is printed before and after the runs.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
from _corpora import NEWS

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def write_shards(folder: Path, docs: int, shards: int) -> None:
    per = docs // len(NEWS)
    lines: list[bytes] = []
    for name in NEWS:
        with gzip.open(SHARED / name, "rb") as f:
            lines.extend(itertools.islice(f, per))
    for i in range(shards):
        with gzip.open(folder / f"shard{i:02d}.jsonl.gz", "wb") as out:
            out.writelines(lines[i::shards])


def pss_kib(p: psutil.Process) -> int:
    try:
        with open(f"/proc/{p.pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler:
    """Peak RSS sum, PSS sum and largest process of a process tree, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.root = psutil.Process(pid)
        self.every = every
        self.peak_rss = self.peak_pss = self.peak_one = 0
        self.at_peak: list[tuple[int, int]] = []  # (PSS MiB, RSS MiB) per process at the PSS peak
        self.cpu: dict[int, float] = {}  # pid -> last seen user+system seconds (the whole tree:
        # fork-server workers are not children of the run's process, so its rusage misses them)
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = one = 0
            parts: list[tuple[int, int]] = []
            for p in procs:
                try:
                    r = p.memory_info().rss
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    continue
                rss += r
                pp = pss_kib(p) * 1024
                pss += pp
                parts.append((pp >> 20, r >> 20))
                one = max(one, r)
            self.peak_rss = max(self.peak_rss, rss)
            if pss > self.peak_pss:
                self.peak_pss, self.at_peak = pss, parts
            self.peak_one = max(self.peak_one, one)
            time.sleep(self.every)

    def __enter__(self) -> TreeSampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def run(shards: Path, out: Path, workers: int, config: str | None = None,
        timeline: Path | None = None, sample: bool = False) -> dict[str, Any]:
    """One ``saring run``: wall and CPU seconds; with ``sample``, the tree's peak memory too."""
    saring = str(Path(sys.executable).with_name("saring"))
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    if timeline is not None:
        timeline.unlink(missing_ok=True)
        env["SARING_TIMELINE"] = str(timeline)
    t0 = time.perf_counter()
    t0_wall = time.time()
    cmd = [saring, "run", str(shards), "-o", str(out), "--workers", str(workers), "--no-progress"]
    if config:
        cmd += ["--config", config]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    if sample:
        with TreeSampler(proc.pid) as s:
            _, status, ru = os.wait4(proc.pid, 0)
    else:
        _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    driver = ru.ru_utime + ru.ru_stime  # the run's process (and what it reaped itself)
    cpu = driver + reap_orphans()  # the whole tree (see become_subreaper)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"saring run --workers {workers} failed: {err[-800:]}")
    res: dict[str, Any] = {"wall": wall, "cpu": cpu, "driver": driver}
    if sample:
        res.update(rss=s.peak_rss, pss=s.peak_pss, one=s.peak_one, parts=s.at_peak)
    if timeline is not None:
        res["timeline"] = idle_report(timeline, workers, t0_wall, t0_wall + wall)
        rows, res["model"] = cpu_report(timeline, workers, driver, t0_wall)
        res["timeline"] += rows
        res["phases"] = idle_by_phase(timeline, workers, driver, t0_wall, t0_wall + wall)
        res["timeline"] += phase_rows(res["phases"], cpu)
    return res


def become_subreaper() -> bool:
    """Linux: make this process the reaper of its orphaned descendants (PR_SET_CHILD_SUBREAPER).
    The run's fork server outlives the run's process by a moment and its workers are its
    children, so the run's rusage misses them; reparented here, :func:`reap_orphans` waits for
    them and their rusage (each including what it reaped) gives the CPU of the whole tree."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_orphans() -> float:
    """Wait for every remaining child (the run's orphaned fork server and workers, reparented
    here); their user+system seconds."""
    cpu = 0.0
    while True:
        try:
            _, _, ru = os.wait4(-1, 0)
        except ChildProcessError:
            return cpu
        cpu += ru.ru_utime + ru.ru_stime


def idle_report(path: Path, workers: int, start: float, end: float) -> list[str]:
    """Where cores sat idle: per map (tasks of one description) its span, busy task-seconds and
    idle core-seconds (``workers x span - busy``), the tail (last task end minus the moment
    the first worker ran out of tasks of that map), and the driver's own phases and gaps."""
    spans = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    tasks: dict[str, list[dict[str, Any]]] = {}
    phases = [s for s in spans if s["kind"] == "phase"]
    for s in spans:
        if s["kind"] == "task":
            tasks.setdefault(s["name"], []).append(s)
    rows, covered = [], 0.0
    total_idle = 0.0
    prev_end: float | None = None  # end of the map before: the gap is driver-only time
    for name, ts in sorted(tasks.items(), key=lambda kv: min(t["t0"] for t in kv[1])):
        t0, t1 = min(t["t0"] for t in ts), max(t["t1"] for t in ts)
        gap = "" if prev_end is None else f"  gap before {t0 - prev_end:5.2f} s"
        prev_end = t1
        busy = sum(t["t1"] - t["t0"] for t in ts)
        ends: dict[int, float] = {}
        for t in ts:
            ends[t["slot"]] = max(ends.get(t["slot"], 0.0), t["t1"])
        tail = t1 - min(ends.values()) if len(ends) == workers else t1 - t0
        idle = workers * (t1 - t0) - busy
        total_idle += idle
        covered += t1 - t0
        longest = max(t["t1"] - t["t0"] for t in ts)
        rows.append(f"    {name:<22} {len(ts):4d} tasks  span {t1 - t0:6.2f} s  busy {busy:6.2f}  "
                    f"idle {idle:5.2f} core-s  tail {tail:5.2f} s  longest {longest:5.2f} s  "
                    f"(at {t0 - start:6.2f} s){gap}")
    run = next((p for p in phases if p["name"] == "run"), None)
    every = [t for ts in tasks.values() for t in ts]
    if every:  # the serial ends of the run: nothing runs on the workers before / after these
        first, last = min(t["t0"] for t in every), max(t["t1"] for t in every)
        rows.append(f"    first task starts {first - start:5.2f} s after launch; last task ends "
                    f"{end - last:5.2f} s before the run's process exits; busy task-seconds in all "
                    f"{sum(t['t1'] - t['t0'] for t in every):.1f}")
    for p in phases:
        if p["name"] != "run" and not p["name"].startswith("unit: "):
            rows.append(f"    {p['name']:<22} driver {p['t1'] - p['t0']:6.2f} s (at {p['t0'] - start:6.2f} s)")
    if run is not None:
        inside = run["t1"] - run["t0"]
        rows.append(f"    start-up before the run {run['t0'] - start:5.2f} s, after it {end - run['t1']:5.2f} s; "
                    f"in the run but outside any task map {inside - covered:5.2f} s")
        total_idle += (workers - 1) * (end - start - covered)
    rows.append(f"    idle core-seconds in all (driver-only time counted as {workers - 1} idle): {total_idle:.1f}")
    if workers == 1:
        for k in (2, 4):
            wall = simulate(tasks, k, end - start)
            rows.append(f"    these task times scheduled on {k} workers (in task order, driver time as is): "
                        f"{wall:.1f} s, {(end - start) / wall:.2f}x")
    return rows


def idle_by_phase(path: Path, workers: int, driver_cpu: float, start: float, end: float) -> dict[str, float]:
    """Idle core-seconds of a run on ``workers`` cores, by phase: ``start`` (launch to the
    first task: cores x wall minus the driver's and the fork server's CPU), each map's
    (cores x span minus the tasks' busy seconds: its tail and stragglers) and ``serial`` (the
    rest after the first task, outside maps: cores x wall minus the driver's CPU there). Under
    load a core counted idle may have run another job; relative to the run's CPU they still
    say which phase leaves cores without work."""
    spans = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    tasks: dict[str, list[dict[str, Any]]] = {}
    for s in spans:
        if s["kind"] == "task":
            tasks.setdefault(s["name"], []).append(s)
    if not tasks:
        return {}
    first = min(t["t0"] for ts in tasks.values() for t in ts)
    head = next((s.get("cpu", 0.0) for s in spans if s["name"] == "driver: start to first map"), 0.0)
    server = sum(s.get("cpu", 0.0) for s in spans if s["kind"] in ("server", "worker"))
    out = {"start": max(0.0, workers * (first - start) - head - server)}
    covered = in_maps = 0.0
    maps = {s["name"]: s.get("cpu", 0.0) for s in spans if s["kind"] == "map"}
    for name, ts in tasks.items():
        t0, t1 = min(t["t0"] for t in ts), max(t["t1"] for t in ts)
        out[name] = workers * (t1 - t0) - sum(t["t1"] - t["t0"] for t in ts)
        covered += t1 - t0
        in_maps += maps.get(name, 0.0)
    serial_cpu = driver_cpu - head - in_maps if workers > 1 or maps else 0.0
    out["serial"] = max(0.0, workers * (end - first - covered) - serial_cpu)
    return out


def phase_rows(phases: dict[str, float], cpu: float) -> list[str]:
    if not phases:
        return []
    total = sum(phases.values())
    parts = ", ".join(f"{k} {v:.2f}" for k, v in phases.items() if k in ("start", "serial") or v >= 0.05)
    return [f"  idle core-seconds by phase: {parts}; in all {total:.2f} = {100 * total / cpu:.1f}% of the "
            f"run's CPU {cpu:.1f} s"]


def makespan(cpus: list[float], k: int) -> float:
    """Tasks of these CPU seconds, in this order, each to the worker free first: the map's span."""
    free = [0.0] * k
    for c in cpus:
        i = free.index(min(free))
        free[i] += c
    return max(free)


def cpu_report(path: Path, workers: int, driver_cpu: float, start: float) -> tuple[list[str], float]:
    """The same run in CPU seconds, which depend on the machine's other jobs far less than wall
    time: what the driver spends before the first map, inside maps (beside the workers, on the
    same cores) and elsewhere (serial); the fork server's preload; per map the tasks' CPU and
    its span if the tasks ran in their order on ``workers`` free cores. Their sum (the start
    as the longer of driver and preload, every map's span, the driver's serial rest) is the
    run's wall time on a quiet machine without cache contention: a model, not a measurement."""
    spans = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    phases = {s["name"]: s for s in spans if s["kind"] == "phase"}
    first = phases.get("driver: start to first map")
    if first is None or "cpu" not in first:
        return ["    (no CPU spans in this timeline)"], float("nan")
    rows = ["  in CPU seconds (load-independent model; see cpu_report):"]
    head = first["cpu"]
    rows.append(f"    driver CPU from its start to the first map {head:5.2f} (wall {first['t1'] - start:5.2f} s)")
    server = next((s for s in spans if s["kind"] == "server"), None)
    ready = head
    if server is not None:
        ready = max(head, server["cpu"])
        rows.append(f"    fork server preload CPU {server['cpu']:5.2f} (from {server['t0'] - start:5.2f} to "
                    f"{server['t1'] - start:5.2f} s wall, {server.get('faults', 0)} faults); "
                    f"start = the longer: {ready:5.2f}")
    for w in (s for s in spans if s["kind"] == "worker"):
        rows.append(f"    worker {w['slot']} start {w['t1'] - w['t0']:5.3f} s wall (at {w['t0'] - start:5.2f} s), "
                    f"CPU {w['cpu']:5.3f}, {w.get('faults', 0)} faults")
    tasks: dict[str, list[dict[str, Any]]] = {}
    for s in spans:
        if s["kind"] == "task":
            tasks.setdefault(s["name"], []).append(s)
    maps = {s["name"]: s for s in spans if s["kind"] == "map"}
    model, in_maps, task_cpu = ready, 0.0, 0.0
    for name, ts in sorted(tasks.items(), key=lambda kv: min(t["t0"] for t in kv[1])):
        cpus = [t.get("cpu", t["t1"] - t["t0"]) for t in sorted(ts, key=lambda t: t["t0"])]
        span = makespan(cpus, workers)
        model += span
        task_cpu += sum(cpus)
        drv = maps[name]["cpu"] if name in maps else 0.0
        in_maps += drv
        faults = sum(t.get("faults", 0) for t in ts)
        rows.append(f"    {name:<22} tasks CPU {sum(cpus):6.2f}  span on {workers} {span:6.2f}  "
                    f"tail {span - sum(cpus) / workers:5.2f}  largest {max(cpus):5.2f}  driver CPU in it {drv:5.2f}  "
                    f"faults {faults / 1000:7.1f}k")
    own = task_cpu if workers == 1 and not maps else 0.0  # the serial executor runs tasks in the driver
    rest = driver_cpu - head - in_maps - own
    model += rest
    rows.append(f"    driver CPU: in maps (beside the workers) {in_maps:5.2f}, serial after the first map "
                f"{rest:5.2f}, whole process {driver_cpu:5.2f}")
    rows.append(f"    model wall {model:6.2f} s (start {ready:5.2f} + maps + driver serial rest {rest:5.2f})")
    if workers == 1:
        for k in (2, 4):
            alt = head + rest + sum(makespan([t.get("cpu", t["t1"] - t["t0"]) for t in sorted(ts, key=lambda t: t["t0"])], k)
                                    for ts in tasks.values())
            rows.append(f"    the same CPU on {k} workers, driver as is (set-up stays in the first task): "
                        f"{alt:6.2f} s, {model / alt:.2f}x")
    return rows, model


def simulate(tasks: dict[str, list[dict[str, Any]]], k: int, total: float) -> float:
    """Wall time of the same run with ``k`` workers if every task took as long as it did here
    (one worker) and the driver's own time stayed: each map's tasks go, in order, to the
    worker free first. Load-independent shape of the run (not a measurement of k workers)."""
    wall = total
    for ts in tasks.values():
        span = max(t["t1"] for t in ts) - min(t["t0"] for t in ts)
        free = [0.0] * k
        for t in ts:
            i = free.index(min(free))
            free[i] += t["t1"] - t["t0"]
        wall -= span - max(free)
    return wall


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ("kept" in p.parts or "rejected" in p.parts)}


def compile_saring() -> None:
    """Write saring's .pyc files first, as an install does: with PYTHONDONTWRITEBYTECODE set
    (this project's dev shells) every process would compile the modules it imports again, and
    an executor with more processes importing saring (Ray's workers) would pay it more often."""
    import compileall

    import saring

    compileall.compile_dir(str(Path(saring.__file__).parent), quiet=1)


def median(xs: list[float]) -> float:
    ys = sorted(xs)
    n = len(ys)
    return ys[n // 2] if n % 2 else (ys[n // 2 - 1] + ys[n // 2]) / 2


def pair_ratios(first: list[float], other: list[float]) -> str:
    """Each round's ratio (the runs of one round are neighbours in time, so they saw about the same
    load) and their median: robust to a round the machine's other jobs slowed down."""
    rs = [a / b for a, b in zip(first, other, strict=True)]
    if not rs:
        return "none"
    return ", ".join(f"{r:.2f}" for r in rs) + f"; median {median(rs):.2f}x"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--rounds", type=int, default=1, help="timed rounds (each runs every K once, in turn)")
    ap.add_argument("--mem-rounds", type=int, default=1,
                    help="memory rounds after the timed ones (each runs every K once, sampled)")
    ap.add_argument("--config", default=None, help="pipeline YAML instead of the default one")
    ap.add_argument("--timeline", action="store_true",
                    help="record every task and driver phase (SARING_TIMELINE) and print where cores sat idle")
    ap.add_argument("--save-timelines", default=None, metavar="DIR",
                    help="with --timeline: keep each run's timeline as DIR/timeline-K-ROUND.jsonl")
    args = ap.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"shared corpora not found under {SHARED}")
    ks = [int(k) for k in args.workers.split(",")]
    compile_saring()
    subreaper = become_subreaper()
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="saring-workers-"))
    try:
        shards = tmp / "in"
        shards.mkdir()
        write_shards(shards, args.docs, args.shards)
        res: dict[int, list[dict[str, Any]]] = {k: [] for k in ks}
        mems: dict[int, list[dict[str, Any]]] = {k: [] for k in ks}
        loads: list[float] = []
        ref: dict[str, bytes] | None = None
        for rnd in range(args.rounds + args.mem_rounds):  # A B A B: every round runs each K once
            timed = rnd < args.rounds
            for k in ks:
                timeline = tmp / f"timeline{k}.jsonl" if args.timeline and timed else None
                r = run(shards, tmp / f"out{k}", k, args.config, timeline, sample=not timed)
                if timeline is not None and args.save_timelines:
                    Path(args.save_timelines).mkdir(parents=True, exist_ok=True)
                    shutil.copy(timeline, Path(args.save_timelines) / f"timeline-{k}-{rnd}.jsonl")
                (res if timed else mems)[k].append(r)
                got = outputs(tmp / f"out{k}")
                if ref is None:
                    ref = got
                elif got != ref:
                    raise SystemExit(f"outputs of --workers {k} differ from --workers {ks[0]}")
            loads.append(os.getloadavg()[0])
        load = os.getloadavg()[0]
        mib = 2**20
        docs = sum(1 for p in shards.iterdir() for _ in gzip.open(p, "rb"))
        print(f"{docs} news docs in {args.shards} shards, default pipeline incl. dedup, "
              f"{args.rounds} timed + {args.mem_rounds} memory rounds, K alternating; load average "
              f"{load_before:.1f} before, {load:.1f} after (per round: "
              + ", ".join(f"{x:.1f}" for x in loads) + "); outputs identical across workers")
        cpu_src = ("the whole tree (orphans reaped here)" if subreaper else
                   "the run process and what it reaped (workers missed)")
        print(f"wall and CPU: median of the timed runs (CPU: {cpu_src}); memory: median of the "
              "memory runs' peaks (a sampler reads every process of the tree every 50 ms)")
        print(f"{'workers':>7} {'wall s':>7} {'CPU s':>7} {'speed-up':>8} {'peak RSS sum':>13} "
              f"{'peak PSS sum':>13} {'largest proc':>13} {'PSS vs 1':>8}")
        nan = float("nan")
        one_wall = median([r["wall"] for r in res[ks[0]]] or [nan])
        one_pss = median([m["pss"] for m in mems[ks[0]]] or [nan])
        for k in ks:
            wall, cpu = (median([r[key] for r in res[k]] or [nan]) for key in ("wall", "cpu"))
            m = {key: median([x[key] for x in mems[k]] or [nan]) for key in ("rss", "pss", "one")}
            print(f"{k:7d} {wall:7.1f} {cpu:7.1f} {one_wall / wall:7.2f}x "
                  f"{m['rss'] / mib:10.0f} MiB {m['pss'] / mib:10.0f} MiB {m['one'] / mib:10.0f} MiB "
                  f"{m['pss'] / one_pss:7.2f}x")
        for k in ks:
            print(f"  {k} worker(s), every timed run: wall " + ", ".join(f"{r['wall']:.1f}" for r in res[k])
                  + " s; CPU " + ", ".join(f"{r['cpu']:.1f}" for r in res[k])
                  + " s, of which the run's own process " + ", ".join(f"{r['driver']:.1f}" for r in res[k]) + " s")
        for k in ks[1:]:
            print(f"  speed-up of {k} workers, per round (wall of {ks[0]} / wall of {k}): "
                  + pair_ratios([r["wall"] for r in res[ks[0]]], [r["wall"] for r in res[k]]))
            print(f"  PSS of {k} workers vs {ks[0]}, per memory round: "
                  + pair_ratios([m["pss"] for m in mems[k]], [m["pss"] for m in mems[ks[0]]]))
        for k in ks:
            for m in mems[k]:
                print(f"  {k} worker(s), (PSS, RSS) MiB per process at the PSS peak of a memory run "
                      f"(run process first): {m['parts']}")
            if args.timeline:
                r = min(res[k], key=lambda r: r["wall"])
                print(f"  {k} worker(s), timeline of the fastest run:")
                print("\n".join(r["timeline"]))
        if args.timeline:
            for k in ks:
                per = [r["phases"] for r in res[k] if r.get("phases")]
                keys = ["start", "segment 0", "serial"]
                print(f"  {k} worker(s), idle core-seconds per timed run (start / segment 0 / serial / all, "
                      "% of CPU): " + "; ".join(
                          " / ".join(f"{p.get(x, 0.0):.2f}" for x in keys)
                          + f" / {sum(p.values()):.2f}, {100 * sum(p.values()) / r['cpu']:.1f}%"
                          for p, r in zip(per, res[k], strict=False)))
            for k in ks[1:]:
                print(f"  CPU model (no load, no contention) of {k} workers vs {ks[0]}, per round: "
                      + pair_ratios([r["model"] for r in res[ks[0]]], [r["model"] for r in res[k]]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
