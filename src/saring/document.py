"""The unit of work: a document with its text, metadata, edit log, annotations and decision.

Edits are the only way text changes, so every change can be explained and undone.
Offsets of an :class:`Edit` are in the text *as it was just before that edit*
(``end == start + len(before)``); undoing the log in reverse order restores the input exactly.
An edit with ``field`` set changed that metadata field (a dotted path), not the text; text
undo and offset mapping skip it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from saring.record import Record

KEPT = "kept"
REJECTED = "rejected"
ERROR = "error"


class Edit(Record):
    """One replacement of ``before`` by ``after`` at ``[start, end)`` of the pre-edit text."""

    _fields = ("step", "kind", "start", "end", "before", "after", "confidence", "field")
    __slots__ = _fields
    step: str
    kind: str
    start: int
    end: int
    before: str
    after: str
    confidence: float
    field: str | None  # a metadata field (dotted path) instead of the text

    def __init__(self, step: str, kind: str, start: int, end: int, before: str, after: str,
                 confidence: float = 1.0, field: str | None = None) -> None:
        self.step = step
        self.kind = kind
        self.start = start
        self.end = end
        self.before = before
        self.after = after
        self.confidence = confidence
        self.field = field

    def to_dict(self) -> dict[str, Any]:
        d = {
            "step": self.step,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "confidence": self.confidence,
        }
        if self.field is not None:
            d["field"] = self.field
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edit:
        return cls(
            d["step"], d["kind"], d["start"], d["end"], d["before"], d["after"],
            d.get("confidence", 1.0), d.get("field"),
        )


class Replacement(Record):
    """A proposed change in the *current* text, used to build edits in one batch."""

    _fields = ("start", "end", "after", "kind", "confidence")
    __slots__ = _fields
    start: int
    end: int
    after: str
    kind: str
    confidence: float

    def __init__(self, start: int, end: int, after: str, kind: str, confidence: float = 1.0) -> None:
        self.start = start
        self.end = end
        self.after = after
        self.kind = kind
        self.confidence = confidence


class Decision(Record):
    """Why a document left the pipeline (or that it was kept)."""

    _fields = ("status", "step", "reason", "value", "threshold", "message")
    __slots__ = _fields
    status: str
    step: str | None
    reason: str | None
    value: Any
    threshold: Any
    message: str | None

    def __init__(self, status: str = KEPT, step: str | None = None, reason: str | None = None,
                 value: Any = None, threshold: Any = None, message: str | None = None) -> None:
        self.status = status
        self.step = step
        self.reason = reason
        self.value = value
        self.threshold = threshold
        self.message = message

    def to_dict(self) -> dict[str, Any]:
        """``status`` and every other field that is set, in field order (a kept document's
        decision is just its status: that case returns without looking at the others)."""
        if self.step is None and self.reason is None and self.value is None \
                and self.threshold is None and self.message is None:
            return {"status": self.status}
        d: dict[str, Any] = {"status": self.status}
        for k in ("step", "reason", "value", "threshold", "message"):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Decision:
        if not d:
            return cls()
        return cls(
            d.get("status", KEPT), d.get("step"), d.get("reason"), d.get("value"),
            d.get("threshold"), d.get("message"),
        )


class Document(Record):
    """A text document flowing through the pipeline.

    ``metadata`` holds what came with the input (source file, line, url, date, lang, extras);
    ``annotations`` holds what steps measured, keyed by step label, so thresholds can change
    later without re-measuring; ``flags`` holds suspicions a step chose not to act on.
    """

    _fields = ("id", "text", "metadata", "edits", "annotations", "flags", "decision")
    __slots__ = _fields
    id: str
    text: str
    metadata: dict[str, Any]
    edits: list[Edit]
    annotations: dict[str, dict[str, Any]]
    flags: list[dict[str, Any]]
    decision: Decision

    def __init__(self, id: str, text: str, metadata: dict[str, Any] | None = None,  # noqa: A002
                 edits: list[Edit] | None = None, annotations: dict[str, dict[str, Any]] | None = None,
                 flags: list[dict[str, Any]] | None = None, decision: Decision | None = None) -> None:
        """Omitted (None) containers start empty, each document its own, as the dataclass's
        ``default_factory`` fields did."""
        self.id = id
        self.text = text
        self.metadata = {} if metadata is None else metadata
        self.edits = [] if edits is None else edits
        self.annotations = {} if annotations is None else annotations
        self.flags = [] if flags is None else flags
        self.decision = Decision() if decision is None else decision

    # ------------------------------------------------------------------ editing
    def apply(self, step: str, replacements: Iterable[Replacement]) -> int:
        """Apply non-overlapping replacements given in current-text offsets; log each as an Edit.

        Returns the number of edits made. Overlapping or out-of-range replacements raise
        ``ValueError`` (a bug in the calling step, never silently merged).
        """
        reps = sorted(replacements, key=lambda r: (r.start, r.end))
        if not reps:
            return 0
        text = self.text
        n = len(text)
        pos = 0
        for r in reps:  # validate everything first so a bad batch changes nothing
            if r.start < pos or r.end < r.start or r.end > n:
                raise ValueError(
                    f"{step}: bad or overlapping replacement [{r.start},{r.end}) at pos {pos}"
                )
            pos = r.end
        parts: list[str] = []
        pos = 0
        delta = 0
        made = 0
        for r in reps:
            before = text[r.start : r.end]
            if before == r.after:
                continue
            parts.append(text[pos : r.start])
            parts.append(r.after)
            self.edits.append(
                Edit(step, r.kind, r.start + delta, r.end + delta, before, r.after, r.confidence)
            )
            delta += len(r.after) - len(before)
            pos = r.end
            made += 1
        if made:
            parts.append(text[pos:])
            self.text = "".join(parts)
        return made

    def replace_text(self, step: str, new_text: str, kind: str, confidence: float = 1.0) -> int:
        """Replace the whole text as one edit (for steps that rewrite globally)."""
        return self.apply(step, [Replacement(0, len(self.text), new_text, kind, confidence)])

    def undo(self, n: int | None = None) -> str:
        """Return the text with the last ``n`` edits (all when ``None``) undone; self unchanged."""
        text = self.text
        edits = self.edits if n is None else self.edits[len(self.edits) - n :]
        for e in reversed(edits):
            if e.field is None:
                text = text[: e.start] + e.before + text[e.start + len(e.after) :]
        return text

    def original_text(self) -> str:
        """The text as read, before any edit."""
        return self.undo()

    def text_before(self, step: str) -> str:
        """The text just before the first edit made by ``step``."""
        for i, e in enumerate(self.edits):
            if e.step == step and e.field is None:
                return self.undo(len(self.edits) - i)
        return self.text

    def map_offset(self, pos: int, version: int) -> int:
        """Map ``pos`` in the text as it was after the first ``version`` edits to the current text.

        Steps record offsets in the text they saw (see ``text_version`` in their annotations);
        later edits shift them. A position inside a later replaced span maps to that span's start.
        """
        for e in self.edits[version:]:
            if e.field is not None:
                continue
            if pos >= e.end:
                pos += len(e.after) - len(e.before)
            elif pos > e.start:
                pos = e.start
        return pos

    # -------------------------------------------------------------- annotation
    def annotate(self, step: str, **values: Any) -> None:
        """Add ``values`` to ``step``'s annotations (later values of a key replace earlier ones).
        A step's first annotation keeps the keyword dict itself: it is new at every call, so
        nothing else holds it, and no empty dict is made to be filled."""
        ann = self.annotations.get(step)
        if ann is None:
            self.annotations[step] = values
        else:
            ann.update(values)

    def flag(self, step: str, kind: str, **info: Any) -> None:
        self.flags.append({"step": step, "kind": kind, **info})

    # ----------------------------------------------------------------- decision
    @property
    def status(self) -> str:
        return self.decision.status

    def reject(self, step: str, reason: str, value: Any = None, threshold: Any = None) -> None:
        self.decision = Decision(REJECTED, step, reason, value, threshold)

    def fail(self, step: str | None, message: str, reason: str = "error") -> None:
        self.decision = Decision(ERROR, step, reason, None, None, message)

    # ------------------------------------------------------------ serialization
    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "metadata": self.metadata,
            "edits": [e.to_dict() for e in self.edits] if self.edits else [],
            "annotations": self.annotations,
            "flags": self.flags,
            "decision": self.decision.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=str(d["id"]),
            text=d["text"],
            metadata=dict(d.get("metadata") or {}),
            edits=[Edit.from_dict(e) for e in d.get("edits") or ()],
            annotations=dict(d.get("annotations") or {}),
            flags=list(d.get("flags") or ()),
            decision=Decision.from_dict(d.get("decision")),
        )
