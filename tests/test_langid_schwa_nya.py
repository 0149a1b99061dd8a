"""Session 12 (langid10, issue 17): the id/ms step-back's evidence holds the schwa-less (Banjar /
Minangkabau) forms of Indonesian words, and neither evidence table holds an Indonesian word +
``-nya`` (``porsinya``, ``sambalnya``), which Indonesian review lines write as often as Banjar."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from saring.document import Document
from saring.langid.lexicon import DATA
from saring.langid.step import LanguageID
from saring.langid.stepback import load_regional_evidence

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_langid_idms as B  # noqa: E402

INDONESIAN_NYA = ("porsinya", "sambalnya", "mienya", "bumbunya", "hawanya", "wadahnya", "rotinya")


@pytest.fixture(scope="module")
def step() -> LanguageID:
    s = LanguageID(keep_langs=["id", "ms", "jv", "su", "en"], score_only=True)
    s.ensure_setup()
    return s


@pytest.mark.parametrize(("word", "form"), [
    ("bergerak", "bagarak"), ("bertempat", "batampat"), ("penghubung", "panghubung"),
    ("tengah", "tangah"), ("terlambat", "talambat"), ("perempuan", "parampuan"),
])
def test_schwa_less_form(word: str, form: str) -> None:
    assert form in B.schwa_less(word)
    assert form in [f for f, _ in B.forms(word)]


def test_schwa_less_leaves_words_without_schwa() -> None:
    assert B.schwa_less("harga") == []  # no e, no ber-/ter-/per-: nothing to change
    assert B.schwa_less("beras") == ["baras"]  # a short stem keeps its prefix letters
    assert B.schwa_less("bertempat") == ["bartampat", "batampat"]  # root or prefix: both
    # the Minangkabau ending change applies to the schwa-less form too
    assert ("salamaik", "min") in B.forms("selamat")


@pytest.mark.parametrize(("tok", "indonesian"), [
    ("porsinya", True), ("sambalnya", True), ("mienya", True),
    ("haraganya", False),  # Banjar haraga (harga): not an Indonesian stem
    ("bennya", False), ("bannya", False),  # Madurese "many": ben/ban are names and English
    ("inya", False),  # a stem shorter than NYA_MIN_STEM
    ("porsi", False),  # no -nya
])
def test_indonesian_nya(tok: str, indonesian: bool) -> None:
    assert B.indonesian_nya(tok) is indonesian


def test_packaged_evidence_holds_schwa_less_forms_and_no_indonesian_nya() -> None:
    ev = load_regional_evidence()
    assert {"bagarak", "batampat", "panghubung", "talambat", "salamaik"} <= ev.words
    assert not {"bergerak", "bertempat", "penghubung", "tengah", "terlambat"} & ev.words
    assert not set(INDONESIAN_NYA) & ev.words
    assert {"haraganya", "bennya"} <= ev.words  # regional -nya forms stay


def test_packaged_regional_lexicon_mines_no_indonesian_nya() -> None:
    rows = (DATA / "regional.tsv").read_text(encoding="utf-8").splitlines()
    mined = {r.split("\t")[0] for r in rows if r.endswith("\tmined")}
    assert not set(INDONESIAN_NYA) & mined
    assert len(mined) > 1000


NYA_REVIEWS = (  # other 0.99-1.00 or id 0.45 before session 12
    "Sambalnya mantap, porsinya pas buat berdua.",
    "Mienya kenyal dan bumbunya meresap.",
    "Hawanya sejuk dan wadahnya bersih, cocok untuk keluarga.",
)


def test_indonesian_nya_review_lines_stay_confident_indonesian(step: LanguageID) -> None:
    verdicts = {t: step.score(Document("i", t)) for t in NYA_REVIEWS}
    wrong = {t: (v["lang"], v["score"]) for t, v in verdicts.items() if v["lang"] != "id" or v["score"] < 0.5}
    assert not wrong


def test_one_schwa_less_word_steps_a_short_line_back(step: LanguageID) -> None:
    """``batampat`` (bertempat) alone in a short line: id 0.75 before session 12, now 0.45; the
    Indonesian line keeps its verdict."""
    sc = step.score(Document("r", "Mereka sudah batampat di rumah yang baru."))
    assert not (sc["lang"] in ("id", "ms") and sc["score"] >= 0.5), sc
    sc = step.score(Document("i", "Mereka sudah bertempat di rumah yang baru."))
    assert sc["lang"] == "id" and sc["score"] >= 0.5, sc
