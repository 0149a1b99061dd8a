"""``site_and_host`` answers what ``site_of`` and ``host_of`` answer, with one url match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate.dateline import host_of, site_and_host, site_of
from saring.boilerplate.rules import load_outlets

OUTLETS = load_outlets()
_PARTS = ["https://", "http://", "ftp://", "www.", "news.", "Detik", "kompas", ".com", ".co.id", ".id", "/",
          "?a=1", "#x", "user@", ":8080", "..", "-", " ", "é", "9", "rejabar.republika"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_PARTS), max_size=8).map("".join), st.text(max_size=30), st.none(),
                 st.integers()),
       st.one_of(st.none(), st.sampled_from(["Kompas", "KOMPAS.com", " ", "", "ANTARA/JACX", "Tempo.co"]),
                 st.text(max_size=12)))
def test_site_and_host_equals_the_two_lookups(url, outlet) -> None:
    meta = {}
    if url is not None:
        meta["url"] = url
    if outlet is not None:
        meta["outlet"] = outlet
    assert site_and_host(meta, OUTLETS) == (site_of(meta, OUTLETS), host_of(meta))
