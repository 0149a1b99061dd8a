"""Leave-one-round-out: does a learned line classifier generalise to a writing round it never saw?

    python evaluation/boilerplate/learned/loro.py            # the table (needs no corpora)
    python evaluation/boilerplate/learned/loro.py --fit      # fit on every round -> model.json
    python evaluation/boilerplate/learned/loro.py --score evaluation/boilerplate/unseen/X.txt
    LEARNED_PRECISION=0.995 python evaluation/boilerplate/learned/loro.py   # another target
    python evaluation/boilerplate/learned/loro.py --steps base.json  # another checkout's step
        (base.json from ``--dump-steps base.json`` run with that checkout's saring installed)

For each held-out group (round1..round4 = the hand-written page rounds, ``labelled`` = the
labelled corpus lines) the models are trained on the other groups and scored on it:
(a) the rule step alone, (b) the shape model alone (no step feature), (c) the step OR the
stacked model (step verdict as a feature). Thresholds for (b) and (c) are chosen on the
*training* groups only, from inner leave-one-round-out scores over the training page rounds
(the labelled group is training data there, not an inner held-out group), as the lowest
threshold whose precision there is >= 0.99 (the model is off when none is). ``--score`` applies the fitted
model.json (c) to any page file in the unseen format, and prints the step alone beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zlib
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from evaluation.boilerplate.learned.data import LabelledPage, load_labelled, load_rounds
from evaluation.boilerplate.learned.model import Model, accuracy, fit, page_scores
from saring.metrics import PRCounts as Counts

HERE = Path(__file__).resolve().parent
MODEL_PATH = HERE / "model.json"
PRECISION = 0.99


def outcome(kind: str, step: str, flag: bool, mode: str) -> str | None:
    """tp / fp / fn / None (tn) of one line under ``mode`` (step, model, or), in the page
    scorer's terms: an S line is right only when the step cut its span, wrong when dropped."""
    use_step = mode != "model"
    dropped = (use_step and step == "drop") or (mode != "step" and flag)
    if kind == "pos":
        return "tp" if dropped else "fn"
    if kind == "neg":
        return "fp" if dropped or (use_step and step == "cut") else None
    if dropped:
        return "fp"
    return "tp" if use_step and step == "cut" else "fn"


def count(pages: list[LabelledPage], scores: list[list[float | None]], t: float, mode: str):
    c = Counts()
    for p, sc in zip(pages, scores, strict=True):
        for kind, step, s in zip(p.kinds, p.step, sc, strict=True):
            if kind is None:
                continue
            o = outcome(kind, step, s is not None and s >= t, mode)
            if o:
                setattr(c, o, getattr(c, o) + 1)
    return c


