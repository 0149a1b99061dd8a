"""Dedup benchmark: quality on injected near-duplicates, and speed against datatrove's MinHash.

Quality: the first ``--docs-per-file`` documents of the four Indonesian news corpora, plus
near-duplicates of a ``--fraction`` of them (word edits, appended boilerplate, truncation,
paragraph shuffles). Ground truth is exact word-5-gram Jaccard over *all* pairs (prefix-filter
join), so natural duplicates in the corpora count too. Precision: removed documents whose true
Jaccard with their kept document reaches the threshold. Recall: true pairs at or above the
threshold with at least one side removed.

Speed: the same news documents through datatrove 0.10.1's 4-stage MinHash (``/tmp/anchor-venv``)
and through ``saring`` with the same settings (word 5-grams, 14 bands x 8 rows = 112 hashes,
1 task / 1 worker), side by side in one run; docs/s per core and the ratio.

    .venv/bin/python bench/bench_dedup.py [--docs-per-file 1500] [--speed-docs 0] [--no-datatrove]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from _corpora import NEWS

from saring.dedup.stage import Dedup
from saring.document import Document
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.step import StageContext

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.dedup.evaluate import inject, jaccard, score_run, shingle_set, similar_pairs  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ANCHOR_PY = Path("/tmp/anchor-venv/bin/python")


def load_news(per_file: int | None) -> list[tuple[str, str]]:
    out = []
    for name in NEWS:
        with gzip.open(SHARED / "corpora" / name, "rb") as f:
            for line in itertools.islice(f, per_file):
                r = orjson.loads(line)
                out.append((f"{name.split('_')[2]}:{r['id']}", r["text"]))
    return out


def write_shards(folder: Path, docs: list[Document], shards: int) -> list[Path]:
    paths = []
    for i in range(shards):
        p = folder / f"in-{i:03d}.jsonl.zst"
        write_docs(p, docs[i::shards])
        paths.append(p)
    return paths


def run_saring(paths: list[Path], work: Path, **params: object) -> tuple[float, dict[str, str], dict]:
    """Run the dedup stage serially; returns seconds, removed id -> kept id, stats."""
    stage = Dedup(**params)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    out = stage.run(paths, StageContext(SerialExecutor(), work))
    secs = time.perf_counter() - t0
    removed = {}
    for p in out.outputs:
        for d in read_docs(p):
            if d.decision.step == stage.label:
                removed[d.id] = d.annotations.get(stage.label, {}).get("kept_id", "")
    return secs, removed, out.stats.to_dict()


def quality(args: argparse.Namespace, tmp: Path) -> None:
    base = load_news(args.docs_per_file)
    records = inject(base, args.fraction, seed=args.seed)
    docs = [Document(i, t) for i, t, _, _ in records]
    print(f"\n## Quality: {len(base)} news docs + {len(records) - len(base)} injected near-duplicates")
    t0 = time.perf_counter()
    sets = {i: shingle_set(t) for i, t, _, _ in records}
    ids = [i for i, _, _, _ in records]
    truth_idx = similar_pairs([sets[i] for i in ids], 0.5)
    truth = {(ids[a], ids[b]): s for (a, b), s in truth_idx.items()}
    print(f"ground truth: {len(truth)} pairs with exact Jaccard >= 0.5 ({time.perf_counter() - t0:.1f}s)")
    paths = write_shards(tmp / "quality", docs, 4)
    print("\n| threshold | removed | true pairs | precision | recall | seconds |")
    print("|---:|---:|---:|---:|---:|---:|")
    at08: dict[str, str] = {}
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        secs, removed, _ = run_saring(paths, tmp / f"qwork-{t}", threshold=t, paragraphs=False)
        s = score_run(sets, truth, removed, t)
        print(f"| {t} | {s['removed']} | {s['true_pairs']} | {s['precision']:.4f} | {s['recall']:.4f} | {secs:.1f} |")
        if t == 0.8:
            at08 = removed
    # injected pairs only, by true Jaccard bin, at threshold 0.8
    print("\nInjected (source, copy) pairs at threshold 0.8, by true Jaccard and transform:")
    print("\n| true Jaccard | pairs | detected | by transform (detected/pairs) |")
    print("|---|---:|---:|---|")
    bins = [(0.5, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.01)]
    rows: dict[tuple[float, float], list[tuple[str, bool]]] = {b: [] for b in bins}
    for i, _, src, kind in records:
        if src is None:
            continue
        j = jaccard(sets[i], sets[src])
        for lo, hi in bins:
            if lo <= j < hi:
                rows[(lo, hi)].append((kind or "", i in at08 or src in at08))
    for (lo, hi), items in rows.items():
        if not items:
            continue
        per: dict[str, list[int]] = {}
        for kind, hit in items:
            per.setdefault(kind, [0, 0])
            per[kind][0] += hit
            per[kind][1] += 1
        detail = ", ".join(f"{k} {h}/{n}" for k, (h, n) in sorted(per.items()))
        hits = sum(h for _, h in items)
        print(f"| [{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'} | {len(items)} | {hits / len(items):.3f} | {detail} |")


DATATROVE_SCRIPT = r'''
import json, sys, time
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup import MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature
from datatrove.pipeline.dedup.minhash import MinhashConfig, MinhashDedupBuckets
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.hashing import HashConfig

inp, out = sys.argv[1], sys.argv[2]
cfg = MinhashConfig(hash_config=HashConfig(precision=64, hash_fc="xxhash"), n_grams=5, num_buckets=14, hashes_per_bucket=8)
LANG = "ind_Latn"
if __name__ == "__main__":
    reader = JsonlReader(inp)
    times = {}
    t0 = time.perf_counter()
    LocalPipelineExecutor([reader, MinhashDedupSignature(f"{out}/sigs", config=cfg, language=LANG)], tasks=1, workers=1, logging_dir=f"{out}/logs/s1").run()
    times["signatures"] = time.perf_counter() - t0
    t = time.perf_counter()
    LocalPipelineExecutor([MinhashDedupBuckets(f"{out}/sigs", f"{out}/buckets", config=cfg)], tasks=cfg.num_buckets, workers=1, logging_dir=f"{out}/logs/s2").run()
    times["buckets"] = time.perf_counter() - t
    t = time.perf_counter()
    LocalPipelineExecutor([MinhashDedupCluster(f"{out}/buckets", f"{out}/remove_ids", config=cfg)], tasks=1, workers=1, logging_dir=f"{out}/logs/s3").run()
    times["cluster"] = time.perf_counter() - t
    t = time.perf_counter()
    LocalPipelineExecutor([reader, MinhashDedupFilter(f"{out}/remove_ids", exclusion_writer=JsonlWriter(f"{out}/removed")), JsonlWriter(f"{out}/output")], tasks=1, workers=1, logging_dir=f"{out}/logs/s4").run()
    times["filter"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - t0
    print("RESULT " + json.dumps(times))
'''


def count_jsonl_gz(folder: Path) -> int:
    n = 0
    for p in folder.glob("*.jsonl.gz"):
        with gzip.open(p, "rb") as f:
            n += sum(1 for _ in f)
    return n


def speed(args: argparse.Namespace, tmp: Path) -> None:
    base = load_news(None)
    if args.speed_docs:
        base = base[: args.speed_docs]
    n = len(base)
    chars = sum(len(t) for _, t in base)
    print(f"\n## Speed: {n} news docs ({chars / 1e6:.1f} M chars), 1 task, 1 worker")
    inp = tmp / "speed_in"
    inp.mkdir()
    with gzip.open(inp / "news.jsonl.gz", "wb", compresslevel=1) as f:
        for i, t in base:
            f.write(orjson.dumps({"id": i, "text": t}) + b"\n")

    rows = []  # (label, wall seconds, cpu seconds, removed)
    # saring, same settings as datatrove: 5-grams, 14 x 8 = 112 hashes, MinHash only
    for label, params in (
        ("saring (same settings: 5-gram, 14x8, near-dup only)", dict(num_perm=112, bands=14, rows=8, exact=False, paragraphs=False)),
        ("saring (defaults: exact + near 128 perms 18x7 + paragraphs)", {}),
    ):
        t0, c0 = time.perf_counter(), time.process_time()
        docs = []
        with gzip.open(inp / "news.jsonl.gz", "rb") as f:
            for line in f:
                r = orjson.loads(line)
                docs.append(Document(r["id"], r["text"]))
        work = tmp / f"speed_work_{len(rows)}"
        shard = work / "in-000.jsonl.zst"
        write_docs(shard, docs)
        ingest = time.perf_counter() - t0
        secs, removed, stats = run_saring([shard], work / "w", **params)
        total = ingest + secs
        cpu = time.process_time() - c0
        rows.append((label, total, cpu, len(removed)))
        print(f"{label}: ingest {ingest:.1f}s + dedup {secs:.1f}s = {total:.1f}s wall, {cpu:.1f}s CPU, removed {len(removed)}")

    if args.no_datatrove or not ANCHOR_PY.exists():
        print("datatrove: skipped")
    else:
        script = tmp / "dt_minhash.py"
        script.write_text(DATATROVE_SCRIPT)
        out = tmp / "dt_out"
        t0 = time.perf_counter()
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(
            [str(ANCHOR_PY), str(script), str(inp), str(out)], capture_output=True, text=True, cwd=tmp
        )
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        res = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
        if proc.returncode != 0 or not res:
            print("datatrove failed:", proc.stderr[-2000:])
        else:
            times = json.loads(res[0][7:])
            kept = count_jsonl_gz(out / "output")
            print("datatrove stages: " + ", ".join(f"{k} {v:.1f}s" for k, v in times.items()) + f" (process wall {wall:.1f}s, CPU {cpu:.1f}s)")
            rows.append(("datatrove 0.10.1 MinhashDedup 4 stages (5-gram, 14x8)", times["total"], cpu, n - kept))
    print("\nCPU seconds include everything the process (and for datatrove its children) ran; on a")
    print("shared machine they are the fairer per-core measure; wall seconds are shown as well.")
    print("\n| system | wall s | CPU s | docs per CPU-second | removed | vs datatrove (CPU) | vs datatrove (wall) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    dt = next((r for r in rows if r[0].startswith("datatrove")), None)
    for label, secs, cpu, removed in rows:
        r_cpu = f"{dt[2] / cpu:.1f}x" if dt else "n/a"
        r_wall = f"{dt[1] / secs:.1f}x" if dt else "n/a"
        print(f"| {label} | {secs:.1f} | {cpu:.1f} | {n / cpu:,.0f} | {removed} | {r_cpu} | {r_wall} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs-per-file", type=int, default=1500)
    ap.add_argument("--fraction", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--speed-docs", type=int, default=0, help="limit speed input (0 = all news)")
    ap.add_argument("--no-datatrove", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    if not (SHARED / "corpora").exists():
        sys.exit(f"shared corpora not found at {SHARED / 'corpora'}")
    tmp = Path(tempfile.mkdtemp(prefix="bench_dedup_"))
    try:
        if not args.skip_quality:
            quality(args, tmp)
        if not args.skip_speed:
            speed(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
