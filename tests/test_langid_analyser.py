"""The compiled document analysis of langid (``_c_lexscan.Analyser``) against the Python.

``LanguageID._analyse_now`` runs one C call per document when set-up found the kernel agreeing
with ``LanguageID._analyse_py`` on probe documents. Here the two are compared on generated
documents built to reach every branch the kernel mirrors: lines of each language's function
words, id/ms weighted words (siblings near the margin), headings without function words (the
model per paragraph), foreign quotes, regional words and spellings, Unicode whitespace and case
mappings that change length, repeated and blank lines, in several step configurations. Equality
is of ``repr`` (floats bit for bit, int vs float, key order).
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring import compiled
from saring.document import Document
from saring.langid import lexicon as lx
from saring.langid import step as step_mod
from saring.langid.step import ANALYSER_PROBES, LanguageID, _make_analyser

kernel = compiled.load("saring.langid._c_lexscan")
pytestmark = pytest.mark.skipif(kernel is None, reason="compiled langid scan not built")

_CONFIGS = {
    "default": {},
    "five_drop": {"keep_langs": ["id", "ms", "jv", "su", "en"], "mixed_policy": "drop_paragraphs"},
    "fallback": {"model_policy": "fallback", "mixed_policy": "drop_document",
                 "max_foreign_ratio": 0.05},
    "tight": {"max_paragraph_model_calls": 1, "paragraph_model_min_words": 2,
              "sibling_margin": 0.5, "min_paragraph_score": 0.0, "sample_chars": 50},
    "no_model_lines": {"max_paragraph_model_calls": 0, "sibling_margin": 100.0,
                       "keep_langs": ["id", "other"]},
}
_STEPS: dict[str, LanguageID] = {}


def _step(name: str) -> LanguageID:
    if name not in _STEPS:
        s = LanguageID(**_CONFIGS[name])
        s.ensure_setup()
        _STEPS[name] = s
    return _STEPS[name]


def _words() -> list[str]:
    lex = lx.get_lexicon()
    fam = sorted(lex.fam_packed)
    weighted = sorted(lex.idms_w, key=lex.idms_w.__getitem__)
    phrases = [" ".join(p) for p in sorted(lex.phrase_w)]
    return (fam[::61] + weighted[:40] + weighted[-40:] + weighted[::997] + phrases[::3]
            + ["yang", "dan", "di", "ora", "lan", "teu", "anu", "the", "and", "of", "kagak", "ama",
               "ulun", "kada", "nang", "mun", "ka", "dhewe", "deui", "rumahnye", "bêtêl"])


_WORDS = _words()
_ODD = ["İ", "Σ", "ς", "\u212a", "ẞ", "ß", "ÿ", "÷", "×", "é", "Ê", "ê", "\u0301", "ﬃ", "中", "😀",
        "\U00010400", "١", "-", ",", ".", "'", "\"", "1", "\u00a0", "\u3000", "\u2003", "\t", "\r",
        "\u0085", "\x1c", "\u2028", "nye", "dh", "eu", "anye."]
_TITLE = ["Harga", "Cabai", "Naik", "Tajam", "Pasar", "Induk", "Kramat", "Jati", "Minggu", "Ini",
          "HARGA", "BAWANG", "MERAH", "Le", "gouvernement", "annoncé", "Brücke", "Bürgermeister",
          "Baharu", "Diumumkan", "Selepas", "Mesyuarat", "Kabinet"]
_WORD = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.title),
                  st.sampled_from(_WORDS).map(str.upper), st.sampled_from(_TITLE))
_PIECE = st.one_of(_WORD, _WORD, _WORD, st.sampled_from(_ODD),
                   st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=5))
_LINE = st.one_of(
    st.lists(_PIECE, max_size=24).map(" ".join),
    st.lists(st.sampled_from(_TITLE), min_size=5, max_size=9).map(" ".join),  # model lines
    st.lists(_PIECE, max_size=12).map("".join),
    st.sampled_from(["", " ", "\t", "\u3000", "\r"]),
)


@st.composite
def _docs(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_LINE, max_size=14))
    if lines and draw(st.booleans()):  # repeated lines
        lines += [draw(st.sampled_from(lines)) for _ in range(draw(st.integers(1, 4)))]
    return "\n".join(lines)


def _both(step: LanguageID, text: str):
    return (step._fast.analyse(text, step._keep, step.first_stage, step._jvsu.step_back),
            step._analyse_py(Document("t", text, {})))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_docs(), st.sampled_from(sorted(_CONFIGS)))
def test_analyser_equals_python(text: str, config: str) -> None:
    step = _step(config)
    assert step._fast is not None
    got, want = _both(step, text)
    if got is not None:
        assert repr(got) == repr(want)


# Latin-1 only (the kernel lowers one-byte text while it scans, others through a copy): cased
# spellings and their neighbours at line ends, Latin-1 letters that lower within Latin-1 or not
_LATIN1_ODD = ["ß", "ÿ", "÷", "×", "é", "É", "Ê", "ê", "À", "Þ", "þ", "µ", "ª", "º", "\xa0", "\x85",
               "\x1c", "\t", "\r", "DH", "Dh", "EU", "Eu", "NYE", "aNYE.", "ANYE,", "NYE ", "nyE.",
               "ÊE", "dH", "1", ",", ".", "'"]
_LATIN1_PIECE = st.one_of(_WORD.filter(lambda w: max(w) < "\u0100"), st.sampled_from(_LATIN1_ODD),
                          st.text(alphabet=st.characters(max_codepoint=255,
                                                         blacklist_characters="\n"), max_size=5))
_LATIN1_LINE = st.one_of(st.lists(_LATIN1_PIECE, max_size=24).map(" ".join),
                         st.lists(_LATIN1_PIECE, max_size=12).map("".join))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LATIN1_LINE, max_size=14).map("\n".join), st.sampled_from(sorted(_CONFIGS)))
def test_analyser_equals_python_on_latin1(text: str, config: str) -> None:
    step = _step(config)
    got, want = _both(step, text)
    if got is not None:
        assert repr(got) == repr(want)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_docs())
def test_process_equals_python_path(text: str) -> None:
    """Whole ``process``: decision, annotations, edits and flags, fast step vs Python path."""
    fast = _step("five_drop")
    a, b = Document("t", text, {}), Document("t", text, {})
    slow_fast, fast._fast = fast._fast, None
    try:
        want = fast.process(b)
    finally:
        fast._fast = slow_fast
    got = fast.process(a)
    assert repr(got) == repr(want)
    assert a.text == b.text and repr(a.annotations) == repr(b.annotations)
    assert a.metadata == b.metadata and repr(a.edits) == repr(b.edits)


def test_most_probes_and_news_like_documents_take_the_kernel() -> None:
    """The comparison above only means something where the kernel answers: it does for every
    probe but the ones it is meant to hand back (no labelled paragraph, >= 64 lines)."""
    step = _step("default")
    answered = [t for t in ANALYSER_PROBES if _both(step, t)[0] is not None]
    assert len(answered) >= len(ANALYSER_PROBES) - 4
    for t in answered:
        got, want = _both(step, t)
        assert repr(got) == repr(want)


def test_documents_it_hands_back() -> None:
    step = _step("default")
    many = "\n".join(f"Warga kota ke-{i} yang tinggal di sana mengeluh." for i in range(64))
    for text in ("", "  \n\t", "saring", "1234 5678", many):
        assert step._fast.analyse(text, step._keep, step.first_stage, step._jvsu.step_back) is None
    assert step._fast.analyse(many[: many.rindex("\n")], step._keep, step.first_stage,
                              step._jvsu.step_back) is not None
    assert step.score(Document("t", many)) == step._analyse_py(Document("t", many))[0]


def test_a_swapped_lexicon_runs_the_python() -> None:
    """Benches and tuning scripts put another lexicon on a set-up step: the kernel (built on the
    first) must not answer for it."""
    step = LanguageID()
    step.ensure_setup()
    other = lx.Lexicon(lx.load_markers(), lx.load_nb_weights(),
                       dataclasses.replace(lx.Params.load(), bias=5.0),
                       lx.load_regional(), lx.load_calibration())
    text = ANALYSER_PROBES[0]
    before = step.score(Document("t", text))
    step._lex = other
    after = step.score(Document("t", text))
    assert after == step._analyse_py(Document("t", text))[0]
    assert after != before


def test_a_changed_rule_is_not_run_in_c(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change to the Python the kernel mirrors (here ``_refine`` and ``_dominant``) makes the
    probes disagree: the step gets no kernel."""
    step = _step("default")
    assert _make_analyser(step) is not None
    orig = step_mod._dominant

    def dominant(lex, scan):  # type: ignore[no-untyped-def]
        v = orig(lex, scan)
        v.score *= 0.999
        return v

    monkeypatch.setattr(step_mod, "_dominant", dominant)
    assert _make_analyser(step) is None
    monkeypatch.setattr(step_mod, "_dominant", orig)
    refine = step_mod._refine
    monkeypatch.setattr(step_mod, "_refine", lambda *a, **k: _flip(refine(*a, **k)))
    assert _make_analyser(step) is None


