"""Session-19 tail grammar (``saring.boilerplate.tailgrammar``): calls to watch, buy, download
or follow elsewhere, rating scores, blog post footers and share rows, shop cards, pagers and
version links, the outlet's own name in a short tail line, and a short footer sentence below a
related block.

Every page here is invented for saring (outlet, places and people made up); none of the text is
in ../shared/corpora or in evaluation/. Each furniture shape has a body twin that must stay.
"""

from __future__ import annotations

import pytest

from saring.boilerplate.tailgrammar import is_call
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Warga Kampung Lembayung Hilir menanam seribu bibit bakau di pesisir yang terkikis abrasi.",
    "Penanaman dipimpin kelompok nelayan setempat dan diikuti pelajar dari tiga sekolah.",
    "Ketua kelompok berharap bakau itu menahan ombak besar yang datang setiap musim barat.",
]
URL = "https://www.kabarlembayung.id/pesisir/2026/12/tanam-bakau-lembayung-hilir"
FOOTER = "© 2026 Kabar Lembayung. Hak cipta dilindungi."

step = shape_tests.step  # the same module-scoped set-up fixture


def run(text: str, step, url: str = URL) -> str:
    """The page's text after the step (undo checked)."""
    return shape_tests.run(step, text, url).text


@pytest.mark.parametrize(
    "line",
    [
        "Download aplikasi Kabar Lembayung di Play Store dan App Store",
        "Beli tiket festival sekarang di loket.festivalpesisir.id",
        "Ikuti kami @kabarlembayung",
        "Saksikan liputan selengkapnya di Lembayung Malam",
        "Jangan lupa ikuti kami di Instagram dan TikTok!",
    ],
)
def test_calls_in_a_tail_with_furniture_go(step, line):
    assert is_call(line)
    assert run("\n".join([*BODY, line, FOOTER]), step) == "\n".join(BODY)


def test_a_media_call_paragraph_naming_the_host_goes(step):
    # a sentence (a "paragraph"): its channel is the host's own name, furniture is below it
    call = (
        "Saksikan berita terbaru Kabar Lembayung setiap malam pukul 19.00 hanya di televisi kami."
    )
    assert run("\n".join([*BODY, call, FOOTER]), step) == "\n".join(BODY)


@pytest.mark.parametrize(
    "lines",
    [
        # a lone app line under an article about the app: its last line, no tail furniture
        [*BODY, "Unduh aplikasi Bakauku di Play Store"],
        # a lead-in to what follows
        [*BODY, "Simak jadwal penanaman selengkapnya di bawah ini:", "Sabtu: Dusun Krajan"],
        # a call over kept lines introduces them
        [*BODY, "Kunjungi festivalpesisir.id untuk jadwal lengkap", "Minggu pagi: lomba perahu"],
        # a release's contact sentence and a sentence that merely starts with "Jangan"
        [*BODY, "Informasi lebih lanjut dapat diperoleh melalui layanan 1500-321."],
        [*BODY, "Jangan takut tersesat di sini, karena warga kampung ramah kepada tamu."],
        # "Simak selengkapnya <topic>" with nothing below: the text's lead-in to a part cut off
        [*BODY, "Simak selengkapnya jadwal tanam bakau dan doa nelayan sebelum melaut."],
    ],
)
def test_call_twins_stay(step, lines):
    text = "\n".join(lines)
    assert run(text, step) == text


@pytest.mark.parametrize(
    "line",
    [
        "Rating: 4.7 dari 5 (52 ulasan)",
        "Posted by Mas Darto at 7:42 PM",
        "Diposting oleh Mas Darto di 19.42 2 komentar:",
        "Email This BlogThis! Share to Facebook Share to Pinterest",
        "Tas Anyaman Pandan Rp145.000 Beli",
        "Lihat Versi Lengkap",
        "Galeri Foto (8)",
        "Warta Pilihan | Kabar Lembayung",
        "KabarLembayung.id Edisi Pesisir",
        "TAGS #bakau #pesisir #lembayung",
        "Kamu sedang membaca: Warga Lembayung Hilir Tanam Seribu Bakau",
    ],
)
def test_tail_widgets_19_go(step, line):
    assert run("\n".join([*BODY, line, FOOTER]), step) == "\n".join(BODY)


