"""Benchmark normalize + boilerplate: quality on the labelled set, negative lines, throughput.

    .venv/bin/python bench/bench_boilerplate.py [--docs-per-file 2000] [--no-anchor] [--no-unseen]

Quality: line precision/recall on bench/data/boilerplate/labels.tsv (ids + line hashes over the
shared corpora), dateline accuracy, removals on the negative lines we wrote, and line
precision/recall and datelines on the hand-written pages of unseen outlets (tune and held-out
halves, evaluation/boilerplate/unseen/).
Throughput: CPU seconds (process_time, best of 3) on news documents from the four news corpora,
so numbers are per core and less sensitive to other processes on the machine; ratios are
measured in the same run. The anchor (datatrove 0.10.1 FTFYFormatter and C4QualityFilter, run
in /tmp/anchor-venv on the same documents) is a generic reference, not a like-for-like
Indonesian boilerplate remover.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import ftfy
import orjson
from _ab import cpu_best
from _corpora import NEWS

from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.normalize.step import Normalize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # evaluation/ is not installed
from evaluation.boilerplate import unseen  # noqa: E402
from evaluation.boilerplate.labelled import evaluate, line_hash, load_labels, load_records  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
DATA = ROOT / "bench" / "data" / "boilerplate"
ANCHOR_PY = Path("/tmp/anchor-venv/bin/python")


def news_records(per_file: int) -> list[dict]:
    out = []
    for name in NEWS:
        with gzip.open(CORPORA / name, "rb") as f:
            out.extend(orjson.loads(line) for line in itertools.islice(f, per_file))
    return out


def to_doc(rec: dict) -> Document:
    return Document(str(rec["id"]), rec["text"], {"url": rec.get("url"), "outlet": rec.get("outlet")})



def throughput(recs: list[dict]) -> dict[str, float]:
    norm, bp, bp_noshape = Normalize(), Boilerplate(), Boilerplate(shape=False)
    norm.ensure_setup()
    bp.ensure_setup()
    bp_noshape.ensure_setup()
    normalized = []
    for r in recs:
        d = to_doc(r)
        norm.process(d)
        normalized.append(d.text)

    def t_ftfy():
        for r in recs:
            ftfy.fix_text(r["text"])

    def t_norm():
        for r in recs:
            norm.process(to_doc(r))

    def t_bp():
        for r, text in zip(recs, normalized, strict=True):
            bp.process(Document(str(r["id"]), text, {"url": r.get("url"), "outlet": r.get("outlet")}))

    def t_bp_noshape():
        for r, text in zip(recs, normalized, strict=True):
            bp_noshape.process(Document(str(r["id"]), text, {"url": r.get("url"), "outlet": r.get("outlet")}))

    def t_both():
        for r in recs:
            d = to_doc(r)
            norm.process(d)
            bp.process(d)

    def t_make():
        for r in recs:
            to_doc(r)

    base = cpu_best(t_make)
    return {
        "ftfy.fix_text (default config)": cpu_best(t_ftfy),
        "normalize": cpu_best(t_norm) - base,
        "boilerplate without the shape pass (on normalized text)": cpu_best(t_bp_noshape) - base,
        "boilerplate (on normalized text)": cpu_best(t_bp) - base,
        "normalize + boilerplate": cpu_best(t_both) - base,
    }


def negative_removals() -> tuple[int, int]:
    lines = [ln for ln in (DATA / "negative_lines.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    norm, bp = Normalize(), Boilerplate()
    norm.ensure_setup()
    bp.ensure_setup()
    ctx = "Pemerintah daerah meresmikan pasar baru di pusat kota pada Senin pagi."
    removed = 0
    for line in lines:
        for text in (line, ctx + "\n" + line + "\n" + ctx, ctx + "\n" + line):
            d = Document("neg", text)
            norm.process(d)
            bp.process(d)
            removed += any(e.step == "boilerplate" and e.before.strip() for e in d.edits)
    return len(lines), removed


def anchor(recs: list[dict], labels, records) -> dict | None:
    if not ANCHOR_PY.exists():
        return None
    norm = Normalize()
    norm.ensure_setup()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps({"id": str(r["id"]), "text": r["text"], "throughput": True}) + "\n")
        for d in labels:
            doc = to_doc(records[d.doc_id])
            norm.process(doc)
            f.write(json.dumps({"id": d.doc_id, "text": doc.text, "lines": doc.text.split("\n")}) + "\n")
        path = f.name
    script = ROOT / "bench" / "bench_boilerplate_datatrove.py"
    res = subprocess.run([str(ANCHOR_PY), str(script), path], capture_output=True, text=True)
    Path(path).unlink()
    if res.returncode != 0:
        print("anchor failed:", res.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(res.stdout.strip().splitlines()[-1])


def anchor_quality(labels, records, drops: dict[str, list[int]]) -> tuple[float, float]:
    """Line precision/recall of the datatrove C4 line filter against the same labels."""
    norm = Normalize()
    norm.ensure_setup()
    tp = fp = fn = 0
    for d in labels:
        doc = to_doc(records[d.doc_id])
        norm.process(doc)
        lines = doc.text.split("\n")
        dropped = set(drops.get(d.doc_id, ()))
        for lab in d.lines:
            if line_hash(lines[lab.line_no]) != lab.line_hash:
                continue
            gold, pred = lab.label == "boilerplate", lab.line_no in dropped
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs-per-file", type=int, default=2000)
    ap.add_argument("--no-anchor", action="store_true")
    ap.add_argument("--no-unseen", action="store_true", help="skip the unseen-outlet set")
    args = ap.parse_args()

    labels = load_labels(DATA / "labels.tsv")
    records = load_records(CORPORA, labels)
    sc = evaluate(labels, records)
    files = Counter(d.file for d in labels)
    n_lines = sc.tp + sc.fp + sc.fn + sc.tn
    print("## Quality (labelled set)")
    per_file = ", ".join(f"{k.split('.')[0]} {v}" for k, v in files.items())
    print(f"documents: {len(labels)} ({per_file})")
    print(f"lines: {n_lines} (boilerplate {sc.tp + sc.fn}), hash mismatches: {sc.hash_mismatch}")
    print("| metric | value | target |\n|---|---:|---:|")
    print(f"| line precision | {sc.precision:.4f} | >= 0.98 |")
    print(f"| line recall | {sc.recall:.4f} | >= 0.95 |")
    print(f"| dateline accuracy | {sc.dateline_accuracy:.4f} ({sc.dateline_correct}/{sc.dateline_docs}) | >= 0.95 |")
    n_neg, removed = negative_removals()
    print(f"| negative lines removed | {removed} of {n_neg} (x3 contexts) | 0 |")
    if sc.errors:
        print("errors (doc id, line, gold, rule):")
        for e in sc.errors:
            print("   ", *e)

    if not args.no_unseen:
        print("\n## Unseen outlets (hand-written pages, evaluation/boilerplate/unseen/)")
        print("| half | pages | furniture / body lines | precision | recall | datelines |")
        print("|---|---:|---:|---:|---:|---:|")
        for half in ("tune", "heldout"):
            pages = unseen.load(unseen.HERE / f"{half}.txt")
            u = unseen.score(pages)
            print(f"| {half} | {len(pages)} | {u.tp + u.fn} / {u.tn + u.fp} | {u.precision:.4f} "
                  f"| {u.recall:.4f} | {u.dateline_correct}/{u.dateline_docs} |")
            for e in u.errors:
                print("   ", e)

    recs = news_records(args.docs_per_file)
    mb = sum(len(r["text"]) for r in recs) / 1e6
    t = throughput(recs)
    anc = None if args.no_anchor else anchor(recs, labels, records)
    if anc is not None:
        t["datatrove FTFYFormatter (anchor)"] = anc["ftfy_cpu_s"]
        t["datatrove C4QualityFilter, ind (anchor)"] = anc["c4_cpu_s"]
    ref = t["normalize + boilerplate"]
    print(f"\n## Throughput: {len(recs)} news docs, {mb:.1f} M chars, CPU seconds best of 3")
    print("| stage | docs/s per core | M chars/s | time vs normalize+boilerplate |")
    print("|---|---:|---:|---:|")
    for name, secs in t.items():
        print(f"| {name} | {len(recs) / secs:,.0f} | {mb / secs:.1f} | {secs / ref:.2f}x |")
    if anc is not None:
        p, r = anchor_quality(labels, records, anc["c4_drops"])
        print("\n## Anchor line quality on the same labels (datatrove C4 line filter, per line)")
        print(f"| C4QualityFilter | precision {p:.3f} | recall {r:.3f} |")


if __name__ == "__main__":
    main()
