"""Session 19 (langpii19): stems attested through other derivations; Manado Malay ``dorang``.

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


def test_stem_families_come_from_attested_derivations() -> None:
    fam = M.stem_families(VOCAB)
    assert "imbau" not in VOCAB and fam["imbau"] >= M.UNKNOWN_ZIPF  # mengimbau, imbauan
    assert M.stem_families(VOCAB) is fam  # built once per vocabulary
    assert fam.get("ngondang", 0) == 0 and fam.get("kampuang", 0) == 0


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
