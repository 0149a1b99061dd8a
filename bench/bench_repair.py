"""Benchmark of the ``repair`` step: founding article, generated glue cases, clean news, speed.

Run: ``.venv/bin/python bench/bench_repair.py [--docs 2000] [--seed 7]``

* founding article: glue spans repaired / order restored / revision duplicate removed / other edits;
* generated cases (``saring.repair.corrupt``) from clean news (IndoSum dev, detik): split
  precision and recall, order restored, per corruption form; revision-duplicate removal;
* untouched clean news: edits per 10,000 tokens, by kind, with examples;
* throughput of the step alone, CPU time per core and wall time, side by side with two references
  run on the same documents in the same process (regex word tokenisation; ftfy.fix_text).

IndoSum and detik are not used to build the lexicon's corpus layer (see
``scripts/build_repair_data.py``), so they are held out for these measurements.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import itertools
import random
import sys
import time
from collections import Counter
from pathlib import Path

import ftfy
import orjson

from saring.document import Document
from saring.repair.step import Repair
from saring.text import words

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # evaluation/ is not installed
from evaluation.repair.corrupt import corrupt_document, score_lines  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"
HELD_OUT = ["id_news_indosum_dev.jsonl.gz", "id_news_detik_langscrape.jsonl.gz"]
SPEED = HELD_OUT + ["id_news_github_scrapes.jsonl.gz", "id_news_gikirima_multioutlet.jsonl.gz"]


def records(name: str, limit: int) -> list[dict]:
    path = CORPORA / name
    if not path.exists():
        return []
    with gzip.open(path, "rb") as f:
        return [orjson.loads(line) for line in itertools.islice(f, limit)]


def new_step(**kw: object) -> Repair:
    s = Repair(**kw)  # type: ignore[arg-type]
    s.ensure_setup()
    return s


def founding() -> list[tuple[str, str]]:
    path = SHARED / "seed" / "founding-article.id.txt"
    if not path.exists():
        return [("founding article", "absent")]
    text = path.read_text(encoding="utf-8")
    doc = Document(id="founding", text=text)
    new_step().process(doc)
    glue = [e for e in doc.edits if e.kind.startswith("mt_")]
    moved = [e for e in glue if e.kind.endswith("_reorder") or e.kind == "mt_list_comma"]
    dups = [e for e in doc.edits if e.kind == "revision_duplicate"]
    other = len(doc.edits) - len(glue) - len(dups)
    conflicts = doc.annotations["repair"].get("revision_conflicts")
    return [
        ("glue spans repaired (target 11)", str(len(glue))),
        ("word order restored / list comma (target >= 9)", str(len(moved))),
        ("revision duplicate removed (target 1)", str(len(dups))),
        ("other edits (target 0)", str(other)),
        ("recorded conflict", str(conflicts)),
        ("mt_damage", str(doc.annotations["repair"]["mt_damage"])),
    ]


def generated(n: int, seed: int, files: list[str] = HELD_OUT) -> tuple[Counter, Counter]:
    """Glue metrics (no paragraph removal) and revision-duplicate metrics (full step)."""
    rng = random.Random(seed)
    glue_step = new_step(dedup_paragraphs=False)
    full_step = new_step()
    glue: Counter = Counter()
    dup: Counter = Counter()
    for name in files:
        for r in records(name, n):
            case = corrupt_document(r["id"], r["text"], rng, p_dup=0.3)
            if case.sites:
                doc = Document(id=case.id, text=case.text)
                glue_step.process(doc)
                glue += score_lines(case, doc.text)
            if case.duplicate is not None:
                doc = Document(id=case.id, text=case.text)
                full_step.process(doc)
                removed = [p["line"] for p in doc.annotations["repair"].get("removed_paragraphs", [])]
                flagged = [f["line"] for f in doc.flags if f["kind"] == "revision_duplicate"]
                dup["cases"] += 1
                dup["with_mt_evidence"] += bool(case.sites)
                dup["copy_removed"] += case.duplicate["line"] in removed
                dup["copy_flagged"] += case.duplicate["line"] in flagged
                dup["wrong_removed"] += len([x for x in removed if x != case.duplicate["line"]])
    return glue, dup


def damage_auc(n: int, seed: int) -> tuple[float, int]:
    """AUC of ``mt_damage`` separating corrupted documents from their clean originals."""
    rng = random.Random(seed)
    step = new_step()
    bad, good = [], []
    for name in HELD_OUT:
        for r in records(name, n):
            case = corrupt_document(r["id"], r["text"], rng, p_dup=0.0)
            if not case.sites:
                continue
            for text, bucket in ((case.text, bad), (case.original, good)):
                doc = Document(id=case.id, text=text)
                step.process(doc)
                bucket.append(doc.annotations["repair"]["mt_damage"])
    good.sort()
    wins = 0.0
    for b in bad:  # P(damage(corrupted) > damage(clean)), ties count half
        lo = bisect.bisect_left(good, b)
        hi = bisect.bisect_right(good, b)
        wins += lo + 0.5 * (hi - lo)
    return wins / max(1, len(bad) * len(good)), len(bad)


def scraped(n: int) -> tuple[int, Counter, Counter]:
    """Edits on the scrape-glued outlets (not clean: datelines and joins glued by scrapers)."""
    step = new_step()
    docs, kinds, ann = 0, Counter(), Counter()
    for name in ("id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz"):
        for r in records(name, n):
            doc = Document(id=r["id"], text=r["text"], metadata={"url": r.get("url")})
            step.process(doc)
            docs += 1
            kinds.update(e.kind for e in doc.edits)
            a = doc.annotations["repair"]
            ann["scrape_joins_split"] += a["scrape_joins_split"]
            ann["docs_mt_damage_gt_0.3"] += a["mt_damage"] > 0.3
    return docs, kinds, ann


def clean_news(n: int) -> tuple[int, Counter, list[str]]:
    step = new_step()
    tokens, kinds, examples = 0, Counter(), []
    for name in HELD_OUT:
        for r in records(name, n):
            doc = Document(id=r["id"], text=r["text"], metadata={"url": r.get("url")})
            step.process(doc)
            tokens += len(r["text"].split())
            for e in doc.edits:
                kinds[e.kind] += 1
                if len(examples) < 12:
                    examples.append(f"{doc.id[:40]}: {e.kind} {e.before[:60]!r} -> {e.after[:40]!r}")
    return tokens, kinds, examples


def speed(n: int) -> list[tuple[str, float, float]]:
    texts = [r["text"] for name in SPEED for r in records(name, n)]
    if not texts:
        return []
    step = new_step()

    def run_repair() -> None:
        for i, t in enumerate(texts):
            step.process(Document(id=str(i), text=t))

    def run_words() -> None:
        for t in texts:
            words(t)

    def run_ftfy() -> None:
        for t in texts:
            ftfy.fix_text(t)

    out = []
    for label, fn in (("repair step", run_repair), ("regex word tokenisation (saring.text.words)",
                                                    run_words), ("ftfy.fix_text", run_ftfy)):
        best_cpu = best_wall = float("inf")
        for _ in range(3):
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            best_cpu = min(best_cpu, time.process_time() - c0)
            best_wall = min(best_wall, time.perf_counter() - w0)
        out.append((label, len(texts) / best_cpu, len(texts) / best_wall))
    return out


def print_glue(g: Counter) -> None:
    wrong = g["wrong"] + g["false_edit"]
    print(f"| gold sites | {g['gold']} |")
    print(f"| split recall (target >= 0.95) | {g['split_ok'] / max(1, g['gold']):.3f} |")
    print(f"| split precision (target >= 0.98) | {g['split_ok'] / max(1, g['split_ok'] + wrong):.3f} |")
    print(f"| order restored of repaired (target >= 0.8) | {g['order_ok'] / max(1, g['split_ok']):.3f} |")
    print(f"| missed / wrong / false edits on clean lines | {g['missed']} / {g['wrong']} / {g['false_edit']} |")
    for form in ("glue", "camel", "suffix", "list"):
        tot = g[f"gold_{form}"]
        print(f"| recall, form {form} | {g[f'split_ok_{form}'] / max(1, tot):.3f} (n={tot}) |")
    for form in ("glue", "camel", "suffix", "list"):
        ok = g[f"split_ok_{form}"]
        print(f"| order restored, form {form} | {g[f'order_ok_{form}'] / max(1, ok):.3f} (of {ok}) |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000, help="documents per corpus file")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not CORPORA.exists():
        sys.exit(f"corpora not found at {CORPORA}")

    print("## Founding article")
    for k, v in founding():
        print(f"| {k} | {v} |")

    g, d = generated(args.docs, args.seed)
    print("\n## Generated glue cases from clean news (IndoSum dev + detik; the tuning set)")
    print_glue(g)
    print(f"| revision duplicates injected | {d['cases']} ({d['with_mt_evidence']} in docs with glue) |")
    print(f"| copy removed / only flagged / wrong paragraph removed | {d['copy_removed']} / "
          f"{d['copy_flagged']} / {d['wrong_removed']} |")
    g2, _ = generated(args.docs, args.seed + 92, ["id_hoax_factcheck.jsonl.gz"])
    print("\n## Generated glue cases, held out (hoax/fact-check news, other seed; never tuned on)")
    print_glue(g2)

    auc, n_bad = damage_auc(min(args.docs, 1500), args.seed + 1)
    print(f"\n| mt_damage AUC, corrupted vs clean original ({n_bad} pairs) | {auc:.3f} |")

    tokens, kinds, examples = clean_news(args.docs)
    total = sum(kinds.values())
    print("\n## Untouched clean news (IndoSum dev + detik)")
    print(f"| tokens | {tokens} |")
    print(f"| edits | {total} ({dict(kinds)}) |")
    print(f"| edits per 10k tokens (target <= 1) | {10_000 * total / max(1, tokens):.3f} |")
    for ex in examples:
        print(f"- {ex}")

    docs, skinds, sann = scraped(args.docs)
    print("\n## Scrape-glued outlets (gikirima + github scrapes; not clean, for information)")
    print(f"| documents | {docs} |")
    print(f"| edits by kind | {dict(skinds)} |")
    print(f"| of which scrape joins split (not counted as MT) | {sann['scrape_joins_split']} |")
    print(f"| documents with mt_damage > 0.3 | {sann['docs_mt_damage_gt_0.3']} |")

    print("\n## Throughput (same documents, same process; best of 3)")
    print("| what | docs/s per core (CPU time) | docs/s (wall) |")
    rows = speed(args.docs)
    for label, cpu, wall in rows:
        print(f"| {label} | {cpu:,.0f} | {wall:,.0f} |")
    if rows:
        print(f"| repair / ftfy ratio (CPU) | {rows[0][1] / rows[2][1]:.2f} | |")


if __name__ == "__main__":
    main()