def _flip(v):  # type: ignore[no-untyped-def]
    v.lang = "ms" if v.lang == "id" else v.lang
    return v


# What the kernel mirrors. A change to any of these must be checked against
# ``_c_lexscan.c`` (Analyser) and the probes; then update the digest.
_MIRRORED = (
    LanguageID._analyse_py, LanguageID._scan, LanguageID._document_verdict,
    LanguageID._model_verdict, step_mod._Scan.runs, step_mod._Scan.evidence,
    step_mod._Scan.line, step_mod._Scan.starts, step_mod._dominant, step_mod._refine,
    step_mod._paragraphs_py, lx.Lexicon.indexed_lines, lx.Columns.total, lx.Lexicon.decide,
)
_CONSTANTS = (step_mod._FAMILY, step_mod._FOREIGN_DENSITY, step_mod._FOREIGN_MODEL_SCORE,
              step_mod._UNSURE_MODEL, step_mod._JVSU, lx.LANGS, lx._LABELS)
_DIGEST = "a0bca02543c10078"  # session 17: ruff format of lexicon.py (no semantic change)


def test_mirrored_python_is_unchanged() -> None:
    h = hashlib.sha256()
    for f in _MIRRORED:
        h.update(inspect.getsource(f).encode())
    h.update(repr(_CONSTANTS).encode())
    assert h.hexdigest()[:16] == _DIGEST, (
        "langid Python mirrored by _c_lexscan.Analyser changed: check the kernel and "
        "ANALYSER_PROBES, then update _DIGEST")


