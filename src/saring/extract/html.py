"""Page-level HTML work: main-text extraction (Resiliparse or trafilatura) and page metadata.

Resiliparse is the default: on the labelled Indonesian page set it matched trafilatura's
precision-mode body recall after ``boilerplate`` at ~18x its speed (BENCHMARKS.md, "extract").
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# Elements that are page furniture on Indonesian outlets whatever the layout: share bars, related
# and "Baca juga" boxes, comments, cookie notices, ads, tags, paging. Matched on class/id words.
SKIP_SELECTORS: tuple[str, ...] = (
    "[class*=share]", "[id*=share]", "[class*=baca-juga]", "[class*=bacajuga]",
    "[class*=baca_juga]", "[class*=related]", "[id*=related]", "[class*=terkait]",
    "[class*=comment]", "[id*=comment]", "[id*=disqus]", "[class*=cookie]", "[id*=cookie]",
    "[class*=consent]", "[class*=ads]", "[id*=ads]", "[class*=advert]", "[class*=iklan]",
    "[class*=tagcloud]", "[class*=tags]", "[class*=paging]", "[class*=pagination]",
    "[class*=terpopuler]", "[class*=populer]", "[class*=newsletter]", "[class*=breadcrumb]",
    "[class*=byline]", "[class*=author]", "[class*=penulis]", "[id*=penulis]",
    "[class*=sidebar]", "nav", "footer", "aside", "form", "button",
    # generic CMS furniture (WordPress/news themes), tuned on outlet shapes 3-4 only
    "[class*=footer]", "[id*=footer]", "[class*=sharing]", "[class*=topbar]", "[id*=top-bar]",
    "[class*=top-bar]", "[class*=menu]", "[id*=menu]", "[class*=navigation]", "[class*=nav-links]",
    "[class*=widget]", "[class*=komentar]", "[id*=komentar]", "[class*=trending]",
)


_TAG = re.compile(r"<(/?)(div|section|article|main|aside|header|footer|nav|span|table|tbody|tr|td|"
                  r"ul|ol|li|form|blockquote|center|font|dl|dd|figure)\b", re.I)


def nesting_depth(html: str, stop_at: int) -> int:
    """Estimated element nesting depth from the tags (stops counting once over ``stop_at``).

    Why: Resiliparse's main-content pass is quadratic in depth (2,000 nested divs: 3 s; 50,000:
    200 s, all inside C where no alarm can interrupt it), so depth is checked before it runs.
    """
    depth = top = 0
    for m in _TAG.finditer(html):
        if html[m.start() + 1] == "/":
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > top:
                top = depth
                if top > stop_at:
                    break
    return top


class PageTimeout(Exception):
    """Extraction of one page exceeded its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the main thread after ``seconds`` (no-op elsewhere).

    SIGALRM interrupts Python code (trafilatura, htmldate); a call inside C (Resiliparse's
    parser) is interrupted when it returns, which is why the reader also caps page bytes.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise PageTimeout(f"page took more than {seconds:g}s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _attr(tree: Any, selector: str, attr: str) -> str | None:
    el = tree.document.query_selector(selector)
    if el is None:
        return None
    v = el.getattr(attr)
    return v.strip() if isinstance(v, str) and v.strip() else None


def page_metadata(tree: Any, html: str) -> dict[str, Any]:
    """Title, site name, ``lang`` attribute, canonical URL and publication date of a page."""
    meta: dict[str, Any] = {}
    title = (tree.title or "").strip()
    if title:
        meta["title"] = " ".join(title.split())[:500]
    for key, sel, attr in (
        ("site_name", 'meta[property="og:site_name"]', "content"),
        ("html_lang", "html", "lang"),
        ("canonical_url", 'link[rel="canonical"]', "href"),
    ):
        v = _attr(tree, sel, attr)
        if v:
            meta[key] = v[:500]
    date = meta_date(tree) or publication_date(html)
    if date:
        meta["date"] = date
    return meta


_DATE_SELECTORS = (
    'meta[property="article:published_time"]', 'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]',
    'meta[name="content_PublishedDate"]', 'meta[name="dc.date"]', 'meta[name="date"]',
)
_ISO_DATE = re.compile(r"((?:199[5-9]|20[0-9]{2})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))")


def meta_date(tree: Any) -> str | None:
    """The ISO publication date from the usual ``<meta>`` tags (the fast path before htmldate:
    htmldate re-parses the page with lxml, which took half the extract time in profiling)."""
    import datetime as dt

    for sel in _DATE_SELECTORS:
        v = _attr(tree, sel, "content")
        m = _ISO_DATE.match(v) if v else None
        if m:
            try:
                day = dt.date.fromisoformat(m.group(1))
            except ValueError:
                continue
            if day <= dt.date.today() + dt.timedelta(days=1):
                return m.group(1)
    return None


def publication_date(html: str) -> str | None:
    """The page's original publication date (YYYY-MM-DD) by htmldate, without network."""
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None


def extract_resiliparse(tree: Any, skip: tuple[str, ...]) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(
        tree, preserve_formatting=True, main_content=True, list_bullets=False, alt_texts=False,
        links=False, noscript=False, comments=False,
        skip_elements=[", ".join(skip)] if skip else None,  # one selector list: one DOM pass
    )


def extract_trafilatura(html: str) -> str:
    from trafilatura import extract

    return extract(html, favor_precision=True, include_comments=False, include_tables=True,
                   deduplicate=False) or ""


EXTRACTORS: dict[str, Callable[..., str]] = {
    "resiliparse": extract_resiliparse, "trafilatura": extract_trafilatura,
}


def tidy_lines(text: str, title: str | None) -> str:
    """One paragraph per line, blank lines dropped; a first line equal to the title removed
    (the title is kept in metadata, apart from the text, as in the corpora)."""
    lines = [" ".join(x.split()) for x in text.splitlines()]
    lines = [x for x in lines if x]
    if lines and title and _same_title(lines[0], title):
        lines = lines[1:]
    return "\n".join(lines)


def _same_title(line: str, title: str) -> bool:
    a, b = line.casefold(), title.casefold()
    return a == b or (len(a) >= 12 and b.startswith(a))
