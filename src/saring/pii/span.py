"""The span type the PII finders return (its own module: the detector and the finders share it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A detected PII span in the text given to :meth:`saring.pii.detect.Detector.find`."""

    type: str
    start: int
    end: int
    confidence: float
    rule: str
