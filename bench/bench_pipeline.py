"""Whole default per-document chain vs the bare raw-I/O loop, side by side in one run.

    .venv/bin/python bench/bench_pipeline.py [--limit 2000] [--warmup 0] [--chunk 128] [--json]

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

The two loops alternate (since session 13): each corpus is cut into pieces of ``--chunk``
records, and the bare loop's piece and the chain's piece over the same records run one after the
other, the order swapped at every piece; each piece's CPU time is taken on its own. Before, the
bare loop ran over every corpus first (~0.33 s CPU) and the chain after it (~1.3 s), so a slow
spell of the machine (on this VM up to 20% for a fraction of a second, from outside the
process: no garbage collection, page faults or voluntary switches happen in the bare loop) moved
whichever loop it landed on, and the one short bare window made the share jump by several
points between runs. Interleaved, a slow spell lands on both. Every record is still timed once
per process and both loops still stream each corpus through one gzip reader and writer (a piece
only suspends them), so what is measured is unchanged; ``--chunk 0`` gives the former order
(notes/performance.md, session 13 run11: the two designs agree in the median, the spread of the
share over runs falls). A second pass over the same records is not a repeat measurement: it runs
~12% faster right after the first (lexicon rows and memo entries still warm), so repeats belong
in separate processes (``bench_pipeline_ab.py --rounds``).
"""

from __future__ import annotations

import argparse
import gc
import gzip
import io
import itertools
import json
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson
from _corpora import NEWS

from saring.document import Document
from saring.pipeline import Pipeline
from saring.step import BATCH_DOCS, StepStats, run_steps

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


def bare_pieces(blob: bytes, chunk: int = 0) -> Iterator[int]:
    """gzip read + JSON parse + JSON dump + gzip write: the raw-I/O floor. Yields the number of
    records done after every ``chunk`` records (0: only at the end) and once more after the
    streams are closed (their final flush belongs to the last piece), so a caller can time the
    loop piece by piece, suspended in between, without changing what it does."""
    sink = io.BytesIO()
    n = 0
    with gzip.GzipFile(fileobj=io.BytesIO(blob), mode="rb") as fin, gzip.GzipFile(
        fileobj=sink, mode="wb", compresslevel=6, mtime=0
    ) as fout:
        for line in fin:
            rec = orjson.loads(line)
            fout.write(orjson.dumps(rec) + b"\n")
            n += 1
            if n == chunk:
                yield n
                n = 0
    yield n


def _docs(fin) -> object:
    for line in fin:
        rec = orjson.loads(line)
        yield Document(str(rec.pop("id")), rec.pop("text"), rec)


def chain_pieces(blob: bytes, steps: list, stats: dict[str, StepStats], decisions: Counter,
                 chunk: int = 0) -> Iterator[int]:
    """The same I/O with documents run through the chain, every record written back; pieces as
    in :func:`bare_pieces` (with ``chunk`` a multiple of ``BATCH_DOCS`` a piece holds the steps'
    work on exactly its own records: ``run_steps`` reads a batch only when asked for its first
    document)."""
    sink = io.BytesIO()
    n = 0
    with gzip.GzipFile(fileobj=io.BytesIO(blob), mode="rb") as fin, gzip.GzipFile(
        fileobj=sink, mode="wb", compresslevel=6, mtime=0
    ) as fout:
        for doc in run_steps(steps, _docs(fin), stats):
            fout.write(orjson.dumps(doc.to_dict()) + b"\n")
            decisions[(doc.decision.status, doc.decision.step, doc.decision.reason)] += 1
            n += 1
            if n == chunk:
                yield n
                n = 0
    yield n


def bare_loop(blob: bytes) -> int:
    """The bare loop over one corpus in one go."""
    return sum(bare_pieces(blob))


def chain_loop(blob: bytes, steps: list, stats: dict[str, StepStats], decisions: Counter) -> int:
    """The chain loop over one corpus in one go."""
    return sum(chain_pieces(blob, steps, stats, decisions))


@dataclass
class Piece:
    """One piece of both loops over the same records: records, CPU and wall seconds of each."""

    corpus: str
    docs: int
    bare_cpu: float = 0.0
    chain_cpu: float = 0.0
    bare_wall: float = 0.0
    chain_wall: float = 0.0


