"""The general glue scorer (``saring.repair.scorer``): its data file, its split choice on glue no
list knows, and its precision on look-alikes (every trap set untouched through the step)."""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from evaluation.repair.unseen import read_lines  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.repair import names as N  # noqa: E402
from saring.repair import scorer as S  # noqa: E402
from saring.repair.glue import in_running_text  # noqa: E402
from saring.repair.resources import SUFFIX_LIKE, load_resources  # noqa: E402
from saring.repair.step import Repair  # noqa: E402

TRAP_FILES = sorted(p.name for p in (ROOT / "evaluation" / "repair" / "data").glob("traps*.txt"))


@pytest.fixture(scope="module")
def res():
    return load_resources()


@pytest.fixture(scope="module")
def model():
    m = S.load_model()
    assert m is not None, (
        "saring/data/repair_scorer/scorer.json missing: run scripts/build_repair_scorer.py"
    )
    return m


def _data() -> dict:
    return json.loads(S.MODEL_FILE.read_text(encoding="utf-8"))


def test_model_file_matches_the_features(model) -> None:
    data = _data()
    assert len(data["mean"]) == len(data["scale"]) == len(S.FEATURES) == len(data["hidden"][0])
    assert model.w1.shape == (len(S.FEATURES), len(data["hidden"]))
    for form in S.FORMS:
        assert 0.2 <= model.flag[form] <= model.edit[form] < 1.0


def _reference_probability(data: dict, x: list[float]) -> float:
    """The network as the build fits it: standardise, one ReLU layer, a logistic output."""
    z = [(v - m) / s for v, m, s in zip(x, data["mean"], data["scale"], strict=True)]
    h = [
        max(0.0, b + sum(w * v for w, v in zip(row, z, strict=True)))
        for row, b in zip(data["hidden"], data["hidden_bias"], strict=True)
    ]
    y = data["out_bias"] + sum(w * v for w, v in zip(data["out"], h, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, y))))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(-5.0, 5.0), min_size=len(S.FEATURES), max_size=len(S.FEATURES)),
        min_size=1,
        max_size=4,
    )
)
def test_folded_network_is_the_fitted_one(rows: list[list[float]]) -> None:
    """The standardisation folded into the first layer (numpy, one product for all splits)
    gives the fitted network's probabilities."""
    data, model = _data(), S.load_model()
    assert model is not None
    for got, x in zip(model.probabilities(rows), rows, strict=True):
        assert abs(got - _reference_probability(data, x)) < 1e-9


def _candidates_reference(tok: str, res) -> list[int]:
    """Every split point tried (the loop before the last-capital start)."""
    out = []
    for i in range(3, len(tok) - S.MIN_RIGHT + 1):
        left, right = tok[:i], tok[i:]
        if not (right.islower() or right[0].isupper() and right[1:].islower()):
            continue
        low = right.lower()
        if low in SUFFIX_LIKE or low not in res.lexicon or not S.LEFT.match(left):
            continue
        if right[0].isupper() and not left[-1].islower() and not left.isupper():
            continue
        out.append(i)
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Ka",
                "lbar",
                "a",
                "Pa",
                "brik",
                "direktur",
                "Kantor",
                "PT",
                "X",
                "kan",
                "tani",
                "Ö",
                "ß",
                "DJ",
                "layanan",
                "Mandiri",
                "e",
                "Ǆ",
            ]
        ),
        min_size=1,
        max_size=5,
    )
)
def test_candidates_start_at_the_last_capital(parts: list[str]) -> None:
    res = load_resources()
    tok = "".join(parts)
    assert S.candidates(tok, res) == _candidates_reference(tok, res)


def _running(text: str, start: int, end: int, res) -> bool:
    name_start, clear = N.extend_name(text, start, res)
    return clear and (
        in_running_text(text, name_start, end, res) or S._after_locative(text, name_start, end, res)
    )


WORDS = [
    "mengeluhkan",
    "di",
    "Di",
    "dari",
    "menuju",
    "dan",
    "van",
    "der",
    "Bank",
    "Mandiri",
    "PT",
    "2024",
    "Dr.",
    "A.",
    "ke",
    "untuk",
    "Rahasia",
    ",",
    ":",
    "\n",
    "(menurut",
    '"',
    "Asia-Pasifik",
    "O'Neil",
    "&",
    "Koperasi",
    "Unit",
    "Desa",
    "Q9",
    "yang",
    "ia",
    "Kemarin",
    "x" * 120,
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=14),
    st.sampled_from(["Kalbaradirektur", "KalbaraDirektur"]),
    st.sampled_from([" ", "", "  "]),
)
def test_running_possible_is_necessary(words: list[str], tok: str, sep: str) -> None:
    """The cheap pre-check says no only where the name walk and the running-text check say no."""
    res = load_resources()
    text = " ".join(words) + sep + tok + " yang baru."
    start = text.index(tok)
    if not S.running_possible(text, start):
        assert not _running(text, start, start + len(tok), res)


