"""Instructions the wired line model adds: run under callgrind, compare modes (run minus skip).

    PYTHONHASHSEED=0 valgrind --tool=callgrind python evaluation/boilerplate/learned/cost_wired.py MODE
    MODE: skip-off / skip (load + normalize, step set up with the model off / on),
          step-off / step-on (+ the boilerplate step, model off / on),
          chain-skip-off / chain-skip (load + set up the chain, model off / on),
          chain-skip (load), chain-off / chain-on (the default per-document chain)

Documents: the first N of id_news_gikirima_multioutlet.jsonl.gz (as ``cost.py``). Per document:
(run at 600 - run at 300) / 300, same mode (the set-up differs by +-30 M between modes);
``gc.freeze()`` after set-up, or a full collection over the set-up heap lands in one mode's
run and not the other's (+-10 M per 300 documents).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from evaluation.boilerplate.learned.wired import read_corpus
from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.normalize.step import Normalize
from saring.pipeline import Pipeline
from saring.step import run_steps

N = int(os.environ.get("LEARNED_COST_N", 300))  # per-doc cost: (run at 2N - run at N) / N


def chain(learned: str) -> list:
    steps = Pipeline.default().per_document().steps
    return [Boilerplate(learned=learned) if isinstance(s, Boilerplate) else s for s in steps]


def main() -> int:
    mode = sys.argv[1]
    recs = list(read_corpus("id_news_gikirima_multioutlet", N))
    docs = [Document(str(r["id"]), r["text"], {"url": r.get("url") or ""}) for r in recs]
    if mode.startswith("chain"):
        steps = chain("off" if mode.endswith("off") else "remove")
        for s in steps:
            s.ensure_setup()
        gc.freeze()  # a full collection over the set-up heap costs ~10 M: noise, not the model
        if "skip" not in mode:
            out = list(run_steps(steps, docs, {}))
            print(mode, len(out))
        return 0
    norm, bp = Normalize(), Boilerplate(learned="off" if mode.endswith("off") else "remove")
    norm.ensure_setup()
    bp.ensure_setup()
    gc.freeze()
    for doc in docs:
        norm.process(doc)
        if not mode.startswith("skip"):
            bp.process(doc)
    print(mode, len(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
