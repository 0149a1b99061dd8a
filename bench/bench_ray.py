"""CPU overhead of the Ray executor over the local process pool on the same job, side by side.

    python bench/bench_ray.py [--docs 4000] [--shards 16] [--rounds 2] [--workers 2] [--together]
    python bench/bench_ray.py --task-bytes [--shards 16]   # what travels per task (no Ray needed)
    python bench/bench_ray.py --fixed [--rounds 3]          # a local Ray's fixed cost, lean vs full

The job: the default pipeline (every per-document step, then dedup) over the first ``--docs``
records of each of the 4 news corpora in ../shared/corpora, re-split into ``--shards`` JSONL
shards in a temp folder (read by path; nothing is copied into the repo). Each round runs it
once with ``LocalExecutor(workers)`` and once with ``RayExecutor(workers=workers)`` (a private
local Ray, started and stopped inside the run), alternating which goes first.

What is measured: CPU seconds (user + system) of **every process** the run created. Each run
is a child process of this script, which makes itself a *child subreaper* (Linux prctl), so
Ray's daemons and workers, orphaned when their parents exit, stay in this process tree; the
tree is sampled every 0.1 s and each process's last-seen CPU time summed. Wall times are
noisy on the shared 2-core machine; the CPU ratio is the figure to read. ``--together`` runs
both executors at the same time, so that the other engineers' load (which inflates CPU seconds
under contention) weighs on both alike. The run also reports
the executor start-up part (Ray start) and whether both runs wrote identical outputs.
"""

from __future__ import annotations

import argparse
import ctypes
import gzip
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpora import NEWS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PR_SET_CHILD_SUBREAPER = 36


