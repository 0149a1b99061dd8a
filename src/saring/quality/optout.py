"""Publisher opt-out: drop documents from domains whose owners forbid AI/crawling use.

The domain list is data (``saring/data/quality/optout_domains.txt``), extendable per run with
``domains`` or replaced with ``domains_file``. A domain matches itself and every subdomain.
Documents without a known URL are kept (nothing to match); ``require_url`` flags them instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from saring.document import Document
from saring.quality.profiles import DATA_DIR
from saring.step import FilterStep, Reject

DEFAULT_FILE = DATA_DIR / "optout_domains.txt"


def read_domains(path: str | Path) -> list[str]:
    rows = Path(path).read_text("utf-8").splitlines()
    return [r.strip().lower() for r in rows if r.strip() and not r.lstrip().startswith("#")]


def url_host(url: str) -> str | None:
    """Lower-cased host of ``url`` (scheme optional), without ``www.``/port; None if unparsable."""
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
    """The listed domain that ``host`` equals or is a subdomain of (checks each suffix once)."""
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
