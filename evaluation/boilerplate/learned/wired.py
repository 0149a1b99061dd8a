"""The wired line model (``saring.boilerplate.learned``): fit, leave-one-round-out, real text.

    python evaluation/boilerplate/learned/wired.py            # leave-one-round-out table
    python evaluation/boilerplate/learned/wired.py --fit      # -> src/saring/data/boilerplate/learned.json
    python evaluation/boilerplate/learned/wired.py --real 250 # what the fitted model adds on real news

Groups: the hand-written page rounds 1-4 (``data.ROUNDS``), round5 = the spent blind16 pages
(writer B), ``labelled`` = the labelled corpus lines plus the real list-article negatives
(``negatives.tsv``: corpus id + line index + line hash, no text). Features are the run-time
ones (:func:`saring.boilerplate.learned.line_features`) on the step's candidate lines only.
The removal threshold is chosen on the *training* groups only: the lowest threshold whose
out-of-fold page precision is >= ``PRECISION`` **and** that removes no real body line
(out-of-fold: the real group split in two by id hash); the flag threshold likewise at
``FLAG_PRECISION``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from evaluation.boilerplate.learned.data import (
    CORPORA,
    ROOT,
    LabelledPage,
    load_labelled,
    load_rounds,
    step_outcomes,
    unseen_page,
)
from evaluation.boilerplate.learned.features import vocabulary
from evaluation.boilerplate.learned.loro import outcome
from evaluation.boilerplate.unseen import load
from saring.boilerplate import learned as L
from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.metrics import PRCounts
from saring.normalize.step import Normalize

HERE = Path(__file__).resolve().parent
DATA_FILE = ROOT / "src" / "saring" / "data" / "boilerplate" / "learned.json"
NEGATIVES = HERE / "negatives.tsv"
BLIND16 = ROOT / "evaluation" / "blind16" / "boilerplate_blind16.txt"
PRECISION = float(os.environ.get("LEARNED_PRECISION", 0.995))
FLAG_PRECISION = 0.998
TRAPS = ROOT / "bench" / "data" / "boilerplate" / "negative_lines.txt"
BODY = (  # the two body lines tests/test_boilerplate_step.py puts around a trap line
    "Pemerintah kota meresmikan pasar tradisional yang baru direnovasi pada Senin pagi.",
    '"Kami ingin pedagang dan pembeli sama-sama nyaman," kata Wali Kota kepada wartawan.',
)
REAL_FILES = (
    "id_news_gikirima_multioutlet", "id_news_github_scrapes", "id_news_detik_langscrape",
    "id_news_indosum_dev", "ms_web_news_malaysian_dataset", "id_hoax_factcheck",
)  # fmt: skip


@dataclass
class Rows:
    """One page's candidate lines: their line indices, feature vectors and kinds."""

    page: LabelledPage
    idx: list[int]
    x: np.ndarray
    kinds: list[str | None]


def vocab_bits() -> dict[str, int]:
    """The outlet-free function vocabulary as the run-time model stores it."""
    voc = vocabulary()
    out: dict[str, int] = {}
    for b, c in enumerate(L.CLASSES):
        for w in voc[c]:
            out[w] = out.get(w, 0) | 1 << b
    return out


def page_rows(p: LabelledPage, vocab: dict[str, int]) -> Rows:
    drop = {i for i, s in enumerate(p.step) if s == "drop"}
    cut = {i for i, s in enumerate(p.step) if s in ("cut", "miss")}
    page = L.Page.of(p.lines, drop)
    idx = L.candidates(page, cut)
    x = np.array(L.line_features(page, idx, vocab)).reshape(len(idx), len(L.FEATURES))
    return Rows(p, idx, x, [p.kinds[i] for i in idx])


def fit(rows: list[Rows], l2: float = 1.0, iters: int = 30) -> tuple[np.ndarray, float]:
    """Logistic regression (Newton) on standardised features, returned folded to raw ones."""
    x = np.vstack([r.x for r in rows])
    y = np.array([k == "pos" for r in rows for k in r.kinds], dtype=float)
    keep = np.array([k is not None for r in rows for k in r.kinds], dtype=bool)
    x, y = x[keep], y[keep]
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        grad = z.T @ (p - y) + reg * beta
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    w = beta[:-1] / scale
    return w, float(beta[-1] - (w * mean).sum())


