"""The compiled ``resolve_spans`` / ``removals`` (``_c_boiler``) equal their pure-Python
references (``saring.boilerplate.removals``) on generated texts, spans and dropped lines, the
kernels answer None (and change nothing) for input the step never makes, and the step gives
the same output with and without the kernel."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate import removals as rm
from saring.boilerplate.analysis import Lines
from saring.boilerplate.step import Boilerplate
from saring.compiled import load
from saring.document import Document

K = load("saring.boilerplate._c_boiler")
needs_kernel = pytest.mark.skipif(K is None, reason="kernel not built (pure-Python run)")

# letters, digits (also non-ASCII ones), blanks of every kind, punctuation, '_', astral
_PIECES = ["a", "Z", "7", "é", "٣", "ß", "𝕏", "日", " ", " ", "\t", "\n", "\n", "\u00a0", "\u2028",
           "\u3000", ".", ",", "-", "(", ")", "_", "|", "©", "Baca juga:", "ANTARA", "  "]
TEXT = st.lists(st.sampled_from(_PIECES), min_size=0, max_size=60).map("".join)
RIDS = st.sampled_from(["a", "dateline", "baca_juga", "x"])


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, list, dict]:
    text = draw(TEXT)
    n = len(text)
    n_lines = text.count("\n") + 1
    spans = []
    if n:
        for _ in range(draw(st.integers(0, 8))):
            s = draw(st.integers(0, n - 1))
            e = draw(st.integers(s + 1, min(n, s + 1 + draw(st.sampled_from([1, 3, 8, 30, n])))))
            spans.append((s, e, draw(RIDS)))
    drop = {i: draw(RIDS) for i in draw(st.sets(st.integers(0, n_lines - 1), max_size=n_lines))}
    return text, spans, drop


def _lines(text: str) -> Lines:
    lines = text.split("\n")
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    return Lines(text, lines, starts)


def _fields(reps: list) -> list[tuple]:
    return [(r.start, r.end, r.after, r.kind, r.confidence) for r in reps]


@needs_kernel
@settings(max_examples=1500, deadline=None)
@given(cases())
def test_kernels_equal_the_references(case: tuple[str, list, dict]) -> None:
    text, spans, drop = case
    lines = _lines(text)
    d_py, d_k = dict(drop), dict(drop)
    kept_py = rm.resolve_spans_py(lines, list(spans), d_py)
    kept_k = K.resolve_spans(text, lines.starts, lines.lines, list(spans), d_k)
    assert kept_k == kept_py
    assert d_k == d_py and list(d_k) == list(d_py)  # same keys, values and insertion order
    reps_py = rm.removals_py(text, lines, d_py, kept_py)
    reps_k = K.removals(text, lines.starts, lines.lines, d_k, kept_k, rm.Replacement)
    assert _fields(reps_k) == _fields(reps_py)


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(cases())
def test_removals_on_unresolved_spans(case: tuple[str, list, dict]) -> None:
    """``removals`` on any sorted span list (overlapping too), not only resolved ones."""
    text, spans, drop = case
    lines = _lines(text)
    spans = sorted(spans)
    reps_py = rm.removals_py(text, lines, drop, spans)
    reps_k = K.removals(text, lines.starts, lines.lines, drop, spans, rm.Replacement)
    assert _fields(reps_k) == _fields(reps_py)


def test_punct_only_is_no_alphanumeric_on_every_code_point() -> None:
    """What the kernel tests instead of ``_PUNCT_ONLY_RE.fullmatch(rest.strip())``: a character
    passes the class iff it is not alphanumeric, and no whitespace is alphanumeric."""
    rx = re.compile(r"[\W_]")
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        assert (rx.fullmatch(c) is not None) == (not c.isalnum()), hex(cp)
        assert not (c.isspace() and c.isalnum()), hex(cp)


@needs_kernel
@pytest.mark.parametrize("bad", [
    dict(spans=[(0, 0, "a")]), dict(spans=[(-1, 2, "a")]), dict(spans=[(0, 99, "a")]),
    dict(spans=[(0, 2)]), dict(spans=[[0, 2, "a"]]), dict(spans=[(0, 2, 5)]), dict(spans=((0, 2, "a"),)),
    dict(drop={7: "a"}), dict(drop={-1: "a"}), dict(drop={"0": "a"}), dict(drop={0: 1}),
    dict(starts=[0, 5]), dict(starts=[1, 4]), dict(starts=(0, 4)),
])
def test_kernels_answer_none_for_foreign_input(bad: dict) -> None:
    text = "abc\ndef"
    args = {"starts": [0, 4], "lines": ["abc", "def"], "spans": [(0, 2, "a")], "drop": {1: "b"}}
    args.update(bad)
    drop = args["drop"]
    before = dict(drop) if isinstance(drop, dict) else drop
    assert K.resolve_spans(text, args["starts"], args["lines"], args["spans"], drop) is None
    assert K.removals(text, args["starts"], args["lines"], drop, args["spans"], rm.Replacement) is None
    assert drop == before


@needs_kernel
def test_removals_propagates_errors_of_the_replacement_type() -> None:
    def boom(*_a: object) -> None:
        raise RuntimeError("boom")
    with pytest.raises(RuntimeError):
        K.removals("abc\ndef", [0, 4], ["abc", "def"], {1: "b"}, [], boom)


_DOCS = [
    "JAKARTA (ANTARA) - Harga naik.\nBaca juga: Harga turun\nIsi berita panjang di sini.\n\n#tag",
    "Foto: ANTARA\nKalimat pertama.[Gambas:Video 20detik] Baca juga: X\n(ant/abc)\n",
    "lancarJakarta (ANTARA) - Kementerian bekerja.\nADVERTISEMENT\n\nSCROLL TO CONTINUE WITH CONTENT\nIsi.",
    "Isi saja tanpa apa-apa.",
]


@pytest.mark.parametrize("text", _DOCS)
def test_step_same_without_the_kernel(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    step = Boilerplate()
    step.ensure_setup()

    def run() -> tuple:
        doc = Document("d", text, {"url": "https://www.antaranews.com/berita/1"})
        step.process(doc)
        return doc.text, list(doc.edits), doc.annotations, list(doc.flags)

    with_kernel = run()
    monkeypatch.setattr(rm, "_K", None)
    assert run() == with_kernel
