"""Before/after of the whole per-document chain: two checkouts, alternating runs, one table.

    python bench/bench_pipeline_ab.py --base /tmp/speed-base [--limit 1000] [--rounds 2] [--warmup 250]
    python bench/bench_pipeline_ab.py --pure [--limit 1000] [--rounds 2]   # pure Python vs kernels

``--base`` is another checkout of saring (e.g. ``git worktree add --detach /tmp/speed-base main``).
Each round runs ``bench/bench_pipeline.py`` (this checkout's copy, so both sides are measured the
same way) once with the base's ``src`` first on ``PYTHONPATH`` and once with this checkout's,
A B A B, so machine load hits both sides alike. Each side has its own resource cache folder
(``_ab.cache_dir``), and ``--heap`` is passed on (default: freeze the set-up heap, as workers do). Prints per run the chain's and the bare loop's
docs/s per core (CPU) and the chain as a share of the bare loop, then the medians and the speed-up.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

from _ab import cache_dir

HERE = Path(__file__).resolve().parents[1]
ROW = re.compile(r"^(bare loop|whole per-doc default chain).*?([\d,]+)\s+[\d.]+x$")


def side_envs(base: Path | None, pure: bool) -> dict[str, dict[str, str]]:
    """The environment of each side: the base's ``src`` and this checkout's on ``PYTHONPATH``,
    or (``pure``) this checkout's twice, the base side with ``SARING_PURE_PYTHON=1``."""
    src = HERE / "src"
    this = dict(os.environ, PYTHONPATH=str(src), SARING_CACHE_DIR=str(cache_dir("this", src)))
    this.pop("SARING_PURE_PYTHON", None)
    if pure:
        return {"base": dict(this, SARING_PURE_PYTHON="1",
                             SARING_CACHE_DIR=str(cache_dir("base", src))), "this": this}
    if base is None:
        raise SystemExit("--base or --pure is required")
    bsrc = base.resolve() / "src"
    return {"base": dict(this, PYTHONPATH=str(bsrc), SARING_CACHE_DIR=str(cache_dir("base", bsrc))),
            "this": this}


def run_once(env: dict[str, str], limit: int, warmup: int = 0, heap: str = "freeze") -> tuple[float, float]:
    """(bare docs/s per core, chain docs/s per core) of one bench_pipeline.py run in ``env``."""
    out = subprocess.run(
        [sys.executable, str(HERE / "bench" / "bench_pipeline.py"), "--limit", str(limit),
         "--warmup", str(warmup), "--heap", heap],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    got = {}
    for line in out.splitlines():
        m = ROW.match(line)
        if m:
            got[m.group(1)] = float(m.group(2).replace(",", ""))
    return got["bare loop"], got["whole per-doc default chain"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="checkout of the code to compare against")
    ap.add_argument("--pure", action="store_true",
                    help="compare this checkout's pure-Python code (SARING_PURE_PYTHON=1, as base) "
                         "with its compiled kernels instead of two checkouts")
    ap.add_argument("--limit", type=int, default=1000, help="records per news corpus")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=0,
                    help="untimed warm-up records per corpus in each run (bench_pipeline.py --warmup)")
    ap.add_argument("--heap", choices=["freeze", "plain"], default="freeze",
                    help="bench_pipeline.py --heap: freeze the set-up heap as workers do (default)")
    a = ap.parse_args()
    sides = side_envs(a.base, a.pure)
    res: dict[str, list[tuple[float, float]]] = {k: [] for k in sides}
    print(f"{'round':>5} {'side':<5} {'bare docs/s':>12} {'chain docs/s':>13} {'chain/bare':>11}")
    for r in range(a.rounds):
        for side, env in sides.items():
            bare, chain = run_once(env, a.limit, a.warmup, a.heap)
            res[side].append((bare, chain))
            print(f"{r:>5} {side:<5} {bare:>12,.0f} {chain:>13,.0f} {chain / bare:>10.1%}", flush=True)
    med = {k: statistics.median(c for _, c in v) for k, v in res.items()}
    share = {k: statistics.median(c / b for b, c in v) for k, v in res.items()}
    for k in sides:
        print(f"median {k:<5}: chain {med[k]:,.0f} docs/s per core, {share[k]:.1%} of the bare loop")
    print(f"speed-up this/base (median chain docs/s): {med['this'] / med['base']:.3f}x")


if __name__ == "__main__":
    main()
