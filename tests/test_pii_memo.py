"""The PII step's metadata memo (``PII._chosen_memo``) keeps no state that reaches an output:
any sequence of documents gives, document by document, what a fresh step gives each of them, and
the memo stays within its bound (cleared when full) whatever the documents."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.pii import step as pii_step
from saring.pii.step import PII

_VALUES = ["Telp. 0812-3456-7890", "0812 3456 7890", "budi@contoh.co.id", "liputan6.com",
           "2025-06-18", "Minggu, 01 Des 2024 23:40 WIB", "NIK 3171234567890001", "3171234567890001",
           "sumber/berkas_2025.csv", "(at) ujang [at] mail.id", "id", "Harga cabai naik", "10.1.2.3",
           "rek 1234567890 BCA", "fe80::1", "", "x" * 250 + " 0812-3456-7890"]
_KEYS = ["phone", "telp", "nik", "source", "date", "title", "summary", "kontak_wa", "rekening"]
_VALUE = st.sampled_from(_VALUES)
_META = st.dictionaries(st.sampled_from(_KEYS), st.one_of(
    _VALUE, st.lists(_VALUE, max_size=3), st.dictionaries(st.sampled_from(_KEYS), _VALUE, max_size=2)),
    max_size=5)
_DOCS = st.lists(st.tuples(_META, _VALUE), min_size=1, max_size=12)


def _run(step: PII | None, docs: list[tuple[dict, str]]) -> list[dict]:
    out = []
    for i, (meta, text) in enumerate(docs):
        d = Document(f"d{i}", "Hubungi " + text, copy.deepcopy(meta))
        (step or PII(keep_original=False)).process(d)
        out.append(d.to_dict())
    return out


_STEP = PII(keep_original=False)


@settings(max_examples=150, deadline=None)
@given(_DOCS)
def test_one_step_over_many_documents_equals_a_fresh_step_each(docs) -> None:
    assert _run(_STEP, docs) == _run(None, docs)  # _STEP's memo carries over between examples


@settings(max_examples=60, deadline=None)
@given(_DOCS)
def test_the_memo_stays_bounded_and_exact_when_cleared(docs) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pii_step, "_MEMO_SIZE", 3)
        step = PII(keep_original=False)
        got = []
        for i, (meta, text) in enumerate(docs):
            d = Document(f"d{i}", "Hubungi " + text, copy.deepcopy(meta))
            step.process(d)
            got.append(d.to_dict())
            assert len(step._chosen_memo) <= 3
            assert all(len(v) <= pii_step._MEMO_CHARS for _, v in step._chosen_memo)
    assert got == _run(None, docs)
