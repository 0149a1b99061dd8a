"""Exact shortcuts of the per-document bookkeeping outside the steps (session 11, run9): the
report's site key takes plain ``http(s)://host`` URLs without ``urlsplit``, and a training record
looks up its steps' annotations in one pass over the labels. Both must give what the plain
versions give on any input."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.dataset import records as R
from saring.document import Document
from saring.report import collect as C


def _reference_site_of(doc: Document) -> str:
    """``report.collect._site_of`` before its fast path (urlsplit only)."""
    md = doc.metadata
    url = md.get("url")
    if isinstance(url, str) and url:
        try:
            host = urlsplit(url.strip()).hostname or ""
        except ValueError:
            host = ""
        if host:
            return (host[4:] if host.startswith("www.") else host)[:100]
    return C._named_site(md)  # unchanged: the metadata fallback


_PIECES = ["http", "https", "HTTP", "://", "//", "www.", "WWW.", "Detik", ".com", ".co.id", "-", "/",
           "?", "#", ":", "80", "@", "[", "]", "\n", "\t", " ", "\x01", "é", "%", "a", "x" * 120]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join),
       st.sampled_from(["", " ", "\n", "\t "]))
def test_site_key_equals_urlsplit(url: str, pad: str) -> None:
    for u in (url, "https://" + url, "http://www." + url, pad + "https://" + url + pad):
        doc = Document("d", "t", {"url": u, "outlet": "Outlet"})
        assert C._site_of(doc) == _reference_site_of(doc), repr(u)


_labels = st.sampled_from(["langid", "dedup", "repair", "gopher_quality", "quality.gopher_quality",
                           "quality.fineweb_quality", "x.quality.gopher_repetition", "fineweb_quality",
                           "gopher_repetition.x", "notdedup", "a.dedup", ".repair", "quality", "q.langid"])
_values = st.one_of(st.dictionaries(st.sampled_from(["score", "cluster_id", "mt_damage", "profile",
                                                     "n_words", "dup_line_frac"]),
                                    st.one_of(st.integers(), st.floats(), st.text(max_size=3), st.none()),
                                    max_size=3),
                    st.none(), st.integers(), st.lists(st.integers(), max_size=2))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_labels, _values), max_size=8))
def test_one_pass_annotation_lookup_equals_the_per_name_one(items: list[tuple[str, Any]]) -> None:
    anns = dict(items)  # insertion order is pipeline order
    found = R._annotations_named(anns, R._RECORD_STEPS)
    for name in R._RECORD_STEPS:
        ref = R._annotation(anns, name)
        assert found.get(name, {}) is ref or (ref == {} and name not in found), (name, anns)
    reference = _outcome(lambda: {field: R._typed(R._annotation(anns, step).get(key), kind)
                                  for field, step, key, kind in R.QUALITY_FIELDS})
    assert _outcome(lambda: R.quality_summary(anns)) == reference
    assert _outcome(lambda: R.quality_summary(anns, found)) == reference


def _outcome(fn: Any) -> str:
    """The result's repr, or the exception's type (``_typed`` of a NaN count raises in both)."""
    try:
        return repr(fn())
    except Exception as exc:  # noqa: BLE001 - compared, not handled
        return type(exc).__name__
