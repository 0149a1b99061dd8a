"""Dateline extraction: ``JAKARTA, KOMPAS.com -`` -> place "Jakarta", outlet "kompas.com".

Datelines are kept as metadata rather than thrown away: the outlet in the dateline often
differs from the site that published the page (Antara copy on regional sites, Kompas copy on
Tribun), which is a syndication signal for dedup and provenance.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saring.boilerplate.dispatch import first_chars, match_width, possessive
from saring.boilerplate.prefix_dfa import build_spec
from saring.boilerplate.rules import DatelineRule
from saring.compiled import load

_K = load("saring.boilerplate._c_dateline")  # may_match: the gate's prefilter automaton

if TYPE_CHECKING:
    from saring.boilerplate.analysis import Lines

_SECOND_LEVEL = frozenset({"co", "or", "go", "ac", "web", "my", "sch", "net", "biz", "com", "mil"})
_LONE_DASH_RE = re.compile(r"[-–—]")
_SPACES_RE = re.compile(r"\s+")
_HOST_RE = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]{0,10}://(?:[^/?#@\s]{0,100}@)?([A-Za-z0-9.-]{1,253})"
)


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


@functools.lru_cache(maxsize=4096)
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


def site_and_host(
    metadata: dict[str, Any], outlets: dict[str, str]
) -> tuple[str | None, str | None]:
    """``(site_of(metadata, outlets), host_of(metadata))`` with one match of the url."""
    url = metadata.get("url")
    if isinstance(url, str):
        m = _HOST_RE.match(url)
        if m is not None:
            host = m.group(1)
            return registered_domain(host), host.lower()
    return site_of(metadata, outlets), None


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


_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>")


def any_rule_gate(rules: list[DatelineRule]) -> re.Pattern[str] | None:
    """One regex that matches at a position whenever some anchored (not ``head_search``) rule
    does: most head lines match no rule, and one failed match replaces ~20. Rules that start
    with the same group (the 1-4 word place) share it (:func:`factor_alternatives`), and its
    one-class repeats that can never give a character back are possessive (``possessive``:
    the same positions match, a title-case head line fails ~3x faster)."""
    alts = [_NAMED_GROUP_RE.sub("(?:", r.regex.pattern) for r in rules if r.when != "head_search"]
    if not alts:
        return None
    gate = possessive(factor_alternatives(alts))[0]
    rules_spec(rules)  # built (or loaded) at set-up, not at the first document
    return gate


_RULE_SPECS: dict[tuple[tuple[str, ...], int], bytes | None] = {}


def rules_spec(rules: list[DatelineRule] | tuple[DatelineRule, ...]) -> bytes | None:
    """The prefilter automaton of the anchored (not ``head_search``) rules, in order
    (``prefix_dfa.build_spec``: the bits of ``rule_mask`` are the rules that may match), from
    the resource cache when it was built before (~0.5 s to build). None without the C kernel:
    stepping the automaton in Python costs more than the regexes."""
    anchored = [r.regex for r in rules if r.when != "head_search"]
    flags = {rx.flags for rx in anchored}
    if _K is None or len(flags) != 1:
        return None
    key = (tuple(rx.pattern for rx in anchored), flags.pop())
    if key not in _RULE_SPECS:
        if len(_RULE_SPECS) >= 64:
            _RULE_SPECS.clear()
        _RULE_SPECS[key] = _cached_spec(*key)
    return _RULE_SPECS[key]


def _cached_spec(patterns: tuple[str, ...], flags: int) -> bytes | None:
    """``build_spec(patterns, flags)`` through the resource cache (one entry per list of
    patterns; the stored patterns are compared, so a hash collision cannot hand over another
    automaton)."""
    import hashlib

    from saring import resource_cache
    from saring.boilerplate import prefix_dfa

    def build() -> dict[str, Any]:
        return {
            "patterns": list(patterns),
            "flags": flags,
            "spec": build_spec(list(patterns), flags),
        }

    digest = hashlib.blake2b("\0".join((str(flags), *patterns)).encode(), digest_size=8).hexdigest()
    got = resource_cache.load_cached("dateline_rules_" + digest, build, [Path(prefix_dfa.__file__)])
    if got.get("patterns") != list(patterns) or got.get("flags") != flags:
        got = build()
    spec = got.get("spec")
    return spec if isinstance(spec, bytes) else None


_BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def factor_alternatives(alts: list[str]) -> str:
    r"""``(?:P)T1|(?:P)T2|...`` as ``(?:P)(?:T1|T2)``: the same positions have a match (a match
    of either form is a way through ``P`` then one of the tails, and backtracking tries every
    way), but ``P`` is matched once instead of once per alternative. Only alternatives that
    start with a whole non-capturing group not followed by a quantifier, hold no top-level
    ``|`` and no back-reference are factored; the rest stay as they are."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for a in alts:
        head = _leading_group(a)
        if head is None or _BACKREF_RE.search(a):
            rest.append(a)
        else:
            groups.setdefault(head, []).append(a[len(head) :])
    parts = [f"(?:{a})" for a in rest]
    for head, tails in groups.items():
        parts.append(f"(?:{head}(?:{'|'.join(f'(?:{t})' for t in tails)}))")
    return "|".join(parts)


