"""The ``url`` step: domain metadata, then domain blocklist and URL-path spam decisions.

Puts ``host``, ``domain`` (registered domain) and ``suffix`` into metadata for every document
with a URL (so later per-domain counting and opt-out need no parsing), then rejects:

* ``domain_blocklist`` - the host or one of its parent domains is on the blocklist
  (``saring/data/url/domain_blocklist.tsv`` plus ``blocklist_file``/``domains``);
* ``domain_token`` - the registered domain's name contains a gambling/adult token
  (``domain_tokens.tsv``, e.g. ``slot88resmi.com``); public-sector suffixes (``go.id``,
  ``ac.id``, ``sch.id``, ``mil.id``) are exempt (anti-gambling campaigns live there);
* ``url_path_spam`` - a *strong* path pattern (``/slot-gacor/``, ``/link-alternatif``), the
  usual sign of a hacked site hosting spam pages; *weak* words (``togel``) only annotate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from saring.document import Document
from saring.quality.optout import matching_domain
from saring.scan import needles_present
from saring.step import FilterStep, Reject
from saring.url.domains import url_parts

DATA = Path(__file__).resolve().parents[1] / "data" / "url"
REPORTING = re.compile(
    r"(?:^|[-_/])(?:polisi|polda|polres|tangkap|ditangkap|menangkap|blokir|diblokir|kominfo|komdigi|"
    r"bareskrim|razia|berantas|memberantas|bongkar|dibongkar|tersangka|ojk|satgas|bahaya|larang)"
    r"(?:$|[-_/.])"
)
EXEMPT_SUFFIXES = frozenset({"go.id", "ac.id", "sch.id", "mil.id", "desa.id"})


def _rows(path: Path) -> list[list[str]]:
    out = []
    for row in path.read_text("utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            out.append(row.rstrip("\n").split("\t"))
    return out


@lru_cache(maxsize=4)
def load_blocklist(extra: str | None = None) -> dict[str, str]:
    lst = {r[0].strip().lower(): r[1].strip() for r in _rows(DATA / "domain_blocklist.tsv")}
    if extra:
        lst.update({r[0].strip().lower(): (r[1].strip() if len(r) > 1 else "blocked")
                    for r in _rows(Path(extra))})
    return lst


@lru_cache(maxsize=1)
def load_tokens() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = _rows(DATA / "domain_tokens.tsv")
    cats = {r[0]: r[1] for r in rows}
    alts = "|".join(sorted((re.escape(t) for t in cats), key=len, reverse=True))
    return re.compile(alts), cats


@lru_cache(maxsize=1)
def load_path_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    """(regex, category, strength); every pattern is bounded (no nested repeats): linear."""
    return [(re.compile(r[0]), r[1], r[2]) for r in _rows(DATA / "path_patterns.tsv")]


@lru_cache(maxsize=1)
def path_gate() -> re.Pattern[str]:
    """One search that finds a match wherever any path pattern has one (their alternation: a
    pattern matching at a position makes the alternation match there or earlier), so a path
    none of them matches (nearly every news URL) costs one scan instead of one per pattern."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _c, _s in load_path_patterns()) or "(?!)")


@lru_cache(maxsize=1)
def path_needles() -> tuple[str, ...] | None:
    """A run of literal characters that every match of each path pattern holds (read off its
    parse tree: ``slot[-_]?gacor`` -> ``gacor``), or None when some pattern has none. A path
    holding none of them matches no pattern, which one compiled needle scan tells (nearly every
    news URL) more cheaply than the gate's alternation."""
    from saring.boilerplate.dispatch import required_literal

    runs = [required_literal(p.pattern) for p, _c, _s in load_path_patterns()]
    needles = tuple(dict.fromkeys(runs))
    return needles if runs and all(runs) and len(needles) <= 64 else None


