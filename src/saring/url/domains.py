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
    ext = _extractor()(host)
    domain = f"{ext.domain}.{ext.suffix}" if ext.domain and ext.suffix else host
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        path = parts.path + ("?" + parts.query if parts.query else "")
    except ValueError:
        path = ""
    return {"host": host, "domain": domain, "suffix": ext.suffix, "name": ext.domain,
            "path": path}
