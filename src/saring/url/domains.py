"""Host, registered domain and public suffix of a URL, offline.

tldextract is built with ``suffix_list_urls=()`` and no cache folder, so it uses the public
suffix list snapshot bundled in the package and never touches the network (tested with sockets
blocked). One extractor per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from saring.quality.optout import url_host


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def url_parts(url: str) -> dict[str, str] | None:
    """``{"host", "domain", "suffix", "path"}`` of ``url``; None when it has no host."""
    host = url_host(url)
    if not host:
        return None
    name, suffix = _name_and_suffix(host)
    domain = f"{name}.{suffix}" if name and suffix else host
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        path = parts.path + ("?" + parts.query if parts.query else "")
    except ValueError:
        path = ""
    return {"host": host, "domain": domain, "suffix": suffix, "name": name, "path": path}


@lru_cache(maxsize=8192)
def _name_and_suffix(host: str) -> tuple[str, str]:
    """tldextract's domain label and public suffix of a host (hosts repeat across documents:
    cached, a pure function of the host and the bundled suffix list)."""
    ext = _extractor()(host)
    return ext.domain, ext.suffix
