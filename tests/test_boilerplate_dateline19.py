"""Session-19 dateline grammar (issue 17): ``PLACE, Site Name —`` alone on its line, and a press
office's credit after a place the page's host names (``PLACE, Humas Name —``).

Every page here is invented for saring (Pos Mekarsunyi, Pondok Nurul Hikam, Karangwulung,
Mekarsunyi, Sukaluhur and the people are made up); none of these outlets or places is in
../shared/corpora or in evaluation/. Each dateline has a twin that must stay body text.
"""

from __future__ import annotations

from saring.document import Document
from tests import test_boilerplate_shape as shape_tests

BODY = [
    "Pipa transmisi milik perusahaan air minum bocor di Jalan Kenanga, Jumat pagi.",
    "Aliran air ke sekitar sembilan ribu pelanggan terhenti sejak pukul enam.",
    "Direktur perusahaan mengatakan perbaikan ditargetkan selesai dalam delapan belas jam.",
]
POS_URL = "https://posmekarsunyi.com/kota/2026/12/05/pipa-bocor"
PONDOK_URL = "https://nurulhikam-karangwulung.or.id/kegiatan/khataman-akbar"
OTHER_PONDOK_URL = "https://nurulhikam.or.id/kegiatan/khataman-akbar"

step = shape_tests.step  # the same module-scoped set-up fixture


def run(step, text: str, url: str) -> Document:
    """The page through the step (undo checked)."""
    return shape_tests.run(step, text, url)


def test_place_and_the_sites_name_alone_on_a_line_with_a_dash(step):
    doc = run(step, "MEKARSUNYI, Pos Mekarsunyi —\n" + "\n".join(BODY), POS_URL)
    assert doc.metadata.get("place") == "Mekarsunyi"
    assert doc.text == "\n".join(BODY)


def test_place_and_a_person_alone_on_a_line_with_a_dash_stay(step):
    text = "MEKARSUNYI, Ketua Panitia —\n" + "\n".join(BODY)
    doc = run(step, text, POS_URL)
    assert "place" not in doc.metadata and doc.text == text


def test_a_press_office_credit_after_a_place_the_host_names(step):
    line = "KARANGWULUNG, Humas Nurul Hikam — " + BODY[0]
    doc = run(step, "\n".join([line, *BODY[1:]]), PONDOK_URL)
    assert doc.metadata.get("place") == "Karangwulung"
    assert doc.text == "\n".join(BODY)


def test_the_credit_after_a_place_the_host_does_not_name_stays(step):
    text = "\n".join(["KARANGWULUNG, Humas Nurul Hikam — " + BODY[0], *BODY[1:]])
    doc = run(step, text, OTHER_PONDOK_URL)
    assert "place" not in doc.metadata and doc.text == text


def test_the_credit_after_another_unlisted_name_stays(step):
    text = "\n".join(["SUKALUHUR, Humas Nurul Hikam — " + BODY[0], *BODY[1:]])
    doc = run(step, text, PONDOK_URL)
    assert "place" not in doc.metadata and doc.text == text


def test_a_colon_after_a_place_the_host_names_stays(step):
    # "Name:" on its own site is a label: the host's word is taken for a credit, not a colon
    text = "\n".join(["Karangwulung: " + BODY[0], *BODY[1:]])
    doc = run(step, text, PONDOK_URL)
    assert "place" not in doc.metadata and doc.text == text
