"""Out-of-sample cost of the jv/su step-back inside the tune half (issue 17, session 9).

    python evaluation/langid/jvsu_crossfit.py

The evidence file is built from the tune half's Javanese/Sundanese texts themselves, so counting
how many of those texts the rule steps back is in-sample. Here the tune half is split in two
folds (xxh64 of "f" + record id): ``scripts/build_langid_jvsu.py``'s rules build the evidence on
fold 0, and the step (without its own step-back) labels fold 1's texts; of those labelled jv/su
above ``STEP_BACK_SCORE``, the gold jv/su ones the fold-0 evidence calls thin are the cost, the
regional ones the gain. The eval half is never read.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import xxhash

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import build_langid_jvsu as B  # noqa: E402

from evaluation.langid import sets as E  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.langid import stepback as SB  # noqa: E402
from saring.langid.lexicon import TOKEN_RE  # noqa: E402
from saring.langid.step import LanguageID  # noqa: E402


def fold(ref: str) -> int:
    return xxhash.xxh64_intdigest(("f" + ref.split("#")[0]).encode()) % 2


def main() -> None:
    samples = E.paragraph_set("tune") + E.sentence_set("tune")
    df: dict[str, Counter[str]] = defaultdict(Counter)
    n: Counter[str] = Counter()
    for s in samples:
        if fold(s.ref) == 0:
            n[s.gold] += 1
            df[s.gold].update(set(TOKEN_RE.findall(s.text.lower())))
    for r in E.records(B.TWEETS):
        if E.split_of(r["id"]) == "tune":
            n["id_tw"] += 1
            df["id_tw"].update(set(TOKEN_RE.findall(r["text"].lower())))
    rows = B.build(df, n)
    ev = SB.JvSuEvidence(
        {lang: frozenset(t for t, g, k, _ in rows if g == lang and k != "shared") for lang in SB.LANGS},
        {lang: frozenset(t for t, g, k, _ in rows if g == lang and k == "shared") for lang in SB.LANGS},
    )
    step = LanguageID(keep_langs=["id", "ms", "jv", "su", "en"], score_only=True)
    step.ensure_setup()
    step._jvsu = SB.JvSuEvidence({}, {}, active=False)
    out: Counter[tuple[str, str]] = Counter()
    for s in samples:
        if fold(s.ref) != 1 or s.gold in ("id", "ms", "en"):
            continue
        sc = step.score(Document(s.ref, s.text))
        if sc["lang"] in SB.LANGS and sc["score"] > SB.STEP_BACK_SCORE:
            group = f"gold jv/su {s.kind}" if s.gold in SB.LANGS else "regional"
            out[group, "labelled jv/su"] += 1
            out[group, "stepped back"] += ev.thin(sc["lang"], s.text)
    for (group, what), c in sorted(out.items()):
        print(f"{group}: {what} {c}")


if __name__ == "__main__":
    main()
