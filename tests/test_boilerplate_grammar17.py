"""Session-17 head/tail grammars (``saring.boilerplate.headgrammar``): menus, meta rows, the site
name over a menu, and a dateline outlet spelled by the host's labels joined.

Every page here is invented for saring (outlets, places and people made up); none of the text
is in ../shared/corpora or in evaluation/. Each furniture shape has a body twin that must stay.
"""

from __future__ import annotations

import pytest

from saring.boilerplate.headgrammar import is_menu, is_meta
from saring.boilerplate.step import Boilerplate
from saring.document import Document
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Warga Desa Kalirejo memperbaiki saluran irigasi yang jebol setelah hujan deras pekan lalu.",
    "Perbaikan dikerjakan bergotong royong dan ditargetkan selesai sebelum musim tanam tiba.",
    "Kepala desa meminta dinas pertanian membantu semen dan pipa untuk pintu air yang rusak.",
]
HEADLINE = "Warga Kalirejo Gotong Royong Perbaiki Saluran Irigasi Jebol"
URL = "https://www.kabarsawah.id/daerah/2026/12/saluran-irigasi-kalirejo"

step = shape_tests.step  # the same module-scoped set-up fixture


def run(step: Boilerplate, text: str, url: str | None = URL) -> Document:
    """The page through the step (undo checked), on this file's outlet by default."""
    return shape_tests.run(step, text, url)


@pytest.mark.parametrize(
    "line",
    [
        "Warta | Sawah | Pasar | Cuaca | Komunitas",
        "Liga Desa | Bola Voli | Jadwal & Skor",
        "Kabar • Ternak • Harga Gabah",
        "Beranda Profil Berita Galeri Kontak",
        "Home Berita Pertanian Opini Indeks",
    ],
)
def test_menus(line):
    assert is_menu(line)


@pytest.mark.parametrize(
    "line",
    [
        "Skor Akhir | 2 | 1",  # digits: a score, not a menu
        "Padi | Jagung",  # two items
        "Beranda Rumah Warga Ambruk Diterjang Angin",  # a headline opening with "Beranda"
        "Harga gabah | turun | lagi",  # lower-case items
        "Sawah, Pasar, Cuaca",  # commas: a list in a sentence
    ],
)
def test_not_menus(line):
    assert not is_menu(line)


