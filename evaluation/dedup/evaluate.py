"""Ground truth for dedup benchmarks and tests: injected near-duplicates and exact Jaccard.

Near-duplicates are made from real documents by word edits, appended boilerplate, truncation
and paragraph shuffles. Ground-truth similarity is the exact Jaccard of word n-gram shingle
sets (the same normalisation as the dedup stage, but tuples of words instead of hashes), and
all pairs above a floor are found exactly with the prefix-filtering set-similarity join
(AllPairs): a pair with Jaccard >= t must share a shingle among the rarest
``|x| - ceil(t*|x|) + 1`` shingles of each set.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from saring.dedup.normalize import hash_tokens

DATA_DIR = Path(__file__).resolve().parent / "data"
TRANSFORMS = ("edit", "boilerplate", "truncate", "shuffle")


@lru_cache(maxsize=1)
def footers() -> tuple[str, ...]:
    """Our own Indonesian footer lines (data file), appended to simulate syndication."""
    text = (DATA_DIR / "synthetic_footers.txt").read_text("utf-8")
    return tuple(x for x in text.splitlines() if x.strip() and not x.startswith("#"))


def shingle_set(text: str, ngram: int = 5) -> frozenset[tuple[str, ...]]:
    """Word n-grams of the normalised text (a single shingle when shorter than ``ngram``)."""
    toks = hash_tokens(text)
    if not toks:
        return frozenset()
    if len(toks) < ngram:
        return frozenset([tuple(toks)])
    return frozenset(tuple(toks[i : i + ngram]) for i in range(len(toks) - ngram + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


# ----------------------------------------------------------------------------- transforms
def edit_words(text: str, rate: float, rng: random.Random) -> str:
    """Substitute, delete or insert words at ``rate`` per word, keeping the line structure."""
    lines = text.split("\n")
    vocab = [w for w in text.split() if w.isalpha()] or ["kata"]
    out = []
    for line in lines:
        words = []
        for w in line.split(" "):
            r = rng.random()
            if r < rate / 3:
                words.append(rng.choice(vocab))
            elif r < 2 * rate / 3:
                continue
            elif r < rate:
                words.extend([w, rng.choice(vocab)])
            else:
                words.append(w)
        out.append(" ".join(words))
    return "\n".join(out)


def append_boilerplate(text: str, lines: int, rng: random.Random) -> str:
    return text + "\n" + "\n".join(rng.sample(footers(), min(lines, len(footers()))))


def truncate(text: str, keep: float) -> str:
    """Keep the first ``keep`` fraction of the characters, cut at a word boundary."""
    cut = int(len(text) * keep)
    sp = text.rfind(" ", 0, cut)
    return text[: sp if sp > 0 else cut].rstrip()


def shuffle_paragraphs(text: str, rng: random.Random) -> str:
    paras = [p for p in text.split("\n") if p.strip()]
    rng.shuffle(paras)
    return "\n".join(paras)


def make_variant(text: str, rng: random.Random) -> tuple[str, str]:
    """One near-duplicate of ``text`` with a random transform and strength; returns (kind, text)."""
    kind = rng.choice(TRANSFORMS)
    if kind == "edit":
        return kind, edit_words(text, rng.uniform(0.002, 0.06), rng)
    if kind == "boilerplate":
        return kind, append_boilerplate(text, rng.randint(1, 6), rng)
    if kind == "truncate":
        return kind, truncate(text, rng.uniform(0.5, 0.99))
    return kind, edit_words(shuffle_paragraphs(text, rng), rng.uniform(0.0, 0.01), rng)


def inject(
    texts: Sequence[tuple[str, str]], fraction: float, seed: int = 0
) -> list[tuple[str, str, str | None, str | None]]:
    """Originals plus near-duplicates of a ``fraction`` of them, shuffled deterministically.

    Returns ``(id, text, source_id, transform)``; originals have ``None`` source and transform.
    """
    rng = random.Random(seed)
    out: list[tuple[str, str, str | None, str | None]] = [(i, t, None, None) for i, t in texts]
    picks = rng.sample(range(len(texts)), int(len(texts) * fraction))
    for n, j in enumerate(sorted(picks)):
        src_id, src = texts[j]
        kind, var = make_variant(src, rng)
        out.append((f"inj-{n:06d}", var, src_id, kind))
    rng.shuffle(out)
    return out


# ----------------------------------------------------------------------------- ground truth
def similar_pairs(
    sets: Sequence[frozenset], threshold: float
) -> dict[tuple[int, int], float]:
    """All index pairs ``(i < j)`` with exact Jaccard >= ``threshold`` (prefix-filtering join)."""
    df = Counter(s for x in sets for s in x)
    # global order: rarest shingle first, ties broken by the shingle itself
    rank = {s: r for r, s in enumerate(sorted(df, key=lambda s: (df[s], s)))}
    ordered = [sorted(rank[s] for s in x) for x in sets]
    order = sorted(range(len(sets)), key=lambda i: len(ordered[i]))
    index: dict[int, list[int]] = defaultdict(list)
    out: dict[tuple[int, int], float] = {}
    eps = 1e-9
    for i in order:  # increasing size: every earlier doc is no larger
        x = ordered[i]
        if not x:
            continue
        prefix = len(x) - math.ceil(threshold * len(x) - eps) + 1
        cands: set[int] = set()
        for tok in x[:prefix]:
            for j in index[tok]:
                if len(ordered[j]) >= threshold * len(x) - eps:
                    cands.add(j)
        for j in cands:
            sim = jaccard(sets[i], sets[j])
            if sim >= threshold - eps:
                out[(min(i, j), max(i, j))] = sim
        for tok in x[:prefix]:
            index[tok].append(i)
    return out


def score_run(
    sets: dict[str, frozenset],
    truth: dict[tuple[str, str], float],
    removed: dict[str, str],
    threshold: float,
) -> dict[str, float]:
    """Precision and recall of a dedup run against exact Jaccard ground truth.

    ``removed`` maps each removed document id to the id of the document kept in its place.
    Precision: removed documents whose Jaccard with their kept document reaches ``threshold``.
    Recall: true pairs (Jaccard >= threshold) of which at least one document was removed.
    """
    good = sum(1 for r, k in removed.items() if jaccard(sets[r], sets[k]) >= threshold - 1e-9)
    pairs = [(a, b) for (a, b), s in truth.items() if s >= threshold - 1e-9]
    hit = sum(1 for a, b in pairs if a in removed or b in removed)
    return {
        "removed": len(removed),
        "precision": good / len(removed) if removed else 1.0,
        "true_pairs": len(pairs),
        "recall": hit / len(pairs) if pairs else 1.0,
    }
