"""The ``extract`` step: a page's HTML (``metadata["html"]``) -> its main text plus page metadata.

Documents without ``metadata["html"]`` (JSONL, text, WET records) pass untouched, so the step is
safe at the head of any pipeline; the runner puts it there by itself for HTML-bearing input.
The text is *created* here from the page, not edited, so it starts the document's edit log
rather than being one edit; the HTML itself is dropped from the document once extracted (its size,
charset and the extractor used stay in metadata), and a page that yields no text, is too large
or too slow is rejected with the reason, never lost.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from saring.document import Document
from saring.extract.html import (
    EXTRACTORS,
    SKIP_SELECTORS,
    PageTimeout,
    extract_resiliparse,
    extract_trafilatura,
    nesting_depth,
    page_metadata,
    tidy_lines,
    time_limit,
)
from saring.step import Reject, Step


class TooDeep(Exception):
    """The page nests deeper than the extractor can handle in bounded time."""


class Extract(Step):
    """HTML -> main text (Resiliparse by default) with title, date, site name, lang, canonical."""

    name = "extract"
    kind = "filter"

    @dataclass(frozen=True, kw_only=True)
    class Config(Step.Config):
        extractor: str = "resiliparse"
        max_html_chars: int = 4_000_000
        timeout_seconds: float = 5.0
        min_chars: int = 1
        skip_selectors: list[str] | None = None
        max_depth: int = 256
        keep_title_line: bool = False

        def __post_init__(self) -> None:
            if self.extractor not in EXTRACTORS:
                raise ValueError(f"unknown extractor {self.extractor!r}; choose {sorted(EXTRACTORS)}")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        self.skip = tuple(SKIP_SELECTORS if c.skip_selectors is None else c.skip_selectors)

    def _extract(self, html: str) -> tuple[str, dict[str, Any]]:
        from resiliparse.parse.html import HTMLTree

        if nesting_depth(html, self.config.max_depth) > self.config.max_depth:
            raise TooDeep(self.config.max_depth)
        tree = HTMLTree.parse(html)
        meta = page_metadata(tree, html)
        if self.config.extractor == "resiliparse":
            text = extract_resiliparse(tree, self.skip)
        else:
            text = extract_trafilatura(html)
        title = None if self.config.keep_title_line else meta.get("title")
        return tidy_lines(text, title), meta

    def process(self, doc: Document) -> Reject | None:
        html = doc.metadata.pop("html", None)
        if html is None:
            return None
        n = len(html)
        doc.metadata["extractor"] = self.config.extractor
        if n > self.config.max_html_chars:
            return Reject("html_too_large", n, self.config.max_html_chars)
        t0 = time.perf_counter()
        try:
            with time_limit(self.config.timeout_seconds):
                text, meta = self._extract(html)
        except TooDeep:
            return Reject("html_too_deep", f">{self.config.max_depth}", self.config.max_depth)
        except PageTimeout:
            return Reject("extract_timeout", round(time.perf_counter() - t0, 3),
                          self.config.timeout_seconds)
        elapsed = time.perf_counter() - t0
        if self.config.timeout_seconds > 0 and elapsed > self.config.timeout_seconds:  # C code overran
            return Reject("extract_timeout", round(elapsed, 3), self.config.timeout_seconds)
        for k, v in meta.items():
            if k == "title" or k == "date":
                doc.metadata.setdefault(k, v)
            else:
                doc.metadata[k] = v
        if "url" not in doc.metadata and "canonical_url" in meta:  # saved pages: no crawl URL
            doc.metadata["url"] = meta["canonical_url"]
            doc.metadata["url_from"] = "canonical"
        if len(text) < self.config.min_chars:
            return Reject("no_main_text", len(text), self.config.min_chars)
        doc.text = text
        return None


__all__ = ["Extract", "ensure_extract", "extract_resiliparse", "extract_trafilatura"]


def ensure_extract(pipeline: Any, sources: Any) -> Any:
    """``pipeline`` with ``extract`` put first when an input carries HTML and no step extracts.

    Why here and not in the default step list: a user's own YAML pipeline on a WARC must not
    push raw HTML into text rules either.
    """
    from saring.io.readers import WEB_KINDS
    from saring.pipeline import Pipeline

    if not any(s.kind in WEB_KINDS for s in sources):
        return pipeline
    if any(isinstance(s, Extract) for s in pipeline.steps):
        return pipeline
    step = Extract()
    step._registry_name = "extract"  # type: ignore[attr-defined]
    return Pipeline([step, *pipeline.steps], limits=pipeline.limits, reader=pipeline.reader,
                    writer=pipeline.writer, executor=pipeline.executor, languages=pipeline.languages)
