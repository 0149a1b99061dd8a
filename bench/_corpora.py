"""Where the benches find the shared corpora, and the four news corpora most of them read.

One list, so that every bench samples news in the same order (gikirima, GitHub scrapes, IndoSum,
detik) and a bench's figures stay comparable with another's. Benches skip cleanly when
``CORPORA`` is absent.
"""

from __future__ import annotations

import gzip
import itertools
import pickle
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"
NEWS = [
    "id_news_gikirima_multioutlet.jsonl.gz",
    "id_news_github_scrapes.jsonl.gz",
    "id_news_indosum_dev.jsonl.gz",
    "id_news_detik_langscrape.jsonl.gz",
]


def dump_step_input(step: str, out: Path, limit: int) -> None:
    """Pickle [half0, half1] of (id, text, metadata) of ``limit`` x 2 documents per news corpus as
    the default chain hands them to ``step`` (kept documents only; alternate lines per half), so
    a step's cost bench times the step alone on realistic input."""
    import orjson

    from saring.document import Document
    from saring.pipeline import Pipeline
    from saring.step import run_steps

    steps = Pipeline.default().per_document().steps
    pre = steps[:[s.name for s in steps].index(step)]
    halves: list[list] = [[], []]
    for name in NEWS:
        with gzip.open(CORPORA / name, "rb") as f:
            for k, line in enumerate(itertools.islice(f, 2 * limit)):
                r = orjson.loads(line)
                halves[k % 2].append(Document(str(r.pop("id")), r.pop("text"), r))
    res = [[(d.id, d.text, dict(d.metadata)) for d in run_steps(pre, h, {})
            if d.decision.status == "kept"] for h in halves]
    out.write_bytes(pickle.dumps(res))
    print(f"{len(res[0])} + {len(res[1])} documents at {step}'s input -> {out}")
