"""The calibrated lexical confidence: weight count checked at load, value unchanged by summing order."""

from __future__ import annotations

import pytest

from saring.langid.lexicon import (
    CALIBRATION_FEATURES,
    Lexicon,
    Verdict,
    calibration_features,
    get_lexicon,
    load_markers,
    load_nb_weights,
    sigmoid,
)


def test_calibration_weight_count_matches_features():
    v = Verdict("id", 0.6, 0.9, -2.0, 5.0, 12)
    assert len(calibration_features(v, 1.0)) == CALIBRATION_FEATURES
    assert len(get_lexicon().calibration) in (0, CALIBRATION_FEATURES)


def test_wrong_number_of_calibration_weights_is_refused_at_load():
    with pytest.raises(ValueError, match="calibration needs 9 weights"):
        Lexicon(load_markers(), load_nb_weights(), calibration=(1.0, 2.0))


def test_calibrated_score_is_the_logistic_of_the_weighted_features():
    lex = get_lexicon()
    if not lex.calibration:
        pytest.skip("no calibration file")
    ev = lex.evidence("saya tidak tahu apakah dia akan datang ke rumah kami besok pagi")
    raw = lex.decide_raw(ev)
    got = lex.decide(ev)
    x = calibration_features(raw, ev.rg)
    want = 0.0
    for w, f in zip(lex.calibration, x, strict=True):
        want += w * f
    assert got.lang == raw.lang == "id"
    assert got.score == sigmoid(want)  # exact: same products, same order
    assert got.score != raw.score


def test_one_javanese_word_is_less_sure_than_one_indonesian_word():
    """Session 7: one jv/su function word in a sentence of Indonesian content words is thin
    evidence (a Javanese word Balinese, Madurese or an Indonesian tweet also writes); the
    calibration's jv/su terms score it well below the same sentence with one Indonesian function
    word (written by hand; session 6's calibration gave 0.70 vs 0.81), while a Javanese sentence
    with several function words stays confident."""
    lex = get_lexicon()
    if not lex.calibration:
        pytest.skip("no calibration file")
    jv = lex.classify("Harga tiket konser Dewa lan Slank mulai Rp 500 ribu.")
    ind = lex.classify("Harga tiket konser Dewa dan Slank mulai Rp 500 ribu.")
    assert (jv.lang, ind.lang) == ("jv", "id")
    assert jv.score < ind.score - 0.2
    assert lex.classify("Aku ora ngerti apa sing diomongke bapak mau esuk.").score > 0.95


def test_long_indonesian_text_with_english_quotes_stays_confident():
    """Session 7: more evidence must not make an Indonesian text less sure. A line of Indonesian
    with an English quote every four sentences (family share ~0.6, written by hand) keeps its
    score as it grows from 33 to 330 hits. A calibration fitted jointly with the jv/su terms had
    a negative log-hits weight and gave 0.68 / 0.38 / 0.12 here (in the whole chain, long news and
    court documents fell from 0.97-0.99 to 0.43-0.48 and were rejected ``lang_score_low``)."""
    lex = get_lexicon()
    if not lex.calibration:
        pytest.skip("no calibration file")
    ind = ("Pemerintah daerah mengumumkan bahwa pembangunan jembatan baru di tepi sungai akan "
           "dimulai bulan depan, dan warga berharap perjalanan ke pusat kota menjadi lebih cepat. ")
    en = "The minister said that the bridge is one of the most important projects for the city. "
    scores = [lex.classify((ind * 4 + en) * k) for k in (1, 3, 10)]
    assert all(v.lang == "id" for v in scores)
    assert min(v.score for v in scores) > 0.85
