"""Repair on whole translated pages (session 18, glue17): a lower-case noun right before a name may
be the link's own head (``[[kopi Arabika ...]]``), so a page's lift splits only there; a page of
the translator's CamelCase glue moves again after the scrape-join count marked it. Names invented,
absent from the corpora."""

from __future__ import annotations

import re

import pytest

from saring.repair import scorer as S
from saring.repair.glue import Site
from saring.repair.resources import Resources, load_resources


@pytest.fixture(scope="module")
def res() -> Resources:
    return load_resources()


def _before(text: str, name: str, res: Resources) -> bool:
    return S._head_before(text, text.index(name), name, res)


def test_noun_before_name_may_head_the_link(res: Resources) -> None:
    assert _before("Harga teh Melati Bukit Sarang naik.", "Melati Bukit Sarang", res)
    assert _before("Kami ke bengkel Sinar Roda Abadi kemarin.", "Sinar Roda Abadi", res)


@pytest.mark.parametrize(
    "text",
    [
        "Warga membeli Melati Bukit Sarang kemarin.",  # a verb
        "Bibit itu berasal dari Melati Bukit Sarang tahun lalu.",  # a preposition
        "Penjualan produk terbitan Melati Bukit Sarang naik.",  # -an noun: takes a complement
        "Pengunjung berfoto di depan Melati Bukit Sarang siang itu.",  # a place noun
        "Harga teh Melati Bukit Sarang naik. Melati Bukit Sarang menolak.",  # named without it
        "Harga teh. Melati Bukit Sarang naik.",  # no word right before
    ],
)
def test_no_link_head_before(text: str, res: Resources) -> None:
    assert not _before(text, "Melati Bukit Sarang", res)


def _flag(text: str, name: str, right: str) -> tuple[re.Match[str], Site]:
    start = text.index(name)
    tok = re.compile(r"\S+").match(text, text.rfind(" ", 0, start + len(name)) + 1)
    assert tok is not None
    rest = start + len(name)
    s = Site(start, rest + len(right), name, "glue", rest, right, 0.7, needs_evidence=1, cap=0.7)
    s.name = True
    return tok, s


@pytest.mark.parametrize(
    ("before", "right", "no_move"),
    [("Harga teh", "komoditas", True), ("Warga membeli", "komoditas", False)],
)
def test_lift_splits_only_after_a_link_head(
    before: str, right: str, no_move: bool, res: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page vouches (patched): the lift still makes an edit, a split only where the noun
    before may be the link's head; after a verb the move stays."""
    monkeypatch.setattr(S, "_page_vouches", lambda *a: True)
    text = f"{before} Melati Bukit Sarang{right} naik tajam di pasar lelang."
    m, s = _flag(text, "Melati Bukit Sarang", right)
    out = S.confirm(text, m, s, res)
    assert out.cap >= 0.99 and out.no_move is no_move


def test_name_head_glued_keeps_the_move(res: Resources) -> None:
    """``anggota Mina Raya Sentosa|koperasi``: the glued word opens names, the noun before is
    outside the link."""
    text = "Nelayan anggota Mina Raya Sentosakoperasi menerima bantuan."
    _, s = _flag(text, "Mina Raya Sentosa", "koperasi")
    assert not S._link_head_before(text, s, res)
    _, s = _flag(text.replace("koperasi", "komoditas"), "Mina Raya Sentosa", "komoditas")
    assert S._link_head_before(text.replace("koperasi", "komoditas"), s, res)


PAGE = [
    "JAKARTA - PT Wiratama Gas NusantaraPerusahaan energi menambah pasokan elpiji.",
    "Menurut Hendra Kusumalaga PrawiroDirektur pemasaran, pasokan naik sepuluh persen.",
    "Dana proyek berasal dari Lembaga Pembiayaan Energi Kawasan TimurBank pembangunan dan kas.",
    "Sebelumnya, PT Wiratama Gas NusantaraPesaing juga menambah armada.",
]
NAMES = [
    "PT Wiratama Gas Nusantara",
    "Hendra Kusumalaga Prawiro",
    "Lembaga Pembiayaan Energi Kawasan Timur",
    "PT Wiratama Gas Nusantara",
]


def _scraped_sites(lines: list[str], names: list[str]) -> tuple[str, list[Site]]:
    """The rules' confident CamelCase name sites, every one marked a scrape join."""
    text, sites, pos = "\n".join(lines), [], 0
    for ln, name in zip(lines, names, strict=True):
        start = text.index(name, pos)
        rest = start + len(name)
        right = re.compile(r"[A-Z][a-z]+").match(text, rest)
        assert right is not None
        s = Site(start, right.end(), name, "camel", rest, right.group(), 0.85)
        s.name = s.no_move = s.scrape = True
        sites.append(s)
        pos += len(ln) + 1
    return text, sites


def test_page_of_camel_glue_moves_again(res: Resources) -> None:
    text, sites = _scraped_sites(PAGE, NAMES)
    S.lift_page_camel(text, sites, res)
    assert [s.no_move for s in sites] == [False] * 4


def test_two_camel_sites_stay_split_only(res: Resources) -> None:
    text, sites = _scraped_sites(PAGE[1:3], NAMES[1:3])
    S.lift_page_camel(text, sites, res)
    assert all(s.no_move and s.scrape for s in sites)


def test_headlines_joined_stay_split_only(res: Resources) -> None:
    """Each name first on its line: a scraper's headline joins, whatever the page's count."""
    lines = [re.sub(r"^.*?(?=PT|Hendra|Lembaga)", "", ln) for ln in PAGE]
    text, sites = _scraped_sites(lines, NAMES)
    S.lift_page_camel(text, sites, res)
    assert all(s.no_move and s.scrape for s in sites)


def test_camel_lift_keeps_a_link_head_whole(res: Resources) -> None:
    lines = [*PAGE[:3], "Harga teh Melati Bukit SarangKomoditas naik tajam di pasar."]
    text, sites = _scraped_sites(lines, [*NAMES[:3], "Melati Bukit Sarang"])
    S.lift_page_camel(text, sites, res)
    assert [s.no_move for s in sites] == [False, False, False, True]
