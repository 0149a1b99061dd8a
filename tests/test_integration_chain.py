"""Cross-step behaviour of the default per-document chain on text we wrote and the founding article.

Each step has its own tests; these check what only shows when the steps run together: edits of
several steps stacking (undo must still give the input), one step's output not giving another
step new work (the chain is idempotent), and the founding article surviving the whole chain.
"""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

import orjson
import pytest
from conftest import undo_matches_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.pipeline import Pipeline, build_step

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"
EDITING = ["normalize", "boilerplate", "repair"]  # the steps whose edits must be a fixed point
GLUE_KINDS = {"mt_glue_reorder", "mt_glue_split", "mt_suffix_reorder", "mt_suffix_drop", "mt_list_comma"}


@pytest.fixture(scope="module")
def chain() -> Pipeline:
    """The default chain keeping Indonesian only (the sample's ms/jv/en documents are rejected)."""
    return Pipeline.default(languages=["id"]).per_document()


@pytest.fixture(scope="module")
def editing() -> Pipeline:
    return Pipeline.from_config({"steps": EDITING})


def sample_records() -> list[dict]:
    return [orjson.loads(line) for line in SAMPLE.read_bytes().splitlines() if line.strip()]


def to_doc(rec: dict) -> Document:
    rec = dict(rec)
    return Document(str(rec.pop("id")), rec.pop("text"), rec)


def second_pass_edits(editing: Pipeline, doc: Document) -> list[tuple[str, str, str, str]]:
    """Edits the editing steps make when run again on the chain's output text."""
    again = editing.process_one(Document(doc.id, doc.text, copy.deepcopy(doc.metadata)))
    return [(e.step, e.kind, e.before, e.after) for e in again.edits]


# ------------------------------------------------------------------ the default chain itself
def test_default_chain_has_the_expected_per_doc_order() -> None:
    names = [s.label for s in Pipeline.default().per_document().steps]
    assert names[:4] == ["normalize", "boilerplate", "repair", "langid"]
    # repetition filters after repair's paragraph de-duplication; pii after the filters
    assert names.index("quality") > names.index("repair")
    assert names.index("pii") > names.index("quality")


# ------------------------------------------------------------------ founding article
def test_founding_article_survives_the_whole_chain(chain, editing, founding_text) -> None:
    stats: dict = {}
    doc = next(chain.process([Document("founding", founding_text, {})], stats))
    assert doc.status == "kept", doc.decision
    kinds = Counter(e.kind for e in doc.edits)
    assert sum(kinds[k] for k in GLUE_KINDS) == 11
    assert kinds["mt_glue_reorder"] + kinds["mt_suffix_reorder"] + kinds["mt_list_comma"] >= 9
    assert kinds["revision_duplicate"] == 1
    # no other step edits it: boilerplate's scrape-glue split leaves the entity glue to repair
    assert {e.step for e in doc.edits} == {"repair"}
    assert stats["boilerplate"].edits == Counter()
    assert doc.annotations["repair"]["revision_conflicts"] == [["Rabu", "Kamis"]]
    assert doc.annotations["langid"]["lang"] == "id"
    assert "Presiden Rusia Vladimir Putin" in doc.text and "Rusian" not in doc.text
    assert doc.original_text() == founding_text
    assert second_pass_edits(editing, doc) == []


def test_founding_article_whole_chain_equals_repair_alone(chain, founding_text) -> None:
    whole = chain.process_one(Document("f", founding_text, {}))
    alone = Pipeline.from_config({"steps": ["repair"]}).process_one(Document("f", founding_text, {}))
    assert whole.text == alone.text
    assert [(e.kind, e.before, e.after) for e in whole.edits] == [
        (e.kind, e.before, e.after) for e in alone.edits
    ]


