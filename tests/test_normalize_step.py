"""Normalize: named minimal edits, undo-exact, idempotent, cheap on clean text."""

from __future__ import annotations

import pickle

import pytest
from conftest import corpus_records
from hypothesis import example, given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.normalize.step import Normalize, diff_replacements
from saring.pipeline import Pipeline


def run(text: str, **params) -> Document:
    step = Normalize(**params)
    step.ensure_setup()
    doc = Document("t", text)
    step.process(doc)
    return doc


def kinds(doc: Document) -> list[str]:
    return [e.kind for e in doc.edits]


def test_clean_ascii_text_is_untouched():
    doc = run("Presiden meresmikan jembatan baru di Kalimantan Timur.\nWarga menyambut gembira.")
    assert doc.edits == []
    assert doc.annotations["normalize"] == {"n_edits": 0}


def test_mojibake_and_entities_are_repaired_with_named_kinds():
    doc = run("Menteri berkata â€œkami siapâ€\x9d &amp; yakin.")
    assert doc.text == "Menteri berkata “kami siap” & yakin."
    assert any("mojibake" in k for k in kinds(doc))
    assert any("html_entity" in k for k in kinds(doc))


def test_curly_quotes_are_kept():
    text = "“Kami akan hadir,” ujarnya."
    assert run(text).text == text


def test_nbsp_crlf_and_control_characters():
    doc = run("Harga\xa0beras naik.\r\nPetani\x07 senang.\u200b")
    assert doc.text == "Harga beras naik.\nPetani senang."
    assert set(kinds(doc)) == {"normalize:nbsp", "normalize:newline", "normalize:control",
                               "normalize:zero_width"}


def test_blank_lines_and_spaces():
    doc = run("  Judul  \n\n\n\nParagraf   satu.\t\n \nParagraf dua.  ")
    assert doc.text == "Judul\n\nParagraf satu.\n\nParagraf dua."
    assert "normalize:blank_lines" in kinds(doc)
    assert "normalize:space_run" in kinds(doc)
    assert "normalize:outer_space" in kinds(doc)


def test_max_blank_lines_zero_joins_paragraph_gaps():
    assert run("a\n\nb\n\n\nc", max_blank_lines=0).text == "a\nb\nc"
    assert run("a\n\n\nb", max_blank_lines=2).text == "a\n\n\nb"


def test_nfc_composes_decomposed_accents():
    doc = run("Cafe\u0301 di Bandung")
    assert doc.text == "Caf\u00e9 di Bandung"
    assert kinds(doc) == ["normalize:nfc"]


def test_edits_are_small_not_whole_text():
    text = "Baris pertama bersih.\nBaris kedua\xa0ada NBSP.\nBaris ketiga cafÃ© rusak."
    doc = run(text)
    assert all(len(e.before) <= 6 for e in doc.edits), doc.edits
    assert doc.undo() == text


def test_diff_replacements_when_line_count_changes():
    reps = diff_replacements("ab\ncd", "abXcd", lambda a, b: "k")
    assert [(r.start, r.end, r.after) for r in reps] == [(2, 3, "X")]


def test_picklable_and_registered():
    step = Pipeline.from_config({"steps": ["normalize"]}).steps[0]
    assert isinstance(step, Normalize)
    clone = pickle.loads(pickle.dumps(step))
    assert clone.params() == step.params()


_TEXT = st.lists(
    st.sampled_from(
        list("aZé .,\n\t\r&;") + ["\xa0", "\u200b", "\x07", "Ã", "©", "â€", "e\u0301", "ﬁ",
                                   "&amp;", "\u2028", "\x85", "  ", "\u0301"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
# four rounds: zero-width removed -> Z + accent composed -> mojibake decoded to U+200F ->
# U+200F removed -> a + accent composed (three rounds left it one step short)
@example("a\u00e2\u20acZ\u200b\u0301\u0301")
def test_property_undo_restores_invariants_hold_and_fixed_point(text):
    doc = run(text)
    assert doc.undo() == text
    assert "\r" not in doc.text and "\xa0" not in doc.text and "\u200b" not in doc.text
    assert doc.text == doc.text.strip()
    assert "  " not in doc.text and " \n" not in doc.text
    assert run(doc.text).edits == []


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_property_without_ftfy_is_a_fixed_point(text):
    doc = run(text, ftfy=False)
    assert doc.undo() == text
    assert run(doc.text, ftfy=False).edits == []


def test_real_news_sample_undo_exact_and_idempotent():
    step = Normalize()
    step.ensure_setup()
    changed = 0
    for rec in corpus_records("id_news_github_scrapes.jsonl.gz", 300):
        doc = Document(rec["id"], rec["text"])
        step.process(doc)
        assert doc.undo() == rec["text"]
        changed += bool(doc.edits)
        second = Document("again", doc.text)
        step.process(second)
        assert second.edits == []
    assert changed > 0


# Pairs sharing long prefixes/suffixes (the bisection's interesting cases): a base string
# with an edit somewhere, so prefix and suffix overlap, touch or leave a gap.
_AFFIX_BASE = st.text(alphabet="ab\u00e2\u20ac\n", max_size=40)  # past _AFFIX_LOOP_MAX too


@settings(max_examples=500, deadline=None)
@given(_AFFIX_BASE, _AFFIX_BASE, _AFFIX_BASE, st.text(alphabet="ab\u00e2\U0001F600", max_size=4))
@example("aaa", "", "aaa", "")
@example("", "", "", "")
@example("ab", "a", "b", "")
def test_common_affixes_equal_the_reference(head: str, mid: str, tail: str, other: str):
    from saring.normalize.step import common_affixes, common_affixes_py

    a, b = head + mid + tail, head + other + tail
    assert common_affixes(a, b) == common_affixes_py(a, b)
    assert common_affixes(b, a) == common_affixes_py(b, a)
    assert common_affixes(a, a) == common_affixes_py(a, a)
    assert common_affixes(a, "") == common_affixes_py(a, "") == (0, 0)


_LAYOUT_TEXT = st.text(st.sampled_from(list(" \t\n\n\n\r x\u3000")), max_size=200)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_LAYOUT_TEXT, _TEXT), st.integers(0, 5))
@example("a\n\nb\n \nc\n\n\n\nd  e\t\n", 2)
@example("\n\n", 2)
@example("\n\n\n", 2)
def test_layout_fixes_equal_the_reference(text: str, keep: int):
    from saring.normalize import step as norm

    if norm._K is None:
        return
    assert norm._K.layout_fixes(text, keep) == norm.layout_fixes_re(text, keep)
    assert norm._K.layout_matches(text) == norm.layout_matches_re(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_LAYOUT_TEXT, _TEXT), st.integers(0, 3))
