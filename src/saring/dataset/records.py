"""The per-document record of the published dataset: flat fields a training pipeline reads, plus
the full provenance as one JSON string.

Top-level fields (fixed schema, ``None`` when unknown, so every file and every language has the
same columns and ``datasets`` never has to guess a type):

- ``id``, ``text``: the document as kept (after every edit).
- ``lang``: detected language (``langid``), else the language the source declared, else ``und``;
  in the ``other`` partition this names the actual language. ``lang_score``: langid's confidence.
- ``url``, ``domain`` (registered domain of the URL host, e.g. ``kompas.com``), ``date`` (the
  source's date string, verbatim).
- ``mt_damage``: the repair step's machine-translation damage score (0 = clean, 1 = wrecked).
- ``quality``: the measurements the quality filters made (profile, words, ratios).
- ``dup_cluster``: the near/exact duplicate cluster this document was kept for (dedup), if any.
- ``provenance``: ``json.loads`` gives ``metadata``, ``edits``, ``annotations``, ``flags`` and
  ``decision`` exactly as saring's document model holds them; :func:`to_document` rebuilds the
  :class:`~saring.document.Document`. A string, not a nested column: metadata keys differ from one
  source to the next and a fixed Arrow schema cannot hold them.
"""

from __future__ import annotations

import math
from typing import Any

import orjson

from saring.document import Document
from saring.languages import UNKNOWN, doc_language

# (name, type) of the quality summary, taken from the quality filters' annotations.
QUALITY_FIELDS: tuple[tuple[str, str, str, type], ...] = (
    # (field, filter annotation suffix, annotation key, type)
    ("profile", "gopher_quality", "profile", str),
    ("words", "gopher_quality", "n_words", int),
    ("avg_word_length", "gopher_quality", "avg_word_length", float),
    ("alpha_words_ratio", "gopher_quality", "alpha_words_ratio", float),
    ("stop_words", "gopher_quality", "stop_words", int),
    ("line_punct_ratio", "fineweb_quality", "line_punct_ratio", float),
    ("dup_line_frac", "gopher_repetition", "dup_line_frac", float),
    ("top_2_gram_frac", "gopher_repetition", "top_2_gram_frac", float),
)
FIELDS = ("id", "text", "lang", "lang_score", "url", "domain", "date", "mt_damage", "quality",
          "dup_cluster", "provenance")


def _annotation(annotations: dict[str, Any], name: str) -> dict[str, Any]:
    """The annotations of a step by name, also when it ran under a dotted label
    (``quality.gopher_quality``); the first match in pipeline order."""
    ann = annotations.get(name)
    if isinstance(ann, dict):
        return ann
    for label, ann in annotations.items():
        if label.endswith("." + name) and isinstance(ann, dict):
            return ann
    return {}


def _typed(value: Any, kind: type) -> Any:
    if kind is str:
        return value if isinstance(value, str) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if kind is int:
        return int(value)
    return float(value) if math.isfinite(value) else None


