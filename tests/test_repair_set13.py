"""Session 13 (issue 17, repair11): set 13a, traps12/13, and the general evidence built with them.
Entities in the rule tests are invented and differ from the evaluation sets' (``unseen_*13a.txt``)."""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, assert_traps_untouched, fix, repair_step

from evaluation.repair.unseen import load_cases, page_order, run_cases, summary
from saring.repair import fastscan, names
from saring.repair.resources import load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(("traps", "least"), [
    # brands of an English and an Indonesian word, clitics, codes, hyphenated names, -an breeds,
    # numbers inside place names (written before the session-13 rules)
    ("traps12.txt", 60),
    # hyphenated routes and pairs, acronym-opened names written solid, one-word shop names
    # (written with the session-13 rules)
    ("traps13.txt", 40),
    # given names and words reading as place + n, demonyms the Indonesian way, codes with digits
    # (written before the second-turn demonym rule)
    ("traps14.txt", 25),
])
def test_traps_are_never_edited(step: Repair, traps: str, least: int) -> None:
    """Zero edits alone and inside set-13a pages."""
    assert_traps_untouched(step, traps, least, "unseen_dev13a.txt")


@pytest.mark.parametrize(("glued", "want"), [
    # a coined name's numbered code glued to a noun (names.hyphen_code_sites), lower case and CamelCase
    ("Teknisi memperbaiki Satelit Nawangkara-7kamera yang rusak.",
     "Teknisi memperbaiki kamera Satelit Nawangkara-7 yang rusak."),
    ("Teknisi memperbaiki Satelit Nawangkara-7Kamera yang rusak.",
     "Teknisi memperbaiki kamera Satelit Nawangkara-7 yang rusak."),
    # ... not a known word's code (a heading join), a verb, or before punctuation
    ("Warga khawatir soal Covid-19pandemi yang meluas.", "Warga khawatir soal Covid-19pandemi yang meluas."),
    ("Teknisi memperbaiki Satelit Nawangkara-7mengorbit lagi.", "Teknisi memperbaiki Satelit Nawangkara-7mengorbit lagi."),
    # an English -n demonym of a subdivision (scripts/build_repair_demonyms.py's second class)
    ("Ia memotret Montanan peternak sapi di desa itu.", "Ia memotret peternak sapi Montana di desa itu."),
    ("Wartawan mewawancarai Keralan nelayan di pantai.", "Wartawan mewawancarai nelayan Kerala di pantai."),
    # a trade noun no tag list knows, told by its shape (peN- + a root; a loan's -er/-ur)
    ("Polisi memeriksa Toko Kue Wirandakapenyelam kemarin sore.",
     "Polisi memeriksa penyelam Toko Kue Wirandaka kemarin sore."),
    ("Pasien memuji Klinik Pratama Tirtabangsaloraapoteker yang teliti.",
     "Pasien memuji apoteker Klinik Pratama Tirtabangsalora yang teliti."),
    # a role writers also capitalise before a person's name, after a number word
    ("Kemarin Peleton Penjaga Enamkomandan memberi keterangan.",
     "Kemarin komandan Peleton Penjaga Enam memberi keterangan."),
    # an acronym opening a run of three words
    ("Penumpang memprotes PO Surya Kencana Transkondektur yang kasar.",
     "Penumpang memprotes kondektur PO Surya Kencana Trans yang kasar."),
    # a hyphenated surname's second part
    ("Wartawan mewawancarai Ingrid Mbatha-Sorensensuami di bandara.",
     "Wartawan mewawancarai suami Ingrid Mbatha-Sorensen di bandara."),
])
def test_shapes_of_set13(step: Repair, glued: str, want: str) -> None:
    assert alone_and_in_page(step, glued) == [want, want]


def test_person_noun_shapes() -> None:
    """Agent nouns need a root of the language; loan endings no verb or adjective prefix."""
    res = load_resources()
    assert names._person_noun("penyelam", res) and names._person_noun("apoteker", res)
    for word in ("terukur", "bertutur", "pengap", "kritis"):
        assert not names._person_noun(word, res), word


@pytest.mark.parametrize(("text", "k", "want"), [
    ("Amara Okafor-Lindgren", 13, True),
    ("anti-Korupsi", 5, False),  # a lower-case first part
    ("SEA-Games", 4, False),  # an acronym's
    ("Al-Ikhlas", 3, False),  # two letters
    ("x-Okafor-Lindgren", 9, False),  # a hyphen before the first part
])
def test_second_part(text: str, k: int, want: bool) -> None:
    assert names.second_part(text, k) is want


def test_second_parts_reach_the_kernel_walk() -> None:
    """The kernel's walk and its reference keep a hyphenated name's second part alike."""
    res = load_resources()
    text = "Wartawan mewawancarai Amara Okafor-Lindgrensuami dan anti-Korupsiberat di Kuto Baro-Baitussalam."
    ref = fastscan.name_tokens_py(text, res, set())
    assert text.index("Lindgren") in ref[0]
    assert text.index("Korupsi") not in ref[0]
    if fastscan._kernel is not None and fastscan._names_ctx(res) is not None:
        got = fastscan._kernel.name_tokens(text, res.lexicon, fastscan._chars(names.NOT_BEFORE), set(),
                                           fastscan._names_ctx(res))
        assert (list(got[0]), got[1]) == (list(ref[0]), ref[1])


def test_hyphenated_pairs_stay(step: Repair) -> None:
    """Pairs of places are hyphenated too: their second part is glue only before a head noun."""
    text = "Pengendara melintasi jalan Kuto Baro-Baitussalam hingga sore."
    assert alone_and_in_page(step, text) == [text, text]


def test_set13_never_breaks_a_name(step: Repair) -> None:
    cases = load_cases("unseen_dev13a.txt")
    assert summary(run_cases(step, cases))["all"]["broken"] == 0
    assert summary(run_cases(step, page_order(cases), 3))["all"]["broken"] == 0


def test_hyphen_code_repair_is_idempotent(step: Repair) -> None:
    """The moved code keeps its digits with the name: a second pass finds nothing to do."""
    once = fix(step, "Teknisi memperbaiki Satelit Nawangkara-7kamera yang rusak.")
    assert fix(step, once) == once
    assert not names.hyphen_code_possible(once)
