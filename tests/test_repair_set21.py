"""Session 18 (issue 17, repair17): compounds opened by a head noun (``head_pairs.tsv``).

A translated possessive glues a name to its head phrase; when the glued word and the next word are
a compound writers use (``perdana menteri``, ``kota pelabuhan``, ``pakar hukum | hukum tata | tata
negara``), a multi-word name whose last word is no common word ends at the glue. Entities are
invented, absent from the shared corpora and from every set.
"""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, fix, repair_step

from evaluation.repair.halves import SETS, half_cases
from saring.repair import glue
from saring.repair.resources import load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


def test_head_pairs_lookup() -> None:
    """The sorted-lines lookup answers whole pairs only (no prefix, no single word)."""
    res = load_resources()
    assert res.head_pair("perdana menteri") and res.head_pair("kota pelabuhan")
    assert not res.head_pair("perdana") and not res.head_pair("perdana mente")
    assert not res.head_pair("menteri perdana") and not res.head_pair("zzz zzz")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # a person and a two-word office (``perdana`` reads as per- + dana: no verb here)
            "Sementara itu, Radoslaw Piekarczykperdana menteri menolak berkomentar soal tarif.",
            "Sementara itu, perdana menteri Radoslaw Piekarczyk menolak berkomentar soal tarif.",
        ),
        (  # a place after a locative, a short head opening a compound
            "Kapal itu dipindahkan ke Port Vindelmarkota pelabuhan di pesisir utara.",
            "Kapal itu dipindahkan ke kota pelabuhan Port Vindelmar di pesisir utara.",
        ),
        (  # the same in CamelCase
            "Kapal itu dipindahkan ke Port VindelmarKota pelabuhan di pesisir utara.",
            "Kapal itu dipindahkan ke kota pelabuhan Port Vindelmar di pesisir utara.",
        ),
        (  # a four-word head made of three compounds, closed by a comma
            "Menurut Dr. Arnoldus Kefamnasipakar hukum tata negara, putusan itu final.",
            "Menurut pakar hukum tata negara Dr. Arnoldus Kefamnasi, putusan itu final.",
        ),
    ],
)
def test_compound_heads_are_repaired(step: Repair, text: str, want: str) -> None:
    """Repaired alone and after other glue (all fail on the session-start code)."""
    assert alone_and_in_page(step, text) == [want, want]


@pytest.mark.parametrize(
    "text",
    [
        # a one-word name: as often the last word of a longer one (``_paired`` asks for two words)
        "Kapal itu dipindahkan ke Vindelmarkota pelabuhan di pesisir utara.",
        "Sementara itu, Piekarczykperdana menteri menolak berkomentar soal tarif.",
        # the next word makes no compound with the glued one: an unknown place after a locative
        "Kapal itu dipindahkan ke Port Vindelmarkota di pesisir utara.",
    ],
)
def test_no_compound_evidence_no_edit_alone(step: Repair, text: str) -> None:
    """Without the compound evidence on a multi-word name nothing changes alone (as before)."""
    assert fix(step, text) == text


@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        ("pakar hukum tata negara, putusan", "pakar hukum tata negara"),
        ("wakil wali kota menolak rencana", "wakil wali kota"),  # a verb closes it
        ("pakar hukum tata negara Tirtalembang", None),  # a name follows: no clear end
        ("pakar hukum", None),  # two words: the planner's own rule
    ],
)
def test_pair_chain_extent(phrase: str, want: str | None) -> None:
    """A chain of compounds is one head only where it ends clearly."""
    got = glue._pair_chain(phrase, 0, load_resources())
    assert (phrase[: got[0]] if got else None) == want


def test_blind18_halves_split() -> None:
    """Writer E's cases split by the sentence's sha1 (the rule fixed before any change)."""
    assert "blind18" in SETS
    assert len(half_cases("blind18", "dev")) == 40 and len(half_cases("blind18", "heldout")) == 34
