"""The session-17 round-3 blind sets (writer E) parse, have the stated sizes and consistent
labels. No score is asserted: the sets measure the rules, nobody tunes on them."""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urlparse

import pytest

from evaluation.blind18 import dedup_blind18 as D
from evaluation.blind18 import run as R
from evaluation.boilerplate import unseen as U
from evaluation.repair.unseen import ITEM, LIST, cases_of, lines_in, pages_in

HERE = Path(__file__).resolve().parents[1] / "evaluation" / "blind18"


@pytest.fixture(scope="module")
def pages() -> list[U.Page]:
    return U.load(HERE / "boilerplate_blind18.txt")


def _registered(url: str) -> str:
    parts = urlparse(url).hostname.split(".")
    return ".".join(parts[-3:] if parts[-2] in ("co", "or", "ac", "go", "sch") else parts[-2:])


def test_pages_sizes(pages: list[U.Page]) -> None:
    assert len(pages) >= 20
    assert len({_registered(p.url) for p in pages}) >= 18
    assert len({p.id for p in pages}) == len(pages)
    assert sum(not p.dateline for p in pages) >= 5 and sum(bool(p.dateline) for p in pages) >= 5


def test_pages_labels(pages: list[U.Page]) -> None:
    for p in pages:
        assert "F" in p.labels and ("B" in p.labels or "S" in p.labels), p.id
        for i, (s, e) in p.cut.items():
            assert p.labels[i] == "S" and 0 < s < e == len(p.lines[i]), p.id  # glued at the end
            assert p.lines[i][:s].strip() and p.lines[i][s:e].strip(), p.id
        assert all(ln.strip() for ln, lab in zip(p.lines, p.labels, strict=True) if lab != "_")


def test_pages_datelines(pages: list[U.Page]) -> None:
    for p in pages:
        first = next(i for i, lab in enumerate(p.labels) if lab in "BDS")
        if not p.dateline:
            assert not p.place and not p.outlet and "D" not in p.labels, p.id
            continue
        assert p.lines[first].startswith(p.dateline), p.id
        assert p.place.lower() in p.dateline.lower(), p.id
        assert not p.outlet or p.outlet == _registered(p.url), p.id
        stem = _registered(p.url).split(".")[0]
        named = stem in p.dateline.lower().replace(" ", "")
        assert named == bool(p.outlet), p.id  # outlet given exactly when the dateline names it


def test_dedup_sizes_and_copies() -> None:
    blocks = D.parse()
    assert len(blocks.stories) >= 8 and len(blocks.traps) >= 8
    rng = random.Random(18)
    for k, s in enumerate(blocks.stories):
        assert {"title", "title2", "lead2", "place", "outlet"} <= set(s.head), s.name
        assert len(s.paras) >= 6, s.name
        assert 3 <= len(D._round2().copies(s, k, rng)) <= 4, s.name
    for name, docs in blocks.traps:
        assert 2 <= len(docs) <= 3 and len(set(docs)) == len(docs), name


def test_repair_sets() -> None:
    data = HERE / "data"
    lines = lines_in(data / R.SENTENCES)
    cases = [c for i, ln in enumerate(lines) for c in cases_of(ln, f"s:{i}")]
    assert len(cases) >= 60
    assert {c.form for c in cases} == {"glue", "camel", "suffix", "list"}
    assert all(c.corrupted != c.clean and c.name in c.clean for c in cases)
    pgs = pages_in(data / R.REPAIR_PAGES)
    assert len(pgs) >= 10
    assert all(sum(bool(ITEM.search(ln)) for ln in p) >= 2 for p in pgs)
    assert all(any(not ITEM.search(ln) for ln in p) for p in pgs)  # unglued context lines
    traps = lines_in(data / R.TRAPS)
    assert len(traps) >= 60 and len(set(traps)) == len(traps)
    assert not any(ITEM.search(t) or LIST.search(t) or "[[" in t for t in traps)
