"""A partner portal's teaser (the lead, the next paragraph cut mid-sentence, a "read more" link)
holds one whole paragraph of its source: SHARED takes it on that one paragraph when the rest
echoes the source, while a brief that re-uses the wire lead and goes on with its own paragraph
stays (writer F's teaser copies, session 18, dedup18). Texts written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from dedup_kit import run_dedup as _run

from saring.dedup import stage as S
from saring.document import Document

_HEAD = "Jembatan Gantung Desa Waringinsari Putus Diterjang Banjir Bandang"
_STORY = [
    "Jembatan gantung yang menghubungkan Desa Waringinsari dengan pusat kecamatan putus diterjang banjir bandang pada Selasa dini hari setelah hujan deras mengguyur kawasan hulu sungai.",
    "Camat setempat, Haryo Kusumabrata, mengatakan sedikitnya tiga ratus keluarga kini harus memutar sejauh dua belas kilometer melalui jalan tanah untuk mencapai pasar dan sekolah.",
    "Petugas gabungan memasang tali pengaman dan perahu karet di titik penyeberangan sementara, sementara warga diminta tidak nekat menyeberang ketika arus sungai masih deras.",
    "Pemerintah kabupaten berjanji membangun jembatan darurat dari rangka baja dalam waktu dua pekan, sambil menunggu perencanaan jembatan permanen tahun depan.",
    "Warga berharap jembatan baru dibangun lebih tinggi dari jembatan lama karena banjir besar kini datang hampir setiap musim hujan.",
]



def _docs() -> list[Document]:
    story = Document("story", "\n".join([_HEAD, *_STORY]))
    cut = " ".join(_STORY[1].split()[:14]) + "..."
    teaser = Document(
        "teaser",
        "\n".join(
            [
                _HEAD,
                _STORY[0],
                cut,
                "Baca selengkapnya di https://kabarlembah.example/berita/jembatan-gantung-desa-waringinsari-putus-diterjang-banjir-bandang",
            ]
        ),
    )
    # the same wire lead, then a paragraph of its own: a brief of the same event, not a copy
    brief = Document(
        "brief",
        "\n".join(
            [
                "Banjir Bandang Putuskan Akses Warga Waringinsari",
                _STORY[0],
                "Relawan dari tiga desa tetangga membuka dapur umum di balai desa dan mendata anak-anak yang tidak bisa berangkat ke sekolah.",
            ]
        ),
    )
    return [story, teaser, brief]


def test_the_teaser_goes_with_its_source_and_the_brief_stays(tmp_path: Path) -> None:
    got = _run(tmp_path, _docs())
    assert got["story"].decision.status == "kept"
    assert got["teaser"].decision.reason == S.SHARED
    assert got["brief"].decision.status == "kept"


def test_without_the_teaser_rule_the_teaser_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One paragraph in common is below ``_SHARED_LINES``: only :func:`S._teaser` takes it."""
    monkeypatch.setattr(S, "_TEASER_LINES", 0)
    got = _run(tmp_path, _docs())
    assert got["teaser"].decision.status == "kept"


def test_a_one_paragraph_summary_equal_to_the_lead_stays(tmp_path: Path) -> None:
    """An extractive summary that is the article's lead alone has no paragraph after it: not a
    teaser (writer A's set 13 traps: IndoSum summaries)."""
    story = Document("story", "\n".join([_HEAD, *_STORY]))
    summary = Document("summary", _STORY[0])
    assert _run(tmp_path, [story, summary])["summary"].decision.status == "kept"


def test_the_teaser_rule_needs_the_rest_to_echo_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short piece with the source's (long) lead and a paragraph of its own: the lead makes it
    contained enough, only the echo of the rest keeps it apart."""
    lead = (
        _STORY[0][:-1]
        + ", sehingga ratusan warga di tiga dusun terisolasi dan harus mengandalkan perahu milik nelayan untuk menyeberang ke kecamatan."
    )
    story = Document("story", "\n".join([_HEAD, lead, *_STORY[1:]]))
    own = Document(
        "own",
        "\n".join(
            [
                _HEAD,
                lead,
                "Di hilir, dua perahu nelayan hanyut dan satu warung kopi di tepi sungai rusak berat diterjang arus.",
            ]
        ),
    )
    assert _run(tmp_path / "a", [story, own])["own"].decision.status == "kept"
    monkeypatch.setattr(S, "_TEASER_ECHO", 0.0)
    assert _run(tmp_path / "b", [story, own])["own"].decision.reason == S.SHARED
