"""The langid step alone on news documents as the chain hands them over (after the steps before it).

    python bench/bench_langid_cost.py dump /tmp/lid.pkl [--limit 250]
    python bench/bench_langid_cost.py time /tmp/lid.pkl [--repeat 3]
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/bench_langid_cost.py run /tmp/lid.pkl
    valgrind ... bench/bench_langid_cost.py skip /tmp/lid.pkl   # the same without the measured pass

``dump`` reads ``2 * --limit`` records of each news corpus, runs the default chain's steps before
langid over them (``run_steps``) and pickles the kept texts and metadata in two halves (odd/even
records). The other modes set the step up, run it over the first half (warm-up) and then over the
second: ``time`` prints CPU us per document (best of ``--repeat`` passes on fresh documents);
``run`` / ``skip`` are the two runs whose callgrind instruction counts differ by the measured pass
(divide by the documents of the second half: repeatable whatever the load; set
``PYTHONHASHSEED=0``). The measured pass calls ``LanguageID.process`` directly, as
``bench_langid_ab.py --instructions`` does, so the step framework's own cost is not counted.
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

from _corpora import CORPORA, dump_step_input


def dump(out: Path, limit: int) -> None:
    """Pickle [half0, half1] of (id, text, metadata) at the langid step's input."""
    dump_step_input("langid", out, limit)


def run(path: Path, mode: str, repeat: int) -> None:
    from saring.document import Document
    from saring.langid.step import LanguageID

    halves = pickle.loads(path.read_bytes())
    step = LanguageID()
    step.ensure_setup()
    for i, t, m in halves[0]:
        step.process(Document(i, t, dict(m)))
    if mode == "skip":
        return
    best = float("inf")
    for _ in range(repeat if mode == "time" else 1):
        timed = [Document(i, t, dict(m)) for i, t, m in halves[1]]
        t0 = time.process_time()
        for d in timed:
            step.process(d)
        best = min(best, time.process_time() - t0)
    if mode == "time":
        print(f"{best / len(timed) * 1e6:.1f} us CPU per document ({len(timed)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["dump", "time", "run", "skip"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=250)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if a.mode == "dump":
        if not CORPORA.exists():
            raise SystemExit(f"shared corpora not found under {CORPORA}")
        dump(a.path, a.limit)
    else:
        run(a.path, a.mode, a.repeat)


if __name__ == "__main__":
    main()
