"""Dataset output benchmark: Parquet vs JSONL.gz writer throughput, and a mixed run over every
shared corpus with per-language figures.

1. ``--corpora``: the default pipeline (languages id ms jv su en other) over all of
   ``../shared/corpora/*.jsonl.gz`` into OUT; prints time, accounting and the per-language table,
   and checks that every kept document sits in its language's partition and that the card's
   counts equal ``stats.json``.
2. Writer throughput on the kept documents of that run (or of ``--run OUT`` from before): the
   training records are built once, then written by the dataset part writer as Parquet (zstd) and
   as JSONL.gz, alternating formats, ``--repeat`` times; the best CPU time of each is compared.
   The whole finalize phase (read kept document files, build records, write parts) is timed the
   same way for both formats.

Usage: python bench/bench_dataset.py --corpora --out /tmp/saring-mixed [--workers 2] [--repeat 3]
       python bench/bench_dataset.py --run /tmp/saring-mixed [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import orjson

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"


def mixed_run(out: Path, workers: int, corpora: Path = CORPORA) -> None:
    from saring import Pipeline
    from saring.dataset import read_records
    from saring.executors.runner import load_stats, run_pipeline
    from saring.languages import kept_partition

    inputs = sorted(corpora.glob("*.jsonl.gz"))
    if not inputs:
        sys.exit("shared corpora not found")
    pipeline = Pipeline.default()
    pipeline.writer["format"] = "parquet"
    t0 = time.perf_counter()
    res = run_pipeline(pipeline, [str(p) for p in inputs], out, workers=workers, progress=False,
                       resume=False)
    wall = time.perf_counter() - t0
    print(f"mixed run: {len(inputs)} files, {res.counts}, balanced={res.balanced}, {wall:.0f} s wall")
    stats = load_stats(out)
    print("| partition | documents | words | characters | files | rejected | errors | kept share |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for lang, v in stats["languages"].items():
        share = v["kept"] / v["input"] if v["input"] else 0.0
        print(f"| {lang} | {v['kept']:,} | {v['words']:,} | {v['characters']:,} | {len(v['files'])} | "
              f"{v['rejected']:,} | {v['errors']:,} | {share:.1%} |")
    bad = 0
    n = 0
    for lang, v in stats["languages"].items():
        if not v["kept"]:
            continue
        m = 0
        for rec in read_records(out, lang):
            m += 1
            bad += kept_partition(rec["lang"], pipeline.languages) != lang
        assert m == v["kept"], (lang, m, v["kept"])
        n += m
    assert n == res.counts["kept"] and bad == 0, (n, bad)
    print(f"checked: {n:,} kept documents, each in its language's partition; card = stats.json")


def writer_throughput(run: Path, repeat: int, limit: int) -> None:
    from saring.dataset import read_kept, read_records
    from saring.dataset.export import write_partitions
    from saring.dataset.parts import PartWriter
    from saring.io.docfile import write_docs

    if not (run / "kept").is_dir():
        sys.exit(f"{run} has no kept/ (run with --corpora first)")
    records = []
    for rec in read_records(run):
        records.append(rec)
        if len(records) >= limit:
            break
    chars = sum(len(r["text"]) + len(r["provenance"]) for r in records)
    print(f"writer: {len(records):,} records, {chars / 2**20:.0f} MiB of text + provenance")
    best: dict[str, float] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            for fmt in ("jsonl.gz", "parquet"):
                d = Path(tmp) / f"{fmt}-{i}"
                c0 = time.process_time()
                w = PartWriter(d, fmt)
                for r in records:
                    w.write(r)
                parts = w.finish()
                dt = time.process_time() - c0
                best[fmt] = min(best.get(fmt, dt), dt)
                sizes[fmt] = sum(p.stat().st_size for p in parts)
                shutil.rmtree(d)
    for fmt, dt in best.items():
        print(f"  {fmt:9s} {len(records) / dt:9,.0f} docs/s CPU  {chars / dt / 2**20:6.1f} MiB/s  "
              f"{sizes[fmt] / 2**20:7.1f} MiB on disk")
    print(f"  parquet / jsonl.gz throughput: {best['jsonl.gz'] / best['parquet']:.3f}")

    from saring import Pipeline

    langs = Pipeline.default().languages
    best_f: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        # the phase's input: kept document files (the run deletes its own once they are used)
        files = [Path(tmp) / "kept.docs.zst"]
        write_docs(files[0], read_kept(run))
        for i in range(repeat):
            for fmt in ("jsonl.gz", "parquet"):
                root = Path(tmp) / f"{fmt}-{i}"
                c0 = time.process_time()
                stats = write_partitions(files, root, langs, fmt)
                dt = time.process_time() - c0
                best_f[fmt] = min(best_f.get(fmt, dt), dt)
                n = sum(v.kept for v in stats.values())
                shutil.rmtree(root)
    for fmt, dt in best_f.items():
        print(f"  finalize {fmt:9s} {n / dt:9,.0f} docs/s CPU (read docfiles + records + write)")
    print(f"  finalize parquet / jsonl.gz throughput: {best_f['jsonl.gz'] / best_f['parquet']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", action="store_true", help="run the default pipeline over all corpora")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "saring-mixed")
    ap.add_argument("--run", type=Path, default=None, help="reuse a finished run folder")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpora-dir", type=Path, default=CORPORA)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=40_000, help="records for the writer benchmark")
    args = ap.parse_args()
    run = args.run or args.out
    if args.corpora:
        mixed_run(args.out, args.workers, args.corpora_dir)
    writer_throughput(run, args.repeat, args.limit)
    print(orjson.dumps({"run": str(run)}).decode())


if __name__ == "__main__":
    main()