def choose_threshold(pages: list[LabelledPage], scores: list[list[float | None]], mode: str):
    """Lowest threshold with precision >= the target on these pages (inf: model off)."""
    target = float(os.environ.get("LEARNED_PRECISION", PRECISION))
    cands = sorted({s for sc in scores for s in sc if s is not None and s >= 0.05}, reverse=True)
    best, best_recall = float("inf"), count(pages, scores, float("inf"), mode).recall
    grid = cands[:: max(1, len(cands) // 400)]
    for t in grid:
        c = count(pages, scores, t, mode)
        if c.precision >= target and c.recall > best_recall:
            best, best_recall = t, c.recall
    return best


def oof_threshold(groups: dict[str, list[LabelledPage]], stacked: bool, mode: str) -> float:
    """Threshold from inner leave-one-group-out scores over the training *page rounds* (the
    labelled corpus lines are always training data, never an inner held-out group: their
    chat/list pages are a different genre and would set the threshold for the wrong target)."""
    pages, scores = [], []
    for g in [g for g in groups if not g.startswith("labelled")]:
        m = fit([p for h, ps in groups.items() if h != g for p in ps], stacked)
        pages += groups[g]
        scores += [page_scores(m, p) for p in groups[g]]
    return choose_threshold(pages, scores, mode)


def loro_row(groups: dict[str, list[LabelledPage]], held: str) -> list[tuple[str, Counts, float]]:
    train = {g: ps for g, ps in groups.items() if g != held}
    flat = [p for ps in train.values() for p in ps]
    test = groups[held]
    none: list[list[float | None]] = [[None] * len(p.lines) for p in test]
    rows = [("a step", count(test, none, 1.0, "step"), float("nan"))]
    for label, stacked, mode in (("b model", False, "model"), ("c step|model", True, "or")):
        t = oof_threshold(train, stacked, mode)
        m = fit(flat, stacked)
        rows.append((label, count(test, [page_scores(m, p) for p in test], t, mode), t))
    return rows


def load_groups(split_labelled: bool = False) -> dict[str, list[LabelledPage]]:
    """The page rounds and the labelled lines (``split_labelled``: two halves by document id
    hash, so each half is scored by a model that saw real corpus lines from the other)."""
    groups = load_rounds()
    labelled = load_labelled()
    if labelled and split_labelled:
        for half in (0, 1):
            groups[f"labelled{'AB'[half]}"] = [
                p for p in labelled if zlib.crc32(p.id.encode()) % 2 == half
            ]
    elif labelled:
        groups["labelled"] = labelled
    return groups


def table(groups: dict[str, list[LabelledPage]]) -> str:
    out = ["held-out   | method        | P      | R      | fp | fn  | threshold"]
    means: dict[str, list[tuple[float, float]]] = {}
    for held in groups:
        for label, c, t in loro_row(groups, held):
            means.setdefault(label, []).append((c.precision, c.recall))
            out.append(
                f"{held:<10} | {label:<13} | {c.precision:.4f} | {c.recall:.4f} | "
                f"{c.fp:>2} | {c.fn:>3} | {t:.3f}"
            )
    for label, pr in means.items():
        p, r = np.mean(pr, axis=0)
        out.append(f"{'mean':<10} | {label:<13} | {p:.4f} | {r:.4f} |    |     |")
    return "\n".join(out)


def dump_steps(groups: dict[str, list[LabelledPage]], path: Path) -> None:
    """Write the step's per-line outcomes (no text) so another checkout's step can be compared."""
    d = {g: {p.id: p.step for p in ps} for g, ps in groups.items()}
    path.write_text(json.dumps(d) + "\n", encoding="utf-8")


def with_steps(groups: dict[str, list[LabelledPage]], path: Path) -> dict[str, list[LabelledPage]]:
    """The groups with the step outcomes read from ``dump_steps`` output (another step)."""
    d = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for g, ps in groups.items():
        steps = d[g]
        if any(len(steps[p.id]) != len(p.lines) for p in ps):
            raise ValueError(f"{path}: {g} line counts differ (normalization changed?)")
        out[g] = [LabelledPage(p.id, p.lines, p.kinds, steps[p.id]) for p in ps]
    return out


def fit_all(groups: dict[str, list[LabelledPage]]) -> Model:
    """The stacked model on every group, its threshold from leave-one-group-out scores."""
    m = fit([p for ps in groups.values() for p in ps], stacked=True)
    m.threshold = oof_threshold(groups, True, "or")
    rounds = [p for g, ps in groups.items() if not g.startswith("labelled") for p in ps]
    m.meta = {
        "groups": {g: len(ps) for g, ps in groups.items()},
        "precision": PRECISION,
        "train_accuracy_rounds": accuracy(m, rounds),
    }
    return m


def score_file(path: Path, model: Model) -> str:
    from evaluation.boilerplate.learned.data import unseen_page
    from evaluation.boilerplate.unseen import load
    from saring.boilerplate.step import Boilerplate

    bp = Boilerplate()
    bp.ensure_setup()
    pages = [unseen_page(bp, p) for p in load(path)]
    scores = [page_scores(model, p) for p in pages]
    lines = []
    for label, mode in (("a step", "step"), ("c step|model", "or")):
        c = count(pages, scores, model.threshold, mode)
        lines.append(
            f"{path.name}: {label:<13} precision {c.precision:.4f} recall {c.recall:.4f} "
            f"(fp {c.fp}, fn {c.fn}; {len(pages)} pages, threshold {model.threshold:.3f})"
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", action="store_true", help="fit on every group, save model.json")
    ap.add_argument("--score", type=Path, help="score a page file with step OR model.json")
    ap.add_argument("--dump-steps", type=Path, help="write this checkout's step outcomes")
    ap.add_argument("--steps", type=Path, help="use step outcomes from --dump-steps output")
    ap.add_argument("--split-labelled", action="store_true", help="labelled set as two groups")
    a = ap.parse_args()
    if a.score:
        print(score_file(a.score, Model.from_json(MODEL_PATH)))
        return 0
    groups = load_groups(a.split_labelled and not a.fit and not a.dump_steps)
    if a.dump_steps:
        dump_steps(groups, a.dump_steps)
        return 0
    if a.steps:
        groups = with_steps(groups, a.steps)
    if a.fit:
        m = fit_all(groups)
        m.to_json(MODEL_PATH)
        print(f"wrote {MODEL_PATH} (threshold {m.threshold:.3f}, {len(m.names)} features)")
        return 0
    print(table(groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
