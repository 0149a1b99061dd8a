"""Gopher quality / repetition and FineWeb quality rules, profiles and score-only mode."""

from __future__ import annotations

import pytest
from kernel_paths import kernel_path  # noqa: F401 - the fixture: compiled and pure paths

from saring.document import Document
from saring.pipeline import Pipeline
from saring.quality.fineweb import FineWebQuality
from saring.quality.gopher import GopherQuality, GopherRepetition
from saring.quality.profiles import section
from saring.registry import ConfigError
from saring.step import StepStats, run_steps

# Our own Indonesian news-like prose (varied sentences, no repetition).
GOOD = (
    "Pemerintah provinsi mengumumkan program baru untuk memperbaiki jalan desa yang rusak "
    "akibat banjir pada awal tahun ini. Menurut kepala dinas pekerjaan umum, perbaikan akan "
    "dimulai bulan depan dengan anggaran yang sudah disetujui oleh dewan.\n"
    "Warga di tiga kecamatan menyambut rencana tersebut karena akses ke pasar dan sekolah "
    "selama ini sangat sulit. Seorang petani mengatakan hasil panen sering terlambat dijual "
    "sehingga harganya turun.\n"
    "Selain jalan, pemerintah juga berencana membangun jembatan gantung di dua lokasi. "
    "Pekerjaan itu diperkirakan selesai sebelum musim hujan berikutnya, kata pejabat tersebut.\n"
)

pytestmark = pytest.mark.usefixtures("kernel_path")


def run(step, doc):
    stats: dict[str, StepStats] = {}
    out = list(run_steps([step], [doc], stats))[0]
    return out, stats[step.label]


def test_good_indonesian_prose_passes_all_three():
    for step in (GopherRepetition(), FineWebQuality(), GopherQuality()):
        doc, _ = run(step, Document("g", GOOD))
        assert doc.status == "kept", (step.name, doc.decision)
        assert doc.annotations[step.label]["profile"] == "id"


def test_short_doc_records_rule_value_and_threshold():
    doc, stats = run(GopherQuality(), Document("s", "Berita singkat hari ini di kota."))
    assert doc.decision.reason == "gopher_short_doc"
    assert doc.decision.value == 6
    assert doc.decision.threshold == 50
    assert stats.rejected["gopher_short_doc"] == 1


def test_english_text_fails_indonesian_stop_words_but_passes_english_profile():
    en = (
        "The council said that the new bridge would open next spring after two years of work. "
        "Residents have waited a long time for a safe crossing over the river, and many of them "
        "welcomed the news with relief. Engineers say the structure is designed to withstand "
        "floods that have become more frequent in the region over the past decade. "
    ) * 2
    doc, _ = run(GopherQuality(), Document("e", en))
    assert doc.decision.reason == "gopher_few_stop_words"
    assert doc.decision.value == 0 and doc.decision.threshold == 2
    doc, _ = run(GopherQuality(), Document("e", en, {"lang_detected": "en"}))
    assert doc.status == "kept"
    assert doc.annotations["gopher_quality"]["profile"] == "en"


def test_profile_choice_detected_over_declared_and_default():
    step = GopherQuality(default_profile="ms")
    assert step.lang_of(Document("a", "", {"lang_detected": "jv", "lang": "id"})) == "jv"
    assert step.lang_of(Document("a", "", {"lang": "sun_Latn"})) == "su"
    assert step.lang_of(Document("a", "", {"lang": "min"})) == "ms"  # unknown -> default
    assert step.lang_of(Document("a", "")) == "ms"
    assert GopherQuality(profile="en").lang_of(Document("a", "", {"lang": "id"})) == "en"


def test_hashtag_spam_and_bullet_lists_are_rejected():
    tags = " ".join(["#promo #diskon #murah #jualan untuk dan di yang"] * 20)
    doc, _ = run(GopherQuality(), Document("h", tags))
    assert doc.decision.reason == "gopher_too_many_hashes"
    assert doc.decision.value > 0.1
    bullets = "\n".join(f"- barang nomor {i} dijual dengan harga yang murah di toko" for i in range(40))
    doc, _ = run(GopherQuality(), Document("b", bullets))
    assert doc.decision.reason == "gopher_too_many_bullets"
    assert doc.decision.value == 1.0


def test_numbers_table_fails_alpha_ratio():
    rows = "\n".join(
        f"Realisasi {i}: 120.5{i:02d}, 98.2{i:02d}, 77.1{i:02d}, 65.5{i:02d} dan 45.2{i:02d} yang."
        for i in range(30)
    )
    doc, _ = run(GopherQuality(), Document("n", rows))
    assert doc.decision.reason == "gopher_below_alpha_threshold"
    assert doc.decision.value < 0.805


def test_repeated_lines_rejected_by_repetition():
    text = GOOD + "Baca juga: harga cabai naik lagi di pasar induk.\n" * 6
    doc, _ = run(GopherRepetition(), Document("r", text))
    assert doc.decision.reason == "gopher_dup_line_frac"
    assert doc.decision.threshold == pytest.approx(0.241)
    assert 0.241 < doc.decision.value <= 1


def test_doubled_article_rejected_until_repair_dedups_paragraphs(founding_text):
    # The repetition rules must run after repair's paragraph de-duplication: a page that carries
    # the article twice fails them, the article itself passes.
    doc, _ = run(GopherRepetition(), Document("f", founding_text))
    assert doc.status == "kept"
    doubled = founding_text.rstrip("\n") + "\n" + founding_text
    doc, _ = run(GopherRepetition(), Document("f2", doubled))
    assert doc.status == "rejected"
    assert doc.decision.reason in {"gopher_dup_line_frac", "gopher_dup_5_gram", "gopher_top_2_gram"}


