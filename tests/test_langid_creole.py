"""The hand-written creole evidence (issue 17, session 16): Kupang, Papuan and Manado Malay lines
step back below 0.5 on one of their function words; Indonesian twins and names keep their scores."""

from __future__ import annotations

import pytest

from saring.document import Document
from saring.langid.step import LanguageID
from saring.langid.stepback import (
    DATA,
    STEP_BACK_SCORE,
    RegionalEvidence,
    _rows,
    load_regional_evidence,
)


@pytest.fixture(scope="module")
def step() -> LanguageID:
    s = LanguageID(keep_langs=["id", "ms", "jv", "su", "en"], score_only=True)
    s.ensure_setup()
    return s


def _without_idms_rule(step: LanguageID, text: str) -> dict:
    saved, step._regional = step._regional, RegionalEvidence(frozenset(), active=False)
    try:
        return step.score(Document("i", text))
    finally:
        step._regional = saved


def test_creole_words_are_strong_evidence_and_the_vetted_ones_are_left_out() -> None:
    ev = load_regional_evidence()
    words = {r[0] for r in _rows(DATA / "idms_creole.tsv")}
    assert {"sonde", "nyanda", "kitong", "torang"} <= words <= ev.strong <= ev.words
    # written by Indonesian tweets, names or other languages (the file's header says where)
    assert not {"ngana", "tra", "trada", "beta", "pace", "mace", "kong", "jo"} & words
    assert "dorang" in words  # session 19: its corpus uses are in long texts only (header)


@pytest.mark.parametrize(
    ("creole", "indonesian"),
    [
        # written for this test (not from the corpora or the evaluation halves)
        (
            "Beta sonde bisa datang ke rapat besok pagi.",
            "Saya tidak bisa datang ke rapat besok pagi.",
        ),
        (
            "Kita nyanda jadi pulang ke kampung minggu depan.",
            "Saya tidak jadi pulang ke kampung minggu depan.",
        ),
        (
            "Kitong harus kerja bakti di gereja hari Sabtu.",
            "Kita harus kerja bakti di gereja hari Sabtu.",
        ),
    ],
)
def test_one_creole_word_steps_a_short_line_back(
    step: LanguageID, creole: str, indonesian: str
) -> None:
    sc = step.score(Document("c", creole))
    assert not (sc["lang"] in ("id", "ms") and sc["score"] >= 0.5), sc
    assert step.score(Document("i", indonesian)) == _without_idms_rule(step, indonesian)


def test_a_creole_word_as_a_name_inside_a_sentence_is_no_evidence(step: LanguageID) -> None:
    text = "Ketua kelompok nelayan, Torang Simanjuntak, meminta bantuan perahu baru."
    assert step.score(Document("n", text)) == _without_idms_rule(step, text)


def test_a_stepped_back_creole_line_gets_the_step_back_score(step: LanguageID) -> None:
    text = "Mama su masak, ma bosong sonde pulang-pulang."
    base = _without_idms_rule(step, text)
    sc = step.score(Document("c", text))
    assert sc["lang"] == base["lang"]
    assert sc["score"] == (
        STEP_BACK_SCORE
        if base["lang"] in ("id", "ms") and base["score"] > STEP_BACK_SCORE
        else base["score"]
    )
