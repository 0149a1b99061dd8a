"""The blind boilerplate and dedup sets of session 16 (helper blindA) parse, have the stated
sizes and consistent labels. No scores are asserted: the sets measure, they are not tuned on."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from evaluation.blind16 import dedup_blind16 as D
from evaluation.boilerplate import unseen as U

PAGES = Path(__file__).resolve().parents[1] / "evaluation" / "blind16" / "boilerplate_blind16.txt"


@pytest.fixture(scope="module")
def pages() -> list[U.Page]:
    return U.load(PAGES)


def test_pages_sizes(pages: list[U.Page]) -> None:
    hosts = {urlparse(p.url).hostname.removeprefix("www.").removeprefix("news.") for p in pages}
    assert len(pages) >= 30
    assert len(hosts) >= 25
    assert len({p.id for p in pages}) == len(pages)
    assert sum(not p.dateline for p in pages) >= 5  # pages without a dateline too


def test_pages_labels_consistent(pages: list[U.Page]) -> None:
    for p in pages:
        assert "B" in p.labels or "S" in p.labels, p.id
        assert "F" in p.labels, p.id
        for i, (s, e) in p.cut.items():
            assert p.labels[i] == "S" and 0 < s < e == len(p.lines[i]), p.id  # glued at the end
            assert p.lines[i][:s].strip(), p.id  # a body part stays


def test_pages_datelines_consistent(pages: list[U.Page]) -> None:
    """A labelled dateline opens the first body line (or is a D line) and names a place or an
    outlet; a page without one has neither label."""
    for p in pages:
        if not p.dateline:
            assert not p.place and not p.outlet, p.id
            continue
        first = next(p.lines[i] for i, lab in enumerate(p.labels) if lab in "BDS")
        assert first.startswith(p.dateline), p.id
        assert p.place or p.outlet, p.id
        if p.place:
            assert p.place.lower() in p.dateline.lower(), p.id
        if p.outlet:
            assert p.outlet == p.outlet.lower() and "." in p.outlet, p.id


def test_dedup_sizes_and_traps_share_a_paragraph() -> None:
    blocks = D.blocks()
    stories = [b for b in blocks if b[0] == "story"]
    traps = [b for b in blocks if b[0] == "trap"]
    assert len(stories) >= 12 and len(traps) >= 10
    assert all(len(docs) == 1 for _, _, docs in stories)
    for _, name, docs in traps:
        assert len(docs) >= 2, name
        paras = [set(d.split("\n")[1:]) for d in docs]
        shared = set.intersection(*paras)
        assert shared, name  # the trap: one whole paragraph in common
        assert all(len(ps - shared) >= 3 for ps in paras), name  # otherwise different articles
        assert name in D.TRAP_KINDS


def test_dedup_groups_built_deterministically() -> None:
    groups, filler = D.build(n_filler=0)
    again, _ = D.build(n_filler=0)
    assert filler == []
    assert [g.texts for g in groups] == [g.texts for g in again]
    copies = [g for g in groups if g.kind == "copy"]
    assert len(copies) >= 12
    ids = [i for g in groups for i in g.ids]
    assert len(ids) == len(set(ids))
    for g in copies:
        assert len(g.ids) == 5 and len(set(g.texts)) == 5, g.ids[0]
        orig, wire, portal, teaser, regional = g.texts
        assert re.search(r"^Baca juga: ", wire, flags=re.M), g.ids[0]
        assert " Baca Juga: " in portal and "telah tayang" in portal, g.ids[0]
        assert "selengkapnya" in teaser and len(teaser) < len(portal), g.ids[0]
        assert regional.split("\n", 1)[0] != wire.split("\n", 1)[0], g.ids[0]
        assert D.variant_kind(g.ids[3]) == "portal~teaser"
