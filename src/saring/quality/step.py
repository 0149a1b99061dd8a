"""``quality``: the FineWeb-2 filter chain as one step (FineWeb, Gopher repetition, Gopher quality).

A convenience for configs: one entry, one profile choice, optionally C4 line pruning first. Each
sub-filter annotates under ``<label>.<filter>`` and the first failing rule rejects with its own
reason, value and threshold. The order is FineWeb-2's; the repetition rules must run after the
repair step's paragraph de-duplication (place ``quality`` after ``repair`` in the pipeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from saring.document import Document
from saring.quality.base import ProfiledFilter
from saring.quality.c4 import C4Lines
from saring.quality.fineweb import FineWebQuality
from saring.quality.gopher import GopherQuality, GopherRepetition
from saring.step import FilterStep, Reject

FILTERS: dict[str, type[ProfiledFilter]] = {
    "gopher_repetition": GopherRepetition,
    "fineweb_quality": FineWebQuality,
    "gopher_quality": GopherQuality,
}
# Default run order: FineWeb's line rules first (they need no tokenization), then FineWeb-2's
# order. Decisions equal FineWeb-2's order; only a document failing several filters may report
# a different first reason. Pass order=FINEWEB2_ORDER for FineWeb-2's exact order.
FINEWEB2_ORDER = ["gopher_repetition", "fineweb_quality", "gopher_quality"]
DEFAULT_ORDER = ["fineweb_quality", "gopher_repetition", "gopher_quality"]


class QualityFilter(FilterStep):
    """Run Gopher repetition, FineWeb quality and Gopher quality (and optionally C4) in order.

    ``order`` changes which filter runs first; keep/drop decisions do not depend on it (a document
    is kept only if every filter passes), only the reported first reason does. Putting
    ``fineweb_quality`` first is faster on raw scrapes: its line rules need no tokenization.
    """

    name = "quality"

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        profile: str | None = None
        default_profile: str | None = None
        c4: bool = False
        order: list[str] | None = None
        overrides: dict[str, dict[str, Any]] | None = None

        def __post_init__(self) -> None:
            allowed = {*FILTERS, "c4"}
            unknown = set(self.overrides or {}) - allowed
            if unknown:
                raise ValueError(
                    f"overrides: unknown filter(s) {sorted(unknown)}; accepted: {', '.join(sorted(allowed))}"
                )
            order = list(self.order or DEFAULT_ORDER)
            if sorted(order) != sorted(FILTERS):
                raise ValueError(f"order must list each of {', '.join(FILTERS)} once, got {order}")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        profile, default_profile, c4, score_only = c.profile, c.default_profile, c.c4, c.score_only
        overrides = dict(c.overrides or {})
        order = list(c.order or DEFAULT_ORDER)
        names = (["c4"] if c4 else []) + order
        classes: dict[str, type[ProfiledFilter]] = {"c4": C4Lines, **FILTERS}
        self.filters: list[ProfiledFilter] = [
            classes[n](
                profile=profile,
                default_profile=default_profile,
                overrides=overrides.get(n),
                score_only=score_only,
                label=f"{self.label}.{n}",
            )
            for n in names
        ]

    def provides(self) -> tuple[str, ...]:
        return super().provides() + tuple(k for f in self.filters for k in f.provides())

    def setup(self) -> None:
        for f in self.filters:
            f.ensure_setup()

    def process(self, doc: Document) -> Reject | None:
        first: Reject | None = None
        for f in self.filters:
            verdict = f.process(doc)
            if verdict is not None and first is None:
                first = verdict
                if not self.score_only:
                    return verdict
        return first

    def score(self, doc: Document) -> dict[str, Any]:
        return {f.label: f.score(doc) for f in self.filters}

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        for f in self.filters:
            verdict = f.decide(scores.get(f.label, {}), doc)
            if verdict is not None:
                return verdict
        return None
