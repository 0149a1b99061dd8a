"""Boilerplate step: which rule removes which line, datelines as metadata, flags, glue, safety.

All fixture text here is written for these tests (realistic Indonesian news furniture).
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest
from conftest import corpus_records
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate.step import Boilerplate, looks_like_title
from saring.document import Document
from saring.normalize.step import Normalize
from saring.pipeline import Pipeline

NEGATIVE = Path(__file__).resolve().parents[1] / "bench" / "data" / "boilerplate" / "negative_lines.txt"

BODY = [
    "Pemerintah kota meresmikan pasar tradisional yang baru direnovasi pada Senin pagi.",
    '"Kami ingin pedagang dan pembeli sama-sama nyaman," kata Wali Kota kepada wartawan.',
    "Renovasi pasar menelan anggaran sekitar Rp 12 miliar dari APBD.",
    "Pedagang mengaku senang karena lapak kini lebih bersih dan tertata.",
]


@pytest.fixture(scope="module")
def step() -> Boilerplate:
    s = Boilerplate()
    s.ensure_setup()
    return s


def run(step: Boilerplate, text: str, **meta) -> Document:
    doc = Document("t", text, dict(meta))
    step.process(doc)
    return doc


def kinds(doc: Document) -> list[str]:
    return [e.kind for e in doc.edits]


def test_detik_page_furniture_is_removed_with_rule_names(step):
    text = "\n".join([
        "Jakarta", "-", BODY[0], "SCROLL TO CONTINUE WITH CONTENT", BODY[1], "ADVERTISEMENT",
        BODY[2], "[Gambas:Video 20detik]", BODY[3],
        "Simak juga Video: Pasar Baru Diresmikan, Warga Antusias",
        "Video: Pasar Baru Diresmikan, Warga Antusias",
        "Video: Pasar Baru Diresmikan, Warga Antusias",
        "(fbr/wes)", "pasar tradisional", "renovasi pasar", "apbd",
    ])
    doc = run(step, text, url="https://news.detik.com/berita/d-1/pasar")
    assert doc.text == "\n".join(BODY)
    k = kinds(doc)
    for rule in ("dateline", "scroll_to_continue", "advertisement", "gambas", "video_promo",
                 "video_title", "editor_code", "tag_list"):
        assert f"boilerplate:{rule}" in k, rule
    assert doc.metadata["place"] == "Jakarta"
    assert doc.metadata["site"] == "detik.com"
    assert doc.undo() == text
    ann = doc.annotations["boilerplate"]
    assert ann["lines_dropped"] == 12 and ann["rules"]["tag_list"] == 3


def test_each_removed_line_is_one_edit_naming_its_rule(step):
    text = "\n".join([BODY[0], "Baca Juga", BODY[1], "Advertisement", BODY[2]])
    doc = run(step, text)
    removed = {e.before.strip(): e.kind for e in doc.edits}
    assert removed == {"Baca Juga": "boilerplate:baca_juga", "Advertisement": "boilerplate:advertisement"}


@pytest.mark.parametrize(
    ("head", "place", "outlet"),
    [
        ("JAKARTA, KOMPAS.com - ", "Jakarta", "kompas.com"),
        ("KOMPAS.com - ", None, "kompas.com"),
        ("Liputan6.com, Jakarta - ", "Jakarta", "liputan6.com"),
        ("Jakarta, CNN Indonesia -- ", "Jakarta", "cnnindonesia.com"),
        ("Kota Bandung (ANTARA) - ", "Kota Bandung", "antaranews.com"),
        ("Buriram, Thailand (ANTARA) - ", "Buriram, Thailand", "antaranews.com"),
        ("TEMPO.CO, Jakarta - ", "Jakarta", "tempo.co"),
        ("REPUBLIKA.CO.ID, CIREBON -- ", "Cirebon", "republika.co.id"),
        ("Bisnis.com, JAKARTA — ", "Jakarta", "bisnis.com"),
        ("WARTAKOTALIVE.COM, JAKARTA - ", "Jakarta", "wartakotalive.com"),
        ("Merdeka.com - ", None, "merdeka.com"),
        ("HO CHI MINH CITY - ", "Ho Chi Minh City", None),
    ],
)
def test_datelines_become_metadata(step, head, place, outlet):
    doc = run(step, head + BODY[0] + "\n" + BODY[1])
    assert doc.text == BODY[0] + "\n" + BODY[1]
    assert doc.metadata.get("place") == place
    assert doc.metadata.get("dateline_outlet") == outlet


def test_liputan6_dateline_with_lost_dash_is_cut_at_the_glued_word(step):
    doc = run(step, "Liputan6.com, JakartaPemerintah kota meresmikan pasar baru.")
    assert doc.text == "Pemerintah kota meresmikan pasar baru."
    assert doc.metadata["place"] == "Jakarta"


def test_syndicated_copy_keeps_both_outlet_and_site(step):
    doc = run(step, "Kota Bandung (ANTARA) - " + BODY[0], url="https://rejabar.republika.co.id/x")
    assert doc.metadata["dateline_outlet"] == "antaranews.com"
    assert doc.metadata["site"] == "republika.co.id"
    assert doc.annotations["boilerplate"]["syndicated"] is True


def test_tribun_reporter_line_then_dateline(step):
    text = "Laporan Wartawan TribunJakarta.com, Bima Putra\nTRIBUNJAKARTA.COM, CAKUNG - " + BODY[0]
    doc = run(step, text)
    assert doc.text == BODY[0]
    assert doc.metadata["place"] == "Cakung"
    assert "boilerplate:laporan_wartawan" in kinds(doc)


def test_title_case_place_needs_detik_or_the_gazetteer(step):
    assert run(step, "Tips Sehat - Cara Menjaga Ginjal").text == "Tips Sehat - Cara Menjaga Ginjal"
    doc = run(step, "Cianjur - " + BODY[0], url="https://travel.detik.com/x")
    assert doc.metadata["place"] == "Cianjur"
    doc = run(step, "Surabaya - " + BODY[0])  # no site: Surabaya is in places.txt
    assert doc.metadata["place"] == "Surabaya"


@pytest.mark.parametrize(
    "text",
    [
        "DPR - Komisi III menggelar rapat dengar pendapat dengan Kapolri.",
        "BARU-BARU ini, pengelola liga mengumumkan jadwal baru.",
        "GARA-GARA hujan deras, jalan itu tergenang.",
        "ABSTRAK - Penelitian ini bertujuan mengetahui pengaruh iklan.",
        "YOUTUBE- Ada ribuan komentar tentang video itu.",
    ],
)
def test_acronyms_headings_and_compounds_are_not_datelines(step, text):
    doc = run(step, text)
    assert doc.text == text and "place" not in doc.metadata


def test_ai_rewrite_and_machine_translation_disclaimers_flag_the_document(step):
    text = "\n".join([
        BODY[0], BODY[1],
        "Disclaimer: Artikel ini ditulis ulang oleh redaksi dengan menggunakan Artificial Intelligence",
    ])
    doc = run(step, text)
    assert doc.text == BODY[0] + "\n" + BODY[1]
    assert [f["kind"] for f in doc.flags] == ["ai_rewrite"]
    doc = run(step, BODY[0] + "\nArtikel ini diterjemahkan secara otomatis menggunakan mesin penerjemah.")
    assert [f["kind"] for f in doc.flags] == ["machine_translation"]


def test_antara_no_crawl_notice_is_stripped_and_flagged(step):
    text = (BODY[0] + " Pewarta: Rina Sari Editor: Budi Santoso COPYRIGHT © ANTARA 2025 Dilarang keras "
            "mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini "
            "tanpa izin tertulis dari Kantor Berita ANTARA.")
    doc = run(step, text)
    assert doc.text == BODY[0]
    assert "no_ai_crawl" in [f["kind"] for f in doc.flags]


def test_baca_juga_heading_drags_its_titles_but_not_a_list(step):
    text = "\n".join([
        BODY[0], "Baca juga:", "Harga Cabai di Pasar Induk Turun Tajam Jelang Lebaran",
        "Wali Kota Tinjau Renovasi Pasar Tradisional di Pusat Kota", BODY[1],
        "Baca Juga", "1. Siapkan KTP dan kartu keluarga", "2. Datang ke kantor kelurahan", BODY[2],
    ])
    doc = run(step, text)
    assert doc.text.split("\n") == [
        BODY[0], BODY[1], "1. Siapkan KTP dan kartu keluarga", "2. Datang ke kantor kelurahan", BODY[2],
    ]


def test_tag_lines_are_removed_only_below_other_furniture(step):
    ending = "bawang merah"
    assert run(step, BODY[0] + "\n" + ending).text == BODY[0] + "\n" + ending
    assert run(step, BODY[0] + "\n(ahs/nu2)\n" + ending).text == BODY[0]


def test_editor_code_glued_to_the_last_paragraph(step):
    doc = run(step, BODY[0] + "\n" + "Pasar dibuka setiap hari mulai pukul 05.00 WIB.(zik)")
    assert doc.text.endswith("pukul 05.00 WIB.")
    doc = run(step, "Rapat terbatas (ratas) digelar di Istana Merdeka.(ratas)")
    assert doc.text.endswith("(ratas)")  # a word, not an editor code


def test_kompas_whatsapp_promo_split_over_lines(step):
    promo = ["Simak", "breaking news", "dan", "berita pilihan",
             "kami langsung di ponselmu. Pilih saluran andalanmu akses berita Kompas.com WhatsApp Channel :",
             "https://www.whatsapp.com/channel/0029AbCdEf", ". Pastikan kamu sudah install aplikasi WhatsApp ya."]
    doc = run(step, "\n".join([BODY[0], BODY[1], *promo]))
    assert doc.text == BODY[0] + "\n" + BODY[1]
    assert set(kinds(doc)) == {"boilerplate:kompas_whatsapp"}


def test_scrape_glue_is_split_but_brands_are_not(step):
    doc = run(step, "Video itu diunggah dariYouTube resmi kementerian dan ramai diIndonesia.")
    assert doc.text == "Video itu diunggah dari YouTube resmi kementerian dan ramai di Indonesia."
    assert kinds(doc) == ["boilerplate:glue", "boilerplate:glue"]
    for brand in ("iPhone", "eKTP", "detikNews", "macOS", "mBanking"):
        text = f"Warga memakai {brand} setiap hari."
        assert run(step, text).text == text, brand
    text = "Akun @kompasTV dan tagar #SaveKPK serta situs www.tokoAbadi.com ramai."
    assert run(step, text).text == text


def test_link_glued_on_both_sides_is_split_twice(step):
    doc = run(step, "Hal itu disampaikan Iwan kepadaRepublikamelalui pesan singkat.")
    assert doc.text == "Hal itu disampaikan Iwan kepada Republika melalui pesan singkat."
    doc = run(step, "Pemerintah menaikkan hargaBBMatau subsidi dikurangi.")
    assert doc.text == "Pemerintah menaikkan harga BBM atau subsidi dikurangi."
    # a name that merely ends in a function word is left alone
    text = "Presiden menyambut hadirnyaDanantara di Jakarta."
    assert run(step, text).text == text


def test_unknown_glue_is_flagged_not_changed(step):
    text = "Pejabat itu menyebut militerZorvandi sudah mundur."
    doc = run(step, text)
    assert doc.text == text
    assert [f["kind"] for f in doc.flags] == ["glue_suspect"]


def test_negative_lines_are_never_removed(step):
    lines = [ln for ln in NEGATIVE.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert len(lines) >= 100
    norm = Normalize()
    norm.ensure_setup()
    for line in lines:
        for text in (line, BODY[0] + "\n" + line + "\n" + BODY[1], BODY[0] + "\n" + line):
            doc = Document("n", text)
            norm.process(doc)
            before = doc.text
            step.process(doc)
            removed = [e for e in doc.edits if e.step == "boilerplate" and e.before.strip()]
            assert removed == [], (line, removed)
            assert doc.text == before


@st.composite
def _page(draw):
    body = draw(st.lists(st.sampled_from(BODY), min_size=1, max_size=6))
    furniture = ["Advertisement", "SCROLL TO CONTINUE WITH CONTENT", "Baca Juga",
                 "[Gambas:Video 20detik]", "Ikuti Whatsapp Channel Republika",
                 "Simak berita selengkapnya di halaman selanjutnya.", "Loading..."]
    lines = list(body)
    for item in draw(st.lists(st.sampled_from(furniture), max_size=6)):
        lines.insert(draw(st.integers(0, len(lines))), item)
    return body, lines


@settings(max_examples=200, deadline=None)
@given(_page())
def test_property_furniture_removed_body_kept_and_undo_exact(page):
    body, lines = page
    s = Boilerplate(glue=False)
    text = "\n".join(lines)
    doc = Document("p", text)
    s.process(doc)
    assert doc.text == "\n".join(body)
    assert doc.undo() == text


@pytest.mark.timeout(60)
def test_adversarial_input_runs_in_linear_time(step):
    nasty = [
        "Baca juga:" + " a" * 50_000,
        "(" * 50_000 + "abc",
        "SCROLL TO " * 20_000,
        ("Halaman 1 " * 5_000) + "x",
        "#a " * 30_000,
        "-" * 100_000,
        "aB" * 50_000,
        "Liputan6.com, " + "Jakarta " * 20_000,
        "\n".join(["(abc)"] * 20_000),
    ]
    for text in nasty:
        t0 = time.perf_counter()
        run(step, text)
        assert time.perf_counter() - t0 < 5, text[:30]


def test_registered_picklable_and_configurable():
    pipe = Pipeline.from_config({"steps": ["normalize", {"boilerplate": {"glue": False}}]})
    bp = pipe.steps[1]
    assert isinstance(bp, Boilerplate) and bp.config.glue is False
    clone = pickle.loads(pickle.dumps(bp))
    doc = Document("x", "Advertisement\n" + BODY[0])
    clone.process(doc)
    assert doc.text == BODY[0]


def test_looks_like_title():
    assert looks_like_title("Harga Cabai di Pasar Induk Turun Tajam Jelang Lebaran")
    assert looks_like_title("Suami Istri di Pusaran Kasus Judi Online...")
    assert not looks_like_title("Harga cabai turun tajam menjelang Lebaran tahun ini.")
    assert not looks_like_title("1. Siapkan KTP Dan Kartu Keluarga")
    assert not looks_like_title("Car Free Day")


def test_real_news_sample_runs_undo_exact_and_removes_furniture():
    norm, bp = Normalize(), Boilerplate()
    recs = corpus_records("id_news_gikirima_multioutlet.jsonl.gz", 400)
    dropped = 0
    for rec in recs:
        doc = Document(rec["id"], rec["text"], {"url": rec.get("url"), "outlet": rec.get("outlet")})
        norm.ensure_setup()
        norm.process(doc)
        bp.ensure_setup()
        bp.process(doc)
        assert doc.undo() == rec["text"]
        assert "SCROLL TO CONTINUE WITH CONTENT" not in doc.text
        assert "\nAdvertisement\n" not in doc.text
        dropped += doc.annotations["boilerplate"]["lines_dropped"]
    assert dropped > 400
