"""Session-18 tail grammar (``saring.boilerplate.tailgrammar``) and widened tail rows: page
notes at the end of the text, related blocks under any noun, rating widgets, share/subscribe
lines, glued calls to listen.

Every page here is invented for saring (outlet, places and people made up); none of the text is
in ../shared/corpora or in evaluation/. Each furniture shape has a body twin that must stay.
"""

from __future__ import annotations

import pytest

from saring.boilerplate.tailgrammar import is_note
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Warga Dusun Ranupakis membangun embung kecil untuk menampung air hujan di lereng bukit.",
    "Embung berukuran dua puluh meter persegi itu dikerjakan bergotong royong selama sebulan.",
    "Kepala dusun berharap air embung cukup untuk menyiram kebun sayur hingga kemarau tiba.",
]
URL = "https://www.kabarranupakis.id/desa/2026/12/embung-ranupakis"

step = shape_tests.step  # the same module-scoped set-up fixture


def run(text: str, step) -> str:
    """The page's text after the step (undo checked)."""
    return shape_tests.run(step, text, URL).text


@pytest.mark.parametrize(
    "note",
    [
        "Artikel ini merupakan bagian dari program Jurnalisme Warga Kabar Ranupakis.",
        "Konten ini hanya untuk tujuan informasi dan bukan pengganti saran dokter.",
        "Data harga di atas tidak dapat dijadikan acuan jual beli.",
        "Kami bisa mendapat komisi kecil dari tautan afiliasi di halaman ini.",
        "Suka berita ini? Bagikan kepada keluarga dan teman kamu.",
        "Sudah mencoba resep ini? Tag @dapurranupakis di Instagram!",
        "Berita ini akan terus diperbarui.",
    ],
)
def test_page_notes_at_the_end_go(step, note):
    assert is_note(note)
    assert run("\n".join([*BODY, note]), step) == "\n".join(BODY)


def test_a_note_paragraph_opens_the_tail_above_it(step):
    # the note is the last "paragraph": the related block above it is tail, not text
    tail = [
        "Baca Selanjutnya",
        "Harga Cabai di Pasar Ranupakis Turun",
        "Data harga di atas tidak dapat dijadikan acuan jual beli.",
    ]
    assert run(
        "\n".join([*BODY, *tail, "Berlangganan newsletter Kabar Ranupakis"]), step
    ) == "\n".join(BODY)


@pytest.mark.parametrize(
    "line",
    [
        '"Artikel ini merupakan bagian dari kampanye kami," kata Rudi.',  # a quote
        "Video ini dibuat oleh seorang pelajar dan sudah ditonton ribuan kali di media sosial.",
        "Laporan ini merupakan bagian dari pemeriksaan rutin inspektorat atas dana desa.",
        "Mengapa embung penting? Warga menyebut sumur mereka kering setiap Agustus.",
        "Harga sayur di pasar ini tidak dapat ditebak karena cuaca berubah-ubah.",
    ],
)
def test_body_twins_of_notes_stay(step, line):
    assert not is_note(line)
    text = "\n".join([*BODY, line])
    assert run(text, step) == text


@pytest.mark.parametrize(
    "block",
    [
        [
            "Kabar Desa Lainnya",
            "Petani Ranupakis Panen Kentang Lebih Awal",
            "Jalan Usaha Tani Rampung",
        ],
        ["Renungan Sebelumnya", "Renungan Harian Minggu, 6 Desember 2026"],
        ["Resep Lainnya", "Pepes Jamur Kemangi", "Sayur Lodeh Nangka Muda"],
    ],
)
def test_related_blocks_under_any_noun_go(step, block):
    assert run("\n".join([*BODY, *block]), step) == "\n".join(BODY)


def test_a_heading_over_a_sentence_stays(step):
    # a capitalised heading ending in "Lainnya" over running text is a section of the text
    tail = ["Kabar Desa Lainnya", "selain embung, warga juga memperbaiki jalan setapak ke sawah"]
    text = "\n".join([*BODY, *tail])
    assert run(text, step) == text


def test_a_related_heading_between_paragraphs_stays(step):
    text = "\n".join([BODY[0], "Kegiatan Lainnya", "Pemuda Dusun Ranupakis Tanam Pohon", *BODY[1:]])
    assert run(text, step) == text


@pytest.mark.parametrize(
    "line",
    [
        "★★★★☆ 4,5 dari 80 ulasan",
        "Nilai kami: ★★★★☆",
        "Beri nilai artikel ini",
        "Bagikan: Facebook Twitter WhatsApp",
        "12 Comments",
        "Berhenti berlangganan",
        "Berlangganan resep baru lewat email",
        "Cek Harga di Toko Resmi",
        "Unduh Jadwal Ujian (PDF, 180 KB)",
        "Bagikan renungan ini kepada umat lain",
    ],
)
def test_tail_widgets_go(step, line):
    assert run("\n".join([*BODY, line]), step) == "\n".join(BODY)


@pytest.mark.parametrize(
    "line",
    [
        "Nilai ujian rata-rata siswa naik dua poin tahun ini.",
        "Warga yang ingin berlangganan air bersih bisa mendaftar di balai dusun.",
        "Cek harga pupuk di kios resmi sebelum membeli, kata penyuluh.",
    ],
)
def test_tail_widget_twins_stay(step, line):
    text = "\n".join([*BODY, line])
    assert run(text, step) == text


def test_a_credit_with_any_noun_before_oleh_goes(step):
    text = "\n".join([*BODY, "Renungan oleh: Tim Kerasulan Kitab Suci Paroki"])
    assert run(text, step) == "\n".join(BODY)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "Album itu sudah bisa diputar sejak Jumat.Dengarkan di Spotify",
            "Album itu sudah bisa diputar sejak Jumat.",
        ),
        (
            "Sidang dilanjutkan pekan depan (7/12/2026). Baca Juga:  Kades Ranupakis Diperiksa Jaksa",
            "Sidang dilanjutkan pekan depan (7/12/2026).",
        ),
    ],
)
def test_glued_calls_are_cut_as_spans(step, line, kept):
    out = run("\n".join([BODY[0], line, *BODY[1:]]), step)
    assert out.splitlines()[1].rstrip() == kept


def test_a_lower_case_listen_in_a_sentence_stays(step):
    text = "\n".join([BODY[0], "Lagu itu bisa didengarkan di Spotify sejak Jumat.", *BODY[1:]])
    assert run(text, step) == text


def test_shape_rows_still_fit_the_line_kernel(step):
    assert step._shape.alt.kernel() is not None


def test_a_line_of_several_hashtags_under_furniture_goes(step):
    tail = ["Copyright © 2026 Kabar Ranupakis", "#embung #air bersih #Ranupakis"]
    assert run("\n".join([*BODY, *tail]), step) == "\n".join(BODY)


def test_a_lone_hashtag_line_closing_the_text_stays(step):
    text = "\n".join([*BODY, "#embung #air bersih #Ranupakis"])
    assert run(text, step) == text


def test_an_all_caps_subheading_ending_in_lainnya_stays(step):
    # a real promo page's own subheading over the next promo (text, not related links)
    text = "\n".join([*BODY, "PROMO BIBIT MENARIK LAINNYA", "Paket Bibit Super Hemat"])
    assert run(text, step) == text
