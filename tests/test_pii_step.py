"""The ``pii`` step: modes, edit log, annotations without raw values, config and pickling."""

from __future__ import annotations

import pickle

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.pii.step import PII
from saring.pipeline import Pipeline
from saring.registry import ConfigError

TEXT = (
    "Pelapor Budi (NIK 3171011708450001) bisa dihubungi di 0812-3456-7890 atau "
    "budi.santoso@gmail.com; dana dikirim ke rek. BCA 0266997374 a/n Budi."
)
RAW_VALUES = ("3171011708450001", "0812-3456-7890", "budi.santoso@gmail.com", "0266997374")


def run(step: PII, text: str = TEXT) -> Document:
    doc = Document("d1", text)
    step.ensure_setup()
    assert step.process(doc) is None
    return doc


def test_tag_mode_replaces_with_typed_placeholders_and_logs_edits() -> None:
    doc = run(PII())
    assert doc.text == (
        "Pelapor Budi (NIK <NIK>) bisa dihubungi di <PHONE> atau "
        "<EMAIL>; dana dikirim ke rek. BCA <BANK_ACCT> a/n Budi."
    )
    assert [e.kind for e in doc.edits] == ["pii:nik", "pii:phone", "pii:email", "pii:bank_account"]
    assert all(e.step == "pii" and 0 < e.confidence <= 1 for e in doc.edits)
    assert doc.undo() == TEXT
    ann = doc.annotations["pii"]
    assert ann["n"] == 4
    assert ann["counts"] == {"nik": 1, "phone": 1, "email": 1, "bank_account": 1}


def test_mask_mode_keeps_length_and_separators() -> None:
    doc = run(PII(mode="mask"))
    assert len(doc.text) == len(TEXT)
    assert "****-****-****" in doc.text
    assert "****.*******@*****.***" in doc.text
    for v in RAW_VALUES:
        assert v not in doc.text
    # in mask mode the recorded offsets stay valid in the output text
    for sp in doc.annotations["pii"]["spans"]:
        assert set(doc.text[sp["start"] : sp["end"]]) <= set("*-.@")


def test_annotate_mode_changes_nothing_and_stores_no_values() -> None:
    doc = run(PII(mode="annotate"))
    assert doc.text == TEXT and doc.edits == []
    spans = doc.annotations["pii"]["spans"]
    assert [(s["type"], TEXT[s["start"] : s["end"]]) for s in spans] == [
        ("nik", "3171011708450001"),
        ("phone", "0812-3456-7890"),
        ("email", "budi.santoso@gmail.com"),
        ("bank_account", "0266997374"),
    ]
    blob = orjson.dumps(doc.annotations).decode()
    for v in RAW_VALUES:
        assert v not in blob
    assert set(spans[0]) == {"type", "start", "end", "confidence", "rule"}


def test_hash_key_links_equal_values_without_storing_them() -> None:
    step = PII(mode="annotate", hash_key="rahasia")
    a = run(step, "HP 0812-3456-7890 dan 081234567890.")
    hashes = [s["hash"] for s in a.annotations["pii"]["spans"]]
    assert len(hashes) == 2 and hashes[0] == hashes[1]  # same digits, different layout
    other = run(PII(mode="annotate", hash_key="lain"), "HP 0812-3456-7890.")
    assert other.annotations["pii"]["spans"][0]["hash"] != hashes[0]
    assert "hash_key" not in step.params()  # the secret is not written to run manifests


def test_types_and_min_confidence_filter_what_is_replaced() -> None:
    doc = run(PII(types=["email"]))
    assert doc.text.count("<") == 1 and "<EMAIL>" in doc.text
    doc = run(PII(min_confidence=0.9))  # bank accounts are reported at 0.85
    assert "<BANK_ACCT>" not in doc.text and "0266997374" in doc.text


def test_documents_without_pii_get_a_zero_count_and_no_edits() -> None:
    doc = run(PII(), "Harga beras Rp 12.500 per kilogram pada 12/05/2024.")
    assert doc.edits == [] and doc.annotations["pii"] == {"n": 0}


def test_suspect_nik_is_flagged_not_replaced() -> None:
    doc = run(PII(), "kode 3171011708450001 di tabel")  # a code word vetoes the bare reading
    assert "3171011708450001" in doc.text
    assert doc.flags == [
        {
            "step": "pii",
            "kind": "pii_suspect",
            "type": "nik",
            "start": 5,
            "end": 21,
            "rule": "nik_no_context",
        }
    ]
    assert doc.annotations["pii"]["suspects"] == 1
    assert run(PII(flag_suspects=False), "kode 3171011708450001 di tabel").flags == []
    assert "3171011708450001" not in run(PII(), "angka 3171011708450001 di tabel").text


def test_bad_params_are_rejected() -> None:
    with pytest.raises(ValueError):
        PII(mode="delete")
    with pytest.raises(ValueError):
        PII(types=["nik", "passport"])
    with pytest.raises(ValueError):
        PII(min_confidence=1.5)


def test_pipeline_config_and_pickling() -> None:
    pipe = Pipeline.from_config({"steps": [{"pii": {"mode": "mask", "types": ["phone"]}}]})
    out = list(pipe.process([Document("x", "WA 0812-3456-7890, a@b.co.id")]))
    assert out[0].text == "WA ****-****-****, a@b.co.id"
    with pytest.raises(ConfigError):
        Pipeline.from_config({"steps": [{"pii": {"mode": 3}}]})
    step = PII(mode="annotate")
    step.ensure_setup()
    clone = pickle.loads(pickle.dumps(step))
    assert clone._detector is None  # dropped for shipping, rebuilt in setup()
    assert run(clone).annotations["pii"]["n"] == 4


def test_keep_original_false_leaves_no_raw_value_anywhere() -> None:
    doc = run(PII(keep_original=False))
    blob = orjson.dumps(doc.to_dict()).decode()
    for v in RAW_VALUES:
        assert v not in blob
    assert [e.kind for e in doc.edits][:2] == ["pii:nik", "pii:phone"]
    restored = doc.undo()
    assert len(restored) == len(TEXT)
    assert "NIK ****************" in restored and "****-****-****" in restored


def test_scrub_edits_on_an_already_processed_document() -> None:
    from saring.pii.step import scrub_edits

    doc = run(PII())
    assert scrub_edits(doc.edits) == 4
    assert scrub_edits(doc.edits) == 0  # idempotent
    assert "3171011708450001" not in orjson.dumps(doc.to_dict()).decode()


PIIISH = st.text(alphabet="0123456789 .-+()@abkNIKrepWA:\n", max_size=200)


@settings(max_examples=200, deadline=None)
@given(PIIISH)
def test_tag_undo_and_mask_length_properties(text: str) -> None:
    tagged = run(PII(), text)
    assert tagged.undo() == text
    masked = run(PII(mode="mask"), text)
    assert len(masked.text) == len(text)
    assert masked.undo() == text
