"""Revision duplicates, a fresh set (session 14): hand-written pairs in ``data/revisions14.txt``.

Shapes: a changed figure with its unit, a changed two-word name, a changed date phrase, a clause
added; near-miss traps (the same quote frame around two quotes, the same opener or tail with a
different clause, list items of one template). Each pair is placed A, a filler line, B in one
document and run through a repair step; same protocol as ``evaluation/repair/unseen.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from saring.document import Document

DATA = Path(__file__).resolve().parent / "data" / "revisions14.txt"
FILLER = "Hingga berita ini diturunkan, petugas di lapangan masih terus memantau perkembangan situasi."


def load(which: str, path: Path = DATA) -> list[tuple[str, str, str, str]]:
    """``(kind, shape, A, B)`` of one set (``dev`` or ``heldout``)."""
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        which_set, kind, shape, pair = (x.strip() for x in ln.split("|", 3))
        if which_set == which:
            a, b = (x.strip() for x in pair.split("|||"))
            out.append((kind, shape, a, b))
    return out


def run(step: Any, which: str) -> dict[str, Any]:
    """Revisions removed, those with the conflict recorded, traps with anything removed, and the
    failing shapes (``missed``: revisions kept; ``false``: traps edited)."""
    t: Counter = Counter()
    missed, false = [], []
    for kind, shape, a, b in load(which):
        doc = Document(id="r", text="\n".join([a, FILLER, b]))
        step.process(doc)
        lines = doc.text.split("\n")
        t[kind] += 1
        if kind == "rev":
            removed = b not in lines and a in lines
            t["rev_removed"] += removed
            t["rev_conflict"] += removed and bool(doc.annotations.get("repair", {}).get("revision_conflicts"))
            if not removed:
                missed.append(shape)
        elif a not in lines or b not in lines:
            t["trap_removed"] += 1
            false.append(shape)
    return {**t, "missed": missed, "false": false}
