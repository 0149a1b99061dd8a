"""Session 15 (issue 17, repair13): set 16a, traps16, traps15b's false edit inside set-16a pages,
and the rules built with them. Entities in the rule tests are invented and differ from the
evaluation sets' (``unseen_*16a.txt``)."""

from __future__ import annotations

import pytest
from repair_kit import EVIDENCE, alone_and_in_page, assert_traps_untouched, fix, repair_step

from evaluation.repair.unseen import load_cases, page_order, run_cases, summary
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(("traps", "least"), [
    # CamelCase vaccine, K-pop and esports brands, titled people with degrees, coded vessels,
    # demonym titles (written before the session-15 rules)
    ("traps16.txt", 60),
    # brand families: set-16a pages gave one false edit at the session start (``Kainindah|batik``)
    ("traps15b.txt", 40),
])
def test_traps_are_never_edited(step: Repair, traps: str, least: int) -> None:
    """Zero edits alone and inside set-16a pages."""
    assert_traps_untouched(step, traps, least, "unseen_dev16a.txt")


@pytest.mark.parametrize("text", [
    # the walk crossed "dan" into a second name of one family: no site (names._guarded)
    "Toko Rasamurni dan Rasamurnikue berada di pasar yang sama.",
    # a surname under a title that ends in a name tail is one word (``-wati``), no glue
    "Kemarin Hj. Siti Kartikasariwati membuka pengajian.",
    # a count glued to a word after a one-word kind, or after a place head, is no numbered name
    "Panitia membuka Tahap 2pendaftaran pekan depan.",
    "Ia tinggal di Jalan Kenari Wetan 12rumah itu.",
    # a degree glued to a closed-class word or a verb: not a possessive's head
    "Surat itu ditandatangani Andi Saputra, S.H.dan diserahkan kemarin.",
])
def test_look_alikes_of_set16_stay(step: Repair, text: str) -> None:
    assert alone_and_in_page(step, text) == [text, text]


@pytest.mark.parametrize(("glued", "want"), [
    # a noun glued to a coined surname under an abbreviated title (names._titled_person), both forms
    ("Wartawan menemui Ir. Wahyu Sentanu Kartamejaajudan di kantornya.",
     "Wartawan menemui ajudan Ir. Wahyu Sentanu Kartameja di kantornya."),
    ("Wartawan menemui Ir. Wahyu Sentanu KartamejaAjudan di kantornya.",
     "Wartawan menemui ajudan Ir. Wahyu Sentanu Kartameja di kantornya."),
])
def test_titled_person_alone(step: Repair, glued: str, want: str) -> None:
    assert alone_and_in_page(step, glued) == [want, want]


@pytest.mark.parametrize(("glued", "want"), [
    # a numbered vessel's number glued to its possessive's head (names.number_sites)
    ("Polisi memeriksa KM Tirta Sentaruga 7nakhoda kemarin.",
     "Polisi memeriksa nakhoda KM Tirta Sentaruga 7 kemarin."),
    # a degree after a person's name glued to the head noun (names.degree_sites)
    ("Klien memuji Wisnu Hartasmara, S.H.sekretaris yang cekatan.",
     "Klien memuji sekretaris Wisnu Hartasmara, S.H. yang cekatan."),
])
def test_numbers_and_degrees_need_other_glue(step: Repair, glued: str, want: str) -> None:
    """Split and moved on a page with other translator glue; alone, a count or degree glued to a
    word is as often a scraper's join (``2orang``), so nothing changes."""
    assert fix(step, glued) == glued
    assert fix(step, EVIDENCE + glued).split("\n")[-1] == want


def test_set16_never_breaks_a_name(step: Repair) -> None:
    cases = load_cases("unseen_dev16a.txt")
    assert summary(run_cases(step, cases))["all"]["broken"] == 0
    assert summary(run_cases(step, page_order(cases), 3))["all"]["broken"] == 0


@pytest.mark.parametrize("text", [
    # hypothesis (session 15): a glued name's move puts it right before a demonym remnant that a
    # noun preceded in the first pass; find_sites decides on the moved text (idempotent)
    "Jepangpemerintah pemerintah Rusian pemerintah",
    "Kemarin Kanadapejabat tinggi Rusian diplomat bertemu.",
])
def test_repair_is_idempotent_after_a_moved_name(step: Repair, text: str) -> None:
    once = fix(step, text)
    assert fix(step, once) == once
