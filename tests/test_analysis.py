"""The shared per-document analysis: views agree with the text, and edits invalidate it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kernel_paths import kernel_path  # noqa: F401 - the fixture: compiled and pure paths

from saring.analysis import Analysis, analyse
from saring.dedup.normalize import line_spans as dedup_line_spans
from saring.document import Document, Replacement
from saring.quality.textstats import TOKEN_RE, split_paragraphs

_TEXT = st.lists(
    st.sampled_from(list("ab Z9.,-'\n\t\r\u00a0@#()…é") + ["Rp", "nya", "http://x.id "]),
    max_size=40,
).map("".join)

pytestmark = pytest.mark.usefixtures("kernel_path")


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_views_agree_with_the_text(text: str) -> None:
    a = Analysis(text)
    assert a.tokens == TOKEN_RE.findall(text)
    assert [text[s:e] for s, e in a.token_spans] == a.tokens
    assert a.lines == text.split("\n")
    assert len(a.line_starts) == len(a.lines)
    for start, line in zip(a.line_starts, a.lines, strict=True):
        assert text[start : start + len(line)] == line
        assert start + len(line) == len(text) or text[start + len(line)] == "\n"
    assert a.line_spans == dedup_line_spans(text)
    assert a.paragraphs == split_paragraphs(text)
    assert a.lower == text.lower()
    assert a.n_newlines == text.count("\n") == Analysis(text).n_newlines  # with / without lines
    assert a.n_alpha + a.n_symbol <= len(a.tokens)


def test_token_classes() -> None:
    a = Analysis('Harga naik 10 persen, kata "Budi".')
    # tokens: Harga naik 10 persen , kata " Budi " .
    assert a.n_alpha == 5
    assert a.n_symbol == 4
    assert a.word_chars == len("Harga") + len("naik") + 2 + len("persen") + len("kata") + len("Budi")


def test_cache_follows_the_text_version() -> None:
    doc = Document("d", "Satu dua tiga.\n\nEmpat lima.", {})
    a = analyse(doc)
    assert analyse(doc.text) is a  # same text object: shared
    equal = analyse("".join(["Satu dua tiga.\n\n", "Empat lima."]))  # an equal text made anew:
    assert equal is not a and equal.tokens == a.tokens  # its own analysis, equal in content
    a.memo[("test", "x")] = 1
    doc.apply("t", [Replacement(0, 4, "Enam", "test")])
    b = analyse(doc)
    assert b is not a  # an edit makes a new text, so a new analysis
    assert b.tokens[0] == "Enam" and ("test", "x") not in b.memo
    assert analyse("lain").tokens == ["lain"]  # a different text never reuses the slot


def test_single_character_classes_equal_the_regex_classes_for_every_code_point() -> None:
    from saring.analysis import _classify, _classify_re

    for cp in range(0x110000):
        c = chr(cp)
        assert _classify(c) == _classify_re(c), hex(cp)
