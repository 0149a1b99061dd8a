"""Before/after check for langid speed work: the step alone gives identical output.

    python evaluation/langid/snapshot.py write /tmp/langid-before.json [--per-file 1500]
    python evaluation/langid/snapshot.py compare /tmp/langid-before.json [--per-file 1500]

Runs the ``langid`` step on the raw text of the first ``--per-file`` records of every shared
corpus (news, hoax, Malay, messy, tweets, legal, thesis abstracts, machine-translated Wikipedia,
regional paragraphs, parallel sentences, English), in three configurations that reach different
code paths: the pipeline's default (keep ``id``, tag foreign paragraphs), the five languages with
``drop_paragraphs`` (edits), and ``model_policy=fallback`` with ``drop_document``. Per document it
stores an xxh64 of the whole serialized result (annotations with float scores, edits, flags,
decision). Wider than ``evaluation/speed/snapshot.py`` (which sees langid only after the rest of
the chain) because it also covers every regional language and the paragraph-model path.
"""

from __future__ import annotations

import gzip
import itertools
import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.snapshot import CORPORA, doc_hash, main  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.step import StepStats, run_steps  # noqa: E402

CONFIGS: dict[str, dict] = {
    "default": {},
    "five_drop": {"keep_langs": ["id", "ms", "jv", "su", "en"], "mixed_policy": "drop_paragraphs"},
    "fallback_doc": {"model_policy": "fallback", "mixed_policy": "drop_document",
                     "max_foreign_ratio": 0.05},
}


def run(per_file: int) -> dict[str, str]:
    """``config:file:line`` -> hash of the serialized document after the langid step."""
    from saring.langid.step import LanguageID

    steps = {name: LanguageID(**kw) for name, kw in CONFIGS.items()}
    out: dict[str, str] = {}
    for path in sorted(CORPORA.glob("*.jsonl.gz")):
        with gzip.open(path, "rb") as f:
            recs = [orjson.loads(line) for line in itertools.islice(f, per_file)]
        for name, step in steps.items():
            stats: dict[str, StepStats] = {}
            docs = (Document(f"{path.name}:{k}", rec.get("text") or "", {})
                    for k, rec in enumerate(recs))
            for doc in run_steps([step], docs, stats):
                out[f"{name}:{doc.id}"] = doc_hash(doc)
    return out


if __name__ == "__main__":
    sys.exit(main(run, 1500))
