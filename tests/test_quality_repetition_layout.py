"""Repetition rules reject only for repeated content, and name what repeated (issue 17).

The set (``evaluation/quality/repetition14.py``) is hand-written: clean paragraphs of >= 50 words
in genres that repeat by nature, and repetitive spam. A repetition rule that fails is looked at
again with layout left out (table borders, stanza marks, signature blanks, whitespace-only
lines); the rejected document's annotations say what repeated.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kernel_paths import kernel_path  # noqa: F401 - the fixture: compiled and pure paths

from evaluation.quality import repetition14 as R
from saring.document import Document
from saring.quality import repeats
from saring.quality.fineweb import FineWebQuality
from saring.quality.gopher import GopherRepetition
from saring.quality.step import QualityFilter
from saring.quality.textstats import stats_for
from saring.step import run_steps

pytestmark = pytest.mark.usefixtures("kernel_path")

REPETITION_RULES = re.compile(r"gopher_(top|dup)_|fineweb_char_dup_ratio")


def run(step, text: str) -> Document:
    return list(run_steps([step], [Document("d", text, {"lang_detected": "id"})], {}))[0]


def repeated_note(doc: Document) -> str | None:
    for ann in doc.annotations.values():
        if isinstance(ann, dict) and ann.get("repeated"):
            return ann["repeated"]
    return None


def named_repeat_occurs(doc: Document, note: str) -> bool:
    """The quoted n-gram or line of ``note`` occurs at least twice in the document (overlapping
    occurrences count, as in the n-gram measures; a quote cut with "..." by its prefix)."""
    quoted = note.split('"', 1)[1].rsplit('"', 1)[0]
    cut = quoted.endswith("...")
    quoted = quoted.removesuffix("...")
    if note.startswith(("line", "paragraph")):  # quoted with its whitespace collapsed
        units = doc.text.split("\n\n") if note.startswith("paragraph") else doc.text.split("\n")
        same = [" ".join(u.split()) for u in units]
        return sum(u.startswith(quoted) if cut else u == quoted for u in same) >= 2
    tokens = stats_for(doc.text).tokens
    if cut:
        return " ".join(tokens).count(quoted) >= 2
    gram = quoted.split(" ")
    n = len(gram)
    return sum(tokens[i : i + n] == gram for i in range(len(tokens) - n + 1)) >= 2


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_clean_paragraphs_are_rejected_for_repetition_only_with_a_named_repeat(half):
    """Every clean paragraph the repetition rules reject names a repeat that is really there."""
    step = QualityFilter(order=["gopher_repetition", "fineweb_quality", "gopher_quality"])
    for genre, text in R.clean(half):
        assert len(text.split()) >= 50, genre
        doc = run(step, text)
        if doc.status == "rejected" and REPETITION_RULES.match(doc.decision.reason):
            note = repeated_note(doc)
            assert note is not None, (genre, doc.decision)
            assert named_repeat_occurs(doc, note), (genre, note)


# The layout paragraphs at the end of the set: stanza marks, table borders, signature blanks,
# blank form lines (36, 38, 40 tune; 37, 39, 41 held-out, rejected by main, scored once).
LAYOUT = [36, 37, 38, 39, 40, 41]


@pytest.mark.parametrize("index", LAYOUT)
def test_layout_that_repeats_is_not_repetition(index):
    """Table borders, stanza marks and signature blanks repeat, but no rule rejects for them."""
    _genre, text = R.CLEAN[index]
    for step in (GopherRepetition(), FineWebQuality()):
        doc = run(step, text)
        assert not (doc.status == "rejected" and REPETITION_RULES.match(doc.decision.reason)), (
            doc.decision)


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_spam_guards_stay_rejected_by_a_repetition_rule(half):
    for genre, text in R.spam(half):
        doc = run(GopherRepetition(), text)
        fw = run(FineWebQuality(), text)
        rejected = [d for d in (doc, fw) if d.status == "rejected"
                    and REPETITION_RULES.match(d.decision.reason)]
        assert rejected, genre
        note = repeated_note(rejected[0])
        assert note is not None and named_repeat_occurs(rejected[0], note), (genre, note)


def test_whitespace_only_lines_are_not_duplicate_lines():
    """Paragraphs separated by a line holding one space (or a CR) repeat that line, not text."""
    paras = [
        "Hujan deras sejak pagi membuat sungai di pinggir kota meluap dan merendam jalan utama.",
        "Petugas membuka posko di balai warga dan membagikan makanan kepada keluarga yang mengungsi.",
        "Sekolah diliburkan dua hari sambil menunggu air surut dan kelas dibersihkan bersama.",
        "Pemerintah kota berjanji memperbaiki saluran air sebelum musim hujan tahun depan tiba.",
    ]
    for sep in ("\n \n", "\r\n\r\n"):
        text = sep.join(paras)
        assert run(GopherRepetition(), text).status == "kept", repr(sep)


def test_a_repeated_line_is_still_rejected_and_named():
    line = "Klik tautan di bawah ini untuk mendapatkan hadiah gratis sekarang juga!"
    doc = run(GopherRepetition(), "\n".join([line] * 6 + ["Berlaku hari ini saja untuk semua pengguna."]))
    assert doc.status == "rejected" and doc.decision.reason == "gopher_dup_line_frac"
    assert repeated_note(doc) == f'line "{line[:57]}..." x6'


def test_decide_from_stored_scores_agrees_with_process():
    """Re-deciding from the annotated scores looks again too (a vetoed failure stays vetoed)."""
    step = GopherRepetition()
    for _genre, text in R.CLEAN + R.SPAM:
        doc = run(step, text)
        again = step.decide(doc.annotations[step.label], doc)
        assert (again.reason if again else None) == (doc.decision.reason if doc.status == "rejected" else None)


def measured_failure(step: GopherRepetition, text: str) -> str | None:
    """The first rule that fails as measured, without the second look (the reference)."""
    scores, _ = step.evaluate(text, "id", stop_early=False)
    for metric, t, is_min, zero_ok, reason in step._plans["id"]:
        v = scores.get(metric)
        if v is not None and (v < t if is_min else v > t) and not (zero_ok and v == 0):
            return reason
    return None


WORDS = ["dan", "yang", "pasal", "ayat", "harga", "kilogram", "Tuhan", "kami", "1", "2024"]
LAYOUT = ["***", "+------+", "(..........)", ",", ".", "(", ")", "|", "-", "~ ~ ~", " "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS + LAYOUT), min_size=1, max_size=12), min_size=1, max_size=30))
def test_second_look_only_removes_rejections_and_names_real_repeats(lines):
    """Whatever the text, the second look never rejects what the measured rule passed (same
    first reason or kept), and a named repeat occurs at least twice."""
    text = "\n".join(" ".join(words) for words in lines)
    step = GopherRepetition()
    raw = measured_failure(step, text)
    doc = run(step, text)
    if doc.status == "rejected":
        assert raw is not None
        note = repeated_note(doc)
        if note is not None:
            assert named_repeat_occurs(doc, note), note


def test_is_word_and_drawn_lines():
    assert repeats.is_word("kilogram") and repeats.is_word("12.500") and repeats.is_word("\U0001f923")
    assert not any(map(repeats.is_word, ["***", "+", "-----", "\r", " ", "", "(", "\u2500\u2500"]))
    assert repeats.gram_chars(("Kuasa", ",", "(", "________")) == len("Kuasa , (")
    assert repeats.gram_chars(("per", "kilogram", ",")) == len("per kilogram ,")