def _leading_group(a: str) -> str | None:
    """The ``(?:...)`` group ``a`` starts with, when it is followed by no quantifier and ``a``
    has no ``|`` outside groups; else None."""
    if not a.startswith("(?:"):
        return None
    depth, i, end = 0, 0, -1
    while i < len(a):
        c = a[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: "]" right after "[" or "[^" is a literal
            i += 2 if a.startswith("[^", i) else 1
            i += 1 if i < len(a) and a[i] == "]" else 0
            while i < len(a) and a[i] != "]":
                i += 2 if a[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and end < 0:
                end = i + 1
        elif c == "|" and depth == 0:
            return None
        i += 1
    if end < 0 or (end < len(a) and a[end] in "?*+{"):
        return None
    return a[:end]


class RulesByFirst:
    """The anchored rules (in order) whose match can start with a given character: a rule
    whose every non-empty match starts otherwise (``dispatch.first_chars``) cannot match
    there, so ``_match_line`` does not call its regex. Worked out per character on first use
    (a pure memo, shared by every document)."""

    def __init__(self, rules: list[DatelineRule]) -> None:
        self.rules = tuple(rules)
        self._tests: list[re.Pattern[str] | None] | None = None
        self._memo: dict[str, tuple[DatelineRule, ...]] = {}

    def __call__(self, ch: str) -> tuple[DatelineRule, ...]:
        got = self._memo.get(ch)
        if got is None:
            if self._tests is None:
                self._tests = [
                    None if (fc := first_chars(r.regex.pattern)) is None else re.compile(fc)
                    for r in self.rules
                ]
            got = tuple(
                r
                for r, t in zip(self.rules, self._tests, strict=True)
                if t is None or t.fullmatch(ch) is not None
            )
            if len(self._memo) >= 4096:
                self._memo.clear()
            self._memo[ch] = got
        return got


@dataclass(frozen=True, slots=True)
class DatelineContext:
    """What the dateline rules may consult for one document."""

    rules: list[DatelineRule]
    outlets: dict[str, str]  # outlet spelling -> site domain
    places: frozenset[str]  # corpus gazetteer (lower case), for the outlet rules
    known_places: frozenset[str]  # gazetteer + GeoNames (lower case), for the generic rules
    site: str | None = None
    brands: frozenset[str] = frozenset()  # letters-only names of the site (see shape.brand_keys)
    gate: re.Pattern[str] | None = None  # any_rule_gate(rules), when given
    search_rules: tuple[
        DatelineRule, ...
    ] = ()  # the head_search rules (tried where the gate fails)
    by_first: RulesByFirst | None = None  # RulesByFirst(rules), when given
    prefilter: bool = True  # ask the rules' automaton (rules_spec) before their regexes
    rules_dfa: bytes | None = field(init=False, default=None)
    rule_bits: dict[int, int] = field(init=False, default_factory=dict)  # id(rule) -> its bit

    def __post_init__(self) -> None:
        if self.prefilter and self.gate is not None:
            spec = rules_spec(self.rules)
            if spec is not None:
                anchored = [r for r in self.rules if r.when != "head_search"]
                object.__setattr__(self, "rules_dfa", spec)
                object.__setattr__(
                    self, "rule_bits", {id(r): 1 << k for k, r in enumerate(anchored)}
                )


def find_dateline(
    lines: Lines,
    drop: dict[int, str],
    ctx: DatelineContext,
    *,
    lead_dash: re.Pattern[str] | None = _LONE_DASH_RE,
) -> Dateline | None:
    """Try the dateline rules at the start of the first three kept lines (place-only rules
    only at the first one), then of the next three for one that names the page's own site
    (:func:`_deep_dateline`); a lone dash line among the first four lines is a remnant."""
    text_lines = lines.lines
    head = _head_lines(text_lines, drop)
    remnants: list[int] = []
    if lead_dash is not None:
        top = _longest_match(lead_dash.pattern)  # a longer line cannot be a remnant
        remnants = [
            i for i in head if len(s := text_lines[i].strip()) <= top and lead_dash.fullmatch(s)
        ]
    found: Dateline | None = None
    tried = [i for i in head if i not in remnants][:3] if remnants else head[:3]
    long_line = False
    for rank, i in enumerate(tried):
        # under nothing but headlines, a line opens the text: place-only rules apply there too
        found = _match_line(
            lines, i, 0 if _under_headlines(text_lines, tried[:rank]) else rank, ctx
        )
        long_line = len(text_lines[i]) > _MAX_TITLE_CHARS
        if found is not None or long_line:
            # a long line is body text, not a title: a dateline after it belongs to a repeated
            # copy of the article, and taking it would make a second run remove the next copy's
            break
    if found is None and not long_line and len(tried) == 3:
        found = _fourth_line(lines, head, tried, ctx)
    if found is None and not long_line and ctx.brands and len(tried) == 3:
        deeper = _worded(text_lines, _head_lines(text_lines, drop, _DEEP_MAX, tried[-1] + 1))
        found = _deep_dateline(lines, deeper, ctx)
    if found is None and not remnants:
        return None
    if found is None:
        found = Dateline("dateline_remnant", None, None, ctx.site)
    found.remnant_lines = [i for i in remnants if i not in found.full_lines]
    return found


def _fourth_line(
    lines: Lines, head: list[int], tried: list[int], ctx: DatelineContext
) -> Dateline | None:
    """``MUARA KELAMBIT -`` under a kept site name, menu and headline: the fourth kept line
    opens the text when the three above are headline-shaped, and its place is taken only
    when a line above names it too (the headline's ``Puskesmas Muara Kelambit``)."""
    if len(head) < 4 or head[3] in tried or not _under_headlines(lines.lines, tried):
        return None
    found = _match_line(lines, head[3], 0, ctx)
    if found is None or not found.place:
        return None
    above = " ".join(lines.lines[j] for j in tried).lower()
    return found if found.place.lower() in above else None


_DEEP_LINES = 6  # kept head lines searched for a dateline that names the page's own site
_DEEP_MAX = 6  # lines read below the first three, of which _DEEP_LINES - 3 hold 3+ words


def _worded(lines: list[str], deeper: list[int]) -> list[int]:
    """``deeper`` up to its third line of three words or more: a kept ``zoom-in`` or
    ``Daftar`` between caption and byline is no head line (so counts for nothing), a title,
    byline or caption is."""
    out: list[int] = []
    worded = 0
    for i in deeper:
        out.append(i)
        worded += lines[i].count(" ") >= 2
        if worded == _DEEP_LINES - 3:
            break
    return out


def _deep_dateline(lines: Lines, deeper: list[int], ctx: DatelineContext) -> Dateline | None:
    """A dateline below more head lines than usual (headline, date, byline, caption the
    step kept): taken only when it names the page's own site (``LEMBAH MANAH, HARIAN BUMI
    SELATAN —`` on harianbumiselatan.com), which a body sentence does not; the search ends
    at the first long line (body text) or the first line some rule matches."""
    for i in deeper:
        line = lines.lines[i]
        if len(line) > _MAX_TITLE_CHARS:
            return None
        if not _may_name_site(line, ctx.brands):
            continue  # no rule can take it here: the rules are not asked (cost)
        found = _match_line(lines, i, 2, ctx)
        if found is not None:
            return found if found.outlet is not None and found.outlet == ctx.site else None
    return None


def _may_name_site(line: str, brands: frozenset[str]) -> bool:
    """The letters of a site name in the line's first 50 characters and a separator (dash,
    pipe, colon, parenthesis) in its first 80: every dateline :func:`_deep_dateline` may take
    has both (a caption's ``(Foto: Site/...)`` comes later in its line)."""
    head = line[:50].lower()
    if not any(b[:3] in head for b in brands) or _GENERIC_SEP_RE.search(line, 0, 80) is None:
        return False  # (a cheap test first: the first letters of a site name)
    key = _letters(head)
    return any(b in key for b in brands)


def _under_headlines(lines: list[str], above: list[int]) -> bool:
    """Every line in ``above`` is headline-shaped: 3-25 words, at most 200 characters, starts
    with a capital or digit and does not end like a sentence or a label (``.,;:``)."""
    for j in above:
        s = lines[j].strip()
        if (
            len(s) > 200
            or s[-1] in ".,;:!"
            or not (s[0].isupper() or s[0].isdigit())
            or not 3 <= s.count(" ") + 1 <= 25
        ):
            return False
    return True


@functools.lru_cache(maxsize=64)
def _longest_match(pattern: str) -> int:
    """The most characters a match of ``pattern`` can span (``dispatch.match_width``)."""
    return match_width(pattern)[1]


def _head_lines(lines: list[str], drop: dict[int, str], n: int = 4, start: int = 0) -> list[int]:
    """The first ``n`` kept non-blank lines from line ``start``, however many dropped lines
    precede them (a long detik table of contents is dropped above the dateline)."""
    head: list[int] = []
    for i, ln in enumerate(lines[start:] if start else lines, start):
        if i not in drop and ln.strip():
            head.append(i)
            if len(head) == n:
                break
    return head


_MULTI_LINE_RANKS = ("outlet_lines", "generic")
_GENERIC_SEP_RE = re.compile(r"[-–—|:(•>»]")


def _match_line(lines: Lines, i: int, rank: int, ctx: DatelineContext) -> Dateline | None:
    """The first rule that matches at the start of line ``i`` (the ``rank``-th head line).

    The rules tried: where the gate (some anchored rule) matches, those that can start with
    the line's first character (``by_first``), in order; elsewhere the head_search rules
    alone. The automaton's mask (``rules_spec``) holds every anchored rule that can match:
    where it is empty the gate cannot match; otherwise the gate's answer is worked out only
    when it matters (at a head_search rule, or when no rule was found), and an anchored rule
    outside the mask is passed over (its regex cannot match there)."""
    text, line = lines.text, lines.lines[i]
    pos = lines.starts[i] + (len(line) - len(line.lstrip()))
    gate, spec = ctx.gate, ctx.rules_dfa
    mask = -1  # every rule may match (-1 & bit is never 0)
    gate_ok: bool | None
    if gate is None:
        gate_ok = True
    elif spec is None:
        gate_ok = gate.match(text, pos) is not None
    else:
        mask = _K.rule_mask(spec, text, pos)
        if mask < 0:  # a character the automaton has no class for: the gate decides
            gate_ok = gate.match(text, pos) is not None
        else:
            gate_ok = False if mask == 0 else None
    if gate_ok is not False:
        rules = (
            ctx.by_first(text[pos]) if ctx.by_first is not None and pos < len(text) else ctx.rules
        )
        found, gate_ok = _try_rules(lines, i, rank, ctx, pos, rules, mask, gate_ok)
        if found is not None or gate_ok:
            return found
    return _try_rules(lines, i, rank, ctx, pos, ctx.search_rules, -1, True)[0]


def _try_rules(
    lines: Lines,
    i: int,
    rank: int,
    ctx: DatelineContext,
    pos: int,
    rules: Any,
    mask: int,
    gate_ok: bool | None,
) -> tuple[Dateline | None, bool]:
    """The first of ``rules`` that matches at ``pos`` and is accepted, and whether the gate
    matches there (``gate_ok``: None while unknown; an anchored rule's match answers it, else
    ``ctx.gate`` does). At a head_search rule with the gate failing: (None, False) at once
    (the caller then tries the head_search rules alone)."""
    text, site, line = lines.text, ctx.site, lines.lines[i]
    bits = ctx.rule_bits
    generic_ok = None  # worked out when the first generic rule is reached
    for rule in rules:
        if rule.when not in _MULTI_LINE_RANKS and rank > 0:
            continue
        if rule.when.startswith("generic"):
            if generic_ok is None:
                # every generic shape ends in a dash, pipe, colon or parenthesis near the
                # start, or is a short line of its own
                generic_ok = (
                    len(line) <= 80 or _GENERIC_SEP_RE.search(text, pos, pos + 120) is not None
                )
            if not generic_ok:
                continue
        if rule.when == "site" and site not in rule.outlets:
            continue
        if rule.when == "head_search":
            if gate_ok is None:
                gate_ok = ctx.gate is not None and ctx.gate.match(text, pos) is not None
                if not gate_ok:
                    return None, False
            end = lines.starts[i] + len(line)
            end = pos + 400 if pos + 400 < end else end
            if rule.needle and text.find(rule.needle, pos, end) < 0:
                continue  # the literal run every match holds ("(ANTARA") is missing
            if not _holds_marks(text, pos, end, rule.marks):
                continue  # so is a mark every match holds
            m = rule.regex.search(text, pos, end)
        else:
            bit = bits.get(id(rule))
            if bit is not None and not mask & bit:
                continue  # outside the automaton's mask: the regex cannot match here
            m = rule.regex.match(text, pos)
            if m is not None:
                gate_ok = True
        if m is None or m.end() == m.start():
            continue
        gd = m.groupdict()
        place, outlet_raw = clean_place(gd.get("place")), gd.get("outlet")
        if not _rule_accepts(rule, place, outlet_raw, ctx, (gd.get("place") or "").isupper()):
            continue
        if rule.id == "g_outlet_only" and _site_title(text, m.end(), outlet_raw or "", ctx):
            continue
        if not outlet_raw and _place_is_outlet(place, ctx):
            outlet_raw, place = place, None
        found = Dateline(
            rule.id, place, resolve_outlet(outlet_raw, ctx) if outlet_raw else None, site
        )
        end = m.end()
        if found.outlet is None and ctx.brands and text[end - 1 : end].strip() == "":
            end = _credit_end(text, end, ctx.brands)
        _place_span(found, m.start(), end, lines)
        return found, True
    if gate_ok is None:
        gate_ok = ctx.gate is not None and ctx.gate.match(text, pos) is not None
    return None, gate_ok


def _site_title(text: str, end: int, outlet: str, ctx: DatelineContext) -> bool:
    """``Warta Terkini | Swara Lor`` on swaralor-fm.com: a name with an outlet word followed
    by nothing but the site's own name is a section's title (``Section | Site``), not an
    outlet opening the text."""
    if not ctx.brands or _names_site(outlet, ctx.brands):
        return False
    stop = text.find("\n", end)
    key = _letters(text[end : stop if stop >= 0 else len(text)])
    return len(key) >= 4 and any(b.startswith(key) for b in ctx.brands)


_CREDIT_RE = re.compile(
    r"[A-Z][A-Za-z]{3,20}(?: [A-Z][A-Za-z]{3,20}){0,2}\.(?=[ \t]+[A-Z\"“‘]|[ \t]*(?:\n|$))"
)


def _credit_end(text: str, end: int, brands: frozenset[str]) -> int:
    """``BAYUREJO – Diskominfo.`` on diskominfo.bayurejokota.go.id, ``TANAH RIMBA – Humas
    Polres.`` on humas.polrestanahrimba.id: after a place and a dash, a short credit ending in
    a full stop whose every word opens a label of the page's host is the press office's own
    name (part of the dateline, no outlet); any other word keeps its text."""
    m = _CREDIT_RE.match(text, end)
    if m is None:
        return end
    words = m.group().rstrip(".").lower().split()
    if all(any(b.startswith(w) for b in brands) for w in words):
        return m.end()
    return end


def _holds_marks(text: str, start: int, end: int, marks: tuple[str, ...]) -> bool:
    """``text[start:end]`` holds a character of every set in ``marks``."""
    for chars in marks:
        for ch in chars:
            if text.find(ch, start, end) >= 0:
                break
        else:
            return False
    return True


def _place_is_outlet(place: str | None, ctx: DatelineContext) -> bool:
    """ "KONTAN.CO.ID -", "PIKIRAN RAKYAT -" (on pikiran-rakyat.com): an outlet, not a place."""
    return bool(place) and (
        "." in place or (_names_site(place, ctx.brands) and place.lower() not in ctx.known_places)
    )


def _rule_accepts(
    rule: DatelineRule,
    place: str | None,
    outlet: str | None,
    ctx: DatelineContext,
    place_raw_upper: bool = False,
) -> bool:
    """The conditions a match must meet beyond its regex (see datelines.tsv ``when``)."""
    if rule.when == "gazetteer" and ctx.site not in rule.outlets:
        return bool(place) and place.lower() in ctx.places
    if rule.when == "generic":
        if outlet is None:
            return False
        if rule.id.endswith(("_paren", "_wire")):
            return True  # "PLACE (XYZ) -", "PLACE, 2 Desember 2026 /Wire/ --": the shape is one
        if not outlet_like(outlet, ctx):
            return False
        if rule.id.endswith("_site") and not _names_site(outlet, ctx.brands):
            return False  # "PLACE - Name -": only the site's own name makes it a dateline
        if "dash" in rule.id and not (
            place and (place_raw_upper or place.lower() in ctx.known_places)
        ):
            return False  # "JUARA.net - Kata -": a place between dashes is upper case or known
        # a city's own site (surabaya.go.id) printing "SURABAYA -" prints a place
        return "." in outlet or outlet.lower() not in ctx.known_places or place is not None
    if rule.when == "generic_place":
        # a place and a bare dash open many texts that are not news ("Davao - Philipina
        # tepatnya..."): there the place must be in the corpus gazetteer, not GeoNames alone;
        # the host's word is taken for a bare dash or a press office's credit only ("Name:" on
        # its own site is a label)
        if rule.id not in ("g_place_dash", "g_place_credit"):
            return bool(place) and place.lower() in ctx.known_places
        return bool(place) and (place.lower() in ctx.places or host_names_place(place, ctx.brands))
    return True


def host_names_place(place: str, brands: frozenset[str]) -> bool:
    """The page's host ends with the place's letters (``Limbu Gara`` on
    warta.kabupatenlimbugara.go.id, ``Sirnagaluh`` on polressirnagaluh.id): a regional site
    names its region, which makes an unlisted name a place (5+ letters, so no initials)."""
    key = _letters(place)
    return len(key) >= 5 and any(b.endswith(key) for b in brands)


_OUTLET_WORDS = frozenset(
    "news post pos times online media pers press tv radio harian daily kabar berita warta "
    "radar ekspres express today tribun channel portal jurnal journal fm".split()
)
_GENERIC_WORDS = frozenset("harian online news daily media portal com co id net tv fm".split())
_BRAND_PREFIXES = (
    "radio",
    "harian",
    "koran",
    "tv",
)  # a site named "<prefix><name>" prints "<name>"
_DOMAIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]{1,30}(?:\.[A-Za-z]{2,6}){1,3}")
_ALNUM_RE = re.compile(r"[A-Za-z0-9]+")


def _letters(name: str) -> str:
    return "".join(_ALNUM_RE.findall(name)).lower()


def _names_site(raw: str, brands: frozenset[str]) -> bool:
    """The name is the site's own: its letters (``PIKIRAN RAKYAT`` on pikiran-rakyat.com), the
    same without generic words (``HARIAN DISWAY`` on disway.id, ``NU Online`` on nu.or.id), two
    of its host's labels joined (``Humas Polres X`` on humas.polresx.id), or its initials
    (``BKA`` on beritakotaambon.com)."""
    if not brands:
        return False
    if _letters(raw) in brands:
        return True
    core = "".join(
        w.lower()
        for w in _ALNUM_RE.findall(raw)
        if w.lower() not in _GENERIC_WORDS and not w.isdigit()
    )
    if core and (
        core in brands
        or any(b.startswith(g) and b[len(g) :] == core for b in brands for g in _BRAND_PREFIXES)
    ):
        return True  # "Idola 92.6 FM" on radioidola.com, "KENARI TV" on tvkenari.co.id
    key = _letters(raw)
    if len(brands) >= 2 and any(key.startswith(a) and key[len(a) :] in brands for a in brands):
        return True  # "Humas Polres X" on humas.polresx.id: the host's labels joined
    return raw.isupper() and 2 <= len(key) <= 5 and any(key in initials(b) for b in brands)


def outlet_like(raw: str, ctx: DatelineContext) -> bool:
    """Is this dateline token an outlet: a domain, the site's own name, a known outlet, or a
    name with an outlet word (``Kabar``, ``Post``, ``Online``...)?"""
    if _DOMAIN_RE.fullmatch(raw) or _names_site(raw, ctx.brands):
        return True
    if _letters(raw) in ctx.outlets:
        return True
    return any(w.lower() in _OUTLET_WORDS for w in _ALNUM_RE.findall(raw))


def resolve_outlet(raw: str, ctx: DatelineContext) -> str:
    """The site when the dateline names the site itself, else the canonical spelling. A
    domain is the site only when it spells the site's own name (``Wartalematang.id`` on
    warta-lematang.id), not a subdomain's (PROHABA.CO on prohaba.tribunnews.com)."""
    if not ctx.site:
        return canonical_outlet(raw, ctx.outlets)
    if "." in raw and _DOMAIN_RE.fullmatch(raw):  # not "Idola 92.6 FM"
        label, _, rest = raw.lower().partition(".")
        own, _, own_rest = ctx.site.partition(".")
        same = _letters(label) == _letters(own) or (rest == own_rest and _swapped(label, own))
        return ctx.site if same else canonical_outlet(raw, ctx.outlets)
    return ctx.site if _names_site(raw, ctx.brands) else canonical_outlet(raw, ctx.outlets)


def _swapped(label: str, own: str) -> bool:
    """``kenaritv`` written for the site ``tvkenari``: the same name with its generic prefix
    (``tv``, ``radio``, ``harian``) moved to the end, as a site names itself in words."""
    return any(own.startswith(g) and label == own[len(g) :] + g for g in _BRAND_PREFIXES)


@functools.lru_cache(maxsize=4096)
def initials(key: str) -> frozenset[str]:
    """Possible initials of a run-together site name: split into two to four pieces, each a
    known word of 3+ letters except perhaps the last (``beritakotaambon`` -> ``bka``,
    ``wartalematang`` -> ``wl``)."""
    from wordfreq import zipf_frequency  # only for abbreviated outlets, so imported lazily

    out: set[str] = set()

    def split(rest: str, acc: str) -> None:
        if acc and len(rest) >= 3:
            out.add(acc + rest[0])  # the rest as one (possibly unknown) last word
        if len(acc) >= 3:
            return
        for cut in range(3, len(rest) - 2):
            if zipf_frequency(rest[:cut], "id") >= 3.5:
                split(rest[cut:], acc + rest[0])

    split(key[:40], "")
    return frozenset(out)


def _place_span(d: Dateline, s: int, e: int, lines: Lines) -> None:
    """Lines wholly inside the dateline are dropped; a partly covered line loses its prefix."""
    text = lines.text
    for i, ls in enumerate(lines.starts):
        le = lines.end(i)
        if le < s:
            continue
        if ls >= e:
            break
        if (
            s <= ls + (len(lines[i]) - len(lines[i].lstrip()))
            and text[max(ls, e) : le].strip() == ""
        ):
            d.full_lines.append(i)
        elif e < le:
            d.span = (max(s, ls), e)