@pytest.mark.parametrize(
    "line",
    [
        "Oleh Sekar Lintang • 7 Desember 2026 • 3 min read",
        "By Dimas Anggara | Monday, 7 December 2026 - 10:15",
        "Tim KabarSawah | Senin, 7 Desember 2026 09:30 WIB",
        "Admin Desa | 7 Desember 2026 | 845 views",
        "Diposting oleh: Admin Desa | Kategori: Pertanian | Dilihat: 1.045 kali",
        "Diperbarui: 7 Desember 2026 11:02 | Diterbitkan: 7 Desember 2026 09:40",
        "Posted by: Redaksi on: 07/12/2026",
        "7 Desember 2026 Humas Desa Kalirejo",
        "Kabar Sawah - 7 Desember 2026",
        "16 Jumadilakhir 1448 H / 7 Desember 2026",
    ],
)
def test_head_meta_rows_are_removed(step, line):
    assert is_meta(line, True)
    doc = run(step, "\n".join([HEADLINE, line, *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "line",
    [
        "Diposting oleh: Admin Desa | Dilihat: 1.045 kali",
        "Penulis: Sekar Lintang | 7 Desember 2026",
    ],
)
def test_tail_meta_rows_are_removed(step, line):
    doc = run(step, "\n".join([HEADLINE, *BODY, line]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "line",
    [
        "12 Desember 2026 - Balai Desa Kalirejo",  # a schedule in the tail: place and date
        "Sekar Lintang | Kalirejo",  # no date, time or count
        "Tanggal: 14 Desember 2026 – 20 Desember 2026",  # an event's dates, not a stamp
        "Lokasi: Balai Desa | Waktu: 09:00 WIB",
        "Rapat dimulai 7 Desember 2026 pukul 09.00 di balai desa.",  # a sentence
    ],
)
def test_tail_lines_that_are_not_meta_stay(step, line):
    assert not is_meta(line, False)
    text = "\n".join([HEADLINE, *BODY, "Jadwal berikutnya:", line])
    assert run(step, text).text == text


def test_site_name_and_tagline_above_a_menu_go(step):
    head = ["Kabar Sawah", "Suara Petani Jawa Tengah", "Warta | Sawah | Pasar | Cuaca"]
    doc = run(step, "\n".join([*head, HEADLINE, *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])
    assert "boilerplate:menu" in shape_tests.kinds(doc)


def test_a_headline_with_a_sentence_above_a_menu_keeps_the_head(step):
    # a line above the menu that is no name (a sentence) means this is no page chrome
    head = ["Warga diminta waspada banjir, kata camat.", "Warta | Sawah | Pasar | Cuaca"]
    doc = run(step, "\n".join([*head, HEADLINE, *BODY]))
    assert doc.text.startswith("Warga diminta waspada banjir, kata camat.")


def test_a_capitalised_list_between_paragraphs_stays(step):
    text = "\n".join([HEADLINE, BODY[0], "Padi | Jagung | Kedelai | Singkong", *BODY[1:]])
    assert run(step, text).text == text


def test_a_headline_opening_with_beranda_stays(step):
    text = "\n".join(["Beranda Rumah Warga Ambruk Diterjang Angin", *BODY])
    assert run(step, text).text == text


def test_menu_line_is_never_the_dateline(step):
    body0 = "KALIREJO, KabarSawah.id – " + BODY[0]
    doc = run(step, "\n".join(["Warta | Sawah | Pasar | Cuaca", HEADLINE, body0, *BODY[1:]]))
    assert doc.metadata.get("place") == "Kalirejo"
    assert doc.text == "\n".join([HEADLINE, BODY[0], *BODY[1:]])


def test_dateline_outlet_spelled_by_the_host_labels_joined(step):
    body0 = "Humas Pemdes Kalirejo, KALIREJO – " + BODY[0]
    url = "https://humas.pemdeskalirejo.id/2026/12/saluran-irigasi"
    doc = run(step, "\n".join([HEADLINE, body0, *BODY[1:]]), url)
    assert doc.metadata.get("place") == "Kalirejo"
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "tail",
    [
        ["Cek harga Ponsel Z5 di marketplace", "Beli Sekarang"],
        ["Buat janji dengan dokter", "Konsultasi Sekarang"],
        [
            "Referensi:",
            "Dinas Pertanian Jawa Tengah. Pedoman Irigasi Desa untuk Kelompok Tani.",
            "Buku Saku Petani.",
        ],
        ["Dukung Kabar Sawah dengan berdonasi. Setiap donasi Anda membantu liputan desa."],
        ["Kabarsawah.id adalah bagian dari Grup Media Tani"],
        ["Share on Facebook Share on Twitter"],
        ["Bagikan ke: Facebook Twitter WhatsApp Line Salin link"],
        ["Pin gambar ini di Pinterest!", "Kamu mungkin juga suka:", "Panen Raya di Kalirejo"],
        ["Laporan berkaitan", "Petani Kalirejo Mulai Tanam Padi"],
        ["Tags / Kata Kunci:", "irigasi, Kalirejo, gotong royong"],
        ["Read next:", "Five Villages Fix Their Canals"],
        ["Komentar Pembaca"],
        ["Lampiran: Jadwal_Tanam_2026.pdf (210 KB)", "Unduh"],
        ["Artikel ini merupakan tulisan pengguna. Isi di luar tanggung jawab redaksi kabarsawah."],
    ],
)
def test_tail_widgets_17_are_removed(step, tail):
    doc = run(step, "\n".join([HEADLINE, *BODY, *tail]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "head",
    [
        ["Listen to this article"],
        ["A A A"],
        ["Artikel ini mengandung tautan afiliasi."],
        [
            "Tautan affiliate: kami bisa menerima komisi dari pembelian melalui tautan di artikel ini."
        ],
        ["Ilustrasi sawah di Kalirejo. (Foto: Dokumentasi Warga)"],
    ],
)
def test_head_widgets_17_are_removed(step, head):
    doc = run(step, "\n".join([HEADLINE, *head, *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "middle",
    [
        ["Galeri Foto", "1 dari 6 Foto"],
        ["Klik untuk memutar video"],
        ["Unduh Panduan Irigasi 2026 (PDF)"],
    ],
)
def test_widgets_between_paragraphs_are_removed(step, middle):
    doc = run(step, "\n".join([HEADLINE, BODY[0], *middle, *BODY[1:]]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "lines",
    [
        [*BODY, "Warga bisa cek harga gabah di balai desa setiap pagi."],
        [*BODY, "Unduh aplikasi Sawahku di Play Store"],
        [*BODY, "Dukung petani lokal dengan membeli beras desa."],
        [*BODY, "Kelompok tani Kalirejo adalah bagian dari gapoktan kecamatan."],
        [BODY[0], "1 dari 8 warga mengaku belum menerima bantuan pupuk tahun ini.", *BODY[1:]],
        [*BODY, "Referensi harga gabah ditetapkan dinas setiap bulan."],
        [BODY[0], "Beli", "Sewa", "Pinjam", *BODY[1:]],
        # a verdict under a misplaced reference header (quotes: not a citation)
        [*BODY, "Referensi", "Unggahan berisi klaim “irigasi dijual” merupakan konten palsu."],
        # a quoted advert in a hoax: the button text in sentence case stays
        [*BODY, "“Bantuan pupuk gratis untuk semua petani", "Daftar sekarang", "Tanpa biaya.”"],
        [*BODY, "Cari hotel dekat sawah agar tidak kemalaman."],
    ],
)
def test_body_twins_17_stay(step, lines):
    text = "\n".join(lines)
    assert run(step, text).text == text


def test_shape_rows_fit_the_line_kernel(step):
    # over 64 rows the kernel cannot serve the alternation and every line falls back to Python
    # (+71% instructions per document): merge rows of one class/zone/anchor instead
    assert step._shape.alt.kernel() is not None
    assert step._scan is not None


# Session 17 (outlets16): platform defaults met on two writers' pages (WordPress comment form and
# its Post Views counter, share labels); each tail shape has a body twin below.
@pytest.mark.parametrize(
    "tail",
    [
        ["Post Views: 1.208"],
        ["Tinggalkan Balasan Batalkan balasan", "Nama", "Email"],
        ["Leave a Reply Cancel reply", "Your email address will not be published."],
        ["Bagikan halaman ini", "Facebook Twitter WhatsApp"],
        ["Bagikan ke Teman"],
    ],
)
def test_platform_defaults_16_are_removed(step, tail):
    doc = run(step, "\n".join([HEADLINE, *BODY, *tail]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "line",
    [
        "Post views di akun resmi desa naik setelah video gotong royong itu viral.",
        "Warga diminta tinggalkan balasan surat edaran di kantor desa paling lambat Jumat.",
        "Bagikan halaman ini kepada kelompok tani lain, kata kepala desa, agar jadwal tanam sama.",
    ],
)
def test_platform_default_body_twins_16_stay(step, line):
    text = "\n".join([HEADLINE, *BODY, line])
    assert run(step, text).text == text
