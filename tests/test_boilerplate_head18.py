"""Session-18 head grammar (``saring.boilerplate.headgrammar``): section menus told from
headlines by the page's own evidence (url sections, the active section under the menu, the url
slug naming the headline), date rows without separators, head photo captions, drawn rules, the
site name over a breadcrumb; and the page scorer's headline sidecar.

Every page here is invented for saring (outlets, places and people made up); none of the text
is in ../shared/corpora or in evaluation/. Each furniture shape has a headline or body twin that
must stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.boilerplate import headlines as H
from evaluation.boilerplate import unseen as U
from saring.boilerplate.headgrammar import (
    NO_URL,
    is_bare_date_row,
    is_head_caption,
    is_section_menu,
    url_words,
)
from saring.boilerplate.step import Boilerplate
from saring.document import Document
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Warga Desa Lembayung memperbaiki jembatan bambu yang hanyut setelah hujan deras pekan lalu.",
    "Perbaikan dikerjakan bergotong royong dan ditargetkan selesai sebelum anak sekolah masuk.",
    "Kepala desa meminta dinas pekerjaan umum membantu besi dan semen untuk tiang jembatan.",
]
HEADLINE = "Warga Lembayung Bangun Ulang Jembatan Bambu yang Hanyut"
URL = "https://www.kabarlembayung.id/daerah/2026/12/warga-bangun-ulang-jembatan-bambu"
MENU = "Warta Daerah Pasar Tani Cuaca Komunitas Opini"

step = shape_tests.step  # the same module-scoped set-up fixture


def run(step: Boilerplate, text: str, url: str | None = URL) -> Document:
    """The page through the step (undo checked), on this file's outlet by default."""
    return shape_tests.run(step, text, url)


def kept(step: Boilerplate, head: list[str], url: str | None = URL) -> list[str]:
    """The head lines left after the step, on a page with this file's body."""
    doc = run(step, "\n".join([*head, *BODY]), url)
    return [ln for ln in doc.text.split("\n") if ln and ln not in BODY]


def test_url_words():
    assert url_words(URL) == (("daerah",), frozenset("warga bangun ulang jembatan bambu".split()))
    assert url_words("https://x.id/gaya-hidup/tips-hemat.html") == (
        ("gaya hidup",),
        frozenset({"tips", "hemat"}),
    )
    assert url_words(None) == NO_URL and url_words("kabar lembayung") == NO_URL


@pytest.mark.parametrize(
    "line, below, url",
    [
        (MENU, HEADLINE, URL),  # "Daerah" is the url's section
        ("Warta Pasar Tani Cuaca Komunitas", "Pasar Tani", None),  # the active section
        ("Warta Pasar Tani Cuaca Komunitas", "Beranda > Cuaca > Hujan Es", None),  # a crumb item
        ("Warta Pasar Tani Cuaca Komunitas", "Beranda > Warta", None),
        ("HOME DAERAH LEMBAYUNG", HEADLINE, URL),  # home first, a url section after it
    ],
)
def test_section_menus(line, below, url):
    assert is_section_menu(line, below, url_words(url))


@pytest.mark.parametrize(
    "line, below, url",
    [
        ("Petani Lembayung Panen Raya Jagung Manis", "Senin, 7 Desember 2026", URL),  # no evidence
        ("Warga Lembayung Bangun Ulang Jembatan Bambu Hanyut", "Daerah", URL),  # the slug names it
        ("Daerah Lembayung Bangun Jembatan Bambu Baru", "Oleh Rara", URL),  # the slug again
        ("Warta Pasar Tani Cuaca Komunitas", "Beranda", None),  # the home item is no evidence
        ("Warga Daerah Pasar Tani", HEADLINE, URL),  # four words without the home item
        ("Warta Daerah Pasar Tani Cuaca 2026", HEADLINE, URL),  # a digit
        ("Warta Daerah Pasar Tani di Lembayung", HEADLINE, URL),  # a lower-case word
    ],
)
def test_not_section_menus(line, below, url):
    assert not is_section_menu(line, below, url_words(url))


def test_section_menu_on_a_page_and_headline_stays(step):
    left = kept(step, ["KABAR LEMBAYUNG", MENU, HEADLINE])
    assert left == [HEADLINE]
    # the same line with no evidence on the page stays (a title-case headline)
    assert kept(step, [MENU, HEADLINE], url=None) == [MENU, HEADLINE]


