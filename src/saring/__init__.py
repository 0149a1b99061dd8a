"""saring: filter, repair and deduplicate Indonesian web and news text."""

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

__version__ = "0.1.0"

__all__ = [
    "AnnotateStep", "ConfigError", "CorpusStage", "Decision", "Document", "Edit", "FilterStep",
    "FunctionStep", "MapStep", "Pipeline", "Reject", "Replacement", "StageContext", "StageOutput",
    "Step", "StepStats", "clean", "register", "run", "__version__",
]
