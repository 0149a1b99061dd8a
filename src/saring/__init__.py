"""saring: filter, repair and deduplicate Indonesian web and news text.

The public names below are imported on first use (PEP 562), so ``import saring`` and the
command line's start-up do not pay for YAML, the pipeline and every step when a command needs
only one of them (``saring clean`` runs the repair step alone).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "clean": "saring.api", "run": "saring.api",
    "Decision": "saring.document", "Document": "saring.document", "Edit": "saring.document",
    "Replacement": "saring.document",
    "Pipeline": "saring.pipeline",
    "ConfigError": "saring.registry", "register": "saring.registry",
    **dict.fromkeys(
        ("AnnotateStep", "CorpusStage", "FilterStep", "FunctionStep", "MapStep", "Reject",
         "StageContext", "StageOutput", "Step", "StepStats"),
        "saring.step",
    ),
}

__all__ = [
    "AnnotateStep", "ConfigError", "CorpusStage", "Decision", "Document", "Edit", "FilterStep",
    "FunctionStep", "MapStep", "Pipeline", "Reject", "Replacement", "StageContext", "StageOutput",
    "Step", "StepStats", "clean", "register", "run", "__version__",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'saring' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


if TYPE_CHECKING:  # static analysers see the eager imports
    from saring.api import clean, run
    from saring.document import Decision, Document, Edit, Replacement
    from saring.pipeline import Pipeline
    from saring.registry import ConfigError, register
    from saring.step import (
        AnnotateStep,
        CorpusStage,
        FilterStep,
        FunctionStep,
        MapStep,
        Reject,
        StageContext,
        StageOutput,
        Step,
        StepStats,
    )
