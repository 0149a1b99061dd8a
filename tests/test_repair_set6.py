"""Session 7 (issue 17): set 6 and traps5. Entities in the rule tests here are invented and differ
from the evaluation sets' (``evaluation/repair/data/unseen_*6.txt``)."""

from __future__ import annotations

import pytest
from repair_kit import repair_step

from evaluation.repair.unseen import load_cases, page_order, run_traps
from saring.repair.step import Repair


@pytest.fixture(scope="module")
def step() -> Repair:
    return repair_step()


def test_traps5_are_never_edited(step: Repair) -> None:
    """Solid places ending in common words, Javanese names ending in words, solid compounds,
    demonym-named terms, CamelCase apps, clitics: zero edits alone and inside set-6 pages."""
    n, bad, lines = run_traps(step, name="traps5.txt")
    assert n >= 40 and bad == 0, lines
    n, bad, lines = run_traps(step, page_order(load_cases("unseen_dev6.txt")), name="traps5.txt")
    assert bad == 0, lines