def test_running_possible_examples() -> None:
    for text, tok, possible in (
        ("Warga mengeluhkan Bank MandiriDirektur baru.", "MandiriDirektur", True),
        ("Harga naik, Ditanggung Pemprov DKIPemerintah menurunkan.", "DKIPemerintah", False),
        ("Bursa saham Asia-Pasifikdibuka sedikit.", "Pasifikdibuka", False),
        ("lalu.\nGangguanspektrum autisme", "Gangguanspektrum", False),
    ):
        assert S.running_possible(text, text.index(tok)) is possible


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abAB xyZ,éÄ\n")), max_size=40))
def test_page_seams_count_like_the_regex(text: str) -> None:
    assert S.page_seams(text) == len(S.CAMEL_SEAM.findall(text))


def test_document_evidence(res) -> None:
    """The same name glued to other words here; the whole name written free elsewhere."""
    text = "Grup Kalbara memiliki Kalbaratani, Kalbaraternak, dan Kalbarabangun. Kalbara tumbuh."
    start = text.index("Kalbaratani")
    assert S.glued_elsewhere(text, "Kalbara", start, res) == 2  # (ternak, bangun; capped)
    assert S.free_mentions(text, "Kalbara", start) == 2
    assert S.glued_elsewhere("Kalbaratani saja.", "Kalbara", 0, res) == 0
    assert S.free_mentions("Bank Sentosapabrik dan Bank Sentosaria.", "Bank Sentosa", 0) == 0


def test_trigrams_tell_names_from_words(model) -> None:
    # (invented names against frequent words; not words of any evaluation set)
    for name, word in (
        ("Wiranegaraputri", "pekerjaan"),
        ("Kalimantuanu", "kebijakan"),
        ("Sumbarjo", "sekolah"),
    ):
        assert S.name_score(name, model.grams) > S.name_score(word, model.grams)


def test_candidates_are_name_and_lexicon_word(res) -> None:
    tok = "Mandiridirektur"
    cands = S.candidates(tok, res)
    assert 7 in cands
    for i in cands:
        assert tok[i:].lower() in res.lexicon and tok[:1].isupper()


def _token(text: str, tok: str) -> re.Match[str]:
    m = N.TOKEN.search(text, text.index(tok))
    assert m is not None and m.group() == tok
    return m


def test_best_split_finds_the_glued_head(res, model) -> None:
    text = "Warga mengeluhkan Koperasi Nelayan Baruwangsapelayanan yang lambat."
    m = _token(text, "Baruwangsapelayanan")
    p, i = S.best_split(text, m, res, N.DocMemo(text), model)
    assert m.group()[:i] == "Baruwangsa" and 0.0 < p <= 1.0


def test_no_split_no_site(res) -> None:
    text = "Ia membaca Qwxzvbnmrtpl kemarin."
    assert S.site(text, _token(text, "Qwxzvbnmrtpl"), res) is None


@pytest.mark.parametrize("name", TRAP_FILES)
def test_scorer_edits_no_trap(name: str, monkeypatch) -> None:
    """Every trap line comes out of the step as it does without the scorer (alone and after two
    glued sentences: page evidence must not lift a scorer site over a look-alike either)."""
    glued = "Warga mengeluhkan Rusiakebijakan itu.\nPetani menjual Jepangberas ke pasar."
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    lines = read_lines(name)

    def run() -> list[str]:
        out = []
        for t in lines:
            for text in (t, f"{glued}\n{t}"):
                doc = Document(id="t", text=text)
                step.process(doc)
                out.append(doc.text.split("\n")[-1])
        return out

    with_scorer = run()
    monkeypatch.setattr(S, "site", lambda *a, **k: None)
    assert with_scorer == run()


def test_scorer_sites_plan_like_rule_sites(res, model) -> None:
    """A site the scorer makes is an ordinary glue site: its entity ends where the glued word
    starts, inside the token, and the name before it moves with it."""
    text = "Pembeli mengeluhkan Toko Roti SekarwulanHarga yang terus naik."
    m = _token(text, "SekarwulanHarga")
    p, i = S.best_split(text, m, res, N.DocMemo(text), model)
    assert m.group()[:i] == "Sekarwulan" and p >= model.flag["camel"]
    s = S.site(text, m, res, N.DocMemo(text))
    assert s is not None and s.form == "camel" and s.rest_start == m.start() + i
    assert s.entity == "Toko Roti Sekarwulan" and s.start == text.index("Toko")


