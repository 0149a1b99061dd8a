"""Repair on whole translated pages (session 17, glue15): no broken name, a page of other glue lifts
a flag the model agrees with, a common word's CamelCase compound stays a flag, and clean trap pages
after a whole glued page come out as the rules leave them. Names invented, absent from the corpora."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_repair_pages as B  # noqa: E402

from evaluation.repair.unseen import ITEM, cases_of  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.repair import scorer as S  # noqa: E402
from saring.repair import step as repair_step  # noqa: E402
from saring.repair.glue import Site  # noqa: E402
from saring.repair.step import Repair  # noqa: E402


@pytest.fixture(scope="module")
def step() -> Repair:
    s = Repair(dedup_paragraphs=False)
    s.ensure_setup()
    return s


def _run(step: Repair, lines: list[str]) -> list[str]:
    doc = Document(id="p", text="\n".join(lines))
    step.process(doc)
    return doc.text.split("\n")


def _no_confirm(text, m, s, res, memo=None):  # noqa: ANN001, ANN202 (confirm's signature)
    return s


FOOTBALL = [
    "Pertandingan final berlangsung di bawah hujan deras.",
    "Sejak menit pertama Persatuan Sepakbola Kedungwaringinpenyerang terus menekan lawan.",
    "Setelah laga, Persatuan Sepakbola Kedungwaringinpelatih memuji para pemainnya.",
]
MARBUNI = "Gol pembuka lahir dari Fernando Sitanggang Marbunitendangan salto pada menit ke-30."  # (repair17 s18: not "tendangan bebas", a compound of head_pairs.tsv the rules repair alone)


def test_model_agrees_on_a_page_of_other_glue(step: Repair, monkeypatch) -> None:
    """A name glued once (``Fernando Sitanggang Marbuni|tendangan``, a flag of the rules) on a page
    that glues another link twice: the model's agreement at its edit threshold lifts it; alone
    (no other glue) or with the hook off it stays glued."""
    moved = "Gol pembuka lahir dari tendangan salto Fernando Sitanggang Marbuni pada menit ke-30."
    assert _run(step, [*FOOTBALL, MARBUNI])[-1] == moved
    assert _run(step, [MARBUNI]) == [MARBUNI]
    monkeypatch.setattr(S, "confirm", _no_confirm)
    assert _run(step, [*FOOTBALL, MARBUNI])[-1] == MARBUNI


CAMEL_PAGE = [
    "Festival dayung digelar di sungai itu.",
    "Sejak pagi Klub Dayung Teluk WarisanPerahu naga sudah berlatih.",
    "Ketua Lomba Perahu Hias Muara KelingPanitia menyerahkan piala kepada kapten tim.",
    "Tim Perkumpulan Dayung Ulu SengkaratPelatih memuji para atlet.",
    "Penonton Dermaga Wisata Batu BelayarPengunjung memadati tepi sungai.",
]


def test_a_page_of_camel_glue_vouches(step: Repair, monkeypatch) -> None:
    """CamelCase links glued line after line, each name once: the page's seams (3 others) vouch
    for the rules' flags the model scores at its CamelCase edit threshold; hook off: they stay
    (line 3's head ``Perkumpulan`` is an organisation head since repair15, so the rules alone now
    repair that line: only line 1 shows the hook's lift)."""
    on = _run(step, CAMEL_PAGE)
    assert on[1] == "Sejak pagi perahu naga Klub Dayung Teluk Warisan sudah berlatih."
    assert on[3] == "Tim pelatih Perkumpulan Dayung Ulu Sengkarat memuji para atlet."
    monkeypatch.setattr(S, "confirm", _no_confirm)
    # (camel19 s19: the seam before an ordinary head, ``Perahu``, lifts line 1 on its own; off
    # here too, so the test still shows what the page's vouching adds)
    monkeypatch.setattr(repair_step, "lift_kind_seams", lambda *_a: None)
    off = _run(step, CAMEL_PAGE)
    assert off[1] == CAMEL_PAGE[1]
    assert off[3] == on[3]


@pytest.mark.parametrize(
    ("line", "name", "word"),
    [
        (
            "Keluarga menolak dr. Ratna Kusumalestari Wonggowiryohasil visum dan meminta tes ulang.",
            "dr. Ratna Kusumalestari Wonggowiryo",
            "hasil",
        ),
        (
            "Dalam Ny.Hj. Sekar Wulanratri Pambudiarsaceramah mengajak jamaah menjaga kebersihan.",
            "Ny.Hj. Sekar Wulanratri Pambudiarsa",
            "ceramah",
        ),
    ],
)
def test_a_title_abbreviation_keeps_the_name_whole(step: Repair, line, name, word) -> None:
    """A title's abbreviation before the rules' name: split, never moved inside the title."""
    page = [*FOOTBALL, line]
    out = _run(step, page)[-1]
    assert name in out
    assert word in out.replace(name, " ")


TRANSFER = [
    "Penyerang sayap asal Peru Mateo Quelcahuanca bergabung dengan klub itu pada 2021.",
    "Gol Mateo QuelcahuancaTendangan bebas menyelamatkan tim dari degradasi.",
    "Pada musim berikutnya Mateo QuelcahuancaCedera lutut membuatnya absen dua bulan.",
    "Mateo Quelcahuanca kemudian pulang ke Peru.",
]


def test_a_one_word_site_inside_a_name_never_breaks_it(step: Repair) -> None:
    """The later name scan reads ``Quelcahuanca|Cedera`` as a one-word name inside the flagged
    ``Mateo Quelcahuanca|Cedera``: it splits only, the name stays whole on every line."""
    out = _run(step, TRANSFER)
    assert all("Mateo Quelcahuanca" in ln for ln in out)
    assert out[1] == "Gol tendangan bebas Mateo Quelcahuanca menyelamatkan tim dari degradasi."


def test_keep_names_whole_marks_only_sites_inside_a_longer_name() -> None:
    text = "Pada musim itu Mateo QuelcahuancaCedera lutut kambuh."
    k = text.index("Quelcahuanca")
    rest = text.index("Cedera")
    outer = Site(text.index("Mateo"), rest + 6, "Mateo Quelcahuanca", "camel", rest, "Cedera", 0.7)
    inner = Site(k, rest + 6, "Quelcahuanca", "camel", rest, "Cedera", 0.75)
    alone = Site(0, 4, "Pada", "glue", 2, "da", 0.9)
    S.keep_names_whole(text, [outer, inner, alone])
    assert inner.no_move and not outer.no_move and not alone.no_move


WARUNG = "Ia menjual anyaman melalui WarungKampung sejak tahun lalu."


def test_a_common_word_camel_compound_stays_a_flag(step: Repair) -> None:
    """``WarungKampung``: a one-word name that is a common word, CamelCase: a brand's compound
    as often as a glued link; neither alone nor after a page of glue is it moved."""
    assert _run(step, [WARUNG]) == [WARUNG]
    assert _run(step, [*FOOTBALL, WARUNG])[-1] == WARUNG
    assert _run(step, [*CAMEL_PAGE, WARUNG])[-1] == WARUNG


def _glued_pages(form: str) -> list[list[str]]:
    return [
        [
            next(c for c in cases_of(ln, "p") if c.form in (form, "list")).corrupted
            if ITEM.search(ln)
            else ln
            for ln in page
        ]
        for _k, page in B.set_pages("dev17b")
    ]


def _trap_pages_after(step: Repair, name: str, form: str) -> list[list[str]]:
    glued = _glued_pages(form)
    out = []
    for i, page in enumerate(B.pages(name)):
        before = glued[i % len(glued)]
        out.append(_run(step, [*before, *page])[len(before) :])
    return out


@pytest.mark.parametrize("form", ["glue", "camel"])
@pytest.mark.parametrize("name", ["pages_traps16b.txt", "pages_traps17b.txt"])
def test_trap_pages_after_a_glued_page(step: Repair, monkeypatch, name: str, form: str) -> None:
    """Whole clean trap pages after a whole glued page (the most page evidence a look-alike can
    borrow): the hook adds no edit to what the rules do (it may only leave one), and on ``pages_traps16b`` (a repeated
    name beside a two-member family written solid) nothing changes at all."""
    with_hook = _trap_pages_after(step, name, form)
    if name == "pages_traps16b.txt":
        assert with_hook == B.pages(name)
    monkeypatch.setattr(S, "confirm", _no_confirm)
    monkeypatch.setattr(repair_step, "keep_names_whole", lambda text, sites: None)
    without = _trap_pages_after(step, name, form)
    for clean, on, off in zip(B.pages(name), with_hook, without, strict=True):
        for a, b, c in zip(clean, on, off, strict=True):
            assert b in (a, c), f"the hook edits a trap: {a!r} -> {b!r}"
