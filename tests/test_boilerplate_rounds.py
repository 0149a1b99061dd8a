"""The step's second round: when it re-analyses, and that shifting the glue suspects instead
(``SHIFT``: a span after the plain word "juga") gives the document a second round gives.

All fixture text here is written for these tests (realistic Indonesian news text).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate.step import (
    _TRAILING_LINK_RE,
    AGAIN,
    DONE,
    SHIFT,
    Boilerplate,
    _link_before,
    _shifted,
)
from saring.document import Document, Replacement

URL = "https://news.detik.com/berita/d-1/pasar-baru"
# a paragraph longer than any line rule can match (the step's ``_line_top``), so only the
# "juga" test decides whether cutting a span from it calls for a second round
LONG = " ".join([
    "Pemerintah kota meresmikan pasar tradisional yang baru direnovasi pada Senin pagi,",
    "setelah pembangunan yang berlangsung hampir dua tahun dan sempat tertunda karena banjir.",
    "Pedagang yang sebelumnya berjualan di tenda darurat di sepanjang jalan kini menempati",
    "lapak permanen dengan atap baru, saluran air yang lebih lebar dan penerangan yang cukup.",
    "Dinas perdagangan mencatat lebih dari empat ratus pedagang telah mendaftar untuk lapak",
    "di lantai dasar, sementara lantai atas disiapkan untuk usaha kuliner dan kerajinan warga",
    "yang selama ini tidak memiliki tempat berjualan yang layak di pusat kota tersebut.",
])
GLUED = "Pedagang menjual kayuGulaTernak dan segarUnggasHasil di lapak yang tertata rapi."


class AlwaysAgain(Boilerplate):
    """The step as earlier versions ran it: every ``SHIFT`` document analysed a second time."""

    def _second_round(self, result):  # noqa: ANN001, ANN202 - test double
        got = super()._second_round(result)
        return AGAIN if got == SHIFT else got


@pytest.fixture(scope="module")
def steps() -> tuple[Boilerplate, Boilerplate]:
    a, b = Boilerplate(), AlwaysAgain()
    a.ensure_setup()
    b.ensure_setup()
    return a, b


def both(steps: tuple[Boilerplate, Boilerplate], text: str) -> tuple[Document, Document]:
    out = []
    for step in steps:
        doc = Document("t", text, {"url": URL})
        step.process(doc)
        out.append(doc)
    return out[0], out[1]


def decision(step: Boilerplate, text: str) -> int:
    doc = Document("t", text, {"url": URL})
    result, _reps = step._apply_once(doc, first=True)
    return step._second_round(result)


def test_plain_juga_before_a_span_shifts_the_suspects_as_a_second_round_would(steps):
    text = "\n".join([
        "ADVERTISEMENT",
        LONG + " Warga juga datang. [Gambas:Video 20detik] Mereka senang dengan bangunan baru.",
        GLUED,
    ])
    assert decision(steps[0], text) == SHIFT
    got, again = both(steps, text)
    assert "Gambas" not in got.text and "ADVERTISEMENT" not in got.text
    assert got.to_dict() == again.to_dict()
    suspects = [f for f in got.flags if f["kind"] == "glue_suspect"]
    assert [f["token"] for f in suspects] == ["kayuGulaTernak", "segarUnggasHasil"]
    for f in suspects:  # offsets of the final text: inside their token
        at, token = f["offset"], f["token"]
        start = got.text.index(token)
        assert start < at < start + len(token)


def test_a_juga_link_before_a_span_still_gets_its_second_round(steps):
    text = "\n".join([
        LONG + " Baca juga: Harga Cabai Naik Lagi Menjelang Akhir Tahun. [Gambas:Video 20detik]",
        GLUED,
    ])
    assert decision(steps[0], text) == AGAIN
    got, again = both(steps, text)
    assert "Gambas" not in got.text and "Harga Cabai" not in got.text  # the round removed it
    assert got.to_dict() == again.to_dict()


def test_no_juga_no_second_round(steps):
    text = LONG + " [Gambas:Video 20detik] Mereka senang.\n" + GLUED
    assert decision(steps[0], text) == DONE


_PIECES = [
    LONG, "juga", "JUGA", "Juga", "Baca juga:", "Simak juga", "Lihat JUGA", "[Gambas:Video 20detik]",
    "(ant/abc)", "kayuGulaTernak", "segarUnggasHasil", "Mereka senang.", "Harga Cabai Naik Lagi",
    "dinasMentan", "Pasar Baru Diresmikan Warga", ".", '"',
]
_LINE = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map(" ".join)
# a long line with a "juga" before a span somewhere: where ``SHIFT`` is decided
_JUGA_LINE = st.tuples(
    _LINE, st.sampled_from(["juga", "JUGA", "Baca juga:"]), _LINE,
    st.sampled_from(["[Gambas:Video 20detik]", "[Gambas: Instagram]"]), _LINE,
).map(lambda parts: " ".join((LONG, *parts)))
_EXTRA = st.sampled_from(["ADVERTISEMENT", "", "Jakarta -", "(fbr/wes)", "SCROLL TO CONTINUE WITH CONTENT"])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.one_of(_LINE, _JUGA_LINE, _EXTRA), min_size=1, max_size=6))
def test_shift_equals_a_second_round(steps, lines):
    text = "\n".join(lines)
    got, again = both(steps, text)
    assert got.to_dict() == again.to_dict()


@given(text=st.text(alphabet="ab \n", max_size=40), data=st.data())
def test_shifted_offsets_point_at_the_same_character(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    reps, pos = [], 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):  # disjoint [a, b), each a <= b
        if a >= pos:
            reps.append(Replacement(a, b, data.draw(st.sampled_from(["", " ", "xy"])), "k"))
            pos = max(b, a + 1)
    doc = Document("t", text, {})
    doc.apply("s", reps)
    kept = [at for at in range(len(text)) if not any(r.start <= at < r.end for r in reps)]
    moved = _shifted([(at, "") for at in kept], reps)
    assert [doc.text[at] for at, _ in moved] == [text[at] for at in kept]


@given(text=st.lists(st.sampled_from(["Baca", "BACA", "Simak", "Lihat", "LIHAT", "SIMAK", " ", "\t",
                                      "juga", "Juga", "JUGA", "jUga", "x", "Bac", "a"]), max_size=12).map("".join),
       data=st.data())
def test_link_before_equals_the_regex_search(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    want = _TRAILING_LINK_RE.search(text, start, end) is not None
    assert _link_before(text, start, end) == want
