"""Loader of the session-19 blind language-ID lines and clean Indonesian paragraphs.

Why a separate file: the lines and paragraphs were written by someone who never read the
language-ID or quality rules or their word lists, so they are scored, never tuned on. Gold is ISO
639-3 for regional languages and id/ms/jv/su/en for the five languages the step keeps.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LINES = DATA / "langid_blind22.tsv"
PARAGRAPHS = DATA / "langid_paragraphs_blind22.txt"
REGIONAL = {
    "min": "Minangkabau",
    "ban": "Balinese",
    "bjn": "Banjar",
    "bug": "Buginese",
    "ace": "Acehnese",
    "mad": "Madurese",
    "bew": "Betawi",
    "bbc": "Batak Toba",
    "xmm": "Manado Malay",
    "mak": "Makassarese",
    "sas": "Sasak",
    "mui": "Palembang (Musi)",
}
KEPT = ("id", "ms", "jv", "su", "en")


def load(path: Path = LINES) -> list[tuple[str, str, str]]:
    """``(gold, ref, text)`` per line; the first non-comment line is the header."""
    rows = [
        (n, ln)
        for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ln.strip() and not ln.startswith("#")
    ]
    out: list[tuple[str, str, str]] = []
    for n, ln in rows[1:]:
        gold, text = ln.split("\t")
        if gold not in REGIONAL and gold not in KEPT:
            raise ValueError(f"{path.name}:{n}: unknown language {gold!r}")
        out.append((gold, f"{path.name}:{n}", text))
    return out


def paragraphs(path: Path = PARAGRAPHS) -> list[tuple[str, str]]:
    """``(register, paragraph)`` per block: a ``# register`` line, then one paragraph line."""
    out: list[tuple[str, str]] = []
    register = ""
    for ln in path.read_text(encoding="utf-8").splitlines():
        if ln.startswith("# ") and len(ln) < 40:
            register = ln[2:]
        elif ln.strip() and not ln.startswith("#"):
            out.append((register, ln))
    return out
