"""The founding article: every glue span repaired, the revision duplicate removed, nothing else."""

from __future__ import annotations

import pickle

from saring.document import Document
from saring.repair.step import Repair

EXPECTED = {
    "Rusian Presiden": "Presiden Rusia",
    "Rusian Kota": "Kota Rusia",
    "Rusiakredensial diplomatik": "kredensial diplomatik Rusia",
    "RusiaChina": "Rusia, China",
    "Rusiaseorang seniman": "seorang seniman Rusia",
    "Rusialagu klasik": "lagu klasik Rusia",
    "Rusialaporan media pemerintah": "laporan media pemerintah Rusia",
    "Rusian dukungan": "dukungan Rusia",
    "Rusiaruang": "ruang Rusia",
    "RusiaSeorang pemimpin": "seorang pemimpin Rusia",
    "Rusiapresiden": "presiden Rusia",
}


def _run(text: str, **kw) -> Document:
    step = Repair(**kw)
    step.ensure_setup()
    doc = Document(id="founding", text=text)
    assert step.process(doc) is None
    return doc


def test_all_glue_spans_repaired_in_order(founding_text: str) -> None:
    doc = _run(founding_text)
    glue = [e for e in doc.edits if e.kind.startswith("mt_")]
    assert {e.before: e.after for e in glue} == EXPECTED
    assert len(glue) == 11
    assert all(e.confidence >= 0.75 for e in glue)
    assert doc.flags == []


def test_revision_duplicate_removed_and_conflict_recorded(founding_text: str) -> None:
    doc = _run(founding_text)
    dups = [e for e in doc.edits if not e.kind.startswith("mt_")]
    assert [e.kind for e in dups] == ["revision_duplicate"]
    removed = dups[0].before
    assert "pada hari Kamis seorang pemimpin Rusia tiba" in removed and removed.endswith("\n")
    assert "pada hari Rabu pemimpin Rusia itu tiba" in doc.text
    assert "pada hari Kamis seorang pemimpin" not in doc.text
    ann = doc.annotations["repair"]
    assert ann["revision_conflicts"] == [["Rabu", "Kamis"]]
    assert ann["removed_paragraphs"][0]["reason"] == "revision_duplicate"
    assert ann["mt_damage"] > 0.9
    assert ann["glue_repaired"] == 11


def test_no_other_change(founding_text: str) -> None:
    doc = _run(founding_text)
    expected = founding_text
    for before, after in EXPECTED.items():
        expected = expected.replace(before, after, 1)
    kamis = next(ln for ln in expected.split("\n") if "hari Kamis seorang pemimpin" in ln)
    expected = expected.replace(kamis + "\n", "", 1)
    assert doc.text == expected


def test_undo_and_idempotence(founding_text: str) -> None:
    doc = _run(founding_text)
    assert doc.undo() == founding_text
    again = _run(doc.text)
    assert again.edits == [] and again.flags == []
    assert again.text == doc.text


def test_high_threshold_flags_instead_of_editing(founding_text: str) -> None:
    doc = _run(founding_text, min_confidence=1.0, dedup_paragraphs=False)
    assert doc.edits == []
    assert doc.text == founding_text
    flagged = {f["text"] for f in doc.flags if f["kind"] == "mt_glue"}
    assert "Rusiakredensial diplomatik" in flagged and len(flagged) == 11
    f = next(f for f in doc.flags if f["text"] == "Rusiaruang")
    assert f["suggestion"] == "ruang Rusia" and founding_text[f["start"] : f["end"]] == "Rusiaruang"


def test_step_pickles_and_works_after(founding_text: str) -> None:
    step = Repair()
    step.ensure_setup()
    clone = pickle.loads(pickle.dumps(step))
    clone.ensure_setup()
    doc = Document(id="x", text=founding_text)
    clone.process(doc)
    assert len(doc.edits) == 12