# ------------------------------------------------------------------ the shipped sample
def test_sample_undo_idempotence_and_no_errors(chain, editing) -> None:
    records = sample_records()
    stats: dict = {}
    docs = list(chain.process([to_doc(r) for r in records], stats))
    assert len(docs) == len(records)
    by_id = {str(r["id"]): r["text"] for r in records}
    for doc in docs:
        assert doc.status != "error", (doc.id, doc.decision.message)
        assert undo_matches_input(doc, by_id[doc.id]), doc.id
        assert second_pass_edits(editing, doc) == [], doc.id
    assert all(s.errors == 0 for s in stats.values())
    # dedup's keep policy reads repair.mt_damage: every document reaching dedup must carry it
    assert all("mt_damage" in d.annotations["repair"] for d in docs if d.status == "kept")
    status = {d.id: d for d in docs}
    # the languages the sample declares as `id` but are not
    for did, lang in [("majoriti-2025-0001", "ms"), ("nusa-jv-0001", "jv"), ("bbc-2025-0001", "en")]:
        assert status[did].decision.step == "langid" and status[did].decision.value == lang
    assert status["antara-2025-0002"].decision.reason == "publisher_optout"
    mt = status["mt-2025-0001"]
    assert mt.status == "kept" and "Presiden Rusia Vladimir Putin" in mt.text
    # liputan6: the dateline goes to metadata, and repair leaves the (lower-lower) link glue alone
    lip = status["liputan6-2025-0002"]
    assert lip.metadata["place"] == "Bandung" and not lip.text.startswith("Liputan6")
    assert not any(e.step == "repair" for e in lip.edits)


def test_sample_metadata_is_only_added_to(chain) -> None:
    """Steps add metadata keys (place, site, lang_detected) and never overwrite the input's."""
    for rec in sample_records():
        doc = to_doc(rec)
        before = copy.deepcopy(doc.metadata)
        chain.process_one(doc)
        for k, v in before.items():
            assert doc.metadata[k] == v, (doc.id, k)
        assert {k.split(".")[0] for k in doc.annotations} <= {s.label for s in chain.steps}


def test_revision_duplicate_without_glue_is_removed_when_configured() -> None:
    """The tempo sample doc carries a revised paragraph twice but no MT glue. By default repair
    only flags it, and the repetition rules then see the duplicate; with
    `revision_needs_evidence: false` repair removes it before the filters."""
    rec = next(r for r in sample_records() if r["id"] == "tempo-2025-0001")
    steps = ["normalize", "boilerplate", "repair"]
    flagged = Pipeline.from_config({"steps": steps}).process_one(to_doc(rec))
    assert any(f["kind"] == "revision_duplicate" for f in flagged.flags)
    steps[2] = {"repair": {"revision_needs_evidence": False}}
    fixed = Pipeline.from_config({"steps": steps}).process_one(to_doc(rec))
    assert [e.kind for e in fixed.edits if e.step == "repair"] == ["revision_duplicate"]
    assert fixed.original_text() == rec["text"]


# ------------------------------------------------------------------ stacked edits + pii
STACKED = (
    "BANDUNG, KOMPAS.com -\u00a0Warga yang kehilangan dompet dapat menghubungi petugas di nomor "
    "0812-3456-7890 atau surel posko.bandung@contoh.co.id.\r\n\r\nBaca juga: Harga cabai naik lagi"
    "\r\nMoskow menyebut Rusian Presiden Vladimir Putin tidak hadir dalam pertemuan itu. NIK "
    "3273014501900003 milik pelapor sudah dicatat polisi."
)