def test_score_only_keeps_and_measures_every_rule():
    step = GopherQuality(score_only=True)
    doc, stats = run(step, Document("s", "Terlalu pendek."))
    assert doc.status == "kept"
    ann = doc.annotations["gopher_quality"]
    assert ann["would_reject"] == "gopher_short_doc"
    assert {"n_words", "avg_word_length", "alpha_words_ratio", "stop_words"} <= set(ann)
    assert stats.would_reject["gopher_short_doc"] == 1


def test_decide_from_stored_scores_matches_process():
    step = GopherRepetition()
    doc = Document("x", GOOD + "Simak videonya di sini.\n" * 5)
    verdict = step.process(doc)
    again = step.decide(doc.annotations["gopher_repetition"], doc)
    assert verdict == again and verdict is not None


def test_overrides_and_yaml_validation():
    step = GopherQuality(overrides={"min_doc_words": 5})
    doc, _ = run(step, Document("o", "Ini adalah berita dari desa dan kota."))
    assert doc.status == "kept"
    with pytest.raises(ConfigError):
        Pipeline.from_config({"steps": [{"gopher_quality": {"profile": "xx"}}]})
    with pytest.raises(ConfigError):
        Pipeline.from_config({"steps": [{"gopher_quality": {"overrides": {"min_words": 3}}}]})


def test_fineweb_rules_line_punct_and_list_ratio():
    menu = "\n".join(["Beranda", "Berita Terkini", "Olahraga", "Ekonomi", "Kontak Kami"] * 4)
    doc, _ = run(FineWebQuality(), Document("m", menu))
    assert doc.decision.reason == "fineweb_line_punct_ratio"
    assert doc.decision.value == 0.0
    listy = "\n".join(f"Harga naik {i}." for i in range(30))
    doc, _ = run(FineWebQuality(), Document("l", listy))
    assert doc.decision.reason == "fineweb_list_ratio"
    assert doc.decision.value > 0.157


def test_fineweb_char_dup_and_exclude_zero_option():
    dup = GOOD + ("Ikuti kami di media sosial untuk berita terbaru setiap hari.\n" * 4)
    doc, _ = run(FineWebQuality(), Document("d", dup))
    assert doc.decision.reason == "fineweb_char_dup_ratio"
    no_punct = "\n".join(["kalimat tanpa tanda baca di akhir baris ini dan itu"] * 2)
    step = FineWebQuality(overrides={"line_punct_exclude_zero": True, "char_duplicates_ratio": 1.0})
    doc, _ = run(step, Document("z", no_punct))
    assert doc.status == "kept"


def test_profiles_load_for_all_languages():
    for lang in ("id", "ms", "jv", "su", "en"):
        gq = section(lang, "gopher_quality")
        assert gq["min_stop_words"] == 2 and len(gq["stop_words"]) >= 8
        rep = section(lang, "gopher_repetition")
        assert set(rep["dup_n_grams"]) == {5, 6, 7, 8, 9, 10}
    assert section("id", "gopher_repetition")["dup_line_frac"] == pytest.approx(0.241)
    assert section("id", "fineweb_quality")["line_punct_thr"] == pytest.approx(0.111)


def test_fineweb2_style_ngram_lists_are_accepted():
    pairs = GopherRepetition(overrides={"top_n_grams": [[2, 0.194], [3, 0.166], [4, 0.145]]})
    mapping = GopherRepetition()
    text = GOOD + "Simak berita lainnya di kanal ekonomi hari ini.\n" * 3
    assert pairs.process(Document("a", text)) == mapping.process(Document("b", text))


# Hand-written clean paragraphs (not from any corpus): nothing in them repeats.
SHORT_CLEAN = [
    "Warga Desa Sukamaju memperbaiki jembatan bambu yang rusak diterjang banjir pekan lalu.",
    "Harga cabai rawit di Pasar Kranggan turun menjadi Rp38.000 per kilogram pada Senin pagi.",
    "Panitia lomba perahu naga memindahkan jadwal final karena angin kencang di Danau Toba.",
]
LONG_CLEAN = (
    "Pemerintah kabupaten mulai membagikan bibit padi tahan kekeringan kepada kelompok tani di "
    "tiga kecamatan sejak awal bulan. Kepala dinas pertanian setempat menjelaskan bahwa program "
    "itu menyasar sawah tadah hujan yang gagal panen dua musim berturut-turut. Para petani "
    "menyambut baik bantuan tersebut, meskipun sebagian berharap pendampingan teknis juga "
    "diberikan agar hasilnya optimal."
)


@pytest.mark.parametrize("text", [*SHORT_CLEAN, LONG_CLEAN])
def test_top_ngram_rules_measure_zero_when_nothing_repeats(text):
    step = GopherRepetition(score_only=True)
    doc = Document("p", text)
    step.process(doc)
    scores = doc.annotations[step.label]
    tops = {k: v for k, v in scores.items() if k.startswith("top_")}
    assert tops and all(v == 0 for v in tops.values()), tops
    assert GopherRepetition().process(Document("q", text)) is None


def test_top_ngram_rule_still_fires_on_a_real_repeated_phrase():
    text = "promo gacor hari ini " * 3 + "daftar sekarang juga."
    doc = Document("r", text)
    verdict = GopherRepetition().process(doc)
    assert verdict is not None and verdict.reason.startswith("gopher_top_")
