"""The jv/su step-back (issue 17, session 9): a Javanese/Sundanese verdict needs clean evidence."""

from __future__ import annotations

import pytest

from saring.document import Document
from saring.langid.lexicon import load_markers
from saring.langid.step import LanguageID
from saring.langid.stepback import STEP_BACK_SCORE, JvSuEvidence, load_jvsu_evidence

EV = JvSuEvidence(
    {"jv": frozenset({"kowe", "mlaku"}), "su": frozenset({"anjeun", "geus"})},
    {"jv": frozenset({"sing", "yen", "lan"}), "su": frozenset({"mun", "ka"})},
)


def test_thin_evidence_rule() -> None:
    assert EV.thin("su", "Mun hari hujan, banyu naik ka lawang.")  # no clean word
    assert EV.thin("jv", "Yen kowe sing mlebu lan")  # one clean word, three shared
    assert not EV.thin("jv", "Yen kowe teka")  # one clean word, one shared
    assert not EV.thin("jv", "Kowe mlaku yen sing lan udan")  # two clean words
    assert not EV.thin("su", "Anjeun geus dahar?")


def test_step_back_only_lowers_jv_su_scores() -> None:
    assert EV.step_back("su", 0.93, "Mun hujan ka pasar") == STEP_BACK_SCORE < 0.5
    assert EV.step_back("su", 0.30, "Mun hujan ka pasar") == 0.30  # never raised
    assert EV.step_back("id", 0.93, "Mun hujan ka pasar") == 0.93  # other labels untouched
    assert EV.step_back("jv", 0.93, "Kowe mlaku") == 0.93
    off = JvSuEvidence({}, {}, active=False)
    assert off.step_back("su", 0.93, "Mun hujan ka pasar") == 0.93


def test_packaged_file_classifies_every_jv_su_marker(tmp_path) -> None:
    """Every Javanese/Sundanese function word of markers.tsv is clean or shared for its language
    (markers edited without rerunning scripts/build_langid_jvsu.py fail here); no word is both."""
    ev = load_jvsu_evidence()
    assert ev.active
    for m in load_markers():
        if m.lang in ("jv", "su"):
            assert m.token in ev.clean[m.lang] or m.token in ev.shared[m.lang], m
    for lang in ("jv", "su"):
        assert not ev.clean[lang] & ev.shared[lang]
        assert len(ev.clean[lang]) > 1000
    assert "sing" in ev.shared["jv"] and "mun" in ev.shared["su"]  # Balinese, Banjar/Madurese
    assert not load_jvsu_evidence(tmp_path / "absent.tsv").active


@pytest.fixture(scope="module")
def step() -> LanguageID:
    s = LanguageID(keep_langs=["id", "ms", "jv", "su", "en"], score_only=True)
    s.ensure_setup()
    return s


@pytest.mark.parametrize("text", [
    "Mun sampeyan tak entar, engko' entar ka pasar.",  # Madurese: mun, ka
    "Yen ujan, tiang sing luas.",  # Balinese: yen, sing
])
def test_regional_sentence_with_shared_words_is_not_confident_jv_su(step: LanguageID, text: str) -> None:
    sc = step.score(Document("r", text))
    assert not (sc["lang"] in ("id", "ms", "jv", "su") and sc["score"] >= 0.5), sc


@pytest.mark.parametrize(("text", "lang"), [
    ("Aku wis ora kuwat mlaku, sikilku lara banget.", "jv"),
    ("Yen kowe sida lunga, aku melu.", "jv"),
    ("Kuring geus teu kuat leumpang, sukuna nyeri pisan.", "su"),
])
def test_javanese_sundanese_with_clean_words_stay_confident(step: LanguageID, text: str, lang: str) -> None:
    sc = step.score(Document("j", text))
    assert sc["lang"] == lang and sc["score"] >= 0.5, sc
