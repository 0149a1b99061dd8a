"""MT-damage score per document and its pooling per site (domain).

The score is an artifact rate turned into 0..1: ``1 - exp(-rate)`` where ``rate`` is weighted
artifacts per 100 tokens (glue repaired 3, list comma 2, unrepaired suspicion 1, revision duplicate
3). One clear glue in a 300-token article gives ~0.6; the founding article scores ~1.0.

Pooling: one translator damages a whole site, so documents of a site share evidence. Pooling needs
the whole corpus, so it is never done inside the (per-document) repair step: the corpus stage
:class:`saring.repair.sites.SiteDamage` sums :class:`SiteStats` per shard and merges them in shard
order, which makes the figures independent of the number of workers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from saring.record import Record

WEIGHTS = {"repaired": 3.0, "list": 2.0, "flagged": 1.0, "revision": 3.0}
DAMAGED = 0.3  # a document counts as damaged for its site above this score
PRIOR_MEAN, PRIOR_WEIGHT = 0.02, 5.0


def damage_score(counts: Mapping[str, int], n_tokens: int) -> float:
    """0..1 damage from weighted artifact counts per 100 tokens."""
    weighted = sum(WEIGHTS[k] * counts.get(k, 0) for k in WEIGHTS)
    rate = 100.0 * weighted / max(1, n_tokens)
    return round(1.0 - math.exp(-rate), 4)


# "http(s)://host/...", the host plain ASCII: ``urlsplit(url).hostname`` is the host lowered
# (no user, port, brackets, whitespace or control characters for urlsplit to deal with)
PLAIN_URL = re.compile(r"https?://([A-Za-z0-9.\-]+)(?=[/?#]|\Z)")


def site_of(metadata: Mapping[str, Any]) -> str | None:
    """The site key of a document: URL host without ``www.``, else an ``outlet``/``domain`` field."""
    url = metadata.get("url")
    if isinstance(url, str) and url:
        plain = PLAIN_URL.match(url)
        if plain is not None:  # the common case, as urlsplit gives it (tested)
            return plain.group(1).lower().removeprefix("www.")
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    for key in ("domain", "outlet"):
        v = metadata.get(key)
        if isinstance(v, str) and v:
            return v.lower()
    return None


class SiteStats(Record):
    _fields = ("docs", "damage_sum", "damaged")
    docs: int
    damage_sum: float
    damaged: int

    def __init__(self, docs: int = 0, damage_sum: float = 0.0, damaged: int = 0) -> None:
        self.docs = docs
        self.damage_sum = damage_sum
        self.damaged = damaged

    def add(self, score: float) -> None:
        self.docs += 1
        self.damage_sum += score
        self.damaged += score > DAMAGED

    def merge(self, other: SiteStats) -> None:
        self.docs += other.docs
        self.damage_sum += other.damage_sum
        self.damaged += other.damaged

    @property
    def pooled(self) -> float:
        """Shrunk mean damage: few documents stay close to the clean prior."""
        return round((self.damage_sum + PRIOR_MEAN * PRIOR_WEIGHT) / (self.docs + PRIOR_WEIGHT), 4)

    @property
    def damaged_share(self) -> float:
        return self.damaged / self.docs if self.docs else 0.0


def pool_site_scores(records: Iterable[tuple[str | None, float]]) -> dict[str, dict[str, float]]:
    """Corpus pass: ``(site, mt_damage)`` pairs -> per-site pooled score, share damaged, docs."""
    sites: dict[str, SiteStats] = {}
    for site, score in records:
        if site is not None:
            sites.setdefault(site, SiteStats()).add(score)
    return {s: site_figures(st) for s, st in sites.items()}


def site_figures(st: SiteStats) -> dict[str, float]:
    """The per-site figures written by the corpus stage and attached to each document."""
    return {"site_mt_damage": st.pooled, "damaged_share": round(st.damaged_share, 4), "docs": st.docs}
