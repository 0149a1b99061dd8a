"""The Python face of the command line: ``saring.run`` mirrors ``saring run``, ``saring.clean``
mirrors ``saring clean``. Same defaults, same outputs, results as objects instead of printouts."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saring.document import Document
    from saring.executors.runner import RunResult
    from saring.pipeline import Pipeline


def _pipeline(config: str | Path | dict[str, Any] | Pipeline | None) -> Pipeline:
    from saring.pipeline import Pipeline

    if config is None:
        return Pipeline.default()
    if isinstance(config, Pipeline):
        return config
    if isinstance(config, dict):
        return Pipeline.from_config(config)
    return Pipeline.from_yaml(config)


def run(
    inputs: str | Path | Sequence[str | Path],
    output: str | Path,
    *,
    config: str | Path | dict[str, Any] | Pipeline | None = None,
    workers: int | None = None,
    strict: bool = False,
    format: str | None = None,  # noqa: A002 - the CLI option's name
    text_field: str | None = None,
    id_field: str | None = None,
    languages: Sequence[str] | None = None,
    progress: bool = False,
    resume: bool = True,
) -> RunResult:
    """Run a pipeline over files, folders or globs into ``output``, like ``saring run``.

    ``config`` is a YAML path, a config dict or a :class:`Pipeline` (default: the built-in
    pipeline); ``workers`` defaults to the number of CPUs. Returns the
    :class:`~saring.executors.runner.RunResult` (counts, per-language table, accounting).
    Raises ``ConfigError`` for a bad config and ``RunError`` when the run cannot proceed.
    """
    from saring.executors.runner import run_pipeline
    from saring.pipeline import Pipeline

    pipeline = _pipeline(config)
    if languages is not None:
        pipeline = Pipeline(_without_keep_langs(pipeline), limits=pipeline.limits, reader=pipeline.reader,
                            writer=pipeline.writer, executor=pipeline.executor, languages=list(languages))
    pipeline.override_io(format, text_field, id_field)
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    return run_pipeline(pipeline, [str(p) for p in paths], output,
                        workers=workers or os.cpu_count() or 1, strict=strict, progress=progress,
                        resume=resume)


def _without_keep_langs(pipeline: Pipeline) -> list[Any]:
    """The steps, langid's rebuilt without ``keep_langs`` so a new ``languages`` list applies
    (rebuilt from its config, not its description: secrets such as PII's ``hash_key`` stay)."""
    return [type(s)(replace(s.config, keep_langs=None)) if hasattr(s, "set_languages") else s
            for s in pipeline.steps]


def clean(text: str, *, min_confidence: float = 0.75, url: str | None = None) -> Document:
    """Repair one text like ``saring clean``: machine-translation glue and revision duplicates.

    Returns the :class:`~saring.document.Document`: ``.text`` is the repaired text, ``.edits``
    the edit log, ``.flags`` what was only suspected, ``.annotations["repair"]`` the scores
    (including ``mt_damage``).
    """
    from saring.cli.clean import clean_text

    if not isinstance(text, str):
        raise TypeError(f"clean() takes a string, got {type(text).__name__}")
    return clean_text(text, min_confidence=min_confidence, url=url)
