"""Before/after check for speed work: the default per-document chain gives identical output.

    python evaluation/speed/snapshot.py write /tmp/speed-before.json [--per-file 400]
    python evaluation/speed/snapshot.py compare /tmp/speed-before.json [--per-file 400]

Runs ``Pipeline.default().per_document()`` (normalize ... pii, every step of the default chain
except the corpus-level dedup stage) on the first ``--per-file`` records of several shared corpora
(news, hoax, Malay, messy, tweets, legal, regional, English) and records per document an xxh64 of
the whole serialized result (text, metadata, edits, annotations with their float scores, flags,
decision). ``compare`` reruns and lists the documents whose hash changed, so an optimisation that
claims "same output" is checked byte for byte on thousands of documents, including rejected ones.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.snapshot import NEWS_AND_WEB, doc_hash, main, records, skip_absent  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.pipeline import Pipeline  # noqa: E402
from saring.step import StepStats, run_steps  # noqa: E402

FILES = [
    *NEWS_AND_WEB,
    "id_tweets_indolem.jsonl.gz",
    "id_legal_indolaw_sample.jsonl.gz",
    "jv_su_regional_paragraphs_nusawrites.jsonl.gz",
    "en_news_bbc.jsonl.gz",
]


def _docs(name: str, per_file: int) -> Iterator[Document]:
    for k, rec in records(name, per_file):
        rec.pop("id", None)
        text = rec.pop("text", "") or ""
        yield Document(f"{name}:{k}", text, rec)


def run(per_file: int) -> dict[str, str]:
    """``file:line`` -> hash of the serialized document after the default per-document chain."""
    steps = Pipeline.default().per_document().steps
    out: dict[str, str] = {}
    for name in FILES:
        if skip_absent(name):
            continue
        stats: dict[str, StepStats] = {}
        for doc in run_steps(steps, _docs(name, per_file), stats):
            out[doc.id] = doc_hash(doc)
    return out


if __name__ == "__main__":
    sys.exit(main(run, 400))