def test_vetoes_hold(res) -> None:
    """A token repeated in the document is a lexicalised name, whatever its score."""
    text = "Pembeli mengeluhkan Toko Roti SekarwulanHarga yang naik. SekarwulanHarga tutup."
    assert S.site(text, _token(text, "SekarwulanHarga"), res, N.DocMemo(text)) is None


PAGE = (
    "Perusahaan pelayaran itu menambah Pelayaran Kalimorangarmada dengan dua kapal baru.\n"
    "Menurut Pelayaran Kalimorangnakhoda ombak di selat itu sangat tinggi.\n"
    "Penumpang mengeluhkan Pelayaran Kalimorangjadwal keberangkatan yang sering berubah."
)


def test_linked_on_page_needs_another_line_and_another_word(res) -> None:
    """The translator's fingerprint: the whole name glued to a different word on another line.
    One line (a family listed together), the same word again (a solid name repeated) or a
    one-word name (``novel Arundaya|senja``) is none."""
    assert S.linked_on_page(PAGE, *_ctx_split(PAGE, "Kalimorangjadwal", "Kalimorang", res))
    one_line = PAGE.replace("\n", " ")
    assert not S.linked_on_page(
        one_line, *_ctx_split(one_line, "Kalimorangjadwal", "Kalimorang", res)
    )
    same = "Warga membeli Toko Kain Wiradutabatik.\nIa memuji Toko Kain Wiradutabatik lagi."
    assert not S.linked_on_page(same, *_ctx_split(same, "Wiradutabatik", "Wiraduta", res))
    lone = "Penulis Arundaya menulis novel Arundayasenja.\nIa menjual Arundayapuisi juga."
    assert not S.linked_on_page(lone, *_ctx_split(lone, "Arundayasenja", "Arundaya", res))


def _ctx_split(text: str, tok: str, left: str, res) -> tuple[S.Context, int, object]:
    m = _token(text, tok)
    return S.context(text, m.start(), m.end(), res), m.start() + len(left), res


def test_fronted_name_on_a_translated_page(res) -> None:
    """``Pada 2015 Museum Fosil Gandasoma|kurator``: no running text before the name, the page's
    repeated link vouches for it; the same sentence alone gets no site."""
    page = (
        "Para ahli mengumpulkan Museum Fosil Gandasomakoleksi dari tebing sungai.\n"
        "Pada 2015 Museum Fosil Gandasomakurator menemukan tulang gajah purba.\n"
        "Anak sekolah menyukai Museum Fosil Gandasomaruang pamer di lantai dua."
    )
    s = S.site(page, _token(page, "Gandasomakurator"), res, N.DocMemo(page))
    assert s is not None and s.entity == "Museum Fosil Gandasoma" and s.needs_evidence == 0
    alone = page.split("\n")[1]
    assert S.site(alone, _token(alone, "Gandasomakurator"), res, N.DocMemo(alone)) is None


def test_one_word_lower_case_glue_is_never_edited(res, model) -> None:
    """``pelabuhan Tanjung|layar``: lower-case glue on a one-word name is the solid word's shape
    (its look-alikes score as high as glue), flagged at most, even where the page names the left
    part free (``Mercusuar Tanjung Kelirang``)."""
    text = "Lampu Mercusuar Tanjung Kelirang terlihat jauh.\nKapal tiba di pelabuhan Tanjunglayar menjelang senja."
    s = S.site(text, _token(text, "Tanjunglayar"), res, N.DocMemo(text))
    assert s is None or s.needs_evidence == S.FLAG_ONLY
    assert model.edit["glue_lone"] > 1.0 - 1e-9


@pytest.mark.parametrize("name", ["pages_traps16b.txt", "pages_traps17b.txt"])
def test_scorer_edits_no_trap_page(monkeypatch, name: str) -> None:
    """Clean pages that repeat a multi-word name and write family members solid on other lines
    (``pages_traps16b.txt``), brands, clitics, titles and product codes beside a repeated name
    (``pages_traps17b.txt``): the scorer changes nothing the rules would not."""
    with_scorer = _trap_pages(name)
    monkeypatch.setattr(S, "site", lambda *a, **k: None)
    assert with_scorer == _trap_pages(name)


