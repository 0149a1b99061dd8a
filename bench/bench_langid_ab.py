"""Before/after CPU of the ``langid`` step alone: two checkouts, alternating runs, one table.

    python bench/bench_langid_ab.py --base /tmp/langid-base [--limit 500] [--rounds 3]
    python bench/bench_langid_ab.py --pure [--limit 500] [--rounds 3]

``--pure`` compares this checkout with itself run with ``SARING_PURE_PYTHON=1`` (the compiled
langid scan against its pure-Python reference) instead of another checkout.

``--base`` is another checkout of saring (e.g. ``git worktree add --detach /tmp/langid-base main``).
Each round runs this file in ``--worker`` mode once with the base's ``src`` first on
``PYTHONPATH`` and once with this checkout's, A B A B, so machine load hits both sides alike.
A worker reads the first ``--limit`` records of each news corpus (and, as a second set, of the
other shared corpora: tweets, legal, Malay, regional paragraphs, parallel sentences, ...), runs
the chain's steps before langid (normalize, boilerplate, repair, ...) untimed, so langid sees what
it sees in the default pipeline, then times ``langid.process`` on every document (CPU time of
the process, best of ``--repeat`` passes on fresh copies). Prints per run the step's CPU
microseconds per document and the medians and speed-up per set.

Instruction counts (deterministic, unlike CPU time on a shared machine), per side:
    PYTHONHASHSEED=0 PYTHONPATH=<side>/src valgrind --tool=callgrind \
        python bench/bench_langid_ab.py --instructions N      (N = 0 and N = 75)
and (Ir(75) - Ir(0)) / 300 is the step's instructions per news document.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parents[1]
CORPORA = HERE.parent / "shared" / "corpora"
SETS = {
    "news": [
        "id_news_gikirima_multioutlet.jsonl.gz",
        "id_news_github_scrapes.jsonl.gz",
        "id_news_indosum_dev.jsonl.gz",
        "id_news_detik_langscrape.jsonl.gz",
    ],
    "other": [
        "id_tweets_indolem.jsonl.gz",
        "id_legal_indolaw_sample.jsonl.gz",
        "ms_web_news_malaysian_dataset.jsonl.gz",
        "jv_su_regional_paragraphs_nusawrites.jsonl.gz",
        "langid_parallel_sentences.jsonl.gz",
        "en_news_bbc.jsonl.gz",
        "id_messy_sample.jsonl.gz",
    ],
}


def worker(limit: int, repeat: int) -> None:
    """Print ``set microseconds-per-doc docs`` for each set (this process's saring)."""
    from saring.document import Document
    from saring.pipeline import Pipeline
    from saring.step import StepStats, run_steps

    steps = Pipeline.default().per_document().steps
    k = next(i for i, s in enumerate(steps) if s.name == "langid")
    before, lid = steps[:k], steps[k]
    lid.ensure_setup()
    for set_name, files in SETS.items():
        docs = []
        for name in files:
            if not (CORPORA / name).exists():
                continue
            with gzip.open(CORPORA / name, "rb") as f:
                for i, line in enumerate(itertools.islice(f, limit)):
                    rec = orjson.loads(line)
                    docs.append(Document(f"{name}:{i}", rec.get("text") or "", {}))
        stats: dict[str, StepStats] = {}
        ready = [d for d in run_steps(before, docs, stats) if d.decision.status == "kept"]
        best = float("inf")
        for _ in range(repeat):
            fresh = [copy.deepcopy(d) for d in ready]
            t0 = time.process_time()
            for d in fresh:
                lid.process(d)
            best = min(best, time.process_time() - t0)
        print(f"{set_name} {best * 1e6 / max(len(ready), 1):.2f} {len(ready)}", flush=True)


def instructions_worker(n: int) -> None:
    """Run the step on the first ``n`` raw documents of each news corpus and nothing else: run it
    under ``valgrind --tool=callgrind`` with n = 0 and n = N; (difference) / (4 N) is the step's
    instruction count per document, which machine load does not move."""
    from saring.document import Document
    from saring.langid.step import LanguageID

    texts = []
    for name in SETS["news"]:
        with gzip.open(CORPORA / name, "rb") as f:
            texts += [orjson.loads(line).get("text") or "" for line in itertools.islice(f, n)]
    step = LanguageID()
    step.ensure_setup()
    for t in texts:
        step.process(Document("x", t, {}))


def run_once(src: Path, limit: int, repeat: int, pure: bool = False) -> dict[str, tuple[float, int]]:
    env = dict(os.environ, PYTHONPATH=str(src))
    env.pop("SARING_PURE_PYTHON", None)
    if pure:
        env["SARING_PURE_PYTHON"] = "1"
    out = subprocess.run(
        [sys.executable, __file__, "--worker", "--limit", str(limit), "--repeat", str(repeat)],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    res = {}
    for line in out.splitlines():
        name, us, n = line.split()
        res[name] = (float(us), int(n))
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="checkout of the code to compare against")
    ap.add_argument("--pure", action="store_true",
                    help="compare against this checkout with SARING_PURE_PYTHON=1 (no --base)")
    ap.add_argument("--limit", type=int, default=500, help="records per corpus")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--instructions", type=int, default=None, metavar="N",
                    help="only run the step on N raw docs per news corpus (for callgrind)")
    a = ap.parse_args()
    if a.instructions is not None:
        instructions_worker(a.instructions)
        return
    if a.worker:
        worker(a.limit, a.repeat)
        return
    if a.base is None and not a.pure:
        ap.error("--base or --pure is required")
    sides = {"base": HERE / "src" if a.pure else a.base.resolve() / "src", "this": HERE / "src"}
    res: dict[str, dict[str, list[float]]] = {k: {s: [] for s in SETS} for k in sides}
    print(f"{'round':>5} {'side':<5} " + " ".join(f"{s + ' us/doc':>16}" for s in SETS))
    for r in range(a.rounds):
        for side, src in sides.items():
            got = run_once(src, a.limit, a.repeat, pure=a.pure and side == "base")
            for s in SETS:
                res[side][s].append(got[s][0])
            print(f"{r:>5} {side:<5} " + " ".join(
                f"{got[s][0]:>10.1f} ({got[s][1]})" for s in SETS), flush=True)
    for s in SETS:
        med = {k: statistics.median(res[k][s]) for k in sides}
        print(f"{s}: median base {med['base']:.1f} us/doc, this {med['this']:.1f} us/doc, "
              f"speed-up {med['base'] / med['this']:.2f}x")


if __name__ == "__main__":
    main()
