"""Length limits: the cheapest filter, for documents too short or too long to be useful text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from saring.document import Document
from saring.step import FilterStep, Reject


class LengthFilter(FilterStep):
    """Reject documents outside character / whitespace-word bounds (``None`` disables a bound)."""

    name = "length"

    PROVIDES = ("chars", "words")

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        min_chars: int | None = 200
        max_chars: int | None = None
        min_words: int | None = None
        max_words: int | None = None

        def __post_init__(self) -> None:
            for key in ("min_chars", "max_chars", "min_words", "max_words"):
                v = getattr(self, key)
                if v is not None and v < 0:
                    raise ValueError(f"{key} must be >= 0, got {v}")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        self.min_chars, self.max_chars = c.min_chars, c.max_chars
        self.min_words, self.max_words = c.min_words, c.max_words

    def score(self, doc: Document) -> dict[str, Any]:
        scores: dict[str, Any] = {"chars": len(doc.text)}
        if self.min_words is not None or self.max_words is not None:
            scores["words"] = len(doc.text.split())
        return scores

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        chars, words = scores["chars"], scores.get("words")
        if self.min_chars is not None and chars < self.min_chars:
            return Reject("too_short_chars", chars, self.min_chars)
        if self.max_chars is not None and chars > self.max_chars:
            return Reject("too_long_chars", chars, self.max_chars)
        if words is not None and self.min_words is not None and words < self.min_words:
            return Reject("too_few_words", words, self.min_words)
        if words is not None and self.max_words is not None and words > self.max_words:
            return Reject("too_many_words", words, self.max_words)
        return None
