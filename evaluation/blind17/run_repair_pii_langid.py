"""Blind sets of session 17 (second outside writer) for repair, PII, language ID and quality.

The sets were written by someone who never read the rules they measure, so they show what the code
does on material nobody tuned on. Run once on the session-start tree and once on the final tree;
the code scored is the tree's ``src`` (put first on ``sys.path``), the sets and scorers are this
checkout's, so both runs score the same items the same way:

    cd <tree> && SARING_CACHE_DIR=... <tree's venv>/bin/python \\
        <this checkout>/evaluation/blind17/run_repair_pii_langid.py --tree <tree>

Repair (scorer of ``evaluation.repair.unseen``): split recall, order restored, broken names and
reviewer flags per form, each case alone and as 3-sentence pages, counts per entity kind; the
multi-link pages and the long pages with their furniture (each page one document, glue and
camel forms); false edits on the traps alone,
after two glued page lines and at the end of a whole glued page; the founding article's edits. PII
(``evaluation.pii.bare.score``): recall per type and precision, false spans on traps. Language ID:
regional lines labelled id/ms/jv/su with score >= 0.5, accuracy of the five kept languages, clean
Indonesian lines rejected. Quality: the >= 50-word clean Indonesian paragraphs run through the
default per-document chain, rejected ones counted by step and reason. No case text is printed
unless ``--show`` (only for the final run).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # this checkout's kit
from blindkit import repair, report  # noqa: E402
from blindkit.tree import report_main  # noqa: E402

DATA = HERE / "data"
SENTENCES = "repair_blind17.txt"
PAGES = "repair_pages_blind17.txt"
LONG_PAGES = "repair_pages_long_blind17.txt"
TRAPS = "repair_traps_blind17.txt"


SET = repair.RepairSet(DATA, SENTENCES, PAGES, TRAPS, repair.short_section, long_pages=LONG_PAGES)
marked_lines, pages, repair_cases = SET.marked_lines, SET.pages, SET.repair_cases
kind_of_line = SET.kind_of_line


def main() -> None:
    pkg = "evaluation.blind17."
    parts = report.parts(SET, pkg + "pii_blind17", pkg + "langid_blind17", quality=True)
    report_main(__doc__.splitlines()[0], parts)


if __name__ == "__main__":
    main()
