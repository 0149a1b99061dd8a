"""Session 14 (issue 17, repair12): set 15a, traps15, traps13b's two false edits, and the rules
built with them. Entities in the rule tests are invented and differ from the evaluation sets'
(``unseen_*15a.txt``)."""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, assert_traps_untouched, repair_step

from evaluation.repair.unseen import load_cases, page_order, run_cases, summary
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(("traps", "least"), [
    # solid names and brands ending in words, CamelCase brands, demonym words after their noun
    # (glue11's, session 13: two false edits by older rules at the session start)
    ("traps13b.txt", 45),
    # English+Indonesian brands, one-capital codes, -ian given names, worship and trade words in
    # places (written before the session-14 rules)
    ("traps15.txt", 45),
])
def test_traps_are_never_edited(step: Repair, traps: str, least: int) -> None:
    """Zero edits alone and inside set-15a pages."""
    assert_traps_untouched(step, traps, least, "unseen_dev15a.txt")


@pytest.mark.parametrize("text", [
    # a demonym after the noun it modifies is Indonesian order already (glue.py ``_noun_before``)
    "Ia memesan kopi Acehnese asli di kedai itu.",
    "Mereka menonton tari Sundanese klasik di pendopo.",
    # an adjective heads many names (``Terang Bulan``) but is no role: a shop's name written solid
    "Toko Bintangterang menjual lampu hias.",
    # a code opened by one capital after a single class word is no coined name's code
    "Ia minum Vitamin B-12tablet setiap pagi.",
    # a more frequent word runs across the split point: the glued word is longer than the lexicon knows
    "Warga memuji Kanal Sajian Wiraloka Nusakameramen yang sigap.",
    # a plain noun is no head after an English word or surname (``Metode Walker|reksa dana``)
    "Hasilnya diuji dengan Metode Walkerreksa dana yang stabil.",
    # never the plain noun ``ratap`` where a tagged shorter part (``atap``) ends the token
    "Umat memperbaiki Klenteng Hok Seng Tirtasekaratap setelah hujan.",
    # the scorer gets no token only a plain noun splits (``Anti|radikalisme`` is one word, no glue)
    "Para rektor menandatangani Piagam Antiradikalisme yang dibacakan di aula kampus kemarin.",
    "Sebanyak dua puluh sekolah mengikuti Gerakan Antiradikalisme yang digelar di alun-alun kota.",
])
def test_indonesian_order_and_solid_shops_stay(step: Repair, text: str) -> None:
    assert alone_and_in_page(step, text) == [text, text]


@pytest.mark.parametrize(("glued", "want"), [
    # ... while the translator's remnant before its noun, after a verb, still moves
    ("Mereka menonton Sundanese tari klasik di pendopo.", "Mereka menonton tari klasik Sunda di pendopo."),
    # a run ended by an English word after an Indonesian opener (names._english_last)
    ("Pengembang memindahkan Sejuk Data Hubserver ke Medan.", "Pengembang memindahkan server Sejuk Data Hub ke Medan."),
    # a root word no list tags glued where a run ends on a coined word (names._plain_noun)
    ("Warga mengagumi Menara Jam Wirasentanalonceng yang berdentang.",
     "Warga mengagumi lonceng Menara Jam Wirasentana yang berdentang."),
    # a code opened by one capital after a run of 2+ words (names._coded_run), both forms
    ("Teknisi menguji Kapal Selam Hiu Biru S-21mesin di dermaga.",
     "Teknisi menguji mesin Kapal Selam Hiu Biru S-21 di dermaga."),
    ("Teknisi menguji Kapal Selam Hiu Biru S-21Mesin di dermaga.",
     "Teknisi menguji mesin Kapal Selam Hiu Biru S-21 di dermaga."),
])
def test_shapes_of_set15(step: Repair, glued: str, want: str) -> None:
    assert alone_and_in_page(step, glued) == [want, want]


def test_set15_never_breaks_a_name(step: Repair) -> None:
    cases = load_cases("unseen_dev15a.txt")
    assert summary(run_cases(step, cases))["all"]["broken"] == 0
    assert summary(run_cases(step, page_order(cases), 3))["all"]["broken"] == 0
