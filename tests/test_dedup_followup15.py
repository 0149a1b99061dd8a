"""A follow-up story is not a copy of its first story; a copy of a copy does not depend on the
keep order (session 17, dedup15)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from saring.dedup import stage as S
from saring.io.store import LocalStore

_WORDS = (
    "warga desa pasar nelayan perahu hujan jalan jembatan sekolah guru murid kepala dinas bupati "
    "camat harga beras ikan kopi panen sawah kebun listrik air bersih sungai banjir rumah sakit "
    "dokter obat bantuan dana anggaran proyek kantor rapat laporan musim kemarau angin gelombang"
).split()


def _para(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n)) + "."


def _judge(tmp_path: Path, a: list[str], b: list[str]) -> str | None:
    """The criterion that makes two documents (lists of paragraphs) duplicates, or None."""
    cfg = S.DedupConfig()
    sh = S._ShardHashes(cfg)
    sh.add(0, "a", "\n".join(a), {})
    sh.add(1, "b", "\n".join(b), {})
    st = LocalStore(tmp_path)
    sh.save(st, 0)
    sim = S._Similarity(st, "exact")
    return sim.judge(sim.features(0), sim.features(1), cfg)[1]


def test_a_follow_up_that_retells_the_lead_and_goes_on_is_not_a_copy(tmp_path: Path) -> None:
    """The first story (own lead, a second paragraph, five background paragraphs) and its
    follow-up (one new lead holding the second paragraph, the five, twelve new paragraphs):
    SHARED on the base (as Kusnadi's real pair was), apart now."""
    rng = random.Random(15)
    lead, second = _para(rng, 30), _para(rng, 40)
    background = [_para(rng, 30) for _ in range(5)]
    first = [lead, second, *background]
    follow = [f"{_para(rng, 8)} {second}", *background, *(_para(rng, 25) for _ in range(12))]
    assert _judge(tmp_path, first, follow) is None
    sh = S._ShardHashes(S.DedupConfig())
    for k, doc in enumerate((first, follow)):
        sh.add(k, str(k), "\n".join(doc), {})
    lines = [
        x >> S._LINE_BITS
        for x in S._line_rows(sh.lines, sh.line_chars, sh.per_char, sh.line_counts).tolist()
    ]
    assert len(set(lines[:7]) & set(lines[7:])) == 5  # the paragraphs in common are there


def test_a_truncated_copy_under_a_long_headline_is_still_a_copy(tmp_path: Path) -> None:
    """A teaser: a rewritten headline of 80+ characters (fewer than 20 tokens), then the first
    three of ten paragraphs; the source goes on for seven more."""
    rng = random.Random(16)
    source = [_para(rng, 30) for _ in range(10)]
    headline = "Viral! " + " ".join(w.capitalize() for w in (rng.choice(_WORDS) for _ in range(12)))
    assert len(headline) >= 80 and len(headline.split()) < S._OPENING_TOKENS
    assert _judge(tmp_path, [headline, *source[:3]], source) == S.SHARED


def test_follows_up_needs_own_openings_and_a_long_new_tail() -> None:
    """Both open with paragraphs of their own (the shorter with more, a headline-sized line
    does not count), and the longer goes on for more than twice the paragraphs in common."""

    def feats(tokens: list[int]) -> S._Feats:
        return S._Feats(
            np.empty(0, np.uint32),
            None,
            np.asarray([(k + 1) << S._LINE_BITS | t for k, t in enumerate(tokens)], np.uint64),
        )

    short = feats([30, 40, 30, 30, 30])
    anchors = [(2, 1), (3, 2), (4, 3)]
    assert S._follows_up(short, feats([50, 30, 30, 30, *[25] * 7]), anchors)
    assert not S._follows_up(short, feats([50, 30, 30, 30, *[25] * 6]), anchors)  # tail 6 = 2 x 3
    assert not S._follows_up(
        feats([12, 40, 30, 30, 30]), feats([50, 30, 30, 30, *[25] * 7]), anchors
    )
    # a crawl that lost the lead (no opening of its own), the other its first paragraphs
    assert not S._follows_up(
        feats([30, 30, 30, 30]), feats([30, 30, 30, *[25] * 7]), [(1, 0), (2, 1), (3, 2)]
    )


class _FakeSim(S._Similarity):
    """Features by key (no store): the keep policy's matching alone."""

    def __init__(self, feats: dict[int, S._Feats]) -> None:
        self.verify = "exact"
        self.f = feats

    def features(self, key: int, row: int | None = None) -> S._Feats:
        return self.f[key]

    def figures(self, key: int, row: int) -> np.ndarray | None:
        return self.f[key].figs


def _members(ids: list[str]) -> S._Members:
    n = len(ids)
    z = np.zeros(n, np.float64)
    return S._Members(
        np.zeros(n, np.uint64),
        np.arange(n, dtype=np.uint64),
        np.zeros(n, np.uint64),
        np.zeros(n, np.int64),
        z,
        z.copy(),
        ids,
        np.zeros(n, np.int64),
    )


@pytest.mark.parametrize("order", [[0, 1, 2], [0, 2, 1]])
def test_copy_of_a_copy_is_removed_whatever_the_keep_order(order: list[int]) -> None:
    """K kept, R a close copy of K, X a close copy of R only. With X before R in keep order the
    first sweep keeps X (R is not a close copy yet); the second removes it for K through R."""
    sh = {
        0: np.concatenate([np.arange(90), np.arange(300, 310)]).astype(np.uint32),
        1: np.arange(80, dtype=np.uint32),
        2: np.concatenate([np.arange(10, 80), np.arange(400, 410)]).astype(np.uint32),
    }
    sim = _FakeSim({k: S._Feats(v, None, None) for k, v in sh.items()})
    cfg = S.DedupConfig(containment=0.0, shared_containment=0.0)
    out = dict(
        zip(order, S._judge_component(order, _members(["K", "R", "X"]), sim, cfg, 3), strict=True)
    )
    assert out[0]["status"] == "kept"
    assert out[1]["status"] == "removed" and out[1]["kept_id"] == "K"
    assert out[2]["status"] == "removed" and out[2]["kept_id"] == "K", out[2]
    assert {e["cluster_id"] for e in out.values()} == {"00000:0"}  # no source file: shard:row


def test_second_sweep_needs_the_bridge_end_kept() -> None:
    """Nothing is a close copy of anything: both kept, no second sweep changes that."""
    sh = {0: np.arange(100, dtype=np.uint32), 1: np.arange(200, 300, dtype=np.uint32)}
    sim = _FakeSim({k: S._Feats(v, None, None) for k, v in sh.items()})
    out = S._judge_component([0, 1], _members(["A", "B"]), sim, S.DedupConfig(), 2)
    assert [e["status"] for e in out] == ["kept", "kept"]
