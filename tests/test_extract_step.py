"""The extract step: main text and page metadata, no-op on plain text, bounded on bad pages."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest

from saring.document import Document
from saring.extract.html import PageTimeout, nesting_depth, time_limit
from saring.extract.step import Extract
from saring.pipeline import Pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_web_fixtures import BODIES, huge_page, outlet_page  # noqa: E402


def _doc(html: str) -> Document:
    return Document("p", "", {"html": html, "url": "https://x.example/a"})


@pytest.mark.parametrize("extractor", ["resiliparse", "trafilatura"])
@pytest.mark.parametrize("shape", [0, 1, 2, 3])
def test_body_kept_furniture_gone_after_boilerplate(extractor, shape):
    title, body = BODIES[shape % len(BODIES)]
    page = outlet_page(title, body, random.Random(shape), shape=shape)
    pipe = Pipeline.from_config({"steps": [{"extract": {"extractor": extractor}}, "normalize",
                                           "boilerplate"]})
    doc = pipe.process_one(_doc(page.html))
    assert doc.decision.status == "kept"
    lines = doc.text.splitlines()
    for para in body:
        assert para in lines
    leftover = [x for x in lines if x not in body]
    assert leftover == [], leftover
    assert doc.metadata["title"].startswith(title)
    assert doc.metadata["date"] == "2026-03-14"
    assert doc.metadata["canonical_url"] == page.url
    assert "html" not in doc.metadata


def test_page_metadata_and_title_line():
    title, body = BODIES[0]
    page = outlet_page(title, body, random.Random(1), shape=0)
    doc = _doc(page.html)
    assert Extract().process(doc) is None
    assert doc.metadata["site_name"] == "Kabar Nusantara"
    assert doc.metadata["html_lang"] == "id"
    assert not doc.text.startswith(title)  # the headline lives in metadata
    keep = _doc(page.html)
    Extract(keep_title_line=True).process(keep)
    assert keep.text.startswith(title)


def test_saved_page_gets_its_canonical_url():
    page = outlet_page(*BODIES[2], random.Random(3), shape=2)
    doc = Document("p", "", {"html": page.html})
    Extract().process(doc)
    assert doc.metadata["url"] == page.url and doc.metadata["url_from"] == "canonical"


def test_plain_text_documents_pass_untouched():
    doc = Document("t", "Teks biasa tanpa HTML.", {"url": "https://x.example"})
    assert Extract().process(doc) is None
    assert doc.text == "Teks biasa tanpa HTML." and "extractor" not in doc.metadata


def test_empty_and_oversized_pages_are_rejected_with_reasons():
    empty = _doc("<html><body><script>var x=1;</script></body></html>")
    assert Extract().process(empty).reason == "no_main_text"
    big = _doc("<html><body>" + "<p>kata kata kata</p>" * 1000 + "</body></html>")
    r = Extract(max_html_chars=1000).process(big)
    assert r.reason == "html_too_large" and r.value > 1000


def test_pathological_nesting_is_rejected_fast():
    page = huge_page(50_000)  # Resiliparse's main-content pass takes minutes on this
    assert nesting_depth(page, 256) > 256
    assert nesting_depth(outlet_page(*BODIES[1], random.Random(0)).html, 256) < 30
    t0 = time.perf_counter()
    r = Extract().process(_doc(page))
    assert r.reason == "html_too_deep"
    assert time.perf_counter() - t0 < 2.0


def test_time_limit_interrupts_python_work():
    t0 = time.perf_counter()
    with pytest.raises(PageTimeout):
        with time_limit(0.05):
            while True:
                sum(range(1000))
    assert time.perf_counter() - t0 < 1.0


def test_slow_page_becomes_a_timeout_rejection(monkeypatch):
    import saring.extract.step as step_mod

    def slow(html):
        t = time.perf_counter()
        while time.perf_counter() - t < 5:
            pass
        return "never"

    monkeypatch.setattr(step_mod, "extract_trafilatura", slow)
    r = Extract(extractor="trafilatura", timeout_seconds=0.1).process(_doc("<p>x</p>"))
    assert r.reason == "extract_timeout"
