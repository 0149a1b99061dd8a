"""Furniture found by line shape and the generic dateline grammar, on outlets no rule names.

Every page here is invented for saring (outlet names are made up or used only as shapes), and
none of these outlets is in ../shared/corpora or in evaluation/boilerplate/unseen/.
"""

from __future__ import annotations

import pytest

from saring.boilerplate.dateline import initials
from saring.boilerplate.shape import brand_keys
from saring.boilerplate.step import Boilerplate
from saring.document import Document

BODY = [
    "Pemerintah kabupaten mulai membangun jembatan baru di atas Sungai Lematang pada Senin pagi.",
    "Kepala dinas mengatakan jembatan itu ditargetkan selesai sebelum musim hujan tahun depan.",
    "Warga berharap jembatan baru mempercepat perjalanan anak-anak ke sekolah di seberang sungai.",
]
URL = "https://www.warta-lematang.id/daerah/2026/05/jembatan-baru"


@pytest.fixture(scope="module")
def step() -> Boilerplate:
    s = Boilerplate()
    s.ensure_setup()
    return s


def run(step: Boilerplate, text: str, url: str | None = URL) -> Document:
    doc = Document("d", text, {"url": url} if url else {})
    step.process(doc)
    assert doc.undo() == text
    return doc


def kinds(doc: Document) -> list[str]:
    return sorted({e.kind for e in doc.edits})


@pytest.mark.parametrize("credit", [
    "Penulis:Budi Hartono", "Editor : Sri Wahyuni", "Pewarta : Agus Salim | Editor : Rina",
    "Reporter:Ayu Lestari|Editor:Danu", "Tim Redaksi", "Redaksi Warta Lematang",
    "Penyunting: Lukman Hakim", "Oleh: Budi Hartono", "Oleh Budi Hartono | 14 Mei 2026",
    "Posted by admin on May 14, 2026", "(Redaksi)", "(WL-02)", "(bud/rin)",
])
def test_credit_shapes_at_the_end_are_removed(step, credit):
    doc = run(step, "\n".join([*BODY, credit]))
    assert doc.text == "\n".join(BODY)


@pytest.mark.parametrize("line", [
    "Ikuti berita Warta Lematang di Google News",
    "Ikuti kami di Instagram dan TikTok untuk kabar terbaru",
    "Dapatkan update berita pilihan dari wartalematang.id melalui saluran WhatsApp",
    "Gabung saluran Telegram Warta Lematang",
    "Copyright © 2026 Warta Lematang. All rights reserved.",
    "Hak Cipta Dilindungi Undang-Undang",
    "Dilarang mengutip sebagian atau seluruh isi artikel ini tanpa izin redaksi.",
    "Instagram: @wartalematang",
])
def test_follow_and_copyright_lines_are_removed_anywhere(step, line):
    for body in ([BODY[0], line, BODY[1]], [*BODY, line]):
        doc = run(step, "\n".join(body))
        assert doc.text == "\n".join(b for b in body if b != line)


def test_related_block_in_the_tail_takes_its_teasers_and_see_all_link(step):
    tail = ["Berita Terpopuler", "Harga karet di Muara Enim turun lagi",
            "Dua pelajar hanyut di Sungai Lematang", "Lihat Semua >", "Terkini",
            "Pasar kalangan dibuka lagi", "2 jam yang lalu"]
    doc = run(step, "\n".join([*BODY, *tail]))
    assert doc.text == "\n".join(BODY)
    assert "boilerplate:related" in kinds(doc) and "boilerplate:tail_block" in kinds(doc)


def test_lines_above_a_tail_furniture_line_are_not_swept_up(step):
    body = [*BODY, "Berikut jadwal penutupan jalan:", "Senin: Jalan Merdeka", "Selasa: Jalan Sudirman"]
    doc = run(step, "\n".join([*body, "Editor: Sri Wahyuni", "Baca Juga", "Jalan tol baru dibuka"]))
    assert doc.text == "\n".join(body)


def test_subheadings_and_lists_between_paragraphs_stay(step):
    text = "\n".join([BODY[0], "Dampak bagi petani", BODY[1], "Rekomendasi", "1. Tanam lebih awal",
                      BODY[2]])
    doc = run(step, text)
    assert doc.text == text


def test_head_furniture_and_section_labels_go_titles_stay(step):
    head = ["Beranda › Daerah › Lahat", "Daerah", "Penulis: Budi Hartono",
            "Senin, 11 Mei 2026 | 09:15 WIB"]
    title = "Jembatan Baru Dibangun di Atas Sungai Lematang"
    doc = run(step, "\n".join([*head, title, *BODY]))
    assert doc.text == "\n".join([title, *BODY])


