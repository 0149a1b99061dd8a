"""Before/after check for refactors of the boilerplate step: identical output on real documents.

    python evaluation/boilerplate/snapshot.py write /tmp/bp-before.jsonl [--per-file 500]
    python evaluation/boilerplate/snapshot.py compare /tmp/bp-before.jsonl [--per-file 500]

Runs normalize + boilerplate on the first ``--per-file`` documents of each shared corpus listed
below and records, per document, a hash of the whole serialized result (text, metadata, edits,
annotations, flags). ``compare`` reruns and lists every document whose hash changed, so a
refactor that claims "no behaviour change" can be checked on thousands of documents.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import sys
from pathlib import Path

import orjson
import xxhash

from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.normalize.step import Normalize

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
]


def run(per_file: int) -> dict[str, str]:
    """``file:id`` -> xxh64 of the serialized document after normalize + boilerplate."""
    norm, bp = Normalize(), Boilerplate()
    out: dict[str, str] = {}
    for name in FILES:
        path = CORPORA / name
        if not path.exists():
            print(f"skipped {name}: not present", file=sys.stderr)
            continue
        with gzip.open(path, "rb") as f:
            for k, line in enumerate(itertools.islice(f, per_file)):
                rec = orjson.loads(line)
                meta = {"url": rec.get("url"), "outlet": rec.get("outlet")}
                doc = Document(str(rec["id"]), rec["text"], meta)
                norm.process(doc)
                bp.process(doc)
                blob = orjson.dumps(doc.to_dict(), option=orjson.OPT_SORT_KEYS)
                out[f"{name}:{k}"] = xxhash.xxh64_hexdigest(blob)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["write", "compare"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--per-file", type=int, default=500)
    a = ap.parse_args()
    got = run(a.per_file)
    if a.mode == "write":
        a.path.write_bytes(orjson.dumps(got))
        print(f"wrote {len(got)} document hashes to {a.path}")
        return 0
    before = orjson.loads(a.path.read_bytes())
    changed = sorted(k for k in before if got.get(k) != before[k])
    print(f"compared {len(before)} documents: {len(changed)} differ")
    for k in changed[:20]:
        print("  ", k)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
