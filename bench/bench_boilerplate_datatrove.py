"""Anchor side of bench_boilerplate.py: datatrove 0.10.1 on the same documents.

Run by bench_boilerplate.py with the datatrove venv (/tmp/anchor-venv/bin/python); not imported.
Reads a JSONL of {"id", "text", "lines"} from argv[1] and prints one JSON object:
  * throughput (CPU seconds, best of 3) of FTFYFormatter and of C4QualityFilter (line mode,
    Indonesian word tokenizer) over the raw texts;
  * for the labelled documents, which normalized lines the C4 line filter would drop (checked
    one line at a time, with the document-level sentence minimum disabled).
"""

from __future__ import annotations

import json
import sys
import time

from datatrove.data import Document
from datatrove.pipeline.filters import C4QualityFilter
from datatrove.pipeline.formatters import FTFYFormatter


def cpu_best(fn, docs, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for d in docs:
            fn(d)
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    recs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    throughput = [r for r in recs if r.get("throughput")]
    labelled = [r for r in recs if r.get("lines") is not None]
    ftfy = FTFYFormatter()
    c4 = C4QualityFilter(language="ind")
    c4_lines = C4QualityFilter(language="ind", min_num_sentences=-1)

    def run_ftfy(r):
        ftfy.format(r["text"])

    def run_c4(r):
        c4.filter(Document(text=r["text"], id=r["id"]))

    out = {
        "docs": len(throughput),
        "ftfy_cpu_s": cpu_best(run_ftfy, throughput),
        "c4_cpu_s": cpu_best(run_c4, throughput, rounds=1),  # slow: one round is enough
        "c4_drops": {},
    }
    for r in labelled:
        dropped = []
        for i, line in enumerate(r["lines"]):
            if not line.strip():
                continue
            d = Document(text=line, id=f"{r['id']}:{i}")
            kept = c4_lines.filter(d)
            if kept is not True or not d.text.strip():
                dropped.append(i)
        out["c4_drops"][r["id"]] = dropped
    print(json.dumps(out))


if __name__ == "__main__":
    main()
