"""Readers of the blind writers' language-ID lines and clean paragraphs (one format since
session 16), so each set module keeps only its paths and language list."""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

# the regional languages of the blind writers' language-ID lines (ISO 639-3) and the five kept
REGIONAL = {
    "min": "Minangkabau",
    "ban": "Balinese",
    "bjn": "Banjar",
    "bug": "Buginese",
    "ace": "Acehnese",
    "mad": "Madurese",
    "bew": "Betawi",
    "mak": "Makassarese",
    "bbc": "Batak Toba",
    "sas": "Sasak",
    "xmm": "Manado Malay",
    "mui": "Palembang (Musi)",
}
KEPT = ("id", "ms", "jv", "su", "en")


def langid_lines(path: Path, known: Container[str]) -> list[tuple[str, str, str]]:
    """``(gold, ref, text)`` per ``gold<TAB>text`` line; the first non-comment line is the
    header; a gold outside ``known`` is a labelling error."""
    rows = [
        (n, ln)
        for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ln.strip() and not ln.startswith("#")
    ]
    out: list[tuple[str, str, str]] = []
    for n, ln in rows[1:]:
        gold, text = ln.split("\t")
        if gold not in known:
            raise ValueError(f"{path.name}:{n}: unknown language {gold!r}")
        out.append((gold, f"{path.name}:{n}", text))
    return out


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """``(register, paragraph)`` per block: a ``# register`` line, then one paragraph line."""
    out: list[tuple[str, str]] = []
    register = ""
    for ln in path.read_text(encoding="utf-8").splitlines():
        if ln.startswith("# ") and len(ln) < 40:
            register = ln[2:]
        elif ln.strip() and not ln.startswith("#"):
            out.append((register, ln))
    return out
