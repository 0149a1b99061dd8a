"""Which languages a run keeps, and the output partition each document goes to.

A pipeline's ``languages`` list names output partitions: language codes (``id``, ``ms``, ...)
and optionally ``other``, which catches every detected language not listed by name. Langid
rejects documents of unlisted languages (``lang_not_kept``) unless ``other`` is listed; the
quality filters choose the profile of the document's language (``other`` has its own, language
neutral profile); the dataset writer puts each kept document into ``kept/<partition>/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

OTHER = "other"
UNKNOWN = "und"
# The languages saring has quality profiles and lexical language ID for, plus the catch-all.
DEFAULT_LANGUAGES: tuple[str, ...] = ("id", "ms", "jv", "su", "en", OTHER)
_CODE = re.compile(r"[a-z]{2,3}(?:_[a-z]{4})?")
# ISO 639-3 / FineWeb-2 style codes that name the same languages as our short codes.
ISO3 = {"ind": "id", "zsm": "ms", "msa": "ms", "may": "ms", "jav": "jv", "sun": "su", "eng": "en"}


def validate(languages: Any) -> list[str]:
    """A checked copy of a ``languages`` config value; raises ``ValueError`` with why."""
    if isinstance(languages, str) or not isinstance(languages, (list, tuple)) or not languages:
        raise ValueError(f"languages must be a non-empty list of language codes, got {languages!r}")
    out: list[str] = []
    for lang in languages:
        if not isinstance(lang, str) or not (lang == OTHER or _CODE.fullmatch(lang)):
            raise ValueError(
                f"languages: {lang!r} is not a lower-case ISO 639 code (e.g. id, ms, jv) or 'other'"
            )
        if lang in out:
            raise ValueError(f"languages: {lang!r} is listed twice")
        if lang == UNKNOWN:
            raise ValueError("languages: 'und' (undetermined) cannot be a partition; use 'other'")
        out.append(lang)
    return out


def short_code(lang: str) -> str:
    """``ind_Latn`` -> ``id``, ``zsm`` -> ``ms``, ``pt-BR`` -> ``pt``; lower case."""
    code = lang.lower().split("_", 1)[0].split("-", 1)[0]
    return ISO3.get(code, code)


def doc_language(metadata: Mapping[str, Any]) -> str:
    """A document's language: detected by langid, else declared by the source, else ``und``."""
    for key in ("lang_detected", "lang"):
        v = metadata.get(key)
        if isinstance(v, str) and v.strip():
            return short_code(v.strip())
    return UNKNOWN


def partition(lang: str, languages: Iterable[str]) -> str | None:
    """The output partition of a language: itself when listed, else ``other`` when listed."""
    langs = set(languages)
    if lang in langs:
        return lang
    if OTHER in langs:
        return OTHER
    return None


def kept_partition(lang: str, languages: Iterable[str]) -> str:
    """Partition of a *kept* document; never ``None`` so nothing kept is ever lost.

    Without langid in the pipeline an unlisted declared language can reach the end: it goes to
    ``other`` even when ``other`` is not listed (the card then lists an ``other`` config).
    """
    return partition(lang, languages) or OTHER
