"""A mobile / AMP extraction (one sentence a line, page chrome) holds none of its source's
paragraphs but nearly all its words: when it is the member kept, a copy that matches only the
source (SHARED: phrases swapped, a quote re-attributed) goes with it through the source, while
two follow-ups that each add a story of their own around one first story stay apart (writer H's
kept quote copy, session 19, dedup20). Texts written for this test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from saring.dedup import stage as S
from saring.document import Document
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.step import StageContext

_HEAD = "Kapal Penyeberangan Kandas di Alur Sungai Mahakarta, Penumpang Dievakuasi"
_STORY = [
    "Sebuah kapal penyeberangan yang membawa sekitar dua ratus penumpang kandas di alur Sungai Mahakarta pada Kamis sore. Kapal tersebut tertahan di gosong pasir dekat dermaga Tanjung Pelita.",
    "Kepala kantor kesyahbandaran setempat, Damarwulan Sitompang, mengatakan debit sungai turun tajam sejak awal pekan. Nakhoda sudah meminta bantuan kapal tunda sebelum air makin surut.",
    '"Semua penumpang selamat dan sudah kami pindahkan ke perahu motor secara bergiliran sampai malam," kata Damarwulan di dermaga.',
    "Penumpang yang kebanyakan pedagang pasar terapung juga membawa barang dagangan. Petugas membantu memindahkan karung hasil bumi ke perahu kecil.",
    "Operator kapal akan menunggu air pasang pada Jumat pagi untuk menarik kapal keluar dari gosong. Jadwal penyeberangan berikutnya dialihkan ke dermaga lama di hilir.",
    "Warga di tepi sungai diminta tidak mendekati lokasi kapal kandas hingga proses penarikan selesai.",
]
_SWAPS = (
    ("mengatakan", "menyampaikan"),
    ("sekitar", "kurang lebih"),
    ("tersebut", "itu"),
    ("akan", "bakal"),
)


def _sentences(p: str) -> list[str]:
    return re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", p)


def _amp() -> str:
    lines = ["beritahulu.example", "Menu", _HEAD, "Tim Redaksi beritahulu.example - 4 Des 2026"]
    for k, p in enumerate(_STORY):
        lines += _sentences(p)
        if k == 2:
            lines += ["ADVERTISEMENT", "Halaman 1 2 Selanjutnya"]
    return "\n".join(
        [*lines, "Lihat versi lengkap", "© 2026 beritahulu.example", "Kembali ke atas"]
    )


def _requoted() -> str:
    out = []
    for p in _STORY:
        if p.startswith('"'):
            p = "Damarwulan di dermaga menyampaikan, “Semua penumpang selamat dan sudah kami pindahkan ke perahu motor secara bergiliran sampai malam.”"
        for a, b in _SWAPS:
            p = re.sub(rf"\b{a}\b", b, p, count=1)
        out.append(p)
    return "\n".join([_HEAD, *out])


def _run(tmp_path: Path, docs: list[Document]) -> dict[str, Document]:
    """One serial ``Dedup`` on the cleaned view (the view ``saring dedup`` and ``saring run``
    decide on: the AMP page's chrome is gone, its one-sentence lines stay)."""
    path = tmp_path / "in.jsonl.zst"
    write_docs(path, docs)
    stage = S.Dedup(paragraphs=False, hash_view="cleaned")
    out = stage.run([path], StageContext(SerialExecutor(), tmp_path / "w"))
    return {d.id: d for p in out.outputs for d in read_docs(p)}


def _docs() -> list[Document]:
    return [
        Document("story", "\n".join([_HEAD, *_STORY])),
        Document("amp", _amp()),
        Document("requoted", _requoted()),
    ]


def test_the_requoted_copy_goes_with_the_kept_amp_copy(tmp_path: Path) -> None:
    got = _run(tmp_path, _docs())
    kept = sorted(k for k, d in got.items() if d.decision.status == "kept")
    assert kept == ["amp"]
    assert got["requoted"].decision.reason == S.SHARED
    assert got["story"].decision.reason == S.NEAR


def test_without_the_shingle_gate_the_requoted_copy_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(S, "_OWN_SHINGLES", 1.01)  # paragraphs alone decide, as before
    got = _run(tmp_path, _docs())
    assert got["requoted"].decision.status == "kept"
    assert got["amp"].decision.status == "kept"
