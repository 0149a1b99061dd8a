"""A compass point written solid inside a name (``Baratdaya``, ``Timurlaut``) is one word, not a
linked ``Barat`` with a glued noun: no edit (lead, session 16: pages_traps17b's three false edits).
Glue after the same entity with any other word is still a site."""

from __future__ import annotations

import pytest

from saring.document import Document
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    s = Repair(dedup_paragraphs=False)
    s.ensure_setup()
    return s


@pytest.mark.parametrize(
    "text",
    [
        "Jalan Tol Lingkar Baratdaya dibuka pada akhir tahun.",
        "Warga Kampung Baratlaut menanam padi dua kali setahun.",
        "Pengguna Jalan Tol Lingkar Baratdaya membayar tarif dengan kartu elektronik.",
    ],
)
def test_solid_compass_point_is_left_alone(step: Repair, text: str) -> None:
    doc = Document(id="c", text=text)
    step.process(doc)
    assert doc.text == text and not doc.edits


def test_other_glue_after_the_same_entity_is_still_split(step: Repair) -> None:
    text = "Pemerintah Provinsi Jawa Baratgubernur baru dilantik kemarin."
    doc = Document(id="c", text=text)
    step.process(doc)
    assert any(e.before.endswith("Baratgubernur") or "Baratgubernur" in e.before for e in doc.edits)
