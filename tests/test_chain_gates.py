"""Exact gates in front of per-document work: a gate may only skip work that would find nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.url.step import load_path_patterns, path_gate, path_needles

_PARTS = ["slot", "gacor", "situs", "daftar", "online", "rtp", "bocoran", "link", "alternatif",
          "88", "777", "4d", "togel", "prediksi", "maxwin", "bokep", "judi", "casino", "berita",
          "-", "_", "/", ".", "?", "=", "x", "polisi"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=12).map("".join))
def test_path_gate_finds_a_path_iff_some_pattern_does(path: str) -> None:
    any_pattern = any(p.search(path) for p, _c, _s in load_path_patterns())
    assert (path_gate().search(path) is not None) == any_pattern


def test_path_needles_are_read_off_every_pattern() -> None:
    needles = path_needles()
    assert needles is not None  # every shipped pattern holds a literal run
    for p, _c, _s in load_path_patterns():
        assert any(nd in p.pattern for nd in needles)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=12).map("".join))
def test_path_needles_hold_every_match(path: str) -> None:
    """A path without any needle is one no pattern matches (the gate in front of the gate)."""
    needles = path_needles()
    assert needles is not None
    for p, _c, _s in load_path_patterns():
        for m in p.finditer(path):
            assert any(nd in m.group(0) for nd in needles)
    if not any(nd in path for nd in needles):
        assert path_gate().search(path) is None


def test_path_needles_none_without_a_literal(monkeypatch) -> None:
    import re

    from saring.url import step

    step.path_needles.cache_clear()
    monkeypatch.setattr(step, "load_path_patterns", lambda: [(re.compile("slot"), "g", "strong"), (re.compile("[0-9]{3}"), "g", "weak")])
    try:
        assert step.path_needles() is None
    finally:
        step.path_needles.cache_clear()