@pytest.mark.parametrize(
    "line",
    [
        "Tas anyaman pandan dijual Rp145.000 per buah di balai kampung.",
        "Tas Anyaman Pandan Rp145.000",  # a price list item without a buy button
        "Kabar baik datang dari nelayan Lembayung Hilir",  # no separator, no domain
        "Diposting ulang oleh banyak warga di grup kampung.",
        "Foto bersama di dermaga",
        "#bakau",  # a lone hashtag closing a post is its text
        "Kamu sedang membaca buku apa hari ini, kata guru kepada murid.",
    ],
)
def test_tail_widget_19_twins_stay(step, line):
    text = "\n".join([*BODY, line])
    assert run(text, step) == text


def test_a_place_date_line_on_a_village_site_stays(step):
    # the host's name starts the signature line: a bare first word is no site name
    text = "\n".join([*BODY, "Lembayunghilir, 6 Desember 2026", FOOTER])
    out = run(text, step, "https://lembayunghilir.desa.id/berita/tanam-bakau")
    assert "Lembayunghilir, 6 Desember 2026" in out


def test_a_short_sentence_below_a_related_block_is_footer(step):
    # a comment form's sentence was the last "paragraph": the related block above it is tail
    tail = [
        "Berita Terkait",
        "Nelayan Lembayung Hilir Libur Melaut Saat Musim Barat",
        "Pelajar Pesisir Belajar Menanam Bakau Bersama Relawan",
        "Simpan nama dan email saya di peramban ini untuk komentar berikutnya.",
        FOOTER,
    ]
    assert run("\n".join([*BODY, *tail]), step) == "\n".join(BODY)


@pytest.mark.parametrize(
    "tail",
    [
        # a long last paragraph below a related block stays text
        [
            "Nelayan Lembayung Hilir Libur Melaut Saat Musim Barat",
            "Pelajar Pesisir Belajar Menanam Bakau Bersama Relawan",
            "Selain menanam bakau, kelompok nelayan juga membersihkan sampah plastik di sepanjang "
            "pantai setiap Jumat pagi, dibantu pelajar, perangkat kampung dan relawan dari kota "
            "yang datang dengan bus sewaan sejak subuh.",
        ],
        # a sentence-shaped line between the related header and the last paragraph
        [
            "Nelayan Lembayung Hilir Libur Melaut Saat Musim Barat",
            "kelompok lain menanam cemara laut di sisi utara pantai.",
            "Penanaman berikutnya dijadwalkan awal tahun depan di dusun sebelah.",
        ],
    ],
)
def test_a_last_paragraph_below_a_related_block_stays_when_not_short_or_not_under_teasers(
    step, tail
):
    text = "\n".join([*BODY, "Berita Terkait", *tail])
    out = run(text, step)
    assert tail[-1] in out


def test_a_short_header_over_shop_cards_goes(step):
    tail = ["BELANJA DI SINI", "Tas Anyaman Pandan Rp145.000 Beli", "Tikar Pandan Rp90.000 Beli"]
    assert run("\n".join([*BODY, *tail, FOOTER]), step) == "\n".join(BODY)


def test_a_short_header_over_one_card_or_over_text_stays(step):
    for tail in (
        ["Kerajinan Warga", "Tas Anyaman Pandan Rp145.000 Beli"],
        ["Kerajinan Warga", "Tas anyaman pandan dibuat ibu-ibu kampung setiap sore"],
    ):
        out = run("\n".join([*BODY, *tail, FOOTER]), step)
        assert "Kerajinan Warga" in out


def test_a_last_paragraph_under_a_follow_call_and_scroll_prompts_stays(step):
    # between paragraphs: an opener over headline-shaped prompts that are no teasers
    lines = [
        BODY[0],
        "Ikuti Whatsapp Channel Kabar Lembayung",
        "SCROLL TO CONTINUE WITH CONTENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        BODY[1],
    ]
    assert run("\n".join(lines), step) == "\n".join([BODY[0], BODY[1]])
