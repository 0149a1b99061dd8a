"""Session-14 page shapes: section labels above a headline, datelines under a headline, radio
and TV calls, UGC disclaimers, e-paper page furniture, hashtag runs, an author bio block.

Every page here is invented for saring (outlet names are made up or used only as shapes); none
of the text is in ../shared/corpora or in evaluation/boilerplate/unseen/. Each furniture shape
has a body twin that must stay.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate.shape import brand_firsts, letters_key
from saring.boilerplate.step import Boilerplate
from saring.document import Document
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Pemerintah kabupaten mulai membangun jembatan baru di atas Sungai Komering pada Senin pagi.",
    "Kepala dinas mengatakan jembatan itu ditargetkan selesai sebelum musim hujan tahun depan.",
    "Warga berharap jembatan baru mempercepat perjalanan anak-anak ke sekolah di seberang sungai.",
]
HEADLINE = "Jembatan Baru Sungai Komering Mulai Dibangun"
URL = "https://www.kabarkomering.id/daerah/2026/06/jembatan-baru"


step = shape_tests.step  # the same module-scoped set-up fixture


def run(step: Boilerplate, text: str, url: str | None = URL) -> Document:
    """The page through the step (undo checked), on this file's outlet by default."""
    return shape_tests.run(step, text, url)


@pytest.mark.parametrize("below", ["Oleh: Rina Marlina | Selasa 09-06-2026,10:15 WIB",
                                   "Selasa, 9 Juni 2026 | Editor: Rina Marlina",
                                   "Laporan oleh Rina Marlina"])
