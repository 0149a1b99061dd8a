"""Score the session-17 round-3 blind sets (writer E) in one table: pages, dedup, repair.

    python evaluation/blind18/run.py [--tree PATH --python PY] [--only pages|dedup|repair] [--errors]

``--tree`` scores another checkout (e.g. the session-start tree): the runner re-runs itself with
``PY`` and ``PYTHONPATH=<tree>/src:<tree>`` from ``<tree>``, so the saring code and the scorers of
``evaluation/boilerplate/unseen.py`` and ``evaluation/repair/unseen.py`` come from that tree; the
blind sets, the runner kit (``evaluation/blindkit``) and round 2's page table
(``evaluation/blind17/run_pages_dedup.py``, loaded by path) come from this checkout, so every
tree is scored on the same items the same way.

Pages: line precision/recall (furniture positive; also with the own-headline lines of
``boilerplate_blind18.headlines.tsv`` left out), datelines, misses per position and kind
(counts, no text). Dedup: story groups collapsed, copies removed and trap groups merged for
``saring run`` and ``saring dedup``. Repair: split / order / broken per form alone and as
3-sentence pages, per entity kind, the pages file, false edits on the traps (alone, after two
glued lines, at the end of a glued page) and the founding article. No case text is printed.
The sets are blind: score them, never tune rules on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # this checkout's kit, whichever tree is scored
from blindkit import dedup, repair  # noqa: E402
from blindkit.tree import load, table_main  # noqa: E402

DATA = HERE / "data"
ROUND2 = HERE.parent / "blind17"
_CHILD = "SARING_BLIND18_CHILD"
SENTENCES = "repair_blind18.txt"
REPAIR_PAGES = "repair_pages_blind18.txt"
TRAPS = "repair_traps_blind18.txt"


SET = repair.RepairSet(DATA, SENTENCES, REPAIR_PAGES, TRAPS, repair.short_section)


def pages_rows(errors: bool) -> list[str]:
    """Round 2's page table on this round's pages (its scorer is the tree's)."""
    r2 = load("run_pages_dedup_r2", ROUND2 / "run_pages_dedup.py")
    return r2.pages_table(errors, HERE / "boilerplate_blind18.txt")


def dedup_rows(_errors: bool = False) -> list[str]:
    """Every group through ``saring run`` and ``saring dedup``, read back from the outputs."""
    D = load("dedup_blind18", HERE / "dedup_blind18.py")
    groups, filler = D.build()
    rows = [dedup.size_row(groups, filler)]
    for name, *outcome in dedup.outcomes(D, groups, filler, "blind18"):
        rows += dedup.standard_rows(name, D, groups, tuple(outcome), left_out=True)
    return rows


def repair_rows(_errors: bool = False) -> list[str]:
    n = f"{len(SET.repair_cases())} / {len(SET.marked_lines(SENTENCES))}"
    return [f"| repair | cases / sentences | {n} |", *repair.repair_rows(SET, repair.TABLE, False)]


def _title(tree: str) -> str:
    import saring

    return f"blind18 (tree {tree}; saring from {Path(saring.__file__).parent})"


def main() -> int:
    parts = {"pages": pages_rows, "dedup": dedup_rows, "repair": repair_rows}
    return table_main(__doc__.splitlines()[0], __file__, _CHILD, parts, _title)


if __name__ == "__main__":
    sys.exit(main())
