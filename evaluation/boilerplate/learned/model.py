"""L2-regularised logistic regression in numpy (Newton steps), and the line scorer.

Small on purpose: ~80 features and a few thousand lines fit in milliseconds, the weights are a
JSON list a C kernel could apply as one dot product per line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from evaluation.boilerplate.learned.data import LabelledPage
from evaluation.boilerplate.learned.features import page_features

TARGET = {"pos": 1.0, "neg": 0.0, "span": 0.0}  # an S line must be kept whole


@dataclass
class Model:
    """Feature names, standardisation and weights; ``threshold`` for step OR model."""

    names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    w: np.ndarray
    b: float
    stacked: bool
    threshold: float = float("inf")
    meta: dict = field(default_factory=dict)

    def scores(self, rows: list[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        x = (np.array([[r[n] for n in self.names] for r in rows]) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(x @ self.w + self.b)))

    def to_json(self, path: Path) -> None:
        d = {
            "names": self.names, "mean": self.mean.tolist(), "scale": self.scale.tolist(),
            "w": self.w.tolist(), "b": self.b, "stacked": self.stacked,
            "threshold": self.threshold, "meta": self.meta,
        }  # fmt: skip
        path.write_text(json.dumps(d, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, path: Path) -> Model:
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            d["names"], np.array(d["mean"]), np.array(d["scale"]), np.array(d["w"]),
            d["b"], d["stacked"], d["threshold"], d.get("meta", {}),
        )  # fmt: skip


def page_rows(p: LabelledPage, stacked: bool) -> list[dict[str, float] | None]:
    """Feature rows of a page (stacked: with the step's verdict)."""
    return page_features(p.lines, p.step_drop if stacked else None)


def training_set(
    pages: list[LabelledPage], stacked: bool
) -> tuple[list[dict[str, float]], np.ndarray]:
    """Labelled rows; the stacked model learns only the lines the step keeps (its residue:
    the only lines where step OR model can differ from the step)."""
    rows, ys = [], []
    for p in pages:
        for f, kind, step in zip(page_rows(p, stacked), p.kinds, p.step, strict=True):
            if f is not None and kind is not None and not (stacked and step == "drop"):
                rows.append(f)
                ys.append(TARGET[kind])
    return rows, np.array(ys)


def fit(pages: list[LabelledPage], stacked: bool, l2: float = 1.0, iters: int = 30) -> Model:
    """Logistic regression by Newton's method on standardised features."""
    rows, y = training_set(pages, stacked)
    names = sorted(rows[0])
    x = np.array([[r[n] for n in names] for r in rows])
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0  # no penalty on the bias
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        grad = z.T @ (p - y) + reg * beta
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return Model(names, mean, scale, beta[:-1], float(beta[-1]), stacked)


def page_scores(model: Model, p: LabelledPage) -> list[float | None]:
    """The model's probability per line (None for empty lines)."""
    rows = page_rows(p, model.stacked)
    live = [f for f in rows if f is not None]
    s = iter(model.scores(live).tolist())
    return [next(s) if f is not None else None for f in rows]


def accuracy(model: Model, pages: list[LabelledPage], threshold: float = 0.5) -> float:
    """Share of training-eligible lines the model alone classifies right at ``threshold``."""
    rows, y = training_set(pages, model.stacked)
    return float(((model.scores(rows) >= threshold) == (y > 0.5)).mean()) if rows else 1.0
