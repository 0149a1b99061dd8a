"""Loader of the blind language-ID lines of session 16 (helper blindB, ``data/langid_blind16.tsv``).

Why a separate file: the lines were written by someone who never read the language-ID rules or
word lists, so they are scored, never tuned on. Gold is ISO 639-3 for regional languages and
id/ms/jv/su/en for the five languages the step keeps.
"""

from __future__ import annotations

from pathlib import Path

from evaluation.blindkit import sets

PATH = Path(__file__).resolve().parent / "data" / "langid_blind16.tsv"
REGIONAL = sets.REGIONAL
KEPT = sets.KEPT


def load() -> list[tuple[str, str, str]]:
    """``(gold, ref, text)`` per line; the first non-comment line is the header."""
    return sets.langid_lines(PATH, {*REGIONAL, *KEPT})
