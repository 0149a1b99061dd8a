"""Shared evaluation counts, so every benchmark computes precision and recall the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PRCounts:
    """True/false positives and false negatives; empty denominators count as perfect (1.0)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
