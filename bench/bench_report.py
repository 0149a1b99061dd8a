"""Cost of the run report: collector time per document vs the per-document chain, side by side.

    python bench/bench_report.py [--limit 2000] [--end-to-end]

Reads the first ``--limit`` records of each news corpus in ../shared/corpora, runs the default
per-document chain (what a shard task does), then feeds the finished documents to a
``ShardCollector`` and an id index, as the runner does. Prints CPU seconds of both, the ratio,
the size of the merged statistics and of the HTML page rendered from them (with a synthetic
stats/manifest around them), and the time to merge the per-corpus parts.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import tempfile
import time
from pathlib import Path

import orjson
from _corpora import NEWS

from saring.document import Document
from saring.pipeline import Pipeline
from saring.report.collect import ShardCollector, finalize, merge, rule_catalog
from saring.report.index import IndexBuilder
from saring.step import StepStats, run_steps

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def docs_of(name: str, limit: int) -> list[Document]:
    out = []
    with gzip.open(SHARED / name, "rb") as f:
        for i, line in enumerate(itertools.islice(f, limit)):
            rec = orjson.loads(line)
            text = rec.get("text") or ""
            if isinstance(text, str):
                out.append(Document(str(rec.get("id", i)), text, metadata={
                    "url": rec.get("url"), "source_file": name, "source_line": i + 1}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--end-to-end", action="store_true", help="also time whole runs with/without")
    args = ap.parse_args()
    pipe = Pipeline.default()
    steps = pipe.per_document().steps
    catalog = rule_catalog(pipe.steps)
    t_chain = t_collect = 0.0
    parts, n = [], 0
    for name in NEWS:
        if not (SHARED / name).exists():
            print(f"skip {name}: absent")
            continue
        docs = docs_of(name, args.limit)
        n += len(docs)
        t0 = time.process_time()
        done = list(run_steps(steps, docs, {}))
        t_chain += time.process_time() - t0
        col, idx = ShardCollector(catalog), IndexBuilder("/tmp")
        t0 = time.process_time()
        for i, d in enumerate(done):
            col.observe(d)
            idx.add(d.id, "/tmp/x", i)
        parts.append(col.to_dict())
        t_collect += time.process_time() - t0
    t0 = time.process_time()
    merged = finalize(merge(parts))
    merged["catalog"] = catalog
    t_merge = time.process_time() - t0
    size = len(orjson.dumps(merged))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "report").mkdir()
        (out / "report" / "stats.json").write_bytes(orjson.dumps(merged))
        (out / "stats.json").write_bytes(orjson.dumps({"counts": {"input": n}, "steps": {
            "read": StepStats(docs_in=n, docs_out=n).to_dict()}}))
        (out / "manifest.json").write_bytes(orjson.dumps({"config": pipe.to_config()}))
        from saring.report.html import render

        t0 = time.process_time()
        page = render(out)
        t_render = time.process_time() - t0
    print(f"documents: {n:,}")
    print(f"chain CPU s: {t_chain:.2f} ({n / t_chain:,.0f} docs/s)")
    print(f"collector+index CPU s: {t_collect:.3f} ({100 * t_collect / t_chain:.1f}% of the chain)")
    print(f"merge+PII mask CPU s: {t_merge:.3f}; render CPU s: {t_render:.3f}")
    print(f"merged stats: {size / 1024:,.0f} KiB; HTML page: {len(page.encode()) / 1024:,.0f} KiB")


def end_to_end(limit: int) -> None:
    """Whole serial runs with and without the report observer (alternating, twice each)."""
    from saring.executors.runner import run_pipeline
    from saring.report.observer import ReportObserver, finish_report

    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for name in NEWS[:2]:
            if not (SHARED / name).exists():
                continue
            p = Path(tmp) / name.replace(".gz", "")
            with gzip.open(SHARED / name, "rb") as f:
                p.write_bytes(b"".join(itertools.islice(f, limit)))
            inputs.append(p)
        if not inputs:
            print("skip end-to-end: corpora absent")
            return
        times: dict[bool, list[float]] = {False: [], True: []}
        for k in range(4):
            with_report = k % 2 == 1
            out = Path(tmp) / f"out{k}"
            pipe = Pipeline.default()
            obs = [ReportObserver.for_pipeline(out, pipe.steps)] if with_report else []
            t0 = time.process_time()
            res = run_pipeline(pipe, inputs, out, workers=1, executor="serial", progress=False,
                               observers=obs)
            if with_report:
                finish_report(out, res)
            times[with_report].append(time.process_time() - t0)
        a, b = min(times[False]), min(times[True])
        print(f"end-to-end serial run, {res.counts['input']:,} docs: without report {a:.2f} CPU s, "
              f"with report (collect + index + HTML) {b:.2f} CPU s (+{100 * (b - a) / a:.1f}%)")


if __name__ == "__main__":
    main()
    if "--end-to-end" in __import__("sys").argv:
        end_to_end(1000)
