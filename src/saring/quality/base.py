"""Shared machinery of the profile-driven quality filters.

A filter is an ordered list of rules ``(reason, metric, direction, threshold)`` per language
profile plus a ``measure(metric, stats)`` method. Rules are checked in order (datatrove's order,
so the first failing rule names the rejection the same way); a rejected document records the
rule's reason, the measured value and the threshold. In normal mode measuring stops at the first
failing rule (the expensive n-gram metrics are often never needed); in ``score_only`` mode every
metric is measured and annotated, and the first failure is recorded as ``would_reject``.
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from saring.document import Document
from saring.quality import profiles
from saring.quality.textstats import TextStats, stats_for
from saring.step import FilterStep, Reject

MIN = "min"  # reject when value < threshold
MAX = "max"  # reject when value > threshold


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    metric: str
    direction: str
    threshold: float
    zero_ok: bool = False  # a value of exactly 0 passes (datatrove's line_punct_exclude_zero)

    def fails(self, value: float) -> bool:
        if self.zero_ok and value == 0:
            return False
        return value < self.threshold if self.direction == MIN else value > self.threshold


def enabled(value: Any) -> bool:
    """datatrove semantics: ``None``/``0``/``False`` switch a rule off."""
    return value is not None and value is not False and value != 0


class ProfiledFilter(FilterStep):
    """A filter whose thresholds come from the document's language profile.

    Parameters: ``profile`` forces one profile for every document; otherwise the profile comes
    from ``metadata["lang_detected"]``/``metadata["lang"]`` with ``default_profile`` as fallback.
    ``overrides`` replaces settings of this filter's profile section (for all profiles).
    """

    section: ClassVar[str] = ""

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        profile: str | None = None
        default_profile: str | None = None
        overrides: dict[str, Any] | None = None

        def __post_init__(self) -> None:
            names = profiles.profile_names()
            for p in (self.profile, self.default_profile):
                if p is not None and p not in names:
                    raise ValueError(f"unknown quality profile {p!r}; known: {', '.join(names)}")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        profile, overrides = c.profile, c.overrides
        names = profiles.profile_names()
        self.profile = profile
        self.default_profile = c.default_profile or profiles.default_profile()
        self.overrides = dict(overrides or {})
        self._known = frozenset(names)
        self._rules: dict[str, list[Rule]] = {}
        self._settings: dict[str, dict[str, Any]] = {}
        # per profile, the rules as plain tuples (metric, threshold, is_min, zero_ok, reason):
        # the loop of :meth:`evaluate` reads them without attribute look-ups
        self._plans: dict[str, tuple[tuple[str, float, bool, bool, str], ...]] = {}
        self._needs: dict[str, frozenset[str]] = {}  # per profile, the metrics its rules read
        for name in names:
            cfg = profiles.section(name, self.section, self.overrides)
            self._settings[name] = self.prepare(cfg)
            rules = self._rules[name] = self.build_rules(cfg)
            self._use_plan(name, tuple(
                (r.metric, r.threshold, r.direction == MIN, r.zero_ok, r.reason) for r in rules
            ))

    def _use_plan(self, lang: str, plan: tuple[tuple[str, Any, bool, bool, str], ...]) -> None:
        """Profile ``lang``'s rules as :meth:`evaluate` reads them (``plan``: (metric,
        threshold, is_min, zero_ok, reason) per rule, in order), with what derives from them."""
        self._plans[lang] = plan
        self._needs[lang] = frozenset(p[0] for p in plan)

    def provides(self) -> tuple[str, ...]:
        keys = {"profile"} | {r.metric for rules in self._rules.values() for r in rules}
        return super().provides() + tuple(f"{self.label}.{k}" for k in sorted(keys))

    # ---------------------------------------------------------------- to implement
    def prepare(self, cfg: dict[str, Any]) -> dict[str, Any]:
        """Turn a profile section into what ``measure`` needs (sets, tuples, ...)."""
        return cfg

    @abstractmethod
    def build_rules(self, cfg: dict[str, Any]) -> list[Rule]:
        """The filter's rules for one profile section, in datatrove's order."""

    @abstractmethod
    def measure(self, metric: str, st: TextStats, cfg: dict[str, Any]) -> float:
        """The measured value of ``metric`` on a document's statistics."""

    def measure_all(
        self, st: TextStats, cfg: dict[str, Any], need: frozenset[str]
    ) -> dict[str, float] | None:
        """The filter's metrics at once, each the value :meth:`measure` gives, or None (no such
        shortcut: :meth:`evaluate` then measures rule by rule). ``need``: the metrics the
        profile's rules read (measuring others is wasted work). A metric left out of the dict
        is measured by :meth:`measure` when its rule is reached.

        Only called after :meth:`precheck` let the text through. It may measure metrics that
        rule-by-rule measuring would not reach (a document failing an early rule): that costs
        time on rejected documents only. If it raises, :meth:`evaluate` measures rule by rule
        instead, so a metric that fails to measure behaves as before (an error only when its
        rule is reached)."""
        return None

    def precheck(self, st: TextStats, cfg: dict[str, Any]) -> Reject | None:
        """A verdict before any rule (e.g. empty text); ``None`` to go on."""
        return None

    def confirm(
        self, reason: str, metric: str, value: float, threshold: float, st: TextStats,
        cfg: dict[str, Any], scores: dict[str, Any],
    ) -> Reject | None:
        """The verdict of a rule whose measured ``value`` failed ``threshold``: a rejection
        (the default), or None when a second look finds the failure is not what the rule is
        about (the repetition rules: layout that repeats, see :mod:`saring.quality.repeats`).
        Runs only on failures; it may add what it found to ``scores`` (the annotations)."""
        return Reject(reason, value, threshold)

    # ---------------------------------------------------------------- running
    def lang_of(self, doc: Document) -> str:
        if self.profile is not None:
            return self.profile
        return profiles.doc_lang(doc, self._known, self.default_profile)

    def evaluate(
        self, text: str, lang: str, *, stop_early: bool
    ) -> tuple[dict[str, Any], Reject | None]:
        """Measure rules in order; return the scores and the first failing rule's verdict.

        The scores hold ``profile`` and then each metric in the order the rules first name it,
        up to the first failing rule when ``stop_early`` (every rule otherwise). The metric
        values come from :meth:`measure_all` when the filter has it (one call instead of one
        per rule; same values), else from :meth:`measure` rule by rule."""
        st = stats_for(text)
        cfg = self._settings[lang]
        scores: dict[str, Any] = {"profile": lang}
        verdict = self.precheck(st, cfg)
        if verdict is not None:
            return scores, verdict
        plan = self._plans[lang]
        if not plan:
            return scores, None
        try:
            values = self.measure_all(st, cfg, self._needs[lang])
        except Exception:  # noqa: BLE001 - measured rule by rule below: the same outcome as before
            values = None
        if values is None:
            return self._evaluate_by_rule(st, cfg, lang, scores, stop_early)
        measure = self.measure
        for metric, t, is_min, zero_ok, reason in plan:
            value = values.get(metric)
            if value is None:  # a metric measure_all leaves to its rule (e.g. one that tokenizes)
                value = values[metric] = measure(metric, st, cfg)
            scores[metric] = value
            if verdict is None and (value < t if is_min else value > t) and not (
                zero_ok and value == 0
            ):
                verdict = self.confirm(reason, metric, value, t, st, cfg, scores)
                if stop_early and verdict is not None:
                    break
        return scores, verdict

    def _evaluate_by_rule(
        self, st: TextStats, cfg: dict[str, Any], lang: str, scores: dict[str, Any], stop_early: bool
    ) -> tuple[dict[str, Any], Reject | None]:
        """:meth:`evaluate` measuring each metric when its first rule is reached (the reference)."""
        verdict = None
        measure = self.measure
        for metric, t, is_min, zero_ok, reason in self._plans[lang]:
            value = scores.get(metric)
            if value is None:
                value = scores[metric] = measure(metric, st, cfg)
            if verdict is None and (value < t if is_min else value > t) and not (
                zero_ok and value == 0
            ):
                verdict = self.confirm(reason, metric, value, t, st, cfg, scores)
                if stop_early and verdict is not None:
                    break
        return scores, verdict

    def score(self, doc: Document) -> dict[str, Any]:
        return self.evaluate(doc.text, self.lang_of(doc), stop_early=False)[0]

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        """Re-decide from stored scores (e.g. after changing thresholds) without re-measuring."""
        lang = scores.get("profile") or self.lang_of(doc)
        st = stats_for(doc.text)
        verdict = self.precheck(st, self._settings[lang])
        if verdict is not None:
            return verdict
        cfg = self._settings[lang]
        for rule in self._rules[lang]:
            value = scores.get(rule.metric)
            if value is not None and rule.fails(value):
                verdict = self.confirm(rule.reason, rule.metric, value, rule.threshold, st, cfg, scores)
                if verdict is not None:
                    return verdict
        return None

    def process(self, doc: Document) -> Reject | None:
        scores, verdict = self.evaluate(doc.text, self.lang_of(doc), stop_early=not self.score_only)
        ann = doc.annotations.get(self.label)
        if ann is None:  # doc.annotate(label, **scores) without copying the fresh dict
            doc.annotations[self.label] = scores
        else:
            ann.update(scores)
        return verdict
