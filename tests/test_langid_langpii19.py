"""Session 19 (langpii19): passives whose active form is attested; Manado Malay ``dorang``.

Why: wordfreq's Indonesian list holds ``mengimbau`` and ``imbauan`` but neither ``imbau`` nor
``diimbau``, so a clean short Indonesian line writing ``diimbau`` had an "unknown" word and never
reached the short floor; and a short Manado Malay line whose only creole word is ``dorang``
(they) came out Malay with a confident score.
"""

from __future__ import annotations

import pytest

from saring.document import Document
from saring.langid import modelcal as M
from saring.langid.step import LanguageID

VOCAB = M.load_vocab()


@pytest.fixture(scope="module")
def step() -> LanguageID:
    s = LanguageID(keep_langs=["id", "ms", "jv", "su", "en"], score_only=True)
    s.ensure_setup()
    return s


def test_active_form_by_the_nasal_rule() -> None:
    assert M.me_form("imbau") == "mengimbau"
    assert M.me_form("kirim") == "mengirim"
    assert M.me_form("pangkas") == "memangkas"
    assert M.me_form("tulis") == "menulis"
    assert M.me_form("sapu") == "menyapu"
    assert M.me_form("dorong") == "mendorong"
    assert M.me_form("rusak") == "merusak"


def test_only_passives_with_an_attested_active_form() -> None:
    assert "imbau" not in VOCAB and "diimbau" not in VOCAB
    assert M._active_attested("diimbau", VOCAB)  # mengimbau
    # regional function words that affix stripping would "attest" (kada < mengada) are no passives
    for word in ("kada", "indak", "kembe", "ngondang", "dijupuk"):
        assert not M._active_attested(word, VOCAB), word
    assert not M._active_attested("diabc", VOCAB)  # stem shorter than STEM_MIN_LEN


def test_all_known_accepts_a_stem_attested_elsewhere_but_not_as_known() -> None:
    line = "Warga diimbau tidak membakar sampah di pekarangan rumah."
    assert M.all_known(line, VOCAB)
    # counted rare, not known: such words alone never make most of a text known
    assert not M.all_known("Warga diimbau diimbau diimbau.", VOCAB)
    # regional words with no Indonesian derivation stay unknown
    assert not M.all_known("Pa kuwu ngondang warga rapat di balai desa.", VOCAB)
    assert not M.all_known("Urang kampuang pai ka sawah bisuak.", VOCAB)


def test_clean_short_line_with_such_a_stem_reaches_the_floor(step: LanguageID) -> None:
    sc = step.score(Document("t", "Warga diimbau tidak membakar sampah di pekarangan rumah."))
    assert sc["lang"] == "id" and sc["score"] >= 0.5


@pytest.mark.parametrize(
    "line",
    ["Dorang blum datang dari kampung.", "Kata dorang, harga cengkeh turun lagi."],
)
def test_dorang_steps_a_short_line_back(step: LanguageID, line: str) -> None:
    sc = step.score(Document("t", line))
    assert not (sc["lang"] in ("id", "ms", "jv", "su") and sc["score"] >= 0.5), sc


def test_dorang_in_a_long_malay_text_is_no_evidence(step: LanguageID) -> None:
    body = (
        "Kerajaan negeri akan meneruskan program bantuan kepada penduduk luar bandar tahun ini. "
        "Menteri berkata peruntukan tambahan telah diluluskan untuk membaiki jalan dan jambatan. "
    ) * 6
    sc = step.score(Document("t", body + "Ada yang kata dorang tidak peduli. " + body))
    assert sc["lang"] == "ms" and sc["score"] >= 0.5, sc
