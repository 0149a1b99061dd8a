"""Before/after of single steps (normalize, boilerplate, url): two checkouts, alternating runs.

    python bench/bench_steps_ab.py --base /tmp/boiler-base [--limit 500] [--rounds 3]

``--base`` is another checkout of saring (e.g. ``git worktree add --detach /tmp/boiler-base main``).
Each round runs this file with ``--child`` once with the base's ``src`` first on ``PYTHONPATH``
and once with this checkout's, A B A B, so machine load hits both sides alike. A child reads the
first ``2 * --limit`` records of each news corpus, runs each step once on the first half (set-up
and warm-up), then times, in CPU seconds of its own process, one pass of each step over the
other half, on the input the default chain gives it: normalize on the raw text, boilerplate on
normalized text, url on the record's url. The timed documents are never seen twice, so a memo
(of lines, hosts) only helps as much as real repetition across different documents does.
Building the ``Document`` is timed alone (best of 3) and subtracted. Prints microseconds per document per step and side, then the medians and
the speed-up per step.
"""

from __future__ import annotations

import gzip
import itertools
import json
import time
from pathlib import Path

from _ab import ab_parser, alternate, cpu_best, medians
from _corpora import NEWS

HERE = Path(__file__).resolve().parents[1]
CORPORA = HERE.parent / "shared" / "corpora"
STEPS = ("normalize", "boilerplate", "url")



def child(limit: int) -> dict[str, float]:
    """Microseconds of CPU per document for each step (this process's ``saring``)."""
    import orjson

    from saring.document import Document
    from saring.registry import resolve

    recs = []
    for name in NEWS:
        path = CORPORA / name
        if not path.exists():
            continue
        with gzip.open(path, "rb") as f:
            recs.extend(orjson.loads(line) for line in itertools.islice(f, 2 * limit))
    warm, recs = recs[0::2], recs[1::2]
    steps = {name: resolve(name)() for name in STEPS}
    for s in steps.values():
        s.ensure_setup()

    def meta(r: dict) -> dict:
        return {"url": r.get("url"), "outlet": r.get("outlet")}

    def inputs(records: list[dict]) -> dict[str, list[str]]:
        normalized = []
        for r in records:
            d = Document(str(r["id"]), r["text"], meta(r))
            steps["normalize"].process(d)
            normalized.append(d.text)
        return {"normalize": [r["text"] for r in records], "boilerplate": normalized, "url": normalized}

    def run(step, records: list[dict], texts: list[str]) -> None:
        for r, t in zip(records, texts, strict=True):
            step.process(Document(str(r["id"]), t, meta(r)))

    def make(records: list[dict], texts: list[str]) -> None:
        for r, t in zip(records, texts, strict=True):
            Document(str(r["id"]), t, meta(r))

    warm_in, timed_in = inputs(warm), inputs(recs)
    out: dict[str, float] = {"docs": len(recs)}
    for name, step in steps.items():
        run(step, warm, warm_in[name])
        base = cpu_best(lambda name=name: make(recs, timed_in[name]))
        t0 = time.process_time()
        run(step, recs, timed_in[name])
        out[name] = (time.process_time() - t0 - base) / len(recs) * 1e6
    return out


def main() -> None:
    ap = ab_parser(__doc__.splitlines()[0], "records per news corpus")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.limit)))
        return
    if a.base is None:
        ap.error("--base is required")
    print(f"{'round':>5} {'side':<5} " + " ".join(f"{s + ' us/doc':>18}" for s in STEPS))
    res = alternate(__file__, a.base, a.rounds, ["--limit", str(a.limit)],
                    lambda r, side, got: print(f"{r:>5} {side:<5} " + " ".join(
                        f"{got[s]:>18.1f}" for s in STEPS), flush=True))
    print(f"timed documents: {int(res['this'][0]['docs']):,} per run (every other one of the first "
          f"{2 * a.limit} of each news corpus; the others warm up)")
    for s in STEPS:
        b, t = medians(res, s)
        print(f"median {s:<12} base {b:8.1f} us/doc  this {t:8.1f} us/doc  speed-up {b / t:5.2f}x")


if __name__ == "__main__":
    main()
