"""Per-language threshold profiles, loaded once from ``saring/data/quality/profiles.yaml``.

The profile for a document is chosen from ``metadata["lang_detected"]`` (set by langid), then
``metadata["lang"]`` (declared by the source), then the configured default, so one pipeline
can filter a mixed-language corpus with the right thresholds for each document. A detected
language without a profile of its own gets the language-neutral ``other`` profile (the profile
of the ``other`` output partition, see :mod:`saring.languages`).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from saring.document import Document
from saring.languages import OTHER

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "quality"
SECTIONS = ("gopher_quality", "gopher_repetition", "fineweb_quality", "c4")


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / "profiles.yaml").read_text("utf-8"))


def profile_names() -> list[str]:
    return sorted(_load()["profiles"])


def default_profile() -> str:
    return str(_load()["default"])


def section(lang: str, name: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Settings of one filter (``name``) for profile ``lang``, with ``overrides`` applied on top.

    Unknown profiles raise ``ValueError`` so a typo in a config fails at construction time.
    """
    data = _load()
    profiles = data["profiles"]
    if lang not in profiles:
        raise ValueError(f"unknown quality profile {lang!r}; known: {', '.join(sorted(profiles))}")
    base = copy.deepcopy(data.get(name, {})) if name == "c4" else {}
    base.update(copy.deepcopy(profiles[lang].get(name, {})))
    if overrides:
        unknown = set(overrides) - set(base)
        if unknown:
            raise ValueError(
                f"unknown {name} setting(s) {sorted(unknown)}; accepted: {', '.join(sorted(base))}"
            )
        base.update(overrides)
    return base


def doc_lang(doc: Document, known: frozenset[str] | set[str], default: str) -> str:
    """Profile name for ``doc``: detected language, else declared language, else ``default``.

    A detected language we have no profile for (``min``, ``fr``, ...) gets ``other``; langid only
    lets such documents through when the run keeps the ``other`` partition.
    """
    md = doc.metadata
    for key in ("lang_detected", "lang"):
        lang = md.get(key)
        if isinstance(lang, str):
            lang = lang.lower()
            if lang in known:
                return lang
            short = lang.split("_", 1)[0].split("-", 1)[0]
            if short in known:
                return short
            if short in _ISO3:
                return _ISO3[short]
            if key == "lang_detected" and short != "und" and OTHER in known:
                return OTHER
    return default


# ISO 639-3 / FineWeb-2 codes that map onto our profiles.
_ISO3 = {"ind": "id", "zsm": "ms", "msa": "ms", "may": "ms", "jav": "jv", "sun": "su", "eng": "en"}
