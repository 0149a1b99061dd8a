"""Per-document observers: statistics gathered while documents are written, merged per run.

An observer is any picklable object with ``name``, ``observe(doc)``, ``result() -> dict`` and
``merge(results) -> dict``. The runner sends a fresh copy with every shard task (so no state
crosses shards), calls ``observe`` for every document whose decision is final (rejected and
error documents in the segment that decided them, kept documents in the last segment), stores
``result()`` in the shard's marker (resume keeps it), and at the end calls ``merge`` on the
per-shard results in shard order. The merged dicts appear in ``stats.json`` under ``observed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from saring.document import Document


@runtime_checkable
class Observer(Protocol):
    name: str

    def observe(self, doc: Document) -> None: ...

    def result(self) -> dict[str, Any]: ...

    def merge(self, results: Sequence[dict[str, Any]]) -> dict[str, Any]: ...


def observer_identity(observers: Sequence[Any]) -> list[str]:
    return [f"{type(o).__module__}.{type(o).__qualname__}:{o.name}" for o in observers]


def merge_observed(observers: Sequence[Any], results: Sequence[Any]) -> dict[str, Any]:
    """Merge the per-shard results of each observer (``results``: ShardResults, any order of
    segments, shard order preserved)."""
    out: dict[str, Any] = {}
    for o in observers:
        parts = [r.observed[o.name] for r in results if o.name in r.observed]
        out[o.name] = o.merge(parts)
    return out
