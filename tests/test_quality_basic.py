"""Length filter, C4 edit round-trips (property) and regex safety of the quality modules."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.pipeline import Pipeline
from saring.quality.basic import LengthFilter
from saring.quality.c4 import C4Lines
from saring.quality.spam import SpamFilter
from saring.registry import ConfigError


def test_length_filter_bounds_and_reasons():
    f = LengthFilter(min_chars=10, max_chars=50, min_words=3, max_words=6)
    assert f.process(Document("a", "pendek")) == f.decide({"chars": 6, "words": 1}, Document("a", ""))
    v = f.process(Document("a", "pendek"))
    assert (v.reason, v.value, v.threshold) == ("too_short_chars", 6, 10)
    v = f.process(Document("b", "x" * 60))
    assert (v.reason, v.value, v.threshold) == ("too_long_chars", 60, 50)
    v = f.process(Document("c", "satu duaduadua"))
    assert (v.reason, v.value, v.threshold) == ("too_few_words", 2, 3)
    v = f.process(Document("d", "a b c d e f g h"))
    assert (v.reason, v.value, v.threshold) == ("too_many_words", 8, 6)
    assert f.process(Document("e", "ini kalimat yang cukup")) is None


def test_length_filter_config_validation():
    with pytest.raises(ConfigError):
        Pipeline.from_config({"steps": [{"length": {"min_chars": -1}}]})
    with pytest.raises(ConfigError):
        Pipeline.from_config({"steps": [{"length": {"min_chars": "10"}}]})


lines = st.lists(
    st.sampled_from([
        "Beranda",
        "Ini kalimat lengkap yang berakhir dengan titik.",
        "Kami memakai cookie dan kebijakan privasi berlaku di sini.",
        "Aktifkan javascript agar video berjalan dengan baik.",
        "Kata dia, \"semua sudah siap.\"",
        "Hasil rapat [1] diumumkan besok pagi oleh panitia.",
        "Baca juga...",
        "",
        "   ",
    ]),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(lines, st.sampled_from(["\n", "\r\n"]))
def test_c4_edits_always_undo_to_the_input(parts, sep):
    text = sep.join(parts)
    doc = Document("p", text)
    verdict = C4Lines(overrides={"min_num_sentences": 1}).process(doc)
    assert doc.original_text() == text
    for e in doc.edits:
        assert e.kind.startswith("c4:")
    if verdict is not None:
        assert not doc.edits  # a rejected document is left as it was
    else:
        assert "cookie" not in doc.text and "javascript" not in doc.text.lower()


def test_quality_regexes_are_linear_on_adversarial_input():
    spam = SpamFilter()
    spam.ensure_setup()
    c4 = C4Lines()
    nasty = [
        "slot" * 30_000, "88" * 50_000, "wa 08" + "1" * 100_000, "[" * 100_000 + "]",
        "judi online " * 10_000, "http://" * 20_000, ("a. " * 40_000) + "\n",
        "togel" + "9" * 100_000,
    ]
    for text in nasty:
        t0 = time.perf_counter()
        spam.process(Document("n", text))
        c4.process(Document("n", text))
        assert time.perf_counter() - t0 < 3.0, text[:20]