def _timed_next(it: Iterator[int]) -> tuple[int, float, float] | None:
    """(records, CPU s, wall s) of the next piece of a loop, None once it has ended."""
    c0, w0 = time.process_time(), time.perf_counter()
    try:
        n = next(it)
    except StopIteration:
        return None
    return n, time.process_time() - c0, time.perf_counter() - w0


def _drain(it: Iterator[int]) -> tuple[int, float, float]:
    """A loop run to its end, timed as one piece."""
    n = cpu = wall = 0.0
    while (got := _timed_next(it)) is not None:
        n, cpu, wall = n + got[0], cpu + got[1], wall + got[2]
    return int(n), cpu, wall


def measure_interleaved(raw: dict[str, bytes], steps: list, chunk: int, stats: dict[str, StepStats],
                        per_corpus: dict[str, Counter]) -> list[Piece]:
    """Both loops over each corpus, cut into pieces of ``chunk`` records and alternated piece by
    piece (bare then chain, then chain then bare, ...): a slow spell of the machine lands on
    both loops alike instead of on whichever ran in it. Every record is timed once."""
    pieces: list[Piece] = []
    bare_first = True
    for name, blob in raw.items():
        per_corpus[name] = Counter()
        loops = {"bare": bare_pieces(blob, chunk),
                 "chain": chain_pieces(blob, steps, stats, per_corpus[name], chunk)}
        while True:
            order = ("bare", "chain") if bare_first else ("chain", "bare")
            bare_first = not bare_first
            got = {k: _timed_next(loops[k]) for k in order}
            if got["bare"] is None or got["chain"] is None:
                assert got["bare"] is got["chain"] is None, "the two loops read the same records"
                break
            (nb, cb, wb), (nc, cc, wc) = got["bare"], got["chain"]
            assert nb == nc, "the two loops read the same records"
            pieces.append(Piece(name, nb, cb, cc, wb, wc))
    return pieces


def measure_blocks(raw: dict[str, bytes], steps: list, stats: dict[str, StepStats],
                   per_corpus: dict[str, Counter]) -> list[Piece]:
    """The bench before session 13: the bare loop over every corpus, then the chain over every
    corpus (one piece per corpus). Kept to compare the two designs' spread (``--chunk 0``)."""
    pieces = []
    for name, blob in raw.items():
        n, cpu, wall = _drain(bare_pieces(blob))
        pieces.append(Piece(name, n, bare_cpu=cpu, bare_wall=wall))
    for piece, (name, blob) in zip(pieces, raw.items(), strict=True):
        per_corpus[name] = Counter()
        _, piece.chain_cpu, piece.chain_wall = _drain(chain_pieces(blob, steps, stats, per_corpus[name]))
    return pieces


