"""Session-15 page shapes (fresh round 3): share counts and subscribe/spread widgets, issue lines,
camera and ``Foto-foto:`` credits, aggregator attributions, a publisher's name over head
furniture, one-line author bios, ``Tentang X`` organisation blocks, donation calls, an empty
widget header over the tail block, datelines with `` :: ``/`` | ``/`` • `` and press-office
parentheses.

Every page here is invented for saring (outlet names are made up or used only as shapes); none
of the text is in ../shared/corpora or in evaluation/boilerplate/unseen/. Each furniture shape
has a body twin that must stay.
"""

from __future__ import annotations

import pytest

from saring.boilerplate.step import Boilerplate
from saring.document import Document
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Dinas pertanian membagikan bibit jagung hibrida kepada kelompok tani di lereng Gunung Muria.",
    "Setiap kelompok menerima bibit untuk lahan seluas lima hektare beserta pupuk organik cair.",
    "Penyuluh akan mendampingi petani sejak tanam hingga panen agar hasilnya lebih baik.",
]
HEADLINE = "Petani Lereng Muria Terima Bibit Jagung Hibrida"
URL = "https://www.kabarmuria.id/pertanian/2026/06/bibit-jagung"

step = shape_tests.step  # the same module-scoped set-up fixture


def run(step: Boilerplate, text: str, url: str | None = URL) -> Document:
    """The page through the step (undo checked), on this file's outlet by default."""
    return shape_tests.run(step, text, url)


@pytest.mark.parametrize(
    "tail",
    [
        ["Dibagikan 73 kali", "Artikel Terkait", "Harga Gabah Naik di Pati"],
        ["Sebarkan:", "88", "Kabar Lain dari Muria"],
        ["Share on: Facebook Twitter LinkedIn"],
        ["Langganan Tabloid Tani Makmur"],
        [
            "Tentang Koperasi Sejahtera",
            "Koperasi Sejahtera adalah koperasi simpan pinjam yang berdiri sejak 1985 di Kabupaten Kudus.",
        ],
        [
            "Donasi Pembangunan",
            "Salurkan donasi Anda melalui rekening panitia pembangunan.",
            "Kirim Kabar",
        ],
        ["Susunan Pengurus:", "Bagikan tulisan ini", "Kudus Makmur Sejahtera"],
        ["Tonton siaran Kabar Muria di kanal 35 UHF"],
    ],
)
def test_tail_widgets_are_removed(step, tail):
    doc = run(step, "\n".join([HEADLINE, *BODY, *tail]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "head",
    [
        [
            "Dinas Pertanian Kabupaten Kudus Jawa Tengah",
            "Beranda › Berita › Pertanian",
            HEADLINE,
            "Juni 9, 2026 | Humas Distan",
        ],
        ["Warta Tani", "Edisi 118 / Juni 2026", HEADLINE],
        [HEADLINE, "📸 Humas Distan Kudus"],
        [HEADLINE, "Naskah: Ani Lestari  Foto: Dok. Distan"],
        ["Disediakan oleh Kabar Muria", HEADLINE, "9 Juni 2026"],
        [
            HEADLINE,
            "oleh Ani Lestari",
            "Guru SMP yang gemar berkebun di pekarangan.",
            "9 Juni 2026",
        ],
        [HEADLINE, "Foto-foto: Dok. Kelompok Tani"],
    ],
)
def test_head_furniture_is_removed(step, head):
    doc = run(step, "\n".join([*head, *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "lines",
    [
        # a first paragraph that starts with a role word under a byline is the text
        [
            HEADLINE,
            "oleh Ani Lestari",
            "Warga Desa Jati mengeluhkan jalan rusak yang tak kunjung diperbaiki sejak tahun lalu.",
            *BODY,
        ],
        # a "Tentang X" subheading with body text below it
        [
            BODY[0],
            "Tentang Festival",
            BODY[1],
            BODY[2],
            "Festival ini ramai dikunjungi wisatawan dari luar kota.",
        ],
        # a list's last item above the credits is not a widget header
        [*BODY, "Daftar kelompok penerima:", "Tani Makmur", "Sido Rukun", "Editor: Ani Lestari"],
        # counts and channels inside sentences
        [*BODY, "Foto itu dibagikan 41 kali dalam sehari oleh warganet di Instagram."],
        [
            *BODY,
            "Warga bisa menonton siaran itu di kanal 35 UHF mulai pekan depan, kata editor stasiun.",
        ],
        # short closing sentences below the last paragraph
        [*BODY, "Edisi 2 buku panduan itu terbit tahun 2020."],
        [*BODY, "Transfer dana dilakukan melalui rekening bank daerah."],
        # a headline that starts with a role word under a section label
        ["Pendidikan", "Guru Honorer di Kudus Terima Insentif Tambahan", "9 Juni 2026", *BODY],
    ],
)
def test_body_twins_stay(step, lines):
    doc = run(step, "\n".join(lines))
    kept = [
        ln
        for ln in lines
        if ln not in ("oleh Ani Lestari", "Editor: Ani Lestari", "Pendidikan", "9 Juni 2026")
    ]
    assert doc.text == "\n".join(kept)


@pytest.mark.parametrize(
    ("first", "place", "cut"),
    [
        (
            "SEMARANG :: Harga cabai di pasar tradisional naik dua kali lipat sejak pekan lalu.",
            "Semarang",
            "SEMARANG :: ",
        ),
        (
            "Kudus • Harga cabai di pasar tradisional naik dua kali lipat sejak pekan lalu.",
            "Kudus",
            "Kudus • ",
        ),
        (
            "PATI | Harga cabai di pasar tradisional naik dua kali lipat sejak pekan lalu.",
            "Pati",
            "PATI | ",
        ),
        (
            "KUDUS (Humas Polres) – Polisi menertibkan parkir liar di sekitar alun-alun kota.",
            "Kudus",
            "KUDUS (Humas Polres) – ",
        ),
    ],
)
def test_place_datelines_with_new_separators(step, first, place, cut):
    doc = Document("d", "\n".join([HEADLINE, first, *BODY[1:]]), {"url": URL})
    res = step.analyse(doc)
    assert res.dateline is not None and res.dateline.place == place and res.dateline.outlet is None
    assert res.lines.text[res.dateline.span[0] : res.dateline.span[1]] == cut


def test_place_and_domain_in_parentheses_with_a_colon(step):
    first = "Kudus (kabarmuria.id): Harga cabai di pasar tradisional naik dua kali lipat."
    res = step.analyse(Document("d", "\n".join([HEADLINE, first, *BODY[1:]]), {"url": URL}))
    assert (res.dateline.place, res.dateline.outlet) == ("Kudus", "kabarmuria.id")


@pytest.mark.parametrize(
    "first",
    [
        "EKONOMI | Harga cabai di pasar tradisional naik dua kali lipat sejak pekan lalu.",
        "Menurut Humas (bagian humas kabupaten) – harga cabai naik dua kali lipat.",
    ],
)
def test_a_label_before_a_separator_is_not_a_place(step, first):
    res = step.analyse(Document("d", "\n".join([HEADLINE, first, *BODY[1:]]), {"url": URL}))
    assert res.dateline is None or res.dateline.place is None
