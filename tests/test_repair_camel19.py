"""A CamelCase seam before an ordinary head noun (session 19, camel19): the seam is the
translator's evidence for its own flagged name site (``saring.repair.camel_seam``). Names invented,
absent from the corpora; the sentences are written for these tests."""

from __future__ import annotations

import pytest

from saring.document import Document
from saring.repair.camel_seam import ordinary_head
from saring.repair.resources import Resources, load_resources
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def res() -> Resources:
    return load_resources()


@pytest.fixture(scope="module")
def step() -> Repair:
    s = Repair(dedup_paragraphs=False)
    s.ensure_setup()
    return s


def _run(step: Repair, text: str) -> Document:
    doc = Document(id="t", text=text)
    step.process(doc)
    return doc


@pytest.mark.parametrize("word", ["Program", "Klub", "Pameran", "Aplikasi", "Lagu"])
def test_ordinary_heads(word: str, res: Resources) -> None:
    assert ordinary_head(word, res)


@pytest.mark.parametrize(
    "word",
    [
        "Ketua",  # a title word: writers capitalise it before names (titled people, not this rule)
        "Festival",  # opens names as often as it is written in lower case
        "Presiden",
        "Baca",  # heads names too rarely ("Baca juga" after a scraper's join)
        "Rumah",  # opens names (Rumah Sakit) and heads linked names under a tenth of its uses
        "Pelukis",  # too rare in lower case in the news layer to tell
        "Menolak",  # a verb
    ],
)
def test_not_ordinary_heads(word: str, res: Resources) -> None:
    assert not ordinary_head(word, res)


@pytest.mark.parametrize(
    ("glued", "clean"),
    [
        (
            "Pendaftaran Kartu Petani Lestari RayaProgram bantuan dibuka pekan depan.",
            "Pendaftaran program bantuan Kartu Petani Lestari Raya dibuka pekan depan.",
        ),
        (
            "Penonton memadati Gelar Seni Rantau MerapiPameran lukisan yang dibuka kemarin.",
            "Penonton memadati pameran lukisan Gelar Seni Rantau Merapi yang dibuka kemarin.",
        ),
    ],
)
def test_seam_moves_its_own_site(step: Repair, glued: str, clean: str) -> None:
    doc = _run(step, glued)
    assert doc.text == clean
    assert [e.kind for e in doc.edits] == ["mt_glue_reorder"]
    assert _run(step, doc.text).text == clean  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "Jasa kirim LontarKargo menaikkan tarif mulai bulan depan.",  # one word: a brand of two
        "Gema Lontar TimurKlub sepak bola mundur setelah kekalahan beruntun.",  # line's first name
        "Pelatih Gema Lontar TimurKlub sepak bola mundur setelah kekalahan beruntun.",  # phrase end unclear
        "Pelatih Gema Lontar TimurKetua umum mundur setelah kekalahan beruntun.",  # a title word
        "Pelatih Gema Lontar TimurKlub Budi mundur.",  # another name after the head
        "Kami menginap di Penginapan Teluk BiduriProgram wisata itu mahal.",  # after a locative
    ],
)
def test_seam_alone_is_not_enough(step: Repair, text: str) -> None:
    assert _run(step, text).text == text


def test_lift_does_not_spread_to_other_lines(step: Repair) -> None:
    """A lifted site moves; the shapes the lift refuses stay as written in the same document
    (a brand of two words, a phrase whose end is unclear, a seam before a capitalised word)."""
    lines = [
        "Pendaftaran Kartu Petani Lestari RayaProgram bantuan dibuka pekan depan.",
        "Jasa kirim LontarKargo menaikkan tarif mulai bulan depan.",
        "Karya Raka Wiradiputra Pelukis muda dipamerkan.",
        "Pelatih Gema Lontar TimurKlub sepak bola mundur setelah kekalahan beruntun.",
    ]
    out = _run(step, "\n".join(lines)).text.split("\n")
    assert out[0] == "Pendaftaran program bantuan Kartu Petani Lestari Raya dibuka pekan depan."
    assert out[1:] == lines[1:]
