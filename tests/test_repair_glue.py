"""Concrete repairs and non-repairs of entity glue, evidence, site pooling and configuration."""

from __future__ import annotations

import pytest

from saring.document import Document
from saring.pipeline import Pipeline
from saring.repair.damage import damage_score, pool_site_scores, site_of
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    s = Repair()
    s.ensure_setup()
    return s


def fix(step: Repair, text: str) -> Document:
    doc = Document(id="t", text=text)
    step.process(doc)
    return doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pemerintah menolak Jepangbantuan militer itu.", "Pemerintah menolak bantuan militer Jepang itu."),
        ("Kemarin Prancisn Presiden Emmanuel Macron tiba di Jakarta.",
         "Kemarin Presiden Prancis Emmanuel Macron tiba di Jakarta."),
        ("Kapal itu berlabuh dekat Filipinan pelabuhan yang ramai.",
         "Kapal itu berlabuh dekat pelabuhan Filipina yang ramai."),
        ("Rapat dihadiri oleh JermanInggris, Italia dan Spanyol.",
         "Rapat dihadiri oleh Jerman, Inggris, Italia dan Spanyol."),
        ("Pada hari Senin IndiaSeorang pejabat tiba di Bali.",
         "Pada hari Senin seorang pejabat India tiba di Bali."),
        ("Korea Utarapemimpin tertinggi mengancam lagi.", "Pemimpin tertinggi Korea Utara mengancam lagi."),
    ],
)
def test_repairs(step: Repair, text: str, expected: str) -> None:
    doc = fix(step, text)
    assert doc.text == expected
    assert doc.undo() == text


@pytest.mark.parametrize(
    "text",
    [
        "Keamanan diperlukan, kata petugas yang memberitahukan warga.",
        "Negara-negara ASEAN sepakat; bukunya kaubawa pulang.",
        "Naik GoJek atau TransJakarta, belanja di BukaLapak dan bayar pakai ShopeePay.",
        "Baca di CNNIndonesia.com dan Malaysiakini hari ini.",
        "Lihat https://contoh.id/Rusiapresiden dan #RusiaBersatu serta @Rusiaku.",
        "Skor 2-1, harga Rp 20.000, tahun 2024, nomor A330-900.",
        "Juara Indonesian Idol naik Korean Air ke Seoul.",
        "Konser Asian Games di Jakarta dan Indian Ocean di Bali.",
        "Liputan6.com, JakartaKita harus waspada.",
        "Warga Jakarta dan Surabaya menonton film Rusia di Indonesia.",
        "Jawaban Indonesiaku sudah jelas; Jakartanya macet.",
    ],
)
def test_leaves_legitimate_text_alone(step: Repair, text: str) -> None:
    doc = fix(step, text)
    assert doc.text == text
    assert doc.edits == []


def test_lone_rare_word_glue_is_flagged_not_edited(step: Repair) -> None:
    text = "Mereka membahas Rusiakredensialitas diplomatik kemarin."
    doc = fix(step, text)
    assert doc.text == text
    [flag] = doc.flags
    assert flag["kind"] == "mt_glue" and flag["suggestion"] == "kredensialitas diplomatik Rusia"
    assert 0.5 <= flag["confidence"] < 0.75
    assert doc.annotations["repair"]["glue_flagged"] == 1


def test_document_evidence_raises_confidence(step: Repair) -> None:
    text = ("Mereka membahas Rusiakredensialitas diplomatik kemarin.\n"
            "Rusian Presiden datang dengan Rusiaseorang menteri.")
    doc = fix(step, text)
    assert "kredensialitas diplomatik Rusia" in doc.text
    assert "Presiden Rusia datang dengan seorang menteri Rusia." in doc.text


def test_no_site_pooling_inside_the_step() -> None:
    """Damaged documents of a site seen before never change how the next one is repaired."""
    s = Repair()
    s.ensure_setup()
    url = "https://contoh-terjemahan.example/berita/1"
    for i in range(6):
        s.process(Document(id=str(i), text="Hari ini Rusian Presiden datang lagi.", metadata={"url": url}))
    text = "Petani menjual Rusiaboks kayu kemarin."  # a rare 4-letter word: 0.65 alone, a flag
    lone = Document(id="z", text=text, metadata={"url": url})
    s.process(lone)
    assert lone.text == text and lone.flags
    assert lone.annotations["repair"]["site"] == "contoh-terjemahan.example"
    assert "site_mt_damage" not in lone.annotations["repair"]


