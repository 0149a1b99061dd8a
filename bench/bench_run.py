"""The run itself: scratch space, rerun of a finished folder, and one big file on 2 workers.

``work``: ``saring run`` (the default pipeline, CLI in a subprocess) over corpus files, with
``OUT/_work`` polled every 0.2 s: peak and final size next to the input's characters and the
output's size; then the same command again on the finished folder (time ratio).

``split``: one large uncompressed JSONL file generated from corpus records (unique ids; written
to a temp folder, never to the repo) run with ``--workers 1`` and ``--workers 2``, side by side
in one invocation; outputs must be byte-identical.

``ab``: whole-run CPU (user+sys of the child tree) of this checkout vs another ``src`` folder
(``--base``), alternating rounds on the same news documents (``--docs`` of gikirima +
github_scrapes, written to a temp folder), medians; outputs must be byte-identical. Under load,
CPU side by side is what can be compared.

Usage:
    python bench/bench_run.py work [--files a.jsonl.gz ...] [--workers 2]
    python bench/bench_run.py split [--mb 200] [--steps normalize,langid,quality]
    python bench/bench_run.py ab --base /work/main/src [--docs 5000] [--rounds 3] [--workers 1]
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import orjson

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"


def tree_bytes(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


class Poller:
    """Samples the size of a folder in a thread; keeps the peak."""

    def __init__(self, folder: Path, every: float = 0.2) -> None:
        self.folder, self.every, self.peak = folder, every, 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_bytes(self.folder))
            time.sleep(self.every)

    def __enter__(self) -> Poller:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, tree_bytes(self.folder))


def run_cli(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall s, CPU s of the child tree) of one ``saring run``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "saring.cli.main", "run", *args, "--no-progress"],
                       capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"saring run failed: {r.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def input_chars(files: list[Path]) -> tuple[int, int]:
    docs = chars = 0
    for p in files:
        with gzip.open(p, "rb") as f:
            for line in f:
                try:
                    t = orjson.loads(line).get("text")
                except orjson.JSONDecodeError:
                    continue
                if isinstance(t, str):
                    docs += 1
                    chars += len(t)
    return docs, chars


def bench_work(args: argparse.Namespace) -> None:
    files = [CORPORA / f for f in args.files] if args.files else sorted(CORPORA.glob("*.jsonl.gz"))
    files = [f for f in files if f.exists()]
    if not files:
        sys.exit(f"no corpus files under {CORPORA}")
    docs, chars = input_chars(files)
    tmp = Path(tempfile.mkdtemp(prefix="bench_run_"))
    out = tmp / "out"
    common = [*map(str, files), "-o", str(out), "--workers", str(args.workers)]
    with Poller(out / "_work") as poll:
        wall1, cpu1 = run_cli(common)
    final = tree_bytes(out / "_work")
    outputs = sum(tree_bytes(out / s) for s in ("kept", "rejected", "errors"))
    wall2, cpu2 = run_cli(common)
    stats = orjson.loads((out / "stats.json").read_bytes())
    print(f"{len(files)} files, {docs:,} docs, {chars / 1e6:.1f} M chars, workers {args.workers}")
    print(f"first run: {wall1:.1f} s wall, {cpu1:.1f} s CPU; kept {stats['counts']['kept']:,}")
    print(f"_work peak {poll.peak / 2**20:.1f} MiB = {poll.peak / chars:.3f} B per input char")
    print(f"_work after {final / 2**10:.1f} KiB = {100 * final / outputs:.3f}% of the outputs "
          f"({outputs / 2**20:.1f} MiB)")
    print(f"rerun of the finished folder: {wall2:.2f} s wall ({100 * wall2 / wall1:.2f}% of the first), "
          f"{cpu2:.2f} s CPU; skipped {len(stats['skipped'])} units")
    shutil.rmtree(tmp)


def make_big(path: Path, mb: int) -> int:
    """Corpus records repeated with fresh ids until the file reaches ``mb`` MB."""
    recs = []
    for p in sorted(CORPORA.glob("id_news_*.jsonl.gz")):
        with gzip.open(p, "rb") as f:
            recs += [orjson.loads(x) for x in f]
    if not recs:
        sys.exit(f"no news corpora under {CORPORA}")
    n = size = 0
    with open(path, "wb") as f:
        while size < mb * 1_000_000:
            for r in recs:
                line = orjson.dumps({"id": f"r{n}", "text": r.get("text", "")}) + b"\n"
                f.write(line)
                size += len(line)
                n += 1
                if size >= mb * 1_000_000:
                    break
    return n


def outputs_of(out: Path) -> dict[str, bytes]:
    """Every output file (the kept folder holds one sub-folder per language) by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for s in ("kept", "rejected", "errors")
            for p in sorted((out / s).rglob("*")) if p.is_file()}


