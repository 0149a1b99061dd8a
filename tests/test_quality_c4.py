"""C4 line rules as undoable edits, the composite ``quality`` step and pipeline wiring."""

from __future__ import annotations

import pickle

from conftest import corpus_records

from saring.document import Document
from saring.pipeline import Pipeline
from saring.quality.c4 import C4Lines, count_sentences
from saring.quality.step import QualityFilter
from saring.step import StepStats, run_steps

ARTICLE = (
    "Beranda\n"
    "Pemerintah kota membuka pendaftaran sekolah baru mulai pekan depan. Orang tua dapat "
    "mendaftar secara daring atau datang langsung ke kantor dinas.\n"
    "Kepala dinas mengatakan kuota tahun ini bertambah. Sekolah di pinggiran kota mendapat "
    "tambahan ruang kelas [1].\n"
    "Baca juga\n"
    "Situs ini menggunakan cookie untuk pengalaman terbaik. Baca kebijakan privasi kami.\n"
    "Aktifkan JavaScript untuk melihat video ini.\n"
    "Pendaftaran ditutup pada akhir bulan. Hasil seleksi diumumkan seminggu kemudian.\n"
)


def run(step, doc):
    stats: dict[str, StepStats] = {}
    return list(run_steps([step], [doc], stats))[0], stats[step.label]


def test_c4_drops_lines_as_undoable_edits():
    doc, stats = run(C4Lines(), Document("a", ARTICLE))
    assert doc.status == "kept"
    kinds = [e.kind for e in doc.edits]
    assert kinds.count("c4:no_terminal_punct") == 2  # "Beranda", "Baca juga"
    assert "c4:policy" in kinds and "c4:javascript" in kinds and "c4:citation" in kinds
    assert "Beranda" not in doc.text and "cookie" not in doc.text and "[1]" not in doc.text
    assert "Pendaftaran ditutup" in doc.text
    assert doc.original_text() == ARTICLE
    assert stats.edits["c4:policy"] == 1


def test_c4_document_rules_reject_without_editing():
    doc, _ = run(C4Lines(), Document("c", ARTICLE + "Data: {\"a\": 1} dikirim ke server hari ini.\n"))
    assert doc.decision.reason == "c4_curly_bracket" and not doc.edits
    doc, _ = run(C4Lines(), Document("s", "Satu kalimat saja di sini.\nDua kalimat di sini juga ya."))
    assert doc.decision.reason == "c4_too_few_sentences"
    assert doc.decision.value == 2 and doc.decision.threshold == 5


def test_c4_score_only_counts_without_edits():
    doc, stats = run(C4Lines(score_only=True), Document("a", ARTICLE))
    assert doc.text == ARTICLE and not doc.edits
    assert doc.annotations["c4"]["lines_dropped_no_terminal_punct"] == 2


def test_count_sentences():
    assert count_sentences("Satu. Dua! Tiga?") == 3
    assert count_sentences("Kata dia, \"sudah selesai.\" Lalu pergi") == 2


def test_quality_composite_first_failure_and_sub_annotations():
    q = QualityFilter()
    doc, _ = run(q, Document("x", "Pendek sekali."))
    assert doc.status == "rejected" and doc.decision.step == "quality"
    assert "quality.gopher_repetition" in doc.annotations
    q = QualityFilter(score_only=True, c4=True)
    doc, _ = run(q, Document("y", ARTICLE * 3))
    assert doc.status == "kept"
    assert {"quality.c4", "quality.gopher_repetition", "quality.fineweb_quality",
            "quality.gopher_quality"} <= set(doc.annotations)


def test_quality_from_yaml_is_picklable_and_runs_on_real_news():
    pipe = Pipeline.from_config({"steps": [
        {"optout": {}},
        {"quality": {"default_profile": "id"}},
        {"spam": {}},
    ]})
    steps = pickle.loads(pickle.dumps(pipe.steps))
    recs = corpus_records("id_news_indosum_dev.jsonl.gz", 400)
    docs = [Document(str(r["id"]), r["text"], {"url": r.get("url"), "lang": "id"}) for r in recs]
    stats: dict[str, StepStats] = {}
    out = list(run_steps(steps, docs, stats))
    kept = sum(d.status == "kept" for d in out)
    # IndoSum is clean news, but its detokenized spacing leaves many punctuation tokens, and the
    # FineWeb-2 ind_Latn alpha-token minimum (0.805) counts them: that rule is the main loss.
    assert kept / len(out) > 0.45
    reasons = [d.decision.reason for d in out if d.decision.step == "quality"]
    assert max(set(reasons), key=reasons.count) == "gopher_below_alpha_threshold"
    assert stats["optout"].rejected["publisher_optout"] == sum(
        "antaranews" in (r.get("url") or "") for r in recs
    )
    for d in out:
        if d.status == "rejected" and d.decision.step == "quality":
            assert d.decision.threshold is not None and d.decision.value is not None


def test_regional_profiles_keep_regional_text():
    recs = corpus_records("jv_su_regional_paragraphs_nusawrites.jsonl.gz", 7000)
    by_lang = {"jv": [], "su": []}
    for r in recs:
        if r["lang"] in by_lang and len(by_lang[r["lang"]]) < 150:
            by_lang[r["lang"]].append(r)
    from saring.quality.gopher import GopherQuality

    gq = GopherQuality(overrides={"min_doc_words": 20})
    for lang, rows in by_lang.items():
        assert rows, lang
        own = sum(
            gq.process(Document("r", r["text"], {"lang_detected": lang})) is None for r in rows
        )
        as_id = sum(gq.process(Document("r", r["text"], {"lang_detected": "id"})) is None for r in rows)
        # With its own stop words far more regional text passes than under the Indonesian profile.
        assert own > as_id, (lang, own, as_id)


def test_quality_order_changes_speed_path_not_decisions():
    recs = corpus_records("id_news_github_scrapes.jsonl.gz", 300)
    a = QualityFilter()
    b = QualityFilter(order=["gopher_repetition", "fineweb_quality", "gopher_quality"])
    for r in recs:
        va = a.process(Document("a", r["text"]))
        vb = b.process(Document("b", r["text"]))
        assert (va is None) == (vb is None), r["id"]
    import pytest

    with pytest.raises(ValueError):
        QualityFilter(order=["fineweb_quality"])