def scores(model: tuple[np.ndarray, float], rows: list[Rows]) -> list[np.ndarray]:
    w, b = model
    return [1.0 / (1.0 + np.exp(-(r.x @ w + b))) if len(r.idx) else np.zeros(0) for r in rows]


def count(rows: list[Rows], sc: list[np.ndarray], t: float, mode: str = "or") -> PRCounts:
    """Page-scorer counts of step OR (model >= t) over every labelled line of the pages."""
    c = PRCounts()
    for r, s in zip(rows, sc, strict=True):
        flagged = {i for i, v in zip(r.idx, s, strict=True) if v >= t}
        for i, (kind, step) in enumerate(zip(r.page.kinds, r.page.step, strict=True)):
            if kind is None:
                continue
            o = outcome(kind, step, i in flagged, mode)
            if o:
                setattr(c, o, getattr(c, o) + 1)
    return c


def oof(groups: dict[str, list[Rows]]) -> dict[str, tuple[list[Rows], list[np.ndarray]]]:
    """Out-of-fold scores of every group's pages (the real group in two halves by id hash),
    as (rows, scores) of the page rounds and of the real lines."""
    parts = dict(groups)
    if "labelled" in parts:
        real = parts.pop("labelled")
        for h in (0, 1):
            parts[f"labelled{h}"] = [r for r in real if zlib.crc32(r.page.id.encode()) % 2 == h]
    out: dict[str, tuple[list[Rows], list[np.ndarray]]] = {"pages": ([], []), "real": ([], [])}
    for g, rows in parts.items():
        m = fit([r for h, rs in parts.items() if h != g for r in rs])
        rs, ss = out["real" if g.startswith("labelled") else "pages"]
        rs += rows
        ss += scores(m, rows)
    return out