@pytest.mark.parametrize(
    "line, slug, want",
    [
        ("Minggu, 6 Desember 2026 08:00 WIB", frozenset(), True),
        ("20 januari 1989", frozenset(), False),  # a letter's date under its place
        ("Senin, 7 Desember 2026", frozenset(), False),  # (the shape rows' date class)
        ("Redaksi 6 Desember 2026 0 Views", frozenset(), True),
        ("Admin Desa 6 Desember 2026", frozenset({"warga", "bangun"}), True),
        ("Admin Desa 6 Desember 2026", frozenset(), False),  # no slug: may be a title
        ("Renungan Pagi Senin, 7 Desember 2026", frozenset({"renungan", "pagi", "senin"}), False),
        ("Harga Cabai Hari Ini 7 Desember 2026", frozenset({"harga", "cabai", "hari"}), False),
        ("Rapat digelar 6 Desember 2026", frozenset({"warga", "bangun"}), False),
    ],
)
def test_bare_date_rows(line, slug, want):
    assert is_bare_date_row(line, slug) is want


@pytest.mark.parametrize(
    "line, want",
    [
        ("Warga memikul tiang bambu ke tepi sungai. (Foto: Kabar Lembayung/Rara)", True),
        ("Ilustrasi jembatan bambu. Foto: Freepik", True),
        ("Warga memikul tiang bambu. (KABARLEMBAYUNG/Rara S.)", True),
        ("Jembatan Bambu Lembayung Hanyut Lagi (2)", False),  # a headline's part number
        ("Warga Lembayung Bangun Jembatan (Lagi)", False),
        ("Foto: Rara", False),  # too short to hold a caption before the credit
    ],
)
def test_head_captions(line, want):
    assert is_head_caption(line) is want


def test_caption_rule_and_date_row_on_a_page(step):
    head = [
        HEADLINE,
        "Minggu, 6 Desember 2026 08:00 WIB",
        "Tiang bambu baru. (Foto: Kabar Lembayung/Rara)",
        "------------------------------",
    ]
    assert kept(step, head) == [HEADLINE]


@pytest.mark.parametrize(
    "head",
    [
        ["PENANGGUNG JAWAB", "Drs. Rara Sembiring", "———————"],  # under a kept line
        ["Rapat Warga", "=====", "Senin, 7 Desember 2026 08:00 WIB"],  # not right above the text
    ],
)
def test_rules_that_stay(step, head):
    assert kept(step, head, url=None)[: len(head)] == [h for h in head if "WIB" not in h]


def test_caption_in_the_body_stays(step):
    """Between paragraphs a captioned line is never dropped whole (only its credit may go)."""
    line = "Tiang bambu baru. (Foto: Kabar Lembayung/Rara)"
    doc = run(step, "\n".join([*BODY[:2], line, BODY[2]]))
    assert any(ln.startswith("Tiang bambu baru.") for ln in doc.text.split("\n"))


def test_site_name_over_a_breadcrumb(step):
    head = ["KABARLEMBAYUNG.ID", "Kabar Terkini dari Lembayung", "Home / Daerah / Jembatan"]
    assert kept(step, [*head, HEADLINE]) == [HEADLINE]
    # a short headline above the breadcrumb that the slug names stays
    short = "Bangun Ulang Jembatan Bambu"
    assert short in kept(step, ["KABARLEMBAYUNG.ID", short, "Home / Daerah / Jembatan"])


def _pages(tmp_path: Path) -> Path:
    path = tmp_path / "set.txt"
    path.write_text(
        "### id: q01 | url: https://kabarlembayung.id/daerah/jembatan-bambu-hanyut\n"
        "F Daerah\nF Jembatan Bambu Hanyut Diterjang Banjir\nF Senin, 7 Desember 2026\n"
        f"B {BODY[0]}\nB {BODY[1]}\nF Bagikan:\n",
        encoding="utf-8",
    )
    return path


def test_headline_sidecar_and_recall(tmp_path):
    path = _pages(tmp_path)
    pages = U.load(path)
    assert H.slug_headline(pages[0]) == 1
    side = U.headlines_path(path)
    side.write_text("q01\t1\tread\tJembatan Bambu Hanyut Diterjang Banjir\n", encoding="utf-8")
    heads = U.load_headlines(side, pages)
    assert heads == {"q01": {1}}
    sc = U.score(pages)
    recall, n_head, n_gone = U.headline_recall(pages, sc, heads)
    assert (n_head, n_gone) == (1, 0)  # the step keeps the headline
    assert recall == (sc.tp / (sc.tp + sc.fn - 1))
    side.write_text("q01\t3\tread\n", encoding="utf-8")  # a body line: refused
    with pytest.raises(ValueError):
        U.load_headlines(side, pages)
    side.write_text("q01\t1\tread\tAnother Title\n", encoding="utf-8")  # text drifted
    with pytest.raises(ValueError):
        U.load_headlines(side, pages)