@pytest.mark.parametrize("keep_original", [True, False])
def test_edits_of_four_steps_stack_and_undo(keep_original: bool) -> None:
    steps = ["normalize", "boilerplate", "repair", {"pii": {"keep_original": keep_original}}]
    doc = Pipeline.from_config({"steps": steps}).process_one(
        Document("s", STACKED, {"url": "https://regional.kompas.com/read/2025/03/03/1"})
    )
    assert {e.step for e in doc.edits} == {"normalize", "boilerplate", "repair", "pii"}
    assert "<PHONE>" in doc.text and "<EMAIL>" in doc.text and "<NIK>" in doc.text
    assert "Presiden Rusia Vladimir Putin" in doc.text and "Baca juga" not in doc.text
    assert doc.metadata["place"] == "Bandung"
    # undoing only the pii edits gives the text pii saw: redaction sits on top of the other steps
    n_pii = sum(1 for e in doc.edits if e.step == "pii")
    assert n_pii == 3
    seen_by_pii = doc.undo(n_pii)
    assert "<PHONE>" not in seen_by_pii and "Presiden Rusia Vladimir Putin" in seen_by_pii
    raw = orjson.dumps(doc.to_dict()).decode()
    if keep_original:
        assert doc.original_text() == STACKED
        assert "3273014501900003" in seen_by_pii
    else:  # the raw values exist nowhere in the record; undo gives the input with PII masked
        for value in ("0812-3456-7890", "posko.bandung@contoh.co.id", "3273014501900003"):
            assert value not in raw
        orig = doc.original_text()
        assert orig != STACKED and len(orig) == len(STACKED)
        assert all(a == b or a == "*" for a, b in zip(orig, STACKED, strict=True))


