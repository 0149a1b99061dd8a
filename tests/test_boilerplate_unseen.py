"""The boilerplate step on hand-written pages of outlets that no rule names (issue 17 targets).

The pages (evaluation/boilerplate/unseen/{tune,heldout}.txt) were written by hand for saring;
none of their outlets is in ../shared/corpora. The held-out half was scored once at the end
(see notes/boilerplate.md); this test keeps both halves from regressing.
"""

from __future__ import annotations

import pytest

from evaluation.boilerplate import unseen


@pytest.fixture(scope="module", params=["tune", "heldout"])
def scores(request):
    pages = unseen.load(unseen.HERE / f"{request.param}.txt")
    return pages, unseen.score(pages)


def test_set_size(scores):
    pages, sc = scores
    assert len(pages) >= 20 and len({p.url.split("/")[2] for p in pages}) >= 18
    assert sc.tp + sc.fn >= 120 and sc.tn + sc.fp >= 80


def test_line_precision_recall_and_datelines(scores):
    _pages, sc = scores
    assert sc.precision >= 0.99, sc.errors
    assert sc.recall >= 0.95, sc.errors
    assert sc.dateline_accuracy >= 0.95, sc.errors


def test_parser_rejects_bad_labels(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("### id: x | url: https://a.id/ | place: | outlet: | dateline:\nQ oops\n")
    with pytest.raises(ValueError):
        unseen.load(bad)
