"""The dateline rules' prefilter automaton (``prefix_dfa``, kernel ``_c_dateline``): sound (a
rule whose regex matches at a position always has its bit in ``rule_mask``; ``may_match`` is
never False where the gate matches), kernel == pure-Python reference, corrupt specs refused,
and ``find_dateline`` the same with and without it."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring.boilerplate import dateline as dl
from saring.boilerplate.analysis import Lines
from saring.boilerplate.dateline import (
    DatelineContext,
    RulesByFirst,
    any_rule_gate,
    find_dateline,
    rules_spec,
)
from saring.boilerplate.prefix_dfa import build_spec, may_match_py, rule_mask_py, unpack
from saring.boilerplate.rules import DATA, load_datelines, load_outlets, load_words
from saring.compiled import load

K = load("saring.boilerplate._c_dateline")
DATELINES = load_datelines(DATA / "datelines.tsv")
GATE = any_rule_gate(DATELINES)
ANCHORED = [r.regex for r in DATELINES if r.when != "head_search"]
SPEC = build_spec([rx.pattern for rx in ANCHORED])
GATE_SPEC = build_spec(GATE.pattern, GATE.flags)

# pieces of head lines: title-case and upper-case words, outlets, dashes, commas, pipes,
# parentheses, dates, newlines, and characters the automaton has no class for
_PIECES = [
    "Jakarta", "JAKARTA", "Kota Bandung", "BANDAR LAMPUNG", "Bupati", "Sleman", "Resmikan", "di",
    "mengatakan", "Presiden", "Jokowi", "KOMPAS.com", "Kompas.com", "Liputan6.com", "TRIBUNNEWS.COM",
    "KONTAN.CO.ID", "Tempo.co", "Suara.com", "Wartalematang.id", "SuaraJogja.id", "CNN Indonesia",
    "ANTARA", "(ANTARA)", "(ANTARA/Jacx)", "Harian Disway", "NU Online", "iNewsSurabaya.id",
    " ", " ", "  ", "\t", ", ", ",", " - ", "-", "--", " – ", "–", "—", " — ", " | ", "|", ":", ": ",
    "(", ")", ".", "'", "’", "“", "\"", "\n", " \n", "\n-\n", "Selasa", "Jum'at", "12", "12 Mei 2024",
    "(12/5)", "Mei", "x", "É", "é", "ı", "\u212a", "ſ", "İ", "\u00a0", "\u2009", "😀", "DPR", "LIVE",
]
HEAD = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _sound_everywhere(text: str, spec: bytes, regexes: list[re.Pattern[str]]) -> None:
    """At every position: each regex that matches has its bit, ``may_match`` is True where one
    does, and the kernel answers as the reference."""
    for pos in range(-1, len(text) + 2):
        mask, may = rule_mask_py(spec, text, pos), may_match_py(spec, text, pos)
        assert may == (mask != 0), (text, pos)
        for k, rx in enumerate(regexes):
            if rx.match(text, max(pos, 0)) is not None:
                assert (mask < 0 or mask >> k & 1) and may, (text, pos, rx.pattern)
        if K is not None:
            assert K.rule_mask(spec, text, pos) == mask, (text, pos)
            assert K.may_match(spec, text, pos) == may, (text, pos)


def test_the_rules_have_an_automaton() -> None:
    assert SPEC is not None and GATE_SPEC is not None
    _classes, masks, trans, nclass, npatterns = unpack(SPEC)
    assert npatterns == len(ANCHORED)
    assert masks[0] == 0 and masks[1] == 0  # no rule matches the empty string
    assert all(t == 0 for t in trans[:nclass])  # state 0 is dead
    assert rules_spec(DATELINES) == (SPEC if K is not None else None)


@settings(max_examples=400, deadline=None)
@given(HEAD)
def test_sound_and_kernel_equal_on_head_lines(text: str) -> None:
    _sound_everywhere(text, SPEC, ANCHORED)
    _sound_everywhere(text, GATE_SPEC, [GATE])


@pytest.mark.parametrize("rule", [r for r in DATELINES if r.when != "head_search"], ids=lambda r: r.id)
def test_sound_on_each_rules_own_matches(rule) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(rule.regex), HEAD)
    def check(text: str, after: str) -> None:
        _sound_everywhere(text, SPEC, ANCHORED)
        _sound_everywhere(text + after, SPEC, ANCHORED)

    check()


def test_title_lines_are_rejected_without_the_regex() -> None:
    """The point of it: capitalised words followed by a lower-case word end the automaton."""
    for text in ["Bupati Sleman Resmikan Jembatan Baru di Minggir", "Presiden Jokowi mengatakan",
                 "Harga Cabai Naik Lagi, warga mengeluh"]:
        assert GATE.match(text) is None
        assert rule_mask_py(SPEC, text, 0) == 0
        if K is not None:
            assert K.rule_mask(SPEC, text, 0) == 0
    for text in ["JAKARTA, KOMPAS.com - Hujan", "Jakarta (ANTARA) - Wali", "SOLO – WARTASOLO.COM | Pemerintah"]:
        mask = rule_mask_py(SPEC, text, 0)
        matching = {k for k, rx in enumerate(ANCHORED) if rx.match(text)}
        assert matching and all(mask >> k & 1 for k in matching)
        assert bin(mask).count("1") <= len(matching) + 3  # a few rules, not all of them
    # a character the automaton has no class for (not named by any rule) while it is alive
    assert rule_mask_py(SPEC, "Jakarta\U0001f600 - X", 0) == -1 and may_match_py(SPEC, "Jakarta\U0001f600", 0)
    if K is not None:
        assert K.rule_mask(SPEC, "Jakarta\U0001f600 - X", 0) == -1 and K.may_match(SPEC, "Jakarta\U0001f600", 0)
        assert K.rule_mask(SPEC, "di \U0001f600", 0) == 0  # dead before it


# ------------------------------------------------------------------ other patterns
_SMALL = [
    (r"(?i:ab)c", 0), (r"a{2,4}b", 0), (r"(?=x)x?y", 0), (r"(?<=[ \t])-+z", 0), (r"(?!ab)a\w{0,3}", 0),
    (r"\d{1,2}[./]\d\d", 0), (r"[^a-c]b|\s\S", 0), (r"(?>a|ab)c", 0), (r"a++b", 0), (r"x{12}", 0),
    (r"[–—]{1,3}é", 0), (r"(?:K|k)\b.", re.I), (r"\bA.{0,2}$", 0), (r"[\u0100-\u0105]q", 0), ("", 0),
]
_SMALL_TEXT = st.text(alphabet="abcxyzqAKk -\t\n./12é–—\u0101\u212aſ", max_size=16)


@pytest.mark.parametrize(("pattern", "flags"), _SMALL)
def test_sound_on_small_patterns(pattern: str, flags: int) -> None:
    rx = re.compile(pattern, flags)
    spec = build_spec(pattern, flags)
    assert spec is not None

    @settings(max_examples=150, deadline=None)
    @given(_SMALL_TEXT)
    def check(text: str) -> None:
        _sound_everywhere(text, spec, [rx])

    check()


def test_sound_on_small_patterns_together() -> None:
    spec = build_spec([p for p, f in _SMALL if not f])
    regexes = [re.compile(p) for p, f in _SMALL if not f]
    assert spec is not None

    @settings(max_examples=300, deadline=None)
    @given(_SMALL_TEXT)
    def check(text: str) -> None:
        _sound_everywhere(text, spec, regexes)

    check()


def test_no_automaton_for_a_back_reference() -> None:
    assert build_spec(r"(a)x\1") is None
    assert build_spec(r"(a)?(?(1)b|c)") is None


@pytest.mark.skipif(K is None, reason="kernel not built")
def test_kernel_refuses_corrupt_specs() -> None:
    spec = SPEC
    with pytest.raises(ValueError):
        K.may_match(spec[:-1], "Jakarta", 0)
    with pytest.raises(ValueError):
        K.may_match(spec[:100], "Jakarta", 0)
    bad_class = spec[:16] + bytes([255]) + spec[17:]
    with pytest.raises(ValueError):
        K.may_match(bad_class, "Jakarta", 0)
    nclass, nstates = int.from_bytes(spec[0:4], "little"), int.from_bytes(spec[4:8], "little")
    high = spec[:len(spec) - 2 * nstates * nclass] + b"\xff\xff" * (nstates * nclass)
    with pytest.raises(ValueError):
        K.may_match(high, "Jakarta", 0)
    with pytest.raises(ValueError):
        K.rule_mask(high, "Jakarta", 0)
    with pytest.raises(ValueError):
        K.rule_mask(spec[:4] + (0).to_bytes(4, "little") + spec[8:], "Jakarta", 0)
    with pytest.raises(TypeError):
        K.may_match(spec, b"Jakarta", 0)
    with pytest.raises(TypeError):
        K.rule_mask(spec, "Jakarta")
    assert K.rule_mask(spec, "Jakarta - X", 0) == rule_mask_py(spec, "Jakarta - X", 0)  # still fine


# ------------------------------------------------------------------ in find_dateline
OUTLETS = load_outlets(DATA / "outlets.tsv")
PLACES = frozenset(w.lower() for w in load_words(DATA / "places.txt"))


def _context(site: str | None, prefilter: bool) -> DatelineContext:
    return DatelineContext(DATELINES, OUTLETS, PLACES, PLACES, site, frozenset({"kompas"}), GATE,
                           tuple(r for r in DATELINES if r.when == "head_search"), RulesByFirst(DATELINES),
                           prefilter=prefilter)


@settings(max_examples=300, deadline=None)
@given(st.lists(HEAD, min_size=1, max_size=5).map("\n".join),
       st.sampled_from([None, "kompas.com", "antaranews.com", "detik.com", "liputan6.com", "okezone.com",
                        "tribunnews.com", "kontan.co.id", "wartasolo.com"]))
def test_find_dateline_same_with_and_without_the_automaton(text: str, site: str | None) -> None:
    with_dfa, without = _context(site, True), _context(site, False)
    assert without.rules_dfa is None
    assert (with_dfa.rules_dfa is not None) == (K is not None)
    assert find_dateline(Lines.of(text), {}, with_dfa) == find_dateline(Lines.of(text), {}, without)


def test_fallback_without_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the kernel no automaton is asked for (stepping it in Python costs more than the
    regex) and the datelines found are the same."""
    monkeypatch.setattr(dl, "_K", None)
    ctx = _context("kompas.com", True)
    assert rules_spec(DATELINES) is None and ctx.rules_dfa is None
    monkeypatch.undo()
    fast = dataclasses.replace(ctx)
    for text in ["JAKARTA, KOMPAS.com - Hujan deras.", "Judul Berita Hari Ini\nJakarta - Presiden datang.",
                 "Bupati Sleman Resmikan Jembatan\nBandung (ANTARA) - X", "-\nJAKARTA - Y", ""]:
        assert find_dateline(Lines.of(text), {}, ctx) == find_dateline(Lines.of(text), {}, fast), text


def test_rules_spec_comes_from_the_resource_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second process (an emptied memo) reads the automaton back byte for byte."""
    if K is None:
        pytest.skip("kernel not built")
    monkeypatch.setenv("SARING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dl, "_RULE_SPECS", {})
    first = rules_spec(DATELINES)
    assert list(tmp_path.glob("dateline_rules_*.marshal"))
    monkeypatch.setattr(dl, "_RULE_SPECS", {})
    assert rules_spec(DATELINES) == first == SPEC
