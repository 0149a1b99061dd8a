"""Host, registered domain and public suffix of a URL, offline.

The split is tldextract's (``TLDExtract(suffix_list_urls=())``: its bundled public suffix list
snapshot, ICANN section, never the network), computed here without importing tldextract: its
import pulls ``requests`` and building its trie costs ~0.15 CPU-s per worker. The same trie is
parsed from the same snapshot file and kept in the resource cache; the walk below is
tldextract 5.x's ``lenient_netloc`` / ``_extract_netloc`` / ``suffix_index``, step for step
(tests compare both on the corpora's URLs and on hypothesis-made hosts).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import scheme_chars, urlsplit

from saring.quality.optout import host_and_split, split_url, url_host_reference

# A trie node: (is a listed suffix, {label: child}); labels as the list writes them ("*", "!www").
Node = tuple[bool, dict[str, Any]]

# tldextract.suffix_list's rule pattern and the line that starts the private section.
_RULE_RE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_PRIVATE_SEPARATOR = "// ===BEGIN PRIVATE DOMAINS==="
# tldextract.remote's IPv4 pattern.
_IPV4_RE = re.compile(
    r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.)"
    r"{3}(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    re.ASCII,
)
_SCHEME_CHARS = frozenset(scheme_chars)


def snapshot_file() -> Path:
    """tldextract's bundled suffix list (found without importing the package)."""
    spec = importlib.util.find_spec("tldextract")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("tldextract (its public suffix list snapshot) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / ".tld_set_snapshot"


def build_trie(text: str) -> Node:
    """The trie of the list's public (ICANN) rules, labels reversed, as tldextract builds it."""
    public = text.partition(_PRIVATE_SEPARATOR)[0]
    root: Node = (False, {})
    ends: set[int] = set()
    nodes: dict[int, Node] = {}
    for m in _RULE_RE.finditer(public):
        node = root
        for label in reversed(m.group("suffix").split(".")):
            node = node[1].setdefault(label, (False, {}))
        ends.add(id(node))
        nodes[id(node)] = node
    return _mark_ends(root, ends)


def _mark_ends(node: Node, ends: set[int]) -> Node:
    """``node`` rebuilt with each listed suffix flagged (tuples are built before they are known)."""
    return (id(node) in ends, {k: _mark_ends(v, ends) for k, v in node[1].items()})


@lru_cache(maxsize=1)
def _suffix_trie() -> Node:
    """The suffix trie, once per process (from the resource cache when it was built before)."""
    from saring.resource_cache import load_cached

    path = snapshot_file()

    def build() -> dict[str, Any]:
        return {"trie": build_trie(path.read_text(encoding="utf-8"))}

    return load_cached("url_suffix_trie", build, [path])["trie"]


def url_parts(url: str) -> dict[str, str] | None:
    """``{"host", "domain", "suffix", "path"}`` of ``url``; None when it has no host. The URL
    is parsed once: the host's parse gives the path too unless the URL had surrounding
    whitespace (the host is read from the stripped URL, the path from the URL as given)."""
    host, parsed, parts = host_and_split(url)
    if not host:
        return None
    name, suffix = _name_and_suffix(host)
    domain = f"{name}.{suffix}" if name and suffix else host
    target = url if "//" in url else "//" + url
    try:
        if parts is None or target != parsed:
            parts = split_url(target)
        path = parts[1] + ("?" + parts[2] if parts[2] else "")
    except ValueError:
        path = ""
    return {"host": host, "domain": domain, "suffix": suffix, "name": name, "path": path}


def url_parts_reference(url: str) -> dict[str, str] | None:
    """:func:`url_parts` by ``urlsplit`` itself, twice (the reference the tests compare with)."""
    host = url_host_reference(url)
    if not host:
        return None
    name, suffix = _name_and_suffix(host)
    domain = f"{name}.{suffix}" if name and suffix else host
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        path = parts.path + ("?" + parts.query if parts.query else "")
    except ValueError:
        path = ""
    return {"host": host, "domain": domain, "suffix": suffix, "name": name, "path": path}


@lru_cache(maxsize=8192)
def _name_and_suffix(host: str) -> tuple[str, str]:
    """tldextract's domain label and public suffix of a host (hosts repeat across documents:
    cached, a pure function of the host and the bundled suffix list)."""
    netloc = _lenient_netloc(host).replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]" and _looks_like_ipv6(netloc[1:-1]):
        return netloc, ""
    labels = netloc.split(".")
    index = _suffix_index(labels, _suffix_trie())
    if index is None:
        if len(labels) == 4 and netloc[0].isdecimal() and _IPV4_RE.fullmatch(netloc):
            return netloc, ""
        return labels[-1], ""
    return (labels[index - 1] if index > 0 else ""), ".".join(labels[index:])


def _lenient_netloc(url: str) -> str:
    """tldextract.remote.lenient_netloc: the case-kept host of a URL-like string."""
    start = url.find("//")
    if start == 0:
        url = url[2:]
    elif start >= 2 and url[start - 1] == ":" and not set(url[: start - 1]) - _SCHEME_CHARS:
        url = url[start + 2:]
    authority = url.partition("/")[0].partition("?")[0].partition("#")[0]
    after_userinfo = authority.rpartition("@")[-1]
    if after_userinfo and after_userinfo[0] == "[":
        maybe_ipv6 = after_userinfo.partition("]")
        if maybe_ipv6[1] == "]":
            return f"{maybe_ipv6[0]}]"
    return after_userinfo.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


def _looks_like_ipv6(text: str) -> bool:
    from ipaddress import AddressValueError, IPv6Address

    try:
        IPv6Address(text)
    except AddressValueError:
        return False
    return True


def _suffix_index(labels: list[str], root: Node) -> int | None:
    """Index of the first public-suffix label (tldextract's ``suffix_index``, ICANN rules)."""
    node = root
    suffix_idx = label_idx = len(labels)
    for label in reversed(labels):
        decoded = _decode_punycode(label)
        child = node[1].get(decoded)
        if child is not None:
            label_idx -= 1
            node = child
            if node[0]:
                suffix_idx = label_idx
            continue
        if "*" in node[1]:
            return label_idx if "!" + decoded in node[1] else label_idx - 1
        break
    return None if suffix_idx == len(labels) else suffix_idx


def _decode_punycode(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna

        try:
            return idna.decode(lowered)
        except (UnicodeError, IndexError):
            pass
    return lowered
