"""Every PII span of every shared-corpus document, for a before/after diff of data changes.

Why: ``bench/compare_pii_ref.py`` loads the ref's detector code but this tree's data files, so a
change to ``src/saring/data/pii`` needs each side run with its own tree (session 19).

    PYTHONPATH=<tree>/src python -m evaluation.pii.corpus_spans dump OUT.tsv
    python -m evaluation.pii.corpus_spans diff A.tsv B.tsv
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import orjson

CORPORA = Path("/work/shared/corpora")


def dump(out: Path) -> None:
    """One line per document with a span: ``file:k`` and its spans (type, start, end, rule)."""
    from saring.pii.detect import Detector

    det = Detector()
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for path in sorted(CORPORA.glob("*.jsonl.gz")):
            with gzip.open(path) as src:
                for k, line in enumerate(src):
                    n += 1
                    spans = det.find(orjson.loads(line).get("text") or "")[0]
                    if spans:
                        cells = " ".join(f"{x.type},{x.start},{x.end},{x.rule}" for x in spans)
                        fh.write(f"{path.name}:{k}\t{cells}\n")
    print(f"{n} documents")


def _read(p: Path) -> dict[str, set[str]]:
    rows = (ln.rstrip("\n").split("\t") for ln in p.open(encoding="utf-8"))
    return {doc: set(cells.split()) for doc, cells in rows}


def diff(a: Path, b: Path) -> None:
    """Spans found on one side only, per document (no text printed)."""
    old, new = _read(a), _read(b)
    docs = 0
    for doc in sorted(old.keys() | new.keys()):
        x, y = old.get(doc, set()), new.get(doc, set())
        if x != y:
            docs += 1
            print(f"{doc}\tonly before {sorted(x - y)}\tonly after {sorted(y - x)}")
    print(f"{docs} documents differ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("a", type=Path)
    d.add_argument("b", type=Path)
    a = ap.parse_args()
    dump(a.out) if a.cmd == "dump" else diff(a.a, a.b)


if __name__ == "__main__":
    main()
