"""The fast paths added for the regex budget (issue 12) give what the slow reference paths give.

Normalize: ftfy runs only on hard segments, character fixers run once per run of other lines,
badness is searched only around its witness characters, and many changed lines become one edit
per run; quality: n-gram counts by ``bincount`` and the vector greedy scan on repetitive token
lists. Each is checked against the straightforward computation on generated text, on the
adversarial bench generators and (when the shared corpora are there) on real documents with junk
injected. No timing here: the budget itself is measured by ``bench/bench_regex_budget.py``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import ftfy
import pytest
from conftest import corpus_records
from ftfy.badness import is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.normalize import fixtext
from saring.normalize import step as ns
from saring.normalize.step import Normalize, diff_replacements
from saring.quality import textstats

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_regex_budget as bench  # noqa: E402

_PIECES = [
    "Ã© baik", "â€™s", "&amp; x", "<p>", "ﬁle", "ＬＯＵＤ", "ｂｅｒｉｔａ", "\x1b[31m", "\x92", "Â x",
    "Ã x", "biasa saja", "字", "“kutip”", "é", "\u3000", "ðŸ˜€", "", "\ud83d\ude00", "\udc00",
    "œ", "Œx", "×“", "\ufffd", "кот", "αβγ", "ｱｲｳ", "\u0301", "Ø§Ù„", "Ã\xa0", "ﾟ", "£", "\x85",
]
_FTFY_TEXT = st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join), max_size=30).map("\n".join)


def _reference_normalize(text: str) -> Document:
    """Normalize as before the fast paths: ``ftfy.fix_text`` and one ftfy run per changed line
    to name it, one edit per changed line."""

    class Reference(Normalize):
        def _pass_ftfy(self, doc: Document, budget) -> None:
            t = doc.text
            if not fixtext.ftfy_trigger(t) and (t.isascii() or not fixtext.looks_mojibake(t)):
                return
            fixed = ftfy.fix_text(t, config=fixtext.FTFY_CONFIG)
            if fixed != t:
                doc.apply(self.label, diff_replacements(t, fixed, fixtext.ftfy_kind))

    doc = Document("r", text)
    Reference().process(doc)
    return doc


def _run(text: str) -> Document:
    doc = Document("n", text)
    Normalize().process(doc)
    return doc


@settings(max_examples=400, deadline=None)
@given(_FTFY_TEXT)
def test_fix_text_segments_equals_ftfy_fix_text(text: str) -> None:
    assert fixtext.fix_text_segments(text) == ftfy.fix_text(text, config=fixtext.FTFY_CONFIG)


@settings(max_examples=300, deadline=None)
@given(_FTFY_TEXT)
def test_normalize_edits_equal_the_reference_path(text: str) -> None:
    """Same text, same edits (kinds, offsets) as ftfy.fix_text + one explanation per line, as
    long as the text does not need more ftfy calls than the step allows (coarse mode: crafted
    text, never real documents; then the edits still undo to the input)."""
    got, ref = _run(text), _reference_normalize(text)
    bounds = fixtext._segment_bounds(text, fixtext.FTFY_CONFIG.max_decode_length)
    if len(fixtext._hard_segments(text, bounds)) > ns._FTFY_CALLS + len(text) // ns._FTFY_CALL_CHARS:
        assert got.original_text() == text
        return
    assert got.text == ref.text
    assert [e.to_dict() for e in got.edits] == [e.to_dict() for e in ref.edits]
    assert not got.flags


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["a", " ", "\n", ".", "b c"]), max_size=40).map("".join))
def test_badness_windows_find_every_bad_line(text: str) -> None:
    """``has_bad`` is ``is_bad``, and every line ftfy would call bad is touched by a span."""
    assert fixtext.has_bad(text) == is_bad(text)
    spans = fixtext.bad_spans(text)
    pos = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        seg = line + ("\n" if k < len(lines) - 1 else "")
        if is_bad(seg):
            assert any(s < pos + len(seg) and e > pos for s, e in spans)
        pos += len(seg)


_EXACT_GENERATORS = [g for g in bench.GENERATORS if g not in ("mojibake_lines", "mojibake_words",
                                                             "fullwidth_lines",
                                                             "surrogate_lines", "codepoint_lines",
                                                             "fullwidth_words", "combining_lines")]


@pytest.mark.parametrize("gen", _EXACT_GENERATORS)
def test_generators_without_coarse_modes_equal_the_reference(gen: str) -> None:
    text = bench.make_text(gen, 3000)
    got, ref = _run(text), _reference_normalize(text)
    assert got.text == ref.text
    assert [e.to_dict() for e in got.edits] == [e.to_dict() for e in ref.edits]


@pytest.mark.parametrize("gen", ["fullwidth_lines", "surrogate_lines", "codepoint_lines",
                                 "fullwidth_words", "combining_lines"])
def test_dense_generators_same_text_fewer_edits_and_undo(gen: str) -> None:
    """Where many lines change, the text is the reference's, the edits are fewer (one per run
    of changed lines) and undo to the input exactly."""
    text = bench.make_text(gen, 20_000)
    got, ref = _run(text), _reference_normalize(text)
    assert got.text == ref.text
    assert len(got.edits) <= len(ref.edits)
    assert got.original_text() == text


@pytest.mark.parametrize("gen", ["mojibake_lines", "mojibake_words"])
def test_mojibake_past_the_budget_is_flagged_not_fixed_and_undoes(gen: str) -> None:
    text = bench.make_text(gen, 20_000)
    doc = _run(text)
    flags = [f for f in doc.flags if f["kind"] == "ftfy_budget"]
    assert flags and flags[0]["lines"] > 0
    assert doc.original_text() == text
    assert "Ã" in doc.text  # left as it was


def test_few_mojibake_lines_are_all_fixed_exactly() -> None:
    words = bench.make_text("mojibake_lines", 400).split("\n")[:12]
    text = "\n".join(f"Kalimat biasa nomor {k} tanpa kerusakan apa pun di dalamnya." for k in range(200))
    text += "\n" + "\n".join(words)
    got, ref = _run(text), _reference_normalize(text)
    assert not got.flags
    assert got.text == ref.text and [e.to_dict() for e in got.edits] == [e.to_dict() for e in ref.edits]


_JUNK = ["Ã©", "ＬＯＵＤ", "&amp;", "\x1b[31m", "ﬁ", "\x92", "\ud83d\ude00", "\udc00", "中文", "â€œ",
         "\u202e", "<p>", "\u3000"]


@pytest.mark.slow
def test_real_documents_with_injected_junk_equal_the_reference() -> None:
    rng = random.Random(12)
    checked = 0
    for name in ("id_news_gikirima_multioutlet.jsonl.gz", "en_news_bbc.jsonl.gz", "id_tweets_indolem.jsonl.gz"):
        for rec in corpus_records(name, 150):
            text = rec.get("text") or ""
            if not text:
                continue
            lines = text.split("\n")
            for _ in range(3):
                i = rng.randrange(len(lines))
                cut = rng.randrange(len(lines[i]) + 1)
                lines[i] = lines[i][:cut] + rng.choice(_JUNK) + lines[i][cut:]
            for t in (text, "\n".join(lines)):
                got, ref = _run(t), _reference_normalize(t)
                assert got.text == ref.text, name
                assert [e.to_dict() for e in got.edits] == [e.to_dict() for e in ref.edits], name
                checked += 1
    if not checked:
        pytest.skip("shared corpora not present")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), min_size=1, max_size=300),
       st.sampled_from([(41, 7), (41, 1 << 20), (1 << 40, 1 << 30)]))
def test_pair_ranks_are_dense_and_exact(pairs: list[tuple[int, int]], bounds: tuple[int, int]) -> None:
    """Pair ranks by bincount (small key bound), by sort (large bound) and by lexsort (keys that
    would leave int64): equal ranks <=> equal pairs, dense from 0."""
    import numpy as np

    a = np.asarray([p[0] for p in pairs], dtype=np.int64)
    b = np.asarray([p[1] for p in pairs], dtype=np.int64)
    rank = textstats._pair_rank(np, a, bounds[0], b, bounds[1]).tolist()
    assert sorted(set(rank)) == list(range(len(set(pairs))))
    assert len(set(zip(pairs, rank, strict=True))) == len(set(pairs))  # a bijection


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "cc", ".", "-"]), min_size=1, max_size=8),
       st.integers(40, 400), st.lists(st.integers(0, 399), max_size=6))
def test_vector_greedy_scan_equals_tuple_scan_on_repetitive_tokens(unit, reps, noise) -> None:
    """A unit repeated (with a few positions replaced) takes the vector greedy scan; the counts
    equal the tuple path's."""
    tokens = (unit * reps)[: max(len(unit) * reps, 1)]
    for p in noise:
        if p < len(tokens):
            tokens[p] = f"x{p}"
    ns = [5, 6, 7, 8, 9, 10]
    used = []
    orig = textstats._greedy_scan_runs

    def spy(*a, **k):
        used.append(1)
        return orig(*a, **k)

    textstats._greedy_scan_runs = spy
    try:
        assert textstats._dup_ngram_chars_np(tokens, ns) == textstats._dup_ngram_chars_tuple(tokens, ns)
        assert textstats._top_ngrams_np(tokens, [2, 3, 4]) == textstats._top_ngrams_tuple(tokens, [2, 3, 4])
    finally:
        textstats._greedy_scan_runs = orig
    if len(tokens) >= 200 and len(noise) <= 2:
        assert used  # the vector scan was exercised


@pytest.mark.parametrize("junk", ["ＬＯＵＤ", "ﬁle", "\ud83d\ude00", "\udc00", "\x92", "\x1b[31m", "ｱｲｳ", "\u3000"])
def test_few_fixable_lines_among_many_equal_the_reference(junk: str) -> None:
    """Among hundreds of lines, the few holding a character a fixer acts on are fixed alone."""
    lines = [f"Baris biasa nomor {k} tanpa kerusakan." for k in range(400)]
    for k in (3, 77, 150, 151, 399):
        lines[k] = lines[k][:6] + junk + lines[k][6:]
    text = "\n".join(lines)
    got, ref = _run(text), _reference_normalize(text)
    assert got.text == ref.text
    assert [e.to_dict() for e in got.edits] == [e.to_dict() for e in ref.edits]
