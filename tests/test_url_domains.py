"""The own suffix-list walk equals tldextract's (same bundled snapshot) and stays import-free."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.url import domains

tldextract = pytest.importorskip("tldextract")
_REFERENCE = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

# Rules of every kind: plain, nested, wildcard (*.kawasaki.jp), exception (!city.kawasaki.jp),
# IDN (xn--), private-section names (blogspot.com: not a suffix here), IPs, ports, userinfo.
_HOSTS = [
    "news.detik.com", "unair.ac.id", "a.b.bbc.co.uk", "co.uk", "uk", "com", "localhost", "",
    "foo.kawasaki.jp", "city.kawasaki.jp", "a.city.kawasaki.jp", "kawasaki.jp", "x.ck", "www.ck",
    "ck", "xn--fiqs8s", "a.xn--fiqs8s", "b.xn--p1ai", "xn--zz", "a.xn--", "myblog.blogspot.com",
    "192.168.0.1", "999.1.1.1", "1.2.3", "[::1]", "[::1]:80", "[zz]", "user@host.go.id:8080",
    "a..id", ".id", "id.", "A.Go.ID", "x\u3002co\uff0eid", "*.kawasaki.jp", "!city.kawasaki.jp",
    "http://x.sch.id/p?q#f", "//x.or.id", "ftp:/x.id", "a b.id", "a:b@c.d@e.co.id",
]
_LABELS = st.sampled_from(["co", "id", "go", "ac", "uk", "jp", "kawasaki", "city", "ck", "www", "*",
                           "!city", "xn--p1ai", "xn--fiqs8s", "xn--", "blogspot", "com", "1", "255",
                           "", "B", "é", "\u3002", "@", ":", "[", "]", "/"])


def _reference(host: str) -> tuple[str, str]:
    ext = _REFERENCE(host)
    return ext.domain, ext.suffix


@pytest.mark.parametrize("host", _HOSTS)
def test_listed_hosts_split_as_tldextract(host: str) -> None:
    assert domains._name_and_suffix(host) == _reference(host)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LABELS, min_size=1, max_size=5))
def test_label_sequences_split_as_tldextract(labels: list[str]) -> None:
    host = ".".join(labels)
    assert domains._name_and_suffix(host) == _reference(host)


@settings(max_examples=800, deadline=None)
@given(st.text(max_size=30))
def test_any_text_splits_as_tldextract(text: str) -> None:
    assert domains._name_and_suffix(text) == _reference(text)


def test_trie_is_tldextract_public_trie() -> None:
    """Same nodes and end flags as tldextract's own ICANN trie (built from the same file)."""
    ours = domains.build_trie(domains.snapshot_file().read_text(encoding="utf-8"))
    theirs = _REFERENCE._get_tld_extractor().tlds_excl_private_trie

    def same(a: domains.Node, b) -> bool:  # noqa: ANN001 (tldextract's Trie)
        return a[0] == b.end and a[1].keys() == b.matches.keys() and all(
            same(a[1][k], b.matches[k]) for k in a[1])

    assert same(ours, theirs)


def test_setup_imports_neither_tldextract_nor_requests(tmp_path) -> None:
    code = ("import sys; from saring.url.step import URLFilter; URLFilter().ensure_setup(); "
            "print(sorted(m for m in ('tldextract', 'requests') if m in sys.modules))")
    for _ in range(2):  # building the cache entry, then reading it
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"SARING_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
        assert out.stdout.strip() == "[]"
    assert list(tmp_path.glob("url_suffix_trie-*"))