def _annotations_named(annotations: dict[str, Any], names: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """:func:`_annotation` of every name (none holds a dot) in one pass over the labels: a
    dotted label ends with ``"." + name`` exactly when its part after the last dot is ``name``."""
    found: dict[str, dict[str, Any]] = {}
    for name in names:
        ann = annotations.get(name)
        if isinstance(ann, dict):
            found[name] = ann
    if len(found) < len(names):
        for label, ann in annotations.items():
            dot = label.rfind(".")
            if dot >= 0 and isinstance(ann, dict):
                name = label[dot + 1:]
                if name not in found and name in names:
                    found[name] = ann
    return found


_QUALITY_STEPS = tuple(dict.fromkeys(step for _, step, _, _ in QUALITY_FIELDS))
_RECORD_STEPS = ("langid", "dedup", "repair", *_QUALITY_STEPS)


def quality_summary(annotations: dict[str, Any],
                    found: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The quality filters' main measurements (``None`` for filters that did not run);
    ``found``: the filters' annotations by name when the caller looked them up already."""
    if found is None:
        found = _annotations_named(annotations, _QUALITY_STEPS)
    empty: dict[str, Any] = {}
    return {field: _typed(found.get(step, empty).get(key), kind) for field, step, key, kind in QUALITY_FIELDS}


def domain_of(metadata: dict[str, Any]) -> str | None:
    """Registered domain of the document's site (URL host, else ``domain``/``outlet`` field)."""
    from saring.boilerplate.dateline import registered_domain
    from saring.repair.damage import site_of

    site = site_of(metadata)
    if not site:
        return None
    return registered_domain(site) if "." in site else site


def training_record(doc: Document) -> dict[str, Any]:
    """The published record of one kept document (see the module docstring for the fields)."""
    md = doc.metadata
    ann = doc.annotations
    found = _annotations_named(ann, _RECORD_STEPS)
    empty: dict[str, Any] = {}
    langid = found.get("langid", empty)
    lang = doc_language(md)
    url = md.get("url")
    date = md.get("date")
    cluster = found.get("dedup", empty).get("cluster_id")
    provenance = {
        "metadata": md,
        "edits": [e.to_dict() for e in doc.edits],
        "annotations": ann,
        "flags": doc.flags,
        "decision": doc.decision.to_dict(),
    }
    return {
        "id": doc.id,
        "text": doc.text,
        "lang": lang if lang else UNKNOWN,
        "lang_score": _typed(langid.get("score"), float),
        "url": url if isinstance(url, str) and url else None,
        "domain": domain_of(md),
        "date": date if isinstance(date, str) and date else None,
        "mt_damage": _typed(found.get("repair", empty).get("mt_damage"), float),
        "quality": quality_summary(ann, found),
        "dup_cluster": cluster if isinstance(cluster, str) else None,
        "provenance": orjson.dumps(provenance, default=str).decode(),
    }


def to_document(record: dict[str, Any]) -> Document:
    """Rebuild the full :class:`Document` (history included) from a published record."""
    prov = record["provenance"]
    if isinstance(prov, str):
        prov = orjson.loads(prov)
    return Document.from_dict({"id": record["id"], "text": record["text"], **prov})


def arrow_schema() -> Any:
    """The Arrow schema of the Parquet files (the JSONL files hold the same fields)."""
    import pyarrow as pa

    types = {str: pa.string(), int: pa.int64(), float: pa.float64()}
    quality = pa.struct([pa.field(f, types[k]) for f, _, _, k in QUALITY_FIELDS])
    return pa.schema([
        pa.field("id", pa.string()), pa.field("text", pa.string()),
        pa.field("lang", pa.string()), pa.field("lang_score", pa.float64()),
        pa.field("url", pa.string()), pa.field("domain", pa.string()),
        pa.field("date", pa.string()), pa.field("mt_damage", pa.float64()),
        pa.field("quality", quality), pa.field("dup_cluster", pa.string()),
        pa.field("provenance", pa.string()),
    ], metadata={b"saring": b"dataset/1"})


def hf_features() -> dict[str, Any]:
    """The same schema in the ``dataset_info.features`` form of a Hugging Face dataset card."""
    names = {str: "string", int: "int64", float: "float64"}
    simple = {"id": "string", "text": "string", "lang": "string", "lang_score": "float64",
              "url": "string", "domain": "string", "date": "string", "mt_damage": "float64"}
    feats: list[dict[str, Any]] = [{"name": k, "dtype": v} for k, v in simple.items()]
    feats.append({"name": "quality", "struct": [
        {"name": f, "dtype": names[k]} for f, _, _, k in QUALITY_FIELDS]})
    feats.append({"name": "dup_cluster", "dtype": "string"})
    feats.append({"name": "provenance", "dtype": "string"})
    return {"features": feats}
