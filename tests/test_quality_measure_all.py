"""``ProfiledFilter.measure_all`` (every metric of a filter in one call) gives exactly what
``measure`` gives rule by rule, and ``evaluate`` through it returns the same scores (same keys in
the same order, same values) and the same verdict as the rule-by-rule reference, whichever rule
fails first; a ``measure_all`` that raises leaves the outcome to the reference."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kernel_paths import kernel_path  # noqa: F401 - the fixture: compiled and pure paths

from saring.quality import profiles, textstats
from saring.quality.base import ProfiledFilter
from saring.quality.fineweb import FineWebQuality
from saring.quality.gopher import GopherQuality, GopherRepetition

pytestmark = pytest.mark.usefixtures("kernel_path")

# Pieces of text that move every metric: terminals and closing quotes at line ends, short and
# blank lines (spaces, tabs, NBSP, U+2028), bullets, ellipses, hashes, repeated lines and
# paragraphs, punctuation-only and number tokens, combining marks, astral characters.
PIECES = [
    "dan", "yang", "Budi", "anak-anak", "ke-3", "COVID-19", "Rp600.000", "10km", "1,5", "...",
    "…", ",", ".", "!", "?", "\u3002", '"', "»", "#viral", "#", "@budi", "•", "- ", "e\u0301",
    "😀", "²", "\n", "\n\n", "\n\n\n", " \n", "\t\n", "\u00a0\n", "\u2028", "\r\n", "1234",
    "Jakarta adalah ibu kota.", "Berita ini sama.\n", "Berita ini sama.\n",
]
texts = st.lists(st.sampled_from(PIECES), max_size=80).map(
    lambda parts: "".join(p + (" " if i % 4 else "") for i, p in enumerate(parts))
)
FILTERS = [FineWebQuality, GopherRepetition, GopherQuality]


def _all_metrics(f: ProfiledFilter, lang: str) -> frozenset[str]:
    """Every metric the filter can measure for ``lang`` (rules switched off included)."""
    names = {r.metric for r in f._rules[lang]}
    if isinstance(f, FineWebQuality):
        names |= {"line_punct_ratio", "short_line_ratio", "char_dup_ratio", "list_ratio"}
    if isinstance(f, GopherRepetition):
        names |= set(f._settings[lang]["metric_kinds"])
    return frozenset(names)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(profiles.profile_names()), st.sampled_from(FILTERS))
def test_measure_all_equals_measure(text: str, lang: str, cls: type[ProfiledFilter]) -> None:
    f = cls(profile=lang)
    cfg = f._settings[lang]
    a = textstats.Analysis(text)
    if f.precheck(a, cfg) is not None:
        return
    need = _all_metrics(f, lang)
    got = f.measure_all(a, cfg, need)
    if got is None:  # no shortcut on this path (e.g. without the compiled kernels)
        return
    ref = textstats.Analysis(text)  # fresh: no memo shared with the shortcut
    for metric, value in got.items():
        want = f.measure(metric, ref, cfg)
        assert type(value) is type(want) and value == want, metric


def _plan(draw: st.DrawFn, f: ProfiledFilter, lang: str) -> tuple[Any, ...]:
    """The profile's rules with thresholds redrawn around typical values, so that any rule
    (or none) fails first."""
    out = []
    for metric, t, is_min, zero_ok, reason in f._plans[lang]:
        t = draw(st.sampled_from([t, 0, 0.05, 0.2, 0.5, 1.0, 3, 50, 1e9]))
        out.append((metric, t, draw(st.booleans()) if draw(st.booleans()) else is_min,
                    draw(st.booleans()) and zero_ok, reason))
    return tuple(out)


@settings(max_examples=400, deadline=None)
@given(st.data(), texts, st.sampled_from(profiles.profile_names()), st.sampled_from(FILTERS),
       st.booleans())
def test_evaluate_equals_rule_by_rule(data: st.DataObject, text: str, lang: str,
                                      cls: type[ProfiledFilter], stop_early: bool) -> None:
    f = cls(profile=lang)
    f._use_plan(lang, data.draw(st.builds(lambda: None).flatmap(
        lambda _: st.composite(lambda draw: _plan(draw, f, lang))())))
    scores, verdict = f.evaluate(text, lang, stop_early=stop_early)
    a = textstats.Analysis(text)
    cfg = f._settings[lang]
    ref_scores: dict[str, Any] = {"profile": lang}
    pre = f.precheck(a, cfg)
    if pre is not None:
        ref_verdict = pre
    else:
        ref_scores, ref_verdict = f._evaluate_by_rule(a, cfg, lang, ref_scores, stop_early)
    assert list(scores.items()) == list(ref_scores.items())
    assert verdict == ref_verdict


class _Raising(GopherQuality):
    def measure_all(self, st: Any, cfg: dict[str, Any], need: frozenset[str]) -> dict[str, float]:
        raise ZeroDivisionError("measure_all")


def test_a_failing_measure_all_leaves_the_outcome_to_the_rules() -> None:
    text = "Jakarta adalah ibu kota. " * 30
    ok, failing = GopherQuality(profile="id"), _Raising(profile="id")
    assert failing.evaluate(text, "id", stop_early=True) == ok.evaluate(text, "id", stop_early=True)
    assert failing.evaluate("x", "id", stop_early=True)[1].reason == "gopher_short_doc"


def test_a_missing_setting_fails_only_where_its_rule_is_reached() -> None:
    """FineWeb's short-line rule on with no ``short_line_length``: a document failing the
    first rule is rejected by it (as rule by rule), not turned into an error."""
    f = FineWebQuality(profile="id", overrides={"short_line_thr": 0.5})
    del f._settings["id"]["short_line_length"]
    text = "no terminal here\nnor here\nnor here"
    scores, verdict = f.evaluate(text, "id", stop_early=True)
    assert verdict is not None and verdict.reason == "fineweb_line_punct_ratio"
    assert list(scores) == ["profile", "line_punct_ratio"]
    with pytest.raises(KeyError):
        f.evaluate("Sebuah kalimat.\nDan satu lagi.", "id", stop_early=True)


def test_a_clean_text_passes_every_rule_the_same_way() -> None:
    """``evaluate`` on a text every filter keeps (every metric measured, no verdict)."""
    text = (
        "Pemerintah kota mulai memperbaiki jalan yang rusak di tiga kecamatan pada pekan ini, "
        "kata kepala dinas pekerjaan umum kepada wartawan.\n\nPerbaikan itu ditargetkan selesai "
        "sebelum musim hujan tiba, sehingga warga diminta bersabar selama alat berat bekerja.\n\n"
        "Sejumlah pedagang pasar mengaku omzet mereka turun karena pembeli enggan melewati "
        "jalan berlubang, terutama pada malam hari ketika lampu penerangan padam.\n\n"
        "Dinas juga akan memasang rambu sementara dan mengatur lalu lintas bersama polisi agar "
        "antrean kendaraan tidak mengular sampai ke pusat kota."
    )
    for cls in FILTERS:
        f = cls(profile="id")
        a = textstats.Analysis(text)
        cfg = f._settings["id"]
        ref = f._evaluate_by_rule(a, cfg, "id", {"profile": "id"}, True)
        got = f.evaluate(text, "id", stop_early=True)
        assert got[1] is None and list(got[0].items()) == list(ref[0].items())
