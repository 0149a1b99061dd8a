"""The general glue scorer (``saring.repair.scorer``): its data file, its split choice on glue no
list knows, and its precision on look-alikes (every trap set untouched through the step)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from evaluation.repair.unseen import read_lines  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.repair import names as N  # noqa: E402
from saring.repair import scorer as S  # noqa: E402
from saring.repair.resources import load_resources  # noqa: E402
from saring.repair.step import Repair  # noqa: E402

TRAP_FILES = sorted(p.name for p in (ROOT / "evaluation" / "repair" / "data").glob("traps*.txt"))


@pytest.fixture(scope="module")
def res():
    return load_resources()


@pytest.fixture(scope="module")
def model():
    m = S.load_model()
    assert m is not None, "saring/data/repair_scorer/scorer.json missing: run scripts/build_repair_scorer.py"
    return m


def test_model_file_matches_the_features(model) -> None:
    assert len(model.mean) == len(model.scale) == len(S.FEATURES) == len(model.hidden[0])
    for form in S.FORMS:
        assert 0.2 <= model.flag[form] <= model.edit[form] < 1.0


def test_trigrams_tell_names_from_words(model) -> None:
    # (invented names against frequent words; not words of any evaluation set)
    for name, word in (("Wiranegaraputri", "pekerjaan"), ("Kalimantuanu", "kebijakan"), ("Sumbarjo", "sekolah")):
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
