"""The blind runners' shared kit (``evaluation/blindkit``) on tiny hand-written sets: the page
tables agree with the scorer's own counts, repair pages and kinds are read as the runners say,
dedup rows name what was merged or left out. Data here is invented, no blind set is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from evaluation.blindkit import dedup, pages, repair, sets
from evaluation.boilerplate import unseen as U

PAGES = """\
### id: k1 | url: https://warta-contoh.example/a/1 | place: Tanjung Kelor | dateline: TANJUNG KELOR -
F Beranda | Daerah | Olahraga
F Baca juga: Jembatan baru diresmikan
B TANJUNG KELOR - Panen jagung warga naik dua kali lipat tahun ini.
F Foto: dokumentasi warga
S Petani menjual hasilnya ke koperasi desa.[[ Baca juga: Harga pupuk turun]]
_
F Bagikan: Facebook WhatsApp
F Jembatan baru diresmikan bupati
### id: k2 | url: https://kabar-contoh.example/b/2
F Kabar Contoh
B Sekolah menambah dua ruang kelas baru.
B Murid kelas enam mulai ujian pekan depan.
F Hak Cipta 2026 Kabar Contoh
"""

CUES = pages.KindCues(
    (("share", r"Bagikan"), ("related", r"^Baca"), ("caption", r"^Foto"), ("legal", r"Hak Cipta")),
    head="site label",
    glued="glued",
    follows={"related": "related headline"},
)


@dataclass
class _Lines:
    text: str
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [0]
        for ln in self.text.split("\n")[:-1]:
            self.starts.append(self.starts[-1] + len(ln) + 1)

    def line_of(self, pos: int) -> int:
        return max(i for i, s in enumerate(self.starts) if s <= pos)


@dataclass
class _Result:
    lines: _Lines
    drop: dict[int, str]
    spans: list[tuple[int, int, str]]
    dateline: None = None


class _Step:
    """Drops the given lines and cuts ``Baca juga`` tails, whatever the page says."""

    def __init__(self, drop: dict[str, set[int]]) -> None:
        self.drop = drop

    def ensure_setup(self) -> None:
        pass

    def analyse(self, doc) -> _Result:
        lines = _Lines(doc.text)
        spans = []
        for i, ln in enumerate(doc.text.split("\n")):
            at = ln.find(" Baca juga:")
            if at > 0:
                spans.append((lines.starts[i] + at, lines.starts[i] + len(ln), "inline"))
        return _Result(lines, {i: "test" for i in self.drop.get(doc.id, ())}, spans)


@pytest.fixture
def page_set(tmp_path: Path) -> list[U.Page]:
    path = tmp_path / "kit_pages.txt"
    path.write_text(PAGES, encoding="utf-8")
    return U.load(path)


def test_position_and_kinds(page_set: list[U.Page]) -> None:
    k1 = page_set[0]
    assert [pages.position(k1.labels, i) for i in (0, 3, 4, 7)] == [
        "head",
        "between paragraphs",
        "glued (S)",
        "tail",
    ]
    assert pages.position(k1.labels, 4, body="BS", glued=None, between="between") == "between"
    kinds = CUES.kinds(k1)
    assert kinds == {
        0: "site label",
        1: "related",
        3: "caption",
        4: "glued",
        6: "share",
        7: "other",
    }
    assert CUES.kinds(page_set[1]) == {0: "site label", 3: "legal"}


def test_page_tables_agree_with_the_scorer(page_set: list[U.Page]) -> None:
    """k1: the menu and share bar dropped, one body line removed, the glued tail cut; k2: only
    the site name dropped. The kit's miss counts and line outcomes must equal the scorer's."""
    step = _Step({"k1": {0, 2, 6}, "k2": {0}})
    sc = U.score(page_set, step)
    assert (sc.tp, sc.fn, sc.fp, sc.tn) == (4, 4, 1, 2)
    rows = pages.miss_rows(page_set, sc, CUES.kinds)
    assert "| pages misses by position | head | 1/3 |" in rows
    assert "| pages misses by position | tail | 2/3 |" in rows
    assert "| pages misses by position | glued (S) | 0/1 |" in rows
    assert "| pages misses by kind | related | 1/1 |" in rows
    by_pos = [r for r in rows if "by position" in r]
    assert sum(int(r.split("|")[3].split("/")[0]) for r in by_pos) == sc.fn
    assert pages.error_count_rows(sc.errors, " REMOVED[")[0].endswith("| 1 |")
    wrong = []
    for p in page_set:
        res = step.analyse(type("D", (), {"id": p.id, "text": p.text()})())
        wrong += [w for _lab, _i, w in pages.line_outcomes(p, res) if w]
    assert len(wrong) == sc.fn + sc.fp
    assert pages.dateline_split(page_set, sc.errors) == [
        "| pages | datelines, pages with one | 0/1 |",
        "| pages | datelines, pages without (none given) | 1/1 |",
    ]


def test_registered_site() -> None:
    assert pages.registered_site("https://news.contoh.co.id/x") == "contoh.co.id"
    assert pages.registered_site("https://www.contoh.example/x") == "contoh.example"


REPAIR_SENTENCES = """\
# Companies, brands
Ia bekerja di {kantor pusat} [[PT Sumber Contoh]] sejak lama.
# Places
Warga {kecamatan} [[Lembah Contoh]] memanen padi.
"""

REPAIR_PAGES = """\
Berita utama hari ini.
Ia bekerja di {kantor pusat} [[PT Sumber Contoh]] sejak lama.
Para {delegasi} [[Contohia|n]] tiba pagi ini.
"""


def test_repair_set_reads_kinds_and_page_forms(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(REPAIR_SENTENCES, encoding="utf-8")
    (tmp_path / "p.txt").write_text(REPAIR_PAGES, encoding="utf-8")

    def section(line: str, _next: str) -> str | None:
        return line[2:].split(",")[0] if line.startswith("# ") else None

    rs = repair.RepairSet(tmp_path, "s.txt", "p.txt", "t.txt", section)
    assert rs.kind_of_line() == ["Companies", "Places"]
    cases = rs.repair_cases()
    assert [c.form for c in cases] == ["glue", "camel", "glue", "camel"]
    assert cases[0].id.startswith("s.txt:0/")
    page = rs.pages()[0]
    for form in ("glue", "camel"):
        forms = [c.form for c in repair.page_cases(0, page, form)]
        assert forms == ["context", form, "suffix"]  # the demonym line has one form only
    assert (
        repair.row("x", {"split": 0.5, "n": 2}, "repair | ") == "| repair | x | split 0.500 n 2 |"
    )


@dataclass
class _Group:
    ids: list[str]
    kind: str = "copy"
    edits: str = ""


def test_dedup_rows_name_groups() -> None:
    groups = [
        _Group(["s1#orig", "s1#wire", "s1#teaser"]),
        _Group(["t1#a", "t1#b"], "same_event", "shared quote"),
    ]
    assert dedup.size_row(groups, ["f1", "f2"]).endswith("| 1 / 2 / 1 / 2 |")
    assert dedup.left_out_row("run", groups, {"s1#wire"}).endswith("| s1 |")
    assert dedup.left_out_row("run", groups, {"t1#b"}, short=False).endswith("| t1#a |")
    assert dedup.left_out_row("run", groups, set()).endswith("| none |")
    assert dedup.merged_rows("run", {"merged": [groups[1]]}) == ["| run trap merged | t1 |  |"]


class _EditsContext:
    """Rewrites one unmarked page line (``Berita`` -> ``Warta``) and nothing else."""

    def process(self, doc) -> None:
        doc.text = doc.text.replace("Berita utama", "Warta utama")


def test_page_results_count_edited_context_lines(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(REPAIR_PAGES, encoding="utf-8")
    rs = repair.RepairSet(tmp_path, "s.txt", "p.txt", "t.txt", lambda _ln, _nx: None)
    every = rs.page_results(_EditsContext())
    assert [r[0].form for r in every] == ["context", "glue", "suffix", "context", "camel"]
    assert repair.context_edits(every) == 2  # the same line, once per pass


def test_langid_lines_and_paragraphs(tmp_path: Path) -> None:
    lines = tmp_path / "l.tsv"
    lines.write_text("# note\ngold\ttext\nid\tSaya pergi ke pasar.\n\nmin\tAmbo pai ka pasa.\n")
    assert sets.langid_lines(lines, {"id", "min"}) == [
        ("id", "l.tsv:3", "Saya pergi ke pasar."),
        ("min", "l.tsv:5", "Ambo pai ka pasa."),
    ]
    with pytest.raises(ValueError, match="l.tsv:5: unknown language 'min'"):
        sets.langid_lines(lines, {"id"})
    paras = tmp_path / "p.txt"
    paras.write_text("# berita\nSatu paragraf.\n\n# resep\nDua paragraf.\n")
    assert sets.paragraphs(paras) == [("berita", "Satu paragraf."), ("resep", "Dua paragraf.")]
