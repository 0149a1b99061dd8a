"""A pool run's pipeline, described by a short-lived child so the driver never imports the steps.

Why: in ``saring run --workers N`` the driver only plans, ships the steps' pickled bytes and
coordinates corpus stages; the per-document steps run in the workers. Building
``Pipeline.default()`` in the driver imported every step's rule modules (ftfy, the repair
lexicon code, boilerplate's rule tables, ``regex``...): ~12 MiB of the driver's ~31 MiB PSS,
held for the whole run beside N workers that hold their own copies. Here a forked child of the
driver builds the same pipeline with the same code (validation, contracts, languages), and
sends back, per per-document step, what the driver reads of it: label, parameters, contracts,
its fingerprint identity, its report rules, and its pickled bytes. The driver holds
:class:`DescribedStep` stand-ins that pickle as those very bytes, so workers unpickle exactly
the steps the driver would have sent; corpus stages (dedup), which run in the driver, are
unpickled into real objects. The child exits: its imports never stay resident.

Same CPU as building the pipeline in the driver (the child does that work, ~0.35 s); only
where ``fork`` is safe (Linux, one thread); anywhere else, or if the child fails for any reason
other than a configuration error, the pipeline is built in this process as before.
"""

from __future__ import annotations

import copy
import os
import pickle
import sys
import threading
from collections.abc import Sequence
from typing import Any

from saring.document import Document
from saring.registry import ConfigError
from saring.step import CorpusStage, Reject, Step


class DescribedStep(Step):
    """A per-document step known by its description; pickles as the real step's bytes.

    ``isinstance`` against the real class answers as the real step would once the driver has
    imported that class's module (e.g. ``saring.url.step`` for the domain counter); the step's
    own module is never imported for the question. ``process`` (a caller running the pipeline
    in this process after all) unpickles the real step once and delegates to it.
    """

    described = True  # what ``manifest.step_identity`` asks (no import of this module there)

    def __init__(self, desc: dict[str, Any]) -> None:  # noqa: D107 - no Config: nothing is built
        self._desc = desc
        self.label = desc["label"]
        self.name = desc["name"]  # type: ignore[misc]
        self._registry_name = desc["registry_name"]
        self.kind = desc["kind"]  # type: ignore[misc]  # what run_steps reads of a step
        self.annotation_offsets = desc["annotation_offsets"]  # type: ignore[misc]
        if "score_only" in desc:
            self.score_only = desc["score_only"]
        self._real: Step | None = None
        self._ready = False

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105
        module, qualname = self._desc["cls"]
        cls: Any = sys.modules.get(module)
        for part in qualname.split(".") if cls is not None else ():
            cls = getattr(cls, part, None)
        return cls if isinstance(cls, type) else DescribedStep

    def params(self) -> dict[str, Any]:
        return copy.deepcopy(self._desc["params"])

    def provides(self) -> tuple[str, ...]:
        return tuple(self._desc["provides"])

    def requires(self) -> tuple[str, ...]:
        return tuple(self._desc["requires"])

    def identity(self) -> dict[str, Any]:
        """The real step's ``manifest.step_identity`` (class, label, parameters, secret hashes)."""
        return copy.deepcopy(self._desc["identity"])

    def report_rules(self) -> list[dict[str, Any]]:
        """The real step's entries of the report's rule catalogue (``report.collect``)."""
        return copy.deepcopy(self._desc["report"])

    def real(self) -> Step:
        """The real step (imports its module: only when this process runs it itself)."""
        if self._real is None:
            self._real = pickle.loads(self._desc["blob"])
        return self._real

    def setup(self) -> None:
        self.real().ensure_setup()

    def process(self, doc: Document) -> Reject | None:
        step = self.real()
        step.ensure_setup()
        return step.process(doc)

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return pickle.loads, (self._desc["blob"],)

    def __repr__(self) -> str:
        return f"{self._desc['cls'][1]}({self._desc['params']})"


def describe_step(step: Step) -> dict[str, Any]:
    """What the driver reads of ``step``, computed from the real, freshly built step."""
    from saring.executors.manifest import step_identity
    from saring.report.collect import rule_catalog

    cls = type(step)
    return {
        "cls": (cls.__module__, cls.__qualname__),
        "label": step.label,
        "name": step.name,
        "registry_name": getattr(step, "_registry_name", step.name),
        "params": step.params(),
        "provides": tuple(step.provides()),
        "requires": tuple(step.requires()),
        "identity": step_identity(step),
        "report": rule_catalog([step]),
        "blob": pickle.dumps(step),
        "kind": step.kind,
        "annotation_offsets": step.annotation_offsets,
        **({"score_only": step.score_only} if hasattr(step, "score_only") else {}),
    }


def _describe_default(languages: Sequence[str] | None) -> dict[str, Any]:
    """The default pipeline as the driver needs it (runs in the child)."""
    from saring.pipeline import Pipeline

    pipeline = Pipeline.default(languages)
    steps = [
        ("stage", pickle.dumps(s)) if isinstance(s, CorpusStage) else ("step", describe_step(s))
        for s in pipeline.steps
    ]
    return {
        "steps": steps,
        "limits": pipeline.limits,
        "reader": pipeline.reader,
        "writer": pipeline.writer,
        "executor": pipeline.executor,
        "languages": pipeline.languages,
    }


def _from_description(d: dict[str, Any]) -> Any:
    """The pipeline of stand-ins (corpus stages real) from the child's description."""
    from saring.pipeline import Pipeline

    steps = [pickle.loads(x) if kind == "stage" else DescribedStep(x) for kind, x in d["steps"]]
    return Pipeline(
        steps,
        limits=d["limits"],
        reader=d["reader"],
        writer=d["writer"],
        executor=d["executor"],
        languages=d["languages"],
    )


def _in_child(languages: Sequence[str] | None) -> dict[str, Any] | None:
    """Run :func:`_describe_default` in a forked child; None if it could not answer (the
    caller builds in this process). A configuration error is raised here, as it would be."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer on the pipe, then leave without running exit handlers
        code = 1
        try:
            os.close(r)
            try:
                answer: tuple[str, Any] = ("ok", _describe_default(languages))
            except ConfigError as exc:
                answer = ("config", str(exc))
            with os.fdopen(w, "wb") as f:
                f.write(pickle.dumps(answer))
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    kind, value = pickle.loads(data)
    if kind == "config":
        raise ConfigError(value)
    return value


def default_pipeline(languages: Sequence[str] | None = None) -> Any:
    """``Pipeline.default(languages)`` for a driver that will not run its per-document steps."""
    from saring.pipeline import Pipeline

    if (
        not hasattr(os, "fork")
        or not sys.platform.startswith("linux")
        or threading.active_count() > 1
    ):
        return Pipeline.default(languages)
    d = _in_child(languages)
    return Pipeline.default(languages) if d is None else _from_description(d)
