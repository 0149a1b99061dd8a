"""The typed result of analysing one document: its lines and what the step decided about them.

``Boilerplate.analyse`` fills an ``Analysis`` phase by phase; ``Boilerplate.replacements`` turns
it into edits. All offsets are offsets of the text the analysis was made on.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from saring.analysis import analyse
from saring.boilerplate.dateline import Dateline

Span = tuple[int, int, str]  # start, end, rule id


@dataclass(frozen=True, slots=True)
class Lines:
    """A text split on ``\\n`` with the offset where each line starts."""

    text: str
    lines: list[str]
    starts: list[int]

    @classmethod
    def of(cls, text: str) -> Lines:
        """The lines of the shared per-text analysis (``saring.analysis``): a document left
        unchanged by this step hands its split to the steps after it (read-only lists)."""
        a = analyse(text)
        return cls(text, a.lines, a.line_starts)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> str:
        return self.lines[i]

    def line_of(self, offset: int) -> int:
        """Index of the line holding ``offset`` (a newline belongs to the line it ends)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def end(self, i: int) -> int:
        """Offset just past line ``i`` (before its newline)."""
        return self.starts[i] + len(self.lines[i])


@dataclass(slots=True)
class Analysis:
    """What to remove from one document, without having changed it.

    ``drop``: line index -> rule id (whole lines); ``spans``: parts of kept lines; ``flags``:
    (flag, rule id, line); ``glue`` and ``caps_head``: (insert offset, confidence) of a space;
    ``glue_suspects``: (offset, token) flagged but not changed.
    """

    lines: Lines
    drop: dict[int, str] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    dateline: Dateline | None = None
    flags: list[tuple[str, str, int]] = field(default_factory=list)
    glue: list[tuple[int, float]] = field(default_factory=list)
    glue_suspects: list[tuple[int, str]] = field(default_factory=list)
    caps_head: list[tuple[int, float]] = field(default_factory=list)
    learned: dict[int, float] = field(default_factory=dict)  # line -> score of a model removal
    needles: int = -1  # which span-rule needles the text holds (bits; -1: not scanned)
