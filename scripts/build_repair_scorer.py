"""Build ``saring/data/repair_scorer/scorer.json``, the general glue scorer's model (``saring.repair.scorer``).

Offline, from material on this machine only (no network, no weights fetched):

* the repair lexicon (wordfreq ``id``/``en`` Zipf, news-layer counts: ``saring/data/repair``);
* CLDR territory names in Indonesian and English (``babel``), as name examples;
* the corpora in ``../shared/corpora`` (read, never copied: only trigram counts and feature
  vectors leave this script): capitalised mid-sentence tokens the lexicon does not know are name
  examples for the trigram model; link glue is synthesised on clean sentences the way
  ``evaluation/repair/corrupt.py`` does (a lower-case noun phrase before a capitalised name in
  running text: the name moved in front and glued, lower case or CamelCase); every other split
  of such a token and every split of the corpora's own unknown capitalised tokens (solid names,
  brands, compounds) is a negative;
* the trap sets ``evaluation/repair/data/traps.txt`` .. ``traps14.txt``, ``traps13b.txt`` and
  ``traps15b.txt`` (negatives, and the thresholds: the edit threshold lies above every trap
  token's out-of-fold score, alone and inside pages of glued sentences, as the bench runs them).
  Trap sets written later (``traps15.txt``, repair12's) are NOT read here: they measure.
* document evidence (session 14): half the documents become translated pages, 2 to
  :data:`MAX_SITES` links glued on one page, now and then the same name glued again to another
  head where it occurs free; the corpora's solid names on those pages are negatives too, so
  glue elsewhere on a page is weighed against look-alikes on glued pages, not only clean text.

Usage: ``python scripts/build_repair_scorer.py [--docs N]`` (about two minutes).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # evaluation/ is not installed
from evaluation.repair.corrupt import _np_ok  # noqa: E402
from evaluation.repair.unseen import load_cases, page_order, read_lines  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.repair import names as N  # noqa: E402
from saring.repair import scorer as S  # noqa: E402
from saring.repair.glue import is_verb  # noqa: E402
from saring.repair.resources import load_resources, parse_data  # noqa: E402
from saring.repair.step import Repair  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
# (file, documents read): clean and scraped news for glue synthesis and solid names
SOURCES = [
    ("id_news_indosum_dev.jsonl.gz", 3463),
    ("id_news_detik_langscrape.jsonl.gz", 1000),
    ("id_news_gikirima_multioutlet.jsonl.gz", 2000),
    ("id_hoax_factcheck.jsonl.gz", 1000),
]
TRAPS = [f"traps{k}.txt" for k in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, "13b", "15b")]
# the dev sets whose gold splits are positives (the held-out halves are never read here)
DEV_SETS = [
    "unseen_dev.txt",
    "unseen_dev2.txt",
    "unseen_dev4.txt",
    "unseen_dev5.txt",
    "unseen_dev6.txt",
    "unseen_dev7.txt",
    "unseen_dev8.txt",
    "unseen_dev10.txt",
    "unseen_dev11.txt",
    "unseen_dev12.txt",
    "unseen_dev13a.txt",
    "unseen_dev13b.txt",
    "unseen_dev15b.txt",
]
PAGES = 0.5  # share of documents made translated pages (several links glued)
MAX_SITES = 4  # links glued on one page
SECOND_HEAD = 0.3  # share of a page's glued names glued again to another head
HEADS = (
    "direktur",
    "kantor",
    "pabrik",
    "gedung",
    "karyawan",
    "layanan",
    "produk",
    "pemilik",
    "program",
    "kebijakan",
    "laporan",
    "pelatih",
    "anggota",
    "pengurus",
    "cabang",
    "armada",
    "juru bicara",
)
WORD = re.compile(r"[A-Za-z][A-Za-z\-'’]*|\S")
CAP = re.compile(r"[A-Z][a-z]{2,}|[A-Z]{2,5}")
NAME_TOKEN = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}(?![\w\-])")
HIDDEN = 12  # hidden units of the network
TRAP_WEIGHT = 5.0
FOLDS = 3  # trap files in folds: thresholds from scores of traps a model did not train on  # a trap token's split weighs this many corpus negatives (the hard look-alikes)
MIN_GRAM = 3  # trigram seen this often in names and words together to be stored
MARGIN = 0.02  # edit threshold above the highest trap score
# lower-case glue on a one-word name or after a locative: flagged, never edited by the scorer
# (``pelabuhan Tanjung|layar`` 0.9999 in-sample on a page whose context names ``Tanjung``; the
# out-of-fold maxima of this shape reach the cap: ``Arundaya|senja`` 0.999, ``Rumah|kaca`` 0.998)
LONE_EDIT = 1.0
FLAG_FLOOR = 0.25  # lowest flag threshold
FLAG_BAND = 0.15  # flags (never edits) this far below the edit threshold


def read_docs(limit: int) -> list[str]:
    out = []
    for name, n in SOURCES:
        path = CORPORA / name
        if not path.exists():
            continue
        with gzip.open(path, "rb") as f:
            out += [orjson.loads(ln)["text"] for ln in itertools.islice(f, min(n, limit))]
    return out


def trigram_model(docs: list[str], res) -> dict[str, float]:
    """Log-odds per trigram: capitalised unknown mid-sentence tokens (names) and CLDR territory
    names against lexicon words of Zipf >= 3 (common words)."""
    from babel import Locale

    names: Counter[str] = Counter()
    for d in docs:
        for t in NAME_TOKEN.findall(d):
            low = t.lower()
            if low not in res.lexicon or res.lower_count.get(low, 0) < 3 and res.corpus_name(t):
                names[low] += 1
    for loc in ("id", "en"):
        for v in Locale.parse(loc).territories.values():
            for w in v.split():
                if w[:1].isupper() and w.isalpha():
                    names[w.lower()] += 1
    lexicon = parse_data()["maps"]["lexicon"]  # (the step's copy is a C table: no iteration)
    words = [w for w, z in lexicon.items() if z >= 3.0 and w.isalpha()]

    def grams(ws) -> Counter[str]:
        c: Counter[str] = Counter()
        for w in ws:
            b = f"^{w}$"
            c.update(b[k : k + 3] for k in range(len(b) - 2))
        return c

    gn, gw = grams(names), grams(words)  # (types: each name once)
    nn, nw = sum(gn.values()), sum(gw.values())
    vocab = set(gn) | set(gw)
    v = len(vocab)
    return {
        g: round(math.log((gn[g] + 1) / (nn + v)) - math.log((gw[g] + 1) / (nw + v)), 2)
        for g in sorted(vocab)
        if gn[g] + gw[g] >= MIN_GRAM
    }


def glue_line(line: str, res, rng: random.Random) -> tuple[str, int, int, int] | None:
    """The line with its first ``prev head Name1 Name2 rest`` glued as ``prev Name1 Name2head
    rest`` (lower case or CamelCase): (new line, token start, token end, split), or None."""
    toks = [(m.start(), m.end(), m.group()) for m in WORD.finditer(line)]
    for j in range(1, len(toks) - 2):
        prev, head = toks[j - 1][2], toks[j][2]
        if not (prev.islower() and (prev in res.stop or is_verb(prev, res)) and _np_ok(head, res)):
            continue
        k = j + 1
        while k < len(toks) and k - j <= 3 and CAP.fullmatch(toks[k][2]):
            k += 1
        if k == j + 1 or k >= len(toks):
            continue
        nxt = toks[k][2]
        if not (nxt.islower() or nxt in ",.;:"):
            continue
        name = line[toks[j + 1][0] : toks[k - 1][1]]
        last = toks[k - 1][2]
        camel = rng.random() < 0.5
        glued = head[:1].upper() + head[1:] if camel else head
        tok = last + glued
        if tok.lower() in res.lexicon or not N.TOKEN.fullmatch(tok):
            continue
        start = toks[j][0] + len(name) - len(last)
        return (
            line[: toks[j][0]] + name + glued + line[toks[k - 1][1] :],
            start,
            start + len(tok),
            len(last),
        )
    return None


def synth_positives(
    doc: str, res, rng: random.Random, max_sites: int = 2
) -> list[tuple[str, int, int, int]]:
    """(corrupted document, token start, token end, split) for up to ``max_sites`` glue sites made
    on clean sentences, each in its own copy of ``doc`` (one link glued per document)."""
    out = []
    for line in doc.split("\n"):
        made = glue_line(line, res, rng)
        if made is not None:
            new_line, s, e, i = made
            text = doc.replace(line, new_line, 1)
            k = text.find(new_line)
            out.append((text, k + s, k + e, i))
        if len(out) >= max_sites:
            break
    return out


def synth_page(
    doc: str, res, rng: random.Random
) -> tuple[str, list[tuple[int, int, int]], set[int]]:
    """``doc`` as a translated page: 2 to :data:`MAX_SITES` lines glued (one link each), and
    now and then the glued name glued again to another head where it next occurs free
    (``Kalbara|direktur ... Kalbara|pabrik``, the translator's one link text). (page, the first
    kind's (token start, token end, split), every glued token's start)."""
    lines, sites, want, pos = doc.split("\n"), [], rng.randint(2, MAX_SITES), 0
    for n, line in enumerate(lines):
        made = glue_line(line, res, rng) if len(sites) < want else None
        if made is not None:
            new_line, s, e, i = made
            lines[n] = new_line
            sites.append((pos + s, pos + e, i))
        pos += len(lines[n]) + 1
    text, glued = "\n".join(lines), {s for s, _, _ in sites}
    for s, e, i in reversed(sites):  # (from the end: earlier offsets stay valid)
        if rng.random() < SECOND_HEAD:
            last = text[s : s + i]
            k = text.find(last + " ", e)
            if k > 0 and not text[k - 1].isalnum():
                head = rng.choice(HEADS)
                text = text[: k + i] + head + text[k + i :]
                glued = {g + len(head) * (g > k) for g in glued} | {k}
                sites = [
                    (a, b, c) if a < k else (a + len(head), b + len(head), c) for a, b, c in sites
                ]
    return text, sites, glued


def samples_of(
    text: str, start: int, end: int, gold: int, res, grams
) -> list[tuple[list[float], int]]:
    memo = N.DocMemo(text)
    tok, ctx = text[start:end], S.context(text, start, end, res)
    return [
        (S.features(tok, i, ctx, res, memo, text, grams, start), int(i == gold))
        for i in S.candidates(tok, res)
    ]


def negatives(
    text: str, res, grams, limit: int = 40, glued: set[int] = frozenset()
) -> list[tuple[list[float], int]]:
    """Every split of the unknown capitalised tokens of clean text (solid names, brands); on a
    synthetic page, of every token but the glued ones (``glued``: their starts)."""
    out: list[tuple[list[float], int]] = []
    memo = N.DocMemo(text)
    for m in N.TOKEN.finditer(text):
        k = m.start()
        if (
            k
            and (text[k - 1].isalnum() or text[k - 1] in N.NOT_BEFORE)
            or res.known(m.group())
            or k in glued
        ):
            continue
        splits = S.candidates(m.group(), res)
        if splits:
            ctx = S.context(text, k, m.end(), res)
            out += [(S.features(m.group(), i, ctx, res, memo, text, grams, k), 0) for i in splits]
        if len(out) >= limit:
            break
    return out


def dev_positives(res, grams) -> list[tuple[list[float], int]]:
    out = []
    for name in DEV_SETS:
        for c in load_cases(name):
            if c.form not in ("glue", "camel"):
                continue
            last = c.name.split(" ")[-1]
            k = c.corrupted.find(last, max(0, c.corrupted.find(c.name.split(" ")[0])))
            m = N.TOKEN.match(c.corrupted, k) if k >= 0 else None
            if m is None:
                continue
            out += samples_of(c.corrupted, k, m.end(), len(last), res, grams)
    return out


def fit(
    x: np.ndarray,
    y: np.ndarray,
    sw: np.ndarray,
    hidden: int = HIDDEN,
    l2: float = 1e-4,
    steps: int = 4000,
    seed: int = 13,
) -> dict:
    """A one-hidden-layer network (ReLU, logistic output) on standardised features, full-batch
    Adam on the weighted log loss (numpy)."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    rng = np.random.default_rng(seed)
    params = {
        "w1": rng.normal(0, 1 / np.sqrt(z.shape[1]), (z.shape[1], hidden)),
        "b1": np.zeros(hidden),
        "w2": rng.normal(0, 1 / np.sqrt(hidden), hidden),
        "b2": np.zeros(1),
    }
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(p) for k, p in params.items()}
    sw = sw / sw.sum()
    for t in range(1, steps + 1):
        a = z @ params["w1"] + params["b1"]
        h = np.maximum(a, 0)
        p = 1 / (1 + np.exp(-np.clip(h @ params["w2"] + params["b2"], -30, 30)))
        g = (p - y) * sw
        grads = {"w2": h.T @ g + l2 * params["w2"], "b2": np.array([g.sum()])}
        gh = np.outer(g, params["w2"]) * (a > 0)
        grads["w1"] = z.T @ gh + l2 * params["w1"]
        grads["b1"] = gh.sum(0)
        for k in params:
            m[k] = 0.9 * m[k] + 0.1 * grads[k]
            v[k] = 0.999 * v[k] + 0.001 * grads[k] ** 2
            params[k] -= 0.01 * (m[k] / (1 - 0.9**t)) / (np.sqrt(v[k] / (1 - 0.999**t)) + 1e-8)
    return {
        "hidden": [[round(float(w), 4) for w in col] for col in params["w1"].T],
        "hidden_bias": [round(float(b), 4) for b in params["b1"]],
        "out": [round(float(w), 4) for w in params["w2"]],
        "out_bias": round(float(params["b2"][0]), 4),
        "mean": [round(float(q), 4) for q in mean],
        "scale": [round(float(q), 4) for q in scale],
    }


