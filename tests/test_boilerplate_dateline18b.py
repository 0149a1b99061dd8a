"""Session-18 dateline grammar, second round (issue 17): ``Place (Site Name) -``, a press
office's credit after the dash named by the host, a written domain with the site's words
swapped, the release-wire ``PLACE, date /Wire/ --``, a fourth head line whose place a headline
names, and ``Section | Site`` that is no dateline.

Every outlet, host and place here is invented for saring (Gema Rantau, Lubuk Serintai, Pelangkin TV,
Warta Rilis, Kuala Sepinang); none is in ../shared/corpora or in evaluation/. Each dateline has a
twin that must stay body text.
"""

from __future__ import annotations

from saring.document import Document
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Warga Desa Sukamekar memperbaiki tanggul yang jebol setelah hujan deras pekan lalu.",
    "Perbaikan dikerjakan bergotong royong dan ditargetkan selesai sebelum musim tanam tiba.",
    "Kepala desa meminta dinas pekerjaan umum membantu semen dan karung pasir.",
]
URL = "https://gemarantau.id/daerah/2026/12/tanggul-sukamekar"
OFFICE_URL = "https://diskominfo.kotaserintai.go.id/berita/tanggul-sukamekar"
TV_URL = "https://tvpelangkin.co.id/berita/tanggul-sukamekar"
WIRE_URL = "https://wartarilis.id/rilis/tanggul-sukamekar"

step = shape_tests.step  # the same module-scoped set-up fixture


def run(step, text: str, url: str = URL) -> Document:
    """The page through the step (undo checked)."""
    return shape_tests.run(step, text, url)


def test_place_and_the_site_name_in_parentheses(step):
    doc = run(step, "Lubuk Serintai (Gema Rantau) - " + "\n".join(BODY))
    assert doc.metadata.get("place") == "Lubuk Serintai"
    assert doc.metadata.get("dateline_outlet") == "gemarantau.id"
    assert doc.text == "\n".join(BODY)


def test_a_name_in_parentheses_that_is_not_the_site_stays(step):
    text = "Lubuk Serintai (Kepala Desa) - " + "\n".join(BODY)
    doc = run(step, text)
    assert "dateline_outlet" not in doc.metadata and doc.text == text


def test_a_press_office_credit_the_host_names_is_part_of_the_dateline(step):
    doc = run(step, "SERINTAI – Diskominfo. " + "\n".join(BODY), OFFICE_URL)
    assert doc.metadata.get("place") == "Serintai"
    assert "dateline_outlet" not in doc.metadata
    assert doc.text == "\n".join(BODY)


def test_a_credit_line_of_its_own_goes_whole(step):
    doc = run(step, "\n".join(["SERINTAI – Diskominfo.", *BODY]), OFFICE_URL)
    assert doc.metadata.get("place") == "Serintai"
    assert doc.text == "\n".join(BODY)


def test_a_word_the_host_does_not_name_keeps_its_text(step):
    doc = run(step, "SERINTAI – Pemkot. " + "\n".join(BODY), OFFICE_URL)
    assert doc.metadata.get("place") == "Serintai"
    assert doc.text.startswith("Pemkot. " + BODY[0])


def test_a_written_domain_with_the_site_words_swapped_is_the_site(step):
    doc = run(step, "SERINTAI, PELANGKINTV.CO.ID - " + "\n".join(BODY), TV_URL)
    assert doc.metadata.get("dateline_outlet") == "tvpelangkin.co.id"
    doc = run(step, "SERINTAI, PELANGKINTV.CO.ID - " + "\n".join(BODY), URL)
    assert doc.metadata.get("dateline_outlet") == "pelangkintv.co.id"  # another site's domain


def test_a_release_wire_dateline(step):
    text = "\n".join(["LUBUK SERINTAI, 2 Desember 2026 /WartaRilis/ --", *BODY])
    doc = run(step, text, WIRE_URL)
    assert doc.metadata.get("place") == "Lubuk Serintai"
    assert doc.text == "\n".join(BODY)


def test_a_slashed_word_after_a_date_with_one_dash_stays(step):
    text = "\n".join(["LUBUK SERINTAI, 2 Desember 2026 /WartaRilis/ - harga naik", *BODY])
    doc = run(step, text, WIRE_URL)
    assert "/WartaRilis/" in doc.text


HEAD = [  # a kicker, a deck and the headline: three kept head lines (a menu is dropped since s19)
    "Liputan Warga Serintai",
    "Tanggul jebol sepanjang tiga puluh meter, ratusan hektare sawah terancam",
    "Komisi III Tinjau Tanggul Kuala Sepinang yang Jebol Diterjang Banjir",
]


def test_a_fourth_head_line_whose_place_the_headline_names(step):
    doc = run(step, "\n".join([*HEAD, "KUALA SEPINANG - " + BODY[0], *BODY[1:]]))
    assert doc.metadata.get("place") == "Kuala Sepinang"
    kept = doc.text.splitlines()
    assert "KUALA SEPINANG -" not in doc.text and BODY[0] in kept
    assert kept.index(BODY[0]) == 3  # the fourth kept line


def test_a_fourth_head_line_whose_place_no_line_above_names_stays(step):
    head = [*HEAD[:2], "Komisi III Tinjau Tanggul yang Jebol Diterjang Banjir"]
    text = "\n".join([*head, "KUALA SEPINANG - " + BODY[0], *BODY[1:]])
    doc = run(step, text)
    assert "place" not in doc.metadata and "KUALA SEPINANG - " + BODY[0] in doc.text


def test_section_and_site_name_is_no_dateline(step):
    text = "\n".join([HEAD[2], BODY[0], "Warta Pagi | Gema Rantau"])
    doc = run(step, text)
    assert "dateline_outlet" not in doc.metadata


DEEP_HEAD = [  # kept lines the step does not know as furniture, short widget words among them
    "Masuk",
    "Cari berita...",
    "Warga Sukamekar Perbaiki Tanggul Jebol Secara Gotong Royong",
    "zoom-in",
    "Warga menumpuk karung pasir di tanggul yang jebol, Minggu pagi",
    "zoom-in",
    "Laporan wartawan Gema Rantau, Tim Liputan",
]


def test_a_deep_dateline_below_short_widget_words(step):
    text = "\n".join([*DEEP_HEAD, "SUKAMEKAR, GemaRantau.id — " + BODY[0], *BODY[1:]])
    doc = run(step, text)
    assert doc.metadata.get("dateline_outlet") == "gemarantau.id"
    assert "GemaRantau.id —" not in doc.text and BODY[0] in doc.text


def test_a_site_led_label_under_body_sentences_is_no_dateline(step):
    body = [*BODY, *BODY]  # six short body sentences, then the site's own related-list label
    text = "\n".join([*body, "GemaRantau.id - BERITA MENARIK LAINNYA:", "Harga Cabai Naik Lagi"])
    doc = run(step, text)
    assert "dateline_outlet" not in doc.metadata
