"""Before/after check for refactors of the boilerplate step: identical output on real documents.

    python evaluation/boilerplate/snapshot.py write /tmp/bp-before.jsonl [--per-file 500]
    python evaluation/boilerplate/snapshot.py compare /tmp/bp-before.jsonl [--per-file 500]

Runs normalize + boilerplate on the first ``--per-file`` documents of each shared corpus listed
below and records, per document, a hash of the whole serialized result (text, metadata, edits,
annotations, flags). ``compare`` reruns and lists every document whose hash changed, so a
refactor that claims "no behaviour change" can be checked on thousands of documents.
"""

from __future__ import annotations

import gzip
import itertools
import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.snapshot import CORPORA, doc_hash, main, skip_absent  # noqa: E402
from saring.boilerplate.step import Boilerplate  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.normalize.step import Normalize  # noqa: E402

FILES = [
    "id_news_gikirima_multioutlet.jsonl.gz",
    "id_news_github_scrapes.jsonl.gz",
    "id_news_indosum_dev.jsonl.gz",
    "id_news_detik_langscrape.jsonl.gz",
    "id_hoax_factcheck.jsonl.gz",
    "ms_web_news_malaysian_dataset.jsonl.gz",
    "id_messy_sample.jsonl.gz",
]


def run(per_file: int) -> dict[str, str]:
    """``file:line`` -> hash of the serialized document after normalize + boilerplate."""
    norm, bp = Normalize(), Boilerplate()
    out: dict[str, str] = {}
    for name in FILES:
        if skip_absent(name):
            continue
        with gzip.open(CORPORA / name, "rb") as f:
            for k, line in enumerate(itertools.islice(f, per_file)):
                rec = orjson.loads(line)
                meta = {"url": rec.get("url"), "outlet": rec.get("outlet")}
                doc = Document(str(rec["id"]), rec["text"], meta)
                norm.process(doc)
                bp.process(doc)
                out[f"{name}:{k}"] = doc_hash(doc)
    return out


if __name__ == "__main__":
    sys.exit(main(run, 500))
