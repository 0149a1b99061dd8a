"""Model-path calibration (issue 17, session 8): short clean Indonesian without function words.

Texts here are written for the tests (not from the corpora nor the hand-written eval sets).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langid_paths import langid_path  # noqa: F401 - the fixture

from saring.document import Document
from saring.langid import modelcal as M
from saring.langid.step import LanguageID

pytestmark = pytest.mark.usefixtures("langid_path")

# no function word of our tables in any of them: they take the model path
SHORT_ID = [
    "Sekolah dasar direnovasi total.",
    "Petugas pemadam kebakaran bekerja semalaman.",
    "Pemilik toko kelontong menaikkan harga gula.",
    "Jembatan penghubung dua kecamatan ambruk.",
    "Angin puting beliung merobohkan gudang padi.",  # a me-...-kan form (session 11)
    "Ribuan penonton memadati alun-alun kota.",  # me(m)-p...-i
]
# regional sentences the tables know no word of, with words no Indonesian reader knows
REGIONAL = [
    "Harago lado naiak taruih.",  # Minangkabau
    "Bapaknya bulik matan pahumaan.",  # Banjar-like, written for the test
]


@pytest.fixture(scope="module")
def step() -> LanguageID:
    s = LanguageID(keep_langs=["id"])
    s.ensure_setup()
    return s


def score(step: LanguageID, text: str) -> dict:
    return step.score(Document("t", text))


@pytest.mark.parametrize("text", SHORT_ID)
def test_short_clean_indonesian_is_kept(step: LanguageID, text: str) -> None:
    assert step._lex is not None and step._lex.classify(text).lang == "und"  # the model path
    sc = score(step, text)
    assert sc["lang"] == "id" and sc["score"] >= 0.5


@pytest.mark.parametrize("text", REGIONAL)
def test_unknown_words_never_raise_the_score(step: LanguageID, text: str) -> None:
    with_cal = score(step, text)
    cal, step._mcal = step._mcal, None
    try:
        raw = score(step, text)
    finally:
        step._mcal = cal
    assert with_cal["score"] <= raw["score"]
    assert not (with_cal["lang"] in ("id", "ms", "jv", "su") and with_cal["score"] >= 0.5)


def test_features_count_unknown_words_not_names() -> None:
    vocab = {"warga": 50, "menonton": 45, "festival": 45, "di": 70}
    # "Tabuik" and "Pariaman" are capitalised inside the text: names, neither known nor unknown
    x = M.features("it", 0.3, -2.0, "Warga menonton festival Tabuik di Pariaman", vocab)
    assert x[5] == 0.0 and x[7] == pytest.approx(4 / 6)
    # lowercase, the same words are unknown; and the first token is always a word
    x = M.features("it", 0.3, -2.0, "warga menonton festival tabuik di pariaman", vocab)
    assert x[5] == pytest.approx(2 / 6)
    x = M.features("it", 0.3, -2.0, "Tabuik warga menonton festival", vocab)
    assert x[5] == pytest.approx(1 / 4)


def test_clitics_and_prefixes_reach_the_stem() -> None:
    vocab = {"prediksi": 45, "biar": 50, "baca": 50}
    for word in ("prediksinya", "biarin", "terbaca"):
        assert M._zipf(word, vocab) >= M.KNOWN_ZIPF
    assert M._zipf("hargonyo", vocab) == 0  # Minangkabau -nyo is not an Indonesian clitic


def test_me_and_pe_prefixes_restore_the_swallowed_letter() -> None:
    vocab = {"pangkas": 45, "tulis": 45, "kirim": 45, "sapu": 45, "padat": 45, "roboh": 45}
    for word in ("memangkas", "menulis", "mengirim", "menyapu", "memadati", "merobohkan",
                 "pemangkas", "penulis", "pengirim", "penyapu"):
        assert M._zipf(word, vocab) >= M.KNOWN_ZIPF, word
    # regional prefixes are not Indonesian ones: Minangkabau ma-/mang-, a Javanese bare nasal
    for word in ("mamangkeh", "mangirim", "nulis", "nyapu"):
        assert M._zipf(word, vocab) < M.KNOWN_ZIPF, word


def test_rare_words_are_neither_known_nor_unknown_when_long() -> None:
    rare = (M.UNKNOWN_ZIPF + M.KNOWN_ZIPF) // 2
    vocab = {"banjir": 50, "puluhan": 45, "rumah": 60, "warga": 55, "merendam": rare, "nian": rare}
    x = M.features("id", 0.3, -2.0, "Banjir merendam puluhan rumah warga", vocab)
    assert x[5] == 0.0 and x[7] == pytest.approx(4 / 5) and M.eligible(x)
    # a short word at the same frequency (a regional word wordfreq's Indonesian knows) is unknown
    x = M.features("id", 0.3, -2.0, "Banjir nian puluhan rumah warga", vocab)
    assert x[5] == pytest.approx(1 / 5) and not M.eligible(x)
    # below UNKNOWN_ZIPF a long word is unknown too
    vocab["merendam"] = M.UNKNOWN_ZIPF - 1
    assert not M.eligible(M.features("id", 0.3, -2.0, "Banjir merendam puluhan rumah warga", vocab))


def test_names_only_text_is_not_raised() -> None:
    x = M.features("en", 0.3, -1.0, "Johann Sebastian Bach", {"johann": 36})
    assert not M.eligible(x)
    assert M.final(0.95, x, 0.3) == 0.3


def test_without_weights_the_raw_score_stays() -> None:
    cal = M.ModelCalibration(None, {"harga": 50})
    assert cal.score("id", 0.4, -2.0, "Harga naik", 0.37) == 0.37
    with pytest.raises(ValueError):
        M.ModelCalibration((1.0,), {})


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.floats(0.0, 1.0), st.floats(-50.0, 50.0), st.floats(0.0, 1.0))
def test_any_text_gives_a_probability_never_above_raw_with_unknown_words(
    text: str, model_score: float, idms: float, raw: float
) -> None:
    cal = M.get_model_calibration()
    got = cal.score("id", model_score, idms, text, raw)
    assert 0.0 <= got <= 1.0
    if not M.eligible(M.features("id", model_score, idms, text, cal.vocab)):
        assert got <= raw
