"""Speed paths of boilerplate/normalize give exactly what the plain regexes give.

``LineAlternation`` (first-character + width dispatch) must name the same rule as the combined
``[ \\t]*(?:(?P<a>..)|(?P<b>..))[ \\t]*`` fullmatch; the dateline gate must match wherever an
anchored dateline rule matches; the glue boundary scan must find the positions ``[a-z][A-Z]``
finds; normalize's character pass must make the edits the six-group ``_CHAR_RE`` makes.
Lines matching each rule are generated from the rule's own pattern (``hypothesis.from_regex``),
so the positives are real, plus random lines over the characters the rules care about.
"""

from __future__ import annotations

import re

import ftfy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring.boilerplate.dateline import any_rule_gate
from saring.boilerplate.dispatch import (
    LineAlternation,
    first_chars,
    match_width,
    required_literal,
    required_marks,
)
from saring.boilerplate.glue import _BOUNDARY_RE, _boundaries
from saring.boilerplate.rules import DATA, load_datelines, load_rules
from saring.boilerplate.shape import load_shape_rules
from saring.document import Document, Replacement
from saring.normalize.step import _CHAR_AFTER, _CHAR_RE, _FTFY_CONFIG, Normalize, fix_text_segments

LINE_RULES = [(r.id, r.pattern) for r in load_rules(DATA / "rules.tsv") if r.scope in ("line", "trailing")]
SHAPE_RULES = [(f"{r.cls}__{k}", r.pattern) for k, r in enumerate(load_shape_rules(DATA / "shape.tsv"))]
ALTS = {"line": LineAlternation(LINE_RULES), "shape": LineAlternation(SHAPE_RULES)}
NAMED = {"line": LINE_RULES, "shape": SHAPE_RULES}
FULL = {k: a.full for k, a in ALTS.items()}

_ALPHABET = st.sampled_from(list(
    "aAbBeEdDfFiIjJkKlLnNoOpPrRsSuUwWxX019 \t.,:;-–—|()[]/@#©•·\"'“”’&*!?»>é"
))
_WORDS = st.sampled_from([
    "Baca", "juga", "Juga", "Editor", "Penulis", "Reporter", "Foto", "Copyright", "©", "2024",
    "Instagram", "WhatsApp", "Ikuti", "kami", "di", "Google News", "ADVERTISEMENT", "Halaman",
    "Berita Terkait", "Tags", "Sumber", "ANTARA", "Kompas.com", "detikcom", "(ant)", "(*)",
    "Jakarta", "Simak", "Video", "Redaksi", "Laporan", "Wartawan", "Selanjutnya", "Share",
])
_LINES = st.one_of(
    st.text(_ALPHABET, max_size=40),
    st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=6)), max_size=10).map(" ".join),
    st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=6)), max_size=10).map(": ".join),
)


def _combined(kind: str, line: str) -> str | None:
    m = FULL[kind].fullmatch(line)
    return None if m is None else m.lastgroup


@settings(max_examples=250, deadline=None)
@given(line=_LINES, kind=st.sampled_from(["line", "shape"]))
def test_line_alternation_names_the_combined_regex_rule_on_random_lines(line: str, kind: str) -> None:
    assert ALTS[kind].match(line) == _combined(kind, line)


def _rule_matches(kind: str):
    """(kind, a line generated to fullmatch one rule, maybe padded with blanks)."""
    strategies = []
    for _name, pattern in NAMED[kind]:
        try:
            strategies.append(st.from_regex(re.compile(pattern), fullmatch=True))
        except Exception:  # noqa: BLE001 - a construct hypothesis cannot generate from
            continue
    return st.one_of(strategies)


@pytest.mark.parametrize("kind", ["line", "shape"])
def test_line_alternation_agrees_on_lines_generated_from_each_rule(kind: str) -> None:
    hits = []

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(line=_rule_matches(kind), pad=st.sampled_from(["", " ", "\t ", "  "]))
    def check(line: str, pad: str) -> None:
        for candidate in (line, pad + line, line + pad):
            if "\n" in candidate:
                continue
            want = _combined(kind, candidate)
            hits.append(want is not None)
            assert ALTS[kind].match(candidate) == want

    check()
    assert sum(hits) > 60  # the generated lines really match rules


