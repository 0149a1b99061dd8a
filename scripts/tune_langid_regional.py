"""Sweep the regional weights of the lexicon on the TUNE half only (issue 17).

Why: ``Params.regional_weak_weight`` (hand-written seeds that wordfreq's id/ms lists contain) trades
regional texts labelled id/jv/su against Indonesian texts pulled to ``other``. This prints, per
candidate value, on the tune half of the corpus paragraph + sentence sets and of the Indonesian
tweets (informal Indonesian, where Betawi-looking words are most likely), and on the hand-written
DEV set (never the held-out one):
regional texts labelled id/ms/jv/su with score >= 0.5, five-language accuracy, tweets labelled id.

Session 6 adds the Betawi texts alone, gold-Indonesian texts scored < 0.5, tweets labelled id with
score >= 0.5 (the ones a default run keeps), and ``--set`` for the other constants of a sweep.

Usage: python scripts/tune_langid_regional.py [--limit 400] [--values 0.5,1,1.5,2]
       [--field regional_register_weight] [--set regional_register_min=3] [--dev dev7]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from saring.document import Document
from saring.langid import lexicon as L
from saring.langid.step import LanguageID

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import handwritten as H  # noqa: E402
from evaluation.langid import sets as E  # noqa: E402

FIVE = ("id", "ms", "jv", "su", "en")


def measure(step: LanguageID, samples: list[E.Sample]) -> tuple[float, float, float, float]:
    """(regional confidently id/ms/jv/su, five-language accuracy, Betawi confidently id/ms/jv/su,
    gold-Indonesian labelled id but scored < 0.5) over ``samples``."""
    bad = n_reg = right = n_five = bew = n_bew = id_low = n_id = 0
    for s in samples:
        sc = step.score(Document(s.ref, s.text))
        if s.gold in FIVE:
            n_five += 1
            right += sc["lang"] == s.gold
            if s.gold == "id":
                n_id += 1
                id_low += sc["lang"] == "id" and sc["score"] < 0.5
        else:
            n_reg += 1
            wrong = sc["lang"] in FIVE[:4] and sc["score"] >= 0.5
            bad += wrong
            if s.gold == "bew":
                n_bew += 1
                bew += wrong
    return (bad / max(n_reg, 1), right / max(n_five, 1), bew / max(n_bew, 1),
            id_low / max(n_id, 1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--values", default="0,0.5,1,1.5,2")
    ap.add_argument("--field", default="regional_weak_weight")
    ap.add_argument("--set", default="", help="other constants, k=v,k=v")
    ap.add_argument("--dev", default="dev7", choices=("dev", "dev6", "dev7", "dev8"))
    args = ap.parse_args()
    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    corpus = E.paragraph_set("tune", limit_per_lang=args.limit) + E.sentence_set("tune", limit_per_lang=args.limit)
    tweets = [E.Sample("id", r["text"], "tweet", r["id"])
              for r in E.records("id_tweets_indolem.jsonl.gz") if E.split_of(r["id"]) == "tune"][:2000]
    dev = H.load(args.dev)
    base = L.Params.load()
    for kv in filter(None, args.set.split(",")):
        k, v = kv.split("=")
        base = dataclasses.replace(base, **{k: type(getattr(base, k))(float(v))})
    print(f"| {args.field} | regional >= 0.5 (tune) | Betawi >= 0.5 (tune) | five-language acc. (tune) "
          f"| gold id < 0.5 (tune) | tweets id / id >= 0.5 (tune) | {args.dev} regional >= 0.5 "
          f"| {args.dev} five-language acc. |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for v in map(float, args.values.split(",")):
        p = dataclasses.replace(base, **{args.field: type(getattr(base, args.field))(v)})
        step._lex = L.Lexicon(L.load_markers(), L.load_nb_weights(), p, L.load_regional(),
                              L.load_calibration())
        reg, acc, bew, id_low = measure(step, corpus)
        scored = [step.score(Document(s.ref, s.text)) for s in tweets]
        tw = sum(sc["lang"] == "id" for sc in scored) / max(len(tweets), 1)
        tw_ok = sum(sc["lang"] == "id" and sc["score"] >= 0.5 for sc in scored) / max(len(tweets), 1)
        dreg, dacc, _, _ = measure(step, dev)
        print(f"| {v:g} | {reg:.2%} | {bew:.1%} | {acc:.2%} | {id_low:.2%} | {tw:.2%} / {tw_ok:.2%} "
              f"| {dreg:.1%} | {dacc:.1%} |")


if __name__ == "__main__":
    main()
