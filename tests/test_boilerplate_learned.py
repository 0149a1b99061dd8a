"""The learned boilerplate line classifier experiment (evaluation/boilerplate/learned).

Checks that its features cannot name an outlet, that the scorer counts lines the way the page
scorer does, and that the committed model.json still reproduces its own training accuracy (it
goes stale when the features or the step change: refit with ``loro.py --fit``).
"""

from __future__ import annotations

import re

import pytest

from evaluation.boilerplate.learned.data import ROUNDS, load_rounds
from evaluation.boilerplate.learned.features import (
    AGENCIES,
    CLASSES,
    outlet_tokens,
    page_features,
    vocabulary,
)
from evaluation.boilerplate.learned.loro import MODEL_PATH, outcome
from evaluation.boilerplate.learned.model import Model, accuracy, fit
from evaluation.boilerplate.unseen import HERE, load

_HOST_RE = re.compile(r"https?://([^/]+)")


_SUFFIX = {"www", "com", "net", "org", "co", "go", "ac", "or", "id", "my", "sg", "info", "news"}
_SUFFIX |= {"wordpress", "blogspot"}  # hosting platforms: the site is the label before them


def _site_name(host: str) -> str:
    """The outlet's own label of a host: humas.jatengprov.go.id -> jatengprov."""
    labels = [x for x in host.lower().split(".") if x]
    while labels and labels[-1] in _SUFFIX:
        labels.pop()
    return labels[-1] if labels else ""


def _page_hosts() -> set[str]:
    """The site names of the hand-written pages' hosts and outlet fields (idfood, wwf, ...)."""
    names: set[str] = set()
    for files in ROUNDS.values():
        for f in files:
            for p in load(HERE / f"{f}.txt"):
                m = _HOST_RE.match(p.url)
                names.update(_site_name(h) for h in (m.group(1) if m else "", p.outlet) if h)
    return names - {""}


def test_vocabulary_names_no_outlet():
    words = set().union(*vocabulary().values())
    assert words and all(vocabulary()[c] for c in CLASSES)
    assert not any("." in w for w in words)
    assert not words & outlet_tokens()
    assert not words & AGENCIES
    assert not words & _page_hosts()


def test_feature_names_do_not_depend_on_the_text():
    a = page_features(["Kompas.com | detikNews", "Badan itu menyalurkan beras ke pulau."])
    b = page_features(["Ikuti kami di Instagram", "Warga desa menanam padi di sawah."])
    names = {n for f in a + b if f for n in f}
    assert all(set(f) == names for f in a + b if f)
    assert not any("." in n or n in outlet_tokens() for n in names)


def test_outcome_follows_the_page_scorer():
    assert outcome("pos", "keep", True, "or") == "tp"
    assert outcome("neg", "keep", True, "or") == "fp"
    assert outcome("neg", "cut", False, "or") == "fp"
    assert outcome("neg", "cut", False, "model") is None
    assert outcome("span", "cut", False, "or") == "tp"
    assert outcome("span", "cut", True, "or") == "fp"  # dropping a body line with furniture
    assert outcome("span", "keep", False, "model") == "fn"


@pytest.fixture(scope="module")
def rounds():
    return load_rounds()


def test_committed_model_reproduces_its_training_accuracy(rounds):
    m = Model.from_json(MODEL_PATH)
    pages = [p for ps in rounds.values() for p in ps]
    assert abs(accuracy(m, pages) - m.meta["train_accuracy_rounds"]) <= 0.005


def test_fit_roundtrips_through_json(rounds, tmp_path):
    pages = [p for ps in rounds.values() for p in ps]
    m = fit(pages, stacked=False)
    m.to_json(tmp_path / "m.json")
    back = Model.from_json(tmp_path / "m.json")
    assert accuracy(back, pages) == accuracy(m, pages)
    majority = 1 - sum(k == "pos" for p in pages for k in p.kinds) / sum(
        k is not None for p in pages for k in p.kinds
    )
    assert accuracy(m, pages) > max(majority, 1 - majority)  # it learned something
