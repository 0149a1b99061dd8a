"""The dateline gate's prefilter automaton (``prefix_dfa``, kernel ``_c_dateline.may_match``):
sound (never "no" where the gate regex matches), kernel == pure-Python reference, corrupt specs
refused, and ``find_dateline`` the same with and without it."""

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
    gate_spec,
)
from saring.boilerplate.prefix_dfa import build_spec, may_match_py, unpack
from saring.boilerplate.rules import DATA, load_datelines, load_outlets, load_words
from saring.compiled import load

K = load("saring.boilerplate._c_dateline")
DATELINES = load_datelines(DATA / "datelines.tsv")
GATE = any_rule_gate(DATELINES)
SPEC = build_spec(GATE.pattern, GATE.flags)

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


def _sound_everywhere(text: str, spec: bytes, rx: re.Pattern[str]) -> None:
    for pos in range(-1, len(text) + 2):
        py = may_match_py(spec, text, pos)
        if rx.match(text, max(pos, 0)) is not None:
            assert py, (text, pos)
        if K is not None:
            assert K.may_match(spec, text, pos) == py, (text, pos)


def test_the_gate_has_an_automaton() -> None:
    assert SPEC is not None
    _classes, accept, trans, nclass = unpack(SPEC)
    assert not accept[0] and not accept[1]  # the gate matches no empty string
    assert all(t == 0 for t in trans[:nclass])  # state 0 is dead


@settings(max_examples=400, deadline=None)
@given(HEAD)
def test_sound_and_kernel_equal_on_head_lines(text: str) -> None:
    _sound_everywhere(text, SPEC, GATE)


@pytest.mark.parametrize("rule", [r for r in DATELINES if r.when != "head_search"], ids=lambda r: r.id)
def test_sound_on_each_rules_own_matches(rule) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(rule.regex), HEAD)
    def check(text: str, after: str) -> None:
        _sound_everywhere(text, SPEC, GATE)
        _sound_everywhere(text + after, SPEC, GATE)

    check()


def test_title_lines_are_rejected_without_the_regex() -> None:
    """The point of it: capitalised words followed by a lower-case word end the automaton."""
    for text in ["Bupati Sleman Resmikan Jembatan Baru di Minggir", "Presiden Jokowi mengatakan",
                 "Harga Cabai Naik Lagi, warga mengeluh"]:
        assert GATE.match(text) is None
        assert not may_match_py(SPEC, text, 0)
        if K is not None:
            assert not K.may_match(SPEC, text, 0)
    for text in ["JAKARTA, KOMPAS.com - Hujan", "Jakarta (ANTARA) - Wali", "SOLO – WARTASOLO.COM | Pemerintah"]:
        assert GATE.match(text) is not None and may_match_py(SPEC, text, 0)


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
        _sound_everywhere(text, spec, rx)

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
    bad_class = spec[:12] + bytes([255]) + spec[13:]
    with pytest.raises(ValueError):
        K.may_match(bad_class, "Jakarta", 0)
    nclass, nstates = int.from_bytes(spec[0:4], "little"), int.from_bytes(spec[4:8], "little")
    high = spec[:len(spec) - 2 * nstates * nclass] + b"\xff\xff" * (nstates * nclass)
    with pytest.raises(ValueError):
        K.may_match(high, "Jakarta", 0)
    with pytest.raises(TypeError):
        K.may_match(spec, b"Jakarta", 0)
    assert K.may_match(spec, "Jakarta - X", 0) == may_match_py(spec, "Jakarta - X", 0)  # still fine


# ------------------------------------------------------------------ in find_dateline
OUTLETS = load_outlets(DATA / "outlets.tsv")
PLACES = frozenset(w.lower() for w in load_words(DATA / "places.txt"))


def _context(site: str | None, prefilter: bool) -> DatelineContext:
    return DatelineContext(DATELINES, OUTLETS, PLACES, PLACES, site, frozenset({"kompas"}), GATE,
                           tuple(r for r in DATELINES if r.when == "head_search"), RulesByFirst(DATELINES),
                           prefilter=prefilter)


@settings(max_examples=300, deadline=None)
@given(st.lists(HEAD, min_size=1, max_size=5).map("\n".join),
       st.sampled_from([None, "kompas.com", "antaranews.com", "detik.com"]))
def test_find_dateline_same_with_and_without_the_automaton(text: str, site: str | None) -> None:
    with_dfa, without = _context(site, True), _context(site, False)
    assert without.gate_dfa is None
    assert (with_dfa.gate_dfa is not None) == (K is not None)
    assert find_dateline(Lines.of(text), {}, with_dfa) == find_dateline(Lines.of(text), {}, without)


def test_fallback_without_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the kernel no automaton is asked for (stepping it in Python costs more than the
    regex) and the datelines found are the same."""
    monkeypatch.setattr(dl, "_K", None)
    ctx = _context("kompas.com", True)
    assert gate_spec(GATE) is None and ctx.gate_dfa is None
    monkeypatch.undo()
    fast = dataclasses.replace(ctx)
    for text in ["JAKARTA, KOMPAS.com - Hujan deras.", "Judul Berita Hari Ini\nJakarta - Presiden datang.",
                 "Bupati Sleman Resmikan Jembatan\nBandung (ANTARA) - X", "-\nJAKARTA - Y", ""]:
        assert find_dateline(Lines.of(text), {}, ctx) == find_dateline(Lines.of(text), {}, fast), text


def test_gate_spec_comes_from_the_resource_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second process (an emptied memo) reads the automaton back byte for byte."""
    if K is None:
        pytest.skip("kernel not built")
    monkeypatch.setenv("SARING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dl, "_GATE_SPECS", {})
    first = gate_spec(GATE)
    assert list(tmp_path.glob("dateline_gate_*.marshal"))
    monkeypatch.setattr(dl, "_GATE_SPECS", {})
    assert gate_spec(GATE) == first == SPEC
