"""Scoring PII detection against gold spans: per-type precision and recall.

A prediction counts as correct only with the gold type and the exact gold offsets, so a
detector that redacts half a phone number (leaving digits behind) is penalised twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from evaluation.pii.generate import Example
from saring.metrics import PRCounts
from saring.pii.detect import Span


@dataclass
class TypeScore(PRCounts):
    """Counts for one PII type."""


@dataclass
class Report:
    by_type: dict[str, TypeScore] = field(default_factory=dict)
    # (category, "fp"/"fn", type) -> count, to see which families fail
    errors: Counter = field(default_factory=Counter)
    examples: list[tuple[str, str, str, int, int]] = field(default_factory=list)

    def score(self, t: str) -> TypeScore:
        return self.by_type.setdefault(t, TypeScore())


def evaluate(
    examples: Iterable[Example], find: Callable[[str], list[Span]], keep_examples: int = 20
) -> Report:
    """Run ``find`` (text -> spans) on every example and compare with its gold spans."""
    rep = Report()
    for ex in examples:
        gold = {(s.type, s.start, s.end) for s in ex.spans}
        pred = {(s.type, s.start, s.end) for s in find(ex.text)}
        for t, _a, _b in pred & gold:
            rep.score(t).tp += 1
        for t, a, b in pred - gold:
            rep.score(t).fp += 1
            rep.errors[(ex.category, "fp", t)] += 1
            if len(rep.examples) < keep_examples:
                rep.examples.append((ex.category, "fp", ex.text, a, b))
        for t, a, b in gold - pred:
            rep.score(t).fn += 1
            rep.errors[(ex.category, "fn", t)] += 1
            if len(rep.examples) < keep_examples:
                rep.examples.append((ex.category, "fn", ex.text, a, b))
    return rep
