"""Indonesian news boilerplate removal, dateline extraction and scrape-glue repair.

Rules are data (``src/saring/data/boilerplate/*.tsv``). Every removed line or span is an edit
of kind ``boilerplate:<rule id>``, so "which rule removed which line" is answered by the edit
log; per-document counts go to annotations. Datelines leave the text and become metadata
(``place``, ``dateline_outlet``; ``site`` from the url/outlet, so syndication is visible).
Disclaimers of AI rewriting or machine translation become document flags.

Order inside one pass over a document (all edits are applied in one batch): outlet line rules ->
shape pass (furniture by line shape and position, ``shape.py``) -> dateline at the head (outlet
rules, then the generic grammar) -> inline and block spans -> trailing block -> glue.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from saring.boilerplate.analysis import Analysis, Lines
from saring.boilerplate.dateline import (
    DatelineContext,
    RulesByFirst,
    any_rule_gate,
    find_dateline,
    site_and_host,
)
from saring.boilerplate.dispatch import (
    SHORT,
    LineAlternation,
    finditer_at,
    first_literals,
    line_candidates,
    match_width,
    needle_offset,
    needle_starts,
    needles_in,
)
from saring.boilerplate.glue import GlueFixer
from saring.boilerplate.learned import LineModel, learned_confidence
from saring.boilerplate.removals import fix_overlaps, removals, resolve_spans
from saring.boilerplate.rules import (
    DATA,
    load_brands,
    load_datelines,
    load_outlets,
    load_rules,
    load_words,
)
from saring.boilerplate.shape import ShapeFurniture, brand_keys, load_shape_rules
from saring.document import Document, Replacement
from saring.step import MapStep, Reject

# Headline-like line after a "Baca juga" heading: short, no sentence end, mostly capitalised.
_TITLE_SMALL = frozenset(
    "di ke dari dan yang untuk dengan ini itu pada dalam jadi atau hingga soal usai saat bagi "
    "vs oleh tak tidak bisa akan sudah agar kian makin karena".split()
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_LIST_ITEM_RE = re.compile(r"\d{1,3}[.)] ")
_TOKEN_LINE_RE = re.compile(r"[\w.]{2,40}\.?")
# a span rule is tried at up to this many positions near its needles, else over the whole text
_NEAR_NEEDLES = 48
# "...kepolisian.Baca JugaTertimbun Longsor" - a related-links block flattened into the text
_INLINE_RELATED_RE = re.compile(r"[a-z.,)](?:Baca|BACA) ?(?:[Jj]uga|JUGA)(?=\s?[:A-Z])")
_BACA = ("Baca", "BACA")  # every match of it holds one, one character after its start
_INLINE_RELATED_AT = needle_offset(_INLINE_RELATED_RE.pattern, _BACA)


def looks_like_title(line: str) -> bool:
    """A related-article headline: <= 160 chars, >= 4 words, no final period (a trailing ellipsis
    of a cut title is allowed), not a numbered list item, most words capitalised."""
    line = line.removesuffix("...").removesuffix("…").rstrip()
    if not line or len(line) > 160 or line[-1] in ".,;:" or _LIST_ITEM_RE.match(line):
        return False
    words = _WORD_RE.findall(line)
    if len(words) < 4:
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.7


class Boilerplate(MapStep):
    """Remove page furniture from news text by rule; keep datelines as metadata."""

    name = "boilerplate"
    PROVIDES = ("lines_dropped", "spans_stripped", "glue_fixed", "rules", "dateline_rule", "syndicated")

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        datelines: bool = True
        shape: bool = True
        glue: bool = True
        glue_min_zipf: float = 3.0
        trailing_max_lines: int = 40
        rules_dir: str | None = None
        # the learned line model: "off" by default (as a remover it took hand-written body
        # look-alikes it never saw; as a flag 4 of its 5 flags on 4,200 real docs were body, for
        # +1.75% of the chain's instructions), "flag" (a document flag, no edit) or "remove"
        learned: str = "off"

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)

    # ------------------------------------------------------------------ setup
    def setup(self) -> None:
        """Load and compile the rule data, in three named parts."""
        data = Path(self.config.rules_dir) if self.config.rules_dir else DATA
        self._setup_rules(data)
        self._setup_datelines(data)
        self._setup_glue(data)
        self._setup_learned(data)

    def _setup_rules(self, data: Path) -> None:
        """Line, trailing, span and shape rules (line-level rules dispatched per first character)."""
        rules = load_rules(data / "rules.tsv")
        self.rules = {r.id: r for r in rules}
        line_rules = [r for r in rules if r.scope == "line"]
        self._line_alt = LineAlternation([(r.id, r.pattern) for r in line_rules])
        # longest line (stripped) any line rule can match
        self._line_top = max((min(match_width(r.pattern)[1], 10_000) for r in line_rules), default=0)
        trailing = [r for r in rules if r.scope == "trailing"]
        self._trailing_alt = LineAlternation([(r.id, r.pattern) for r in trailing]) if trailing else None
        # inline and block rules run one by one, each behind its cheap substring test
        self._spans_rx = [
            (r.id, r.needles, re.compile(r.pattern, re.MULTILINE))
            for r in rules if r.scope in ("inline", "block")
        ]
        # every rule's needles in one tuple, scanned in one pass (``saring.scan``): per rule the
        # bits of its needles (0: no needle, always tried)
        self._needles = tuple(dict.fromkeys(
            [nd for _rid, nds, _rx in self._spans_rx for nd in nds] + list(_BACA)))
        index = {nd: k for k, nd in enumerate(self._needles)}
        self._needle_bits = [sum(1 << index[nd] for nd in set(nds)) for _rid, nds, _rx in self._spans_rx]
        self._baca_bits = sum(1 << index[nd] for nd in _BACA)
        if len(self._needles) > 64:
            self._needles = None  # too many for one scan: each rule scans its own
        # how far from a match's start a needle must be: the rule is then only tried near the
        # needles' occurrences (``finditer_at``) instead of scanning the whole text (also for a
        # rule starting with a literal: ``re``'s search for its literal prefix stops at every
        # ``(`` of the text, ~20 k instructions per news text for ``photo_credit`` alone)
        self._needle_offsets = [
            needle_offset(rx.pattern, nds) if nds else None for _rid, nds, rx in self._spans_rx]
        # per rule of several needles, (needle, its bit): only the present ones are searched
        self._needle_pairs = [
            tuple((nd, 1 << index[nd]) for nd in nds) if len(nds) > 1 else None
            for _rid, nds, _rx in self._spans_rx]
        # ... and only where it holds a character a match can start with (``(`` of ``(ant)``)
        self._needle_firsts = [first_literals(rx.pattern) for _rid, _nds, rx in self._spans_rx]
        lead = self.rules.get("dateline_remnant")
        self._lead_dash = re.compile(lead.pattern) if lead is not None else None
        self._shape = ShapeFurniture(load_shape_rules(data / "shape.tsv")) if self.config.shape else None
        # the alternations ``line_candidates`` serves in one pass (None: no kernel)
        scan = [(self._line_alt, False)]
        if self._shape is not None and self._shape.alt is not None:
            scan.append((self._shape.alt, True))
        self._scan = tuple(scan) if all(alt.kernel() is not None for alt, _strip in scan) else None

    def _setup_learned(self, data: Path) -> None:
        """The learned line model (a rules_dir without its own weights uses the shipped ones)."""
        path = data / "learned.json" if (data / "learned.json").exists() else DATA / "learned.json"
        self._learned = None if self.config.learned == "off" else LineModel.load(path)

    def _setup_datelines(self, data: Path) -> None:
        """Dateline rules, their gate, outlet spellings and the place lists."""
        self._dateline_rules = load_datelines(data / "datelines.tsv")
        self._dateline_gate = any_rule_gate(self._dateline_rules)
        self._dateline_search = tuple(r for r in self._dateline_rules if r.when == "head_search")
        self._dateline_by_first = RulesByFirst(self._dateline_rules)
        self._outlets = load_outlets(data / "outlets.tsv")
        self._places = frozenset(w.lower() for w in load_words(data / "places.txt"))
        geo = frozenset(w.lower() for w in load_words(data / "places_geonames.txt"))
        self._known_places = self._places | geo
        self._contexts: dict[tuple[str | None, frozenset[str]], DatelineContext] = {}

    def _setup_glue(self, data: Path) -> None:
        """The scrape-glue fixer with its brand and tail-word lists (when glue is on)."""
        self._glue = None
        if not self.config.glue:
            return
        brands = load_brands([data / "brands.txt", DATA.parent / "repair" / "brands.txt"])
        tails = frozenset(load_words(data / "glue_tail_words.txt"))
        self._glue = GlueFixer(brands, min_zipf=self.config.glue_min_zipf, tail_words=tails)
        self._glue.setup()

    # ------------------------------------------------------------------ analysis
    def analyse(self, doc: Document) -> Analysis:
        """Decide what to remove without changing the document (used by tests and the labeller).

        Phases, in order: whole-line rules and their follow-ups, the dateline at the head,
        inline and block spans, the trailing block, flags, scrape glue in what is kept.
        """
        self.ensure_setup()
        res = Analysis(Lines.of(doc.text))
        site, host = site_and_host(doc.metadata, self._outlets)
        brands = brand_keys(site, host)
        # per line, the line rules and shape classes that can match it (one compiled pass)
        cands = line_candidates(doc.text, self._scan) if self._scan is not None else None
        self._line_rules(res, cands[0] if cands is not None else None)
        if self._shape is not None:
            shape_cands = cands[1] if cands is not None else None
            url = doc.metadata.get("url")  # the head grammar reads its sections and slug
            self._shape.mark(res.lines, res.drop, brands, shape_cands, url)
        if self.config.datelines:
            self._dateline(res, site, brands)
        self._spans(res)
        self._trailing(res.lines.lines, res.drop)
        if self._learned is not None:
            res.learned = self._learned.mark(res, self.config.learned == "remove")
        self._flags(res)
        if self._glue is not None:
            self._scrape_glue(res)
        return res

    def _line_rules(self, res: Analysis, cands: list | None = None) -> None:
        """Whole-line rules (each line only against rules long enough to match it), then what
        each matched heading drags along. ``cands``: per line the rules that can match it
        (``dispatch.line_candidates``), else every line goes through ``match``."""
        lines, drop = res.lines.lines, res.drop
        top, match = self._line_top, self._line_alt.match
        if cands is not None:
            among = self._line_alt.match_among
            for i, c in enumerate(cands):
                if c is None:
                    continue
                ln = lines[i]
                if len(ln.strip() if c is True or ln[-1] in " \t" else ln) > top:
                    continue  # longer than any line rule can match (as below)
                rid = match(ln) if c is True else among(ln, c)
                if rid is not None:
                    drop[i] = rid
        else:
            self._line_rules_each(lines, drop, res.lines.text)
        for i, rid in sorted(drop.items()):
            follow = self.rules[rid].follow
            if follow:
                self._follow(lines, i, rid, follow, drop)

    def _line_rules_each(self, lines: list[str], drop: dict[int, str], text: str) -> None:
        """The line rules on every line (the reference path, without the kernel)."""
        top, match = self._line_top, self._line_alt.match
        possible = self._line_alt.short_filter(text)
        for i, ln in enumerate(lines):
            n = len(ln)
            if not n:
                continue
            if ln[0] in " \t" or ln[-1] in " \t":
                n = len(ln.strip())
            elif n <= SHORT and not possible(ln):
                continue  # no rule starts with its first character, fits and finds its marks
            if n > top:
                continue  # longer than any line rule can match
            rid = match(ln)
            if rid is not None:
                drop[i] = rid

    def _dateline(self, res: Analysis, site: str | None, brands: frozenset[str]) -> None:
        """The dateline at the head: whole lines it covers are dropped, a prefix is a span."""
        ctx = self._contexts.get((site, brands))
        if ctx is None:  # one per site (frozen; everything else in it is the step's)
            if len(self._contexts) >= 4096:
                self._contexts.clear()
            ctx = self._contexts[(site, brands)] = DatelineContext(
                self._dateline_rules, self._outlets, self._places, self._known_places, site, brands,
                self._dateline_gate, self._dateline_search, self._dateline_by_first,
            )
        d = find_dateline(res.lines, res.drop, ctx, lead_dash=self._lead_dash)
        res.dateline = d
        if d is None:
            return
        for i in d.full_lines:
            res.drop[i] = "dateline"
        for i in d.remnant_lines:
            res.drop[i] = "dateline_remnant"
        if d.span is not None:
            res.spans.append((d.span[0], d.span[1], "dateline"))

    def _spans(self, res: Analysis) -> None:
        """Inline spans and multi-line blocks, each rule behind its cheap substring test."""
        text = res.lines.text
        scan = self._needles is not None
        present = needles_in(text, self._needles) if scan else 0
        res.needles = present if scan else -1
        rules = zip(self._spans_rx, self._needle_bits, self._needle_offsets, self._needle_firsts,
                    self._needle_pairs, strict=True)
        for (rid, needles, rx), bits, offset, firsts, pairs in rules:
            if needles and not (bits & present if scan else any(map(text.__contains__, needles))):
                continue
            if scan and pairs is not None:  # an absent needle adds no position
                needles = tuple(nd for nd, bit in pairs if bit & present)
            starts = None if offset is None else needle_starts(text, needles, offset, _NEAR_NEEDLES, firsts)
            for m in rx.finditer(text) if starts is None else finditer_at(rx, text, starts):
                if m.end() > m.start():
                    res.spans.append((m.start(), m.end(), rid))
        res.spans = resolve_spans(res.lines, res.spans, res.drop)

    def _flags(self, res: Analysis) -> None:
        """Document flags raised by the rules that fired, and flattened related-link blocks."""
        for i, rid in res.drop.items():
            fl = self.rules[rid].flag if rid in self.rules else None
            if fl:
                res.flags.append((fl, rid, i))
        for s, _e, rid in res.spans:
            fl = self.rules[rid].flag if rid in self.rules else None
            if fl:
                res.flags.append((fl, rid, res.lines.line_of(s)))
        text = res.lines.text
        if not (res.needles & self._baca_bits if res.needles >= 0 else any(map(text.__contains__, _BACA))):
            return
        cut = [(s, e) for s, e, rid in res.spans if rid == "baca_juga_trailing"]
        starts = None if _INLINE_RELATED_AT is None else needle_starts(
            text, _BACA, _INLINE_RELATED_AT, _NEAR_NEEDLES)
        matches = _INLINE_RELATED_RE.finditer(text) if starts is None else finditer_at(
            _INLINE_RELATED_RE, text, starts)
        for m in matches:
            at = m.start() + 1
            if not any(s <= at < e for s, e in cut):  # a cut-off trailing link is not flagged
                res.flags.append(("inline_related_links", "baca_juga", res.lines.line_of(at)))
                break

    def _scrape_glue(self, res: Analysis) -> None:
        """Glue inside kept text: split when sure, flag when not (never inside a removal)."""
        assert self._glue is not None
        lines, drop, text = res.lines, res.drop, res.lines.text
        busy = sorted((s, e) for s, e, _ in res.spans)
        first = next((i for i, ln in enumerate(lines.lines) if ln.strip() and i not in drop), None)
        if first is not None:
            head = lines.starts[first]
            d = res.dateline
            if d is not None and d.span is not None and d.span[0] == head:
                head = d.span[1]
            at = self._glue.find_caps_head(text, head)
            if at is not None:
                res.caps_head.append((at, 0.8))
        for at, conf, token in self._glue.find(text, frozenset(a for a, _ in res.caps_head)):
            if lines.line_of(at) in drop:
                continue
            k = bisect.bisect_right(busy, (at, at)) - 1
            if k >= 0 and busy[k][0] <= at < busy[k][1]:
                continue
            if conf > 0:
                res.glue.append((at, conf))
            else:
                res.glue_suspects.append((at, token))

    def _follow(self, lines: list[str], i: int, rid: str, follow: str, drop: dict) -> None:
        """Drop what a heading line drags along (related titles, a split outlet token, a ToC)."""
        if follow == "title":
            _follow_titles(lines, i, rid, drop)
        elif follow == "token":
            j = i + 1
            if j < len(lines) and j not in drop and _TOKEN_LINE_RE.fullmatch(lines[j].strip()):
                drop[j] = rid
        elif follow == "dup_later":
            _follow_repeated(lines, i, rid, drop)

    def _trailing(self, lines: list[str], drop: dict[int, str]) -> None:
        """Walk up from the end over boilerplate-looking lines; tag-list lines count only below
        another boilerplate line (a lone lower-case last line is usually content)."""
        if self._trailing_alt is None:
            return
        match = self._trailing_alt.match
        block: list[tuple[int, str | None]] = []
        i = len(lines) - 1
        while i >= 0 and len(block) < self.config.trailing_max_lines:
            line = lines[i]
            if i in drop:
                block.append((i, None))
            elif not line.strip():
                pass
            else:
                rid = match(line)
                if rid is None or (
                    rid.endswith("_twice") and not _has_twin(lines, i)
                ) or (rid == "title_twice" and not block):
                    break
                block.append((i, rid))
            i -= 1
        anchored = False
        for i, rid in reversed(block):  # top-down
            if rid is None:
                anchored = True
            elif rid == "tag_list":
                if anchored:
                    drop[i] = rid
            else:
                anchored = True
                drop[i] = rid

    # ------------------------------------------------------------------ step
    def replacements(self, doc: Document, result: Analysis) -> list[Replacement]:
        """Turn an analysis into non-overlapping edits of the current text. (The removals are
        already sorted without overlaps; a glue insertion is empty, so it never makes a later
        removal overlap: sorting again only places and checks the glue.)"""
        reps = removals(doc.text, result.lines, result.drop, result.spans)
        if result.learned:
            learned_confidence(reps, result.lines, result.learned)
        if not (result.glue or result.caps_head):
            return reps
        for at, conf in result.glue:
            reps.append(Replacement(at, at, " ", "boilerplate:glue", conf))
        for at, conf in result.caps_head:
            reps.append(Replacement(at, at, " ", "boilerplate:glue_caps_head", conf))
        return fix_overlaps(reps)

    def _apply_once(self, doc: Document, first: bool) -> tuple[Analysis, list[Replacement]]:
        """Analyse and apply one round (and return the replacements it applied); the second
        round only fills metadata the first left."""
        result = self.analyse(doc)
        d = result.dateline
        if d is not None:
            for key, value in (("place", d.place), ("dateline_outlet", d.outlet)):
                if value and (first or key not in doc.metadata):
                    doc.metadata[key] = value
            if d.site:
                doc.metadata.setdefault("site", d.site)
        reps = self.replacements(doc, result)
        if reps:
            doc.apply(self.label, reps)
        return result, reps

    def _needs_second_round(self, result: Analysis) -> bool:
        """Stripping a span can expose what a line rule matches (``Simak selengkapnya di
        sini.Pewarta: …`` -> ``Simak selengkapnya di sini.``), and an outlet-only dateline can hide
        a place dateline (``KONTAN.CO.ID - WASHINGTON -``): one more round makes the step a fixed
        point. Only documents where a span leaves a line short enough for a line rule, or cuts
        the end of a line that holds a "juga" (``… Baca juga: X Pewarta: …``), pay. (A span
        after the plain word "juga" re-analyses too: shifting the first round's glue suspects
        instead is not exact, a strip can expose an end-anchored inline rule, e.g.
        ``… [Gambas:Video 20detik] (ant/abc) Baca juga: …``; tests/test_boilerplate_rounds.py.)"""
        d = result.dateline
        if d is not None and d.span is not None and not d.place:
            return True
        top = self._line_top
        lines, drop = result.lines, result.drop
        text, starts = lines.text, lines.starts
        for s, e, rid in result.spans:
            if rid == "dateline":
                continue
            i = lines.line_of(s)
            if i in drop:
                continue
            if len(lines[i]) - (e - s) <= top:
                return True
            if rid != "baca_juga_trailing" and _juga_before(text, starts[i], s):
                return True
        return False

    def process(self, doc: Document) -> Reject | None:
        result = self._apply_once(doc, first=True)[0]
        rounds = [result]
        if self._needs_second_round(result):
            rounds.append(self._apply_once(doc, first=False)[0])
        self._raise_flags(doc, rounds)
        doc.annotate(self.label, **self._annotation(doc, rounds))
        return None

    def _raise_flags(self, doc: Document, rounds: list[Analysis]) -> None:
        """One flag per (flag, rule) over the rounds; glue suspects of the final text."""
        seen: set[tuple[str, str]] = set()
        for r in rounds:
            for fl, rid, line in r.flags:
                if (fl, rid) not in seen:
                    seen.add((fl, rid))
                    doc.flag(self.label, fl, rule=rid, line=line)
        for at, token in rounds[-1].glue_suspects[:20]:
            doc.flag(self.label, "glue_suspect", token=token, offset=at)

    def _annotation(self, doc: Document, rounds: list[Analysis]) -> dict[str, Any]:
        """Counts per document: lines dropped, spans stripped, glue fixed, rules fired."""
        rules: dict[str, int] = {}  # counted as Counter.update would, in first-seen order
        get = rules.get
        ann: dict[str, Any] = {"lines_dropped": 0, "spans_stripped": 0, "glue_fixed": 0}
        for r in rounds:
            for rid in r.drop.values():
                rules[rid] = get(rid, 0) + 1
            for _s, _e, rid in r.spans:
                rules[rid] = get(rid, 0) + 1
            ann["lines_dropped"] += len(r.drop)
            ann["spans_stripped"] += len(r.spans)
            ann["glue_fixed"] += len(r.glue) + len(r.caps_head)
        if rules:
            ann["rules"] = rules
        d = rounds[0].dateline or rounds[-1].dateline
        if d is not None:
            ann["dateline_rule"] = d.rule
            outlet, site = doc.metadata.get("dateline_outlet"), doc.metadata.get("site")
            ann["syndicated"] = bool(outlet and site and outlet != site)
        return ann


def _follow_titles(lines: list[str], i: int, rid: str, drop: dict[int, str]) -> None:
    """Up to three headline-like lines after a bare ``Baca juga`` heading."""
    line = lines[i].strip()
    if ":" in line and line.split(":", 1)[1].strip():
        return  # "Baca juga: <title>" carries its title on the same line
    taken = 0
    j = i + 1
    while j < len(lines) and taken < 3:
        nxt = lines[j].strip()
        if not nxt:
            j += 1
            continue
        if j in drop or not looks_like_title(nxt):
            break
        drop[j] = rid
        taken += 1
        j += 1


def _follow_repeated(lines: list[str], i: int, rid: str, drop: dict[int, str]) -> None:
    """The lines of a table of contents: each occurs again later in the text (as a heading)."""
    n = len(lines)
    j = i + 1
    while j < n and j - i <= 12:
        nxt = lines[j].strip()
        if not nxt or j in drop:
            break
        if not any(lines[k].strip() == nxt for k in range(j + 1, n)):
            break
        drop[j] = rid
        j += 1


def _juga_before(text: str, start: int, s: int) -> bool:
    """A "juga" sits on the line before the span (the cheap first test of a trailing link)."""
    return text.find("juga", start, s) >= 0 or text.find("JUGA", start, s) >= 0


def _has_twin(lines: list[str], i: int) -> bool:
    """The line is printed twice in a row (detik prints the video title twice)."""
    line = lines[i].strip()
    return (i > 0 and lines[i - 1].strip() == line) or (
        i + 1 < len(lines) and lines[i + 1].strip() == line
    )
