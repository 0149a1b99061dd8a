"""Generate ``src/saring/data/langid/calibration.json``: lexical confidence -> P(label is right).

Why: the raw lexical confidence (family share x hits/(hits+1) x id/ms certainty) undervalues
short clean text: a standard Indonesian paragraph with one function word but a strong Malayic
vocabulary scored 0.47 and was rejected ``lang_score_low``, while a regional-language paragraph
that borrows Indonesian function words could score higher. A logistic regression over the raw
verdict's features (:func:`saring.langid.lexicon.calibration_features`) fitted on the *tune* half
of the paragraph and sentence sets (all languages; regional languages are right when labelled
``other``) turns the score into a calibrated probability. The *eval* half is never read here;
``bench/bench_langid.py`` reports calibration error on it.

Usage: python scripts/calibrate_langid.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from saring.langid.lexicon import (
    CALIBRATION_MIN_TOKENS,
    DATA,
    LANGS,
    OTHER,
    Lexicon,
    calibration_features,
    get_lexicon,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

L2 = 1e-2


def dataset(lex: Lexicon, split: str) -> tuple[np.ndarray, np.ndarray]:
    """Features of the raw lexical verdict and whether its label is right, per labelled text."""
    xs, ys = [], []
    for s in E.paragraph_set(split, limit_per_lang=1500) + E.sentence_set(split, limit_per_lang=1500):
        ev = lex.evidence(s.text.lower())
        v = lex.decide_raw(ev)
        if v.lang == "und" or v.tokens < CALIBRATION_MIN_TOKENS:
            continue
        gold = s.gold if s.gold in LANGS else OTHER
        xs.append(calibration_features(v, ev.rg))
        ys.append(float(v.lang == gold))
    return np.array(xs), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray, iters: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (a few features, exact)."""
    w = np.zeros(x.shape[1])
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + L2 * w
        hess = (x.T * (p * (1 - p))) @ x + L2 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def main() -> None:
    lex = get_lexicon()
    x, y = dataset(lex, "tune")
    w = fit(x, y)
    out = DATA / "calibration.json"
    note = "written by scripts/calibrate_langid.py on the tune split; do not edit by hand"
    out.write_text(json.dumps({"weights": [round(float(v), 6) for v in w], "_note": note},
                              indent=2) + "\n", encoding="utf-8")
    print(f"{len(y)} texts, {y.mean():.1%} right; weights {np.round(w, 3).tolist()} -> {out}")


if __name__ == "__main__":
    main()
