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


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_syndicated_copies_collapse_and_same_event_pairs_do_not(tmp_path: Path, half: str) -> None:
    pairs, filler = S.build(half, n_copies=80, n_summaries=60)
    if not pairs:
        pytest.skip("shared corpora not available")
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in S.records(pairs, filler[:100])))
    for cmd in (["run", str(inp), "-o", str(tmp_path / "run")],
                ["dedup", str(inp), "-o", str(tmp_path / "dedup")]):
        res = CliRunner().invoke(saring, cmd, catch_exceptions=False)
        assert res.exit_code == 0, res.output
        kept, dup, other = S.outcome(Path(cmd[3]))
        r = S.judge(pairs, kept, dup, other)
        assert r["copies"] >= 70 and r["traps"] >= 40, r
        assert r["collapsed"] >= 0.95, (cmd[0], r)
        assert r["traps_merged"] == 0, (cmd[0], r)


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
