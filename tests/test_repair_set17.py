"""Session 15 (issue 17, prec13): traps17 and the two rule guards built on it: a one-word title of
two common words after a noun that heads names (``album Hujan|bulan``), and a trade good glued to a
name the document also writes free (``Toko Kain Wiraduta|batik``). Entities in these tests are
invented and differ from the trap files'."""

from __future__ import annotations

import pytest
from repair_kit import alone_and_in_page, assert_traps_untouched, repair_step

import bench.bench_repair_pages as B
from saring.document import Document
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


@pytest.mark.parametrize(("traps", "least"), [("traps17.txt", 46), ("traps16b.txt", 55)])
def test_traps_are_never_edited(step: Repair, traps: str, least: int) -> None:
    """Zero edits alone and inside set-16a pages (other translator glue on the page)."""
    assert_traps_untouched(step, traps, least, "unseen_dev16a.txt")


def test_trap_pages_are_never_edited(step: Repair) -> None:
    """``pages_traps16b.txt`` repaired page by page, as one document each: no line changes."""
    for page in B.pages("pages_traps16b.txt"):
        doc = Document(id="p", text="\n".join(page))
        step.process(doc)
        assert doc.text.split("\n") == page


@pytest.mark.parametrize(
    "text",
    [
        # a title of two common words right after a noun that heads names (names._solid_title)
        "Pendengar menantikan album Kacajendela dari penyanyi itu.",
        "Penonton bertepuk tangan untuk grup Payungkertas di panggung utama.",
        # ... also a rarer word of the language (Zipf >= 3), in a page with other glue
        "Pembatik memamerkan motif Parangpecah di balai desa.",
        # a trade good glued to a name the line also writes free: a branch (names._family_branch)
        "Toko Kain Gandawirya menjual kain polos, dan Toko Kain Gandawiryabatik menjual batik.",
        "Kedai Sarwalaksa buka pagi, sedangkan Kedai Sarwalaksakopi buka malam.",
    ],
)
def test_look_alikes_of_set17_stay(step: Repair, text: str) -> None:
    assert alone_and_in_page(step, text) == [text, text]


def test_family_branch_is_flagged_not_dropped(step: Repair) -> None:
    """The branch guard caps the site to a flag: the reviewer still sees the suggestion."""
    text = "Kedai Sarwalaksa buka pagi, sedangkan Kedai Sarwalaksakopi buka malam."
    doc = Document(id="f", text=text)
    step.process(doc)
    assert doc.text == text
    assert any("Sarwalaksakopi" in str(f) for f in doc.flags), doc.flags
