"""The run's own per-document loop (segment 0 of ``saring run``) vs the bare gzip+JSON loop.

    python bench/bench_segment_loop.py [--limit 500] [--rounds 3]

``bench_pipeline.py`` times the chain inside a loop of its own (every record written back with
gzip level 6). This bench times the loop ``saring run`` actually runs per shard: the first
segment's task (``executors.segment.run_segment_task``) reading a ``.jsonl.gz`` shard, hashing
ids, running the default per-document chain and writing kept documents to the zstd document file
dedup reads, rejected ones to ``rejected/`` (gzip), errors, the observers a run attaches (report,
domain counter, language tally) and the marker. Three variants on the same shard files, CPU of
this process, alternated per round (best kept):

- ``bare``: gzip read + orjson parse + orjson dump + gzip write (level 6, to memory): the floor
  ``bench_pipeline.py`` compares with;
- ``loop``: the segment task with no step (the run's reading, writing and bookkeeping alone);
- ``chain``: the segment task with the default chain (steps set up beforehand: start-up is not
  per-document cost).

The news corpora's first ``--limit`` records each (4 shards) are re-written to a temp folder.
"""

from __future__ import annotations

import argparse
import gzip
import io
import itertools
import pickle
import shutil
import tempfile
import time
from pathlib import Path

import orjson

from saring.dataset.tally import LanguageTally
from saring.executors import segment
from saring.executors.marker import Marker
from saring.executors.segment import DOCFILE, SegmentSteps, SegmentTask, run_segment_task
from saring.io.readers import ReaderConfig, source_for_file
from saring.pipeline import Pipeline
from saring.report.observer import ReportObserver
from saring.url.observe import with_domain_counter

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWS = ["id_news_gikirima_multioutlet", "id_news_github_scrapes", "id_news_indosum_dev",
        "id_news_detik_langscrape"]


def shards(folder: Path, limit: int) -> list[Path]:
    out = []
    for name in NEWS:
        with gzip.open(SHARED / "corpora" / f"{name}.jsonl.gz", "rb") as f:
            lines = list(itertools.islice(f, limit))
        p = folder / f"{name}.jsonl.gz"
        p.write_bytes(gzip.compress(b"".join(lines), compresslevel=6, mtime=0))
        out.append(p)
    return out


def bare(path: Path) -> int:
    sink, n = io.BytesIO(), 0
    with gzip.open(path, "rb") as fin, gzip.GzipFile(fileobj=sink, mode="wb", compresslevel=6,
                                                      mtime=0) as fout:
        for line in fin:
            fout.write(orjson.dumps(orjson.loads(line)) + b"\n")
            n += 1
    return n


def task_for(path: Path, work: Path, observers: bytes) -> SegmentTask:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    name = path.name.removesuffix(".jsonl.gz")
    return SegmentTask(
        shard=name, segment=0, reader=ReaderConfig(), marker=Marker(str(work / "done.json"), "bench"),
        kept_path=str(work / "kept.docs.zst"), kept_format=DOCFILE,
        rejected_path=str(work / "rejected.jsonl.gz"), rejected_format="jsonl.gz",
        errors_path=str(work / "errors.jsonl.gz"),
        source=source_for_file(path), observers_blob=observers,
        ids_path=str(work / "ids.npy"),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=500, help="records per news corpus")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    if not (SHARED / "corpora").exists():
        raise SystemExit(f"shared corpora not found under {SHARED}")
    tmp = Path(tempfile.mkdtemp(prefix="bench_segment_loop_"))
    try:
        files = shards(tmp, a.limit)
        pipe = Pipeline.default()
        steps = pipe.per_document().steps
        chain = SegmentSteps.of(steps)
        for s in segment._steps_for(chain.key, chain.blob):  # set up once, as a worker would
            s.ensure_setup()
        none = SegmentSteps.of([])
        observers = pickle.dumps(with_domain_counter(pipe, [ReportObserver.for_pipeline(tmp / "out", steps)])
                                 + [LanguageTally(list(pipe.languages))])
        variants = {
            "bare": lambda p: bare(p),
            "loop": lambda p: run_segment_task(task_for(p, tmp / "w", observers), steps=none).input,
            "chain": lambda p: run_segment_task(task_for(p, tmp / "w", observers), steps=chain).input,
        }
        best: dict[str, float] = {}
        docs = 0
        for r in range(a.rounds):
            for name, fn in variants.items():
                if name == "chain":  # the loop variant evicted the chain's set-up steps
                    for s in segment._steps_for(chain.key, chain.blob):
                        s.ensure_setup()
                c0 = time.process_time()
                n = sum(fn(p) for p in files)
                cpu = time.process_time() - c0
                docs = n
                best[name] = min(best.get(name, cpu), cpu)
                print(f"round {r} {name:<5} {cpu / n * 1e6:8.1f} us/doc", flush=True)
        us = {k: v / docs * 1e6 for k, v in best.items()}
        print(f"\n{docs} news docs ({a.limit} of each of {len(NEWS)} corpora), best of {a.rounds}, CPU us per doc:")
        print(f"  bare gzip+JSON loop          {us['bare']:8.1f}")
        print(f"  run's loop, no step          {us['loop']:8.1f}")
        print(f"  run's loop, default chain    {us['chain']:8.1f}   (chain alone ~{us['chain'] - us['loop']:.1f})")
        print(f"run's whole per-document loop as a share of the bare loop: {us['bare'] / us['chain']:.1%}"
              "  (issue 15 target >= 25%)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
