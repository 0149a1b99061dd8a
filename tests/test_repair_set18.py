"""Session 16 (issue 17, repair14): traps18 and the rules built on set 17a. A broken name is worse
than no edit: a cut before a CamelCase boundary, a head one vowel shorter than the split took, and
an ``-ian`` demonym on a base no gazetteer knows are flags or better, never torn names. Entities in
these tests are invented and differ from the trap files' and set 17a's."""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, assert_traps_untouched, repair_step

from saring.document import Document
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


def _repaired(step: Repair, text: str) -> tuple[str, list[dict]]:
    doc = Document(id="t", text=text)
    step.process(doc)
    return doc.text, doc.flags


def test_traps18_are_never_edited(step: Repair) -> None:
    """Zero edits alone and inside set-17a pages (other translator glue on the page)."""
    assert_traps_untouched(step, "traps18.txt", 66, "unseen_dev17a.txt")


def test_camel_boundary_is_where_the_name_ends(step: Repair) -> None:
    """``KarangwidaLokasi``: base cut ``Karangwid|aLokasi`` (``agamis``-like words pass the
    lexicon); a lower-case part with a capital inside is no word."""
    text = "Panitia memindahkan Festival Rambutan Lembah KarangwidaLokasi ke alun-alun."
    want = "Panitia memindahkan lokasi Festival Rambutan Lembah Karangwida ke alun-alun."
    assert alone_and_in_page(step, text) == [want, want]


def test_vowel_shorter_head_is_flagged_not_moved(step: Repair) -> None:
    """``Karangwidalokasi``: ``alokasi`` and ``lokasi`` are both heads; the name's last vowel is
    unclear, so the text stays and a reviewer sees a flag."""
    text = "Panitia memindahkan Festival Rambutan Lembah Karangwidalokasi ke alun-alun."
    assert alone_and_in_page(step, text) == [text, text]
    out, flags = _repaired(step, text)
    assert out == text and any(f["kind"] == "mt_glue" for f in flags), flags


@pytest.mark.parametrize("text", ["Ia mempelajari Martinian lagu rakyat di Eropa."])
def test_ian_on_an_unknown_base_is_a_flag(step: Repair, text: str) -> None:
    """``Martin|ian`` or ``Martinia|n``: no gazetteer place vouches for the shorter base."""
    out, flags = _repaired(step, text)
    assert out == text and flags


def test_ian_on_a_gazetteer_place_still_moves(step: Repair) -> None:
    assert (
        alone_and_in_page(step, "Ia mempelajari Iranian lagu rakyat di Teheran.")
        == ["Ia mempelajari lagu rakyat Iran di Teheran."] * 2
    )


@pytest.mark.parametrize(
    "text",
    [
        # a place after a branch word whose first part is a word of its own (names._branch_place)
        "Nasabah BPR Arthamulya Cabang Lubukwayang antre sejak pagi.",
        "Nasabah BPR Arthamulya Cabang Muarapenari antre sejak pagi.",
        "Nasabah Bank Sentosa Cabang Lubukpelukis antre sejak pagi.",
        # office heads and legal forms before running text
        "Polsek Gadingwaru Selatan menahan dua orang.",
        "Saham PT Lintas Graha Sejahtera Tbk naik tajam.",
        "Kapal MV Pacific Lorinda berlabuh di Batam.",
    ],
)
def test_look_alikes_of_set18_stay(step: Repair, text: str) -> None:
    assert alone_and_in_page(step, text) == [text, text]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a legal form ends the firm's name: a short head after it is glue (names.LEGAL_ENDS)
        (
            "Investor menyoroti PT Lintas Graha Sejahtera Tbklaba yang turun.",
            "Investor menyoroti laba PT Lintas Graha Sejahtera Tbk yang turun.",
        ),
        # a vessel prefix opens the name (org_heads.txt: MV, KM, KRI ...)
        (
            "Kemarin MV Pacific Lorindanakhoda ditahan di Batam.",
            "Kemarin nakhoda MV Pacific Lorinda ditahan di Batam.",
        ),
    ],
)
def test_set18_shapes_are_repaired(step: Repair, text: str, want: str) -> None:
    assert alone_and_in_page(step, text) == [want, want]


def test_chief_of_an_office_is_a_head_in_a_page(step: Repair) -> None:
    """``kapolres`` = ka- + Polres: moved in a page with other glue, a flag alone."""
    text = "Kemarin Polres Tanjung Gadingwaru Selatankapolres dimutasi."
    alone, page = alone_and_in_page(step, text)
    assert alone == text
    assert page == "Kemarin kapolres Polres Tanjung Gadingwaru Selatan dimutasi."


def test_a_verb_after_a_legal_form_is_not_moved(step: Repair) -> None:
    """``Tbkturun``: a scraper's join with a verb; never moved before the name."""
    text = "Harga saham PT Lintas Graha Sejahtera Tbkturun tajam."
    for out in alone_and_in_page(step, text):
        assert "turun PT" not in out
