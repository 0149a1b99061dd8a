"""Session 12 (issue 17): set 12, traps10, and the general evidence built with them. Entities in
the rule tests are invented or differ from the evaluation sets' (``unseen_*12.txt``)."""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, assert_traps_untouched, repair_step

from evaluation.repair.unseen import load_cases, page_order, run_cases, summary
from saring.repair import fastscan, names
from saring.repair.resources import load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(("traps", "least"), [
    # names met somewhere (``bertemu X di ...``), regnal and class numbers, particles, place
    # heads, breed and style terms, lists written right
    ("traps10.txt", 50),
    # names ending in -air/-sel written solid, abbreviations (Kalsel), given names that read as
    # demonyms before a role noun, time adverbials, places written solid after di, list brands
    ("traps11.txt", 60),
])
def test_traps_are_never_edited(step: Repair, traps: str, least: int) -> None:
    """Zero edits alone and inside set-12 pages."""
    assert_traps_untouched(step, traps, least, "unseen_dev12.txt")


@pytest.mark.parametrize(("glued", "want"), [
    # a three-letter noun after a long unknown last word (a vowel-initial one after a vowel)
    ("Warga mengeluhkan Bendungan Gelagahwangsaair keruh sejak kemarin.",
     "Warga mengeluhkan air keruh Bendungan Gelagahwangsa sejak kemarin."),
    ("Petugas menyisir Rutan Kelas IIA Gelagahrejosel pada malam hari.",
     "Petugas menyisir sel Rutan Kelas IIA Gelagahrejo pada malam hari."),
    # a region English writes with an -n demonym (demonym_bases.txt), and a time adverbial after
    # the moved noun stays behind the name
    ("Ia meneliti Moravian perkebunan abad ke-19.", "Ia meneliti perkebunan Moravia abad ke-19."),
    ("Pengunjung memburu Toko Kain Sarimurtiningdiskon akhir pekan ini.",
     "Pengunjung memburu diskon Toko Kain Sarimurtining akhir pekan ini."),
    # a run after a place preposition, running text before it, a wholly unknown last word
    ("Anak-anak bermain di Curug Walangsumirakolam saat libur.",
     "Anak-anak bermain di kolam Curug Walangsumira saat libur."),
])
def test_short_nouns_regions_and_time_adverbials(step: Repair, glued: str, want: str) -> None:
    assert alone_and_in_page(step, glued) == [want, want]


def test_short_nouns_need_a_long_unknown_word() -> None:
    """``Ryan|air``, ``Telkom|sel``: a short or known left part, or a vowel-initial noun after a
    consonant, is no site for a three-letter noun; ``mas`` ends too many names to be one."""
    res = load_resources()
    assert names._short_noun("air", res) and names._short_noun("sel", res)
    assert not names._short_noun("mas", res)
    def site(tok: str) -> bool:
        text = f"Warga menunggu Bendungan {tok} keruh."
        m = next(m for m in names.TOKEN.finditer(text) if m.group() == tok)
        i = names._split(tok, res)
        return bool(i) and names._short_noun_site(names._glued(text, m, i, res), res)

    assert site("Gelagahrejoair") and site("Gelagahrejosel")
    for tok in ("Ryanair", "Telkomsel", "Nusantaraair", "Watugedangair"):
        assert not site(tok), tok


def test_set12_never_breaks_a_name(step: Repair) -> None:
    """Main tore ``Pieter-Jan van den |Hoevelaar`` (the walk stopped at the second particle)."""
    assert summary(run_cases(step, load_cases("unseen_dev12.txt")))["all"]["broken"] == 0
    assert summary(run_cases(step, page_order(load_cases("unseen_dev12.txt")), 3))["all"]["broken"] == 0


