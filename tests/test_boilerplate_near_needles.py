"""Span rules tried only near their needles find exactly what a scan of the whole text finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate.dispatch import finditer_at, first_literals, needle_offset, needle_starts
from saring.boilerplate.rules import DATA, load_rules

SPAN_RULES = [(r.id, r.needles, re.compile(r.pattern, re.MULTILINE))
              for r in load_rules(DATA / "rules.tsv") if r.scope in ("inline", "block") and r.needles]
WITH_OFFSET = [(rid, nds, rx, needle_offset(rx.pattern, nds)) for rid, nds, rx in SPAN_RULES]
WITH_OFFSET = [x for x in WITH_OFFSET if x[3] is not None]

# pieces of the rules' own vocabulary, glued in any order with the characters around them
_PIECES = ["xBaca", "kepolisian.Baca JugaTertimbun", "Baca", "BACA", "Simak", "Lihat", "juga", "Juga", "JUGA", " ", "\t", "\n", ".", ":", "(",
           ")", "[", "]", "\"", "”", "Gambas", "Video", "detik", "Copyright", "Hak Cipta", "©",
           "2024", " - ", "ANTARA", "SCROLL TO CONTINUE", "ADVERTISEMENT", "pic.twitter.com/x",
           "breaking news", "Dapatkan update berita", "Dilarang keras", "Berita", "Jakarta", "a",
           "Z", "/", "ant", "rights reserved", "All Rights Reserved.", "(ant/ful)", "[sa]",
           "(Foto: X)", "Foto", "é", "😀", "\u0301"]
texts = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


def _spans(ms: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in ms]


def test_the_rules_that_need_it_get_an_offset() -> None:
    got = {rid for rid, *_ in WITH_OFFSET}
    assert {"baca_juga_trailing", "gambas", "copyright"} <= got


@settings(max_examples=300, deadline=None)
@given(texts)
def test_near_needles_equals_finditer(text: str) -> None:
    for _rid, nds, rx, off in WITH_OFFSET:
        starts = needle_starts(text, nds, off, 10**9)
        assert starts is not None
        assert _spans(finditer_at(rx, text, starts)) == _spans(list(rx.finditer(text)))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_near_needles_at_first_characters_equals_finditer(text: str) -> None:
    """Keeping only the positions that hold a character a match can start with loses nothing."""
    for _rid, nds, rx, off in WITH_OFFSET:
        starts = needle_starts(text, nds, off, 10**9, first_literals(rx.pattern))
        assert starts is not None
        assert _spans(finditer_at(rx, text, starts)) == _spans(list(rx.finditer(text)))


def test_first_literals_reads_the_parse_tree() -> None:
    assert first_literals(r"\((?:Foto|Dok)\)") == "("
    assert first_literals(r"(?:Copyright|Hak|©) x") == "CH©"
    assert first_literals(r"(?:ab|b)?c") == "abc"
    assert first_literals(r"(?i:a)b") is None  # ignore-case: "A" starts a match too
    assert first_literals(r"[ab]c") is None and first_literals(r"x*") is None  # class; empty
    assert first_literals(r"(?=q)x") == "x"  # a lookahead consumes nothing
    assert first_literals(r"a|b|c|d|e") is None  # more than the limit
    rx = next(rx for rid, _n, rx, _o in WITH_OFFSET if rid == "editor_code_end")
    assert needle_starts("kata dia. (ant/ful)", (")",), 14, 48, first_literals(rx.pattern)) == [10]
    assert needle_starts(")" * 100, (")",), 14, 48, "(") is None  # bounded work: whole-text scan


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_match_holds_a_needle_within_the_offset(text: str) -> None:
    for _rid, nds, rx, off in WITH_OFFSET:
        for m in rx.finditer(text):
            window = text[m.start():m.start() + off + max(map(len, nds))]
            assert any(window.find(nd) in range(off + 1) for nd in nds if nd in window)


@pytest.mark.parametrize(("pattern", "needles", "offset"), [
    (r"ab?cNEEDLE", ("NEEDLE",), 3),
    (r"(?:x|yy)NEEDLE", ("NEEDLE",), 2),
    (r"(?:NEEDLE|zz)x", ("NEEDLE",), None),  # one alternative holds no needle
    (r"(?:aNEEDLE|bbbOTHER)", ("NEEDLE", "OTHER"), 3),
    (r"(?i:NEEDLE)", ("NEEDLE",), None),  # ignore-case: the literal is not what matches
    (r"(?i)NEEDLE", ("NEEDLE",), None),
    (r"a*NEEDLE", ("NEEDLE",), None),  # unbounded before the needle
    (r"(?<=x)\bNEEDLE", ("NEEDLE",), 0),
    (r"(?:ab){1,3}NEEDLE", ("NEEDLE",), 6),
    (r"(?:NEEDLE){2}", ("NEEDLE",), 0),
    (r"x?", ("x",), None),  # can match empty
    (r"[a-z](?:Baca|BACA) ?juga", ("Baca", "BACA"), 1),  # the parser factors out the "B"
    (r"[a-z](?:Baca|Bxyz)", ("Baca",), None),
])
def test_needle_offset_reads_the_parse_tree(pattern: str, needles: tuple[str, ...], offset: int | None) -> None:
    assert needle_offset(pattern, needles) == offset


@settings(max_examples=300, deadline=None)
@given(texts)
def test_inline_related_links_near_needles(text: str) -> None:
    from saring.boilerplate.step import _BACA, _INLINE_RELATED_AT, _INLINE_RELATED_RE

    assert _INLINE_RELATED_AT == 1
    starts = needle_starts(text, _BACA, _INLINE_RELATED_AT, 10**9)
    assert starts is not None
    assert _spans(finditer_at(_INLINE_RELATED_RE, text, starts)) == _spans(list(_INLINE_RELATED_RE.finditer(text)))


def test_needle_starts_gives_up_past_the_limit() -> None:
    assert needle_starts("(" * 100, ("(",), 2, 48) is None
    assert needle_starts("xx(yy", ("(",), 2, 48) == [0, 1, 2]
