"""A copy re-headlined with its lead rewritten is a copy; an article that frames re-used
paragraphs with its own is not (session 17, dedup16)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from saring.dedup import stage as S
from saring.io.store import LocalStore

_SYLLABLES = "ba bu ka ki ma mu na ni pa pi ra ru sa si ta tu la li ga gu da di ja ju".split()


def _para(rng: random.Random, n: int) -> str:
    """A paragraph of ``n`` invented words (a large vocabulary: no shingle by chance)."""
    words = ("".join(rng.choice(_SYLLABLES) for _ in range(3)) for _ in range(n))
    return " ".join(words) + "."


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


def _story(rng: random.Random) -> list[str]:
    """A headline, a 40-word lead and four body paragraphs of 35 words."""
    return [_para(rng, 8), _para(rng, 40), *(_para(rng, 35) for _ in range(4))]


def test_a_copy_with_a_new_headline_and_lead_and_the_last_paragraph_dropped_is_a_copy(
    tmp_path: Path,
) -> None:
    """Containment about 0.65 (the new lead is a third of the copy) and no echo of the lead: no
    criterion on the base; SHARED now."""
    rng = random.Random(16)
    story = _story(rng)
    copy = [_para(rng, 9), _para(rng, 40), *story[2:-1]]
    assert _judge(tmp_path, story, copy) == S.SHARED


def test_a_piece_that_adds_a_paragraph_of_its_own_before_the_reused_ones_is_not(
    tmp_path: Path,
) -> None:
    rng = random.Random(17)
    story = _story(rng)
    other = [_para(rng, 9), _para(rng, 40), _para(rng, 14), *story[2:-1]]
    assert _judge(tmp_path, story, other) is None


def test_a_piece_that_goes_on_after_the_reused_paragraphs_is_not(tmp_path: Path) -> None:
    rng = random.Random(18)
    story = _story(rng)
    other = [_para(rng, 9), _para(rng, 40), *story[2:], _para(rng, 30), _para(rng, 30)]
    assert _judge(tmp_path, story, other) is None


@pytest.mark.parametrize(
    ("anchors", "n_short", "n_long", "expected"),
    [
        ([(1, 1), (2, 2), (3, 3)], 4, 5, True),  # the longer keeps one more
        ([(1, 1), (2, 2), (3, 3)], 4, 6, False),  # two more: the longer goes on
        ([(1, 1), (2, 2)], 3, 3, False),  # a run of two is not enough
        ([(2, 2), (3, 3), (4, 4)], 5, 5, False),  # two paragraphs of its own first
        ([(1, 1), (2, 3), (3, 4)], 4, 5, False),  # not at the same places
        ([(1, 1), (2, 2), (3, 3)], 5, 5, False),  # the shorter goes on after the run
    ],
)
def test_lead_rewritten_parts(
    anchors: list[tuple[int, int]], n_short: int, n_long: int, expected: bool
) -> None:
    assert S._lead_rewritten([0] * n_short, [0] * n_long, anchors) is expected
