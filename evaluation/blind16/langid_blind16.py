"""Loader of the blind language-ID lines of session 16 (helper blindB, ``data/langid_blind16.tsv``).

Why a separate file: the lines were written by someone who never read the language-ID rules or
word lists, so they are scored, never tuned on. Gold is ISO 639-3 for regional languages and
id/ms/jv/su/en for the five languages the step keeps.
"""

from __future__ import annotations

from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "langid_blind16.tsv"
REGIONAL = {
    "min": "Minangkabau",
    "ban": "Balinese",
    "bjn": "Banjar",
    "bug": "Buginese",
    "ace": "Acehnese",
    "mad": "Madurese",
    "bew": "Betawi",
    "sas": "Sasak",
    "mak": "Makassarese",
    "bbc": "Batak Toba",
    "mui": "Palembang (Musi)",
    "xmm": "Manado Malay",
}
KEPT = ("id", "ms", "jv", "su", "en")


def load() -> list[tuple[str, str, str]]:
    """``(gold, ref, text)`` per line; the first non-comment line is the header."""
    out: list[tuple[str, str, str]] = []
    lines = [
        (n, ln)
        for n, ln in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1)
        if ln.strip() and not ln.startswith("#")
    ]
    for n, ln in lines[1:]:
        gold, text = ln.split("\t")
        if gold not in REGIONAL and gold not in KEPT:
            raise ValueError(f"{PATH.name}:{n}: unknown language {gold!r}")
        out.append((gold, f"{PATH.name}:{n}", text))
    return out
