"""Out-of-sample gain and cost of the id/ms step-back inside the tune half (issue 17, session 10).

    python evaluation/langid/idms_crossfit.py

``data/langid/idms_evidence.tsv`` is built from the tune half's regional texts themselves, so
counting the regional texts the rule steps back there is in-sample. Here the tune half is split
in two folds (``jvsu_crossfit.fold``): ``scripts/build_langid_idms.py``'s rules build the evidence
on one fold and the step (without its own id/ms step-back) labels the other fold's texts (the
benchmark's paragraph and sentence sets, 1,500 per language, and every Indonesian tune tweet),
both ways. Of the texts labelled id/ms between ``STEP_BACK_SCORE`` and ``IDMS_CEILING``, the
regional ones the held-out fold's evidence calls regional are the gain, the gold id/ms ones the
cost (session 13: short texts above the ceiling are read too, as the step does; the weak words
are built from the fold too). The eval half is never read.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import build_langid_idms as B  # noqa: E402
import build_langid_jvsu as BJ  # noqa: E402

from evaluation.langid import sets as E  # noqa: E402
from evaluation.langid.jvsu_crossfit import fold  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.langid import stepback as SB  # noqa: E402
from saring.langid.lexicon import TOKEN_RE  # noqa: E402
from saring.langid.step import LanguageID  # noqa: E402

FIVE = ("id", "ms", "jv", "su", "en")


def fold_evidence(k: int) -> SB.RegionalEvidence:
    """The evidence ``build_langid_idms`` builds from fold ``k`` of the tune half."""
    df: dict[str, Counter[str]] = defaultdict(Counter)
    n: Counter[str] = Counter()
    tweets = [E.Sample("id_tw", r["text"], "tweet", r["id"]) for r in E.records(BJ.TWEETS)
              if E.split_of(r["id"]) == "tune"]
    for s in E.paragraph_set("tune") + E.sentence_set("tune") + tweets:
        if fold(s.ref) == k:
            n[s.gold] += 1
            df[s.gold].update(set(TOKEN_RE.findall(s.text.lower())))
    rows = B.build(df, n)
    words = frozenset(r[0] for r in rows)
    return SB.RegionalEvidence(words, strong=frozenset(r[0] for r in rows if r[3]),
                               weak=frozenset(r[0] for r in B.weak(df, n, set(words))))


def tune_samples() -> list[E.Sample]:
    """The cross-fit's texts: benchmark sets of the tune half (1,500 per language) and every
    Indonesian tune tweet."""
    return (E.paragraph_set("tune", limit_per_lang=1500) + E.sentence_set("tune", limit_per_lang=1500)
            + [E.Sample("id", r["text"], "tweet", r["id"]) for r in E.records(BJ.TWEETS)
               if E.split_of(r["id"]) == "tune"])


def main() -> None:
    samples = tune_samples()
    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    step._regional = SB.RegionalEvidence(frozenset(), active=False)
    out: Counter[tuple[str, str]] = Counter()
    evidence = [fold_evidence(0), fold_evidence(1)]
    for s in samples:
        sc = step.score(Document(s.ref, s.text))
        if sc["lang"] not in SB.IDMS or sc["score"] <= SB.STEP_BACK_SCORE:
            continue
        if sc["score"] >= SB.IDMS_CEILING and len(s.text) > SB.IDMS_SHORT_CHARS:  # not read (session 13)
            continue
        group = f"gold {s.gold} {s.kind}" if s.gold in FIVE else "regional"
        out[group, "labelled id/ms"] += 1
        if evidence[1 - fold(s.ref)].step_back(sc["lang"], sc["score"], s.text) < sc["score"]:
            out[group, "stepped back"] += 1
            print(f"  {group}: {sc['lang']} {sc['score']:.2f} {s.ref}")
    for (group, what), c in sorted(out.items()):
        print(f"{group}: {what} {c}")


if __name__ == "__main__":
    main()
