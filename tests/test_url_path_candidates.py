"""The URL step searches only the path patterns whose required literal the needle scan found:
the same strong/weak lists as searching every pattern (the reference below)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate.dispatch import required_literal
from saring.document import Document
from saring.url.domains import url_parts_reference
from saring.url.step import REPORTING, URLFilter, load_path_patterns, path_candidates

_PARTS = ["slot", "gacor", "situs", "daftar", "online", "rtp", "bocoran", "link", "alternatif",
          "88", "777", "4d", "togel", "prediksi", "maxwin", "bokep", "judi", "casino", "berita",
          "polisi", "tangkap", "-", "_", "/", ".", "?", "=", "x", "SLOT", "é"]
PATHS = st.lists(st.sampled_from(_PARTS), max_size=12).map("".join)


def _reference(path: str) -> dict[str, list[str]]:
    path = path.lower()[:2000]
    strong = [p.pattern for p, _, s in load_path_patterns() if s == "strong" and p.search(path)]
    weak = [p.pattern for p, _, s in load_path_patterns() if s == "weak" and p.search(path)]
    if strong and REPORTING.search(path):
        weak, strong = strong + weak, []
    out = {}
    if strong:
        out["path_spam"] = strong[:3]
    if weak:
        out["path_weak"] = weak[:3]
    return out


@settings(max_examples=500, deadline=None)
@given(PATHS)
def test_each_pattern_holds_its_own_literal_in_every_match(path: str) -> None:
    for p, _c, _s in load_path_patterns():
        lit = required_literal(p.pattern)
        for m in p.finditer(path):
            assert lit in m.group(0)


@settings(max_examples=500, deadline=None)
@given(PATHS)
def test_step_path_scores_equal_searching_every_pattern(path: str) -> None:
    assert path_candidates() is not None
    url = "https://x.example.id/" + path
    scores = URLFilter(use_tokens=False).score(Document("d", "t", {"url": url}))
    want = _reference(url_parts_reference(url)["path"])  # type: ignore[index]
    got = {k: v for k, v in scores.items() if k.startswith("path_")}
    assert got == want