def choose(groups: dict[str, list[Rows]], target: float, real_zero: bool = True) -> float:
    """Lowest threshold with out-of-fold page precision >= target and (``real_zero``) no real
    body line removed (inf: the model stays off)."""
    sc = oof(groups)
    pages, page_sc = sc["pages"]
    real, real_sc = sc["real"]
    real_fp = count(real, real_sc, 2.0).fp
    cands = sorted({float(v) for s in page_sc for v in s if v >= 0.05}, reverse=True)
    best, best_recall = float("inf"), count(pages, page_sc, 2.0).recall
    for t in cands[:: max(1, len(cands) // 400)]:
        c = count(pages, page_sc, t)
        if c.precision < target or c.recall <= best_recall:
            continue
        if real_zero and real and count(real, real_sc, t).fp > real_fp:
            continue
        best, best_recall = t, c.recall
    return best


def load_groups() -> dict[str, list[LabelledPage]]:
    bp = Boilerplate(learned="off")
    bp.ensure_setup()
    groups = load_rounds(bp)
    groups["round5"] = [unseen_page(bp, p) for p in load(BLIND16)]
    groups["labelled"] = load_labelled(bp) + load_negatives(bp) + trap_pages(bp)
    return groups


def trap_pages(bp: Boilerplate) -> list[LabelledPage]:
    """The step's trap lines (``bench/data/boilerplate/negative_lines.txt``) in the three
    contexts ``tests/test_boilerplate_step.py`` puts them in, each a body line to keep."""
    norm = Normalize()
    norm.ensure_setup()
    pages = []
    rows = TRAPS.read_text(encoding="utf-8").splitlines()
    for k, line in enumerate(ln for ln in rows if ln.strip() and not ln.startswith("#")):
        for c, text in enumerate((line, f"{BODY[0]}\n{line}\n{BODY[1]}", f"{BODY[0]}\n{line}")):
            doc = Document(f"trap{k}-{c}", text, {})
            norm.process(doc)
            lines, step = step_outcomes(bp, doc)
            kinds: list[str | None] = [None] * len(lines)
            kinds[0 if c == 0 else 1] = "neg"
            pages.append(LabelledPage(f"trap{k}", lines, kinds, step))
    return pages


def load_negatives(bp: Boilerplate) -> list[LabelledPage]:
    """Real list-article lines read and judged body by hand (``negatives.tsv``)."""
    from evaluation.boilerplate.labelled import line_hash

    if not NEGATIVES.exists() or not CORPORA.exists():
        return []
    want: dict[str, dict[str, list[tuple[int, str]]]] = {}
    for row in NEGATIVES.read_text(encoding="utf-8").splitlines()[1:]:
        file, doc_id, line_no, h = row.split("\t")[:4]
        want.setdefault(file, {}).setdefault(doc_id, []).append((int(line_no), h))
    norm = Normalize()
    norm.ensure_setup()
    pages = []
    for file, docs in want.items():
        for rec in read_corpus(file):
            if str(rec["id"]) not in docs:
                continue
            doc = Document(str(rec["id"]), rec["text"], {"url": rec.get("url") or ""})
            norm.process(doc)
            lines, step = step_outcomes(bp, doc)
            kinds: list[str | None] = [None] * len(lines)
            for i, h in docs[str(rec["id"])]:
                if i < len(lines) and line_hash(lines[i]) == h:
                    kinds[i] = "neg"
            pages.append(LabelledPage(doc.id, lines, kinds, step))
    return pages


def read_corpus(file: str, n: int | None = None):
    with gzip.open(CORPORA / f"{file}.jsonl.gz", "rb") as f:
        for k, line in enumerate(f):
            if n is not None and k >= n:
                return
            yield orjson.loads(line)


def to_rows(groups: dict[str, list[LabelledPage]]) -> dict[str, list[Rows]]:
    vocab = vocab_bits()
    return {g: [page_rows(p, vocab) for p in ps] for g, ps in groups.items()}


def table(groups: dict[str, list[Rows]]) -> str:
    out = ["held-out | method       | P      | R      | fp  | fn  | threshold"]
    for held, rows in groups.items():
        train = {g: rs for g, rs in groups.items() if g != held}
        t = choose(train, PRECISION)
        sc = scores(fit([r for rs in train.values() for r in rs]), rows)
        for label, mode, th in (("a step", "step", 2.0), ("c step|model", "or", t)):
            c = count(rows, sc, th, mode)
            out.append(
                f"{held:<8} | {label:<12} | {c.precision:.4f} | {c.recall:.4f} | {c.fp:>3} | "
                f"{c.fn:>3} | {th:.3f}"
            )
    return "\n".join(out)


def fit_all(groups: dict[str, list[Rows]]) -> dict:
    w, b = fit([r for rs in groups.values() for r in rs])
    voc = vocabulary()
    return {
        "names": list(L.FEATURES), "weights": [round(float(v), 6) for v in w],
        "bias": round(b, 6), "remove": choose(groups, PRECISION),
        "flag": choose(groups, FLAG_PRECISION, real_zero=False),
        "vocab": {c: sorted(voc[c]) for c in L.CLASSES},
        "meta": {"groups": {g: len(rs) for g, rs in groups.items()}, "precision": PRECISION,
                 "flag_precision": FLAG_PRECISION},
    }  # fmt: skip


def real(n: int, show: bool) -> None:
    """Run the step with the fitted model on the first ``n`` docs of each news corpus and list
    every line the model removes or flags (to be read by hand)."""
    norm, bp = Normalize(), Boilerplate(learned="off")
    norm.ensure_setup()
    bp.ensure_setup()
    model = L.LineModel.load(DATA_FILE)
    total = removed = flagged = 0
    for file in REAL_FILES:
        for rec in read_corpus(file, n):
            doc = Document(str(rec["id"]), rec["text"], {"url": rec.get("url") or ""})
            norm.process(doc)
            res = bp.analyse(doc)
            cut = {res.lines.line_of(s) for s, _e, rid in res.spans if rid != "dateline"}
            total += 1
            for i, p in model.scores(res.lines.lines, res.drop, cut).items():
                if p >= model.flag:
                    tag = "REMOVE" if p >= model.remove else "flag"
                    removed += tag == "REMOVE"
                    flagged += tag == "flag"
                    if show:
                        print(f"{tag}\t{p:.3f}\t{file}\t{doc.id}\t{i}\t{res.lines.lines[i][:150]}")
    print(f"{total} docs: model removes {removed} lines, flags {flagged}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--real", type=int, help="docs per corpus to run the fitted model on")
    ap.add_argument("--show", action="store_true", help="with --real: print the lines")
    a = ap.parse_args()
    if a.real:
        real(a.real, a.show)
        return 0
    groups = to_rows(load_groups())
    if a.fit:
        d = fit_all(groups)
        DATA_FILE.write_text(json.dumps(d, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {DATA_FILE} (remove {d['remove']:.3f}, flag {d['flag']:.3f})")
        return 0
    print(table(groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
