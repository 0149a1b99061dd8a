"""One parse per URL (``optout.split_url`` / ``host_and_split``) against ``urlsplit`` itself.

The fast path copies ``urlsplit``'s steps for plain ASCII URLs; the texts here are built from
the characters those steps turn on (scheme characters, ``:`` ``//`` ``/?#`` ``@`` ``%``, ports,
brackets, whitespace and C0 controls that ``urlsplit`` strips or removes, non-ASCII and
full-width dots), so every branch and every hand-over to ``urlsplit`` is reached.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.quality.optout import split_url, url_host, url_host_reference
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
