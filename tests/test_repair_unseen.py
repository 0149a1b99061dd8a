"""Repair on entities outside the gazetteer (issue 17): hand-written evaluation, traps, examples."""

from __future__ import annotations

import pytest
from repair_kit import assert_traps_untouched, fix, repair_step

from evaluation.repair.unseen import cases_of, load_cases, page_order, run_cases, summary
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


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
    assert_traps_untouched(step, "traps.txt", 100, "unseen_dev.txt")
    # session 4: Malay names, spec lists, code identifiers, CamelCase products, hashtags
    assert_traps_untouched(step, "traps2.txt", 60, "unseen_dev.txt")


def test_dev_set_never_breaks_a_name_and_restores_demonyms(step: Repair) -> None:
    cases = load_cases("unseen_dev.txt")
    alone = summary(run_cases(step, cases))
    pages = summary(run_cases(step, page_order(cases), 3))
    assert alone["all"]["broken"] == pages["all"]["broken"] == 0
    assert alone["suffix"]["order_restored"] == 1.0
    # measured 0.933 / 0.910 pages, 0.876 / 0.854 alone (BENCHMARKS.md); floors, so a regression shows
    assert pages["all"]["split_recall"] >= 0.9 and pages["all"]["order_restored"] >= 0.88
    assert alone["all"]["split_recall"] >= 0.85 and alone["all"]["order_restored"] >= 0.83
    assert alone["all"]["order_restored"] + alone["all"]["flagged"] >= 0.9


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


def test_a_head_noun_on_a_known_name_is_repaired_alone(step: Repair) -> None:
    """``karyawan`` heads phrases writers put names after; ``Sritex`` is a name the corpus layer
    knows (never written in lower case): no other glue is needed."""
    assert fix(step, "Sebanyak dua ratus Sritexkaryawan dirumahkan sejak pekan lalu.") == (
        "Sebanyak dua ratus karyawan Sritex dirumahkan sejak pekan lalu.")
    # an invented organisation under an organisation head, and an invented coined company name
    assert fix(step, "Penelitian itu dipimpin Universitas Lanurungrektor kemarin.") == (
        "Penelitian itu dipimpin rektor Universitas Lanurung kemarin.")
    # CamelCase from the translator's sentence-start capital: moved, lower-cased, no title swap
    assert fix(step, "Menurut Bank LamandauKepala cabang kredit macet turun.") == (
        "Menurut kepala cabang Bank Lamandau kredit macet turun.")


@pytest.mark.parametrize("text", [
    "Menurut Reza Hadiwarga, harga cabai naik lagi.",  # the name ends the phrase: a person
    "Pemain Hendra Wijayalaga mencetak gol kedua.",  # a role noun introduces a person
    "Ia bekerja di Lokawisata Baturraden sejak lama.",  # a capitalised word follows: inside a name
    "Fluktuasiharga emas dipengaruhi pasar.",  # sentence-initial: a capitalised common word
    "Ia memotret dengan Fujifilm tua milik ayahnya.",  # a word wordfreq knows
    "Ketua Herlambang hadir dalam rapat.",  # a name the corpus layer knows as a whole
])
def test_name_look_alikes_are_not_edited_even_in_a_translated_page(step: Repair, text: str) -> None:
    assert fix(step, text) == text
    assert fix(step, MT + text).split("\n")[1] == text


def test_link_stripped_scrapes_are_split_never_moved(step: Repair) -> None:
    """A scraper that strips links glues both sides (``pengusahaJusuf``); that glue is already in
    Indonesian order, so it is split, never reordered."""
    text = ("Video pengusahaJusuf Hamkamempromosikan situs itu.\n"
            "Yolla Yulianapensiun dariTim Nasional.\nAnggota DPRRahayu Saraswatimengkritik keputusan.")
    out = fix(step, text)
    assert "pensiun Yolla" not in out and "Pensiun Yolla" not in out


@pytest.mark.parametrize(("glued", "fixed"), [
    # the issue's shapes, each sentence alone (no other glue): known names, head nouns
    ("Rapat itu dihadiri Pertaminadirektur utama dan beberapa pejabat.",
     "Rapat itu dihadiri direktur utama Pertamina dan beberapa pejabat."),
    ("Pengamat mengkritik Prabowo Subiantokebijakan pangan yang baru.",
     "Pengamat mengkritik kebijakan pangan Prabowo Subianto yang baru."),
    ("Banyak Telkomselpelanggan mengeluhkan sinyal yang lemah.",
     "Banyak pelanggan Telkomsel mengeluhkan sinyal yang lemah."),
    # a list whose second name is also a word ("malang"), capitalised 15x as often as not
    ("Bus itu melayani SurabayaMalang, Kediri dan Blitar setiap hari.",
     "Bus itu melayani Surabaya, Malang, Kediri dan Blitar setiap hari."),
    # an acronym glued to a derived head noun: no Indonesian word starts with capitals
    ("Warga mengeluhkan PLNpemadaman listrik bergilir.", "Warga mengeluhkan pemadaman listrik PLN bergilir."),
    # a demonym remnant after a region (Balinese)
    ("Festival itu menampilkan Balinese penari dan musisi.", "Festival itu menampilkan penari Bali dan musisi."),
    # an invented coined company name whose last word is a common word
    ("Aparat menyegel Nusakarsa Kimiapabrik karena limbahnya mencemari sungai.",
     "Aparat menyegel pabrik Nusakarsa Kimia karena limbahnya mencemari sungai."),
])
def test_issue_shapes_repaired_alone(step: Repair, glued: str, fixed: str) -> None:
    assert fix(step, glued) == fixed


@pytest.mark.parametrize("text", [
    "Ia mengirim paket lewat GrabExpress, GoSend dan Lalamove.",  # brands, not a list
    "Menurut Kepala Satuan Polairud PolresSukabumi, kapal itu berangkat pagi.",  # one name
    "Ia suka Balinese Art sejak kecil.",  # an English name after the demonym
    "Warga PNSdaerah baru itu menunggu gaji.",  # acronym + modifier: Indonesian order
    "Bus dari Rantauprapat tiba menjelang subuh.",  # an unknown place after a locative
    "Rumah makan Padangpanjang buka sampai malam.",  # an adjective ending a place name
])
def test_more_look_alikes_are_not_edited(step: Repair, text: str) -> None:
    assert fix(step, text) == text
    assert fix(step, MT + text).split("\n")[1] == text
