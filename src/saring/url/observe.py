"""Per-domain counters for ``stats.json``: pages kept / rejected / errors per registered domain.

An observer in the runner's sense (``observe(doc)``, ``result()``, ``merge(results)``): it sees
every document once its decision is final. WARC bookkeeping records (``request``, ``warcinfo``,
``metadata``) are not pages and are not counted. The merged table keeps the ``top`` domains by
pages and folds the rest into one ``(other)`` row, so stats stay small on a billion-page crawl.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from saring.document import Document

OTHER = "(other)"
NO_URL = "(no url)"


@lru_cache(maxsize=65536)
def _domain_of(url: str) -> str:
    from saring.url.domains import url_parts

    parts = url_parts(url)
    return parts["domain"] if parts else NO_URL


class DomainCounter:
    """Counts final decisions per registered domain (``metadata["domain"]``, else from the URL)."""

    name = "domains"

    def __init__(self, top: int = 1000) -> None:
        self.top = top
        self.counts: dict[str, Counter[str]] = {}

    def observe(self, doc: Document) -> None:
        if doc.decision.reason == "warc_type":
            return
        domain = doc.metadata.get("domain")
        if not isinstance(domain, str) or not domain:
            url = doc.metadata.get("url")
            domain = _domain_of(url) if isinstance(url, str) else NO_URL
        c = self.counts.get(domain)
        if c is None:
            c = self.counts[domain] = Counter()
        status = doc.decision.status
        c[status] += 1
        if status == "rejected":
            c[f"{doc.decision.step}:{doc.decision.reason}"] += 1

    def result(self) -> dict[str, Any]:
        return {d: dict(c) for d, c in self.counts.items()}

    def merge(self, results: Sequence[dict[str, Any]]) -> dict[str, Any]:
        total: dict[str, Counter[str]] = {}
        for part in results:
            for d, c in part.items():
                total.setdefault(d, Counter()).update(c)

        def pages(c: Counter[str]) -> int:
            return c["kept"] + c["rejected"] + c["error"]

        ranked = sorted(total.items(), key=lambda kv: (-pages(kv[1]), kv[0]))
        out = {d: dict(c) for d, c in ranked[: self.top]}
        rest = ranked[self.top:]
        if rest:
            other: Counter[str] = Counter()
            for _, c in rest:
                other.update(c)
            out[OTHER] = {**dict(other), "domains": len(rest)}
        return out


def with_domain_counter(pipeline: Any, observers: Sequence[Any]) -> list[Any]:
    """``observers`` plus a :class:`DomainCounter` when the pipeline deals in URLs (it has the
    ``url`` or ``extract`` step) and none is there yet."""
    from saring.extract.step import Extract
    from saring.url.step import URLFilter

    obs = list(observers)
    if any(getattr(o, "name", None) == DomainCounter.name for o in obs):
        return obs
    if any(isinstance(s, (URLFilter, Extract)) for s in pipeline.steps):
        obs.append(DomainCounter())
    return obs
