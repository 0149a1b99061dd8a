"""ftfy runs once per changed line: a line whose newline is inert is fixed without it, with
explanations, and named from that run (``fixtext.newline_inert``); the result and the edit kinds
must be those of the two-run path (fix the segment with its newline, then ``ftfy_kind``)."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from saring.normalize import fixtext
from saring.normalize.step import diff_replacements

# pieces that reach every branch the inertness argument names: mojibake of several code pages,
# lead bytes before a space / "?" / "\x1a", the œ + non-letter badness branch, whole UTF-8-like
# runs, CESU-8 and Java-null bytes as Latin-1, entities (also full-width and as mojibake),
# terminal escapes, ligatures, full-width forms, C1 controls, surrogates
_PIECES = ["a", "Z", "1", ".", " ", "?", "\x1a", ";", "&", "<", "œ", "Œ", "Ã", "Â", "Ã©", "Ã ",
           "â€™", "â€", "Ã¢â‚¬â„¢", "Ð¿Ñ€Ð¸", "вЂ™", "Ø¨", "\xed\xa0\x80\xed\xb0\x80", "\xc0\x80",
           "&amp;", "&oelig;", "&#27;", "&#x1b;", "＆", "ï¼†", "＃", "\x1b[0m", "\x1b", "ﬁ", "Ｆ",
           "\x85", "\x9c", "\ud83d", "\ude00", "ÃƒÂ©", "Ã\xa0", "à²", "√±", "‚Ä†"]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)
_LAST = st.sampled_from(sorted(fixtext.NEWLINE_INERT_AFTER))


@settings(max_examples=600, deadline=None)
@given(_LINE, _LAST)
@example("Ã©", ".")
@example("\xed\xa0\x80\xed\xb0", "1")
def test_inert_newline_changes_neither_result_nor_plan(head: str, last: str):
    line = head + last
    assert fixtext.newline_inert(line + "\n")
    for config in (fixtext.FTFY_EXPLAIN_CONFIG, fixtext.FTFY_EXPLAIN_CONFIG._replace(unescape_html=False)):
        fixed, plan = ftfy.fix_and_explain(line, config)
        with_nl, plan_nl = ftfy.fix_and_explain(line + "\n", config)
        assert with_nl == fixed + "\n"
        assert plan_nl == plan


def test_a_line_ending_in_oe_is_not_inert():
    # the badness branch [Œœ][^A-Za-z] matches "œ\n" but not "œ" at the end: excluded by the guard
    assert not fixtext.newline_inert("xœ\n") and not fixtext.newline_inert("x \n")
    assert not fixtext.newline_inert("x;\n") and not fixtext.newline_inert("\x1b[0m\n")
    assert ftfy.badness.is_bad("kata œ\n") and not ftfy.badness.is_bad("kata œ")


_TEXT = st.lists(st.one_of(_LINE.map(lambda s: s + "\n"), st.tuples(_LINE, _LAST).map("".join)),
                 max_size=8).map("".join)


def _two_runs(text: str):
    fixed, kinds = fixtext.fix_text_explained(text)  # no ``named``: the reference path
    return fixed, diff_replacements(text, fixed, fixtext.ftfy_kind, dense=True, known=kinds)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("Ã©tÃ©.\nÃ©tÃ©.\nok\n")
@example("<b>\nÃ©&amp;.\n")
def test_one_run_gives_the_two_run_edits(text: str):
    named: dict[str, str] = {}
    fixed, kinds = fixtext.fix_text_explained(text, named=named)
    reps = diff_replacements(text, fixed, fixtext.ftfy_kind_from(named), dense=True, known=kinds)
    assert (fixed, reps) == _two_runs(text)
    assert fixed == ftfy.fix_text(text, fixtext.FTFY_CONFIG)


def test_named_lines_skip_the_second_run(monkeypatch):
    text = "Ã©tÃ© bagus.\nlain\n"
    named: dict[str, str] = {}
    fixed, kinds = fixtext.fix_text_explained(text, named=named)
    assert named == {"Ã©tÃ© bagus.": "normalize:mojibake"} and fixed == "été bagus.\nlain\n"
    calls = []
    monkeypatch.setattr(fixtext.ftfy, "fix_and_explain", lambda *a, **k: calls.append(a))
    diff_replacements(text, fixed, fixtext.ftfy_kind_from(named), dense=True, known=kinds)
    assert calls == []


_FIXER_TEXT = st.lists(st.sampled_from([*_PIECES, "ﬀ", "ﬃ", "Ａ", "ｶ", "\u3000", "ﾞ", "é"]), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(_FIXER_TEXT)
def test_gated_fixers_equal_ftfys(text: str):
    for name, fast in fixtext._FAST.items():
        assert fast(text) == ftfy.FIXERS[name](text)


def _ftfy_state():
    return dict(ftfy.FIXERS), ftfy.is_bad, ftfy.badness.is_bad, ftfy.fix_and_explain


_FTFY_OWN = _ftfy_state()


@settings(max_examples=300, deadline=None)
@given(st.one_of(_FIXER_TEXT, _TEXT))
def test_fast_fix_and_explain_equals_ftfys_and_leaves_it_alone(text: str):
    for config in (fixtext.FTFY_CONFIG, fixtext.FTFY_EXPLAIN_CONFIG,
                   fixtext.FTFY_CONFIG._replace(unescape_html=False, uncurl_quotes=True),
                   fixtext.FTFY_EXPLAIN_CONFIG._replace(fix_encoding=False, fix_line_breaks=True)):
        assert fixtext.fix_and_explain(text, config) == ftfy.fix_and_explain(text, config)
    assert _ftfy_state() == _FTFY_OWN and ftfy.is_bad is ftfy.badness.is_bad


def test_the_encoding_step_is_ftfys_own_reading_has_bad():
    step = fixtext._encoding_step
    assert step.__code__ is ftfy._fix_encoding_one_step_and_explain.__code__
    assert step.__globals__["is_bad"] is fixtext.has_bad and step.__globals__ is not vars(ftfy)
    assert ftfy.is_bad is ftfy.badness.is_bad


def test_an_exception_mid_call_leaves_ftfy_as_it_was(monkeypatch):
    """ftfy's tables are never swapped: inside our call (seen from one of the functions it calls)
    and after that call raised, ftfy's globals are ftfy's own."""
    seen = []

    def failing(text: str, config):
        seen.append(_ftfy_state())
        raise RuntimeError("mid-call")

    monkeypatch.setattr(fixtext, "_encoding_step", failing)
    with pytest.raises(RuntimeError, match="mid-call"):
        fixtext.fix_and_explain("Ã©tÃ© ﬁ Ｆ", fixtext.FTFY_EXPLAIN_CONFIG)
    assert seen == [_FTFY_OWN]
    assert _ftfy_state() == _FTFY_OWN
    monkeypatch.undo()
    # and the module works as before afterwards
    assert fixtext.fix_and_explain("Ã©tÃ© ﬁ Ｆ", fixtext.FTFY_CONFIG) == ftfy.fix_and_explain(
        "Ã©tÃ© ﬁ Ｆ", fixtext.FTFY_CONFIG)
