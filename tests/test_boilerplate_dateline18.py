"""Session-18 dateline grammar (issue 17): a place and a bare dash named by the host, a
dateline below more head lines when it names the page's own site, ``PLACE - SITE NAME -`` and
``PLACE, outlet.id:``.

Every page here is invented for saring (Kabar Pesisir, Kabar Gunung, Tanjung Seruni and the
people are made up; real place names are used only as shapes); none of these outlets or places
is in ../shared/corpora or in evaluation/. Each dateline has a twin that must stay body text.
"""

from __future__ import annotations

from saring.boilerplate.dateline import host_names_place
from saring.boilerplate.shape import brand_keys
from saring.document import Document
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Warga Desa Sukamekar memperbaiki tanggul yang jebol setelah hujan deras pekan lalu.",
    "Perbaikan dikerjakan bergotong royong dan ditargetkan selesai sebelum musim tanam tiba.",
    "Kepala desa meminta dinas pekerjaan umum membantu semen dan karung pasir.",
]
URL = "https://www.kabarpesisir.id/daerah/2026/12/tanggul-sukamekar"
HOST_URL = "https://warta.kabtanjungseruni.go.id/berita/tanggul-sukamekar"
HEAD = [  # kept: the headline and the deck (the caption closed by its credit is dropped since s19)
    "Warga Sukamekar Perbaiki Tanggul Jebol Secara Gotong Royong",
    "Tanggul sepanjang 40 meter itu jebol setelah hujan dua hari berturut-turut",
    "Minggu, 6 Desember 2026 08:00 WIB",
    "Tim Liputan Kabar Pesisir",
    "Tanggul yang jebol di Desa Sukamekar. (Foto: Kabar Pesisir/Tim Liputan)",
]

# three kept head lines above the dateline: a second deck line (the caption is dropped)
DEEP_HEAD = [
    *HEAD[:2],
    "Warga diminta menjauhi bantaran sungai selama perbaikan berlangsung",
    *HEAD[2:],
]

step = shape_tests.step  # the same module-scoped set-up fixture


def run(step, text: str, url: str = URL) -> Document:
    """The page through the step (undo checked)."""
    return shape_tests.run(step, text, url)


def test_a_place_the_host_names_opens_the_text_with_a_bare_dash(step):
    doc = run(step, "Tanjung Seruni - " + "\n".join(BODY), HOST_URL)
    assert doc.metadata.get("place") == "Tanjung Seruni"
    assert doc.text == "\n".join(BODY)


def test_an_unknown_name_and_a_dash_stay_where_the_host_does_not_name_it(step):
    text = "Tanjung Seruni - " + "\n".join(BODY)
    doc = run(step, text, URL)
    assert "place" not in doc.metadata and doc.text == text


def test_a_geonames_only_place_and_a_bare_dash_stay(step):
    # "Davao - Filipina tepatnya di ...": a place phrase, not a dateline
    text = "Davao - Filipina tepatnya di pelabuhan kota, warga menanam bakau.\n" + BODY[1]
    doc = run(step, text, URL)
    assert "place" not in doc.metadata and doc.text == text


def test_host_names_place():
    brands = brand_keys("kabtanjungseruni.go.id", "warta.kabtanjungseruni.go.id")
    assert host_names_place("Tanjung Seruni", brands)
    assert not host_names_place("Seruni Baru", brands)
    assert not host_names_place("Uni", brands)  # too short to be evidence


def test_a_dateline_naming_the_site_below_four_kept_head_lines(step):
    # a second deck line: the caption closed by its credit is dropped since session 19
    deck2 = "Warga diminta menjauhi bantaran sungai selama perbaikan berlangsung"
    text = "\n".join(
        [*HEAD[:2], deck2, *HEAD[2:], "CIREBON, KABAR PESISIR — " + BODY[0], *BODY[1:]]
    )
    doc = run(step, text)
    assert doc.metadata.get("place") == "Cirebon"
    assert doc.metadata.get("dateline_outlet") == "kabarpesisir.id"
    kept = doc.text.splitlines()
    assert BODY[0] in kept and "KABAR PESISIR —" not in doc.text
    assert kept.index(BODY[0]) >= 3  # below three kept head lines: only the deep search finds it


def test_a_deep_dateline_of_another_outlet_is_not_taken(step):
    text = "\n".join([*DEEP_HEAD, "CIREBON, KABAR GUNUNG — " + BODY[0], *BODY[1:]])
    doc = run(step, text)
    assert "place" not in doc.metadata
    assert "CIREBON, KABAR GUNUNG — " + BODY[0] in doc.text


def test_a_deep_dateline_under_a_body_paragraph_is_not_taken(step):
    long_line = " ".join([BODY[1]] * 4)  # > 300 characters: body text, not a head line
    text = "\n".join([HEAD[0], HEAD[1], HEAD[4], long_line, "CIREBON, KABAR PESISIR — " + BODY[0]])
    doc = run(step, text)
    assert "place" not in doc.metadata
    assert "CIREBON, KABAR PESISIR — " + BODY[0] in doc.text


def test_place_dash_site_name_dash(step):
    doc = run(step, "CIREBON - KABAR PESISIR - " + "\n".join(BODY))
    assert doc.metadata.get("place") == "Cirebon"
    assert doc.metadata.get("dateline_outlet") == "kabarpesisir.id"
    assert doc.text == "\n".join(BODY)


def test_place_dash_other_name_dash_keeps_the_name(step):
    # "Kabar Gembira" has an outlet word but is not this site's name: only the place goes
    doc = run(step, "CIREBON - Kabar Gembira - " + "\n".join(BODY))
    assert "dateline_outlet" not in doc.metadata
    assert doc.text.startswith("Kabar Gembira - ")


def test_place_outlet_colon(step):
    doc = run(step, "CIREBON, Kabarpesisir.id: " + "\n".join(BODY))
    assert doc.metadata.get("place") == "Cirebon"
    assert doc.metadata.get("dateline_outlet") == "kabarpesisir.id"
    assert doc.text == "\n".join(BODY)


def test_a_list_item_with_a_colon_is_not_an_outlet_dateline(step):
    text = "\n".join([BODY[0], "Cirebon, Jawa Barat: 3 kasus", BODY[1]])
    doc = run(step, text)
    assert "dateline_outlet" not in doc.metadata and "Cirebon, Jawa Barat: 3 kasus" in doc.text
