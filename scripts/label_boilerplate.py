"""Build the labelled line set for the boilerplate benchmark (bench/data/boilerplate/labels.tsv).

How the labels were made (rule-assisted, hand-checked):
1. ``select`` picks ~400 documents deterministically from the news and messy corpora
   (stratified by source repository / outlet).
2. The boilerplate step proposes a label for every line of the normalized text.
3. ``review`` prints every proposed-boilerplate line grouped by rule and distinct text, and every
   short or edge (first/last 3) proposed-content line, for reading by a person.
4. Every disagreement found by reading is written to ``overrides.tsv`` (doc id, line number,
   line hash, label, note); ``write`` merges proposals and overrides into ``labels.tsv``.

Only ids, line numbers and xxhash64 hashes of the stripped lines are stored, never corpus text.

    .venv/bin/python scripts/label_boilerplate.py review > /tmp/review.txt
    .venv/bin/python scripts/label_boilerplate.py write
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path

import orjson
import xxhash

from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.normalize.step import Normalize

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "bench" / "data" / "boilerplate"
# file -> (group key function, docs per group)
PLAN = {
    "id_messy_sample.jsonl.gz": (lambda r: "all", 200),
    "id_news_gikirima_multioutlet.jsonl.gz": (lambda r: outlet_group(r.get("outlet")), 9),
    "id_news_github_scrapes.jsonl.gz": (lambda r: r["source"].split(":")[0], 6),
    "id_news_indosum_dev.jsonl.gz": (lambda r: r.get("outlet") or "?", 3),
    "id_news_detik_langscrape.jsonl.gz": (lambda r: "all", 12),
}


def outlet_group(outlet: str | None) -> str:
    """``hot.detik.com`` -> detik, ``ekonomi.republika.co.id`` -> republika, ``Okezone`` -> okezone."""
    o = (outlet or "?").lower().removeprefix("www.")
    for suffix in (".co.id", ".com", ".co", ".id"):
        o = o.removesuffix(suffix)
    return o.rsplit(".", 1)[-1]


def line_hash(line: str) -> str:
    return xxhash.xxh64_hexdigest(line.strip().encode("utf-8"))


def select() -> list[tuple[str, dict]]:
    """Deterministic sample: in each group, the records with the smallest id hashes."""
    chosen: list[tuple[str, dict]] = []
    taken: set[str] = set()  # the messy sample re-uses ids of the other files
    for name, (group_of, per_group) in PLAN.items():
        groups: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        seen_text: set[str] = set()
        with gzip.open(CORPORA / name, "rb") as f:
            for line in f:
                rec = orjson.loads(line)
                h = xxhash.xxh64_hexdigest(rec["text"].encode("utf-8"))
                if h in seen_text or str(rec["id"]) in taken:
                    continue  # exact duplicates add nothing to a labelled set
                seen_text.add(h)
                groups[str(group_of(rec))].append((xxhash.xxh64_hexdigest(str(rec["id"]).encode("utf-8")), rec))
        for _g, items in sorted(groups.items()):
            items.sort(key=lambda x: x[0])
            for _h, rec in items[:per_group]:
                chosen.append((name, rec))
                taken.add(str(rec["id"]))
    return chosen


def to_doc(rec: dict) -> Document:
    meta = {k: v for k, v in rec.items() if k not in ("id", "text")}
    return Document(str(rec["id"]), rec["text"], meta)


def propose(steps: tuple[Normalize, Boilerplate], rec: dict) -> tuple[Document, dict]:
    norm, bp = steps
    doc = to_doc(rec)
    norm.process(doc)
    return doc, bp.analyse(doc)


def load_overrides() -> dict[tuple[str, int], tuple[str, str]]:
    path = OUT / "overrides.tsv"
    out: dict[tuple[str, int], tuple[str, str]] = {}
    if path.exists():
        for row in path.read_text(encoding="utf-8").splitlines()[1:]:
            if row and not row.startswith("#"):
                doc_id, line_no, h, label, _note = row.split("\t")
                out[(doc_id, int(line_no))] = (h, label)
    return out


def steps() -> tuple[Normalize, Boilerplate]:
    norm, bp = Normalize(), Boilerplate()
    norm.ensure_setup()
    bp.ensure_setup()
    return norm, bp


def review() -> None:
    st = steps()
    drops: dict[str, Counter] = defaultdict(Counter)
    edges: Counter = Counter()
    where: dict[str, str] = {}
    n_docs = n_lines = 0
    for _name, rec in select():
        doc, res = propose(st, rec)
        n_docs += 1
        lines = res.lines.lines
        n_lines += sum(1 for ln in lines if ln.strip())
        for i, ln in enumerate(lines):
            if not ln.strip():
                continue
            if i in res.drop:
                drops[res.drop[i]][ln.strip()[:160]] += 1
            elif len(ln) <= 80 or i < 3 or i >= len(lines) - 3:
                key = ln.strip()[:160]
                edges[key] += 1
                where.setdefault(key, f"{doc.id}:{i}")
        d = res.dateline
        if d is not None:
            drops["~dateline_meta"][f"{d.rule} | {d.place} | {d.outlet} | {d.site}"] += 1
    print(f"# {n_docs} docs, {n_lines} non-empty lines")
    for rid, c in sorted(drops.items()):
        print(f"\n## DROP {rid} ({sum(c.values())})")
        for text, k in c.most_common():
            print(f"{k:4d}  {text}")
    print(f"\n## KEPT short/edge lines ({sum(edges.values())})")
    for text, k in edges.most_common():
        print(f"{k:4d}  {where[text]:40s}  {text}")


def write() -> None:
    st = steps()
    overrides = load_overrides()
    used = set()
    rows = ["doc_id\tfile\tline_no\tline_hash\tlabel\tdateline_place\tdateline_outlet"]
    datelines_gold = load_dateline_gold()
    for name, rec in select():
        doc, res = propose(st, rec)
        gold = datelines_gold.get(doc.id)
        d = res.dateline
        place = gold[0] if gold else (d.place if d and d.place else "")
        outlet = gold[1] if gold else (d.outlet if d and d.outlet else "")
        for i, ln in enumerate(res.lines.lines):
            if not ln.strip():
                continue
            h = line_hash(ln)
            label = "boilerplate" if i in res.drop else "content"
            ov = overrides.get((doc.id, i))
            if ov is not None:
                if ov[0] != h:
                    raise SystemExit(f"override {doc.id}:{i} hash mismatch (text changed?)")
                label = ov[1]
                used.add((doc.id, i))
            rows.append(f"{doc.id}\t{name}\t{i}\t{h}\t{label}\t{place}\t{outlet}")
            place = outlet = ""  # dateline gold is stored on the first row of the document
    missing = set(overrides) - used
    if missing:
        raise SystemExit(f"overrides for unknown lines: {sorted(missing)[:5]}")
    (OUT / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows) - 1} line labels, {len(overrides)} overrides applied")


def load_dateline_gold() -> dict[str, tuple[str, str]]:
    """Hand corrections of dateline place/outlet (doc id -> (place, outlet); '' = none)."""
    path = OUT / "dateline_overrides.tsv"
    out: dict[str, tuple[str, str]] = {}
    if path.exists():
        for row in path.read_text(encoding="utf-8").splitlines()[1:]:
            if row and not row.startswith("#"):
                doc_id, place, outlet, _note = row.split("\t")
                out[doc_id] = (place, outlet)
    return out


if __name__ == "__main__":
    {"review": review, "write": write}[sys.argv[1] if len(sys.argv) > 1 else "review"]()
