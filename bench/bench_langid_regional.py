"""Regional languages and calibrated confidence (issue 17), on both halves of the split.

Prints, for the tune half (used by scripts/build_langid_regional.py and
scripts/calibrate_langid.py) and the eval half (never read by them):
- per regional language, the share of texts labelled id/ms/jv/su with confidence >= 0.5
  (before: no regional family; after: the packaged lexicon);
- the five languages' label accuracy (before/after);
- expected calibration error of the lexical confidence and the share of gold-Indonesian texts
  labelled id with confidence < 0.5 (raw vs calibrated).

Usage: python bench/bench_langid_regional.py [--limit 400]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from saring.document import Document
from saring.langid import lexicon as L
from saring.langid.step import LanguageID

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

FIVE = ("id", "ms", "jv", "su", "en")


def variants() -> dict[str, L.Lexicon]:
    m, nb, p = L.load_markers(), L.load_nb_weights(), L.Params.load()
    p0 = dataclasses.replace(p, rg_ortho_weight=0.0)  # without the Betawi/Rejang spelling
    return {
        "before (no regional, raw)": L.Lexicon(m, nb, p0),
        "regional, raw": L.Lexicon(m, nb, p0, L.load_regional()),
        "regional + calibration, no spelling (session 2)": L.Lexicon(
            m, nb, p0, L.load_regional(), L.load_calibration()),
        "after (packaged: + Betawi/Rejang spelling)": L.get_lexicon(),
    }


def ece(pairs: list[tuple[float, bool]]) -> float:
    sc = np.array([a for a, _ in pairs])
    ok = np.array([b for _, b in pairs], dtype=float)
    bins = np.minimum((sc * 10).astype(int), 9)
    return float(sum(abs(ok[bins == k].mean() - sc[bins == k].mean()) * (bins == k).sum()
                     for k in range(10) if (bins == k).any()) / len(sc))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=400, help="texts per language and set")
    args = ap.parse_args()
    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    for split in ("tune", "eval"):
        samples = (E.paragraph_set(split, limit_per_lang=args.limit)
                   + E.sentence_set(split, limit_per_lang=args.limit))
        print(f"\n## {split} half: {len(samples)} texts\n")
        print("| lexicon | regional -> id/ms/jv/su >= 0.5 | worst languages | five-language accuracy "
              "| ECE (lexical, >= 3 tokens) | gold id scored < 0.5 |")
        print("|---|---:|---|---:|---:|---:|")
        for name, lex in variants().items():
            step._lex = lex
            bad: Counter[str] = Counter()
            n_reg: Counter[str] = Counter()
            right = n_five = id_low = n_id = 0
            cal: list[tuple[float, bool]] = []
            for s in samples:
                sc = step.score(Document(s.ref, s.text))
                if s.gold in FIVE:
                    n_five += 1
                    right += sc["lang"] == s.gold
                    if s.gold == "id":
                        n_id += 1
                        id_low += sc["lang"] == "id" and sc["score"] < 0.5
                else:
                    n_reg[s.gold] += 1
                    bad[s.gold] += sc["lang"] in FIVE[:4] and sc["score"] >= 0.5
                v = lex.classify(s.text)
                if v.lang != "und" and v.tokens >= L.CALIBRATION_MIN_TOKENS:
                    cal.append((v.score, v.lang == (s.gold if s.gold in FIVE else L.OTHER)))
            worst = sorted(n_reg, key=lambda g: -bad[g] / n_reg[g])[:3]
            print(f"| {name} | {sum(bad.values()) / sum(n_reg.values()):.1%} | "
                  + ", ".join(f"{g} {bad[g] / n_reg[g]:.0%}" for g in worst)
                  + f" | {right / n_five:.2%} | {ece(cal):.3f} | {id_low / n_id:.1%} |")


if __name__ == "__main__":
    main()
