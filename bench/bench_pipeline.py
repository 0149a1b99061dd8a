"""Whole default per-document chain vs the bare raw-I/O loop, side by side in one run.

    .venv/bin/python bench/bench_pipeline.py [--limit 2000] [--repeat 1] [--warmup 0]

Reads the 4 news corpora from ../shared/corpora (first ``--limit`` records each). Both variants do
the same I/O (gzip read, orjson parse, orjson dump, gzip write to memory); the chain variant also
builds documents and runs every per-document step of ``DEFAULT_STEPS`` (dedup is a corpus stage and
is benchmarked by bench_dedup.py). CPU seconds of this one process are the per-core figure; the
machine is shared, so wall seconds are printed but ratios are what to read. Per-step seconds come
from StepStats. Also prints the keep/reject rates by step and reason per corpus.

After set-up and the warm-up the process freezes its heap with the measured checkout's own
``executors/segment._freeze_heap`` (``gc.collect(); gc.freeze()`` and its young-generation
threshold), as a run's worker does (``executors/segment._steps_for``, the fork server's preload in
``executors/warm.py``, ``saring run``'s own process), and as ``bench_chain_steps_ab.py`` does:
otherwise every full collection walks the steps' lexicons and tables (millions of objects), a
cost no worker pays, charged to both loops timed after set-up. ``--heap plain`` measures without
it (until session 10 this bench did not freeze).
"""

from __future__ import annotations

import argparse
import gc
import gzip
import io
import itertools
import time
from collections import Counter
from pathlib import Path

import orjson
from _corpora import NEWS

from saring.document import Document
from saring.pipeline import Pipeline
from saring.step import StepStats, run_steps

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load_raw(limit: int, skip: int = 0) -> dict[str, bytes]:
    """Each corpus's first ``limit`` lines after ``skip``, re-gzipped in memory (so disk is out
    of the timing)."""
    out = {}
    for name in NEWS:
        with gzip.open(SHARED / "corpora" / name, "rb") as f:
            lines = list(itertools.islice(f, skip, skip + limit))
        out[name] = gzip.compress(b"".join(lines), compresslevel=6, mtime=0)
    return out


def freeze_like_a_worker() -> None:
    """What a run's worker does once its steps are set up (``segment._freeze_heap``: collect,
    freeze, and since session 10 a higher young-generation threshold), with the measured
    checkout's own code; ``gc.collect(); gc.freeze()`` for checkouts without it."""
    try:
        from saring.executors.segment import _freeze_heap
    except ImportError:
        gc.collect()
        gc.freeze()
        return
    _freeze_heap()


def bare_loop(blob: bytes) -> int:
    """gzip read + JSON parse + JSON dump + gzip write: the raw-I/O floor."""
    sink = io.BytesIO()
    n = 0
    with gzip.GzipFile(fileobj=io.BytesIO(blob), mode="rb") as fin, gzip.GzipFile(
        fileobj=sink, mode="wb", compresslevel=6, mtime=0
    ) as fout:
        for line in fin:
            rec = orjson.loads(line)
            fout.write(orjson.dumps(rec) + b"\n")
            n += 1
    return n


def _docs(fin) -> object:
    for line in fin:
        rec = orjson.loads(line)
        yield Document(str(rec.pop("id")), rec.pop("text"), rec)


def chain_loop(blob: bytes, steps: list, stats: dict[str, StepStats], decisions: Counter) -> int:
    """The same I/O with documents run through the chain; every record is written back."""
    sink = io.BytesIO()
    n = 0
    with gzip.GzipFile(fileobj=io.BytesIO(blob), mode="rb") as fin, gzip.GzipFile(
        fileobj=sink, mode="wb", compresslevel=6, mtime=0
    ) as fout:
        for doc in run_steps(steps, _docs(fin), stats):
            fout.write(orjson.dumps(doc.to_dict()) + b"\n")
            decisions[(doc.decision.status, doc.decision.step, doc.decision.reason)] += 1
            n += 1
    return n