def test_damage_score_and_pooling_helpers() -> None:
    assert damage_score({}, 500) == 0.0
    assert damage_score({"repaired": 1}, 300) > 0.5
    assert damage_score({"repaired": 10}, 300) > damage_score({"repaired": 1}, 300)
    assert site_of({"url": "https://www.Detik.com/a"}) == "detik.com"
    assert site_of({"outlet": "Kompas"}) == "kompas"
    assert site_of({}) is None
    pooled = pool_site_scores([("a", 0.9), ("a", 0.8), ("b", 0.0)])
    assert pooled["a"]["docs"] == 2 and pooled["a"]["damaged_share"] == 1.0
    assert pooled["a"]["site_mt_damage"] > pooled["b"]["site_mt_damage"]


def test_clean_text_scores_zero(step: Repair) -> None:
    doc = fix(step, "Presiden Joko Widodo meresmikan bendungan baru di Jawa Tengah.")
    assert doc.annotations["repair"]["mt_damage"] == 0.0


def test_from_config_and_validation() -> None:
    p = Pipeline.from_config({"steps": [{"repair": {"min_confidence": 0.9, "reorder": False}}]})
    [s] = p.steps
    assert isinstance(s, Repair) and s.config.min_confidence == 0.9
    with pytest.raises(ValueError):
        Repair(min_confidence=0.0)
    s.ensure_setup()
    doc = Document(id="x", text="Pemerintah menolak Jepangbantuan militer itu.\nRusian Presiden datang.")
    s.process(doc)
    assert doc.text == "Pemerintah menolak Jepang bantuan militer itu.\nRusia Presiden datang."
    assert {e.kind for e in doc.edits} == {"mt_glue_split", "mt_suffix_drop"}


def test_glued_person_names_repaired_only_with_document_evidence(step: Repair) -> None:
    names = "Dmitry Medvedev, Putinpenasihat lama, juga hadir bersama Medvedevstaf kemarin."
    intro = "Putin dan Medvedev tiba di Vladivostok. Putin lalu menyapa Medvedev.\n"
    alone = fix(step, intro + names)
    # no other MT glue: only the strongest shape is repaired, a name the document shows standalone
    # (and wordfreq knows) glued to a derived head noun; a short root ("staf") is left alone
    assert [e.before for e in alone.edits] == ["Putinpenasihat lama"]
    assert "Medvedevstaf" in alone.text
    once = fix(step, "Putin tiba di Vladivostok.\n"
               "Pertemuan itu membahas Rusiakerja sama ekonomi dan Rusian dukungan bagi Pyongyang.\n"
               "Lalu Putinpenasihat lama datang.")
    # "Putin" is a known name (wordfreq knows it, news never writes it in lower case) and the
    # document shows two other translator glues: that is enough evidence (saring.repair.names)
    assert "penasihat lama Putin" in once.text
    bare = fix(step, "Putin tiba di Vladivostok.\nLalu Putinpenasihat lama datang.")
    # issue 17: a known name glued to a head noun (``penasihat``) is enough on its own
    assert "penasihat lama Putin" in bare.text
    vague = fix(step, "Putin tiba di Vladivostok.\nLalu Putinkerja keras dipuji.")
    assert vague.edits == []  # "kerja" is no head noun: without other glue at most a flag
    text = (intro +
            "Pertemuan itu membahas Rusiakerja sama ekonomi dan Rusian dukungan bagi Pyongyang.\n"
            + names)
    doc = fix(step, text)
    assert doc.text.split("\n")[2] == (
        "Dmitry Medvedev, penasihat lama Putin, juga hadir bersama staf Medvedev kemarin.")


def test_split_without_reorder_suggests_the_move() -> None:
    s = Repair(reorder=False)
    s.ensure_setup()
    doc = Document(id="o", text="Mereka melihat Rusiaruko baru kemarin di kota.")
    s.process(doc)
    assert doc.text == "Mereka melihat Rusia ruko baru kemarin di kota."
    [flag] = doc.flags
    assert flag["kind"] == "mt_order" and flag["suggestion"] == "ruko baru Rusia"
    assert doc.text[flag["start"] : flag["end"]] == flag["text"] == "Rusia ruko baru"


def test_headline_scrape_join_is_split_not_counted_as_mt(step: Repair) -> None:
    text = "Pelatih Baru Timnas Dipastikan dari BelandaKronologi pemecatan itu panjang."
    doc = fix(step, text)
    assert doc.text == "Pelatih Baru Timnas Dipastikan dari Belanda Kronologi pemecatan itu panjang."
    ann = doc.annotations["repair"]
    assert ann["scrape_joins_split"] == 1 and ann["glue_repaired"] == 0 and ann["mt_damage"] == 0.0
    mt = fix(step, "Pada hari Kamis RusiaSeorang pemimpin tiba di sana.")
    assert mt.text == "Pada hari Kamis seorang pemimpin Rusia tiba di sana."
    assert mt.annotations["repair"]["scrape_joins_split"] == 0
