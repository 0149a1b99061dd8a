"""The Javanese "dh" spelling counts only before a vowel or "w" (session 17, langpii15).

Why: Indonesian chat abbreviates ``sudah``/``udah``/``padahal`` to ``sdh``/``udh``/``pdhl``, and
each such "dh" used to count as Javanese orthography evidence, so SMS-style Indonesian lines came
out ``jv`` (written by hand here; none is a line of an evaluation set).
"""

from __future__ import annotations

import pytest
from langid_paths import langid_path  # noqa: F401 - the fixture

from saring.document import Document
from saring.langid.lexicon import get_lexicon, jv_dh
from saring.langid.step import LanguageID

pytestmark = pytest.mark.usefixtures("langid_path")


@pytest.mark.parametrize(
    "lowered, n",
    [
        ("dheweke padha mangan", 2),
        ("dhwe", 1),  # chat spelling of dhewe
        ("sy sdh sampai, udh bayar pdhl mahal", 0),
        ("sdh", 0),
        ("adh\u00e9", 1),
        ("dhdha", 1),
        ("", 0),
    ],
)
def test_jv_dh_counts_the_javanese_spelling_only(lowered: str, n: int) -> None:
    assert jv_dh(lowered) == n


def test_abbreviation_gives_no_javanese_evidence() -> None:
    lex = get_lexicon()
    assert lex.evidence("bu, sdh sy transfer, udh dicek pdhl").jv == 0.0
    assert lex.evidence("dheweke wis mulih").jv > lex.evidence("wis mulih").jv
    # the many-lines path counts as the one-text path does
    lines = ["bu, sdh sy transfer", "adhine lagi sinau", "sdh"]
    cols = lex.lines(lines)
    assert [round(x, 6) for x in cols.jv] == [round(lex.evidence(t).jv, 6) for t in lines]


@pytest.fixture(scope="module")
def step(langid_path: str) -> LanguageID:  # noqa: F811 - the fixture
    s = LanguageID(keep_langs=["id", "ms", "jv", "su", "en"], score_only=True)
    s.ensure_setup()
    return s


@pytest.mark.parametrize(
    "text",
    ["Bu, sy sdh transfer tadi pagi, mohon dicek.", "Maaf pak, sy sdh di depan gerbang sekolah."],
)
def test_sms_style_indonesian_is_indonesian(step: LanguageID, text: str) -> None:
    sc = step.score(Document("t", text))
    assert sc["lang"] == "id" and sc["score"] >= 0.5, sc


@pytest.mark.parametrize(
    "text",
    [
        "Dheweke wis lunga menyang pasar karo bapake.",
        "Adhine lagi sinau ing kamar, ora gelem diganggu.",
    ],
)
def test_javanese_dh_still_counts(step: LanguageID, text: str) -> None:
    assert step.score(Document("t", text))["lang"] == "jv"
