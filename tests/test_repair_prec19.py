"""Session 19 (issue 17, prec19): a multi-word name whose last word is joined from an ordinary word.

``Pasar Tanahabang``, ``Toko Sinarterang``, ``Warung Pakdemuda``: the rules read the joined token as
a name glued to a lower-case head and moved the word before the name. ``saring.repair.whole`` caps
such a site to a flag when the corpora write the capitalised sequence whole far more often than
split (``cap_sequences.txt``), or when an adjective with no noun after it ends a title-case run;
and a move that would put the glued word inside a title (``Anak-Anak Pelabuhan Kupang|novel``)
splits only. The no-edit lines fail on the session-start code (8154274).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from repair_kit import alone_and_in_page, fix, repair_step

from evaluation.repair.unseen import ITEM, cases_of, lines_in, pages_in, read_lines
from saring.repair.glue import Site
from saring.repair.resources import PLACE_HEADS, load_resources
from saring.repair.step import Repair
from saring.repair.whole import cap_sequences, tears_title

ROOT = Path(__file__).resolve().parents[1]
D_PAGES = ROOT / "evaluation" / "blind17" / "data" / "repair_pages_blind17.txt"
TITLES = ROOT / "src" / "saring" / "data" / "repair" / "titles.txt"


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


def _glued_page(k: int, form: str) -> list[str]:
    """Writer D's page ``k`` with every marked line glued in ``form`` (bench_repair_pages' way)."""
    out = []
    for ln in pages_in(D_PAGES)[k % len(pages_in(D_PAGES))]:
        if not ITEM.search(ln):
            out.append(ln)
            continue
        made = cases_of(ln, "p")
        out.append(next((c for c in made if c.form in (form, "list")), made[0]).corrupted)
    return out


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("Pasar Tanahabang ramai menjelang Lebaran.", 141),  # traps.txt (writer A)
        ("Toko Sinarterang menjual lampu hemat energi.", 38),  # traps13b.txt
        ("Pengunjung memadati Pasar Tanahabang menjelang Lebaran.", 24),  # traps13.txt
    ],
)
@pytest.mark.parametrize("form", ["glue", "camel"])
def test_whole_names_at_the_end_of_a_glued_page(
    step: Repair, text: str, page: int, form: str
) -> None:
    lines = [*_glued_page(page, form), text]
    assert fix(step, "\n".join(lines)).split("\n")[-1] == text


@pytest.mark.parametrize(
    "text",
    [
        # an adjective ends the title-case run, no noun after it (invented names)
        "Sate kambing Warung Pakdemuda terkenal sampai luar kota.",
        "Bus rombongan berhenti di Rumah Makan Sambalnikmat untuk makan siang.",
    ],
)
def test_adjective_ending_a_name_untouched(step: Repair, text: str) -> None:
    assert alone_and_in_page(step, text) == [text, text]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # writer A dev8: ``mantan`` comes before its noun, the phrase moves
            "Pemerintah membekukan aset Partai Rakyat Merdeka Valdoriamantan bendahara.",
            "Pemerintah membekukan aset mantan bendahara Partai Rakyat Merdeka Valdoria.",
        ),
        (  # writer G: a place head after a name opens the next name, never kept as a last word
            "Angka kemiskinan di Kabupaten Lembah Baliem Utarakabupaten turun tipis.",
            "Angka kemiskinan di kabupaten Kabupaten Lembah Baliem Utara turun tipis.",
        ),
    ],
)
def test_glue_still_repaired(step: Repair, text: str, want: str) -> None:
    assert fix(step, text) == want


def test_title_kept_whole_when_split(step: Repair) -> None:
    """Writer G: the glued word is not moved into the title ``Anak-Anak Pelabuhan Kupang``."""
    out = fix(step, "Anak-Anak Pelabuhan Kupangnovel terjual habis di toko buku.")
    assert "Anak-Anak Pelabuhan Kupang" in out


def _site(text: str, name: str) -> Site:
    start = text.index(name)
    return Site(start, start + len(name) + 5, name, "glue", start + len(name), "novel", 0.9)


@pytest.mark.parametrize(
    ("text", "torn"),
    [
        ("Anak-Anak Pelabuhan Kupangnovel terjual.", True),
        ("Kupu-Kupu Kertas Biruhnovel terjual.", True),
        ("Anak-anak Pelabuhan Kupangnovel terjual.", False),  # an ordinary word opens the sentence
        ("Para Pelabuhan Kupangnovel terjual.", False),
    ],
)
def test_tears_title(text: str, torn: bool) -> None:
    name = text.split(" ", 1)[1].split("novel")[0]
    assert tears_title(text, _site(text, name)) is torn


def test_cap_sequences_never_end_in_a_head() -> None:
    """The counts file holds joined-name pairs and never a word that opens the next name."""
    seqs = cap_sequences()
    # (``Indonesia Cabang``: ``Cabang`` opens the next name, it ends none)
    assert "tanah abang" in seqs and "indonesia cabang" not in seqs
    res = load_resources()
    heads = {w.lower() for w in (*res.org_heads, *PLACE_HEADS)}
    heads |= {ln.split(" ", 1)[0].lower() for ln in lines_in(TITLES)}
    assert not [k for k in seqs if k.rsplit(" ", 1)[-1] in heads]


def test_trap_halves() -> None:
    dev, held = read_lines("traps_prec19.txt"), read_lines("traps_prec19_heldout.txt")
    assert (len(dev), len(held)) == (36, 22) and not set(dev) & set(held)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (  # a known place joined to an adjective inside a shop's or market's name: never moved
            "Pembeli memadati Pasar Jakartaindah sejak pagi.",
            "Pembeli memadati Pasar Jakarta indah sejak pagi.",
        ),
        (
            "Toko Bandungjaya menjual perlengkapan sekolah.",
            "Toko Bandung jaya menjual perlengkapan sekolah.",
        ),
    ],
)
def test_gazetteer_adjective_never_moved(step: Repair, text: str, want: str) -> None:
    """Gazetteer glue with an adjective ending the run splits at most (real text writes such
    glue, ``Limited Indonesia|baru saja``; an adjective heads no phrase, so it never moves)."""
    assert fix(step, text) in (text, want)
