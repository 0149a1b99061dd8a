"""The round-4 blind sets parse, have the promised sizes and consistent labels (no score)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from evaluation.blind19 import dedup_blind19 as D
from evaluation.blind19 import run as R
from evaluation.boilerplate.unseen import load

PAGES = Path(__file__).resolve().parents[1] / "evaluation" / "blind19" / "boilerplate_blind19.txt"


def test_pages_sizes_and_kinds() -> None:
    pages = load(PAGES)
    assert len(pages) >= 30
    assert len({R._site(p.url) for p in pages}) >= 26
    assert len({p.id for p in pages}) == len(pages)
    sizes = [len(p.lines) for p in pages]
    assert min(sizes) <= 3 and max(sizes) >= 60
    assert 0 < sum(bool(p.dateline) for p in pages) < len(pages)
    labels = Counter(lab for p in pages for lab in p.labels)
    assert labels["B"] and labels["F"] and labels["S"] >= 4 and labels["D"] >= 1


def test_page_labels_consistent() -> None:
    for p in load(PAGES):
        body = [i for i, lab in enumerate(p.labels) if lab in "BS"]
        assert body, p.id
        if p.dateline:  # the dateline prefix opens a body line or is a D line of its own
            starts = [p.lines[i] for i, lab in enumerate(p.labels) if lab in "BD"]
            assert any(x.strip().startswith(p.dateline.strip()) for x in starts), p.id
            assert p.place, p.id
        else:
            assert not p.place and "D" not in p.labels, p.id
        for i, (a, b) in p.cut.items():
            assert 0 < a < b == len(p.lines[i]), p.id  # glued furniture ends its line
        for i, lab in enumerate(p.labels):
            if lab == "D":
                assert p.lines[i].strip() == p.dateline.strip(), p.id


def test_dedup_set_sizes_and_copies() -> None:
    stories, traps = D.parse()
    assert len(stories) >= 10 and len(traps) >= 10
    assert all(len(docs) >= 2 for _, _, docs in traps)
    kinds = Counter()
    for k, s in enumerate(stories):
        cs = D.copies(s, k)
        assert 3 <= len(cs) <= 4 and len(set(cs.values())) == len(cs)
        assert all(c != s.text() for c in cs.values())
        kinds.update(list(cs))
    assert set(kinds) == {"regional", "regional~caption", *D.OTHERS}


def test_copy_edits_do_what_they_say() -> None:
    s = D.parse()[0][0]
    pv = D.printview(s, 0)[1]
    assert len(pv) > len(s.paras) + 1 and pv[-1].startswith("Dicetak dari: https://")
    merged = D.merged(s, 0)[1]
    assert len(merged) == (len(s.paras) + 1) // 2 and "“" not in "".join(merged)
    assert D.teaser(s, 0)[1][-1].startswith("Baca selengkapnya di https://")
    assert D.rehead("Satu Dua, Tiga Empat") == "Tiga Empat, Satu Dua"
    assert re.match(r"^[A-Za-z ]+, [A-Za-z ]+ - ", D.regional(s, 0)[1][0])


def test_runner_kinds_are_total() -> None:
    assert R.position(list("FBFBF"), 0) == "head"
    assert R.position(list("FBFBF"), 2) == "between"
    assert R.position(list("FBFBF"), 4) == "tail"
    assert R.furniture_kind("S", "x", False) == "inline-glued"
    assert R.body_kind("Berapa modal minimal untuk mulai membeli reksa dana?", False) == "question"
