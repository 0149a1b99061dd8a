"""Loading the boilerplate rule data files (``src/saring/data/boilerplate``).

Rules live in TSV files so linguists can edit them without touching code; this module parses
and validates them once (in ``Boilerplate.setup``) and compiles the combined regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from saring.boilerplate.dispatch import possessive, required_literal, required_marks

DATA = Path(__file__).resolve().parents[1] / "data" / "boilerplate"
REPAIR_BRANDS = Path(__file__).resolve().parents[1] / "data" / "repair" / "brands.txt"

SCOPES = {"line", "trailing", "inline", "block", "lead"}
ACTIONS = {"drop_line", "strip_span", "extract_dateline"}
FOLLOWS = {"-", "title", "token", "dup_later"}
WHENS = {"any", "outlet_lines", "gazetteer", "site", "head_search", "generic", "generic_place"}
# A place in a dateline: one to four capitalised words (JAKARTA, Kota Bandung, Washington D.C).
PLACE = r"[A-Z][A-Za-z.'’]{0,20}(?: [A-Z][A-Za-z.'’]{0,20}){0,3}"
# Shapes of the generic dateline grammar (datelines.tsv rows with when=generic*): an outlet
# written as a domain (Harianjogja.com, RADARBANYUMAS.DISWAY.ID, tirto.id), as a brand
# (PIKIRAN RAKYAT, InfoPublik, NU Online) or abbreviated in parentheses ((KP), (HK)); the dash
# variants - -- – — (a plain hyphen needs a space on one side, so compounds are not datelines);
# {END} is a dash or a pipe closing the dateline ("SOLO – WARTASOLO.COM | Pemerintah").
DATELINE_SHAPES = {
    "{PLACE}": PLACE,
    "{DOMAIN}": r"[A-Za-z][A-Za-z0-9-]{1,30}(?:\.[A-Za-z]{2,6}){1,3}",
    "{BRAND}": r"[A-Z][A-Za-z0-9]{0,25}(?: [A-Z][A-Za-z0-9]{0,25}){0,3}",
    "{ABBR}": r"[A-Z][A-Za-z0-9.]{0,12}(?:/[A-Za-z0-9]{1,10})?",
    "{DASH}": r"[ \t]?(?:[–—]{1,2}|-{1,3}(?=[ \t])|(?<=[ \t])-{1,3})[ \t]?",
    "{END}": r"(?:[ \t]?(?:[–—]{1,2}|-{1,3}(?=[ \t])|(?<=[ \t])-{1,3})[ \t]?|[ \t]?\|[ \t]?)",
    "{WEEKDAY}": r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Isnin|Khamis|Jumaat)",
    "{MONTH}": (
        r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|"
        r"Desember|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des|Mac|Julai|Ogos|Disember|"
        r"January|February|March|May|June|July|August|October|December|Aug|Oct|Dec)"
    ),
}
_ID_RE = re.compile(r"[a-z][a-z0-9_]{0,40}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate rule row: ``id`` names the edit kind ``boilerplate:<id>``."""

    id: str
    scope: str
    action: str
    flag: str | None
    follow: str | None
    outlets: tuple[str, ...]
    needles: tuple[str, ...]
    pattern: str


@dataclass(frozen=True, slots=True)
class DatelineRule:
    """A dateline pattern with named groups ``place``/``outlet`` and when it may apply."""

    id: str
    when: str
    outlets: tuple[str, ...]
    regex: re.Pattern[str]
    marks: tuple[str, ...] = ()  # character sets every match holds one of (dispatch.required_marks)
    needle: str = ""  # characters every match holds in a row (dispatch.required_literal)


def _rows(path: Path) -> list[list[str]]:
    """Non-comment TSV rows without the header line."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows[1:]


def load_rules(path: Path | None = None) -> list[Rule]:
    """Parse and validate ``rules.tsv``; a bad row raises ``ValueError`` naming it."""
    path = path or DATA / "rules.tsv"
    rules: list[Rule] = []
    seen: set[str] = set()
    for row in _rows(path):
        if len(row) != 8:
            raise ValueError(f"{path}: rule row needs 8 columns, got {len(row)}: {row[:1]}")
        rid, scope, action, flag, follow, outlets, needles, pattern = row
        if not _ID_RE.fullmatch(rid) or rid in seen:
            raise ValueError(f"{path}: bad or duplicate rule id {rid!r}")
        if scope not in SCOPES or action not in ACTIONS or follow not in FOLLOWS:
            raise ValueError(f"{path}: rule {rid}: bad scope/action/follow")
        re.compile(pattern)  # fail early on a broken pattern
        seen.add(rid)
        rules.append(
            Rule(rid, scope, action, None if flag == "-" else flag,
                 None if follow == "-" else follow, tuple(outlets.split()),
                 () if needles == "-" else tuple(needles.split("|")), pattern)
        )
    return rules


def load_datelines(path: Path | None = None) -> list[DatelineRule]:
    path = path or DATA / "datelines.tsv"
    out = []
    for row in _rows(path):
        if len(row) != 4 or row[1] not in WHENS:
            raise ValueError(f"{path}: bad dateline row {row[:2]}")
        rid, when, outlets, pattern = row
        for key, value in DATELINE_SHAPES.items():
            pattern = pattern.replace(key, value)
        out.append(DatelineRule(rid, when, tuple(outlets.split()), possessive(pattern)[0],
                                required_marks(pattern), required_literal(pattern)))
    return out


def load_outlets(path: Path | None = None) -> dict[str, str]:
    path = path or DATA / "outlets.tsv"
    return {name: site for name, site in _rows(path)}


def load_words(path: Path) -> list[str]:
    """One entry per line, ``#`` comments and blanks skipped."""
    if not path.exists():
        return []
    return [
        s.strip() for s in path.read_text(encoding="utf-8").splitlines()
        if s.strip() and not s.lstrip().startswith("#")
    ]


def load_brands(paths: list[Path] | None = None) -> tuple[frozenset[str], tuple[str, ...]]:
    """Exact brand names and brand prefixes (entries ending in ``*``), from our list and the
    repair step's list when present."""
    paths = paths or [DATA / "brands.txt", REPAIR_BRANDS]
    exact: set[str] = set()
    prefixes: list[str] = []
    for p in paths:
        for w in load_words(p):
            w = w.split("\t")[0].strip()
            if w.endswith("*"):
                prefixes.append(w[:-1])
            elif w:
                exact.add(w)
    return frozenset(exact), tuple(prefixes)


def combined(rules: list[Rule], *, whole_line: bool) -> re.Pattern[str] | None:
    """One alternation with a named group per rule (``lastgroup`` names the rule)."""
    if not rules:
        return None
    alts = "|".join(f"(?P<{r.id}>{r.pattern})" for r in rules)
    if whole_line:
        return re.compile(rf"[ \t]*(?:{alts})[ \t]*")  # used with fullmatch on one line
    return re.compile(alts, re.MULTILINE)