@pytest.mark.parametrize("pattern", [p for _n, p in LINE_RULES + SHAPE_RULES])
def test_first_chars_covers_every_first_character_of_a_match(pattern: str) -> None:
    cls = first_chars(pattern)
    if cls is None:
        return
    starts = re.compile(cls)

    @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text=st.from_regex(re.compile(pattern), fullmatch=True))
    def check(text: str) -> None:
        if text:
            assert starts.fullmatch(text[0]), (pattern, text)

    try:
        check()
    except re.error:
        pytest.skip("hypothesis cannot generate from this pattern")


def test_first_chars_reads_case_flags_repeats_and_lookarounds() -> None:
    assert re.fullmatch(first_chars(r"(?i:ab)c"), "A")
    assert not re.fullmatch(first_chars(r"ab"), "A")
    assert re.fullmatch(first_chars(r"x?y"), "y") and re.fullmatch(first_chars(r"x?y"), "x")
    assert not re.fullmatch(first_chars(r"(?=q)x"), "q")  # a lookahead consumes nothing
    assert re.fullmatch(first_chars(r"[^\n]"), "\u4e00")
    assert first_chars(r"(a)\1") is not None and first_chars(r"(x)?(?(1)a|b)") is None


def test_line_alternation_on_many_short_lines_is_fast_and_equal() -> None:
    lines = [c + suffix for c in "aZ-•(©1 é字" for suffix in ("", "b", ":", " x", ".")]
    for kind in ("line", "shape"):
        for ln in lines:
            assert ALTS[kind].match(ln) == _combined(kind, ln)


DATELINES = load_datelines(DATA / "datelines.tsv")
GATE = any_rule_gate(DATELINES)


@pytest.mark.parametrize("rule", [r for r in DATELINES if r.when != "head_search"], ids=lambda r: r.id)
def test_dateline_gate_matches_wherever_an_anchored_rule_matches(rule) -> None:
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text=st.from_regex(rule.regex))  # holds a match somewhere, with text around it
    def check(text: str) -> None:
        for pos in range(len(text)):
            if rule.regex.match(text, pos) is not None:
                assert GATE.match(text, pos) is not None, (rule.id, text, pos)

    check()


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(list("aBcDxY .-@1é\n")), max_size=80))
def test_glue_boundary_scan_finds_what_lower_upper_pairs_find(text: str) -> None:
    old = [m.start() + 1 for m in re.finditer(r"[a-z][A-Z]", text)]
    assert [m.start() for m in _BOUNDARY_RE.finditer(text)] == old  # non-ASCII texts
    assert list(_boundaries(text)) == old  # ASCII texts (byte classes), others (the regex)
    assert list(_boundaries(text.replace("é", "e"))) == [
        m.start() + 1 for m in re.finditer(r"[a-z][A-Z]", text.replace("é", "e"))]


_JUNK = st.sampled_from(list("ab \n\r\u2028\x85\x0b\x00\x7f\x9a\u200b\u00ad\u202e\u2066\xa0\u3000\u2009é"))


