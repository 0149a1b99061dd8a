"""The ``pii`` step: find Indonesian personal data and tag, mask or only annotate it.

Modes:

* ``tag`` (default) replaces each span by a typed placeholder (``<NIK>``, ``<PHONE>`` ...), so
  the sentence keeps its shape for language modelling.
* ``mask`` replaces every letter and digit of the span by ``*`` and keeps separators: the text
  length and all offsets stay the same (useful when other annotations point into the text).
* ``annotate`` changes nothing and records the spans.

Each replacement is an edit of kind ``pii:<type>`` with the detector's confidence, so it can be
counted, reviewed and undone like any other edit.

What is stored about a span (``doc.annotations[label]["spans"]``): type, start, end,
confidence and rule, never the value. Offsets refer to the text as the step received it
(``doc.text_before(label)``). A plain hash is not stored either: phone numbers (about 10^10
values) and NIKs (structured, far fewer than 10^16 plausible values) are cheap to enumerate, so
an unkeyed hash would be a reversible pseudonym. With ``hash_key`` set, a keyed HMAC-SHA256
(first 16 hex chars) of the digits/address is stored so repeated values can be linked across
documents without revealing them; whoever holds the key can test guesses, so keep it secret.

Note for exporters: by default the edit log keeps ``before`` (the raw value) so every edit can be
reviewed and undone exactly. With ``keep_original=False`` the step masks ``before`` in its own
edits (same length, letters and digits as ``*``): the raw value then exists nowhere in the
document, and ``undo()`` gives back the input with the PII masked instead of the input itself.
Use :func:`scrub_edits` to do the same on documents processed earlier.

Metadata: every input field is copied into ``doc.metadata``, so the step also scans string
metadata (``metadata_fields``: ``None`` = every string field, nested objects and lists
included, except ``metadata_exclude``, by default ``url``, ``id`` and saring's provenance
fields). Changes are the same placeholders/masks, logged as edits with ``field`` set to the
dotted path (``author.phone``). The field name is given to the detector as context
(``telp: 0812...``), and structurally valid values without a context word, which in running
text are only flagged, are redacted too: a field has no sentence around it to clear them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass
from typing import Any

import regex

from saring.document import Document, Edit, Replacement
from saring.pii.detect import TYPES, Detector, Span, may_hold_pii, placeholder
from saring.step import MapStep, Reject, secret

MODES = ("tag", "mask", "annotate")
DEFAULT_METADATA_EXCLUDE = ("url", "id", "source_file", "source_line", "path", "line_bytes")
_MAX_DEPTH = 8
_MEMO_CHARS = 200  # metadata strings up to this length have their detector result remembered
_MEMO_SIZE = 4096  # ... in a memo cleared when it holds this many
_ALNUM = regex.compile(r"[0-9A-Za-z]")
_NON_ALNUM = regex.compile(r"[^0-9A-Za-z@.]")


def scrub_edits(edits: list[Edit]) -> int:
    """Mask the raw value kept in ``before`` of PII edits (kind ``pii:*``), keeping lengths so
    offsets and ``undo`` arithmetic stay consistent. Returns how many edits were scrubbed."""
    n = 0
    for e in edits:
        if e.kind.startswith("pii:"):
            masked = _ALNUM.sub("*", e.before)
            if masked != e.before:
                e.before = masked
                n += 1
    return n


class PII(MapStep):
    """Detect NIK, NPWP, phones, e-mails, public IPs, payment cards and bank accounts."""

    name = "pii"
    annotation_offsets = True
    PROVIDES = ("n", "counts", "spans", "suspects", "fields")

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        mode: str = "tag"
        types: list[str] | None = None
        min_confidence: float = 0.8
        context_window: int = 48
        record_spans: bool = True
        flag_suspects: bool = True
        # a secret: in the run fingerprint as a hash, never in the manifest
        hash_key: str | None = secret()
        keep_original: bool = True
        metadata_fields: list[str] | None = None
        metadata_exclude: list[str] | None = None

        def __post_init__(self) -> None:
            if self.mode not in MODES:
                raise ValueError(f"pii: mode must be one of {MODES}, got {self.mode!r}")
            unknown = set(self.types or ()) - set(TYPES)
            if unknown:
                raise ValueError(f"pii: unknown types {sorted(unknown)}; known: {', '.join(TYPES)}")
            if not 0.0 <= self.min_confidence <= 1.0:
                raise ValueError("pii: min_confidence must be within [0, 1]")
            if self.context_window < 8:
                raise ValueError("pii: context_window must be at least 8 characters")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        self.types = tuple(c.types) if c.types is not None else TYPES
        self.metadata_fields = None if c.metadata_fields is None else list(c.metadata_fields)
        self.metadata_exclude = list(DEFAULT_METADATA_EXCLUDE if c.metadata_exclude is None
                                     else c.metadata_exclude)
        self._detector: Detector | None = None
        self._unpicklable = ("_detector",)
        # ``_chosen``'s memo: a pure function's results (no document's output depends on what
        # an earlier one held: ``test_pii_memo.py``), bounded; most fields repeat across
        # documents (source, outlet, crawl day, date): without it the metadata scan costs ~2x
        self._chosen_memo: dict[tuple[str, str], tuple[Span, ...]] = {}
        self._exclude = frozenset(self.metadata_exclude)

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["_chosen_memo"] = {}  # a memo, not configuration: never sent or compared
        return state

    def setup(self) -> None:
        self._detector = Detector(types=self.types, context_window=self.config.context_window)

    @property
    def detector(self) -> Detector:
        if self._detector is None:
            self.setup()
        assert self._detector is not None
        return self._detector

    def _value_hash(self, value: str, pii_type: str) -> str:
        """Keyed hash of the canonical value (digits only, or the lower-cased address)."""
        canon = value.lower() if pii_type == "email" else _NON_ALNUM.sub("", value)
        key = (self.config.hash_key or "").encode()
        return hmac.new(key, canon.encode(), hashlib.sha256).hexdigest()[:16]

    def _replacement(self, text: str, sp: Span) -> Replacement:
        before = text[sp.start : sp.end]
        after = placeholder(sp.type) if self.config.mode == "tag" else _ALNUM.sub("*", before)
        return Replacement(sp.start, sp.end, after, f"pii:{sp.type}", sp.confidence)

    def process(self, doc: Document) -> Reject | None:
        text = doc.text
        spans, suspects = self.detector.find(text)
        spans = [sp for sp in spans if sp.confidence >= self.config.min_confidence]
        info: dict[str, Any] = {"n": len(spans)}
        if spans:
            info["counts"] = dict(Counter(sp.type for sp in spans))
        if self.config.record_spans and spans:
            info["spans"] = [self._span_record(text, sp) for sp in spans]
        if suspects:
            info["suspects"] = len(suspects)
            if self.config.flag_suspects:
                for sp in suspects:
                    doc.flag(
                        self.label,
                        "pii_suspect",
                        type=sp.type,
                        start=sp.start,
                        end=sp.end,
                        rule=sp.rule,
                    )
        n_before = len(doc.edits)
        if spans and self.config.mode != "annotate":
            doc.apply(self.label, [self._replacement(text, sp) for sp in spans])
        fields = self._scan_metadata(doc)
        if fields:
            info["fields"] = fields
        doc.annotate(self.label, **info)
        if not self.config.keep_original:
            scrub_edits(doc.edits[n_before:])
        return None

    # ------------------------------------------------------------------ metadata
    def _scan_metadata(self, doc: Document) -> dict[str, int]:
        """Redact PII in string metadata (see module docstring); returns spans per field."""
        found: dict[str, int] = {}
        md = doc.metadata
        keys = self.metadata_fields if self.metadata_fields is not None else list(md)
        exclude = self._exclude
        for key in keys:
            if key in exclude or key not in md:
                continue
            value = md[key]
            if isinstance(value, str):  # most fields: no redaction, the same object back
                new = self._scan_string(doc, str(key), value, found)
                if new is not value:
                    md[key] = new
            else:
                md[key] = self._scan_value(doc, str(key), value, found, 0)
        return found

    def _scan_value(self, doc: Document, path: str, value: Any, found: dict[str, int], depth: int) -> Any:
        if isinstance(value, str):
            return self._scan_string(doc, path, value, found)
        if depth >= _MAX_DEPTH:
            return value
        if isinstance(value, dict):
            return {k: self._scan_value(doc, f"{path}.{k}", v, found, depth + 1)
                    if k not in self._exclude else v for k, v in value.items()}
        if isinstance(value, list):
            return [self._scan_value(doc, f"{path}.{i}", v, found, depth + 1) for i, v in enumerate(value)]
        return value

    def _scan_string(self, doc: Document, path: str, value: str, found: dict[str, int]) -> str:
        chosen = self._chosen(path, value)
        if not chosen:
            return value
        found[path] = len(chosen)
        if self.config.mode == "annotate":
            return value
        tmp = Document(doc.id, value)
        tmp.apply(self.label, [self._replacement(value, sp) for sp in sorted(chosen, key=lambda x: x.start)])
        for e in tmp.edits:
            e.field = path
        doc.edits.extend(tmp.edits)
        return tmp.text

    def _chosen(self, path: str, value: str) -> tuple[Span, ...]:
        """The spans to redact in the field ``path`` holding ``value`` (offsets in ``value``):
        a pure function of the two, remembered for short values (bounded; most fields repeat
        across documents: source file, host, crawl day, language)."""
        if len(value) > _MEMO_CHARS:
            return self._choose(path, value)
        memo = self._chosen_memo
        key = (path, value)
        got = memo.get(key)
        if got is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            got = memo[key] = self._choose(path, value)
        return got

    def _choose(self, path: str, value: str) -> tuple[Span, ...]:
        if not value or value.isalpha() or not may_hold_pii(value):
            return ()  # no digit, "@", bracket or colon: no e-mail, number or address
        # the field name is context for the detector ("telp: 0812..."), offsets shifted back
        prefix = path.rsplit(".", 1)[-1].replace("_", " ") + ": "
        spans, suspects = self.detector.find(prefix + value)
        n = len(prefix)
        return tuple(Span(sp.type, sp.start - n, sp.end - n, sp.confidence, sp.rule)
                     for sp in (*spans, *suspects)
                     if sp.start >= n and (sp.confidence >= self.config.min_confidence or sp in suspects))

    def _span_record(self, text: str, sp: Span) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "type": sp.type,
            "start": sp.start,
            "end": sp.end,
            "confidence": sp.confidence,
            "rule": sp.rule,
        }
        if self.config.hash_key:
            rec["hash"] = self._value_hash(text[sp.start : sp.end], sp.type)
        return rec