def _trap_pages(name: str) -> list[str]:
    """The repair step's output for each clean page of ``evaluation/repair/data/<name>``."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_repair_pages as B

    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    out = []
    for page in B.pages(name):
        doc = Document(id="p", text="\n".join(page))
        step.process(doc)
        out.append(doc.text)
    return out


APOTEK = [
    "Warga mengantre di Apotek SindurasmiLoket resep sejak pagi.",
    "Pada 2020 Apotek SindurasmiLayanan antar menjangkau desa terpencil.",
    "Tahun lalu Apotek SindurasmiGudang obat diperluas.",
]


def _rules_site(text: str, tok: str, res):  # noqa: ANN202
    m = _token(text, tok)
    return m, N.name_site(text, m, res, N.DocMemo(text, {}))


def test_confirm_needs_the_name_glued_to_two_other_words(res, model) -> None:
    """``scorer.confirm`` lifts the rules' flag-only site (a two-word name outside the gazetteer,
    CamelCase) when the page glues the whole name to two other words on other lines; one other
    word is a brand family's shape and leaves the flag."""
    for n, lifted in ((3, True), (2, False)):
        text = "\n".join(APOTEK[:n])
        m, s = _rules_site(text, "SindurasmiLoket", res)
        assert s is not None and s.needs_evidence > 0 and s.cap < S.EDIT_CONFIDENCE
        out = S.confirm(text, m, s, res)
        assert (out.needs_evidence == 0 and out.cap >= 0.99) is lifted
        assert (out.confidence >= S.EDIT_CONFIDENCE) is lifted


def test_confirm_leaves_sites_without_running_text_or_at_a_line_start(res, model) -> None:
    """No lower-case text after the token (``..., Apotek SindurasmiLoket.``) or the name at a
    line's start (a dateline or headline join): the site is returned as the rules made it."""
    text = "\n".join([*APOTEK[1:], "Warga mengantre di Apotek SindurasmiLoket."])
    m, s = _rules_site(text, "SindurasmiLoket", res)
    if s is not None:
        before = (s.needs_evidence, s.cap, s.confidence)
        S.confirm(text, m, s, res)
        assert (s.needs_evidence, s.cap, s.confidence) == before
    text = "\n".join([*APOTEK[1:], "Apotek SindurasmiLoket resep buka sejak pagi."])
    m, s = _rules_site(text, "SindurasmiLoket", res)
    if s is not None:
        before = (s.needs_evidence, s.cap, s.confidence)
        S.confirm(text, m, s, res)
        assert (s.needs_evidence, s.cap, s.confidence) == before


@pytest.mark.parametrize("name", ["pages_traps16b.txt", "pages_traps17b.txt"])
def test_confirm_hook_edits_no_trap_page(monkeypatch, name: str) -> None:
    """``scorer.confirm`` (wired after the rules' name sites in ``names.find_entity_sites``)
    adds no edit to the clean trap pages: they come out as with the hook switched off."""
    with_hook = _trap_pages(name)
    monkeypatch.setattr(S, "confirm", _no_confirm)
    assert _trap_pages(name) == with_hook


def _no_confirm(text, m, s, res, memo=None):  # noqa: ANN001, ANN202 (confirm's signature)
    return s


def test_confirm_hook_leaves_a_three_member_family(monkeypatch) -> None:
    """A shop and its branches named solid with a material each (``Toko Kain Sindurasmi|batik``,
    ``|sutera``, ``|songket``): the name glued to two other words, but not to two nouns a
    translator glues a link to: the hook adds no edit to what the rules do."""
    page = "\n".join(
        [
            "Toko Kain Sindurasmi menjual kain tenun dari tiga kabupaten.",
            "Pada 2012 pemilik membuka Toko Kain Sindurasmibatik di pasar baru.",
            "Setahun kemudian lahir Toko Kain Sindurasmisutera yang khusus menjual sutra.",
            "Pada 2015 keluarga itu membuka Toko Kain Sindurasmisongket di bandara.",
        ]
    )
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()

    def run() -> str:
        doc = Document(id="p", text=page)
        step.process(doc)
        return doc.text

    with_hook = run()
    monkeypatch.setattr(S, "confirm", _no_confirm)
    assert run() == with_hook


def test_confirm_hook_moves_a_name_the_page_glues_three_times(monkeypatch) -> None:
    """Wired into the step: on the APOTEK page (one name glued to three nouns, CamelCase) the
    hook moves the name on the lines the rules only flag; switched off, those lines stay glued."""
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()

    def run() -> Document:
        doc = Document(id="p", text="\n".join(APOTEK))
        step.process(doc)
        return doc

    on = run()
    monkeypatch.setattr(S, "confirm", _no_confirm)
    off = run()
    assert off.text.split("\n")[:2] == APOTEK[:2]
    assert on.text.split("\n")[:2] == ["Warga mengantre di loket resep Apotek Sindurasmi sejak pagi.",
                                        "Pada 2020 layanan antar Apotek Sindurasmi menjangkau desa terpencil."]
