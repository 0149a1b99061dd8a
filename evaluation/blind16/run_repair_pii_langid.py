"""Blind sets of session 16 (helper blindB) for repair, PII and language ID: one table of figures.

The sets were written by a helper who never read the rules they measure, so they show what the
code does on material nobody tuned on. Run once on the session-start tree and once on the final
tree; the code scored is the tree's ``src`` (put first on ``sys.path``), the sets and the scorers
are this checkout's, so both runs score the same items the same way:

    cd <tree> && SARING_CACHE_DIR=... <tree's venv>/bin/python \\
        <this checkout>/evaluation/blind16/run_repair_pii_langid.py --tree <tree>

Repair (scorer of ``evaluation.repair.unseen``): split recall, order restored, broken names and
reviewer flags per form, each case alone and as 3-sentence pages; the multi-paragraph pages (each
page one document, glue and camel forms); false edits on the traps alone and after two glued page
lines; the founding article's edits. PII (``evaluation.pii.bare.score``): recall per type (a gold
span overlapped by any found span; typed: by a span of its type) and precision over found spans,
false spans on traps. Language ID: regional lines labelled id/ms/jv/su with score >= 0.5, accuracy
of the five kept languages, clean Indonesian the default chain would reject (not ``id``, or score
below the step's ``min_score``). No case text is printed unless ``--show`` (do not use it on a
held-out run before the final one).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # this checkout's kit
from blindkit import repair, report  # noqa: E402
from blindkit.tree import report_main  # noqa: E402

DATA = HERE / "data"


def _section(line: str, nxt: str) -> str | None:
    """A ``# Kind (...), ...`` comment line directly above the sentences opens a kind."""
    if line.startswith("# ") and not nxt.startswith("#"):
        return line[2:].split(" (")[0].split(",")[0]
    return None


SET = repair.RepairSet(
    DATA, "repair_blind16.txt", "repair_pages_blind16.txt", "repair_traps_blind16.txt", _section
)
marked_lines, pages, repair_cases = SET.marked_lines, SET.pages, SET.repair_cases
trap_edits, traps_in_pages = SET.trap_edits, SET.traps_in_pages


def main() -> None:
    pkg = "evaluation.blind16."
    parts = report.parts(SET, pkg + "pii_blind16", pkg + "langid_blind16")
    report_main(__doc__.splitlines()[0], parts)


if __name__ == "__main__":
    main()
