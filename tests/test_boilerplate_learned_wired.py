"""The learned line model wired into the boilerplate step (``saring.boilerplate.learned``).

Checks the shipped weights match the code's features and name no outlet, that the model only
looks at the head and tail zones (a list inside the body is never scored), that a removal is
an edit of kind ``boilerplate:learned`` carrying the model's score, and the three modes.
"""

from __future__ import annotations

import json

import pytest

from evaluation.boilerplate.learned.features import AGENCIES, outlet_tokens
from saring.boilerplate import learned as L
from saring.boilerplate.step import DATA, Boilerplate
from saring.document import Document

BODY = [
    "Pemerintah kota meresmikan pasar tradisional yang baru direnovasi pada Senin pagi.",
    '"Kami ingin pedagang dan pembeli sama-sama nyaman," kata Wali Kota kepada wartawan.',
    "Renovasi pasar menelan anggaran sekitar Rp 12 miliar dari APBD ini tahun lalu.",
]
SHARE = "Share: Facebook | Twitter | WhatsApp"  # not a rule string: the model's catch


@pytest.fixture(scope="module")
def steps() -> dict[str, Boilerplate]:
    out = {mode: Boilerplate(learned=mode) for mode in ("remove", "flag", "off")}
    for s in out.values():
        s.ensure_setup()
    return out


def test_shipped_weights_fit_the_code_and_name_no_outlet():
    d = json.loads((DATA / "learned.json").read_text(encoding="utf-8"))
    assert tuple(d["names"]) == L.FEATURES and len(d["weights"]) == len(L.FEATURES)
    assert 0.0 < d["flag"] < d["remove"] < 1.0
    words = {w for ws in d["vocab"].values() for w in ws}
    assert words and not words & outlet_tokens() and not words & AGENCIES


def test_only_head_and_tail_lines_are_candidates():
    items = ["- beras 5 kg", "- minyak goreng 2 liter", "- gula pasir 1 kg"]
    lines = ["Menu", *BODY[:2], *items, BODY[2], "Kontak"]
    page = L.Page.of(lines, set())
    assert L.candidates(page, set()) == [0, len(lines) - 1]
    assert L.candidates(page, {0}) == [len(lines) - 1]  # a line the rules cut stays theirs
    assert L.candidates(L.Page.of(items, set()), set()) == []  # no prose: no edges


def test_removal_is_an_edit_with_the_score_as_confidence(steps):
    doc = Document("d", "\n".join([*BODY, SHARE]))
    steps["remove"].process(doc)
    edits = [e for e in doc.edits if e.kind == "boilerplate:learned"]
    assert [e.before.strip() for e in edits] == [SHARE]
    model = steps["remove"]._learned
    assert model is not None and model.remove <= edits[0].confidence < 1.0
    assert doc.text == "\n".join(BODY)


def test_modes_off_and_flag_never_change_the_text(steps):
    text = "\n".join([*BODY, SHARE])
    off, flag = Document("a", text), Document("b", text)
    steps["off"].process(off)
    steps["flag"].process(flag)
    assert off.text == flag.text == text
    assert not any(f["kind"] == "learned_boilerplate" for f in off.flags)
    assert [f["line"] for f in flag.flags if f["kind"] == "learned_boilerplate"] == [3]


def test_body_list_after_a_colon_is_kept(steps):
    items = ["• Traktor roda empat", "• Pompa air", "• Mesin perontok padi"]
    text = "\n".join([BODY[0], "Bantuan yang disalurkan antara lain:", *items, BODY[1]])
    doc = Document("l", text)
    steps["remove"].process(doc)
    assert doc.text == text


def test_a_second_pass_removes_nothing_more(steps):
    doc = Document("t", "\n".join([SHARE, *BODY, "Baca Selanjutnya", SHARE]))
    steps["remove"].process(doc)
    once = doc.text
    again = Document("t2", once)
    steps["remove"].process(again)
    assert again.text == once


def test_default_is_off():
    """Opt-in: in remove mode the model took hand-written body look-alikes it never saw (a
    schedule row after ``Jadwal berikutnya:``), and as a flag most of its real-text flags were
    body lines (session 17); the default step neither loads nor scores it."""
    step = Boilerplate()
    step.ensure_setup()
    assert step.config.learned == "off" and step._learned is None
