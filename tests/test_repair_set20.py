"""Session 17 (issue 17, repair16): writer D's misses (session 17's blind set, now dev material).

A Roman numeral numbers the lower-case noun before it (``anggota komisi VII``): the head phrase a
glued name is moved behind ends after the numeral, not before it. Entities are invented, absent
from the shared corpora and from every set.
"""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, fix, repair_step

from evaluation.repair.halves17 import BLIND17, half_of
from evaluation.repair.unseen import lines_in
from saring.repair import glue
from saring.repair.resources import load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        (
            "anggota komisi VII menolak usulan",
            "anggota komisi VII",
        ),  # the numeral closes the phrase
        ("ketua komisi IV.", "ketua komisi IV"),  # before punctuation
        ("anggota komisi VII Partai Bulan", "anggota komisi"),  # a name follows: not a numeral's
        ("anggota komisi VIIA menolak", "anggota komisi"),  # no Roman numeral
        ("anggota Komisi VII menolak", "anggota"),  # a capitalised noun: the walk stops as before
    ],
)
def test_roman_numeral_closes_the_head_phrase(phrase: str, want: str) -> None:
    """The phrase's extent with a Roman numeral after its lower-case noun."""
    res = load_resources()
    end, _, _ = glue.noun_phrase(phrase, 0, res, 2)
    assert phrase[:end] == want


def test_name_moves_behind_the_numbered_head(step: Repair) -> None:
    """Base moved the name between ``komisi`` and ``VII`` (``anggota komisi Yohana ... VII``)."""
    text = "Usulan itu ditolak Yohana Sekarpinang Rumbewasianggota komisi VII dalam rapat."
    want = "Usulan itu ditolak anggota komisi VII Yohana Sekarpinang Rumbewasi dalam rapat."
    assert alone_and_in_page(step, text) == [want, want]


def test_roman_numeral_traps_untouched(step: Repair) -> None:
    """A numeral in running text with no glue: no edit (``Kelas XII SMA Negeri``, ``Perang Dunia II``)."""
    for text in (
        "Siswa kelas XII mengikuti ujian di SMA Negeri Tunjungsari pekan ini.",
        "Museum itu menyimpan arsip Perang Dunia II dan catatan Paus Yohanes XXIII.",
    ):
        assert fix(step, text) == text


def test_halves_are_fixed_by_hash() -> None:
    """The dev / held-out split of writer D's sentences is the one written in the notes (54 / 45)."""
    halves = [half_of(ln) for ln in lines_in(BLIND17)]
    assert halves.count("dev") == 54 and halves.count("heldout") == 45


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # base: "emiten batu PT Wiranusa Bumi Sentosa bara" (the compound torn)
            "Harga saham PT Wiranusa Bumi Sentosaemiten batu bara turun tiga persen kemarin.",
            "Harga saham emiten batu bara PT Wiranusa Bumi Sentosa turun tiga persen kemarin.",
        ),
        (  # base: "pemegang saham Puspadenta Group Holdings mayoritas"
            "Saham Puspadenta Group Holdingspemegang saham mayoritas melepas sebagian kepemilikannya.",
            "Saham pemegang saham mayoritas Puspadenta Group Holdings melepas sebagian kepemilikannya.",
        ),
        (  # no verb after the third word: the head and one modifier, as before
            "Laba Bank Wiranusadirektur keuangan laba bersih naik tajam.",
            "Laba direktur keuangan Bank Wiranusa laba bersih naik tajam.",
        ),
    ],
)
def test_a_verb_closes_a_three_word_head(step: Repair, text: str, want: str) -> None:
    """A name's head phrase takes a third word when a verb follows it right away."""
    assert alone_and_in_page(step, text) == [want, want]
