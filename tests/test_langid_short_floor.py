"""The short-text floor for lexical Indonesian verdicts (issue 17, session 14, langid12).

Texts here are written for the tests (not from the corpora nor the hand-written eval sets).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langid_paths import langid_path  # noqa: F401 - the fixture

from saring.document import Document
from saring.langid import modelcal as M
from saring.langid.step import LanguageID

pytestmark = pytest.mark.usefixtures("langid_path")

# one Malayic function word, every word a common Indonesian word, a clear id/ms margin: the
# lexical calibration alone scores them just below 0.5
RAISED = [
    "Umat Buddha merayakan Waisak dengan berdoa di candi.",
    "Semoga Tuhan membalas kebaikan kalian semua.",
]
# a thin id/ms margin: the lower tier SHORT_THIN_FLOOR only (session 18; before, not raised)
THIN_MARGIN = [
    "Jemaah membaca doa dengan khusyuk.",
    "Pengurus masjid mengundang warga dan anak yatim.",
]
# no function word (the model path), every word known, a strong Indonesian lean: raised
MODEL_RAISED = ["Wkwk iya bener, besok gue traktir deh."]
# the model path left alone: a weak Indonesian lean (``Ibu biasanya ...``), an unknown word (``ojol``)
MODEL_KEPT = ["Ibu biasanya memakai minyak kelapa.", "Gue udah capek banget nungguin ojol."]
WORDS = (
    "umat",
    "warga",
    "merayakan",
    "dengan",
    "berdoa",
    "di",
    "candi",
    "semoga",
    "kalian",
    "semua",
    "kebaikan",
    "tak",
    "bana",
    "nian",
    "urang",
    "dan",
    "jemaah",
    "doa",
    "Waisak",
    "sawah",
    "rumah",
    "pagi",
    "kagak",
    "aye",
    "lamak",
    "ambo",
    "yang",
    "itu",
    "gue",
    "banget",
    "besok",
    "wkwk",
)


@pytest.fixture(scope="module")
def step() -> LanguageID:
    s = LanguageID(keep_langs=["id"])
    s.ensure_setup()
    return s


def without_floor(step: LanguageID, text: str) -> dict:
    """The step's scores with the floor switched off (the score it had before session 14)."""
    step._short_floor = lambda text, score: score  # type: ignore[method-assign]
    try:
        return step.score(Document("t", text))
    finally:
        del step._short_floor


@pytest.mark.parametrize("text", RAISED)
def test_clean_short_indonesian_is_raised_to_the_floor(step: LanguageID, text: str) -> None:
    before = without_floor(step, text)
    assert before["lang"] == "id" and before["score"] < 0.5  # what the floor is for
    after = step.score(Document("t", text))
    assert after["lang"] == "id" and after["score"] == M.SHORT_ID_FLOOR
    assert step.decide(after, Document("t", text)) is None


@pytest.mark.parametrize("text", MODEL_RAISED)
def test_clean_short_model_path_indonesian_is_raised(step: LanguageID, text: str) -> None:
    assert step._lex is not None
    v = step._lex.classify(text)
    assert v.lang == "und" and v.idms <= M.SHORT_MODEL_LOG_ODDS  # no function word, strong lean
    before = without_floor(step, text)
    assert before["lang"] == "id" and before["score"] < 0.5
    assert step.score(Document("t", text)) == {**before, "score": M.SHORT_ID_FLOOR}


@pytest.mark.parametrize("text", MODEL_KEPT)
def test_model_path_lines_without_a_strong_lean_or_with_an_unknown_word_stay(
    step: LanguageID, text: str
) -> None:
    assert step._lex is not None and step._lex.classify(text).lang == "und"
    before = without_floor(step, text)
    assert before["lang"] == "id" and before["score"] < M.SHORT_ID_FLOOR  # a candidate by score
    assert step.score(Document("t", text)) == before


