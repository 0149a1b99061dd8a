"""Link glue left by scrapers is split, never reordered as if it were MT possessive glue.

Found by reading repairs on the multi-outlet and GitHub news scrapes, where every reorder before a
direction, an auxiliary/adverb/adjective, a ber- verb or a capitalised name was wrong. The
sentences here are ours; several glue sites per document raise the step's confidence the way a
heavily glued scraped page does.
"""

from __future__ import annotations

import pytest

from saring import Document
from saring.repair.glue import Site, mark_scrape_joins
from saring.repair.step import Repair

CASES = [
    ("Chinaterbaru", "China terbaru"),
    ("Korea Utaraberencana", "Korea Utara berencana"),
    ("Gazaselatan", "Gaza selatan"),
    ("JakartaPramono", "Jakarta Pramono"),
    ("Israelsejauh", "Israel sejauh"),
    ("Indonesiabakal", "Indonesia bakal"),
]


@pytest.mark.parametrize("glued, split", CASES)
def test_scrape_glue_is_split_not_reordered(glued: str, split: str) -> None:
    step = Repair()
    step.ensure_setup()
    text = (
        f"Menurut laporan itu, {glued} menjadi sorotan para pengamat di kawasan itu. "
        "Warga Rusiamengatakan situasi tetap tenang, sementara Jepangmenyatakan siap membantu "
        "dan Iranmengeluarkan pernyataan resmi pada Senin malam."
    )
    doc = Document("s", text)
    step.process(doc)
    entity, word = split.rsplit(" ", 1)
    reordered = f"{word} {entity}"
    assert reordered not in doc.text and reordered.lower() not in doc.text.lower()
    assert glued in doc.text or split in doc.text  # split, or left alone and flagged
    assert doc.undo() == text


def test_quantifier_after_capitalised_glue_is_still_reordered() -> None:
    step = Repair()
    step.ensure_setup()
    doc = Document("q", "Pada hari Kamis RusiaSeorang pemimpin tiba di tempat itu lebih awal.")
    step.process(doc)
    assert "seorang pemimpin Rusia tiba" in doc.text


def _name_site(text: str, name: str, word: str) -> Site:
    start = text.index(name + word)
    s = Site(start, start + len(name + word), name, "glue", start + len(name), word, 0.8)
    s.name = True
    return s


def test_list_items_glued_by_a_scraper_mark_name_glue_as_scrape() -> None:
    """A spec list whose items lost their separators (``50MPlensa``, ``5000mAhpengisian``,
    ``USBlampu``) is a scraper's page: glue on a name there is split, never moved."""
    text = ("Fitur lain: kamera 50MPlensa lebar, baterai 5000mAhpengisian cepat, port USBlampu "
            "LED, rem Bremboharga murah.")
    site = _name_site(text, "Brembo", "harga")
    mark_scrape_joins(text, [site])
    assert site.scrape and site.no_move
    clean = "Fitur lain: kamera 50 MP, baterai 5000 mAh, port USB, rem Bremboharga murah."
    site = _name_site(clean, "Brembo", "harga")
    mark_scrape_joins(clean, [site])
    assert not site.scrape and not site.no_move