def report(pieces: list[Piece], steps: list, stats: dict[str, StepStats], chunk: int,
           settings: str) -> None:
    """The two loops' totals, the share, its spread over corpora and pieces, and the per-step
    estimate."""
    n = sum(p.docs for p in pieces)
    cpu_b, cpu_c = sum(p.bare_cpu for p in pieces), sum(p.chain_cpu for p in pieces)
    wall_b, wall_c = sum(p.bare_wall for p in pieces), sum(p.chain_wall for p in pieces)
    how = (f"interleaved in pieces of {chunk} records, order alternating" if chunk
           else "bare loop over every corpus, then the chain (blocks)")
    print(f"\n{n} news docs from {len(NEWS)} corpora ({settings}); {how}")
    print(f"{'variant':<44}{'CPU s':>8}{'wall s':>8}{'docs/s/core':>13}{'CPU vs bare':>13}")
    print(f"{'bare loop: gzip read+parse+dump+gzip write':<44}{cpu_b:>8.2f}{wall_b:>8.2f}"
          f"{n / cpu_b:>13,.0f}{1.0:>12.2f}x")
    print(f"{'whole per-doc default chain (same I/O)':<44}{cpu_c:>8.2f}{wall_c:>8.2f}"
          f"{n / cpu_c:>13,.0f}{cpu_c / cpu_b:>12.2f}x")
    print(f"chain speed as a share of the bare loop's (docs/s per core): {cpu_b / cpu_c:.1%}"
          "  (issue 15 target >= 25%)")
    by_corpus = {}
    for p in pieces:
        b, c = by_corpus.get(p.corpus, (0.0, 0.0))
        by_corpus[p.corpus] = (b + p.bare_cpu, c + p.chain_cpu)
    print("share by corpus: " + ", ".join(f"{k.removeprefix('id_news_').split('_')[0]} {b / c:.1%}"
                                          for k, (b, c) in by_corpus.items()))
    if chunk:
        ratios = sorted(p.bare_cpu / p.chain_cpu for p in pieces if p.docs)
        q1, med, q3 = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
        print(f"share by piece ({len(ratios)} pieces; spread of content and noise): median {med:.1%}, "
              f"quartiles {q1:.1%}-{q3:.1%}, range {ratios[0]:.1%}-{ratios[-1]:.1%}")
    steps_s = sum(s.seconds for s in stats.values())
    # StepStats times with perf_counter (wall). On a shared machine that over-counts, so the CPU
    # per step is estimated as its share of step time times the chain's CPU above the bare loop.
    steps_cpu = max(cpu_c - cpu_b, 1e-9)
    print(f"{'  of which in steps (StepStats, wall)':<44}{'':>8}{steps_s:>8.2f}")
    print(f"\n{'step':<14}{'docs in':>9}{'wall s':>9}{'share':>8}{'est. CPU s':>12}"
          f"{'docs/s/core':>13}  rejected")
    for s in steps:
        st = stats[s.label]
        share = st.seconds / steps_s
        cpu = share * steps_cpu
        rej = ", ".join(f"{k} {v}" for k, v in st.rejected.most_common(4))
        print(f"{s.label:<14}{st.docs_in:>9}{st.seconds:>9.2f}{share:>8.1%}{cpu:>12.2f}"
              f"{st.docs_in / cpu:>13,.0f}  {rej}")


def print_rates(per_corpus: dict[str, Counter]) -> None:
    """Keep / reject rates by step and reason per corpus."""
    print("\nkeep / reject rates by step:reason")
    for name, dec in per_corpus.items():
        total = sum(dec.values())
        kept = sum(v for (status, _, _), v in dec.items() if status == "kept")
        parts = [f"{step}:{reason} {v / total:.1%}" for (status, step, reason), v in dec.most_common()
                 if status != "kept"]
        print(f"  {name.removesuffix('.jsonl.gz'):<32} n={total:<5} kept {kept / total:.1%}; "
              + "; ".join(parts[:6]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2000, help="records per news corpus")
    ap.add_argument("--warmup", type=int, default=0,
                    help="first run the chain, untimed, on this many *other* records per corpus (the "
                         "ones after --limit): steady state, as in a long-running worker, instead of "
                         "counting first-use costs (lazily built caches, regexes) in the timing")
    ap.add_argument("--heap", choices=["freeze", "plain"], default="freeze",
                    help="freeze the set-up heap before timing, as a run's worker does (default)")
    ap.add_argument("--chunk", type=int, default=BATCH_DOCS,
                    help="records per piece when the two loops alternate (default: run_steps' batch); "
                         "0 = the bench before session 13 (bare loop over everything, then the chain)")
    ap.add_argument("--json", action="store_true",
                    help="end with one JSON line of the pieces (for bench_pipeline_ab.py)")
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
    print(f"chain: {' -> '.join(s.label for s in pipe.steps)}  (dedup is a corpus stage: see bench_dedup.py)")
    stats: dict[str, StepStats] = {}
    per_corpus: dict[str, Counter] = {}
    if args.chunk:
        pieces = measure_interleaved(raw, pipe.steps, args.chunk, stats, per_corpus)
    else:
        pieces = measure_blocks(raw, pipe.steps, stats, per_corpus)
    settings = f"first {args.limit} each"
    settings += f", after a warm-up on {args.warmup} other docs each" if args.warmup else ""
    settings += ", set-up heap frozen" if args.heap == "freeze" else ", heap not frozen"
    report(pieces, pipe.steps, stats, args.chunk, settings)
    print_rates(per_corpus)
    if args.json:
        print(json.dumps([asdict(p) for p in pieces]))


if __name__ == "__main__":
    main()