@settings(max_examples=300, deadline=None)
@given(text=st.text(_JUNK, max_size=120))
def test_character_pass_makes_the_edits_of_the_six_group_regex(text: str) -> None:
    doc = Document("d", text, {})
    Normalize(ftfy=False, nfc=False, layout=False)._pass_characters(doc)
    n_fix = sum(1 for _ in _CHAR_RE.finditer(text))
    if n_fix <= max(64, len(text) // 8):  # the sparse path: one edit per fixed character
        ref = Document("d", text, {})
        reps = [Replacement(m.start(), m.end(), _CHAR_AFTER[m.lastgroup], "normalize:" + m.lastgroup)
                for m in _CHAR_RE.finditer(text)]
        if reps:
            ref.apply("normalize", reps)
        assert [e.to_dict() for e in doc.edits] == [e.to_dict() for e in ref.edits]
    expected = _CHAR_RE.sub(lambda m: _CHAR_AFTER[m.lastgroup], text)
    assert doc.text == expected


def test_characters_no_rule_names_share_candidates_and_agree() -> None:
    """CJK, Thai, emoji... first characters share one cache entry per (alnum, digit, space)
    signature; the rule found is still the combined regex's."""
    sig = ALTS["shape"]._sig
    assert sig.key("字") == sig.key("ก") == (True, False, False)
    assert sig.key("©") == "©" and sig.key("•") == "•"  # named by rules: their own key
    assert sig.key("K") == "K" and sig.key("ſ") == "ſ"  # fold to ASCII under ignore-case
    lines = [c + tail for c in "字ก😀٣\u2003©•“–" for tail in ("", "x", ": Budi", "@a.id", " 2024")]
    for kind in ("line", "shape"):
        for ln in lines:
            assert ALTS[kind].match(ln) == _combined(kind, ln)


@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from(
    ["Ã© baik", "â€™s", "&amp; x", "<p>", "ﬁle", "ＬＯＵＤ", "\x1b[31m", "\x92", "Â x", "Ã x",
     "biasa saja", "字", "“kutip”", "é", "\u3000", "ðŸ˜€", ""]), max_size=30).map("\n".join))
def test_ftfy_per_segment_equals_ftfy_fix_text(text: str) -> None:
    assert fix_text_segments(text) == ftfy.fix_text(text, config=_FTFY_CONFIG)


# ---------------------------------------------------------------- session 5 speed paths
def _possible_by_rules(alt: LineAlternation, text: str, line: str) -> bool:
    """The short-line filter's answer worked out from the rules themselves: some rule starts
    with the line's first character, fits its length, and the text holds each single mark it
    needs (the definition the shared (first char, length) table must reproduce)."""
    n = len(line)
    for _name, pattern in alt._named:
        cls = first_chars(pattern)
        if cls is not None and not re.fullmatch(cls, line[0]):
            continue
        lo, hi = match_width(pattern)
        if not lo <= n <= hi:
            continue
        if all(len(m) != 1 or m in text for m in required_marks(pattern)):
            return True
    return False


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_LINES.filter(lambda s: s.strip() == s and 0 < len(s) <= 100), min_size=1,
                      max_size=6),
       kind=st.sampled_from(["line", "shape"]))
def test_short_filter_agrees_with_the_rules_and_never_hides_a_match(lines: list[str], kind: str) -> None:
    alt = ALTS[kind]
    text = "\n".join(lines)
    possible = alt.short_filter(text)
    for line in lines:
        got = possible(line)
        assert got == _possible_by_rules(alt, text, line), (kind, line)
        if not got:
            assert alt.match(line) is None


@pytest.mark.parametrize(("pattern", "run"), [
    (r"(?P<p>[A-Z][a-z]+)\s?\((?P<o>ANTARA(?: News)?)\)", "(ANTARA"),
    (r"(?:KOMPAS\.com|KOMPAS\.TV|Kompas\.com)", "K"),  # re factors the common prefix out
    (r"(?i:abc)de", "de"),  # ignore-case letters are no literal run
    (r"(?<=xy)ab?c", "a"),  # a look-behind and an optional letter end runs
    (r"x{2}yz|q", ""),  # a top-level branch: nothing every match holds in a row
    (r"Liputan6\.com\s?,", "Liputan6.com"),
])
def test_required_literal_reads_runs_through_groups_only(pattern: str, run: str) -> None:
    assert required_literal(pattern) == run


@pytest.mark.parametrize("rule", DATELINES, ids=lambda r: r.id)
def test_every_dateline_match_holds_the_rules_literal_run(rule) -> None:
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text=st.from_regex(rule.regex))
    def check(text: str) -> None:
        m = rule.regex.search(text)
        assert m is not None and rule.needle in m.group(), (rule.id, text)

    check()
