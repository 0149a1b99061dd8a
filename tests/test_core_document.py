"""The edit model: offsets, undo, serialization round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saring import Document, Replacement


def test_apply_logs_edits_with_pre_edit_offsets_and_undo_restores() -> None:
    d = Document("a", "Rusiakredensial diplomatik dan RusiaChina, Jepang")
    n = d.apply(
        "repair",
        [
            Replacement(0, 15, "kredensial Rusia", "mt_glue:reorder", 0.9),
            Replacement(31, 41, "Rusia, China", "mt_glue:comma", 0.95),
        ],
    )
    assert n == 2
    assert d.text == "kredensial Rusia diplomatik dan Rusia, China, Jepang"
    first, second = d.edits
    assert (first.start, first.end, first.before) == (0, 15, "Rusiakredensial")
    # the second edit's offsets are shifted by the first (+1 char)
    assert (second.start, second.end) == (32, 42)
    assert d.text[second.start : second.start + len(second.after)] == "Rusia, China"
    assert d.undo() == "Rusiakredensial diplomatik dan RusiaChina, Jepang"
    assert d.undo(1) == "kredensial Rusia diplomatik dan RusiaChina, Jepang"


def test_overlapping_replacements_are_refused() -> None:
    d = Document("a", "abcdef")
    with pytest.raises(ValueError):
        d.apply("s", [Replacement(0, 3, "x", "k"), Replacement(2, 4, "y", "k")])
    assert d.text == "abcdef" and d.edits == []


def test_noop_replacement_is_not_logged() -> None:
    d = Document("a", "abc")
    assert d.apply("s", [Replacement(0, 1, "a", "k")]) == 0
    assert d.edits == []


def test_text_before_step() -> None:
    d = Document("a", "x y z")
    d.apply("one", [Replacement(0, 1, "X", "k")])
    d.apply("two", [Replacement(2, 3, "Y", "k")])
    assert d.text_before("two") == "X y z"
    assert d.text_before("one") == "x y z"


def test_round_trip_dict() -> None:
    d = Document("id1", "teks", metadata={"url": "https://a.id/x"})
    d.apply("s", [Replacement(0, 1, "T", "case", 0.5)])
    d.annotate("s", score=0.25)
    d.flag("s", "suspect", start=0, end=1)
    d.reject("quality", "too_short", value=1, threshold=50)
    e = Document.from_dict(d.to_dict())
    assert e == d


def test_annotate_merges_and_owns_its_values() -> None:
    d = Document("a", "x")
    values = {"score": 0.5}
    d.annotate("s", **values)
    values["score"] = 0.9  # the caller's dict is not the stored one
    d.annotate("s", n=2)
    d.annotate("s", score=0.25)
    assert d.annotations == {"s": {"score": 0.25, "n": 2}}
    assert list(d.annotations["s"]) == ["score", "n"]  # first-written order, as dict.update


def test_decision_to_dict_keeps_set_fields_in_order() -> None:
    assert Document("a", "x").decision.to_dict() == {"status": "kept"}
    d = Document("a", "x")
    d.reject("quality", "too_short", value=0, threshold=0.0)
    assert list(d.decision.to_dict().items()) == [
        ("status", "rejected"), ("step", "quality"), ("reason", "too_short"), ("value", 0),
        ("threshold", 0.0)]
    d.fail(None, "boom")
    assert d.decision.to_dict() == {"status": "error", "reason": "error", "message": "boom"}


@st.composite
def text_and_reps(draw):
    text = draw(st.text(max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    reps = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        reps.append(Replacement(a, b, draw(st.text(max_size=5)), "k"))
    return text, reps


@given(text_and_reps())
def test_property_undo_always_restores(tr) -> None:
    text, reps = tr
    d = Document("p", text)
    d.apply("s", reps)
    for e in d.edits:
        assert e.end - e.start == len(e.before)
    assert d.undo() == text


def test_map_offset_follows_later_edits() -> None:
    d = Document("m", "aa bb cc dd")
    d.apply("one", [Replacement(0, 2, "AAAA", "k")])  # -> "AAAA bb cc dd" (version 1)
    d.apply("two", [Replacement(8, 10, "", "k"), Replacement(11, 13, "Z", "k")])
    assert d.text == "AAAA bb  Z"
    assert d.map_offset(3, 0) == 5 and d.text[5:7] == "bb"  # shifted by the first edit
    assert d.text[d.map_offset(9, 0)] == "Z"  # "dd" was replaced by "Z"
    assert d.map_offset(9, 1) == 8  # inside the deleted "cc": maps to where it was


@given(text_and_reps(), st.integers(0, 60))
def test_property_map_offset_keeps_untouched_characters(tr, pos) -> None:
    text, reps = tr
    d = Document("p", text)
    d.apply("s", reps)
    pos = min(pos, len(text))
    touched = any(r.start <= pos < r.end or (r.start == r.end == pos) for r in reps)
    new = d.map_offset(pos, 0)
    assert 0 <= new <= len(d.text)
    if pos < len(text) and not touched:
        assert d.text[new] == text[pos]