def test_lowering_equals_str_lower_on_every_code_point() -> None:
    """The kernel lowercases lines itself: str.lower, code points above 255 as 0x01."""
    every = "".join(map(chr, range(0x110000)))
    want = bytes(ord(c) if ord(c) < 256 else 1 for c in every.lower())
    assert kernel.lowered_bytes(every) == want
    for c in range(0x110000):  # one at a time too (no context: final sigma)
        if c % 7 == 0 or 0xC0 <= c < 0x250 or c in (0x130, 0x3A3, 0x212A, 0x1E9E):
            ch = chr(c)
            assert kernel.lowered_bytes(ch) == bytes(ord(x) if ord(x) < 256 else 1
                                                     for x in ch.lower()), hex(c)


def test_analyser_checks_its_arguments() -> None:
    fast = _step("default")._fast
    back = _step("default")._jvsu.step_back
    with pytest.raises(TypeError):
        fast.analyse(b"yang", frozenset(), print, back)
    with pytest.raises(TypeError):
        fast.analyse("yang", ["id"], print, back)
    with pytest.raises(TypeError):
        fast.analyse("yang", frozenset())
    # a first stage or step-back answering other types: handed back to the Python, not guessed
    text = "Harga Cabai Naik Tajam Pasar Induk Kramat Jati\nyang dan di ini itu"
    assert fast.analyse(text, frozenset({"id"}), lambda t: ("id", 1), back) is None
    with pytest.raises(ZeroDivisionError):
        fast.analyse(text, frozenset({"id"}), lambda t: 1 / 0, back)
    jv = "Aku ora ngerti kowe arep lunga ngendi, dheweke wis mulih saka pasar."
    assert fast.analyse(jv, frozenset({"id"}), _step("default").first_stage,
                        lambda lang, score, t: 1) is None


def _same_round(x: float, nd: int) -> None:
    got = kernel.exact_round_(x, nd)
    if got is not None:
        assert repr(got) == repr(round(x, nd)), (x, nd)


@settings(max_examples=3000, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 8))
def test_exact_round_equals_round(x: float, nd: int) -> None:
    _same_round(x, nd)


@settings(max_examples=1000, deadline=None)
@given(st.integers(-10**9, 10**9), st.integers(0, 8), st.integers(-6, 6))
def test_exact_round_near_ties(k: int, nd: int, ulps: int) -> None:
    """Values a few ulps from a decimal tie ``(k + 0.5) / 10**nd``: answered only when right."""
    x = (k + 0.5) / 10**nd
    for _ in range(abs(ulps)):
        x = math.nextafter(x, math.copysign(math.inf, ulps))
    _same_round(x, nd)
    _same_round(-x, nd)


def test_exact_round_answers_scores_and_their_sign() -> None:
    import random

    rng = random.Random(7)
    answered = 0
    for _ in range(100_000):  # scores and ratios as the step rounds them
        x = rng.random()
        for nd in (3, 4):
            answered += kernel.exact_round_(x, nd) is not None
            _same_round(x, nd)
    assert answered > 199_000  # the fast path is the usual one
    assert repr(kernel.exact_round_(-1e-9, 4)) == "-0.0" and kernel.exact_round_(0.00005, 4) is None
    assert kernel.exact_round_(math.nan, 3) is None and kernel.exact_round_(1e300, 3) is None


def test_a_round_other_than_the_builtin_is_called_back(monkeypatch: pytest.MonkeyPatch) -> None:
    step = _step("default")
    calls: list[tuple[float, int]] = []

    def own_round(x: float, nd: int) -> float:
        calls.append((x, nd))
        return round(x, nd)

    monkeypatch.setattr(step_mod, "round", own_round, raising=False)
    slow = _make_analyser(step)
    monkeypatch.undo()
    assert slow is not None and calls  # the probes ran through the callback
    for text in ANALYSER_PROBES:
        got = slow.analyse(text, step._keep, step.first_stage, step._jvsu.step_back)
        want = step._fast.analyse(text, step._keep, step.first_stage, step._jvsu.step_back)
        assert repr(got) == repr(want)
