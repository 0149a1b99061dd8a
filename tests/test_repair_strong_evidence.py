"""Lone glue sites repaired on strong per-site evidence (issue 17, session 5), and the look-alikes
that evidence must not touch. Sentences and names are invented for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from repair_kit import fix, repair_step

from evaluation.repair.unseen import load_cases, page_order, run_traps
from saring.repair.resources import load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()

MT = "Rusian Presiden datang. Ia mengkritik Rusiakebijakan itu.\n"


@pytest.mark.parametrize(("glued", "fixed"), [
    # an unknown two-word person name, a head noun glued, running text on both sides
    ("Polisi memeriksa Toni Sembiringmelialasopir pribadi di markas polres.",
     "Polisi memeriksa sopir pribadi Toni Sembiringmeliala di markas polres."),
    # a multi-word name ending in a common word moves whole
    ("Para penumpang mengeluhkan Kapal Cepat Lautan Birujadwal yang sering berubah.",
     "Para penumpang mengeluhkan jadwal Kapal Cepat Lautan Biru yang sering berubah."),
    # a coined one-word company name
    ("Analis memuji Sandrivakinerja pada kuartal ketiga.", "Analis memuji kinerja Sandriva pada kuartal ketiga."),
    # a 4-letter head (gaya) on a long unknown name
    ("Pengamat menyoroti Wulandaru Prasetyogaya kepemimpinan yang tegas.",
     "Pengamat menyoroti gaya kepemimpinan Wulandaru Prasetyo yang tegas."),
    # CamelCase on a common last word, the name the object of a verb
    ("Petugas menyegel Bumi Aksara PanganGudang karena izinnya habis.",
     "Petugas menyegel gudang Bumi Aksara Pangan karena izinnya habis."),
    # CamelCase on a gazetteer name inside running text
    ("Kami menerima Kedutaan Besar ChiliUndangan untuk makan malam.",
     "Kami menerima undangan Kedutaan Besar Chili untuk makan malam."),
    # the demonym remnant -an after a vowel (Chili|an)
    ("Dokter itu merawat Chilian pengungsi di tenda darurat.", "Dokter itu merawat pengungsi Chili di tenda darurat."),
])
def test_lone_site_with_strong_evidence_is_repaired(step: Repair, glued: str, fixed: str) -> None:
    assert fix(step, glued) == fixed


@pytest.mark.parametrize("text", [
    "Situs Acehkini menulis berita itu kemarin.",  # an outlet named place + kini
    "Ia menonton video Youtube Beritasatu berjudul debat calon.",  # a numeral ends an outlet name
    "Pelatih Bayu Pradanadana tim dipotong.",  # a role noun introduces a person
])
def test_strong_evidence_look_alikes_are_not_edited(step: Repair, text: str) -> None:
    assert fix(step, text) == text
    assert fix(step, MT + text).split("\n")[1] == text


def test_scraped_list_item_join_is_not_moved_alone(step: Repair) -> None:
    """CamelCase after a preposition on a common last word: list items a scraper joined."""
    text = "Syaratnya warga dengan KTP ElektronikRumah tangga miskin boleh mendaftar."
    assert fix(step, text) == text


def test_compound_name_counts() -> None:
    """Prefix and suffix counts over the corpus name list: compound-name halves start and end
    many names, whole names glued to a head do not."""
    res = load_resources()
    assert res.names_starting("Indo") >= 3 and res.names_starting("Pra") >= 3
    assert res.names_ending("dana") >= 3
    assert res.names_starting("Sandriva") == 0 and res.names_ending("kinerja") == 0


def test_traps3_are_never_edited(step: Repair) -> None:
    n, bad, lines = run_traps(step, name="traps3.txt")
    assert n >= 70 and bad == 0, lines
    n, bad, lines = run_traps(step, page_order(load_cases("unseen_dev4.txt")), name="traps3.txt")
    assert bad == 0, lines


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="abdik", min_size=0, max_size=7), max_size=40),
       st.text(alphabet="abdik", max_size=4), st.integers(min_value=1, max_value=5))
def test_prefix_counts_on_joined_lines_equal_the_plain_count(words: set[str], prefix: str,
                                                             limit: int) -> None:
    """The one-string name index counts what a plain scan of the sorted words counts."""
    from saring.repair.resources import _count_prefixed, _sorted_lines

    plain = sum(1 for w in sorted(words) if w.startswith(prefix) and len(w) >= len(prefix) + 3)
    assert _count_prefixed(_sorted_lines(words), prefix, limit) == min(plain, limit)
