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

import argparse
import gzip
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import xxhash

from saring.document import Document
from saring.pipeline import Pipeline
from saring.step import StepStats, run_steps

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
FILES = [
    "id_news_gikirima_multioutlet.jsonl.gz",
    "id_news_github_scrapes.jsonl.gz",
    "id_news_indosum_dev.jsonl.gz",
    "id_news_detik_langscrape.jsonl.gz",
    "id_hoax_factcheck.jsonl.gz",
    "ms_web_news_malaysian_dataset.jsonl.gz",
    "id_messy_sample.jsonl.gz",
    "id_tweets_indolem.jsonl.gz",
    "id_legal_indolaw_sample.jsonl.gz",
    "jv_su_regional_paragraphs_nusawrites.jsonl.gz",
    "en_news_bbc.jsonl.gz",
]


def _docs(name: str, per_file: int) -> Iterator[Document]:
    with gzip.open(CORPORA / name, "rb") as f:
        for k, line in enumerate(itertools.islice(f, per_file)):
            rec = orjson.loads(line)
            rec.pop("id", None)
            text = rec.pop("text", "") or ""
            yield Document(f"{name}:{k}", text, rec)


def run(per_file: int) -> dict[str, str]:
    """``file:line`` -> xxh64 of the serialized document after the default per-document chain."""
    steps = Pipeline.default().per_document().steps
    out: dict[str, str] = {}
    for name in FILES:
        if not (CORPORA / name).exists():
            print(f"skipped {name}: not present", file=sys.stderr)
            continue
        stats: dict[str, StepStats] = {}
        for doc in run_steps(steps, _docs(name, per_file), stats):
            blob = orjson.dumps(doc.to_dict(), option=orjson.OPT_SORT_KEYS)
            out[doc.id] = xxhash.xxh64_hexdigest(blob)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["write", "compare"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--per-file", type=int, default=400)
    a = ap.parse_args()
    got = run(a.per_file)
    if a.mode == "write":
        a.path.write_bytes(orjson.dumps(got))
        print(f"wrote {len(got)} document hashes to {a.path}")
        return 0
    before = orjson.loads(a.path.read_bytes())
    changed = sorted(k for k in before if got.get(k) != before[k])
    missing = len(set(got) ^ set(before))
    print(f"compared {len(before)} documents: {len(changed)} differ, {missing} not in both")
    for k in changed[:20]:
        print("  ", k)
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
