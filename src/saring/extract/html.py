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


def head_tags(tree: Any) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-cased property/name/itemprop, plus the canonical link,
    from one pass over the DOM (a query per tag cost more than the text extraction itself)."""
    out: dict[str, str] = {}
    for el in tree.document.query_selector_all("meta[content], link[rel=canonical]"):
        if el.tag == "link":
            key, value = "canonical", el.getattr("href")
        else:
            key = el.getattr("property") or el.getattr("name") or el.getattr("itemprop")
            value = el.getattr("content")
        if key and isinstance(value, str) and value.strip():
            out.setdefault(key.strip().lower(), value.strip())
    return out


def page_metadata(tree: Any, html: str) -> dict[str, Any]:
    """Title, site name, ``lang`` attribute, canonical URL and publication date of a page."""
    meta: dict[str, Any] = {}
    title = (tree.title or "").strip()
    if title:
        meta["title"] = " ".join(title.split())[:500]
    tags = head_tags(tree)
    root = tree.document.query_selector("html")
    lang = root.getattr("lang") if root is not None else None
    for key, value in (("site_name", tags.get("og:site_name")), ("html_lang", lang),
                       ("canonical_url", tags.get("canonical"))):
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()[:500]
    date = meta_date(tags) or publication_date(html)
    if date:
        meta["date"] = date
    return meta


_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate",
              "publishdate", "content_publisheddate", "dc.date", "date")
_ISO_DATE = re.compile(r"((?:199[5-9]|20[0-9]{2})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))")


def meta_date(tags: dict[str, str]) -> str | None:
    """The ISO publication date from the usual ``<meta>`` tags (the fast path before htmldate:
    htmldate re-parses the page with lxml, which took half the extract time in profiling)."""
    import datetime as dt

    for key in _DATE_KEYS:
        v = tags.get(key)
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