# ------------------------------------------------------------------ odd input
ODD = {
    "empty": "",
    "whitespace": "   \n\n\t \u00a0\u200b \r\n ",
    "only_boilerplate": "SCROLL TO CONTINUE WITH CONTENT\nAdvertisement\nBaca juga: Harga cabai naik",
    "only_dateline": "JAKARTA, KOMPAS.com -",
    "emoji": "😀😀🔥 Mantap sekali acaranya! 🎉🎉 #keren @budi\n" * 3,
    "arabic": "بسم الله الرحمن الرحيم " * 30,
    "cjk": "这是一个测试。" * 100,
    "nul_and_controls": "Teks\x00dengan NUL\x00 dan kontrol \x07\x1b di dalamnya.",
    "combining": "e\u0301" * 500,
    "bidi": "Nama beliau adalah \u202eAhmad\u202c dan tinggal di Depok. " * 10,
    "crlf_only": "\r\n\r\n\r\n",
    "glue_wall": "Rusia" * 2000 + "kredensial",
    "long_repeated": ("Pemerintah Kota Bandung menggelar rapat koordinasi bersama warga untuk "
                      "membahas banjir di kawasan Gedebage pada Senin pagi.\n\n") * 3000,
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_input_never_errors_and_undoes(chain, editing, name: str) -> None:
    text = ODD[name]
    doc = chain.process_one(Document(name, text, {}))
    assert doc.status in ("kept", "rejected"), doc.decision.message
    assert doc.original_text() == text
    assert second_pass_edits(editing, doc) == []


def test_text_emptied_by_boilerplate_is_rejected_not_errored(chain) -> None:
    doc = chain.process_one(Document("bp", ODD["only_boilerplate"], {}))
    assert doc.text == "" and doc.status == "rejected" and doc.decision.step == "langid"


# ------------------------------------------------------------------ cross-step fixed points
def test_span_glued_on_both_sides_leaves_a_space(editing) -> None:
    """A dateline glued to the headline before it must not glue the headline to the body."""
    text = ("Pemerintah siapkan skema pembiayaan transisi energi yang lancarJakarta (ANTARA) - "
            "Kementerian Energi menyiapkan skema pembiayaan baru untuk proyek panas bumi.")
    doc = editing.process_one(Document("d", text, {"url": "https://www.antaranews.com/berita/1/x"}))
    assert "lancar Kementerian" in doc.text and "lancarKementerian" not in doc.text
    assert second_pass_edits(editing, doc) == []


def test_caps_head_and_glue_split_in_one_pass(editing) -> None:
    text = "PENAMPILANeleganSeorang penyanyi mencuri perhatian warganet di pesta pernikahan itu."
    doc = editing.process_one(Document("c", text, {}))
    assert doc.text.startswith("PENAMPILAN elegan Seorang")
    assert second_pass_edits(editing, doc) == []


def test_dateline_of_a_repeated_article_copy_is_left_alone(editing) -> None:
    body = ("Kepolisian memastikan aktivitas penambangan di bukit itu tidak berizin dan akan "
            "menutupnya pekan depan setelah longsor menewaskan dua orang penambang. ") * 4
    text = f"REPUBLIKA.CO.ID, CIREBON -- {body}Ikuti Whatsapp Channel Republika\nREPUBLIKA.CO.ID, CIREBON -- {body}"
    doc = editing.process_one(Document("r", text, {"url": "https://www.republika.co.id/berita/x"}))
    assert doc.text.count("REPUBLIKA.CO.ID") == 1
    assert second_pass_edits(editing, doc) == []


SENTENCES = [
    "Pemerintah Kota Bandung menggelar rapat koordinasi bersama warga untuk membahas penanganan "
    "banjir di kawasan Gedebage pada hari Senin pagi.",
    "Wali kota meminta dinas terkait segera memperbaiki saluran air yang tersumbat sampah di "
    "sepanjang jalan utama kota itu minggu ini juga.",
    "Sejumlah pedagang di pasar tradisional mengeluhkan harga cabai rawit yang naik hampir dua kali "
    "lipat dalam sepekan terakhir menjelang bulan puasa.",
    "Badan Meteorologi memperkirakan hujan lebat masih akan turun di sebagian besar wilayah Jawa "
    "Barat hingga akhir pekan depan menurut laporan resmi.",
    "Polisi mengimbau pengendara agar menghindari jalur selatan karena ada perbaikan jembatan yang "
    "diperkirakan selesai dalam tiga minggu ke depan.",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picks=st.lists(st.integers(0, len(SENTENCES) - 1), min_size=2, max_size=9),
    seps=st.lists(st.sampled_from(["\n", "\n\n"]), min_size=8, max_size=8),
)
def test_paragraph_removal_leaves_normalized_layout(editing, picks: list[int], seps: list[str]) -> None:
    """Whatever duplicate paragraphs repair removes, normalize has nothing left to fix."""
    text = SENTENCES[picks[0]]
    for k, i in enumerate(picks[1:]):
        text += seps[k] + SENTENCES[i]
    doc = editing.process_one(Document("h", text, {}))
    assert doc.original_text() == text
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    assert second_pass_edits(editing, doc) == []
    # each distinct sentence survives exactly once
    assert sorted(p for p in doc.text.split("\n") if p) == sorted({SENTENCES[i] for i in picks})


def test_footer_hidden_by_glue_is_removed_in_the_same_pass(editing) -> None:
    """`tayang diCNN Indonesia` must match the footer rule before the glue split exposes it."""
    text = ("Menurut pengakuan korban, dia melompat dari pintu darurat untuk menyelamatkan diri "
            "sebelum api membesar di bagian belakang pesawat.\n--------\n"
            "Artikel ini telah tayang diCNN Indonesia.")
    doc = editing.process_one(Document("f", text, {"url": "https://news.detik.com/x"}))
    assert doc.text.endswith("bagian belakang pesawat.")
    assert second_pass_edits(editing, doc) == []


def test_dedup_keep_policy_key_is_written_by_the_chain(chain) -> None:
    """The keys dedup's keep policy reads are written on every document that reaches it (the
    default reads no quality score, which no step writes; see notes/run.md)."""
    from saring.dedup.stage import Dedup

    stage = Dedup()
    assert stage.cfg.quality_key is None
    kept = [d for d in chain.process([to_doc(r) for r in sample_records()]) if d.status == "kept"]
    assert kept
    head, _, leaf = stage.cfg.damage_key.rpartition(".")
    assert all(leaf in d.annotations.get(head, {}) for d in kept)


def test_related_link_hidden_by_glue_is_removed_in_the_same_pass(editing) -> None:
    text = ("Warga berharap pemerintah daerah segera membangun dermaga baru di pulau itu tahun ini.\n"
            "Baca jugaGubernur Tinjau Lokasi Dermaga Baru di Pulau Seberang\n"
            "Pembangunan dermaga diperkirakan memakan waktu dua tahun, kata kepala dinas.")
    doc = editing.process_one(Document("b", text, {"url": "https://www.liputan6.com/news/read/1"}))
    assert "Baca" not in doc.text and "Gubernur Tinjau" not in doc.text
    assert second_pass_edits(editing, doc) == []


def test_dateline_below_a_long_dropped_table_of_contents(editing) -> None:
    toc = "\n".join(f"Dari gerbang tol nomor {i} menuju gerbang tol berikutnya:" for i in range(11))
    text = (f"Daftar Isi\n{toc}\nJakarta\n-\nPemerintah memberikan potongan tarif tol selama libur "
            f"panjang akhir pekan ini, kata pejabat kementerian.\n{toc}")
    doc = editing.process_one(Document("t", text, {"url": "https://news.detik.com/berita/d-1/x"}))
    assert doc.metadata.get("place") == "Jakarta"
    assert doc.text.startswith("Pemerintah memberikan potongan")
    assert second_pass_edits(editing, doc) == []


def test_outlet_dateline_then_place_dateline_in_one_pass(editing) -> None:
    text = ("KONTAN.CO.ID - WASHINGTON - Hubungan dagang kedua negara kembali memanas setelah "
            "pemerintah mengumumkan tarif baru untuk produk baja dan aluminium pekan ini.")
    doc = editing.process_one(Document("k", text, {"url": "https://internasional.kontan.co.id/news/x"}))
    assert doc.text.startswith("Hubungan dagang")
    assert doc.metadata["place"] == "Washington" and doc.metadata["dateline_outlet"] == "kontan.co.id"
    assert second_pass_edits(editing, doc) == []


def test_line_exposed_by_a_stripped_span_is_removed_in_the_same_pass(editing) -> None:
    text = ("Jakarta (ANTARA) - Harga emas batangan naik Rp15.000 menjadi Rp1.130.000 per gram pada "
            "Sabtu pagi, menurut laman resmi penjualnya.\n\n"
            "Simak selengkapnya di sini.Pewarta: Rina SusantiEditor: Budi Hartono\t\t\t"
            "COPYRIGHT © ANTARA 2023")
    doc = editing.process_one(Document("a", text, {"url": "https://www.antaranews.com/berita/1/x"}))
    assert doc.text.endswith("menurut laman resmi penjualnya.")
    assert second_pass_edits(editing, doc) == []


def test_annotation_offsets_follow_later_edits() -> None:
    """pii (annotate mode) records spans in the text it saw; a later step's edits shift them and
    ``map_offset`` with the stamped ``text_version`` finds the value again."""
    from saring import MapStep, Replacement

    class Prefix(MapStep):
        name = "test_prefix"

        def process(self, doc: Document) -> None:
            doc.apply(self.label, [Replacement(0, 0, "Kabar terbaru. ", "prefix")])

    p = Pipeline([build_step("pii", {"mode": "annotate"}), Prefix()])
    doc = p.process_one(Document("o", "Hubungi saya di 0812-3456-7890 atau budi@contoh.co.id ya."))
    ann = doc.annotations["pii"]
    assert ann["text_version"] == 0
    found = {
        sp["type"]: doc.text[doc.map_offset(sp["start"], 0) : doc.map_offset(sp["end"], 0)]
        for sp in ann["spans"]
    }
    assert found == {"phone": "0812-3456-7890", "email": "budi@contoh.co.id"}
