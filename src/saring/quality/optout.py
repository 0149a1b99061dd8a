"""Publisher opt-out: drop documents from domains whose owners forbid AI/crawling use.

The domain list is data (``saring/data/quality/optout_domains.txt``), extendable per run with
``domains`` or replaced with ``domains_file``. A domain matches itself and every subdomain.
Documents without a known URL are kept (nothing to match); ``require_url`` flags them instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import scheme_chars, urlsplit

from saring.compiled import load
from saring.document import Document
from saring.quality.profiles import DATA_DIR
from saring.step import FilterStep, Reject

DEFAULT_FILE = DATA_DIR / "optout_domains.txt"
_SCAN = load("saring._c_scan")  # host_split (None: not built, or SARING_PURE_PYTHON=1)


def read_domains(path: str | Path) -> list[str]:
    rows = Path(path).read_text("utf-8").splitlines()
    return [r.strip().lower() for r in rows if r.strip() and not r.lstrip().startswith("#")]


def split_url(url: str) -> tuple[str, str, str]:
    """``urlsplit(url)``'s netloc, path and query (raises its ``ValueError``), parsed once.

    ``urlsplit`` is a Python function behind an ``lru_cache`` that a run misses (every URL is
    new): its scheme loop, ``SplitResult`` and cache entry cost more than the parse. A plain
    URL (ASCII, nothing for ``urlsplit`` to strip or remove, no IPv6 brackets, so nothing for
    it to reject either) takes the same steps here; anything else goes to ``urlsplit``."""
    if not (url.isascii() and url[:1] > " " and "\t" not in url and "\n" not in url
            and "\r" not in url and "[" not in url and "]" not in url):
        p = urlsplit(url)
        return p.netloc, p.path, p.query
    i = url.find(":")
    if i > 0 and url[0].isalpha() and not url[:i].strip(scheme_chars):
        url = url[i + 1:]
    netloc = query = ""
    if url[:2] == "//":
        end = len(url)
        for c in "/?#":
            w = url.find(c, 2)
            if 0 <= w < end:
                end = w
        netloc, url = url[2:end], url[end:]
    if "#" in url:
        url = url.partition("#")[0]
    if "?" in url:
        url, _, query = url.partition("?")
    return netloc, url, query


def netloc_hostname(netloc: str) -> str | None:
    """``SplitResult.hostname`` of a netloc: the same steps as ``urllib.parse``'s."""
    hostinfo = netloc.rpartition("@")[2]
    _, have_open_br, bracketed = hostinfo.partition("[")
    hostname = bracketed.partition("]")[0] if have_open_br else hostinfo.partition(":")[0]
    if not hostname:
        return None
    hostname, percent, zone = hostname.partition("%")  # an IPv6 zone keeps its case
    return hostname.lower() + percent + zone


def host_and_split(url: str) -> tuple[str | None, str, tuple[str, str, str] | None]:
    """:func:`url_host`, the string it parsed and that parse (None where it raised), so
    ``url.url_parts`` reads the path from the same parse instead of splitting again. A plain
    ASCII URL (nearly every one) is parsed by the compiled scan in one call (the same steps as
    :func:`host_and_split_py`, ~6x cheaper than interpreting them)."""
    if _SCAN is not None:
        found = _SCAN.host_split(url)
        if found is not None:
            return found  # type: ignore[no-any-return]
    return host_and_split_py(url)


def host_and_split_py(url: str) -> tuple[str | None, str, tuple[str, str, str] | None]:
    """:func:`host_and_split` in Python (the reference, and every URL the kernel leaves)."""
    url = url.strip()
    if not url:
        return None, url, None
    if "//" not in url:
        url = "//" + url
    try:
        parts = split_url(url)
    except ValueError:
        return None, url, None
    host = netloc_hostname(parts[0])
    if not host:
        return None, url, parts
    host = host.rstrip(".")
    return (host[4:] if host.startswith("www.") else host), url, parts


def url_host(url: str) -> str | None:
    """Lower-cased host of ``url`` (scheme optional), without ``www.``/port; None if unparsable."""
    return host_and_split(url)[0]


def url_host_reference(url: str) -> str | None:
    """:func:`url_host` by ``urlsplit`` itself (the reference the tests compare with)."""
    url = url.strip()
    if not url:
        return None
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def matching_domain(host: str, domains: frozenset[str]) -> str | None:
    """The listed domain that ``host`` equals or is a subdomain of (checks each suffix once):
    ``host``, then what follows each of its dots but the last (the suffixes of at least two
    labels), cut by slicing (:func:`matching_domain_py` joins the split labels)."""
    last = host.rfind(".")
    start = 0
    while start <= last:
        cand = host[start:] if start else host
        if cand in domains:
            return cand
        start = host.index(".", start) + 1
    return None


def matching_domain_py(host: str, domains: frozenset[str]) -> str | None:
    """:func:`matching_domain` by its definition (the reference the tests compare with)."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in domains:
            return cand
    return None


class OptOutFilter(FilterStep):
    """Reject documents whose ``metadata["url"]`` is on an opted-out domain (``publisher_optout``)."""

    name = "optout"

    PROVIDES = ("host", "optout_domain")

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        domains: list[str] | None = None
        domains_file: str | None = None
        use_default_list: bool = True

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        domains, domains_file, use_default_list = c.domains, c.domains_file, c.use_default_list
        listed: list[str] = []
        if use_default_list:
            listed += read_domains(DEFAULT_FILE)
        if domains_file:
            listed += read_domains(domains_file)
        listed += [d.strip().lower().removeprefix("www.") for d in domains or () if d.strip()]
        self.domains = frozenset(listed)

    def score(self, doc: Document) -> dict[str, Any]:
        url = doc.metadata.get("url")
        host = url_host(url) if isinstance(url, str) else None
        if host is None:
            return {}
        hit = matching_domain(host, self.domains)
        return {"host": host, "optout_domain": hit} if hit else {}

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        hit = scores.get("optout_domain")
        return Reject("publisher_optout", scores["host"], hit) if hit else None
