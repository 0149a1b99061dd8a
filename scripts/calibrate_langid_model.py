"""Generate ``src/saring/data/langid/model_calibration.json``: model-path confidence -> P(right).

Why: see :mod:`saring.langid.modelcal`. Texts without any function word are labelled id/ms by
the model and the id/ms word weights; their raw score (model probability x id/ms certainty) is
not a probability. This script collects, from the **tune** half only, every text that takes that
path and gets an id/ms label, and fits a logistic regression (Newton, L2) from
:func:`saring.langid.modelcal.features` to "the label is right" (a regional text is never right
as id/ms). Texts: the paragraph and parallel-sentence sets, the Indonesian tweets (one tweet per
text), and sentences of 3-15 words cut from tune-half Indonesian and Malay news documents and from
the regional, Javanese and Sundanese paragraphs (short clean text is what the model path sees most;
the corpora hold few such items otherwise). The eval half is never read here;
``bench/bench_langid_regional.py`` reports on it.

``--regional-weight W`` weights regional texts W times (issue 17: never a confident id/ms label
on them). Rule: the largest W that keeps gold-Indonesian model-path texts scored < 0.5 at most
half of main's share on the tune half. Sweep: see ``main``'s output, recorded in notes/langid.md.

Usage: python scripts/calibrate_langid_model.py [--regional-weight W] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from pathlib import Path

import numpy as np

from saring.langid.lexicon import DATA, LANGS
from saring.langid.modelcal import eligible, features, final, load_vocab
from saring.langid.step import LanguageID, _refine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

L2 = 1e-2
REGIONAL_WEIGHT = 2.0
_SENT = re.compile(r"(?<=[.!?])\s+")
CACHE = Path("/tmp/saring_langid_modelpath_{split}.pkl")


def texts(split: str) -> list[E.Sample]:
    """Labelled texts of ``split``: sets, tweets one per line, cut sentences."""
    out = E.paragraph_set(split, limit_per_lang=3000) + E.sentence_set(split)
    for r in E.records("id_tweets_indolem.jsonl.gz"):
        if E.split_of(r["id"]) == split:
            out += [E.Sample("id", t, "tweet", r["id"]) for t in r["text"].split("\n") if t.strip()]
    cut = [s for s in E.document_set(split, limit_per_source=400) if s.gold in ("id", "ms")]
    cut += [s for s in E.paragraph_set(split, limit_per_lang=400) if s.kind == "paragraph"
            and s.gold not in ("id", "ms", "en")]
    for s in cut:
        for line in s.text.split("\n"):
            for sent in _SENT.split(line.strip()):
                if 3 <= len(sent.split()) <= 15:
                    out.append(E.Sample(s.gold, sent, "cut", s.ref))
    return out


def model_path(step: LanguageID, split: str) -> list[tuple]:
    """(model lang, model score, id/ms log-odds, text, gold, kind, raw score, label) of
    every text of ``split`` whose lexical verdict is ``und`` and whose model-path label is id/ms."""
    cache = Path(str(CACHE).format(split=split))
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    lex = step._lex
    rows = []
    for s in texts(split):
        low = s.text.lower()
        ev = lex.evidence(low)
        v = lex.decide(ev)
        if v.lang != "und" or not ev.tokens:
            continue
        sample = s.text[: step.sample_chars]  # what the step's document path reads
        fl, fs = step.first_stage(sample)
        r = _refine(fl, fs, v, ev.idms)
        if r.lang not in ("id", "ms"):
            continue
        rows.append((fl, fs, v.idms, sample, s.gold, s.kind, r.score, r.lang))
    cache.write_bytes(pickle.dumps(rows))
    return rows


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, iters: int = 60) -> np.ndarray:
    beta = np.zeros(x.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ beta)))
        g = x.T @ (w * (p - y)) + L2 * beta
        h = (x * (w * p * (1 - p))[:, None]).T @ x + L2 * np.eye(x.shape[1])
        beta -= np.linalg.solve(h, g)
    return beta


def report(name: str, rows: list[tuple], score: np.ndarray) -> None:
    gold = np.array([r[4] for r in rows])
    label = np.array([r[7] for r in rows])
    kind = np.array([r[5] for r in rows])
    reg = ~np.isin(gold, LANGS)
    gid = (gold == "id") & (label == "id")
    ok = gold == label
    bins = np.minimum((score * 10).astype(int), 9)
    ece = sum(abs(ok[bins == k].mean() - score[bins == k].mean()) * (bins == k).sum()
              for k in range(10) if (bins == k).any()) / len(score)
    print(f"| {name} | {len(rows)} | {(reg & (score >= 0.5)).sum()}/{reg.sum()} "
          f"| {(jvsu := np.isin(gold, ('jv', 'su'))).sum() and (jvsu & (score >= 0.5)).sum()}/{jvsu.sum()} "
          f"| {(gid & (score < 0.5)).sum()}/{gid.sum()} "
          f"| {((kind == 'cut') & gid & (score < 0.5)).sum()}/{((kind == 'cut') & gid).sum()} "
          f"| {((kind == 'tweet') & gid & (score < 0.5)).sum()}/{((kind == 'tweet') & gid).sum()} "
          f"| {ece:.3f} |")


def report_packaged(step: LanguageID, split: str, vocab: dict[str, int]) -> None:
    """Raw vs packaged calibration on ``split``'s model-path texts (the step's rule: id only)."""
    cal = step._mcal
    assert cal is not None and cal.weights is not None
    rows = model_path(step, split)
    print(f"### {split} half, model-path texts labelled id/ms\n")
    print("| scores | texts | regional >= 0.5 | jv/su >= 0.5 | gold id < 0.5 | cut id < 0.5 "
          "| tweets id < 0.5 | ECE |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    report("raw (main)", rows, np.array([r[6] for r in rows]))
    report("calibrated", rows, np.array([cal.score(r[0], r[1], r[2], r[3], r[6]) if r[7] == "id"
                                         else r[6] for r in rows]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--regional-weight", type=float, default=REGIONAL_WEIGHT)
    ap.add_argument("--sweep", default="", help="comma-separated regional weights to compare")
    ap.add_argument("--report", default="", help="a split to report the packaged weights on "
                    "(raw vs calibrated; eval once, at the end); fits nothing")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    step = LanguageID(keep_langs=list(LANGS), score_only=True)
    step.ensure_setup()
    vocab = load_vocab()
    if args.report:
        report_packaged(step, args.report, vocab)
        return
    rows = model_path(step, "tune")
    x = np.array([features(r[0], r[1], r[2], r[3], vocab) for r in rows])
    y = np.array([r[4] == r[7] for r in rows], dtype=float)
    reg = ~np.isin(np.array([r[4] for r in rows]), LANGS)
    ok = np.array([eligible(tuple(f)) for f in x])  # fitted where the score may rise
    print("| fit | texts | regional >= 0.5 | jv/su >= 0.5 | gold id < 0.5 | cut id < 0.5 "
          "| tweets id < 0.5 | ECE |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    report("raw (main)", rows, np.array([r[6] for r in rows]))
    weights = [float(w) for w in args.sweep.split(",") if w] or [args.regional_weight]
    beta = None
    for wt in weights:
        beta = fit(x[ok], y[ok], np.where(reg[ok], wt, 1.0))
        p = 1 / (1 + np.exp(-(x @ beta)))
        report(f"W = {wt:g}, fit alone", rows, p)
        report(f"W = {wt:g}", rows, np.array([final(a, tuple(f), r[6]) if r[7] == "id" else r[6]
                                              for a, f, r in zip(p, x, rows, strict=True)]))
    if args.dry_run or len(weights) > 1 or beta is None:
        return
    out = {"weights": [round(float(b), 6) for b in beta],
           "_note": "written by scripts/calibrate_langid_model.py on the tune split "
                    f"(regional weight {args.regional_weight:g}); do not edit by hand"}
    (DATA / "model_calibration.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print("weights:", out["weights"])


if __name__ == "__main__":
    main()
