"""Regional languages and calibrated confidence (issue 17), on both halves of the split.

Prints, for the tune half (used by scripts/build_langid_regional.py and
scripts/calibrate_langid.py) and the eval half (never read by them):
- per regional language, the share of texts labelled id/ms/jv/su with confidence >= 0.5
  (before: no regional family; after: the packaged lexicon);
- the five languages' label accuracy (before/after);
- expected calibration error of the lexical confidence and the share of gold-Indonesian texts
  labelled id with confidence < 0.5 (raw vs calibrated).

- per regional language (packaged lexicon), the same share on each half;
- the hand-written texts of ``evaluation/langid/data`` (``--handwritten dev6`` while working,
  ``--handwritten heldout6`` once at the end): regional texts labelled id/ms/jv/su with confidence
  >= 0.5 and the traps (informal Indonesian, short id/ms/jv/su) given another label.

- with ``--short``: calibration by path and length (lexical verdicts vs texts without any function
  word, which the model labels; < 6 / 6-15 / > 15 tokens) on the paragraph, sentence and tweet sets.

Usage: python bench/bench_langid_regional.py [--limit 400]
       [--handwritten dev16|heldout16|both16|dev15|heldout15|both15|dev14|heldout14|both14|dev13|heldout13|both13|dev12|heldout12|both12|dev11|heldout11|both11|dev10|heldout10|both10|dev9|heldout9|both9|dev8|heldout8|both8|dev7|heldout7|both7|dev6|heldout6|both6|dev|heldout|both|none] [--show] [--short] [--skip-corpora]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from saring.document import Document
from saring.langid import lexicon as L
from saring.langid.step import LanguageID

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import betawi_failures as BF  # noqa: E402
from evaluation.langid import handwritten as H  # noqa: E402
from evaluation.langid import sets as E  # noqa: E402

FIVE = ("id", "ms", "jv", "su", "en")


def variants() -> dict[str, L.Lexicon]:
    """The lexicon without any regional evidence (before issue 17) and the packaged one. Earlier
    sessions' data files are compared by running this file against their checkout's ``src``
    (``PYTHONPATH=<checkout>/src``): it only uses the lexicon API they share."""
    m, nb, p = L.load_markers(), L.load_nb_weights(), L.Params.load()
    p0 = dataclasses.replace(p, rg_ortho_weight=0.0)  # without the Betawi/Rejang spelling
    return {
        "no regional family, raw (before issue 17)": L.Lexicon(m, nb, p0),
        "packaged": L.get_lexicon(),
    }


def ece(pairs: list[tuple[float, bool]]) -> float:
    sc = np.array([a for a, _ in pairs])
    ok = np.array([b for _, b in pairs], dtype=float)
    bins = np.minimum((sc * 10).astype(int), 9)
    return float(sum(abs(ok[bins == k].mean() - sc[bins == k].mean()) * (bins == k).sum()
                     for k in range(10) if (bins == k).any()) / len(sc))


def confidently_wrong(
    step: LanguageID, samples: list[E.Sample], show: bool = False
) -> tuple[Counter[str], Counter[str], list[str]]:
    """Per gold language: texts, and texts labelled wrongly (regional: id/ms/jv/su with score >=
    0.5; our five languages: any other label). ``show`` prints each wrong text."""
    n: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    low = []
    for s in samples:
        sc = step.score(Document(s.ref, s.text))
        n[s.gold] += 1
        if s.gold in FIVE:
            wrong = sc["lang"] != s.gold
            if not wrong and sc["score"] < 0.5:
                low.append(f"{s.gold} {sc['score']:.2f} ({len(s.text.split())} words)")
        else:
            wrong = sc["lang"] in FIVE[:4] and sc["score"] >= 0.5
        bad[s.gold] += wrong
        if wrong and show:
            print(f"  wrong: {s.gold} -> {sc['lang']} {sc['score']:.2f} {s.ref}: {s.text[:90]}")
    return n, bad, low


def per_language(title: str, n: Counter[str], bad: Counter[str]) -> None:
    reg = sorted(g for g in n if g not in FIVE)
    five = [g for g in FIVE if g in n]
    print(f"\n{title}\n")
    print("| " + " | ".join(reg) + " | all regional | " + " | ".join(f"{g} wrong" for g in five) + " |")
    print("|" + "---:|" * (len(reg) + 1 + len(five)))
    cells = [f"{bad[g] / n[g]:.1%} ({bad[g]}/{n[g]})" for g in reg]
    tot_b, tot_n = sum(bad[g] for g in reg), sum(n[g] for g in reg)
    cells.append(f"**{tot_b / max(tot_n, 1):.1%}** ({tot_b}/{tot_n})")
    cells += [f"{bad[g]}/{n[g]}" for g in five]
    print("| " + " | ".join(cells) + " |")


def short_texts(step: LanguageID, split: str) -> None:
    """ECE and accuracy by path (lexical / model) and length, the step's final label and score."""
    samples = (E.paragraph_set(split, limit_per_lang=1500) + E.sentence_set(split, limit_per_lang=1500)
               + [E.Sample("id", r["text"], "tweet", r["id"]) for r in E.records("id_tweets_indolem.jsonl.gz")
                  if E.split_of(r["id"]) == split][:1500])
    groups: dict[tuple[str, str], list[tuple[float, bool]]] = {}
    for s in samples:
        sc = step.score(Document(s.ref, s.text))
        v = step._lex.classify(s.text)
        size = "< 6" if v.tokens < 6 else ("6-15" if v.tokens <= 15 else "> 15")
        ok = sc["lang"] == s.gold if s.gold in FIVE else sc["lang"] not in FIVE
        groups.setdefault(("lexical" if v.lang != "und" else "model", size), []).append((sc["score"], ok))
    print(f"\n### {split} half: calibration by path and length\n")
    print("| path | tokens | texts | right | mean score | ECE |")
    print("|---|---|---:|---:|---:|---:|")
    for (path, size), pairs in sorted(groups.items()):
        print(f"| {path} | {size} | {len(pairs)} | {np.mean([b for _, b in pairs]):.3f} "
              f"| {np.mean([a for a, _ in pairs]):.3f} | {ece(pairs):.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=400, help="texts per language and set")
    ap.add_argument("--handwritten", default="dev6",
                    choices=("dev", "heldout", "both", "dev6", "heldout6", "both6",
                             "dev7", "heldout7", "both7", "dev8", "heldout8", "both8",
                             "dev9", "heldout9", "both9", "dev10", "heldout10", "both10",
                             "dev11", "heldout11", "both11", "dev12", "heldout12", "both12",
                             "dev13", "heldout13", "both13", "dev14", "heldout14", "both14",
                             "dev15", "heldout15", "both15", "dev16", "heldout16", "both16", "none"))
    ap.add_argument("--show", action="store_true", help="print each wrong hand-written text")
    ap.add_argument("--skip-corpora", action="store_true")
    ap.add_argument("--short", action="store_true", help="calibration by path and length")
    ap.add_argument("--splits", default="tune,eval", help="corpus halves (eval: once, at the end)")
    args = ap.parse_args()
    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    packaged = step._lex
    halves = {"both": ("dev", "heldout"), "both6": ("dev6", "heldout6"),
              "both7": ("dev7", "heldout7"), "both8": ("dev8", "heldout8"),
              "both9": ("dev9", "heldout9"),
              "both10": ("dev10", "heldout10"), "both11": ("dev11", "heldout11"),
              "both12": ("dev12", "heldout12"),
              "both13": ("dev13", "heldout13"), "both14": ("dev14", "heldout14"),
              "both15": ("dev15", "heldout15"),
              "both16": ("dev16", "heldout16"),
              "none": ()}.get(
        args.handwritten, (args.handwritten,))
    for half in halves:
        n, bad, low = confidently_wrong(step, H.load(half), args.show)
        per_language(f"## hand-written {half} half: regional -> id/ms/jv/su >= 0.5; traps mislabelled",
                     n, bad)
        print(f"\ntraps labelled right but scored < 0.5 (rejected `lang_score_low`): {len(low)}"
              + (": " + ", ".join(low) if low else ""))
    splits = tuple(x for x in args.splits.split(",") if x)
    for split in splits if args.short else ():
        short_texts(step, split)
    for split in () if args.skip_corpora else splits:
        samples = (E.paragraph_set(split, limit_per_lang=args.limit)
                   + E.sentence_set(split, limit_per_lang=args.limit))
        print(f"\n## {split} half: {len(samples)} texts\n")
        hand = BF.checked()  # the session-6 hand labels of Betawi texts (record id -> id/mixed/bew)
        print("| lexicon | regional -> id/ms/jv/su >= 0.5 | worst languages | five-language accuracy "
              "| ECE (lexical, >= 3 tokens) | gold id scored < 0.5 | gold jv/su scored < 0.5 |")
        print("|---|---:|---|---:|---:|---:|---:|")
        jvsu = getattr(step, "_jvsu", None)  # the jv/su step-back (session 9; absent before)
        regional = getattr(step, "_regional", None)  # the id/ms step-back (session 10)
        for name, lex in variants().items():
            step._lex = lex
            if jvsu is not None:  # "before issue 17" runs without the step-backs too
                step._jvsu = jvsu if lex is packaged else dataclasses.replace(jvsu, active=False)
            if regional is not None:
                step._regional = regional if lex is packaged else dataclasses.replace(regional, active=False)
            if hasattr(step, "_short_floor"):  # the short-text floor (session 14; absent before)
                if lex is packaged:
                    step.__dict__.pop("_short_floor", None)
                else:
                    step._short_floor = lambda text, score: score
            bad: Counter[str] = Counter()
            n_reg: Counter[str] = Counter()
            noise: Counter[str] = Counter()  # Betawi texts hand-labelled Indonesian: total, confident
            right = n_five = id_low = n_id = jvsu_low = n_jvsu = 0
            cal: list[tuple[float, bool]] = []
            for s in samples:
                sc = step.score(Document(s.ref, s.text))
                if s.gold in FIVE:
                    n_five += 1
                    right += sc["lang"] == s.gold
                    if s.gold == "id":
                        n_id += 1
                        id_low += sc["lang"] == "id" and sc["score"] < 0.5
                    if s.gold in ("jv", "su"):  # the jv/su step-back's cost (session 9)
                        n_jvsu += 1
                        jvsu_low += sc["lang"] == s.gold and sc["score"] < 0.5
                else:
                    n_reg[s.gold] += 1
                    bad[s.gold] += sc["lang"] in FIVE[:4] and sc["score"] >= 0.5
                    if hand.get(s.ref) == "id":
                        noise["texts"] += 1
                        noise["confident"] += sc["lang"] in FIVE[:4] and sc["score"] >= 0.5
                v = lex.classify(s.text)
                if v.lang != "und" and v.tokens >= L.CALIBRATION_MIN_TOKENS:
                    cal.append((v.score, v.lang == (s.gold if s.gold in FIVE else L.OTHER)))
            worst = sorted(n_reg, key=lambda g: -bad[g] / n_reg[g])[:3]
            if lex is packaged:
                per_lang = (Counter(n_reg), Counter(bad))
                clean = (sum(bad.values()) - noise["confident"], sum(n_reg.values()) - noise["texts"])
            print(f"| {name} | {sum(bad.values()) / sum(n_reg.values()):.1%} | "
                  + ", ".join(f"{g} {bad[g] / n_reg[g]:.0%}" for g in worst)
                  + f" | {right / n_five:.2%} | {ece(cal):.3f} | {id_low / n_id:.1%} "
                  f"| {jvsu_low / max(n_jvsu, 1):.2%} ({jvsu_low}/{n_jvsu}) |")
        per_language(f"### {split} half, packaged lexicon, per regional language", *per_lang)
        print(f"\nwithout the Betawi texts hand-labelled Indonesian (evaluation/langid/betawi_failures.py): "
              f"{clean[0]}/{clean[1]} ({clean[0] / max(clean[1], 1):.1%}) regional -> id/ms/jv/su >= 0.5")
        step._lex = packaged
        if jvsu is not None:
            step._jvsu = jvsu
        if regional is not None:
            step._regional = regional


if __name__ == "__main__":
    main()