def test_layout_pass_same_edits_with_and_without_the_kernel(text: str, max_blank: int):
    from saring.normalize import step as norm

    with_kernel = run(text, max_blank_lines=max_blank)
    saved, norm._K = norm._K, None
    try:
        without = run(text, max_blank_lines=max_blank)
    finally:
        norm._K = saved
    assert with_kernel.text == without.text
    assert [e.to_dict() for e in with_kernel.edits] == [e.to_dict() for e in without.edits]


# Runs of printable ASCII between the characters the scans act on, so every one of them falls in
# every lane of the kernels' 8-byte words (1-byte, 2-byte with a dash or U+3000, 4-byte text).
_LANE_TEXT = st.lists(
    st.one_of(
        st.sampled_from([" ", "  ", "\n", "\n\n", "\n \n", "\t", "\r", "\r\n", "\x7f", "\x85", "\xa0", "\xad",
                         "\x1f", "~", "\u2028", "\u200b", "\u2013", "\u3000", "\ufeff", "\U0001F600", "\xff",
                         "\u017f", "\u0120", "\u0a0a", "\u2020", "\u0909"]),
        st.text(st.sampled_from("abcdefgh XYZ,.~!"), min_size=1, max_size=17),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_LANE_TEXT, st.integers(0, 5), st.integers(0, 300))
@example("        \n", 1, 50)
@example("abcdefg \nabcdefg  ", 1, 50)
@example("abcdefgh\n       x", 0, 50)
def test_word_skips_give_the_references(text: str, keep: int, limit: int):
    """The kernels' eight-byte skips (printable ASCII in ``char_positions``, lone spaces and
    letters in the layout scan) land on every offset: same answers as the regexes."""
    from saring.normalize import step as norm

    if norm._K is None:
        return
    assert norm._K.layout_fixes(text, keep) == norm.layout_fixes_re(text, keep)
    assert norm._K.layout_matches(text) == norm.layout_matches_re(text)
    assert norm._K.char_positions(text, norm._CHAR_SET, limit) == norm.char_positions_re(text, limit)
    # characters asked for in any order, printable ones among them (no word skip then)
    shuffled = norm._CHAR_SET[::-1]
    assert norm._K.char_positions(text, shuffled, limit) == norm.char_positions_re(text, limit)
    with_e = sorted(norm.char_positions_re(text, 10**9) + [k for k, c in enumerate(text) if c == "e"])[:limit]
    assert norm._K.char_positions(text, norm._CHAR_SET + "e", limit) == with_e


def test_latin1_text_is_nfc_pairwise() -> None:
    """The NFC pass skips text stored one byte per character: every pair of characters below
    U+0100 (and each alone) is NFC, and none of them combines (so no longer text composes)."""
    import unicodedata

    chars = [chr(c) for c in range(256)]
    assert all(unicodedata.combining(c) == 0 for c in chars)
    for a in chars:
        assert unicodedata.normalize("NFC", a) == a
        for b in chars:
            assert unicodedata.is_normalized("NFC", a + b)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=0xFF), max_size=200), st.text(max_size=5))
def test_one_byte_is_the_str_kind_and_nfc(text: str, other: str) -> None:
    import unicodedata

    from saring.normalize import step as norm

    if norm._K is None:
        return
    assert norm._K.one_byte(text) is True and unicodedata.is_normalized("NFC", text)
    mixed = text + other
    assert norm._K.one_byte(mixed) is (max(mixed, default="a") < "\u0100")
    with pytest.raises(TypeError):
        norm._K.one_byte(b"x")
