"""Dateline extraction: ``JAKARTA, KOMPAS.com -`` -> place "Jakarta", outlet "kompas.com".

Datelines are kept as metadata rather than thrown away: the outlet in the dateline often
differs from the site that published the page (Antara copy on regional sites, Kompas copy on
Tribun), which is a syndication signal for dedup and provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from saring.boilerplate.rules import DatelineRule

if TYPE_CHECKING:
    from saring.boilerplate.analysis import Lines

_SECOND_LEVEL = frozenset({"co", "or", "go", "ac", "web", "my", "sch", "net", "biz", "com", "mil"})
_LONE_DASH_RE = re.compile(r"[-–—]")
_SPACES_RE = re.compile(r"\s+")
_HOST_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,10}://(?:[^/?#@\s]{0,100}@)?([A-Za-z0-9.-]{1,253})")


@dataclass(slots=True)
class Dateline:
    """A found dateline: what it says and which part of the text it occupies."""

    rule: str
    place: str | None
    outlet: str | None
    site: str | None
    span: tuple[int, int] | None = None  # prefix of a line to strip
    full_lines: list[int] = field(default_factory=list)  # lines made only of the dateline
    remnant_lines: list[int] = field(default_factory=list)  # lone "-" lines near the head


def registered_domain(host: str) -> str:
    """``news.detik.com`` -> ``detik.com``; ``rejabar.republika.co.id`` -> ``republika.co.id``."""
    host = host.lower().strip(".")
    if host.startswith("www."):
        host = host[4:]
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def canonical_outlet(name: str, outlets: dict[str, str]) -> str:
    """Map a dateline/metadata outlet spelling to a site domain (``KOMPAS.com`` -> kompas.com)."""
    raw = _SPACES_RE.sub(" ", name.strip()).lower()
    raw = raw.split("/", 1)[0]  # ANTARA/JACX
    key = raw.replace(" ", "")
    if key in outlets:
        return outlets[key]
    first = raw.split(" ", 1)[0]
    if first in outlets:
        return outlets[first]
    if "." in key:
        return registered_domain(key)
    return key


def host_of(metadata: dict[str, Any]) -> str | None:
    """The lower-cased host of the document's url, if it has one."""
    url = metadata.get("url")
    if isinstance(url, str):
        m = _HOST_RE.match(url)
        if m is not None:
            return m.group(1).lower()
    return None


def site_of(metadata: dict[str, Any], outlets: dict[str, str]) -> str | None:
    """The publishing site: the url host when known, else the declared outlet."""
    url = metadata.get("url")
    if isinstance(url, str):
        m = _HOST_RE.match(url)
        if m is not None:
            return registered_domain(m.group(1))
    outlet = metadata.get("outlet")
    if isinstance(outlet, str) and outlet.strip():
        return canonical_outlet(outlet, outlets)
    return None


def clean_place(place: str | None) -> str | None:
    """``HO CHI MINH CITY`` -> ``Ho Chi Minh City``; mixed case is kept as written."""
    if not place:
        return None
    place = _SPACES_RE.sub(" ", place.strip(" ,.-–—"))
    if not place:
        return None
    if place.isupper():
        place = " ".join(w.capitalize() for w in place.split(" "))
    return place


_MAX_TITLE_CHARS = 300  # lines before a dateline are titles, captions or bylines


def find_dateline(
    lines: Lines,
    drop: dict[int, str],
    rules: list[DatelineRule],
    outlets: dict[str, str],
    places: frozenset[str],
    site: str | None,
    *,
    lead_dash: re.Pattern[str] | None = _LONE_DASH_RE,
) -> Dateline | None:
    """Try the dateline rules at the start of the first three kept lines (place-only rules
    only at the first one); a lone dash line among the first four lines is a remnant."""
    head = _head_lines(lines.lines, drop)
    remnants = (
        [i for i in head if lead_dash.fullmatch(lines[i].strip())] if lead_dash is not None else []
    )
    found: Dateline | None = None
    for rank, i in enumerate([i for i in head if i not in remnants][:3]):
        found = _match_line(lines, i, rank, rules, outlets, places, site)
        if found is not None or len(lines[i]) > _MAX_TITLE_CHARS:
            # a long line is body text, not a title: a dateline after it belongs to a repeated
            # copy of the article, and taking it would make a second run remove the next copy's
            break
    if found is None and not remnants:
        return None
    if found is None:
        found = Dateline("dateline_remnant", None, None, site)
    found.remnant_lines = [i for i in remnants if i not in found.full_lines]
    return found


def _head_lines(lines: list[str], drop: dict[int, str]) -> list[int]:
    """The first four kept non-blank lines, however many dropped lines precede them (a long
    detik table of contents is dropped above the dateline)."""
    head: list[int] = []
    for i, ln in enumerate(lines):
        if i not in drop and ln.strip():
            head.append(i)
            if len(head) == 4:
                break
    return head


def _match_line(
    lines: Lines, i: int, rank: int, rules: list[DatelineRule], outlets: dict[str, str],
    places: frozenset[str], site: str | None,
) -> Dateline | None:
    """The first rule that matches at the start of line ``i`` (the ``rank``-th head line)."""
    text = lines.text
    pos = lines.starts[i] + (len(lines[i]) - len(lines[i].lstrip()))
    for rule in rules:
        if rule.when != "outlet_lines" and rank > 0:
            continue
        if rule.when == "site" and site not in rule.outlets:
            continue
        if rule.when == "head_search":
            m = rule.regex.search(text, pos, min(pos + 400, lines.end(i)))
        else:
            m = rule.regex.match(text, pos)
        if m is None or m.end() == m.start():
            continue
        gd = m.groupdict()
        place = clean_place(gd.get("place"))
        if rule.when == "gazetteer" and site not in rule.outlets:
            if not place or place.lower() not in places:
                continue
        outlet_raw = gd.get("outlet")
        if not outlet_raw and place and "." in place:  # "KONTAN.CO.ID -": an outlet, not a place
            outlet_raw, place = place, None
        outlet = canonical_outlet(outlet_raw, outlets) if outlet_raw else None
        found = Dateline(rule.id, place, outlet, site)
        _place_span(found, m.start(), m.end(), lines)
        return found
    return None


def _place_span(d: Dateline, s: int, e: int, lines: Lines) -> None:
    """Lines wholly inside the dateline are dropped; a partly covered line loses its prefix."""
    text = lines.text
    for i, ls in enumerate(lines.starts):
        le = lines.end(i)
        if le < s:
            continue
        if ls >= e:
            break
        if s <= ls + (len(lines[i]) - len(lines[i].lstrip())) and text[max(ls, e):le].strip() == "":
            d.full_lines.append(i)
        elif e < le:
            d.span = (max(s, ls), e)