@lru_cache(maxsize=1)
def path_candidates() -> tuple[tuple[int, tuple[re.Pattern[str], str, str]], ...] | None:
    """Each path pattern with the bit of its required literal in :func:`path_needles`' scan
    (None without needles). A pattern whose literal is absent cannot match, so only the
    patterns whose bit the scan sets are searched, each on its own: the gate's alternation
    has no literal prefix for ``sre`` to skip by (~170 us on a slug holding a needle word such
    as ``daftar``), while each pattern starts with one."""
    from saring.boilerplate.dispatch import required_literal

    needles = path_needles()
    if needles is None:
        return None
    index = {nd: i for i, nd in enumerate(needles)}
    return tuple((1 << index[required_literal(p[0].pattern)], p) for p in load_path_patterns())


class URLFilter(FilterStep):
    """Domain metadata + domain blocklist, domain-name tokens and URL-path spam patterns."""

    name = "url"

    PROVIDES = ("blocklist", "blocklist_category", "domain_token", "domain_token_category",
                "path_spam", "path_weak")

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        blocklist_file: str | None = None
        domains: list[str] | None = None
        use_tokens: bool = True
        use_path_patterns: bool = True

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        self.extra = {d.strip().lower().removeprefix("www."): "blocked" for d in c.domains or ()}
        self._blocked_cache: tuple[dict[str, str], frozenset[str]] | None = None

    def setup(self) -> None:
        """Load the suffix list (the public suffix trie, from the resource cache) and the rule data
        now, once per worker, instead of on the first document with a URL."""
        url_parts("https://www.example.co.id/")
        self._blocked()
        load_tokens()
        load_path_patterns()
        path_gate()
        path_needles()
        path_candidates()

    def _blocked(self) -> tuple[dict[str, str], frozenset[str]]:
        """The blocklist (file + ``domains``) and its domain set, built once per step."""
        if self._blocked_cache is None:
            blocked = {**load_blocklist(self.config.blocklist_file), **self.extra}
            self._blocked_cache = (blocked, frozenset(blocked))
        return self._blocked_cache

    def score(self, doc: Document) -> dict[str, Any]:
        url = doc.metadata.get("url")
        parts = url_parts(url) if isinstance(url, str) else None
        if parts is None:
            return {}
        for k in ("host", "domain", "suffix"):
            doc.metadata.setdefault(k, parts[k])
        out: dict[str, Any] = {}
        blocked, listed = self._blocked()
        hit = matching_domain(parts["host"], listed)
        if hit:
            out["blocklist"] = hit
            out["blocklist_category"] = blocked[hit]
        if self.config.use_tokens and parts["suffix"] not in EXEMPT_SUFFIXES:
            rx, cats = load_tokens()
            m = rx.search(parts["name"])
            if m:
                out["domain_token"] = m.group(0)
                out["domain_token_category"] = cats[m.group(0)]
        if self.config.use_path_patterns and parts["path"]:
            path = parts["path"].lower()[:2000]
            cands = path_candidates()
            if cands is None:
                if path_gate().search(path) is None:
                    return out
                pats = load_path_patterns()
            else:
                bits = needles_present(path, path_needles())
                if not bits:
                    return out
                pats = [p for bit, p in cands if bits & bit]
            strong = [p.pattern for p, _, s in pats if s == "strong" and p.search(path)]
            weak = [p.pattern for p, _, s in pats if s == "weak" and p.search(path)]
            if strong and REPORTING.search(path):
                weak, strong = strong + weak, []
            if strong:
                out["path_spam"] = strong[:3]
            if weak:
                out["path_weak"] = weak[:3]
        return out

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        if "blocklist" in scores:
            return Reject("domain_blocklist", scores["blocklist"], scores["blocklist_category"])
        if "domain_token" in scores:
            return Reject("domain_token", doc.metadata.get("domain"), scores["domain_token"])
        if "path_spam" in scores:
            return Reject("url_path_spam", scores["path_spam"][0], "strong path pattern")
        return None
