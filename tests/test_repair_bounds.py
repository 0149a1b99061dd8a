"""The name scan's per-document bounds and its one-index repeated-token counts."""

from __future__ import annotations

import random

import pytest

from saring.document import Document
from saring.repair.glue import PLAIN_COUNTS, Repeats
from saring.repair.names import MAX_NAME_SITES
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    s = Repair(dedup_paragraphs=False)
    s.ensure_setup()
    return s


def glued_names_page(n: int, seed: int = 3) -> str:
    """``n`` distinct invented names glued to head nouns (written here, no corpus text)."""
    rng = random.Random(seed)
    units = []
    for _ in range(n):
        name = "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aiueo") for _ in range(4)).capitalize()
        units.append(f"warga mengeluhkan {name}pelanggan dan {name[:5]}tagihan listrik. ")
    return "".join(units)


def test_repeats_equals_str_count_on_index_path() -> None:
    rng = random.Random(11)
    pieces = ["Abcdef", "Abcdefgh", "xAbcdef", "AbcdefAbcdef", "Tarumanegara", "tarumanegara",
              "Tarumanegaraku", "NATOAnggota", "Rusiabantuan", "Rusia", "Éabcdef", " ", ". ", "\n"]
    for _ in range(30):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(50, 400)))
        rep = Repeats(text)
        for k in range(PLAIN_COUNTS + 1):  # past the plain counts: the index path
            rep(f"Qqqqqq{k}")
        for tok in ("Abcdef", "Abcdefgh", "AbcdefAbcdef", "AbcdefAbcdefAbcdef", "Tarumanegara",
                    "NATOAnggota", "Rusiabantuan", "Abcdefx", "Zzzzzz"):
            assert rep(tok) == (text.count(tok) > 1), (tok, text.count(tok))
        assert rep._windows is not None  # answered from the index


def test_hostile_page_flagged_at_site_bound(step: Repair) -> None:
    text = glued_names_page(600)
    doc = Document(id="hostile", text=text)
    assert step.process(doc) is None
    bounds = [f for f in doc.flags if f["kind"] == "glue_scan_bound"]
    assert len(bounds) == 1
    b = bounds[0]
    assert (b["bound"], b["limit"]) == ("sites", MAX_NAME_SITES)
    # the scan stopped at a capitalised token; everything from there on is the input, untouched
    assert doc.text[b["offset"]].isupper()
    rest = doc.text[b["offset"]:]
    assert text.endswith(rest) and len(rest) > len(text) // 2
    # the sites before the bound were repaired (the bound costs repairs only past it)
    ann = doc.annotations[step.label]
    assert 0 < ann["glue_repaired"] + ann["scrape_joins_split"] <= MAX_NAME_SITES


def test_bound_not_reached_by_a_few_glues(step: Repair) -> None:
    doc = Document(id="few", text=glued_names_page(20))
    step.process(doc)
    assert not [f for f in doc.flags if f["kind"] == "glue_scan_bound"]
