"""Session 18 (issue 17, prec18): false name splits the step still made.

Three mechanisms, each a flag instead of an edit (a false repair is worse than a missed one):
a hyphenated glued tail that does not reduplicate itself is part of one hyphenated word
(``Peru|dang-undangan``); a place head glued to a titled person's or an agent noun's person is a
compound surname's end (``Ir. ... Siregar|bukit``, ``Hj. ... Sihombing|pasar``); a place
head glued to a place name its own head opens, when both parts are corpus name elements, is a
compound place name (``Kecamatan Tanjung|kota``, ``Stasiun Jakarta|kota``). Names are invented
(absent from the shared corpora) except the real-text line of ``Perudang-undangan``; the
no-edit lines fail on the session-start code.
"""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, repair_step

from evaluation.repair.unseen import read_lines
from saring.repair.glue import reduplicates
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(
    "text",
    [
        # real text (thesis 26): a misspelt reduplicated word, ``Peru`` a country
        "Hierarki Peraturan Perudang-undangan di Indonesia diatur dalam undang-undang.",
        # a place head glued to a titled person's surname
        "Keluarga Ir. Togar Sitanggangbukit menggelar doa bersama untuk mendiang.",
        "Ibu Hj. Marlinang Sihombingpasar menyerahkan bantuan beras kepada warga.",
        # a compound place name under its own place head, both parts name elements
        "Banjir merendam puluhan rumah di Kecamatan Tanjungkota sejak Minggu malam.",
        "Kereta berhenti di Stasiun Jakartakota, Stasiun Manggarai, dan Stasiun Bogor.",
    ],
)
def test_compound_names_untouched(step: Repair, text: str) -> None:
    assert alone_and_in_page(step, text) == [text, text]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # a second place head before a headed place whose last word starts no corpus name
            "Jalur mudik yang melewati Bukit Merawankota diperkirakan padat pada H-3.",
            "Jalur mudik yang melewati kota Bukit Merawan diperkirakan padat pada H-3.",
        ),
        (  # a place head glued to a place with no person before it
            "Wisatawan memadati Kabupaten Gunungkidulpantai saat libur panjang.",
            "Wisatawan memadati pantai Kabupaten Gunungkidul saat libur panjang.",
        ),
        (  # writer E: an agent noun before a place's name is no person (its people)
            "Penduduk Nusa Lembayungpulau masih bergantung pada genset untuk listrik malam hari.",
            "Penduduk pulau Nusa Lembayung masih bergantung pada genset untuk listrik malam hari.",
        ),
        (  # a role noun glued to a titled person keeps the repair
            "Kemarin Ir. Bambang Taruna Wijaksaraajudan membantah kabar itu.",
            "Kemarin ajudan Ir. Bambang Taruna Wijaksara membantah kabar itu.",
        ),
    ],
)
def test_place_glue_still_repaired(step: Repair, text: str, want: str) -> None:
    assert alone_and_in_page(step, text) == [want, want]


@pytest.mark.parametrize(
    ("word", "whole"),
    [
        ("anak-anak", True),
        ("kata-katanya", True),
        ("sebaik-baiknya", True),
        ("sayur-mayur", True),
        ("tolong-menolong", True),
        ("bolak-balik", True),
        ("dang-undangan", False),
        ("kerja-sama", False),
    ],
)
def test_reduplicates(word: str, whole: bool) -> None:
    assert reduplicates(word) is whole


def test_dev_trap_counts() -> None:
    # the split rule's halves (sha1 first byte even -> dev), fixed before any rule change
    assert len(read_lines("traps_prec18.txt")) == 15
    assert len(read_lines("traps_prec18_heldout.txt")) == 19
