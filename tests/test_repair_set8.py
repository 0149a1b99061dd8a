"""Session 9 (issue 17): set 8 and traps7. Entities in the rule tests here are invented and differ
from the evaluation sets' (``evaluation/repair/data/unseen_*8.txt``)."""

from __future__ import annotations

import pytest
from repair_kit import fix, repair_step

from evaluation.repair.unseen import load_cases, page_order, run_cases, run_traps, summary
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


def test_traps7_are_never_edited(step: Repair) -> None:
    """Inner-capital surnames, breed and place look-alikes, demonym terms, clitics on foreign
    cities, slogans: zero edits alone and inside set-8 pages (main turned ``Rina Irani`` into
    ``Rina Iran`` and split ``JakartaBerlari``)."""
    n, bad, lines = run_traps(step, name="traps7.txt")
    assert n >= 40 and bad == 0, lines
    n, bad, lines = run_traps(step, page_order(load_cases("unseen_dev8.txt")), name="traps7.txt")
    assert bad == 0, lines


def test_set8_never_breaks_a_name(step: Repair) -> None:
    """Main tore ``SMP Negeri 3 kepala sekolah Lembang Jaya`` (alone) and ``Lumetra Z5 sensor Mark
    III`` (in a page). (The held-out half is run by ``bench/bench_repair_unseen.py`` only.)"""
    assert summary(run_cases(step, load_cases("unseen_dev8.txt")))["all"]["broken"] == 0
    assert summary(run_cases(step, page_order(load_cases("unseen_dev8.txt")), 3))["all"]["broken"] == 0


@pytest.mark.parametrize(("glued", "want"), [
    # a sentence-initial name of uncommon words with a role noun glued CamelCase, a verb after
    ("Hendrik OstergaardPengacara menolak tuduhan itu.",
     "Pengacara Hendrik Ostergaard menolak tuduhan itu."),
    # a frequent noun glued to a wholly unknown name under a place head
    ("Warga membersihkan Sungai Wotamerumuara setiap pekan.",
     "Warga membersihkan muara Sungai Wotameru setiap pekan."),
])
def test_set8_shapes_repaired(step: Repair, glued: str, want: str) -> None:
    assert fix(step, glued) == want


@pytest.mark.parametrize("text", [
    "Ibu Sari Irani membuka warung di pasar.",  # a person's name, not Iran + -i
    "Ia memakai topi bertuliskan BandungBersatu kemarin.",  # a slogan: a verb is no glued head
    "Wisatawan memadati Pasar Prawirotaman setiap malam.",  # a solid place ending in a place head
    "SMA Negeri 2 Tanjung RawaKepala sekolah datang terlambat.",  # number inside: never moved
])
def test_set8_look_alikes_not_edited(step: Repair, text: str) -> None:
    out = fix(step, text)
    assert "Sari Irani" in out and "Iran " not in out if "Irani" in text else True
    if "Bersatu" in text or "Prawirotaman" in text:
        assert out == text
    if "Negeri 2" in text:
        assert "Negeri 2 Tanjung" in out or out == text


def test_numbered_heading_join_is_no_subject(step: Repair) -> None:
    """``1. Name`` + a paragraph opening ``Pemain muda berusia``: a list heading a scraper joined,
    never moved as a sentence's subject."""
    text = "Daftar pemain.\n1. Rendi SaputraPemain muda berusia 20 tahun itu tampil baik."
    assert "Pemain muda Rendi Saputra" not in fix(step, text)


@pytest.mark.parametrize(("glued", "want"), [
    # a role noun writers also capitalise as a name, glued CamelCase to an organisation's name
    ("Jaksa memeriksa Koperasi Nelayan Bahari SejahteraBendahara kemarin.",
     "Jaksa memeriksa bendahara Koperasi Nelayan Bahari Sejahtera kemarin."),
    # a rarer noun glued CamelCase to a 3+ word name ending in a common word, after running text
    ("Polisi memanggil Toko Kelontong Sinar TerangKasir itu semalam.",
     "Polisi memanggil kasir Toko Kelontong Sinar Terang itu semalam."),
])
def test_set8_camel_on_common_word_names(step: Repair, glued: str, want: str) -> None:
    assert fix(step, glued) == want


def test_capitalised_closed_class_word_keeps_the_name_whole(step: Repair) -> None:
    """``Kementerian Dalam Negeri X|data``: a capitalised ``Dalam`` inside running text is a
    name's word; the walk stopped there with a clear boundary and moved half the name (found on
    the held-out half after its final run, see notes/repair.md session 9). Now the name is kept
    whole: split only, never torn."""
    out = fix(step, "Polisi menyelidiki Kementerian Dalam Negeri Molvaniadata warga itu.")
    assert "Kementerian Dalam Negeri Molvania" in out
