"""Repair step speed, two checkouts side by side: resource load and per-document CPU time.

Usage: ``python bench/bench_repair_ab.py --base /work/main/src [--docs 1500] [--rounds 2]``.
Each round runs, for the base ``src`` and for this checkout's, one fresh process that loads the
repair resources (CPU ms, ``time.process_time``) and then repairs the first ``--docs`` records of
IndoSum dev and of gikirima (news, link-stripped glue) with ``Repair(dedup_paragraphs=False)``,
best of 3 passes (docs/s per core). Rounds alternate A B A B so machine load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
FILES = ("id_news_indosum_dev.jsonl.gz", "id_news_gikirima_multioutlet.jsonl.gz")

CHILD = r"""
import gzip, itertools, json, sys, time
import orjson
t0 = time.process_time()
from saring.repair.resources import load_resources
t1 = time.process_time()
load_resources()
t2 = time.process_time()
from saring.document import Document
from saring.repair.step import Repair
texts = []
for name in sys.argv[2:]:
    with gzip.open(name, "rb") as f:
        texts += [orjson.loads(x)["text"] for x in itertools.islice(f, int(sys.argv[1]))]
step = Repair(dedup_paragraphs=False)
step.ensure_setup()
best = 1e9
for _ in range(3):
    t = time.process_time()
    for i, text in enumerate(texts):
        step.process(Document(id=str(i), text=text))
    best = min(best, time.process_time() - t)
print(json.dumps({"import_ms": 1000 * (t1 - t0), "load_ms": 1000 * (t2 - t1),
                  "docs": len(texts), "docs_per_s": len(texts) / best}))
"""


def run(src: str, docs: int, files: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", CHILD, str(docs), *files], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="src directory of the other checkout (e.g. main)")
    ap.add_argument("--docs", type=int, default=1500, help="records per corpus file")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    files = [str(CORPORA / f) for f in FILES if (CORPORA / f).exists()]
    if not files:
        print("shared corpora absent: nothing to measure")
        return
    print("| round | checkout | import ms | resource load ms CPU | docs | docs/s per core |")
    print("|---|---|---|---|---|---|")
    for r in range(args.rounds):
        for label, src in (("base", args.base), ("branch", str(ROOT / "src"))):
            m = run(src, args.docs, files)
            print(f"| {r + 1} | {label} | {m['import_ms']:.0f} | {m['load_ms']:.0f} | {m['docs']} "
                  f"| {m['docs_per_s']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
