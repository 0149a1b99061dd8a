"""Properties under hypothesis: no crash, valid offsets, undo, idempotence, clean text untouched."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.repair.step import Repair

STEP = Repair()
STEP.ensure_setup()

WORDS = ["pemerintah", "bantuan", "seorang", "pemimpin", "tiba", "di", "dan", "yang", "kota",
         "Presiden", "Menteri", "Kota", "laporan", "media", "itu", "untuk", "ruang", "kapal"]
ENTITIES = ["Rusia", "Jepang", "China", "Korea Utara", "India", "Indonesia", "Jakarta"]
PUNCT = [", ", ". ", " ", " ", " ", "\n", ": ", "“", "” ", "#", "@", "/", "-"]

fragment = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(ENTITIES),
    st.builds(lambda e, w: e + w, st.sampled_from(ENTITIES), st.sampled_from(WORDS)),
    st.builds(lambda e, w: e + "n " + w, st.sampled_from(ENTITIES), st.sampled_from(WORDS)),
    st.builds(lambda e, w: e + w.capitalize(), st.sampled_from(ENTITIES), st.sampled_from(WORDS)),
    st.sampled_from(PUNCT),
    st.text(max_size=6),
)
LONG = ("Menteri Luar Negeri tiba di Jakarta pada hari Rabu untuk membahas kerja sama dagang "
        "dan keamanan kawasan bersama para pejabat tinggi pemerintah")
glued_text = st.one_of(
    st.lists(fragment, max_size=40).map(" ".join),
    st.lists(st.one_of(fragment, st.just(LONG), st.just(LONG.replace("Rabu", "Kamis"))),
             max_size=12).map("\n".join),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _valid_edits(doc: Document, original: str) -> None:
    text = original
    for e in doc.edits:
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start : e.end] == e.before
        text = text[: e.start] + e.after + text[e.end :]
    assert text == doc.text


@SETTINGS
@given(glued_text)
def test_never_crashes_offsets_valid_undo(text: str) -> None:
    doc = Document(id="h", text=text)
    assert STEP.process(doc) is None
    _valid_edits(doc, text)
    assert doc.undo() == text
    for f in doc.flags:
        assert 0 <= f["start"] <= f["end"] <= len(doc.text)
        if f["kind"] in ("mt_glue", "mt_order"):
            assert doc.text[f["start"] : f["end"]] == f["text"]
    assert 0.0 <= doc.annotations["repair"]["mt_damage"] <= 1.0


@SETTINGS
@given(glued_text)
def test_idempotent(text: str) -> None:
    doc = Document(id="h", text=text)
    STEP.process(doc)
    again = Document(id="h2", text=doc.text)
    STEP.process(again)
    assert again.text == doc.text
    assert again.edits == []


@pytest.mark.parametrize("text", ["Rusiayang Jakartan pemerintah", "Indonesiauntuk Jakartan pemerintah",
                                  "Rusian pemerintah RusiaTiba",
                                  # (lead s18: hypothesis; the corpora write "Indonesiayang" capitalised)
                                  "pemerintah Indonesiayang Jepangn pemerintah"])
def test_idempotent_when_a_repair_changes_the_word_before(text: str) -> None:
    # found by hypothesis (session 11): the first pass split "Rusia|yang" but judged the demonym
    # "Jakartan" on the glued token before it, the second pass on the split-off "yang" and moved it;
    # the first pass flagged the verb glued in "RusiaTiba" after the lower-case "pemerintah", the
    # second split it after the moved "Pemerintah Rusia"
    doc = Document(id="h", text=text)
    STEP.process(doc)
    again = Document(id="h2", text=doc.text)
    STEP.process(again)
    assert doc.edits and again.text == doc.text
    assert again.edits == []


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT),
                          st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.,-", max_size=12)),
                max_size=60).map(" ".join))
def test_no_suspicious_token_no_change(text: str) -> None:
    """Text without a capitalised entity prefix has no glue site; single-line, so no duplicates."""
    text = text.replace("\n", " ")
    doc = Document(id="h", text=text)
    STEP.process(doc)
    assert doc.text == text and doc.edits == [] and doc.flags == []


def _result(doc: Document) -> bytes:
    return orjson.dumps(doc.to_dict(), option=orjson.OPT_SORT_KEYS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glued_text, st.lists(glued_text, max_size=8), st.sampled_from(["", "https://a.example/x"]))
def test_output_does_not_depend_on_documents_seen_before(text: str, before: list[str], url: str) -> None:
    """Pure per document: a fresh step on the document alone gives the same bytes as a step that
    first processed other documents (of the same site), so worker count and order cannot matter."""
    meta = {"url": url} if url else {}
    fresh = Repair()
    fresh.ensure_setup()
    alone = Document(id="x", text=text, metadata=dict(meta))
    fresh.process(alone)
    for i, t in enumerate(before + [LONG_GLUE] * 6):
        STEP.process(Document(id=str(i), text=t, metadata=dict(meta)))
    after = Document(id="x", text=text, metadata=dict(meta))
    STEP.process(after)
    assert _result(after) == _result(alone)


LONG_GLUE = "Hari ini Rusian Presiden datang dan Rusiakredensial diplomatik dibahas."


def test_no_flag_inside_an_applied_repair() -> None:
    # found by hypothesis: the split of "Korea UtaraPresiden" was applied and the overlapping
    # CamelCase site was still flagged with offsets of the text before the edit
    doc = Document(id="h", text="Presiden Korea UtaraPresiden")
    STEP.process(doc)
    for f in doc.flags:
        assert doc.text[f["start"] : f["end"]] == f["text"]
