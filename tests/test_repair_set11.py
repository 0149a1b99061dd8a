"""Session 11 (issue 17): set 11, traps9, and the general evidence built with them. Entities in
the rule tests are invented or differ from the evaluation sets' (``unseen_*11.txt``)."""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, repair_step

from evaluation.repair.unseen import load_cases, page_order, run_cases, run_traps, summary
from saring.repair import fastscan, names
from saring.repair.resources import load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


def test_traps9_are_never_edited(step: Repair) -> None:
    """Region demonyms after the noun they modify, solid places, shops and cooperatives named by
    two words, person names ending in words: zero edits alone and inside set-11 pages (main moved
    ``Bengkel Jaya|motor`` to ``Motor Bengkel Jaya`` and split ``Grand Puri|wisata``)."""
    n, bad, lines = run_traps(step, name="traps9.txt")
    assert n >= 50 and bad == 0, lines
    n, bad, lines = run_traps(step, page_order(load_cases("unseen_dev11.txt")), name="traps9.txt")
    assert bad == 0, lines


def test_set11_never_breaks_a_name(step: Repair) -> None:
    assert summary(run_cases(step, load_cases("unseen_dev11.txt")))["all"]["broken"] == 0
    assert summary(run_cases(step, page_order(load_cases("unseen_dev11.txt")), 3))["all"]["broken"] == 0


@pytest.mark.parametrize(("glued", "want"), [
    # a region's English demonym before the noun it modifies, the region in no gazetteer
    ("Ia mewawancarai Virginian petani di ladang.", "Ia mewawancarai petani Virginia di ladang."),
    ("Ia bertemu Okinawan penari itu.", "Ia bertemu penari Okinawa itu."),
    # a scraper joined a name to the next word, and the short split would cut it (Raka|dalam)
    ("Tim itu dilatih Haryo Wirasaktidalam dua musim terakhir.",
     "Tim itu dilatih Haryo Wirasakti dalam dua musim terakhir."),
])
def test_general_evidence_repairs(step: Repair, glued: str, want: str) -> None:
    assert alone_and_in_page(step, glued) == [want, want]


@pytest.mark.parametrize("clean", [
    "Ia memelihara kuda Virginian jantan.",  # the demonym follows its noun: Indonesian order
    "Ia bertemu Virginian pekan lalu.",  # a time phrase after a person's name
    "Pasar Okinawan itu ramai.",  # no running text before it
    "Toko Sinarmulya menjual beras murah.",  # a shop named by two words, opening the sentence
    "Ia melaporkan Ratna Tejapermana, tetangganya.",  # a per- word ending a name is no verb
])
def test_look_alikes_stay(step: Repair, clean: str) -> None:
    assert alone_and_in_page(step, clean) == [clean, clean]


def test_kernel_keeps_demonym_tokens_with_a_known_base() -> None:
    """The name scan's kernel passes a demonym-shaped token to Python only before a space and a
    lower-case letter and when a table knows a base (its reference says the same)."""
    res = load_resources()
    for text, live in (("x Virginian petani", True), ("x Virginian Petani", False),
                       ("x Virginian.", False), ("x Qzxqwvian petani", False)):
        starts, _ = fastscan.name_tokens_py(text, res, set())
        assert (2 in starts) is live, text
        if fastscan.kernel() is not None:
            ctx = fastscan._names_ctx(res)
            got = fastscan.kernel().name_tokens(text, res.lexicon, fastscan._NAME_NOT_BEFORE, set(), ctx)
            assert got[0] == starts


def test_demonym_readings_prefer_the_shortest_remnant() -> None:
    res = load_resources()
    assert [b for b, _ in names._demonym_bases("Ambonese")] == ["Ambo", "Ambon"]
    bases = [b for b, en in names._demonym_bases("Ambonese") if names._place_base(b, en, res)]
    assert max(bases, key=len) == "Ambon"
