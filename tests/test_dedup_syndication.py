"""Syndicated copies collapse and same-event write-ups stay apart (issue 17).

Truth is not Jaccard: copies are real articles republished the way partner outlets do it
(another dateline, a paragraph dropped, "Baca juga" lines, typos), traps are an article and its
human summary, and hand-written pairs about one event. Both halves: the held-out half was not
used to choose the thresholds (tune: 0.993 / 0.993; held-out 0.980 / 0.980, no trap merged).
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from evaluation.dedup import syndication as S
from saring.cli.main import saring


def _both_commands(tmp_path: Path, records: list[dict]):
    """``saring run`` (default pipeline) and ``saring dedup`` on ``records``, as a user runs them:
    yields (command, kept ids, ids rejected by dedup, ids rejected by another step)."""
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    for name in ("run", "dedup"):
        res = CliRunner().invoke(saring, [name, str(inp), "-o", str(tmp_path / name)], catch_exceptions=False)
        assert res.exit_code == 0, res.output
        yield name, *S.outcome(tmp_path / name)


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_syndicated_copies_collapse_and_same_event_pairs_do_not(tmp_path: Path, half: str) -> None:
    pairs, filler = S.build(half, n_copies=80, n_summaries=60)
    if not pairs:
        pytest.skip("shared corpora not available")
    for cmd, kept, dup, other in _both_commands(tmp_path, S.records(pairs, filler[:100])):
        r = S.judge(pairs, kept, dup, other)
        assert r["copies"] >= 70 and r["traps"] >= 40, r
        assert r["collapsed"] >= 0.95, (cmd, r)
        assert r["traps_merged"] == 0, (cmd, r)


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_session14_copies_collapse_and_template_and_press_traps_do_not(tmp_path: Path, half: str) -> None:
    """The second round (rewritten headline and lead, captions, teasers, furniture, regional
    spelling, copies of copies; template and press-conference traps). Measured on the full halves:
    tune 0.940 / 0.942, held-out 0.920 / 0.921 (run / dedup), 0 traps merged; main 0.62-0.67 with
    3-5 template groups merged. Here a subset, with a floor below those."""
    from evaluation.dedup import syndication14 as S14

    groups, filler = S14.build(half, n_copies=60, n_chains=10)
    if not groups:
        pytest.skip("shared corpora not available")
    for cmd, kept, dup, other in _both_commands(tmp_path, S14.records(groups, filler[:100])):
        r = S14.judge(groups, kept, dup, other)
        assert r["copies"] >= 65 and r["traps"] >= 9, r
        assert r["collapsed"] >= 0.88, (cmd, r["collapsed"], [g.ids[0] for g in r["missed"]])
        assert r["traps_merged"] == 0, (cmd, [g.ids[0] for g in r["merged"]])


def test_session14_revision_shapes_both_halves() -> None:
    """Fresh revision pairs (figure with unit, two-word name, date phrase, clause added) and
    near-miss traps: dev 10/10, held-out 8/10 removed with the repair step of the default
    pipeline, no trap touched (main: 6/10 and 6/10)."""
    from evaluation.dedup import revisions14 as R
    from saring.repair.step import Repair

    step = Repair(revision_needs_evidence=False)
    step.ensure_setup()
    for half, floor in (("dev", 10), ("heldout", 8)):
        r = R.run(step, half)
        assert r["rev"] == 10 and r["trap"] == 6
        assert r.get("rev_removed", 0) >= floor, (half, r["missed"])
        assert r.get("trap_removed", 0) == 0, (half, r["false"])


def test_contained_copy_is_recorded_with_its_own_reason_and_threshold(tmp_path: Path) -> None:
    from saring.dedup.stage import CONTAINED, Dedup
    from saring.document import Document
    from saring.executors.serial import SerialExecutor
    from saring.io.docfile import read_docs, write_docs
    from saring.step import StageContext

    # written by us: six paragraphs; the copy drops two (Jaccard ~0.67, all of it contained)
    paras = [
        "Dewan kota menggelar rapat anggaran pada Senin pagi dengan agenda perbaikan jalan desa "
        "yang rusak parah setelah musim hujan panjang tahun ini.",
        "Ketua komisi pembangunan meminta dinas pekerjaan umum mendahulukan ruas yang dilalui "
        "angkutan hasil panen petani menuju pasar kecamatan.",
        "Sejumlah anggota dewan mempertanyakan biaya penerangan jalan umum yang naik hampir dua "
        "kali lipat dibandingkan rencana kerja tahun sebelumnya.",
        "Pemerintah kabupaten berjanji menyerahkan rincian harga satuan lampu dan tiang listrik "
        "sebelum pembahasan lanjutan dimulai pekan depan.",
        "Rapat ditutup menjelang sore tanpa keputusan akhir karena beberapa fraksi masih menunggu "
        "hasil kunjungan lapangan ke lokasi proyek saluran air.",
        "Warga yang hadir di balkon ruang sidang berharap perbaikan selesai sebelum hari raya "
        "agar perjalanan mudik antarkampung tidak lagi tersendat lumpur.",
    ]
    src = Document("src", "\n".join(paras))
    copy = Document("copy", "\n".join(paras[:1] + paras[2:4] + paras[5:]))
    path = tmp_path / "in.jsonl.zst"
    write_docs(path, [src, copy])
    out = Dedup(paragraphs=False).run([path], StageContext(SerialExecutor(), tmp_path / "w"))
    docs = {d.id: d for p in out.outputs for d in read_docs(p)}
    d = docs["copy"].decision
    assert docs["src"].decision.status == "kept"
    assert (d.reason, d.threshold) == (CONTAINED, 0.85) and d.value >= 0.85


def _run_stage(tmp_path: Path, docs: list, **params) -> dict:
    from saring.dedup.stage import Dedup
    from saring.executors.serial import SerialExecutor
    from saring.io.docfile import read_docs, write_docs
    from saring.step import StageContext

    path = tmp_path / "in.jsonl.zst"
    write_docs(path, docs)
    out = Dedup(paragraphs=False, **params).run([path], StageContext(SerialExecutor(), tmp_path / "w"))
    return {d.id: d for p in out.outputs for d in read_docs(p)}


# written for session 14 (dedup12): a daily report filled into one template on three days
_TEMPLATE = (
    "Harga emas batangan di Galeri Permata hari ini tercatat Rp {0} per gram, {1} dibandingkan harga "
    "kemarin, sementara harga pembelian kembali berada di level Rp {2} per gram.\n"
    "Untuk pecahan lain, emas 5 gram dijual Rp {3}, emas 10 gram Rp {4}, dan emas 25 gram Rp {5}. Harga "
    "tersebut sudah termasuk pajak dan dapat berubah sewaktu-waktu mengikuti harga emas dunia.")
_DAYS = [("1.312.000", "naik 4.000", "1.181.000", "6.355.000", "12.655.000", "31.512.000"),
         ("1.318.000", "naik 6.000", "1.186.000", "6.385.000", "12.715.000", "31.662.000"),
         ("1.309.000", "turun 9.000", "1.177.000", "6.340.000", "12.625.000", "31.437.000")]


def test_one_template_on_different_days_is_never_a_duplicate(tmp_path: Path) -> None:
    from saring.dedup.stage import EXACT
    from saring.document import Document

    docs = [Document(f"day{i}", _TEMPLATE.format(*d)) for i, d in enumerate(_DAYS)]
    docs.append(Document("recrawl", _TEMPLATE.format(*_DAYS[0])))  # the same day twice: a duplicate
    got = _run_stage(tmp_path / "a", docs)
    assert [i for i, d in got.items() if d.decision.status != "kept"] == ["recrawl"]
    assert got["recrawl"].decision.reason == EXACT
    # digits are folded for hashing: without the figure check the three days are one text
    got = _run_stage(tmp_path / "b", docs, figures=0.0)
    assert sum(d.decision.status != "kept" for d in got.values()) == 3


# written for session 14 (dedup12): an article of eight body paragraphs
_ARTICLE = [
    "Pemerintah kabupaten mulai membangun tanggul sepanjang dua kilometer di tepi sungai yang setiap musim hujan meluap ke permukiman warga.",
    "Kepala dinas pekerjaan umum mengatakan pekerjaan dibagi menjadi tiga tahap agar lalu lintas di jalan desa tidak terputus selama pembangunan.",
    "Warga di bantaran sungai menyambut baik proyek itu karena dalam lima tahun terakhir rumah mereka terendam banjir hampir setiap tahun.",
    "Seorang pedagang di pasar desa mengaku kerugiannya saat banjir terakhir mencapai puluhan juta rupiah karena barang dagangan rusak terendam.",
    "Dinas lingkungan hidup juga akan menanam ribuan bibit pohon di hulu sungai untuk mengurangi limpasan air ketika hujan deras turun.",
    "Anggota dewan meminta pemerintah mengawasi mutu pekerjaan karena tanggul lama yang dibangun sepuluh tahun lalu jebol dalam waktu singkat.",
    "Kontraktor pelaksana berjanji mempekerjakan warga setempat sebagai tenaga kerja harian selama proyek berlangsung hingga akhir tahun depan.",
    "Pemerintah berharap tanggul itu selesai sebelum puncak musim hujan sehingga warga tidak perlu lagi mengungsi ke balai desa setiap tahun.",
]


def test_truncated_teaser_collapses_but_summary_and_round_up_do_not(tmp_path: Path) -> None:
    from saring.dedup.stage import SHARED
    from saring.document import Document

    article = Document("article", "Tanggul Dua Kilometer Dibangun\n" + "\n".join(_ARTICLE))
    teaser = Document("teaser", "\n".join(["Begini Rencana Tanggul Sungai, Ini Penjelasannya", *_ARTICLE[:3],
                                            "Selengkapnya di Warta Lembah.id"]))
    # one paragraph of picked sentences, as news summaries are: no paragraph in common
    summary = Document("summary", " ".join([_ARTICLE[0], _ARTICLE[2], _ARTICLE[7]]))
    round_up = Document("roundup", "\n".join([
        "Sepanjang pekan ini sejumlah daerah mengumumkan proyek pengendalian banjir menjelang musim hujan tahun ini.",
        "Di wilayah pesisir, pemerintah provinsi menyiapkan pompa air tambahan untuk kawasan yang rendah dan padat penduduk.",
        "Di kota lain, saluran drainase utama dikeruk ulang setelah bertahun-tahun tersumbat sampah dan lumpur sungai.",
        "Sementara di kabupaten tetangga, pekerjaan fisik juga sudah dimulai pekan ini dengan anggaran daerah.",
        *_ARTICLE[:6]]))
    got = _run_stage(tmp_path, [article, teaser, summary, round_up])
    assert got["article"].decision.status == "kept"
    assert got["teaser"].decision.reason == SHARED
    assert got["summary"].decision.status == "kept" and got["roundup"].decision.status == "kept"
