"""What the learned model would add per document: run under callgrind, compare modes.

    PYTHONHASHSEED=0 valgrind --tool=callgrind python evaluation/boilerplate/learned/cost.py MODE
    MODE: skip (load docs, set up), step (+ Boilerplate.analyse), learned (+ features + model)

Documents: the first N of id_news_gikirima_multioutlet.jsonl.gz, normalized first (not counted
apart: normalize runs in every mode).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import orjson

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from evaluation.boilerplate.learned.data import CORPORA, LabelledPage
from evaluation.boilerplate.learned.loro import MODEL_PATH
from evaluation.boilerplate.learned.model import Model, page_scores
from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.normalize.step import Normalize

N = 300


def main() -> int:
    mode = sys.argv[1]
    norm, bp, model = Normalize(), Boilerplate(), Model.from_json(MODEL_PATH)
    norm.ensure_setup()
    bp.ensure_setup()
    with gzip.open(CORPORA / "id_news_gikirima_multioutlet.jsonl.gz", "rb") as f:
        recs = [orjson.loads(line) for _, line in zip(range(N), f, strict=False)]
    flagged = 0
    for rec in recs:
        doc = Document(str(rec["id"]), rec["text"], {})
        norm.process(doc)
        if mode == "skip":
            continue
        res = bp.analyse(doc)
        if mode == "learned":
            lines = list(res.lines.lines)
            step = ["drop" if i in res.drop else "keep" for i in range(len(lines))]
            page = LabelledPage(doc.id, lines, [None] * len(lines), step)
            scores = page_scores(model, page)
            flagged += sum(
                s is not None and s >= model.threshold and st != "drop"
                for s, st in zip(scores, step, strict=True)
            )
    print(mode, len(recs), "docs; model adds", flagged, "lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
