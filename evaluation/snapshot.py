"""Shared before/after output check: hash every document's serialized result, write or compare.

Used by ``evaluation/boilerplate/snapshot.py`` (normalize + boilerplate refactors) and
``evaluation/speed/snapshot.py`` (the whole per-document chain): each supplies only how it runs
its documents; hashing, the file format and the compare report live here.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import xxhash

from saring.document import Document

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
# news, hoax, Malay and messy web text: the files both snapshot checks run on
NEWS_AND_WEB = [
    "id_news_gikirima_multioutlet.jsonl.gz",
    "id_news_github_scrapes.jsonl.gz",
    "id_news_indosum_dev.jsonl.gz",
    "id_news_detik_langscrape.jsonl.gz",
    "id_hoax_factcheck.jsonl.gz",
    "ms_web_news_malaysian_dataset.jsonl.gz",
    "id_messy_sample.jsonl.gz",
]


def records(name: str, per_file: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of the first ``per_file`` records of a shared corpus file."""
    with gzip.open(CORPORA / name, "rb") as f:
        for k, line in enumerate(itertools.islice(f, per_file)):
            yield k, orjson.loads(line)


def doc_hash(doc: Document) -> str:
    """xxh64 of the whole serialized document (text, metadata, edits, annotations, decision)."""
    return xxhash.xxh64_hexdigest(orjson.dumps(doc.to_dict(), option=orjson.OPT_SORT_KEYS))


def main(run: Callable[[int], dict[str, str]], default_per_file: int) -> int:
    """``write PATH`` stores ``run(per_file)``; ``compare PATH`` reruns and lists what changed."""
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["write", "compare"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--per-file", type=int, default=default_per_file)
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


def skip_absent(name: str) -> bool:
    """True (and a note on stderr) when a corpus file is not there."""
    if (CORPORA / name).exists():
        return False
    print(f"skipped {name}: not present", file=sys.stderr)
    return True