@pytest.mark.parametrize("text", THIN_MARGIN)
def test_a_thin_id_ms_margin_reaches_only_the_lower_tier(step: LanguageID, text: str) -> None:
    assert step._lex is not None and M.SHORT_ID_LOG_ODDS < step._lex.classify(text).idms <= 0
    before = without_floor(step, text)
    want = max(before["score"], M.SHORT_THIN_FLOOR)
    assert step.score(Document("t", text)) == {**before, "score": want}
    assert want < M.SHORT_ID_FLOOR


@pytest.mark.parametrize("word", ["bana", "nian"])
def test_a_regional_evidence_or_weak_word_is_never_raised(step: LanguageID, word: str) -> None:
    assert step._regional is not None and step._regional.known(word)
    text = f"Umat Buddha merayakan Waisak dengan berdoa {word} di candi."
    assert step.score(Document("t", text))["score"] == without_floor(step, text)["score"]


def test_the_floor_reads_only_short_texts(step: LanguageID) -> None:
    text = " ".join([RAISED[0]] * 6)  # > 300 characters
    assert len(text) > 300
    assert step.score(Document("t", text)) == without_floor(step, text)


def test_all_known_bounds() -> None:
    vocab = M.load_vocab()
    assert M.all_known(RAISED[0], vocab)  # ``Waisak``, a name inside the sentence
    assert not M.all_known("Waisak dirayakan umat.", vocab)  # the first word is a word
    assert M.all_known("Tumis bawang putih hingga harum.", vocab)  # ``tumis``: rare, not unknown
    assert not M.all_known("Urang kampuang pai ka sawah.", vocab)
    assert not M.all_known("Umat berdoa.", vocab)  # fewer than SHORT_MIN_TOKENS words
    assert not M.all_known(" ".join(["warga"] * (M.SHORT_MAX_TOKENS + 1)), vocab)
    assert M.all_known(" ".join(["warga"] * M.SHORT_MAX_TOKENS), vocab)


def test_short_floor_bounds() -> None:
    vocab, text, none = M.load_vocab(), RAISED[0], (lambda w: False)
    assert M.short_floor(0.3, "id", -2.0, text, vocab, none) == M.SHORT_ID_FLOOR
    # a thin margin reaches the lower tier only (session 18); a Malay lean none
    assert M.short_floor(0.3, "id", -0.5 * math.log(3.0), text, vocab, none) == M.SHORT_THIN_FLOOR
    assert M.short_floor(0.65, "id", -0.5 * math.log(3.0), text, vocab, none) == 0.65
    assert M.short_floor(0.3, "id", 0.1, text, vocab, none) == 0.3
    assert M.short_floor(0.3, "id", -0.1, text, vocab, lambda w: w == "candi") == 0.3
    assert M.short_floor(0.3, "id", -2.0, text, vocab, lambda w: w == "candi") == 0.3
    assert M.short_floor(0.9, "id", -2.0, text, vocab, none) == 0.9  # never lowers
    assert M.short_floor(0.3, "id", -2.0, text, {}, none) == 0.3  # no vocabulary, no floor
    # the model path (lexicon ``und``) asks the stronger lean; another lexical label never
    assert M.short_floor(0.3, "und", -2.0, text, vocab, none) == 0.3
    assert M.short_floor(0.3, "und", -3.0, text, vocab, none) == M.SHORT_ID_FLOOR
    assert M.short_floor(0.3, "ms", -3.0, text, vocab, none) == 0.3
    assert M.short_floor(0.3, "jv", -3.0, text, vocab, none) == 0.3


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=34), st.sampled_from(["", ".", "!"]))
def test_the_floor_only_raises_indonesian_scores_to_the_floor(
    step: LanguageID, words: list[str], end: str
) -> None:
    text = " ".join(words).capitalize() + end
    before, after = without_floor(step, text), step.score(Document("t", text))
    assert after["lang"] == before["lang"]
    if after != before:
        floor = after["score"]
        assert after["lang"] == "id" and before["score"] < floor
        assert floor in (M.SHORT_ID_FLOOR, M.SHORT_THIN_FLOOR) and len(text) <= 300
        assert after == {**before, "score": floor}
