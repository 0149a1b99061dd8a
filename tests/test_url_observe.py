"""Per-domain counters: counted per final decision, merged across shards, long tail folded."""

from __future__ import annotations

from saring.document import Decision, Document
from saring.url.observe import OTHER, DomainCounter


def _doc(url: str | None, status: str = "kept", step: str | None = None,
         reason: str | None = None) -> Document:
    d = Document("x", "t", {"url": url} if url else {})
    d.decision = Decision(status, step, reason)
    return d


def test_counts_by_registered_domain_and_reason():
    a, b = DomainCounter(), DomainCounter()
    a.observe(_doc("https://news.detik.com/a"))
    a.observe(_doc("https://www.detik.com/b", "rejected", "quality", "gopher_short_doc"))
    a.observe(_doc("https://www.detik.com/b", "rejected", "read", "warc_type"))  # not a page
    b.observe(_doc("https://detik.com/c"))
    b.observe(_doc(None, "error", "extract", "error"))
    merged = DomainCounter().merge([a.result(), b.result()])
    assert merged["detik.com"] == {"kept": 2, "rejected": 1, "quality:gopher_short_doc": 1}
    assert merged["(no url)"] == {"error": 1}


def test_long_tail_is_folded():
    c = DomainCounter(top=2)
    for i, n in enumerate((5, 3, 1, 1)):
        for _ in range(n):
            c.observe(_doc(f"https://site{i}.co.id/x"))
    merged = c.merge([c.result()])
    assert list(merged) == ["site0.co.id", "site1.co.id", OTHER]
    assert merged[OTHER] == {"kept": 2, "domains": 2}