def trap_scores(model: S.Model, files: list[str]) -> list[tuple[float, str, str]]:
    """The scorer's best probability on every trap token that reaches the model through the real
    hook (``scorer.site``: every gate before the score, and the gates after it that do not depend
    on the score), alone and inside pages of dev-set glue (the bench's ``run_traps``). A token a
    gate refuses is never edited whatever it scores (``Sanggar Tari Kembang|sore``: a time word;
    ``novel Rumah|kaca``: no running text before a lone word), so it sets no threshold: the
    thresholds of every token the step could edit lie above every trap it could edit."""
    seen: list[tuple[float, str, str]] = []
    real_best, real_load = S._best, S.load_model

    def record(tok, start, splits, ctx, text, res_, memo, model_):
        p, i = real_best(tok, start, splits, ctx, text, res_, memo, model_)
        right = tok[i:].lower()
        if i and not S._not_a_head(right, res_) and right != tok[:i].lower():
            running = bool(ctx.values[6])  # (``in_running_text``; 0 on the locative path)
            seen.append((p, tok[:i] + "|" + tok[i:], S.shape_of(tok[i:], ctx, running)))
        return 0.0, 0  # (nothing is edited while trap scores are gathered)

    S._best, S.load_model = record, lambda: model  # (this build only)
    try:
        step = Repair(dedup_paragraphs=False)
        step.ensure_setup()
        ctx_cases = page_order(load_cases("unseen_dev12.txt") + load_cases("unseen_dev11.txt"))
        for name in files:
            for i, t in enumerate(read_lines(name)):
                step.process(Document(id="t", text=t))
                ctx = [c.corrupted for c in ctx_cases[i % 7 * 2 : i % 7 * 2 + 2]]
                step.process(Document(id="p", text="\n".join([*ctx, t])))
    finally:
        S._best, S.load_model = real_best, real_load
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--out", type=Path, default=S.MODEL_FILE)
    ap.add_argument(
        "--rows", type=Path, help="keep the feature rows in this .npz (a rebuild reads them)"
    )
    args = ap.parse_args()
    rng = random.Random(13)
    res = load_resources()
    docs = read_docs(args.docs)
    grams = trigram_model(docs, res)
    if args.rows is not None and args.rows.exists():
        rows = np.load(args.rows)
        x, y, fold = rows["x"], rows["y"], rows["fold"]
    else:
        data: list[tuple[list[float], int]] = []
        for d in docs:
            if rng.random() < PAGES:
                page, sites, glued = synth_page(d, res, rng)
                for s, e, i in sites:
                    data += samples_of(page, s, e, i, res, grams)
                data += negatives(page, res, grams, glued=glued)
                continue
            for text, s, e, i in synth_positives(d, res, rng):
                data += samples_of(text, s, e, i, res, grams)
            data += negatives(d, res, grams)
        data += dev_positives(res, grams)
        folds = [-1] * len(data)
        for k, name in enumerate(TRAPS):
            rows_k = [(x, 0) for t in read_lines(name) for x, _ in negatives(t, res, grams)]
            data += rows_k
            folds += [k % FOLDS] * len(rows_k)
        x = np.array([d[0] for d in data], dtype=float)
        y = np.array([d[1] for d in data], dtype=float)
        fold = np.array(folds)
        if args.rows is not None:
            np.savez(args.rows, x=x, y=y, fold=fold)
    pos = y.sum()
    sw = np.where(y == 1, (len(y) - pos) / max(1.0, pos), 1.0)
    sw[fold >= 0] = TRAP_WEIGHT
    base = {
        "features": list(S.FEATURES),
        "edit": dict.fromkeys(S.SHAPES, 1.0),
        "flag": dict.fromkeys(S.SHAPES, 1.0),
        "grams": grams,
    }
    # thresholds from trap scores the model did not train on: each fold of trap files scored by a
    # model trained without it (then the final model's own scores too: the higher counts)
    scores = []
    for f in range(FOLDS):
        keep = fold != f
        model_f = S.Model({**base, **fit(x[keep], y[keep], sw[keep])})
        scores += trap_scores(model_f, [n for k, n in enumerate(TRAPS) if k % FOLDS == f])
    out = {
        **base,
        **fit(x, y, sw),
        "sources": {
            "corpora": [n for n, _ in SOURCES],
            "docs_per_corpus": args.docs,
            "names": "babel CLDR territories (id, en)",
            "lexicon": "saring/data/repair (wordfreq id/en)",
            "traps": TRAPS,
            "dev_sets": DEV_SETS,
            "samples": len(y),
            "positives": int(pos),
        },
    }
    scores += trap_scores(S.Model(out), TRAPS)
    for shape in S.SHAPES:  # per shape: lower-case glue, its solid-word shape and CamelCase differ
        top = max((p for p, _t, sh in scores if sh == shape), default=0.0)
        edit = min(0.99, top + MARGIN)
        out["edit"][shape] = round(edit, 3) if shape != "glue_lone" else LONE_EDIT
        out["flag"][shape] = round(min(edit, max(FLAG_FLOOR, edit - FLAG_BAND)), 3)
        out["sources"][f"trap_max_{shape}"] = round(top, 4)
    out["sources"]["trap_tokens"] = len(scores)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(out, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        f"samples {len(y)} positives {int(y.sum())}; trap tokens {len(scores)}; "
        f"edit {out['edit']} flag {out['flag']}; grams {len(grams)}"
    )
    for shape in S.SHAPES:
        for p, tok, _sh in sorted((t for t in scores if t[2] == shape), reverse=True)[:8]:
            print(f"  trap {shape} {tok} {p:.4f}")


if __name__ == "__main__":
    main()