def make_shards(folder: Path, per_corpus: int, shards: int) -> list[str]:
    """Round-robin the first ``per_corpus`` records of each news corpus into ``shards`` files."""
    lines: list[bytes] = []
    for name in NEWS:
        path = SHARED / "corpora" / name
        if not path.exists():
            sys.exit(f"bench_ray: {path} not found (the shared corpora are needed)")
        with gzip.open(path, "rb") as f:
            lines += [ln for ln in itertools.islice(f, per_corpus) if ln.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(shards):
        p = folder / f"shard{i:03d}.jsonl"
        p.write_bytes(b"".join(ln if ln.endswith(b"\n") else ln + b"\n" for ln in lines[i::shards]))
        paths.append(str(p))
    return paths


# ----------------------------------------------------------------------------- child: one run
def child(kind: str, workers: int, out: str, inputs: list[str]) -> None:
    """Run the job once with one executor; print timings and an output digest as JSON."""
    t0 = time.perf_counter()
    from saring.executors.runner import run_pipeline
    from saring.pipeline import Pipeline

    if kind == "ray":
        from saring.executors.ray import RayExecutor

        ray_tmp = tempfile.mkdtemp(prefix="rb-", dir="/tmp")  # short: AF_UNIX path limit
        ex = RayExecutor(workers=workers, temp_dir=ray_tmp)
        ex.map(len, [""])  # start Ray now so its start-up is timed apart
    else:
        from saring.executors.local import LocalExecutor

        ex = LocalExecutor(workers)
    t1 = time.perf_counter()
    res = run_pipeline(Pipeline.default(), inputs, out, executor=ex, workers=workers,
                       progress=False)
    t2 = time.perf_counter()
    ex.close()
    t3 = time.perf_counter()
    if kind == "ray":
        shutil.rmtree(ray_tmp, ignore_errors=True)
    digest = hashlib.sha256()
    for sub in ("kept", "rejected", "errors"):
        for p in sorted((Path(out) / sub).rglob("*")):  # kept/ has one folder per language
            if p.is_file():
                digest.update(str(p.relative_to(out)).encode() + p.read_bytes())
    print(json.dumps({"start_s": t1 - t0, "job_s": t2 - t1, "stop_s": t3 - t2,
                      "counts": res.counts, "ok": res.ok, "digest": digest.hexdigest()[:16]}))


def child_fixed(workers: int, tasks: int = 200, idle_s: float = 10.0) -> None:
    """A local Ray's fixed cost: start, ``tasks`` tiny tasks, ``idle_s`` idle, stop."""
    from saring.executors.ray import RayExecutor

    t0 = time.perf_counter()
    ray_tmp = tempfile.mkdtemp(prefix="rb-", dir="/tmp")
    ex = RayExecutor(workers=workers, temp_dir=ray_tmp)
    ex.map(len, [""])
    t1 = time.perf_counter()
    ex.map(len, ["x"] * tasks)
    time.sleep(idle_s)
    t2 = time.perf_counter()
    ex.close()
    t3 = time.perf_counter()
    shutil.rmtree(ray_tmp, ignore_errors=True)
    print(json.dumps({"start_s": t1 - t0, "job_s": t2 - t1, "stop_s": t3 - t2,
                      "counts": {"input": tasks, "kept": 0}, "ok": True, "digest": "-"}))


def fixed_cost(workers: int, rounds: int) -> None:
    """Lean (this executor's default) against a full local Ray (``SARING_RAY_LEAN=0``),
    alternating, each in its own child process, CPU of every process."""
    totals = {"lean": 0.0, "full": 0.0}
    for r in range(rounds):
        for variant in ("lean", "full") if r % 2 == 0 else ("full", "lean"):
            os.environ["SARING_RAY_LEAN"] = "1" if variant == "lean" else "0"
            info = measure("fixed", workers, [], Path("-"))
            totals[variant] += info["cpu_s"]
            print(f"round {r} {variant}: cpu {info['cpu_s']:5.2f} s  start {info['start_s']:.1f} s "
                  f"stop {info['stop_s']:.1f} s  processes {info['by_process']}  "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    os.environ.pop("SARING_RAY_LEAN", None)
    print(f"all rounds: lean {totals['lean']:.2f} vs full {totals['full']:.2f} CPU-s "
          f"({100 * (totals['lean'] / totals['full'] - 1):+.1f}%)")


# ----------------------------------------------------------------------------- parent
def _become_subreaper() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("bench_ray: prctl(PR_SET_CHILD_SUBREAPER) failed; Linux is needed")


class TreeSampler:
    """Last-seen CPU seconds (user + system) of every process under this one, sampled every
    ``period`` s. Ray's daemons reap their own workers without passing the time up the tree
    (``RUSAGE_CHILDREN`` here saw 3.2 of 10.4 CPU-s in a check), so sampling is what counts
    them; a process's time after its last sample (< ``period``) is missed, for both executors."""

    def __init__(self, period: float = 0.1) -> None:
        import psutil

        self.psutil = psutil
        self.period = period
        self.cpu: dict[tuple[int, float], float] = {}  # (pid, create_time) -> cpu s
        self.names: dict[tuple[int, float], str] = {}

    def sample(self, root: int | None = None) -> int:
        """Sample every process under this one (``root``: only that process and its
        descendants, plus processes seen under it before that are now orphans)."""
        alive = 0
        if root is None:
            procs = self.psutil.Process().children(recursive=True)
        else:
            try:
                top = self.psutil.Process(root)
                procs = [top, *top.children(recursive=True)]
            except self.psutil.Error:
                procs = []
            seen = {p.pid for p in procs}
            for p in self.psutil.Process().children(recursive=True):  # orphans we know
                try:
                    if p.pid not in seen and (p.pid, p.create_time()) in self.cpu:
                        procs.append(p)
                except self.psutil.Error:
                    continue
        for p in procs:
            try:
                with p.oneshot():
                    t = p.cpu_times()
                    key = (p.pid, p.create_time())
                    if key not in self.names or self.cpu.get(key, 0.0) < 0.5:  # named after exec
                        cmd = p.cmdline()
                        script = next((c for c in cmd[1:3] if c.endswith(".py")), "")
                        name = f"{p.name()} {Path(script).name}".strip()
                        # a Ray worker renames itself (ray::IDLE, ray::run_task) once started
                        self.names[key] = "python default_worker.py" if name.startswith("ray::") else name
                    if p.status() != self.psutil.STATUS_ZOMBIE:
                        alive += 1
            except self.psutil.Error:
                continue
            self.cpu[key] = max(self.cpu.get(key, 0.0), t.user + t.system)
        return alive

    def total(self) -> float:
        return sum(self.cpu.values())

    def by_name(self) -> dict[str, str]:
        """CPU seconds and process count per program, e.g. ``{"python default_worker.py": "43.8 (x3)"}``."""
        cpu: dict[str, float] = {}
        count: dict[str, int] = {}
        for key, t in self.cpu.items():
            name = self.names.get(key, "?")
            cpu[name] = cpu.get(name, 0.0) + t
            count[name] = count.get(name, 0) + 1
        return {n: f"{cpu[n]:.1f} (x{count[n]})" for n in sorted(cpu, key=lambda n: -cpu[n])}


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            return


def measure(kind: str, workers: int, inputs: list[str], out: Path) -> dict:
    sampler = TreeSampler()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, "--workers", str(workers),
                             "--out", str(out), *inputs], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        sampler.sample()
        time.sleep(sampler.period)
    stdout, stderr = proc.communicate()
    deadline = time.monotonic() + 20
    leftovers: list[int] = []
    while sampler.sample():  # orphaned daemons still shutting down: count them, then reap
        _reap()
        if time.monotonic() > deadline:
            for p in sampler.psutil.Process().children(recursive=True):
                leftovers.append(p.pid)
                p.kill()
            break
        time.sleep(sampler.period)
    _reap()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"bench_ray: {kind} run failed:\n{stderr[-3000:]}")
    info = json.loads(stdout.strip().splitlines()[-1])
    info.update(kind=kind, wall_s=wall, leftovers=leftovers, cpu_s=sampler.total(),
                by_process=sampler.by_name(),
                stderr_lines=len([ln for ln in stderr.splitlines() if ln.strip()]))
    return info


