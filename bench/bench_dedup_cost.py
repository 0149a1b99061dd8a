"""CPU of the dedup stage, main vs branch, alternating A B A B (session 14, dedup rules).

Each round runs, in a fresh process of each side's interpreter, ``Dedup(hash_view=...).run`` with
the serial executor over the same real news documents (gikirima + GitHub scrapes, read by path)
and reports the stage's process CPU seconds (set-up and input writing excluded).

    python bench/bench_dedup_cost.py --base /work/base14-wt --base-python /work/venvs/base14/bin/python \\
        [--docs 4000] [--rounds 4] [--view text|cleaned]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import gzip, sys, tempfile, time
from pathlib import Path
import orjson
from saring.dedup.stage import Dedup
from saring.document import Document
from saring.executors.serial import SerialExecutor
from saring.io.docfile import write_docs
from saring.step import StageContext
n, view, corpora = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
docs = []
for name in ("id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz"):
    with gzip.open(corpora / name, "rb") as f:
        for i, line in enumerate(f):
            if i >= n // 2:
                break
            r = orjson.loads(line)
            docs.append(Document(r["id"], r["text"]))
tmp = Path(tempfile.mkdtemp(prefix="dedup-cost-"))
paths = []
for s in range(2):
    p = tmp / f"s{s}.jsonl.zst"
    write_docs(p, docs[s::2])
    paths.append(p)
stage = Dedup(hash_view=view)
if view == "cleaned":
    from saring.dedup.stage import _hash_view
    _hash_view("cleaned")  # the view's steps are set up once per process, outside the timing
t0 = time.process_time()
out = stage.run(paths, StageContext(SerialExecutor(), tmp / "work"))
cpu = time.process_time() - t0
print(cpu, out.stats.rejected if hasattr(out.stats, "rejected") else "")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--base-python", required=True)
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--view", default="text")
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    sides = {"main": (args.base_python, Path(args.base) / "src"), "branch": (sys.executable, ROOT / "src")}
    got: dict[str, list[float]] = {k: [] for k in sides}
    for r in range(args.rounds):
        for name, (py, src) in (sides.items() if r % 2 == 0 else reversed(sides.items())):
            env = {**os.environ, "PYTHONPATH": str(src), "SARING_CACHE_DIR": f"/tmp/dedup-cost-cache-{name}"}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            res = subprocess.run([py, "-c", CHILD, str(args.docs), args.view, args.corpora],
                                 capture_output=True, text=True, env=env, check=True)
            cpu, _, rej = res.stdout.strip().partition(" ")
            got[name].append(float(cpu))
            print(f"round {r} {name}: {float(cpu):.3f} CPU s  {rej}", flush=True)
    m, b = statistics.median(got["main"]), statistics.median(got["branch"])
    print(f"median CPU s: main {m:.3f}, branch {b:.3f} ({(b / m - 1) * 100:+.1f}%), "
          f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
