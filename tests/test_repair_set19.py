"""Session 17 (issue 17, repair15): mechanisms for writer B's misses and traps (session 16's blind
set, now dev material). Shapes, not strings: a bare common head is no name, a shop's head and kind
noun before a solid compound, a demonym opening a coined name, measure prepositions and ordinals in
the head phrase, an organisation head opening the name after a common initial noun, a hyphenated
name's second part, two list items joined on a known name. Entities are invented, absent from the
shared corpora, and differ from writer B's and every set's."""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, repair_step

from evaluation.blind16.run_repair_pii_langid import DATA as BLIND16
from evaluation.repair.unseen import lines_in
from saring.repair import glue, names
from saring.repair.resources import load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(
    "text",
    [
        "Ia berdagang lewat PasarKampung sejak lama.",  # a bare common head: a brand written solid
        "Toko kue Golden Leaf Sumberlaut buka kembali.",  # head + kind noun, then a solid compound
        "Grup Koreanan tampil malam ini.",  # a name coined on a demonym (Korean-an)
    ],
)
def test_trap_shapes_are_never_edited(step: Repair, text: str) -> None:
    """Alone and after other translator glue on the page: no edit."""
    assert alone_and_in_page(step, text) == [text, text]


def test_writer_b_traps_alone_and_after_a_glued_page(step: Repair) -> None:
    """Writer B's 106 traps (session 16): no edit alone, nor at the end of a glued page."""
    from evaluation.blind16.run_repair_pii_langid import pages, trap_edits, traps_in_pages
    from evaluation.repair.unseen import ITEM, cases_of

    glued = [
        next(c for c in cases_of(ln, "p") if c.form == "glue").corrupted
        for page in pages("repair_pages_blind16.txt")
        for ln in page
        if ITEM.search(ln)
    ]
    for ctx in ([], glued):
        n, bad, _flagged, lines = trap_edits(step, ctx)
        assert n >= 100 and bad == 0, lines
    n, bad, lines = traps_in_pages(step)
    assert bad == 0, lines
    assert len(lines_in(BLIND16 / "repair_traps_blind16.txt")) == n


def test_bare_head_is_a_common_head_alone() -> None:
    res = load_resources()
    assert names._bare_head("Pasar", res) and names._bare_head("Toko", res)
    assert not names._bare_head("Polsek", res)  # an office head writers rarely write in lower case


def test_demonym_opening_caps_a_three_letter_glue() -> None:
    assert glue._demonym_opening("Kenya", "nan") and glue._demonym_opening("Irak", "ian")
    assert not glue._demonym_opening("Jepang", "tim")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # a measure preposition ends the head phrase (base moved "seharga" with it: a flag)
            "Investor membeli PT Sinar Jaya Wirakandhisebagian saham seharga Rp5 miliar.",
            "Investor membeli sebagian saham PT Sinar Jaya Wirakandhi seharga Rp5 miliar.",
        ),
        (  # an ordinal numbers its noun (base: "edisi Majalah ... pertama")
            "Pembaca menantikan Majalah Dongeng Wonosarigaedisi pertama bulan depan.",
            "Pembaca menantikan edisi pertama Majalah Dongeng Wonosariga bulan depan.",
        ),
        (  # an organisation head opens the name after a common initial noun (base: split only)
            "Rapat Komite Sekolah Dasar Negeri Sumberagungopengurus berlangsung lama.",
            "Rapat pengurus Komite Sekolah Dasar Negeri Sumberagungo berlangsung lama.",
        ),
        (  # a hyphenated name's second part, a noun both languages write (base: nothing)
            "Panitia memutar Ilse Vandermeulen-Rostandfilm pendek pada malam pembukaan.",
            "Panitia memutar film pendek Ilse Vandermeulen-Rostand pada malam pembukaan.",
        ),
        (  # a coined surname glued to a known given name that opens a full name (base: nothing)
            "Diskusi dipandu Ingrid LindqvarenMaria Ribeiro Cardoso, dan seorang moderator.",
            "Diskusi dipandu Ingrid Lindqvaren, Maria Ribeiro Cardoso, dan seorang moderator.",
        ),
    ],
)
def test_writer_b_shapes_are_repaired(step: Repair, text: str, want: str) -> None:
    assert alone_and_in_page(step, text) == [want, want]


def test_halves_are_fixed_by_hash() -> None:
    """The dev / held-out split of writer B's cases is the one written in the notes (52 / 64)."""
    from evaluation.repair.halves16 import half_of

    halves = [half_of(ln) for ln in lines_in(BLIND16 / "repair_blind16.txt")]
    assert halves.count("dev") == 52 and halves.count("heldout") == 64


ACRONYM_LIST = "Dana itu disalurkan Koperasi Tani TirtasarayaBPR Giriwangsa Makmur, dan bank lain."


def test_list_item_opened_by_an_acronym(step: Repair) -> None:
    """``TirtasarayaBPR Giriwangsa Makmur, dan``: the second item opens with an organisation's
    acronym (base: no site; LIST_TOKEN took two words only)."""
    want = "Dana itu disalurkan Koperasi Tani Tirtasaraya, BPR Giriwangsa Makmur, dan bank lain."
    assert alone_and_in_page(step, ACRONYM_LIST) == [want, want]


def test_kernel_and_reference_keep_the_acronym_list_token() -> None:
    """The kernel's ``list_shaped`` and ``names.list_shaped`` agree: kept before ``" B"``, not
    at a sentence end or before lower-case text."""
    from saring.repair import fastscan

    res = load_resources()
    k = ACRONYM_LIST.index("Tirtasaraya")
    assert names.list_shaped(ACRONYM_LIST, k, "TirtasarayaBPR")
    assert not names.list_shaped("Dana TirtasarayaBPR.", 5, "TirtasarayaBPR")
    assert not names.list_shaped("Dana TirtasarayaBPR naik.", 5, "TirtasarayaBPR")
    for text in (ACRONYM_LIST, "Dana TirtasarayaBPR.", "Dana TirtasarayaBPR naik, dan lain."):
        live = fastscan.name_tokens(text, res, set(), 2000, 100)
        if live is not None:  # (no kernel: the full walk)
            assert [m.start() for m in live] == fastscan.name_tokens_py(text, res, set())[0]
