"""Before/after of the whole per-document chain: two checkouts, alternating runs, one table.

    python bench/bench_pipeline_ab.py --base /tmp/speed-base [--limit 500] [--rounds 5] [--warmup 250]
    python bench/bench_pipeline_ab.py --pure [--limit 500] [--rounds 5]   # pure Python vs kernels
    python bench/bench_pipeline_ab.py --designs [--limit 500] [--rounds 7]  # blocks vs interleaved

``--base`` is another checkout of saring (e.g. ``git worktree add --detach /tmp/speed-base main``).
Each round runs ``bench/bench_pipeline.py`` (this checkout's copy, so both sides are measured the
same way) once with the base's ``src`` first on ``PYTHONPATH`` and once with this checkout's,
A B A B, so machine load hits both sides alike. Each side has its own resource cache folder
(``_ab.cache_dir``), and ``--heap`` is passed on (default: freeze the set-up heap, as workers do).

Inside each run the bare loop and the chain alternate in pieces of ``--chunk`` records over the
same records (``bench_pipeline.measure_interleaved``), so a slow spell of the machine lands on
both; every record is timed once per process (a second pass over the same records runs faster:
lexicon rows and memo entries are still warm). Prints per run the chain's and the bare loop's
docs/s per core (CPU) and the chain as a share of the bare loop; per side the median share with
its range over the runs and the piece-median share (each piece's median CPU over the runs, then
summed: a piece slowed in one run does not move it); then the speed-up as the chain's docs/s and
as the ratio of the shares (the bare loop is the same code on both sides, so it calibrates each
run for the machine's speed at the time). ``--designs`` runs this checkout twice, the bench
before session 13 (``--chunk 0``: bare loop over everything, then the chain) as ``blocks``
against the interleaved one, to compare the two designs' spread on the same code.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from _ab import cache_dir

HERE = Path(__file__).resolve().parents[1]


@dataclass
class Side:
    """One side of the comparison: its environment, its bench arguments and its runs' pieces."""

    env: dict[str, str]
    chunk: int
    runs: list[list[dict]] = field(default_factory=list)


def sides_for(base: Path | None, pure: bool, designs: bool, chunk: int) -> dict[str, Side]:
    """The two sides: the base's ``src`` and this checkout's on ``PYTHONPATH``; or (``pure``)
    this checkout's twice, the base side with ``SARING_PURE_PYTHON=1``; or (``designs``) this
    checkout's twice, measured by blocks and interleaved."""
    src = HERE / "src"
    this = dict(os.environ, PYTHONPATH=str(src), SARING_CACHE_DIR=str(cache_dir("this", src)))
    this.pop("SARING_PURE_PYTHON", None)
    if designs:
        return {"blocks": Side(this, 0), "inter": Side(this, chunk)}
    if pure:
        return {"base": Side(dict(this, SARING_PURE_PYTHON="1",
                                  SARING_CACHE_DIR=str(cache_dir("base", src))), chunk),
                "this": Side(this, chunk)}
    if base is None:
        raise SystemExit("--base, --pure or --designs is required")
    bsrc = base.resolve() / "src"
    return {"base": Side(dict(this, PYTHONPATH=str(bsrc), SARING_CACHE_DIR=str(cache_dir("base", bsrc))),
                         chunk),
            "this": Side(this, chunk)}


def run_once(side: Side, limit: int, warmup: int, heap: str) -> list[dict]:
    """The pieces (records, CPU and wall of each loop) of one bench_pipeline.py run."""
    out = subprocess.run(
        [sys.executable, str(HERE / "bench" / "bench_pipeline.py"), "--limit", str(limit),
         "--warmup", str(warmup), "--heap", heap, "--chunk", str(side.chunk), "--json"],
        env=side.env, capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def totals(pieces: list[dict]) -> tuple[int, float, float]:
    """(records, bare CPU s, chain CPU s) of one run."""
    return (sum(p["docs"] for p in pieces), sum(p["bare_cpu"] for p in pieces),
            sum(p["chain_cpu"] for p in pieces))


def piece_median_share(runs: list[list[dict]]) -> float:
    """Bare over chain CPU with each piece's median over the runs (pieces are the same records
    in every run): a piece slowed in one run, in either loop, does not move it."""
    bare = sum(statistics.median(r[i]["bare_cpu"] for r in runs) for i in range(len(runs[0])))
    chain = sum(statistics.median(r[i]["chain_cpu"] for r in runs) for i in range(len(runs[0])))
    return bare / chain


def load() -> str:
    """The one-minute load average now."""
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def summarize(sides: dict[str, Side]) -> None:
    """Per side the median share, its range and the piece-median share; then the speed-up."""
    med_chain, med_share = {}, {}
    for k, side in sides.items():
        shares = [b / c for _, b, c in map(totals, side.runs)]
        chain = [n / c for n, _, c in map(totals, side.runs)]
        med_chain[k], med_share[k] = statistics.median(chain), statistics.median(shares)
        spread = (max(shares) - min(shares)) / med_share[k]
        print(f"{k:<6}: chain {med_chain[k]:,.0f} docs/s per core (range {min(chain):,.0f}-{max(chain):,.0f}), "
              f"share median {med_share[k]:.1%} (range {min(shares):.1%}-{max(shares):.1%}, "
              f"{spread:.1%} of the median), piece-median share {piece_median_share(side.runs):.1%}")
    a, b = sides
    print(f"speed-up {b}/{a}: chain docs/s {med_chain[b] / med_chain[a]:.3f}x, "
          f"share {med_share[b] / med_share[a]:.3f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="checkout of the code to compare against")
    ap.add_argument("--pure", action="store_true",
                    help="compare this checkout's pure-Python code (SARING_PURE_PYTHON=1, as base) "
                         "with its compiled kernels instead of two checkouts")
    ap.add_argument("--designs", action="store_true",
                    help="this checkout twice: the bench before session 13 (blocks) vs interleaved")
    ap.add_argument("--limit", type=int, default=500, help="records per news corpus")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=250,
                    help="untimed warm-up records per corpus in each run (bench_pipeline.py --warmup)")
    ap.add_argument("--heap", choices=["freeze", "plain"], default="freeze",
                    help="bench_pipeline.py --heap: freeze the set-up heap as workers do (default)")
    ap.add_argument("--chunk", type=int, default=128,
                    help="bench_pipeline.py --chunk: records per alternating piece (0: blocks)")
    a = ap.parse_args()
    sides = sides_for(a.base, a.pure, a.designs, a.chunk)
    print(f"load {load()}")
    print(f"{'round':>5} {'side':<6} {'bare docs/s':>12} {'chain docs/s':>13} {'chain/bare':>11} {'load':>6}")
    for r in range(a.rounds):
        for k, side in (sides.items() if r % 2 == 0 else reversed(sides.items())):  # A B B A
            side.runs.append(run_once(side, a.limit, a.warmup, a.heap))
            n, bare, chain = totals(side.runs[-1])
            print(f"{r:>5} {k:<6} {n / bare:>12,.0f} {n / chain:>13,.0f} {bare / chain:>10.1%} {load():>6}",
                  flush=True)
    summarize(sides)


if __name__ == "__main__":
    main()
