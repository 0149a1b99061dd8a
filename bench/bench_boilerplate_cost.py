"""The boilerplate step alone on news documents as the chain hands them over (after normalize).

    python bench/bench_boilerplate_cost.py dump /tmp/bp.pkl [--limit 250]
    python bench/bench_boilerplate_cost.py time /tmp/bp.pkl [--config '{"shape": false}']
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/bench_boilerplate_cost.py run /tmp/bp.pkl
    valgrind ... bench/bench_boilerplate_cost.py skip /tmp/bp.pkl   # the same without the measured pass

``dump`` reads ``2 * --limit`` records of each news corpus, runs the steps before boilerplate
over them (``run_steps``) and pickles the texts and metadata in two halves (odd/even records,
as ``bench_chain_steps_ab.py`` splits them). The other modes set the step up, run it over the
first half (warm-up: memos, word lists) and then over the second: ``time`` prints CPU us per
document; ``run`` / ``skip`` are the two runs whose callgrind instruction counts differ by the
measured pass (divide by the documents of the second half: repeatable whatever the load; set
``PYTHONHASHSEED=0``). ``--config`` passes step parameters (to locate costs, not outputs).
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from _corpora import CORPORA, dump_step_input


def dump(out: Path, limit: int) -> None:
    """Pickle [half0, half1] of (id, text, metadata) at the boilerplate step's input."""
    dump_step_input("boilerplate", out, limit)


def run(path: Path, mode: str, config: dict) -> None:
    from saring.boilerplate.step import Boilerplate
    from saring.document import Document
    from saring.step import run_steps

    halves = pickle.loads(path.read_bytes())
    step = Boilerplate(**config)
    step.ensure_setup()
    list(run_steps([step], [Document(i, t, dict(m)) for i, t, m in halves[0]], {}))
    timed = [Document(i, t, dict(m)) for i, t, m in halves[1]]
    if mode == "skip":
        return
    t0 = time.process_time()
    list(run_steps([step], timed, {}))
    if mode == "time":
        print(f"{(time.process_time() - t0) / len(timed) * 1e6:.1f} us CPU per document ({len(timed)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["dump", "time", "run", "skip"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=250)
    ap.add_argument("--config", default="{}")
    a = ap.parse_args()
    if a.mode == "dump":
        if not CORPORA.exists():
            raise SystemExit(f"shared corpora not found under {CORPORA}")
        dump(a.path, a.limit)
    else:
        run(a.path, a.mode, json.loads(a.config))


if __name__ == "__main__":
    main()