def bench_split(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench_split_"))
    big = tmp / "big.jsonl"
    n = make_big(big, args.mb)
    cfg = tmp / "p.yaml"
    cfg.write_text("steps: [" + ", ".join(args.steps.split(",")) + "]\n"
                   + (f"limits: {{shard_bytes: {args.shard_mb * 2**20}}}\n" if args.shard_mb else ""))
    print(f"{big.stat().st_size / 1e6:.0f} MB, {n:,} records, steps {args.steps}")
    res: dict[int, list[float]] = {}
    outs: dict[int, Path] = {}
    for k, w in enumerate(args.order):  # e.g. 1,2,2,1: each run into a fresh folder
        out = outs.setdefault(w, tmp / f"w{w}-{k}")
        if out.exists():
            out = tmp / f"w{w}-{k}"
        wall, cpu = run_cli([str(big), "-o", str(out), "--config", str(cfg), "--workers", str(w),
                             "--executor", "local"])
        shards = len(orjson.loads((out / "stats.json").read_bytes())["shards"])
        res.setdefault(w, []).append(wall)
        load = os.getloadavg()[0]
        print(f"workers {w}: {wall:.1f} s wall, {cpu:.1f} s CPU, {shards} shards, load after {load:.1f}")
    best = {w: min(v) for w, v in res.items()}
    print(f"speed-up 2 vs 1 workers (best of {len(res[1])} / {len(res[2])}): {best[1] / best[2]:.2f}x")
    assert outputs_of(outs[1]) == outputs_of(outs[2]), "outputs differ between 1 and 2 workers"
    print("outputs byte-identical")
    shutil.rmtree(tmp)


def bench_ab(args: argparse.Namespace) -> None:
    import statistics

    tmp = Path(tempfile.mkdtemp(prefix="bench_run_ab_"))
    inp = tmp / "in"
    inp.mkdir()
    for name in ("id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz"):
        with gzip.open(CORPORA / name, "rb") as f, gzip.open(inp / name, "wb") as out:
            for k, line in enumerate(f):
                if k >= args.docs // 2:
                    break
                out.write(line)
    here = str(Path(__file__).resolve().parents[1] / "src")
    sides = {"base": args.base, "this": here}
    cpu: dict[str, list[float]] = {k: [] for k in sides}
    for r in range(args.rounds):
        for name, src in sides.items():
            out = tmp / name
            shutil.rmtree(out, ignore_errors=True)
            wall, c = run_cli([str(inp), "-o", str(out), "--workers", str(args.workers)],
                              env={**os.environ, "PYTHONPATH": src,  # one resource cache per side
                                   "SARING_CACHE_DIR": str(tmp / f"cache-{name}")})
            cpu[name].append(c)
            print(f"round {r} {name}: {c:.2f} s CPU, {wall:.1f} s wall, load {os.getloadavg()[0]:.1f}", flush=True)
    same = outputs_of(tmp / "base") == outputs_of(tmp / "this")
    med = {k: statistics.median(v) for k, v in cpu.items()}
    print(f"median CPU base {med['base']:.2f} s, this {med['this']:.2f} s: base/this {med['base'] / med['this']:.3f}x; "
          f"outputs {'byte-identical' if same else 'DIFFER'}")
    shutil.rmtree(tmp)
    if not same:
        sys.exit(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("work")
    w.add_argument("--files", nargs="*", default=None)
    w.add_argument("--workers", type=int, default=2)
    s = sub.add_parser("split")
    s.add_argument("--mb", type=int, default=200)
    s.add_argument("--steps", default="normalize,langid,quality")
    s.add_argument("--shard-mb", type=int, default=0, help="limits.shard_bytes in MiB (default: the pipeline's)")
    s.add_argument("--order", type=lambda x: [int(v) for v in x.split(",")], default=[1, 2])
    a = sub.add_parser("ab")
    a.add_argument("--base", required=True, help="the other checkout's src folder")
    a.add_argument("--docs", type=int, default=5000)
    a.add_argument("--rounds", type=int, default=3)
    a.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    {"work": bench_work, "split": bench_split, "ab": bench_ab}[args.cmd](args)


if __name__ == "__main__":
    main()
