"""The dateline gate with shared leading groups factored out matches at exactly the positions
where the plain alternation of the anchored rules matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring.boilerplate.dateline import _NAMED_GROUP_RE, any_rule_gate, factor_alternatives
from saring.boilerplate.rules import DATA, load_datelines

DATELINES = load_datelines(DATA / "datelines.tsv")
ANCHORED = [r for r in DATELINES if r.when != "head_search"]
PLAIN = re.compile("|".join(f"(?:{_NAMED_GROUP_RE.sub('(?:', r.regex.pattern)})" for r in ANCHORED))
GATE = any_rule_gate(DATELINES)
_HEADS = ["Jakarta", "JAKARTA", "Kota Bandung", "Bandar Lampung", " ", ", ", " - ", " – ", "(ANTARA)",
          "KOMPAS.com", "Liputan6.com", "detik", "Selasa", "12 Mei 2024", ":", "\n", "-", "Presiden",
          "Jokowi", "mengatakan", "Tempo.co", "(", ")", "—", "TRIBUNNEWS.COM", "x", "É"]


def test_the_place_rules_are_factored() -> None:
    assert GATE is not None and GATE.pattern.count("[A-Z][A-Za-z.'’]{0,20}") < PLAIN.pattern.count(
        "[A-Z][A-Za-z.'’]{0,20}")


def _same_everywhere(text: str) -> None:
    for pos in range(len(text) + 1):
        assert (GATE.match(text, pos) is None) == (PLAIN.match(text, pos) is None), (text, pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HEADS), max_size=12).map("".join))
def test_factored_gate_equals_the_plain_alternation(text: str) -> None:
    _same_everywhere(text)


@pytest.mark.parametrize("rule", ANCHORED, ids=lambda r: r.id)
def test_factored_gate_on_each_rules_own_matches(rule) -> None:
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text=st.from_regex(rule.regex))
    def check(text: str) -> None:
        _same_everywhere(text)

    check()


@pytest.mark.parametrize(("alts", "expected"), [
    (["(?:P)x", "(?:P)y", "z"], "(?:z)|(?:(?:P)(?:(?:x)|(?:y)))"),
    (["(?:P)?x", "(?:P)y"], "(?:(?:P)?x)|(?:(?:P)(?:(?:y)))"),  # a quantified group is no prefix
    (["(?:P)x|w", "(?:P)y"], "(?:(?:P)x|w)|(?:(?:P)(?:(?:y)))"),  # top-level "|": left whole
    (["(?:P)(a)\\1", "(?:P)y"], "(?:(?:P)(a)\\1)|(?:(?:P)(?:(?:y)))"),  # back-reference
    (["(?:[)]P)x", "(?:[)]P)y"], "(?:(?:[)]P)(?:(?:x)|(?:y)))"),  # ")" in a class
])
def test_factor_alternatives(alts: list[str], expected: str) -> None:
    assert factor_alternatives(alts) == expected


# ---------------------------------------------------------------- rules by first character
def test_rules_by_first_keeps_every_rule_that_matches_at_a_position() -> None:
    """Only rules whose regex cannot match at a position (nothing non-empty starts with its
    character) are left out, in the rules' own order."""
    from saring.boilerplate.dateline import RulesByFirst

    by_first = RulesByFirst(DATELINES)
    texts = ["Jakarta - Presiden", "JAKARTA, KOMPAS.com - Hujan", "Liputan6.com, Jakarta - Ada",
             "Bandung (ANTARA) - Wali", "KONTAN.CO.ID - WASHINGTON - X", "TRIBUNNEWS.COM, SOLO - Y",
             "Tempo.co, Jakarta - Z", "“Kami”", "12 Mei", "éÉ - x", "-", " Jakarta - x"]
    for text in texts + ["".join(p) for p in zip(_HEADS, _HEADS[3:], _HEADS[7:], strict=False)]:
        for pos in range(len(text)):
            kept = by_first(text[pos])
            assert list(kept) == [r for r in DATELINES if r in kept]  # order kept
            for r in DATELINES:
                m = r.regex.match(text, pos)
                if m is not None and m.end() > m.start():
                    assert r in kept, (r.id, text, pos)


@pytest.mark.parametrize("rule", DATELINES, ids=lambda r: r.id)
def test_rules_by_first_keeps_each_rule_on_its_own_matches(rule) -> None:
    from saring.boilerplate.dateline import RulesByFirst

    by_first = RulesByFirst(DATELINES)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(rule.regex))  # text holding a match (lookaheads rule out fullmatch)
    def check(text: str) -> None:
        for pos in range(len(text)):
            m = rule.regex.match(text, pos)
            if m is not None and m.end() > m.start():
                assert rule in by_first(text[pos])

    check()


def test_match_line_equal_with_and_without_the_index() -> None:
    """``find_dateline`` gives the same dateline with the first-character index as without."""
    import dataclasses

    from saring.boilerplate.analysis import Lines
    from saring.boilerplate.dateline import DatelineContext, RulesByFirst, find_dateline
    from saring.boilerplate.rules import load_outlets, load_words

    outlets = load_outlets(DATA / "outlets.tsv")
    places = frozenset(w.lower() for w in load_words(DATA / "places.txt"))
    base = DatelineContext(DATELINES, outlets, places, places, "kompas.com", frozenset({"kompas"}), GATE,
                           tuple(r for r in DATELINES if r.when == "head_search"))
    fast = dataclasses.replace(base, by_first=RulesByFirst(DATELINES))
    for text in ["JAKARTA, KOMPAS.com - Hujan deras.", "Judul Berita Hari Ini\nJakarta - Presiden datang.",
                 "Liputan6.com, Jakarta - Ada", "“Kami datang,” katanya.\nBandung (ANTARA) - X",
                 "-\nJAKARTA - Y", "éÉ - x\nKONTAN.CO.ID - WASHINGTON - Z", ""]:
        a = find_dateline(Lines.of(text), {}, base)
        b = find_dateline(Lines.of(text), {}, fast)
        assert a == b, text