@pytest.mark.parametrize(("glued", "want"), [
    # two particles and a hyphenated forename inside a person's name
    ("Galeri itu memamerkan Anne-Marie van der Zwaluwlukisan di lantai dua.",
     "Galeri itu memamerkan lukisan Anne-Marie van der Zwaluw di lantai dua."),
    # a title opened by a capitalised common word before a lower-case preposition
    ("Pengulas memuji Gelombang di Balik Karang Sunyitokoh utama dalam ulasannya.",
     "Pengulas memuji tokoh utama Gelombang di Balik Karang Sunyi dalam ulasannya."),
    # regnal numbers end a name (two letters: a left part of its own)
    ("Warga mengelu-elukan Raja Wiramenggala IXrombongan di alun-alun.",
     "Warga mengelu-elukan rombongan Raja Wiramenggala IX di alun-alun."),
    # a list whose first item has several words after running text, two names of one kind
    ("Proyek itu dikerjakan Semen Watu Gumelaran Semen Kalisabrang, dan dua kontraktor lain.".replace(
        "Gumelaran Semen", "GumelaranSemen"),
     "Proyek itu dikerjakan Semen Watu Gumelaran, Semen Kalisabrang, dan dua kontraktor lain."),
])
def test_general_evidence_repairs(step: Repair, glued: str, want: str) -> None:
    assert alone_and_in_page(step, glued) == [want, want]


@pytest.mark.parametrize(("glued", "want"), [
    # a run opened mid-sentence by a noun no list tags (Penerbit) before a rarer noun
    ("Penulis menggugat Penerbit Kalamwidyaroyalti yang belum dibayar.",
     "Penulis menggugat royalti Penerbit Kalamwidya yang belum dibayar."),
    # a company name ending in an English word, a rarer noun glued after it
    ("Polisi memeriksa Samudrakarta Linesnakhoda di pelabuhan.",
     "Polisi memeriksa nakhoda Samudrakarta Lines di pelabuhan."),
])
def test_runs_and_english_last_words_in_pages(step: Repair, glued: str, want: str) -> None:
    assert alone_and_in_page(step, glued)[1] == want


@pytest.mark.parametrize("clean", [
    "Ia tinggal di Perumahan Griya Kebonjeruk sejak kecil.",  # a place written solid from words
    "Ia berbelanja di Toko Bangunan Sumberbatu tadi pagi.",  # main split Sum|berbatu
    "Kami bertemu Suryanto di Pelabuhan Tanjung Emas kemarin.",  # a person met somewhere
    "Paus Yohanes Paulus II dikenang sebagai tokoh perdamaian.",  # a regnal number before a verb
    "Lukisan Vincent van Gogh dipamerkan di Amsterdam.",
    "Ia membaca Rahasia di Balik Kabut pada malam hari.",  # a title before a lower-case word
])
def test_look_alikes_stay(step: Repair, clean: str) -> None:
    assert alone_and_in_page(step, clean) == [clean, clean]


def test_particles_and_titles_keep_unclear_boundaries() -> None:
    """A particle the walk cannot take, and a title at a sentence start, leave the name's
    boundary unclear (a move would tear it)."""
    res = load_resources()
    text = "karya van Goghlukisan itu"
    assert names.extend_name(text, text.index("Goghlukisan"), res)[1] is False
    text = "Rahasia di Balik Kabut"
    assert names.extend_name(text, text.index("Kabut"), res) == (text.index("Balik"), False)
    text = "memuji Rahasia di Balik Kabut"
    assert names.extend_name(text, text.index("Kabut"), res) == (text.index("Rahasia"), True)
    text = "bertemu Ahmad di Hotel Sahid"  # a name before the preposition: a person somewhere
    assert names.extend_name(text, text.index("Sahid"), res) == (text.index("Hotel"), True)


def test_openers_and_english_words() -> None:
    res = load_resources()
    assert names._run_opener("Penerbit", res) and not names._noun_opener("Penerbit", res)
    assert not names._run_opener("KTP", res)  # an acronym is a name's word
    assert names._english_word("Lines", res) and names._english_word("Seeds", res)
    assert not names._english_word("Neuro", res) and not names._english_word("TV", res)
    assert names._regnal(names.Glued("x", "IVa", 0, 3, "IV", "a", 0, True, "Raja", False, False, False,
                                     False, False))


def test_kernel_keeps_two_letter_regnal_splits() -> None:
    """``has_split`` tries a two-letter left part when it is a regnal number (``_split``)."""
    res = load_resources()
    for text, live in (("x Raja Wira IVrombongan x", True), ("x Raja Wira IQrombongan x", False)):
        k = text.index("I")
        starts, _ = fastscan.name_tokens_py(text, res, set())
        assert (k in starts) is live, text
        if fastscan.kernel() is not None:
            ctx = fastscan._names_ctx(res)
            got = fastscan.kernel().name_tokens(text, res.lexicon, fastscan._NAME_NOT_BEFORE, set(), ctx)
            assert got[0] == starts
