"""Why an unseen-set case was not restored, by shape: the scan's own decision at the token.

    python evaluation/repair/misses.py [unseen_dev.txt ...]   (default: the four session-2/3 sets)

Each sentence is repaired alone; a case whose output is not the clean sentence is put in one
category (list, demonym, wrong noun-phrase extent, flagged, glued word not taken, short name part,
common or English word ending the name, flag-only shape). Used for the session-4 analysis in
``notes/repair.md``; reads only the development and older held-out sets, never ``heldout3``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.repair.unseen import Case, load_cases, run_cases  # noqa: E402
from saring.repair import names as N  # noqa: E402
from saring.repair.resources import Resources, load_resources  # noqa: E402
from saring.repair.step import Repair  # noqa: E402

SETS = ["unseen_dev.txt", "unseen_heldout.txt", "unseen_dev2.txt", "unseen_heldout2.txt"]


def why(c: Case, j: dict[str, bool], res: Resources) -> str:
    """The category of one miss."""
    if c.form == "list":
        return "list: a part is a word or a corpus name"
    if c.form == "suffix":
        return "demonym: English country name, or order"
    if j["split"]:
        return "moved, wrong noun-phrase extent"
    if j["flagged"]:
        return "site found, needs document evidence (flagged)"
    text = c.corrupted
    for m in N.TOKEN.finditer(text):
        tok = m.group()
        if not tok.startswith(c.name.split()[-1][:3]) or tok.lower() in res.lexicon:
            continue
        i = N._split(tok, res)
        if not i:
            if tok[:2].isupper():
                return "short name part or acronym"
            return "glued word not taken (rare, short or English head)"
        g = N._glued(text, m, i, res)
        if N._guarded(g, res):
            if len(g.left) < 4:
                return "short name part or acronym"
            if len(g.right) <= 4:
                return "short head on an unknown name"
            return "common or English word ending the name"
        return "flag-only shape (English part, introduced name)"
    return "other"


def main() -> None:
    res = load_resources()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    tab: Counter[str] = Counter()
    for name in sys.argv[1:] or SETS:
        for c, _out, j in run_cases(step, load_cases(name), 1):
            tab["cases"] += 1
            if not j["order"]:
                tab["misses"] += 1
                tab[why(c, j, res)] += 1
    for k, v in tab.most_common():
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()
