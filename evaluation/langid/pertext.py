"""Per-text before/after for langid rule work (issue 17): every text's label and score.

    python evaluation/langid/pertext.py dump OUT.json [--split tune|eval|hand]
    python evaluation/langid/pertext.py diff A.json B.json [--show] [--exclude heldout]

Why: the benches print rates; a rule change must also show which texts moved, in which
category (gold id/ms/jv/su/en sentences and paragraphs, tweets, regional texts), and how many
crossed 0.5. ``dump`` runs the ``langid`` step (score only) on the split's paragraph and sentence
sets (1,500 per language), every Indonesian tweet of the split, or (``hand``) every hand-written
half; run it once per side (``PYTHONPATH=<checkout>/src`` for main). ``diff`` counts changes per
category; ``--show`` prints the moved texts; ``--exclude heldout`` leaves out every text whose
reference holds that string (the held-out halves, until the final run).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evaluation/ is not installed

from evaluation.langid import handwritten as H  # noqa: E402
from evaluation.langid import sets as E  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.langid.step import LanguageID  # noqa: E402

FIVE = ("id", "ms", "jv", "su", "en")
TWEETS = "id_tweets_indolem.jsonl.gz"


def samples(split: str) -> list[E.Sample]:
    """The texts of one split (see the module docstring)."""
    if split == "hand":
        return [s for half in H.HALVES for s in H.load(half)]
    return (E.paragraph_set(split, limit_per_lang=1500) + E.sentence_set(split, limit_per_lang=1500)
            + [E.Sample("id", r["text"], "tweet", r["id"]) for r in E.records(TWEETS)
               if E.split_of(r["id"]) == split])


def dump(out: Path, split: str) -> None:
    """Write ``[gold, kind, ref, label, score, text]`` per text."""
    step = LanguageID(keep_langs=list(FIVE), score_only=True)
    step.ensure_setup()
    rows = []
    for s in samples(split):
        sc = step.score(Document(s.ref, s.text))
        rows.append([s.gold, s.kind, s.ref, sc["lang"], round(float(sc["score"]), 4), s.text])
    out.write_bytes(orjson.dumps(rows))


def category(gold: str, kind: str) -> str:
    """tweet / gold (one of the five languages) / regional."""
    return "tweet" if kind == "tweet" else ("gold" if gold in FIVE else "regional")


def diff(a: Path, b: Path, show: bool, exclude: str | None = None) -> None:
    """Counts of moved texts per category: score changed, label changed, crossed 0.5 each way."""
    ra, rb = orjson.loads(a.read_bytes()), orjson.loads(b.read_bytes())
    assert len(ra) == len(rb), "dumps of different text sets"
    n: Counter[str] = Counter()
    moved: Counter[str] = Counter()
    for x, y in zip(ra, rb, strict=True):
        assert x[2] == y[2]
        if exclude and exclude in x[2]:
            continue
        cat = category(x[0], x[1])
        n[cat] += 1
        if x[3:5] == y[3:5]:
            continue
        moved[cat, "score"] += 1
        moved[cat, "label"] += x[3] != y[3]
        moved[cat, "up"] += x[4] < 0.5 <= y[4]
        moved[cat, "down"] += y[4] < 0.5 <= x[4]
        if show:
            print(f"{cat:8} {x[0]:4} {x[3]} {x[4]:.2f} -> {y[3]} {y[4]:.2f}  {x[2]}: {x[5][:150]!r}")
    for cat in ("gold", "tweet", "regional"):
        print(f"{cat}: {n[cat]} texts, {moved[cat, 'score']} change score, {moved[cat, 'label']} label, "
              f"{moved[cat, 'up']} cross up to >= 0.5, {moved[cat, 'down']} cross down")


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--split", default="tune", choices=("tune", "eval", "hand"))
    c = sub.add_parser("diff")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--show", action="store_true")
    c.add_argument("--exclude", help="leave out texts whose reference holds this string")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.split)
    else:
        diff(args.a, args.b, args.show, args.exclude)


if __name__ == "__main__":
    main()
