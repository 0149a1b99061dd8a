"""The session-17 blind boilerplate pages and dedup set parse, have the stated sizes and
consistent labels. No score is asserted: the sets measure the rules, nobody tunes on them."""

from __future__ import annotations

import random
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from evaluation.blind17 import dedup_blind17 as D
from evaluation.blind17 import run_pages_dedup as R
from evaluation.boilerplate import unseen as U

PAGES = Path(__file__).resolve().parents[1] / "evaluation" / "blind17" / "boilerplate_blind17.txt"


@pytest.fixture(scope="module")
def pages() -> list[U.Page]:
    return U.load(PAGES)


def _registered(url: str) -> str:
    parts = urlparse(url).hostname.split(".")
    return ".".join(parts[-3:] if parts[-2] in ("co", "or", "ac", "go", "sch") else parts[-2:])


def test_pages_sizes(pages: list[U.Page]) -> None:
    assert len(pages) >= 30
    assert len({_registered(p.url) for p in pages}) >= 25
    assert len({p.id for p in pages}) == len(pages)
    assert sum(not p.dateline for p in pages) >= 10  # pages without a dateline
    lengths = [sum(lab in "BS" for lab in p.labels) for p in pages]
    assert min(lengths) <= 3 and max(lengths) >= 25  # very short and very long pages


def test_pages_labels(pages: list[U.Page]) -> None:
    for p in pages:
        assert "F" in p.labels and ("B" in p.labels or "S" in p.labels), p.id
        for i, (s, e) in p.cut.items():
            assert p.labels[i] == "S" and 0 < s < e == len(p.lines[i]), p.id  # glued at the end
            assert p.lines[i][:s].strip() and p.lines[i][s:e].strip(), p.id
        assert all(line.strip() for line, lab in zip(p.lines, p.labels, strict=True) if lab != "_")


def test_pages_datelines(pages: list[U.Page]) -> None:
    for p in pages:
        first = next(i for i, lab in enumerate(p.labels) if lab in "BDS")
        if not p.dateline:
            assert not p.place and not p.outlet and "D" not in p.labels, p.id
            continue
        assert p.place, p.id
        if p.labels[first] == "D":
            assert p.lines[first] == p.dateline, p.id
        else:
            assert p.lines[first].startswith(p.dateline), p.id
            assert p.place.lower() in p.dateline.lower(), p.id
        assert not p.outlet or p.outlet == _registered(p.url), p.id


def test_every_furniture_item_has_a_position_and_kind(pages: list[U.Page]) -> None:
    for p in pages:
        ks = R.kinds(p)
        assert set(ks) == {i for i, lab in enumerate(p.labels) if lab in "FDS"}, p.id
        assert {R.position(p.labels, i) for i in ks} <= {
            "head",
            "tail",
            "between paragraphs",
            "glued (S)",
        }


def test_dedup_data_sizes_and_shape() -> None:
    blocks = D.parse()
    assert len(blocks.stories) >= 12 and len(blocks.traps) >= 10
    for s in blocks.stories:
        assert {"title", "title2", "lead2", "place", "outlet"} <= set(s.head), s.name
        assert len(s.paras) >= 6, s.name
    for name, docs in blocks.traps:
        assert 2 <= len(docs) <= 3, name
        assert len({d.split("\n", 1)[0] for d in docs}) == len(docs), name  # own headlines
        assert len(set(docs)) == len(docs), name


def test_copies_are_edited_copies_of_their_story() -> None:
    rng = random.Random(0)
    for k, s in enumerate(D.parse().stories):
        cs = D.copies(s, k, rng)
        assert 3 <= len(cs) <= 4 and {"wire", "wire~copy"} <= set(cs), s.name
        original = s.original()
        for kind, text in cs.items():
            assert text != original, (s.name, kind)
            shared = set(re.findall(r"\w+", text)) & set(re.findall(r"\w+", original))
            assert len(shared) >= 40, (s.name, kind)  # the same story, not another one


def test_build_groups_ids_unique(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(D.S14, "articles", lambda half: [])  # no corpus read in the unit test
    groups, filler = D.build()
    ids = [i for g in groups for i in g.ids]
    assert len(ids) == len(set(ids)) and not filler
    assert sum(g.kind == "copy" for g in groups) >= 12
    assert sum(g.kind == "same_event" for g in groups) >= 10
    copies = [g for g in groups if g.kind == "copy"]
    assert all(4 <= len(g.ids) <= 5 for g in copies)
    assert {D.variant(i) for g in copies for i in g.ids} >= {"original", "wire", "wire~copy"}
