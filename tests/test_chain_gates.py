"""Exact gates in front of per-document work: a gate may only skip work that would find nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.url.step import load_path_patterns, path_gate

_PARTS = ["slot", "gacor", "situs", "daftar", "online", "rtp", "bocoran", "link", "alternatif",
          "88", "777", "4d", "togel", "prediksi", "maxwin", "bokep", "judi", "casino", "berita",
          "-", "_", "/", ".", "?", "=", "x", "polisi"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=12).map("".join))
def test_path_gate_finds_a_path_iff_some_pattern_does(path: str) -> None:
    any_pattern = any(p.search(path) for p, _c, _s in load_path_patterns())
    assert (path_gate().search(path) is not None) == any_pattern
