"""Blind dedup set of session 17 round 3 (writer E): invented stories with syndicated copies and
same-event traps.

The stories and traps are hand-written (``dedup_blind18_data.txt``, same format as round 2's);
the copies are made by round 2's generator (``evaluation/blind17/dedup_blind17.py``: wire,
wire~copy, portal, rewrite, teaser, extract, spelling), so the two rounds differ in the writer's
stories and traps, not in the copy edits. Filler articles come from the corpora by path (the
``heldout`` half of ``evaluation/dedup/syndication14.py``, round 2 used ``tune``).
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from evaluation.dedup import syndication14 as S14
from evaluation.dedup.syndication14 import Group

HERE = Path(__file__).resolve().parent
DATA = HERE / "dedup_blind18_data.txt"


def _round2():
    """Round 2's generator from this checkout by path (the tree under test may differ)."""
    name = "dedup_blind17_for18"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, HERE.parent / "blind17" / "dedup_blind17.py"
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def parse(path: Path = DATA):
    return _round2().parse(path)


def build(seed: int = 18, n_filler: int = 200) -> tuple[list[Group], list[dict]]:
    """Story groups, trap groups and filler articles (unchanged corpus articles)."""
    g2 = _round2()
    rng = random.Random(seed)
    blocks = parse()
    groups = []
    for k, s in enumerate(blocks.stories):
        cs = g2.copies(s, k, rng)
        ids = [s.name, *(f"{s.name}~{v}" for v in cs)]
        groups.append(Group("copy", ids, [s.original(), *cs.values()], "blind18", "+".join(cs)))
    for name, docs in blocks.traps:
        ids = [f"{name}#{i}" for i in range(len(docs))]
        groups.append(Group("same_event", ids, docs, "blind18", "trap"))
    filler = [{"id": r["id"], "text": r["text"]} for r in S14.articles("heldout")[:n_filler]]
    return groups, filler


records = S14.records


def per_variant(groups, kept, dup, other):
    return _round2().per_variant(groups, kept, dup, other)
