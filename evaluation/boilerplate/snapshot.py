"""Before/after check for refactors of the boilerplate step: identical output on real documents.

    python evaluation/boilerplate/snapshot.py write /tmp/bp-before.jsonl [--per-file 500]
    python evaluation/boilerplate/snapshot.py compare /tmp/bp-before.jsonl [--per-file 500]

Runs normalize + boilerplate on the first ``--per-file`` documents of each shared corpus listed
below and records, per document, a hash of the whole serialized result (text, metadata, edits,
annotations, flags). ``compare`` reruns and lists every document whose hash changed, so a
refactor that claims "no behaviour change" can be checked on thousands of documents.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.snapshot import NEWS_AND_WEB, doc_hash, main, records, skip_absent  # noqa: E402
from saring.boilerplate.step import Boilerplate  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.normalize.step import Normalize  # noqa: E402

FILES = NEWS_AND_WEB


def run(per_file: int) -> dict[str, str]:
    """``file:line`` -> hash of the serialized document after normalize + boilerplate."""
    norm, bp = Normalize(), Boilerplate()
    out: dict[str, str] = {}
    for name in FILES:
        if skip_absent(name):
            continue
        for k, rec in records(name, per_file):
            meta = {"url": rec.get("url"), "outlet": rec.get("outlet")}
            doc = Document(str(rec["id"]), rec["text"], meta)
            norm.process(doc)
            bp.process(doc)
            out[f"{name}:{k}"] = doc_hash(doc)
    return out


if __name__ == "__main__":
    sys.exit(main(run, 500))