def timed(fn, *args) -> tuple[int, float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    n = fn(*args)
    return n, time.process_time() - c0, time.perf_counter() - w0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2000, help="records per news corpus")
    ap.add_argument("--repeat", type=int, default=1, help="alternating rounds; best CPU kept")
    ap.add_argument("--warmup", type=int, default=0,
                    help="first run the chain, untimed, on this many *other* records per corpus (the "
                         "ones after --limit): steady state, as in a long-running worker, instead of "
                         "counting first-use costs (lazily built caches, regexes) in the timing")
    ap.add_argument("--heap", choices=["freeze", "plain"], default="freeze",
                    help="freeze the set-up heap before timing, as a run's worker does (default)")
    args = ap.parse_args()
    if not (SHARED / "corpora").exists():
        raise SystemExit(f"shared corpora not found under {SHARED}")
    raw = load_raw(args.limit)
    pipe = Pipeline.default().per_document()
    for s in pipe.steps:
        s.ensure_setup()  # model and lexicon loading is start-up, not per-document cost
    if args.warmup:
        for blob in load_raw(args.warmup, skip=args.limit).values():
            chain_loop(blob, pipe.steps, {}, Counter())
    if args.heap == "freeze":  # as a run's worker after set-up (see the module docstring)
        freeze_like_a_worker()
    names = [s.label for s in pipe.steps]
    print(f"chain: {' -> '.join(names)}  (dedup is a corpus stage: see bench_dedup.py)")

    best: dict[str, tuple[int, float, float]] = {}
    step_stats: dict[str, StepStats] = {}
    per_corpus: dict[str, Counter] = {}
    for rnd in range(args.repeat):
        for variant in ("bare", "chain"):
            n_tot, cpu_tot, wall_tot = 0, 0.0, 0.0
            round_stats: dict[str, StepStats] = {}
            for name, blob in raw.items():
                if variant == "bare":
                    n, cpu, wall = timed(bare_loop, blob)
                else:
                    dec: Counter = Counter()
                    n, cpu, wall = timed(chain_loop, blob, pipe.steps, round_stats, dec)
                    if rnd == 0:
                        per_corpus[name] = dec
                n_tot, cpu_tot, wall_tot = n_tot + n, cpu_tot + cpu, wall_tot + wall
            if variant not in best or cpu_tot < best[variant][1]:
                best[variant] = (n_tot, cpu_tot, wall_tot)
                if variant == "chain":
                    step_stats = round_stats

    n_b, cpu_b, wall_b = best["bare"]
    n_c, cpu_c, wall_c = best["chain"]
    warm = f", after a warm-up on {args.warmup} other docs each" if args.warmup else ""
    warm += ", set-up heap frozen" if args.heap == "freeze" else ", heap not frozen"
    print(f"\n{n_c} news docs from {len(NEWS)} corpora (first {args.limit} each), best of {args.repeat}{warm}")
    print(f"{'variant':<44}{'CPU s':>8}{'wall s':>8}{'docs/s/core':>13}{'CPU vs bare':>13}")
    print(f"{'bare loop: gzip read+parse+dump+gzip write':<44}{cpu_b:>8.2f}{wall_b:>8.2f}"
          f"{n_b / cpu_b:>13,.0f}{1.0:>12.2f}x")
    print(f"{'whole per-doc default chain (same I/O)':<44}{cpu_c:>8.2f}{wall_c:>8.2f}"
          f"{n_c / cpu_c:>13,.0f}{cpu_c / cpu_b:>12.2f}x")
    print(f"chain speed as a share of the bare loop's (docs/s per core): {cpu_b / cpu_c:.1%}"
          "  (issue 15 target >= 25%)")
    steps_s = sum(s.seconds for s in step_stats.values())
    # StepStats times with perf_counter (wall). On a shared machine that over-counts, so the CPU
    # per step is estimated as its share of step time times the chain's CPU above the bare loop.
    steps_cpu = max(cpu_c - cpu_b, 1e-9)
    print(f"{'  of which in steps (StepStats, wall)':<44}{'':>8}{steps_s:>8.2f}")
    print(f"\n{'step':<14}{'docs in':>9}{'wall s':>9}{'share':>8}{'est. CPU s':>12}"
          f"{'docs/s/core':>13}  rejected")
    for s in pipe.steps:
        st = step_stats[s.label]
        share = st.seconds / steps_s
        cpu = share * steps_cpu
        rej = ", ".join(f"{k} {v}" for k, v in st.rejected.most_common(4))
        print(f"{s.label:<14}{st.docs_in:>9}{st.seconds:>9.2f}{share:>8.1%}{cpu:>12.2f}"
              f"{st.docs_in / cpu:>13,.0f}  {rej}")

    print("\nkeep / reject rates by step:reason (first round)")
    for name, dec in per_corpus.items():
        total = sum(dec.values())
        kept = sum(v for (status, _, _), v in dec.items() if status == "kept")
        parts = [f"{step}:{reason} {v / total:.1%}" for (status, step, reason), v in dec.most_common()
                 if status != "kept"]
        print(f"  {name.removesuffix('.jsonl.gz'):<32} n={total:<5} kept {kept / total:.1%}; "
              + "; ".join(parts[:6]))


if __name__ == "__main__":
    main()
