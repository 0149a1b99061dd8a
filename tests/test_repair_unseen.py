"""Repair on entities outside the gazetteer (issue 17): hand-written evaluation, traps, examples."""

from __future__ import annotations

import pytest

from evaluation.repair.unseen import cases_of, load_cases, page_order, run_cases, run_traps, summary
from saring.document import Document
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    s = Repair(dedup_paragraphs=False)
    s.ensure_setup()
    return s


def fix(step: Repair, text: str) -> str:
    doc = Document(id="t", text=text)
    step.process(doc)
    assert doc.undo() == text
    return doc.text


def test_generator_glues_like_the_translator() -> None:
    [glue, camel] = cases_of("Menurut {direktur utama} [[Bank Mandiri]] laba naik.", "x")
    assert glue.clean == "Menurut direktur utama Bank Mandiri laba naik."
    assert glue.corrupted == "Menurut Bank Mandiridirektur utama laba naik."
    assert camel.corrupted == "Menurut Bank MandiriDirektur utama laba naik."
    [suffix] = cases_of("Pasar dibanjiri {produk} [[Taiwan|ese]] tahun ini.", "y")
    assert suffix.corrupted == "Pasar dibanjiri Taiwanese produk tahun ini."
    [lst] = cases_of("Dijual di [[Palopo]], [[Masamba]], dan Belopa.", "z")
    assert lst.corrupted == "Dijual di PalopoMasamba, dan Belopa."


def test_traps_are_never_edited(step: Repair) -> None:
    """Brands, clitics, demonym-named titles, compound names: zero edits, alone and inside pages
    that carry other translator glue (which raises every confidence)."""
    n, bad, lines = run_traps(step)
    assert n >= 100 and bad == 0, lines
    n, bad, lines = run_traps(step, page_order(load_cases("unseen_dev.txt")))
    assert bad == 0, lines


def test_dev_set_never_breaks_a_name_and_restores_demonyms(step: Repair) -> None:
    cases = load_cases("unseen_dev.txt")
    alone = summary(run_cases(step, cases))
    pages = summary(run_cases(step, page_order(cases), 3))
    assert alone["all"]["broken"] == pages["all"]["broken"] == 0
    assert alone["suffix"]["order_restored"] == 1.0
    # measured 0.584 / 0.506 (BENCHMARKS.md); a floor, so a regression shows
    assert pages["all"]["split_recall"] >= 0.55 and pages["all"]["order_restored"] >= 0.45
    assert alone["all"]["order_restored"] + alone["all"]["flagged"] >= 0.75


MT = "Rusian Presiden datang. Ia mengkritik Rusiakebijakan itu.\n"


@pytest.mark.parametrize(("glued", "fixed"), [
    ("Menurut Bank Mandiridirektur utama, laba naik.", "Menurut direktur utama Bank Mandiri, laba naik."),
    ("Keluhan Telkomselpelanggan meningkat.", "Keluhan pelanggan Telkomsel meningkat."),
    ("Rakyat menunggu Prabowo Subiantokebijakan baru soal pangan.",
     "Rakyat menunggu kebijakan baru Prabowo Subianto soal pangan."),
    ("Pemerintah Jepangese menolak rencana itu.", "Pemerintah Jepang menolak rencana itu."),
    ("Ia bertemu Pakistani menteri luar negeri kemarin.", "Ia bertemu menteri luar negeri Pakistan kemarin."),
])
def test_issue_examples_in_a_translated_page(step: Repair, glued: str, fixed: str) -> None:
    assert fix(step, MT + glued).split("\n")[1] == fixed


def test_a_name_is_moved_whole_or_not_at_all(step: Repair) -> None:
    out = fix(step, MT + "Menurut Bank Mandiridirektur utama, laba naik.")
    assert "Bank direktur Mandiri" not in out and "Bank Mandiri" in out
    # the boundary of the name is unclear (a glued capitalised token before it): never moved
    out = fix(step, MT + "Ketua TerpilihKelenteng Tubanperiode ini berjanji.")
    assert "Kelenteng periode Tuban" not in out


def test_without_translator_evidence_unknown_names_are_flagged_not_changed(step: Repair) -> None:
    text = "Sebanyak dua ratus Sritexkaryawan dirumahkan sejak pekan lalu."
    doc = Document(id="t", text=text)
    step.process(doc)
    assert doc.text == text and doc.edits == []
    assert [f["suggestion"] for f in doc.flags] == ["karyawan Sritex"]


def test_link_stripped_scrapes_are_split_never_moved(step: Repair) -> None:
    """A scraper that strips links glues both sides (``pengusahaJusuf``); that glue is already in
    Indonesian order, so it is split, never reordered."""
    text = ("Video pengusahaJusuf Hamkamempromosikan situs itu.\n"
            "Yolla Yulianapensiun dariTim Nasional.\nAnggota DPRRahayu Saraswatimengkritik keputusan.")
    out = fix(step, text)
    assert "pensiun Yolla" not in out and "Pensiun Yolla" not in out
