"""Score the session-19 blind sets (fifth outside writer) in one table: repair, PII, language ID
and quality.

    cd <tree> && PYTHONPATH=<tree>/src SARING_CACHE_DIR=... <venv>/bin/python \\
        <this checkout>/evaluation/blind22/run.py --tree <tree> [--only repair|pii|langid|quality]

The code scored is ``<tree>/src`` (put first on ``sys.path``); the sets and scorers are this
checkout's, so the round-start tree and the final tree are scored on the same items the same way.

Repair (scorer of ``evaluation.repair.unseen``): split recall, order restored, broken names and
reviewer flags per form, each case alone and as 3-sentence pages; counts per entity kind; the
pages file (each page one document, furniture lines kept as context, glue then camel pass;
demonym and list lines scored once); false edits on the traps alone, after two glued page lines
and at the end of a whole glued page; the founding article's edits. PII: recall per type (any
type, its own type) and precision, traps with a false span. Language ID: regional lines labelled
id/ms/jv/su with score >= 0.5, accuracy of the five kept languages, clean Indonesian rejected.
Quality: the clean >= 50-word paragraphs through the default per-document chain, rejections by
step and reason. No case text is printed unless ``--show`` (only for the final run). The sets are
blind: score them, never tune rules on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # this checkout's kit
from blindkit import repair, report  # noqa: E402
from blindkit.tree import report_main  # noqa: E402

DATA = HERE / "data"
SENTENCES = "repair_blind22.txt"
PAGES = "repair_pages_blind22.txt"
TRAPS = "repair_traps_blind22.txt"


SET = repair.RepairSet(DATA, SENTENCES, PAGES, TRAPS, repair.short_section_whole)
marked_lines, pages, repair_cases = SET.marked_lines, SET.pages, SET.repair_cases
kind_of_line = SET.kind_of_line


def main() -> None:
    pkg = "evaluation.blind22."
    parts = report.parts(
        SET, pkg + "pii_blind22", pkg + "langid_blind22", quality=True, context_row=True
    )
    report_main(__doc__.splitlines()[0], parts)


if __name__ == "__main__":
    main()
