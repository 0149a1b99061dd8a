"""The metadata scan skips strings without a digit, "@", bracket or colon: the detector can find
no span inside such a string, whatever the field name before it (its context)."""

from __future__ import annotations

import pytest
from conftest import corpus_records
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.pii.detect import Detector, may_hold_pii
from saring.pii.step import PII

_PIECES = ["budi", "at", "AT", "dot", "[", "]", "(", ")", "@", ":", "::", "0812", "3201", "7", ".",
           "-", " ", "gmail", "com", "co.id", "email", "protected", "\u00a0", "+62", "telp", "nik",
           "fe80", "ab", "cd", "Rp", "٣", "1.2.3.4", "budi@gmail.com", "budi [at] gmail.com",
           "[email\u00a0protected]", "abcd::ef:be", "kontak: sari (at) yahoo.co.id"]
_values = st.lists(st.sampled_from(_PIECES), max_size=20).map("".join)
_fields = st.sampled_from(["title", "telp", "nik", "x:", "email", "a.b", "kontak_wa"])


@pytest.fixture(scope="module")
def detector() -> Detector:
    return PII().detector


@settings(max_examples=800, deadline=None)
@given(_values, _fields)
def test_no_span_inside_a_string_the_gate_skips(detector, value, field):
    prefix = field.replace("_", " ") + ": "
    spans, suspects = detector.find(prefix + value)
    inside = [sp for sp in (*spans, *suspects) if sp.end > len(prefix)]
    if not may_hold_pii(value):
        assert inside == []


def test_the_gate_keeps_every_kind_of_span() -> None:
    for value in ("budi@gmail.com", "sari (at) yahoo.co.id", "[email\u00a0protected]", "0812 3456 7890",
                  "fe80::1"):
        assert may_hold_pii(value), value


@pytest.mark.parametrize("name", ["id_news_gikirima_multioutlet.jsonl.gz", "id_news_detik_langscrape.jsonl.gz"])
def test_gate_changes_no_metadata_result_on_real_records(detector, name):
    step = PII()
    step.ensure_setup()
    for rec in corpus_records(name, 200):
        text = rec.pop("text", "") or ""
        for key, value in rec.items():
            if isinstance(value, str) and value and not may_hold_pii(value):
                spans, suspects = detector.find(key.replace("_", " ") + ": " + value)
                assert all(sp.end <= len(key) + 2 for sp in (*spans, *suspects))
        doc = Document("d", text, dict(rec))
        step.process(doc)  # runs end to end with the gate
