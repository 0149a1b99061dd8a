"""One parse per URL (``optout.split_url`` / ``host_and_split``) against ``urlsplit`` itself.

The fast path copies ``urlsplit``'s steps for plain ASCII URLs; the texts here are built from
the characters those steps turn on (scheme characters, ``:`` ``//`` ``/?#`` ``@`` ``%``, ports,
brackets, whitespace and C0 controls that ``urlsplit`` strips or removes, non-ASCII and
full-width dots), so every branch and every hand-over to ``urlsplit`` is reached.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.quality import optout
from saring.quality.optout import host_and_split_py, split_url, url_host, url_host_reference
from saring.url.domains import url_parts, url_parts_reference

PIECES = [
    "http", "https", "HTTP", "ftp", "a+b-c.d", "1x", "x", "www.", "Www.", "WWW.", ":", "//", "/",
    "?", "#", "@", "%", "%25", ":80", ":", "[", "]", "[::1]", "[fe80::1%eTh0]", "user:pw@",
    "Detik.COM", "kompas.com", "example.co.id", ".", "..", "-", "_", "a", "Z", "9", " ", "\t",
    "\n", "\r", "\x00", "\x1f", "\x7f", "\u00a0", "\u3002", "\uff0e", "é", "ß", "İ", "ﬁ",
    "\u2100", "\U0001f600", "read/1?x=1#top", "?q", "#f",
]
URLS = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(exclude_categories=["Cs"])),
                max_size=14).map("".join)


def _split_ref(url: str) -> tuple[str, str, str] | str:
    try:
        p = urlsplit(url)
    except ValueError as e:
        return f"ValueError: {e}"
    return p.netloc, p.path, p.query


def _split(url: str) -> tuple[str, str, str] | str:
    try:
        return split_url(url)
    except ValueError as e:
        return f"ValueError: {e}"


@settings(max_examples=1500, deadline=None)
@given(URLS)
def test_split_host_and_parts_equal_urlsplit(url: str) -> None:
    assert _split(url) == _split_ref(url)
    assert _split("//" + url) == _split_ref("//" + url)
    assert url_host(url) == url_host_reference(url)
    assert url_parts(url) == url_parts_reference(url)


def test_examples() -> None:
    for url in ["https://www.Detik.com/news?a=1#x", "kompas.com/read/1", " https://x.id/a ",
                "http://user:pw@Host.EXAMPLE.com:8080/p", "http://[::1]:80/", "http://[::1/",
                "//a%Zone.B/", "mailto:x@y.z", "1http://a.b", "http:/a.b", "x:80", "", "   ",
                "https://", "https://www./", "http://a.b.", "\x00http://a.b", "http://a\tb.c/\n",
                "http://ex\uff0eamp/", "http://é.id/", "HTTP://X.ID?y#z"]:
        assert _split(url) == _split_ref(url)
        assert url_host(url) == url_host_reference(url), url
        assert url_parts(url) == url_parts_reference(url), url
    assert url_parts("https://www.Detik.com/news?a=1#x") == {
        "host": "detik.com", "domain": "detik.com", "suffix": "com", "name": "detik",
        "path": "/news?a=1"}


needs_scan = pytest.mark.skipif(optout._SCAN is None, reason="saring._c_scan not built")
# ASCII URLs only (the kernel's share): every piece above that is ASCII, plus upper-case hosts,
# "%" zones inside and before "www.", dots only, and the whitespace str.strip removes
ASCII_PIECES = [p for p in PIECES if p.isascii()] + [
    "WWW.", "wWw.", "W%w.", "ww%W.", "...", "\x0b", "\x0c", "\x1c", "\x1f ", "HoSt.Id", ":8",
    "@@", "a@b:c@d", "+", "A+1.b-", "%zZ",
]
ASCII_URLS = st.lists(st.sampled_from(ASCII_PIECES), max_size=14).map("".join)


@needs_scan
@settings(max_examples=2000, deadline=None)
@given(st.one_of(ASCII_URLS, URLS))
def test_host_split_kernel_equals_the_python_steps(url: str) -> None:
    """The compiled ``host_split`` gives :func:`host_and_split_py`'s answer, or None (a URL it
    leaves to the Python code: not ASCII, or not plain for ``split_url``)."""
    got = optout._SCAN.host_split(url)
    want = host_and_split_py(url)
    if got is None:
        stripped = url.strip()
        parsed = stripped if "//" in stripped else "//" + stripped
        assert not url.isascii() or (stripped and (parsed[:1] <= " "
                                                   or any(c in parsed for c in "\t\n\r[]")))
    else:
        assert got == want
        assert got[2] is None or got[2] == split_url(got[1])
    assert optout.host_and_split(url) == want


def test_host_and_split_without_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(optout, "_SCAN", None)
    for url in ["https://www.Detik.com/news?a=1#x", " kompas.com ", "", "http://[::1]/", "é.id"]:
        assert optout.host_and_split(url) == host_and_split_py(url)
        assert url_host(url) == url_host_reference(url)
        assert url_parts(url) == url_parts_reference(url)


_LABELS = st.lists(st.sampled_from(["", "a", "www", "detik", "co", "id", "com", "x-y", "."]),
                   max_size=6).map(".".join)


@settings(max_examples=1500, deadline=None)
@given(_LABELS, st.lists(_LABELS, max_size=4), st.integers(0, 6))
def test_matching_domain_equals_its_definition(host: str, others: list[str], k: int) -> None:
    """The suffixes cut at the dots are the joined label suffixes: the same first listed one
    (listed sets hold some of the host's own suffixes, the host, its last label, others)."""
    labels = host.split(".")
    listed = frozenset(others + [".".join(labels[k:]), labels[-1], host][: 1 + k % 3])
    assert optout.matching_domain(host, listed) == optout.matching_domain_py(host, listed)
    every = frozenset(".".join(labels[i:]) for i in range(len(labels)))
    assert optout.matching_domain(host, every) == optout.matching_domain_py(host, every)
