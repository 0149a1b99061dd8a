"""Per-step CPU of the whole default chain, before/after: two checkouts, alternating runs.

    python bench/bench_chain_steps_ab.py --base /work/main [--limit 500] [--rounds 3]
    python bench/bench_chain_steps_ab.py --pure ...   # compiled kernels vs SARING_PURE_PYTHON=1

``--base`` is another checkout of saring. Each round runs this file with ``--child`` once with
the base's ``src`` first on ``PYTHONPATH`` and once with this checkout's (A B A B), so machine
load hits both sides alike. A child reads ``2 * --limit`` records of each news corpus, sets up
the default per-document steps, runs the chain (``run_steps``, batched as in a run) untimed
over one half, then over the other half with each step's clock switched to the CPU time of the
process. Prints per step the microseconds of CPU per *input* document (the chain's documents,
not the step's, so the rows add up to the chain), then the medians and the speed-up per step.
No I/O is timed: ``bench_pipeline_ab.py`` gives the whole loop with gzip and JSON.

The child freezes its heap after set-up and the warm-up (``gc.collect(); gc.freeze()``), as a
run's worker does (``executors/segment._steps_for``, the fork server's preload, ``saring run``'s
own process): otherwise full collections walk the steps' lexicons and tables, a cost a run does
not pay, charged to whichever step triggers them. ``--heap plain`` measures without it;
``--heap-ab`` compares the two on this checkout (base side plain, this side frozen).
"""

from __future__ import annotations

import gzip
import itertools
import json
import time
from pathlib import Path

from _ab import ab_parser, alternate, medians
from _corpora import NEWS

HERE = Path(__file__).resolve().parents[1]
CORPORA = HERE.parent / "shared" / "corpora"


def child(limit: int, heap: str = "freeze") -> dict[str, float]:
    """Microseconds of CPU per input document for each step and the chain (this ``saring``)."""
    import gc

    import orjson

    from saring.document import Document
    from saring.pipeline import Pipeline
    from saring.step import run_steps

    halves: list[list[dict]] = [[], []]
    for name in NEWS:
        with gzip.open(CORPORA / name, "rb") as f:
            lines = list(itertools.islice(f, 2 * limit))
        for k, line in enumerate(lines):
            halves[k % 2].append(orjson.loads(line))

    def docs(recs: list[dict]) -> list[Document]:
        out = []
        for r in recs:
            r = dict(r)
            out.append(Document(str(r.pop("id")), r.pop("text"), r))
        return out

    steps = Pipeline.default().per_document().steps
    for s in steps:
        s.ensure_setup()
    list(run_steps(steps, docs(halves[0]), {}))  # warm-up on documents never timed
    timed = docs(halves[1])
    if heap == "freeze":  # as a run's worker after set-up (see the module docstring)
        gc.collect()
        gc.freeze()
    time.perf_counter = time.process_time  # StepStats then count this process's CPU
    stats: dict = {}
    t0 = time.process_time()
    list(run_steps(steps, timed, stats))
    total = time.process_time() - t0
    n = len(timed)
    out = {s.label: stats[s.label].seconds / n * 1e6 for s in steps}
    out["(steps)"] = sum(out.values())
    out["(chain)"] = total / n * 1e6
    return out


def main() -> None:
    ap = ab_parser(__doc__.splitlines()[0], "timed records per news corpus")
    ap.add_argument("--heap", choices=["freeze", "plain"], default="freeze",
                    help="freeze the set-up heap before timing, as a run's worker does (default)")
    ap.add_argument("--heap-ab", action="store_true",
                    help="this checkout with a plain heap (base side) vs frozen (this side)")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.limit, a.heap)))
        return
    if not CORPORA.exists():
        raise SystemExit(f"shared corpora not found under {CORPORA}")
    side_args = {"base": ["--heap", a.heap], "this": ["--heap", a.heap]}
    if a.heap_ab:
        a.base, side_args = HERE, {"base": ["--heap", "plain"], "this": ["--heap", "freeze"]}
    if a.base is None and not a.pure:
        raise SystemExit("--base, --pure or --heap-ab is required")
    res = alternate(__file__, a.base, a.rounds, ["--limit", str(a.limit)],
                    lambda r, side, row: print(f"round {r} {side:<5} " + " ".join(
                        f"{k} {v:.0f}" for k, v in row.items()), flush=True), pure=a.pure,
                    side_args=side_args)
    keys = list(res["base"][0])
    print(f"\n{'us CPU per input doc':<16}{'base':>9}{'this':>9}{'speed-up':>10}")
    for k in keys:
        b, t = medians(res, k)
        print(f"{k:<16}{b:>9.1f}{t:>9.1f}{b / t:>9.2f}x")


if __name__ == "__main__":
    main()
