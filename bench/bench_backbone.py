"""Backbone benchmark: framework overhead vs a bare I/O loop, and peak RSS at 1x vs 4x input.

1. Identity pipeline (read -> no steps -> write kept/rejected/errors + stats + markers) through
   ``run_pipeline`` on one core, next to the raw I/O limit measured in the same run: gzip read,
   JSON parse, JSON dump, gzip write (same compression level) in a bare loop. Runs alternate
   (bare, identity, bare, identity, ...) and the best of N CPU times is compared, so machine
   noise hits both sides alike.
2. Peak RSS (ru_maxrss) of a fresh process running the identity pipeline on one news file and
   on a 4x bigger single shard (the same file concatenated four times).

Usage: python bench/bench_backbone.py [--repeat 3] [--files id_news_github_scrapes.jsonl.gz ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"
NEWS = ["id_news_github_scrapes.jsonl.gz", "id_news_gikirima_multioutlet.jsonl.gz",
        "id_news_indosum_dev.jsonl.gz", "id_news_detik_langscrape.jsonl.gz"]
GZIP_LEVEL = 6  # the writers' level, so both sides compress the same way


def bare_loop(inputs: list[Path], out_dir: Path) -> int:
    """The raw I/O limit: gz read + JSON parse + JSON dump + gz write, nothing else."""
    n = 0
    for p in inputs:
        with gzip.open(p, "rb") as fin, gzip.open(out_dir / p.name, "wb", compresslevel=GZIP_LEVEL) as fout:
            buf = []
            for line in fin:
                rec = orjson.loads(line)
                buf.append(orjson.dumps(rec, option=orjson.OPT_APPEND_NEWLINE))
                n += 1
                if len(buf) >= 1000:
                    fout.write(b"".join(buf))
                    buf = []
            fout.write(b"".join(buf))
    return n


def identity(inputs: list[Path], out_dir: Path) -> int:
    from saring import Pipeline
    from saring.executors.runner import run_pipeline

    res = run_pipeline(Pipeline([]), [str(p) for p in inputs], out_dir, progress=False, resume=False)
    assert res.balanced
    return res.counts["input"]


def timed(fn, inputs: list[Path], tmp: Path) -> tuple[int, float, float]:
    out = Path(tempfile.mkdtemp(dir=tmp))
    c0, w0 = time.process_time(), time.perf_counter()
    n = fn(inputs, out)
    c1, w1 = time.process_time(), time.perf_counter()
    shutil.rmtree(out)
    return n, c1 - c0, w1 - w0


RSS_SCRIPT = """
import resource, sys
from saring import Pipeline
from saring.executors.runner import run_pipeline
res = run_pipeline(Pipeline([]), sys.argv[2:], sys.argv[1], progress=False, resume=False)
print(res.counts["input"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss(inputs: list[Path], out: Path) -> tuple[int, int]:
    r = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(out), *map(str, inputs)],
                       capture_output=True, text=True, check=True)
    docs, kib = r.stdout.split()
    return int(docs), int(kib)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--files", nargs="*", default=NEWS)
    ap.add_argument("--json", type=Path, default=None, help="also write results as JSON here")
    args = ap.parse_args()
    inputs = [CORPORA / f for f in args.files]
    missing = [p for p in inputs if not p.exists()]
    if missing:
        sys.exit(f"missing corpora: {missing}")
    tmp = Path(tempfile.mkdtemp(prefix="bench_backbone_"))
    try:
        rows = {"bare": [], "identity": []}
        for _ in range(args.repeat):
            rows["bare"].append(timed(bare_loop, inputs, tmp))
            rows["identity"].append(timed(identity, inputs, tmp))
        n = rows["bare"][0][0]
        assert all(r[0] == n for v in rows.values() for r in v), "doc counts differ"
        best = {k: min(v, key=lambda r: r[1]) for k, v in rows.items()}
        overhead = best["identity"][1] / best["bare"][1] - 1
        print(f"\nThroughput, one core, {n:,} docs from {len(inputs)} news files, best of {args.repeat}")
        print(f"{'variant':<28}{'CPU s':>8}{'wall s':>8}{'docs/s/core':>14}{'vs bare':>9}")
        for k, label in (("bare", "bare gz+json loop"), ("identity", "identity pipeline (saring)")):
            _, cpu, wall = best[k]
            print(f"{label:<28}{cpu:>8.2f}{wall:>8.2f}{n / cpu:>14,.0f}{cpu / best['bare'][1]:>8.2f}x")
        print(f"framework overhead (CPU): {overhead * 100:+.1f}%  (target < 25%)")

        one = inputs[0]
        big = tmp / f"x4_{one.name}"
        with open(big, "wb") as f:
            for _ in range(4):
                f.write(one.read_bytes())  # gzip members concatenate into one valid stream
        d1, r1 = peak_rss([one], tmp / "rss1")
        d4, r4 = peak_rss([big], tmp / "rss4")
        print(f"\nPeak RSS, identity pipeline, one shard ({one.name})")
        print(f"{'input':<8}{'docs':>10}{'peak RSS MiB':>14}")
        print(f"{'1x':<8}{d1:>10,}{r1 / 1024:>14.1f}")
        print(f"{'4x':<8}{d4:>10,}{r4 / 1024:>14.1f}")
        print(f"4x / 1x peak RSS: {r4 / r1:.2f}")
        if args.json:
            args.json.write_text(json.dumps({
                "docs": n, "bare_cpu_s": best["bare"][1], "identity_cpu_s": best["identity"][1],
                "overhead": overhead, "rss1_kib": r1, "rss4_kib": r4, "docs1": d1, "docs4": d4,
            }, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
