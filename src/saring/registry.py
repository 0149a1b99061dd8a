"""Step names usable in YAML configs, mapped lazily to their classes.

Lazy import paths keep start-up fast and let optional parts (Ray, HTML) stay optional.

A config can only *name steps*, never run code of its choosing:

* Third-party steps come as plugins, the way the Python ecosystem does it: a package declares
  an entry point in the group ``saring.steps`` (``name = "pkg.module:StepClass"``), or code
  calls :func:`register` before building the pipeline.
* A ``module:Class`` path in YAML is accepted only when ``module`` belongs to saring, to a
  package that declares ``saring.steps`` entry points, or to a package listed in the
  environment variable ``SARING_STEP_MODULES`` (comma-separated top-level names, for local
  development); other modules are not even imported.
* Whatever is resolved must be a subclass of :class:`~saring.step.Step` or
  :class:`~saring.step.CorpusStage`; this is checked before anything is called.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import importlib.metadata

ENTRY_POINT_GROUP = "saring.steps"
ALLOW_ENV = "SARING_STEP_MODULES"

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


def _check_step_class(name: str, obj: Any, where: str) -> type:
    """``obj`` itself if it is a Step/CorpusStage subclass, else a ConfigError (nothing called)."""
    from saring.step import CorpusStage, Step

    if not (isinstance(obj, type) and issubclass(obj, (Step, CorpusStage))):
        what = obj.__name__ if isinstance(obj, type) else type(obj).__name__
        raise ConfigError(f"step {name!r}: {where} is {what}, not a subclass of saring Step or "
                          "CorpusStage; a config can only name steps")
    return obj


def register(name: str, cls: type) -> None:
    """Make ``cls`` (a Step or CorpusStage subclass) usable as ``name`` in configs."""
    _CUSTOM[name] = _check_step_class(name, cls, "the registered object")


def _entry_points() -> list[importlib.metadata.EntryPoint]:
    import importlib.metadata  # ~25 ms of imports (email.*): only when a config needs plugins

    try:
        return list(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))
    except Exception:  # noqa: BLE001 - broken package metadata must not stop saring
        return []


def step_packages() -> set[str]:
    """Top-level packages whose modules a ``module:Class`` path may name."""
    allowed = {"saring"}
    allowed.update(ep.value.split(":")[0].split(".")[0] for ep in _entry_points())
    allowed.update(x.strip() for x in os.environ.get(ALLOW_ENV, "").split(",") if x.strip())
    return allowed


def _import_attr(name: str, path: str) -> Any:
    module, _, attr = path.partition(":")
    try:
        obj: Any = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
        return obj
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"step {name!r} cannot be loaded from {path}: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - a plugin failing at import is a config problem
        raise ConfigError(f"step {name!r}: importing {module} failed: {type(exc).__name__}: {exc}") from exc


def resolve(name: str) -> type:
    """Return the step class for a registry name, a plugin name or a ``module:Class`` path.

    Raises :class:`ConfigError` for unknown names, modules outside :func:`step_packages` (not
    imported) and anything that is not a Step/CorpusStage subclass (never called).
    """
    if name in _CUSTOM:
        return _CUSTOM[name]
    path = STEPS.get(name)
    if path is not None:
        return _check_step_class(name, _import_attr(name, path), path)
    plugin = next((ep for ep in _entry_points() if ep.name == name), None)
    if plugin is not None:
        return _check_step_class(name, _import_attr(name, plugin.value), f"plugin {plugin.value}")
    if ":" in name:
        module, _, attr = name.partition(":")
        if not module or not attr:
            raise ConfigError(f"step {name!r}: a path must look like package.module:Class")
        top = module.split(".")[0]
        if top not in step_packages():
            raise ConfigError(
                f"step {name!r}: module {module!r} is not a saring step package, so it is not "
                f"imported; install it as a plugin (entry point group {ENTRY_POINT_GROUP!r}) or "
                f"allow it with {ALLOW_ENV}={top}"
            )
        return _check_step_class(name, _import_attr(name, name), name)
    known = ", ".join(sorted({*STEPS, *_CUSTOM, *(ep.name for ep in _entry_points())}))
    raise ConfigError(f"unknown step {name!r}; known steps: {known}")


def available() -> dict[str, Any]:
    plugins = {ep.name: ep.value for ep in _entry_points()}
    return {**plugins, **STEPS, **{k: f"{v.__module__}:{v.__qualname__}" for k, v in _CUSTOM.items()}}
