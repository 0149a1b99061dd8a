"""Untouched clean news: almost no edits (the benchmark reports the rate and the examples)."""

from __future__ import annotations

from conftest import corpus_records

from saring.document import Document
from saring.repair.step import Repair


def test_false_edits_on_clean_news_are_rare() -> None:
    step = Repair()
    step.ensure_setup()
    tokens = edits = 0
    for r in corpus_records("id_news_indosum_dev.jsonl.gz", 1500):
        doc = Document(id=r["id"], text=r["text"], metadata={"url": r.get("url")})
        step.process(doc)
        tokens += len(r["text"].split())
        edits += len(doc.edits)
        assert doc.undo() == r["text"]
    assert tokens > 300_000
    assert edits / tokens * 10_000 <= 1.0
