"""``saring dedup`` orders copies by the text it judges, and a chain may hold one SHARED match
(session 18, dedup17)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from saring.dedup import stage as S

ROOT = Path(__file__).resolve().parents[1]


class _TableSim(S._Similarity):
    """The keep policy's matching alone: each pair's criterion from a table (no store)."""

    def __init__(self, table: dict[frozenset[int], tuple[float, str]]) -> None:
        self.verify = "exact"
        self.table = table

    def features(self, key: int, row: int | None = None) -> S._Feats:
        return S._Feats(np.asarray([key], np.uint32), None, None)

    def figures(self, key: int, row: int) -> np.ndarray | None:
        return None

    def judge(
        self, a: S._Feats, b: S._Feats, cfg: S.DedupConfig
    ) -> tuple[float, str | None, float]:
        j, why = self.table.get(frozenset((int(a.sh[0]), int(b.sh[0]))), (0.1, None))
        return j, why, j


def _members(ids: list[str], nchars: list[int] | None = None) -> S._Members:
    n = len(ids)
    z = np.zeros(n, np.float64)
    return S._Members(
        np.zeros(n, np.uint64),
        np.arange(n, dtype=np.uint64),
        np.zeros(n, np.uint64),
        np.asarray(nchars or [0] * n, np.int64),
        z,
        z.copy(),
        ids,
        np.zeros(n, np.int64),
    )


def _decide(order: list[int], table: dict[frozenset[int], tuple[float, str]]) -> dict[int, dict]:
    members = _members(["K", "R", "X"])
    out = S._judge_component(order, members, _TableSim(table), S.DedupConfig(), 3)
    return dict(zip(order, out, strict=True))


# K (0) the original; R (1) a truncated partner copy sharing paragraphs with K; X (2) a third
# outlet's close copy of R that no longer resembles K
_K, _R, _X = 0, 1, 2


@pytest.mark.parametrize("order", [[_K, _R, _X], [_K, _X, _R]])
def test_a_close_copy_of_a_shared_copy_goes_with_the_original_whatever_the_order(
    order: list[int],
) -> None:
    """R matches K by SHARED only and X (a NEAR copy of R) nothing else: on the base X was kept
    (bridges went through close copies only); in the order K, X, R R was even removed for X."""
    table = {
        frozenset((_K, _R)): (0.40, S.SHARED),
        frozenset((_R, _X)): (0.81, S.NEAR),
    }
    out = _decide(order, table)
    assert out[_K]["status"] == "kept"
    assert out[_R]["status"] == "removed"
    assert out[_X]["status"] == "removed" and out[_X]["kept_id"] == "K", out[_X]


@pytest.mark.parametrize("order", [[_K, _R, _X], [_K, _X, _R]])
def test_two_shared_matches_never_chain(order: list[int]) -> None:
    """R shares paragraphs with K and X shares paragraphs with R: two articles that only re-use
    paragraphs of a third are not joined through it."""
    table = {
        frozenset((_K, _R)): (0.40, S.SHARED),
        frozenset((_R, _X)): (0.45, S.SHARED),
    }
    out = _decide(order, table)
    assert out[_X]["status"] == "kept" or out[_X]["kept_id"] != "K", out[_X]
    assert sum(e["status"] == "kept" for e in out.values()) == 2


@pytest.mark.parametrize("order", [[_K, _R, _X], [_K, _X, _R]])
def test_shared_after_a_close_copy_still_chains(order: list[int]) -> None:
    """The session-15 bridge, unchanged: R a close copy of K, X shares paragraphs with R."""
    table = {
        frozenset((_K, _R)): (0.85, S.NEAR),
        frozenset((_R, _X)): (0.45, S.SHARED),
    }
    out = _decide(order, table)
    assert [out[i]["status"] for i in (_K, _R, _X)] == ["kept", "removed", "removed"]
    assert out[_X]["kept_id"] == "K"


def test_a_shared_chain_needs_agreeing_figures() -> None:
    """X bridges to K only when X's figures agree with K's (one template on two days does not)."""

    class _Figs(_TableSim):
        figs = {
            _K: np.arange(10, dtype=np.uint32),
            _R: np.arange(10, dtype=np.uint32),
            _X: np.arange(100, 110, dtype=np.uint32),
        }

        def features(self, key: int, row: int | None = None) -> S._Feats:
            return S._Feats(np.asarray([key], np.uint32), self.figs[key], None)

    table = {frozenset((_K, _R)): (0.40, S.SHARED), frozenset((_R, _X)): (0.81, S.NEAR)}
    out = S._judge_component(
        [_K, _R, _X], _members(["K", "R", "X"]), _Figs(table), S.DedupConfig(), 3
    )
    assert [e["status"] for e in out] == ["kept", "removed", "kept"]


def test_the_keep_order_reads_the_hashed_view() -> None:
    """``saring dedup`` (cleaned view) orders members by the cleaned text's length, as the
    pipeline's dedup stage does: a portal copy whose menus and tags make its raw text the longest
    is not kept over the original. The text view orders by the text itself."""
    raw = "Menu | Berita | Daerah\n" * 20 + "isi berita yang sama."
    view = "isi berita yang sama."
    for hash_view, expected in (("cleaned", len(view)), ("text", len(raw))):
        sh = S._ShardHashes(S.DedupConfig(hash_view=hash_view))
        sh.add(0, "portal", raw, {}, view if hash_view == "cleaned" else None)
        assert sh.nchars == [expected]


@pytest.mark.parametrize("name", ["blind17", "blind18"])
def test_saring_dedup_collapses_the_portal_headed_chains_of_writers_c_and_e(
    tmp_path: Path, name: str
) -> None:
    """Dev halves of writers C and E through ``saring dedup``: the copy of the wire copy carries a
    portal head and tail, the longest raw text of its group; kept first by raw length it took the
    original by SHARED and left the rewrite / teaser with no bridge (C 0.714, E 0.500 on the base).
    Every story collapses now and no trap group is merged."""
    import orjson

    from evaluation.dedup import blind16_halves as B16
    from evaluation.dedup import syndication as SY
    from evaluation.dedup import syndication16 as S16

    parts, filler = B16.halves(ROOT / "evaluation" / name / f"dedup_{name}.py")
    groups = parts["dev"]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in S16.S14.records(groups, filler)))
    B16._cli(["dedup", str(inp), "-o", str(tmp_path / "out")])
    r = S16.judge(groups, *SY.outcome(tmp_path / "out"))
    assert r["collapsed"] == 1.0, [g.ids[0] for g in r["missed"]]
    assert r["traps_merged"] == 0


class _ShapedSim(_TableSim):
    """Table judgments, with each member's size and body paragraph hashes (what
    :func:`saring.dedup.stage._extends` reads)."""

    def __init__(self, table: dict, shapes: dict[int, tuple[int, list[int]]]) -> None:
        super().__init__(table)
        self.shapes = shapes

    def features(self, key: int, row: int | None = None) -> S._Feats:
        n, paras = self.shapes[key]
        lines = np.asarray([h << S._LINE_BITS for h in paras], np.uint64)
        return S._Feats(np.full(n, key, np.uint32), None, lines)


def test_two_follow_ups_that_both_hold_one_first_story_are_not_bridged() -> None:
    """R (a first story, 8 paragraphs) is CONTAINED in K and in X, each R's paragraphs plus
    seven of its own (real news: one outlet's three pieces on one raid). R goes with one of them,
    as on the base; K and X stay apart, though X is judged before R and the second sweep offers
    X the link R~K."""
    first = list(range(8))
    shapes = {
        _K: (276, [*first[:4], *range(100, 107)]),
        _R: (186, first),
        _X: (252, [*first[4:7], *range(200, 207)]),
    }
    table = {
        frozenset((_K, _R)): (0.54, S.CONTAINED),
        frozenset((_R, _X)): (0.57, S.CONTAINED),
    }
    members = _members(["K", "R", "X"])
    sim = _ShapedSim(table, shapes)
    out = dict(
        zip(
            [_K, _X, _R],
            S._judge_component([_K, _X, _R], members, sim, S.DedupConfig(), 3),
            strict=True,
        )
    )
    assert out[_K]["status"] == "kept" and out[_X]["status"] == "kept", out
    assert out[_R]["status"] == "removed"


def test_an_original_still_goes_with_the_copy_of_its_truncated_copy() -> None:
    """K a NEAR copy of R (a truncated copy), X the original that holds R and more: X goes with K
    through R (only one end of the bridge adds a story of its own)."""
    shapes = {
        _K: (127, [1, 2, 3, 4, 5]),
        _R: (117, [1, 2, 3, 4, 6]),
        _X: (291, [0, 2, 3, 4, 5, *range(100, 107)]),
    }
    table = {
        frozenset((_K, _R)): (0.76, S.NEAR),
        frozenset((_R, _X)): (0.31, S.SHARED),
    }
    members = _members(["K", "R", "X"])
    out = dict(
        zip(
            [_K, _X, _R],
            S._judge_component(
                [_K, _X, _R], members, _ShapedSim(table, shapes), S.DedupConfig(), 3
            ),
            strict=True,
        )
    )
    assert [out[i]["status"] for i in (_K, _R, _X)] == ["kept", "removed", "removed"], out
    assert out[_X]["kept_id"] == "K"