def test_a_paragraph_less_text_only_loses_unambiguous_lines(step):
    text = "Daftar belanja\nBeras 5 kg\nTelur 1 kg\nSenin, 11 Mei 2026\nEditor: Rina"
    doc = run(step, text)
    assert doc.text == "Daftar belanja\nBeras 5 kg\nTelur 1 kg\nSenin, 11 Mei 2026"


def test_trailing_baca_juga_glued_to_a_sentence_is_cut_as_a_span(step):
    line = "Warga berharap jembatan segera dibuka.Baca juga: Jalan Lintas Lahat Mulai Diperbaiki"
    doc = run(step, "\n".join([BODY[0], line, BODY[1]]))
    assert doc.text == "\n".join([BODY[0], "Warga berharap jembatan segera dibuka.", BODY[1]])
    assert kinds(doc) == ["boilerplate:baca_juga_trailing"]
    assert not [f for f in doc.flags if f["kind"] == "inline_related_links"]


def test_baca_juga_followed_by_more_body_is_flagged_not_cut(step):
    line = ("Warga berharap jembatan segera dibuka.Baca juga: Jalan Lintas Diperbaiki. "
            "Pekerjaan itu melibatkan 40 pekerja.")
    doc = run(step, "\n".join([BODY[0], line, BODY[1]]))
    assert line in doc.text
    assert "inline_related_links" in [f["kind"] for f in doc.flags]


@pytest.mark.parametrize(("head", "url", "place", "outlet"), [
    ("LAHAT, WARTALEMATANG.ID – ", URL, "Lahat", "warta-lematang.id"),
    ("Wartalematang.id, LAHAT—", URL, "Lahat", "warta-lematang.id"),
    ("warta-lematang.id - ", URL, None, "warta-lematang.id"),
    ("WARTA LEMATANG – ", URL, None, "warta-lematang.id"),
    ("LAHAT (WL) -- ", URL, "Lahat", "warta-lematang.id"),
    ("LAHAT | Sumselpost.co – ", URL, "Lahat", "sumselpost.co"),
    ("PALEMBANG - Kabarsumsel.com - ", URL, "Palembang", "kabarsumsel.com"),
    ("Lahat, Warta Lematang Online – ", URL, "Lahat", "warta-lematang.id"),
    ("Palembang, 11 Mei 2026 – ", URL, "Palembang", None),
    ("KUALA TERENGGANU: ", "https://www.suaratimur.my/x", "Kuala Terengganu", None),
    ("LAHAT – ", "https://www.lahatkab.go.id/berita/1", "Lahat", None),
])
def test_generic_dateline_grammar(step, head, url, place, outlet):
    doc = run(step, head + "\n".join(BODY), url)
    assert doc.text == "\n".join(BODY)
    assert doc.metadata.get("place") == place
    assert doc.metadata.get("dateline_outlet") == outlet


def test_all_caps_outlet_is_not_stored_as_the_place(step):
    doc = run(step, "KABAR NUSA – " + "\n".join(BODY), "https://kabarnusa.id/a/1")
    assert "place" not in doc.metadata
    assert doc.metadata["dateline_outlet"] == "kabarnusa.id"


def test_the_city_sites_own_name_is_a_place(step):
    doc = run(step, "LAHAT – " + "\n".join(BODY), "https://lahat.go.id/berita/1")
    assert doc.metadata.get("place") == "Lahat" and "dateline_outlet" not in doc.metadata


def test_headings_with_a_colon_are_not_datelines(step):
    for head in ("CATATAN: ", "Sumber: ", "UPDATE: ", "PENTING: "):
        doc = run(step, head + BODY[0] + "\n" + BODY[1])
        assert "place" not in doc.metadata, head


def test_initials_and_brand_keys():
    assert "bka" in initials("beritakotaambon") and "wl" in initials("wartalematang")
    assert initials("xqzvw") == frozenset()
    assert brand_keys("warta-lematang.id", "www.warta-lematang.id") == frozenset({"wartalematang"})
    assert "nu" in brand_keys("nu.or.id", "www.nu.or.id")


def test_trailing_link_exposed_by_a_cut_footer_is_removed_in_the_same_run(step):
    line = ("Warga berharap jembatan segera dibuka. Baca juga: Jalan Lintas Lahat Mulai Diperbaiki "
            "Pewarta: Budi Editor: Rina COPYRIGHT © ANTARA 2026")
    doc = run(step, "\n".join([BODY[0], line]))
    assert doc.text == BODY[0] + "\nWarga berharap jembatan segera dibuka."
    again = Document("d2", doc.text, {"url": URL})
    step.process(again)
    assert again.edits == []