def measure_together(workers: int, inputs: list[str], tmp: Path, r: int) -> list[dict]:
    """Both executors at once, each in its own child process: whatever the other engineers'
    load does to CPU time (contention inflates it), it does to both runs alike. Each run's CPU
    is that of its own process tree (Ray's daemons are descendants of its driver)."""
    samplers = {k: TreeSampler() for k in ("local", "ray")}
    procs = {}
    t0 = time.perf_counter()
    for kind in ("local", "ray") if r % 2 == 0 else ("ray", "local"):
        procs[kind] = subprocess.Popen(
            [sys.executable, __file__, "--child", kind, "--workers", str(workers), "--out",
             str(tmp / f"out-{kind}-{r}"), *inputs], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
    walls: dict[str, float] = {}
    outs: dict[str, tuple[str, str]] = {}
    while len(walls) < 2:
        for kind, proc in procs.items():
            if kind in walls:
                continue
            samplers[kind].sample(proc.pid)
            if proc.poll() is not None:
                outs[kind] = proc.communicate()
                walls[kind] = time.perf_counter() - t0
        time.sleep(0.1)
    deadline = time.monotonic() + 20
    while any([s.sample(procs[k].pid) for k, s in samplers.items()]):  # daemons shutting down
        _reap()
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    _reap()
    runs = []
    for kind, proc in procs.items():
        stdout, stderr = outs[kind]
        if proc.returncode != 0:
            sys.exit(f"bench_ray: {kind} run failed:\n{stderr[-3000:]}")
        info = json.loads(stdout.strip().splitlines()[-1])
        info.update(kind=kind, wall_s=walls[kind], leftovers=[], cpu_s=samplers[kind].total(),
                    by_process=samplers[kind].by_name(),
                    stderr_lines=len([ln for ln in stderr.splitlines() if ln.strip()]))
        runs.append(info)
    return runs


class _Recording:
    """A serial executor that also records what an executor ships: the pickled function once
    per ``map`` (Ray: one ``ray.put``; the local pool: once per worker) and each pickled task."""

    parallelism = 1
    workers = 1

    def __init__(self) -> None:
        import pickle

        self._dumps = pickle.dumps
        self.maps: list[tuple[str, int, list[int]]] = []  # desc, fn bytes, task bytes

    def map(self, fn, tasks, *, desc=""):  # noqa: ANN001, ANN201 - the Executor protocol
        self.maps.append((desc, len(self._dumps(fn)), [len(self._dumps(t)) for t in tasks]))
        return [fn(t) for t in tasks]

    def close(self) -> None:
        pass


def task_bytes(shards: int) -> None:
    """Bytes per segment task of the default pipeline over ``shards`` copies of the example."""
    from saring.executors.runner import run_pipeline
    from saring.pipeline import Pipeline

    sample = Path(__file__).resolve().parents[1] / "examples" / "sample.jsonl"
    with tempfile.TemporaryDirectory(prefix="bench-bytes-") as tmp:
        inputs = []
        for i in range(shards):
            p = Path(tmp) / f"s{i:03d}.jsonl"
            p.write_bytes(sample.read_bytes().replace(b'"id": "', f'"id": "{i}-'.encode()))
            inputs.append(str(p))
        rec = _Recording()
        run_pipeline(Pipeline.default(), inputs, Path(tmp) / "out", executor=rec, progress=False)
    for desc, fn_b, tb in rec.maps:
        if not desc.startswith("segment"):
            continue
        per_task = sum(tb) / len(tb)
        print(f"{desc}: {len(tb)} tasks; task {per_task:,.0f} B, function {fn_b:,} B once per map; "
              f"shipped per task {per_task + fn_b / len(tb):,.0f} B "
              f"(if the function went with every task: {per_task + fn_b:,.0f} B)")


def compile_saring() -> None:
    """Write saring's .pyc files first, as an install does: with PYTHONDONTWRITEBYTECODE set
    (this project's dev shells) every process would compile the modules it imports again, and
    an executor with more processes importing saring (Ray's workers) would pay it more often."""
    import compileall

    import saring

    compileall.compile_dir(str(Path(saring.__file__).parent), quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000, help="records taken from each news corpus")
    ap.add_argument("--shards", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--together", action="store_true",
                    help="run local and Ray at the same time (same machine load for both)")
    ap.add_argument("--task-bytes", action="store_true",
                    help="only report the pickled bytes of segment tasks and their function")
    ap.add_argument("--fixed", action="store_true",
                    help="only a local Ray's fixed cost (start, 200 tiny tasks, 10 s idle, stop), "
                         "lean against full")
    ap.add_argument("--child", choices=["local", "ray", "fixed"], help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.task_bytes:
        task_bytes(a.shards)
        return
    if a.child == "fixed":
        child_fixed(a.workers)
        return
    if a.child:
        child(a.child, a.workers, a.out, a.inputs)
        return
    _become_subreaper()
    compile_saring()
    if a.fixed:
        fixed_cost(a.workers, a.rounds)
        return
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        inputs = make_shards(Path(tmp) / "in", a.docs, a.shards)
        print(f"{a.docs} docs x {len(NEWS)} news corpora in {a.shards} shards, "
              f"{a.workers} workers, {a.rounds} round(s); load {os.getloadavg()[0]:.1f}")
        runs = []
        for r in range(a.rounds):
            order = ("local", "ray") if r % 2 == 0 else ("ray", "local")
            if a.together:
                both = measure_together(a.workers, inputs, Path(tmp), r)
            else:
                both = [measure(kind, a.workers, inputs, Path(tmp) / f"out-{kind}-{r}")
                        for kind in order]
            for info in both:
                kind = info["kind"]
                info["round"] = r
                runs.append(info)
                print(f"round {r} {kind:5s}: cpu {info['cpu_s']:6.1f} s  wall {info['wall_s']:6.1f} s"
                      f"  (start {info['start_s']:.1f}, job {info['job_s']:.1f}, stop "
                      f"{info['stop_s']:.1f})  docs {info['counts']['input']}  kept "
                      f"{info['counts']['kept']}  digest {info['digest']}  stderr lines "
                      f"{info['stderr_lines']}  leftover pids {info['leftovers']}  "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
                print(f"    cpu by process: {info['by_process']}", flush=True)
    for r in range(a.rounds):
        loc = next(x for x in runs if x["round"] == r and x["kind"] == "local")
        ray = next(x for x in runs if x["round"] == r and x["kind"] == "ray")
        print(f"round {r}: Ray CPU overhead {100 * (ray['cpu_s'] / loc['cpu_s'] - 1):+.1f}% "
              f"({ray['cpu_s']:.1f} vs {loc['cpu_s']:.1f} CPU-s); identical outputs: "
              f"{ray['digest'] == loc['digest']}")
    tot_l = sum(x["cpu_s"] for x in runs if x["kind"] == "local")
    tot_r = sum(x["cpu_s"] for x in runs if x["kind"] == "ray")
    print(f"all rounds: Ray CPU overhead {100 * (tot_r / tot_l - 1):+.1f}% "
          f"({tot_r:.1f} vs {tot_l:.1f} CPU-s)")


if __name__ == "__main__":
    main()
