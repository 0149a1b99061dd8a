"""Two fillings of one template with different facts are not copies; copies of one filling are
(session 18, template17: ``normalize.fact_bytes`` + ``stage._facts_changed``)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import orjson
import pytest

from saring.dedup import normalize as N
from saring.dedup import stage as S
from saring.io.store import LocalStore

ROOT = Path(__file__).resolve().parents[1]

_DAY = (
    "Jadwal Layanan Keliling Kota Lembayung Raya\n"
    "Satuan lalu lintas kepolisian setempat membuka layanan keliling di beberapa titik kota pada "
    "{hari} ({tgl}) bagi pemohon yang ingin memperpanjang surat izin mengemudi miliknya.\n"
    "Petugas mulai melayani pada pukul {buka} dan menutup loket pukul {tutup} WITA. Pemohon "
    "diminta membawa kartu identitas asli, surat izin lama, dan fotokopi keduanya.\n"
    "Lokasi pertama berada di halaman pasar induk kota, sedangkan lokasi kedua berada di "
    "pelataran taman kota. Setiap lokasi melayani paling banyak seratus pemohon per hari.\n"
    "Biaya perpanjangan mengikuti tarif yang berlaku, ditambah biaya pemeriksaan kesehatan dan "
    "tes psikologi yang dilakukan di lokasi yang sama oleh petugas berwenang."
)
_MON = _DAY.format(hari="Senin", tgl="14/9/2026", buka="08.00", tutup="12.00")
_TUE = _DAY.format(hari="Selasa", tgl="15/9/2026", buka="08.00", tutup="12.00")


def _judge(tmp_path: Path, a: str, b: str) -> str | None:
    cfg = S.DedupConfig()
    sh = S._ShardHashes(cfg)
    sh.add(0, "a", a, {})
    sh.add(1, "b", b, {})
    st = LocalStore(tmp_path)
    sh.save(st, 0)
    sim = S._Similarity(st, "exact")
    return sim.judge(sim.features(0), sim.features(1), cfg)[1]


def _lead(text: str, prefix: str) -> str:
    head, lead, *rest = text.split("\n")
    return "\n".join([head, prefix + lead, *rest])


def test_two_days_of_one_schedule_are_not_copies(tmp_path: Path) -> None:
    # one figure (the day of the month) and the day name differ: the base merged them (NEAR)
    assert _judge(tmp_path, _MON, _TUE) is None


@pytest.mark.parametrize(
    "copy",
    [
        _lead(_MON, "LEMBAYUNG, Kabar Sore (16/9/2026) -- "),  # another outlet's dated dateline
        _MON.replace("\n", "\nDiperbarui: Rabu, 16/9/2026 10.15 WIB\n", 1),  # an "updated" line
        _MON.rsplit("\n", 1)[0],  # the last paragraph dropped
        _MON + "\nArtikel ini tayang pertama kali pada 2026 di laman mitra redaksi kami.",
    ],
)
def test_copies_of_one_day_still_are(tmp_path: Path, copy: str) -> None:
    assert _judge(tmp_path, _MON, copy) is not None


def test_an_amount_in_words_is_the_same_figure() -> None:
    a = "Harga cabai rawit di pasar kota naik menjadi Rp64.000 per kilogram pada pekan ini."
    b = a.replace("Rp64.000", "Rp64 ribu")
    fa, fb = (np.frombuffer(N.fact_bytes(x, 40), dtype=np.uint32).tolist() for x in (a, b))
    assert fa == fb


def _changed(a: list[int], b: list[int], slots_b: list[int] | None = None) -> bool:
    """``_facts_changed`` of two figure lists (one slot for all unless given for ``b``)."""
    fa, fb = {x & N.FACT_VALUE for x in a}, {x & N.FACT_VALUE for x in b}
    sa, sb = [7] * len(a), slots_b or [7] * len(b)
    return S._facts_changed(S._slotted(a, sa), S._slotted(b, sb), fa, fb)


def test_facts_changed_parts() -> None:
    body = [1, 2, 3, 4]
    assert not _changed(body, body[:2])  # truncated: a subset
    assert not _changed(body, [3, 4, 1, 2])  # reordered paragraphs
    assert _changed(body, [1, 9, 3, 4])  # one figure replaced in its slot
    assert _changed([9, 8, 2023], [4, 9, 2023])  # a date: the day equals the other's month
    # ... but not when the other figure stands in another slot (two copies cut differently)
    assert not _changed([1, 2, 3, 4], [1, 9, 3, 4], [7, 8, 7, 7])
    head = N.FACT_HEAD
    assert not _changed([5 | head, *body], [6 | head, *body])  # a re-dated dateline
    assert not _changed(body, [*body, 7])  # a figure added


def test_a_link_and_a_line_start_are_not_slots() -> None:
    text = (
        "Jakarta, 5 Mei -- warga datang pada Senin (14/9/2026) lihat https://x.id/read/2026/12/s03"
    )
    flags = [v >> 31 for v in N.fact_hashes_reference(text, 40)[::2]]
    assert flags == [1, 0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize("head", [0, 1, 5, 40])
def test_fact_kernel_agrees_with_the_reference(head: int) -> None:
    if N._FACTS is None:
        pytest.skip("kernel not built")
    rng = random.Random(head)
    for _ in range(2000):
        s = "".join(rng.choice("000123456789.,\n abé一") for _ in range(rng.randrange(70)))
        got = np.frombuffer(N._FACTS(s, head), dtype=np.uint32).tolist()
        assert got == N.fact_hashes_reference(s, head), (s, head)


def test_template18_dev_half_no_family_merged_and_copies_kept_together(tmp_path: Path) -> None:
    """The dev half of ``evaluation/dedup/template18.py`` through ``saring dedup``: no two
    fillings of a template in one cluster (the base merged 6 of 8 families)."""
    sys.path.insert(0, str(ROOT))
    from evaluation.dedup import template18 as T

    groups = T.build("dev")
    recs = [{"id": i, "text": t} for g in groups for i, t in zip(g.ids, g.texts, strict=True)]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in {r["id"]: r for r in recs}.values()))
    T._cli(["dedup", str(inp), "-o", str(tmp_path / "out")])
    kept, _, _ = T.S.outcome(tmp_path / "out")
    r = T.judge(groups, kept, T.kept_of(tmp_path / "out"))
    assert r["traps_merged"] == 0
    assert r["collapsed"] >= 0.75
