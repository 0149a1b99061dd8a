"""Loader of the session-17 blind language-ID lines and clean Indonesian paragraphs.

Why a separate file: the lines and paragraphs were written by someone who never read the
language-ID or quality rules or their word lists, so they are scored, never tuned on. Gold is ISO
639-3 for regional languages and id/ms/jv/su/en for the five languages the step keeps.
"""

from __future__ import annotations

from pathlib import Path

from evaluation.blindkit import sets

DATA = Path(__file__).resolve().parent / "data"
LINES = DATA / "langid_blind17.tsv"
PARAGRAPHS = DATA / "langid_paragraphs_blind17.txt"
REGIONAL = sets.REGIONAL
KEPT = sets.KEPT


def load() -> list[tuple[str, str, str]]:
    """``(gold, ref, text)`` per line; the first non-comment line is the header."""
    return sets.langid_lines(LINES, {*REGIONAL, *KEPT})


def paragraphs() -> list[tuple[str, str]]:
    """``(register, paragraph)`` per block: a ``# register`` line, then one paragraph line."""
    return sets.paragraphs(PARAGRAPHS)
