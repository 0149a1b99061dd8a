"""SHARED sees a syndicated lead behind another outlet's dateline, and a copy whose only text of
its own is a headline, captions or an embedded post (issue 17, session 16). Texts written for
this test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from test_dedup_shared16 import _STORY, _run

from saring.dedup import stage as S
from saring.dedup.paragraphs import paragraph_hashes
from saring.document import Document


def _lines(text: str) -> tuple[list[int], list[int]]:
    return S._body_lines(text, paragraph_hashes(text, 40))


def test_a_dated_lead_hashes_like_the_undated_one() -> None:
    plain = "\n".join(["Judul", *_STORY[:3]])
    for dateline in ("KOTA BARU, Warta Selatan -- ", "Kota Baru - ", "KOTA BARU (Antara) - "):
        dated = "\n".join(["Judul", dateline + _STORY[0], *_STORY[1:3]])
        (h0, c0), (h1, c1) = _lines(plain), _lines(dated)
        assert h0 == h1, dateline
        assert c1 == c0  # the length is the part after the dateline


def test_a_dash_inside_a_sentence_or_below_the_lead_is_kept() -> None:
    inside = "Pemerintah kota membuka pendaftaran - kata pejabat itu - bagi warga berpenghasilan rendah di dua belas kelurahan."
    body = [_STORY[k] for k in range(1, 5)]
    late = "Kota Baru - " + _STORY[0]
    h_inside, _ = _lines("\n".join(["Judul", inside]))
    assert h_inside == [h for _, _, h in paragraph_hashes(inside, 40)]
    h_late, _ = _lines("\n".join(["Judul", *body, late]))  # fifth body line: not a lead
    assert h_late[-1] == [h for _, _, h in paragraph_hashes(late, 40)][0]


def test_dateline_pattern_is_bounded_on_adversarial_lines() -> None:
    import time

    line = ("A, " * 5000) + "x"
    t0 = time.perf_counter()
    assert S._DATELINE.match(line) is None
    assert time.perf_counter() - t0 < 0.05


def _feats(text: str) -> S._Feats:
    hashes, chars = _lines(text)
    from saring.dedup.minhash import token_hashes
    from saring.dedup.normalize import normalize_for_hash

    norm = normalize_for_hash(text)
    per_char = len(token_hashes(norm)) / len(norm)
    lines = S._line_rows(hashes, chars, [per_char], [len(hashes)])
    sh = np.unique(np.asarray([hash(" ".join(w)) & 0xFFFFFFFF for w in _shingles(norm)], np.uint32))
    return S._Feats(sh, None, lines)


def _shingles(norm: str) -> list[tuple[str, ...]]:
    w = norm.split()
    return [tuple(w[i : i + 5]) for i in range(len(w) - 4)]


def test_no_body_of_its_own_passes_without_the_echo() -> None:
    """All body paragraphs in common and a caption of its own: no framing to echo. A same-event
    piece with a lead of its own still has to echo."""
    story = _feats("\n".join(["Judul", *_STORY]))
    copy = _feats(
        "\n".join(
            [
                "Judul Lain Sekali",
                *_STORY[:4],
                "Foto: warga antre di kantor kelurahan. (Dok. Warta Selatan)",
            ]
        )
    )
    hs = [x >> S._LINE_BITS for x in copy.lines.tolist()]
    hl = [x >> S._LINE_BITS for x in story.lines.tolist()]
    anchors = S._anchors(hs, hl, set(hs) & set(hl))
    assert S._rest_echoes(copy, hs, anchors, inter=0)  # even with nothing else echoed
    own = _feats(
        "\n".join(
            [
                "Antre",
                "Antrean warga mengular di kantor kelurahan sejak pagi, sehari setelah program diumumkan pemerintah kota.",
                *_STORY[1:4],
            ]
        )
    )
    ho = [x >> S._LINE_BITS for x in own.lines.tolist()]
    anchors = S._anchors(ho, hl, set(ho) & set(hl))
    assert not S._rest_echoes(own, ho, anchors, inter=0)


def test_truncated_copy_behind_a_dateline_goes_same_event_stays(tmp_path: Path) -> None:
    story = Document("story", "\n".join(["Bantuan Bedah Rumah Dibuka", *_STORY]))
    teaser = Document(
        "teaser",
        "\n".join(
            [
                "Bedah Rumah Dibuka, Begini Caranya",
                "KOTA BARU, Warta Selatan -- " + _STORY[0],
                _STORY[1],
                "Selengkapnya di Warta Selatan",
            ]
        ),
    )
    same_event = Document(
        "same_event",
        "\n".join(
            [
                "Antre Bedah Rumah",
                "KOTA BARU, Warta Selatan -- Antrean warga mengular di kantor kelurahan sejak pagi, sehari setelah program diumumkan.",
                *_STORY[2:6],
                "Seorang pendaftar mengaku sudah tiga kali mendaftar sejak program pertama kali digelar.",
            ]
        ),
    )
    out = _run(tmp_path, [story, teaser, same_event])
    assert out["story"].decision.status == "kept"
    assert out["same_event"].decision.status == "kept"
    assert out["teaser"].decision.status != "kept"
    assert out["teaser"].decision.reason == S.SHARED
