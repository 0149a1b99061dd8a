"""Session-16 page shapes (fresh round 4): upload and medical-review bylines, ``date | views``
and Hijri dates in the head, correction notices, visitor counters, donate buttons, bios that
open with the credited name, middot menus, datelines with a press office
after the place (``DEMAK, Humas DPRD –``), a numeric date (``JAKARTA, 9/6 -``,
``Sleman (02/06/2026) –``) or ``>``; ``date - time | Label: X | Label: Y``, Malay times (``pg``).

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
    "Petugas dinas perikanan menebar puluhan ribu benih nila di waduk milik desa pada Sabtu pagi.",
    "Benih itu diharapkan bisa dipanen warga dalam enam bulan untuk menambah penghasilan keluarga.",
    "Kepala desa meminta warga tidak menangkap ikan dengan setrum agar benih bisa tumbuh besar.",
]
HEADLINE = "Dinas Perikanan Tebar Benih Nila di Waduk Desa Sumberrejo"
URL = "https://www.warta-waduk.id/berita/2026/12/tebar-benih-nila"

step = shape_tests.step  # the same module-scoped set-up fixture


def run(step: Boilerplate, text: str, url: str | None = URL) -> Document:
    """The page through the step (undo checked), on this file's outlet by default."""
    return shape_tests.run(step, text, url)


@pytest.mark.parametrize(
    "head",
    [
        [HEADLINE, "Diunggah oleh Admin pada 5 Desember 2026"],
        [HEADLINE, "Ditinjau secara medis oleh dr. Sinta Maharani, Sp.A"],
        [HEADLINE, "Redaksi | 05 Desember 2026 | Dilihat 77 kali"],
        [HEADLINE, "5 Desember 2026 | Dibaca 412 kali"],
        [HEADLINE, "Sabtu 5 Desember 2026 / 14 Jumadil Akhir 1448"],
        [HEADLINE, "05 Desember 2026 / 09:30 WIB"],
        [HEADLINE, "5 Desember 2026 - Bagian Protokol Desa"],
        [HEADLINE, "Ditulis 5 Desember 2026 oleh Humas Desa"],
        ["Kabar · Agenda · Galeri", HEADLINE],
        [HEADLINE, "Cerita oleh Wulan Sari", "• 2 jam"],
        [HEADLINE, "Selasa, 08 Desember 2026 - 06:31 WIB | Penulis : Dewi | Editor : Sigit Ananta"],
        [HEADLINE, "Oleh : Wulan Sari / WS"],
        [HEADLINE, "8 Disember 2026 | 9:45 pg"],
        [HEADLINE, "Diterbitkan: 8 Disember 2026, 11:20 pagi"],
    ],
)
def test_head_furniture_is_removed(step, head):
    doc = run(step, "\n".join([*head, *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "tail",
    [
        ["Ralat: Berita ini diperbarui pada 6 Desember 2026 untuk memperbaiki jumlah benih."],
        ["Koreksi: Judul artikel ini telah diperbaiki."],
        ["Jumlah Pengunjung: 2.318", "Berita Lainnya"],
        ["Dukung kerja jurnalisme warga. Donasi sekarang"],
        ["Bagikan Ke :", "Pengumuman Terbaru"],
        ["Suka artikel ini? Bagikan ke teman Anda", "Komentar ditutup."],
        ["Unduh Siaran Pers"],
        ["Lanjutkan membaca", "Konten dari mitra kami"],
        ["Recommended by"],
    ],
)
def test_tail_widgets_are_removed(step, tail):
    doc = run(step, "\n".join([HEADLINE, *BODY, *tail]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


def test_a_bio_opening_with_the_credited_name_is_removed(step):
    bio = "Wulan Sari adalah penulis lepas yang tinggal di tepi Waduk Sumberrejo."
    doc = run(step, "\n".join([HEADLINE, "Oleh: Wulan Sari", *BODY, bio, "Editor: Rina"]))
    assert doc.text == "\n".join([HEADLINE, *BODY])
    bio2 = "Wulan Sari, guru SD dan pegiat perikanan di Sumberrejo."
    doc = run(step, "\n".join([HEADLINE, "Penulis: Wulan Sari", bio2, *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize(
    "lines",
    [
        # a paragraph about someone who is not the credited writer
        [HEADLINE, "Oleh: Wulan Sari", *BODY, "Pak Darmo adalah nelayan tertua di waduk itu."],
        # the writer's name opening a paragraph in the middle of the text
        [
            HEADLINE,
            "Oleh: Wulan Sari",
            BODY[0],
            "Wulan Sari adalah warga yang pertama kali melaporkan ikan mati di waduk itu.",
            BODY[1],
            BODY[2],
        ],
        # a name credited by an aggregator ("Disediakan oleh X"), a company's closing sentence
        [
            HEADLINE,
            "Disediakan oleh Warta Waduk",
            *BODY,
            "Warta Waduk adalah media warga yang didirikan pada 2020.",
        ],
        # closing formulas (the writer's own words) and a correction inside a sentence
        [*BODY, "Semoga bermanfaat, dan selamat mencoba!"],
        [*BODY, "Wallahu a'lam..."],
        [*BODY, "Ralat itu dimuat keesokan harinya setelah warga memprotes jumlah benih."],
        # a time of day inside a sentence
        [*BODY, "Rapat warga dimulai 9:45 pagi di balai desa."],
        # a tail schedule line with a date and a dash stays
        [*BODY, "Jadwal tebar benih berikutnya:", "12 Desember 2026 - Waduk Kedungsari"],
    ],
)
def test_body_twins_stay(step, lines):
    doc = run(step, "\n".join(lines))
    kept = [ln for ln in lines if ln not in ("Oleh: Wulan Sari", "Disediakan oleh Warta Waduk")]
    assert doc.text == "\n".join(kept)


@pytest.mark.parametrize(
    ("first", "place", "cut"),
    [
        (
            "KUDUS, Humas Pemdes – Petugas menebar benih nila di waduk desa.",
            "Kudus",
            "KUDUS, Humas Pemdes – ",
        ),
        (
            "Kota Cimahi, (Humas Dinas) - Petugas menebar benih nila di waduk desa.",
            "Kota Cimahi",
            "Kota Cimahi, (Humas Dinas) - ",
        ),
        (
            "MADIUN, 5/12 - Petugas menebar benih nila di waduk desa.",
            "Madiun",
            "MADIUN, 5/12 - ",
        ),
        ("MADIUN > Petugas menebar benih nila di waduk desa.", "Madiun", "MADIUN > "),
        ("Kudus (08/12/2026) – Petugas menebar benih nila.", "Kudus", "Kudus (08/12/2026) – "),
    ],
)
def test_place_datelines_with_press_offices_and_numeric_dates(step, first, place, cut):
    doc = Document("d", "\n".join([HEADLINE, first, *BODY[1:]]), {"url": URL})
    res = step.analyse(doc)
    assert res.dateline is not None and res.dateline.place == place and res.dateline.outlet is None
    assert res.lines.text[res.dateline.span[0] : res.dateline.span[1]] == cut


@pytest.mark.parametrize(
    "first",
    [
        "Menurut Humas Pemdes, petugas menebar benih nila di waduk desa.",
        "Madiun, Kediri, dan Blitar menerima benih nila paling banyak tahun ini.",
    ],
)
def test_look_alikes_are_not_datelines(step, first):
    res = step.analyse(Document("d", "\n".join([HEADLINE, first, *BODY[1:]]), {"url": URL}))
    assert res.dateline is None or res.dateline.place is None
