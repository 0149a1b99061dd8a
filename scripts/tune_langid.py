"""Tune the few decision constants of saring's lexical language scorer on the *tune* split.

Why: marker lists and wordfreq weights are fixed resources; what needs data is how to weigh
them: the per-family multipliers (Javanese/Sundanese/English function-word lists differ in
coverage) and the Indonesian-vs-Malay logistic combination of wordfreq weights and markers.
Only the ``tune`` half of the shared corpora (``evaluation.langid.sets.split_of``) is used;
``bench/bench_langid.py`` reports on the ``eval`` half. Output: ``src/saring/data/langid/params.json``.

Usage: python scripts/tune_langid.py [--corpora DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

from saring.langid.lexicon import (
    DATA,
    FAMILIES,
    FAMILY_COL,
    ID,
    MS,
    NB,
    TOKEN_RE,
    Lexicon,
    get_lexicon,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

GRID = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0)
ORTH_GRID = (0.0, 0.5, 1.0, 1.5, 2.0)
FAMILY_OF = {"id": "mly", "ms": "mly", "jv": "jv", "su": "su", "en": "en"}


def features(lex: Lexicon, text: str) -> tuple[list[float], int]:
    toks = TOKEN_RE.findall(text.lower())
    return lex.features(toks), len(toks)


def orthography(text: str) -> tuple[int, int]:
    """Occurrences of "eu" (Sundanese) and "dh" (Javanese) in the lowercased text."""
    low = text.lower()
    return low.count("eu"), low.count("dh")


def tune_families(
    X: np.ndarray, orth: np.ndarray, gold: list[str], min_hits: float
) -> tuple[dict[str, float], float, float]:
    """Grid search of jv/su/en multipliers (mly = 1) and the "eu"/"dh" orthography weights for
    the best macro family recall."""
    fam_idx = np.array([FAMILIES.index(FAMILY_OF[g]) for g in gold])
    F = X[:, [FAMILY_COL[f] for f in FAMILIES]]
    best, best_w = -1.0, (1.0, 1.0, 1.0, 0.0, 0.0)
    for wj, ws, we, weu, wdh in itertools.product(GRID, GRID, GRID, ORTH_GRID, ORTH_GRID):
        W = F * np.array([1.0, wj, ws, we])
        W[:, 1] += wdh * orth[:, 1]
        W[:, 2] += weu * orth[:, 0]
        pred = W.argmax(1)
        ok = (pred == fam_idx) & (W.sum(1) >= min_hits)
        rec = np.mean([ok[fam_idx == k].mean() for k in range(len(FAMILIES)) if (fam_idx == k).any()])
        if rec > best:
            best, best_w = rec, (wj, ws, we, weu, wdh)
    wj, ws, we, weu, wdh = best_w
    print(f"family weights jv={wj} su={ws} en={we}, eu={weu} dh={wdh}: macro recall {best:.4f}")
    return {"mly": 1.0, "jv": wj, "su": ws, "en": we}, weu, wdh


def tune_idms(X: np.ndarray, n: np.ndarray, y: np.ndarray, w: np.ndarray) -> dict[str, float]:
    """L2-regularised weighted logistic regression on [nb, ms-id markers, 1, tokens]."""
    A = np.stack([X[:, NB], X[:, MS] - X[:, ID], np.ones(len(y)), n], axis=1)
    scale = A.std(0)
    scale[scale == 0] = 1.0  # the intercept column
    A = A / scale
    beta = np.zeros(A.shape[1])
    lam = 1e-6
    for _ in range(50):  # Newton steps
        p = 1.0 / (1.0 + np.exp(-np.clip(A @ beta, -30, 30)))
        g = A.T @ (w * (p - y)) + lam * beta
        H = (A * (w * p * (1 - p))[:, None]).T @ A + lam * np.eye(A.shape[1])
        step = np.linalg.solve(H, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    beta = beta / scale
    acc = (((A * scale) @ beta > 0) == (y == 1)).astype(float)
    print(f"id/ms logistic: nb={beta[0]:.4f} marker={beta[1]:.4f} bias={beta[2]:.4f} "
          f"per_token={beta[3]:.6f}; weighted tune accuracy {np.average(acc, weights=w):.4f}")
    return {"nb_weight": float(beta[0]), "marker_weight": float(beta[1]),
            "bias": float(beta[2]), "per_token_bias": float(beta[3])}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", type=Path, default=E.CORPORA)
    args = ap.parse_args()
    lex = get_lexicon()
    samples = (
        E.sentence_set("tune", args.corpora, limit_per_lang=1500)
        + E.paragraph_set("tune", args.corpora, limit_per_lang=3000)
        + E.document_set("tune", args.corpora, limit_per_source=600)
    )
    samples = [s for s in samples if s.gold in FAMILY_OF]
    feats = [features(lex, s.text) for s in samples]
    X = np.array([f[0] for f in feats])
    n = np.array([f[1] for f in feats], dtype=float)
    gold = [s.gold for s in samples]
    print(f"{len(samples)} tune samples")
    min_hits = 1.0
    orth = np.array([orthography(s.text) for s in samples], dtype=float)
    fw, weu, wdh = tune_families(X, orth, gold, min_hits)
    sel = np.array([g in ("id", "ms") for g in gold])
    y = np.array([1.0 if g == "ms" else 0.0 for g in gold])[sel]
    kinds = np.array([s.kind for s in samples])[sel]
    # Equal total weight per (kind, class), so sentences count as much as whole documents.
    w = np.zeros(len(y))
    for k in set(kinds):
        for c in (0.0, 1.0):
            m = (kinds == k) & (y == c)
            if m.any():
                w[m] = 1.0 / m.sum()
    idms = tune_idms(X[sel], n[sel], y, w)
    params = {"family_weight": fw, **idms, "min_family_hits": min_hits,
              "su_eu_weight": weu, "jv_dh_weight": wdh,
              "_note": "written by scripts/tune_langid.py on the tune split; do not edit by hand"}
    out = DATA / "params.json"
    out.write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