def test_section_label_above_a_headline_with_a_credit_below(step, below):
    doc = run(step, "\n".join(["Daerah", HEADLINE, below, *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


def test_section_label_under_a_page_header_above_a_headline(step):
    header = "KABAR KOMERING | SELASA, 9 JUNI 2026 | 5"
    doc = run(step, "\n".join([header, "Ekonomi", HEADLINE, *BODY, "Bersambung ke hal 7"]))
    assert doc.text == "\n".join([HEADLINE, *BODY])


@pytest.mark.parametrize("top", [
    ["ABSTRAK", "Pengaruh Pupuk Organik terhadap Hasil Padi Sawah", "Rina Marlina"],
    ["LOWONGAN KERJA", "Dibutuhkan segera tenaga administrasi untuk kantor cabang"],
    ["Ini Israel", "Adzab Tuhan turun kepada kaum yang zalim"],
])
def test_a_short_line_over_a_title_without_furniture_stays(step, top):
    text = "\n".join([*top, *BODY])
    assert run(step, text, None).text == text


@pytest.mark.parametrize(("line", "place"), [
    ("MARTAPURA — Pemerintah kabupaten mulai membangun jembatan baru pada Senin pagi.", "Martapura"),
    ("Jakarta, 9 Juni 2026 - Pemerintah kabupaten mulai membangun jembatan baru.", "Jakarta"),
    ("KUCHING: Pemerintah negeri mula membina jambatan baharu di atas Sungai Sarawak.", "Kuching"),
])
def test_place_only_dateline_under_a_headline(step, line, place):
    doc = run(step, "\n".join([HEADLINE, line, *BODY[1:]]))
    assert doc.metadata["place"] == place
    assert doc.text.splitlines()[1][0].isupper() and place.upper() not in doc.text.splitlines()[1][:12].upper()


def test_no_place_dateline_under_a_sentence(step):
    text = "\n".join(["Warga mengeluhkan jalan yang rusak.", "Jakarta - kota ini macet setiap hari kerja."])
    doc = run(step, text, None)
    assert "place" not in doc.metadata


def test_triple_dash_dateline(step):
    doc = run(step, "\n".join(["Jakarta (Kemenag) --- Kementerian Agama menambah kuota haji tahun ini.", *BODY]),
              "https://kemenag.go.id/nasional/kuota")
    assert doc.metadata["place"] == "Jakarta" and doc.text.startswith("Kementerian Agama")


def test_radio_outlet_colon_dateline(step):
    doc = run(step, "KBRN, Sambas: Harga gabah di tingkat petani naik menjelang panen raya.\n" + BODY[1],
              "https://www.rri.go.id/daerah/1/gabah")
    assert doc.metadata["place"] == "Sambas" and doc.metadata["dateline_outlet"] == "rri.go.id"


@pytest.mark.parametrize("line", [
    "Saksikan berita selengkapnya di Komering TV dan streaming di kabarkomering.id",
    "Dengarkan siaran langsung Radio Komering di aplikasi kami",
    "Tulisan ini kiriman pembaca. Isi tulisan sepenuhnya tanggung jawab penulis.",
    "– KABARKOMERING 9/6/2026",
    "ola/P-5",
])
def test_tail_furniture_shapes(step, line):
    doc = run(step, "\n".join([*BODY, line]))
    assert doc.text == "\n".join(BODY)


@pytest.mark.parametrize("line", [
    "Saksikan pertunjukan wayang itu secara langsung di alun-alun pada Sabtu malam.",
    "Dengarkan baik-baik nasihat orang tua, kata dia sambil tersenyum kepada para siswa.",
    "Tanggung jawab sepenuhnya ada pada panitia pelaksana, bukan pada pemerintah desa.",
])
def test_body_twins_at_the_end_stay(step, line):
    text = "\n".join([*BODY, line])
    assert run(step, text).text == text


def test_hashtag_run_in_the_tail_but_not_a_lone_tag(step):
    doc = run(step, "\n".join([*BODY, "#banjir", "#Komering", "Berita Lain", "Harga Karet Naik Lagi di OKU Timur"]))
    assert doc.text == "\n".join(BODY)
    tweet = "Banjir lagi di kampung kami, semoga cepat surut ya teman-teman semua.\n#banjir"
    assert run(step, tweet, None).text == tweet


def test_author_bio_block(step):
    bio = "Rina Marlina, jurnalis warga dan pegiat lingkungan di Martapura, menulis sejak 2019."
    doc = run(step, "\n".join([*BODY, "Bagikan", "Facebook", "X", "Tentang Penulis", bio]))
    assert doc.text == "\n".join(BODY)


def test_source_line_directly_above_the_credits(step):
    doc = run(step, "\n".join([*BODY, "Sumber: Dinas Kesehatan", "Penulis: admin", "Bagikan:"]))
    assert doc.text == "\n".join(BODY)
    text = "\n".join([*BODY, "Sumber: Dinas Kesehatan"])
    assert run(step, text).text == text


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["kabarkomering", "kk", "0news"]), st.lists(st.booleans(), min_size=13, max_size=13),
       st.text(alphabet=" .-•(é*", max_size=3), st.text(alphabet=" .-•)é", max_size=3))
def test_brand_firsts_never_skips_a_brand_line(brand, upper, head, tail):
    """The first-character gate in front of the outlet-name test is exact: a line whose letters
    key is a brand (any case, punctuation around it) starts with a character the gate lets
    through, and a line starting with another ASCII letter or digit has another key."""
    firsts = brand_firsts(frozenset({brand}))
    line = head + "".join(c.upper() if u else c for c, u in zip(brand, upper, strict=False)) + tail
    assert letters_key(line) == brand
    c = line[0]
    assert c in firsts or not (c.isascii() and c.isalnum())
    other = "z" + line
    assert other[0] not in firsts and letters_key(other) != brand


def test_caption_with_a_source_credit_and_a_dashed_date_stamp(step):
    doc = run(step, "\n".join(["Ilustrasi jembatan gantung. (Kabar/Dok)", HEADLINE,
                               "- Selasa, 9 Juni 2026 | 10:15 WIB", *BODY]))
    assert doc.text == "\n".join([HEADLINE, *BODY])
    twin = "Foto itu diambil warga dari atas tebing pada Minggu (7/6)"
    text = "\n".join([*BODY[:2], twin, BODY[2]])
    assert run(step, text).text == text  # a date in parentheses is no source credit


def test_outlet_place_dateline_line_and_a_radio_outlet(step):
    doc = run(step, "\n".join([HEADLINE, "KabarKomering, Martapura", *BODY]))
    assert doc.metadata["place"] == "Martapura" and doc.metadata["dateline_outlet"] == "kabarkomering.id"
    doc = run(step, "Martapura, Komering 91.2 FM – " + BODY[0] + "\n" + BODY[1],
              "https://radiokomering.com/berita/jembatan")
    assert doc.metadata["place"] == "Martapura" and doc.metadata["dateline_outlet"] == "radiokomering.com"


@pytest.mark.parametrize("lines", [
    ["Halaman:", "1 2 Selanjutnya"],
    ["Tonton Juga:", "Video Detik-detik Jembatan Baru Diresmikan"],
])
def test_tune14d_tail_shapes(step, lines):
    assert run(step, "\n".join([*BODY, *lines])).text == "\n".join(BODY)


@pytest.mark.parametrize("stamp", ["Dipublish: Kamis, 4 Juni 2026", "4 Juni 2026 / Reporter: Rina Marlina",
                                   "Dikemaskini 1 jam lalu"])
def test_tune14d_head_stamps(step, stamp):
    assert run(step, "\n".join([HEADLINE, stamp, *BODY])).text == "\n".join([HEADLINE, *BODY])


def test_place_dash_outlet_in_parentheses(step):
    doc = run(step, "MARTAPURA - (KabarKomering) " + BODY[0] + "\n" + BODY[1])
    assert doc.metadata["place"] == "Martapura" and doc.text.startswith("Pemerintah")
    text = "Warga Martapura - (dalam kurung) - mengeluh.\n" + BODY[1]
    assert "place" not in run(step, text).metadata
