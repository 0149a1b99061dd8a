"""Step names usable in YAML configs, mapped lazily to their classes.

Lazy import paths keep start-up fast and let optional parts (Ray, HTML) stay optional.
Third-party steps can be added with :func:`register` or by a ``module:Class`` path in YAML.
"""

from __future__ import annotations

import importlib
from typing import Any

STEPS: dict[str, str] = {
    "normalize": "saring.normalize.step:Normalize",
    "boilerplate": "saring.boilerplate.step:Boilerplate",
    "repair": "saring.repair.step:Repair",
    "site_damage": "saring.repair.sites:SiteDamage",
    "langid": "saring.langid.step:LanguageID",
    "quality": "saring.quality.step:QualityFilter",
    "gopher_quality": "saring.quality.gopher:GopherQuality",
    "gopher_repetition": "saring.quality.gopher:GopherRepetition",
    "c4": "saring.quality.c4:C4Lines",
    "fineweb_quality": "saring.quality.fineweb:FineWebQuality",
    "spam": "saring.quality.spam:SpamFilter",
    "optout": "saring.quality.optout:OptOutFilter",
    "pii": "saring.pii.step:PII",
    "dedup": "saring.dedup.stage:Dedup",
    "length": "saring.quality.basic:LengthFilter",
    "extract": "saring.extract.step:Extract",
    "url": "saring.url.step:URLFilter",
}

_CUSTOM: dict[str, type] = {}


class ConfigError(ValueError):
    """A pipeline configuration problem, reported in one line to the user."""


def register(name: str, cls: type) -> None:
    _CUSTOM[name] = cls


def resolve(name: str) -> type:
    """Return the step class for a registry name or a ``package.module:Class`` path."""
    if name in _CUSTOM:
        return _CUSTOM[name]
    path = STEPS.get(name)
    if path is None and ":" in name:
        path = name
    if path is None:
        known = ", ".join(sorted({*STEPS, *_CUSTOM}))
        raise ConfigError(f"unknown step {name!r}; known steps: {known}")
    module, _, attr = path.partition(":")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"step {name!r} cannot be loaded from {path}: {exc}") from exc


def available() -> dict[str, Any]:
    return {**STEPS, **{k: f"{v.__module__}:{v.__qualname__}" for k, v in _CUSTOM.items()}}
