"""The step interface: map (edit text), filter (keep or reject with reason), annotate (score only).

A step is small and pure with respect to one document: ``process(doc)`` returns ``None`` to keep
the document or a :class:`Reject` to drop it. Filters split measuring (``score``) from deciding
(``decide``) so scores are always stored as annotations and a filter can run in score-only mode
(NeMo Curator's separation; dolma's documents-vs-attributes).

A step must not depend on documents it saw before: ``process(doc)`` gives the same result for the
same document whatever ran earlier in that worker (workers, shard order and resume all vary).
Corpus-wide work (deduplication, per-site pooling) cannot be done one document at a time; it is
a :class:`CorpusStage`, which runs as tasks over shard files through an executor's ``map`` so
the same code runs serially, in a local process pool or on Ray (contract in its docstring).
"""

from __future__ import annotations

import dataclasses
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from saring.document import Document
from saring.record import FrozenRecord, Record

if TYPE_CHECKING:  # markers (hashlib, orjson) only when a corpus stage runs: not in ``saring clean``
    from saring.executors.base import Executor  # (and executors' threading/signal set-up)
    from saring.executors.marker import Marker

T = TypeVar("T")
R = TypeVar("R")


class Reject(FrozenRecord):
    """A filter's verdict to drop a document: reason name, the measured value and the threshold."""

    _fields = ("reason", "value", "threshold")
    __slots__ = _fields
    reason: str
    value: Any
    threshold: Any

    def __init__(self, reason: str, value: Any = None, threshold: Any = None) -> None:
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "threshold", threshold)


class StepStats(Record):
    """Per-step counters, mergeable across shards and workers."""

    _fields = ("docs_in", "docs_out", "rejected", "would_reject", "errors", "edits", "seconds")
    docs_in: int
    docs_out: int
    rejected: Counter
    would_reject: Counter
    errors: int
    edits: Counter
    seconds: float

    def __init__(self, docs_in: int = 0, docs_out: int = 0, rejected: Counter | None = None,
                 would_reject: Counter | None = None, errors: int = 0, edits: Counter | None = None,
                 seconds: float = 0.0) -> None:
        """Omitted (None) counters start empty, each its own."""
        self.docs_in = docs_in
        self.docs_out = docs_out
        self.rejected = Counter() if rejected is None else rejected
        self.would_reject = Counter() if would_reject is None else would_reject
        self.errors = errors
        self.edits = Counter() if edits is None else edits
        self.seconds = seconds

    def merge(self, other: StepStats) -> None:
        self.docs_in += other.docs_in
        self.docs_out += other.docs_out
        self.rejected.update(other.rejected)
        self.would_reject.update(other.would_reject)
        self.errors += other.errors
        self.edits.update(other.edits)
        self.seconds += other.seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs_in": self.docs_in,
            "docs_out": self.docs_out,
            "rejected": dict(self.rejected),
            "would_reject": dict(self.would_reject),
            "errors": self.errors,
            "edits": dict(self.edits),
            "seconds": round(self.seconds, 6),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StepStats:
        return cls(
            d.get("docs_in", 0), d.get("docs_out", 0), Counter(d.get("rejected", {})),
            Counter(d.get("would_reject", {})), d.get("errors", 0), Counter(d.get("edits", {})),
            d.get("seconds", 0.0),
        )


# ------------------------------------------------------------------ parameters
SECRET: dict[str, Any] = {"secret": True}


def secret(default: Any = None) -> Any:
    """A config field holding a secret (e.g. PII's ``hash_key``): it changes outputs, so a hash
    of it enters the run's fingerprint, but its value is never described (manifest, stats)."""
    return dataclasses.field(default=default, metadata=SECRET, repr=False)


@dataclass(frozen=True, kw_only=True)
class StepConfig:
    """A step's parameters: one frozen dataclass per step class (``Step.Config``).

    Fields carry types and defaults; a YAML mapping is checked against them (unknown key, wrong
    type) before any step is built, and value checks live in ``__post_init__``. A step built in
    Python (``Normalize(ftfy=False)`` or ``Normalize(Normalize.Config(ftfy=False))``) and one
    built from YAML hold equal configs and so describe themselves identically.
    """

    label: str | None = None


def config_fields(config_cls: type) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(config_cls)}


def make_config(owner: type, config: Any, params: dict[str, Any]) -> Any:
    """``config`` itself, or ``owner.Config(**params)``; an unknown name is a ``ConfigError``."""
    from saring.registry import ConfigError

    config_cls = owner.Config  # type: ignore[attr-defined]
    if config is not None:
        if params:
            raise TypeError(f"{owner.__name__}: give a Config or keyword parameters, not both")
        if not isinstance(config, config_cls):
            raise TypeError(f"{owner.__name__} takes a {config_cls.__qualname__}, got {type(config).__name__}")
        return config
    known = config_fields(config_cls)
    for key in params:
        if key not in known:
            raise ConfigError(f"step {owner.name!r}: unknown parameter {key!r}; "  # type: ignore[attr-defined]
                              f"accepted: {', '.join(known) or 'none'}")
    try:
        return config_cls(**params)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"step {owner.name!r}: {exc}") from exc  # type: ignore[attr-defined]


def _plain(value: Any) -> Any:
    """YAML-shaped copy of a parameter value (tuples as lists, nested mappings copied)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def describe(config: Any) -> dict[str, Any]:
    """Every non-secret field of ``config``, YAML-shaped (manifest, ``to_config``, fingerprint);
    ``label`` only when set (readers of a manifest take a missing label as the step's name)."""
    return {f.name: _plain(getattr(config, f.name)) for f in dataclasses.fields(config)
            if not f.metadata.get("secret") and not (f.name == "label" and config.label is None)}


def secret_values(config: Any) -> dict[str, Any]:
    """The secret fields of ``config`` (for a hash in the fingerprint only)."""
    return {f.name: getattr(config, f.name) for f in dataclasses.fields(config) if f.metadata.get("secret")}


class _Configured:
    """What steps and corpus stages share: a ``Config``, its description and annotation contracts.

    Contracts are dotted annotation paths ``label.key``: ``provides()`` lists what the step
    writes (by default its ``PROVIDES`` keys under its own label), ``requires()`` what it reads;
    the pipeline checks when it is built that an earlier step provides every requirement.
    """

    name: ClassVar[str]
    Config: ClassVar[type] = StepConfig
    PROVIDES: ClassVar[tuple[str, ...]] = ()
    config: Any
    label: str

    def _configure(self, config: Any, params: dict[str, Any]) -> None:
        self.config = make_config(type(self), config, params)
        self.label = self.config.label or self.name

    def params(self) -> dict[str, Any]:
        """Parameters to re-create this step (manifest, YAML round trip); secrets left out."""
        return describe(self.config)

    def provides(self) -> tuple[str, ...]:
        return tuple(f"{self.label}.{k}" for k in self.PROVIDES)

    def requires(self) -> tuple[str, ...]:
        return ()


class Step(_Configured, ABC):
    """Base class of all per-document steps.

    Subclasses set ``name`` (the registry/YAML name) and ``kind``, declare their parameters as a
    frozen ``Config`` dataclass (subclassing the parent's ``Config``) and implement ``process``.
    ``__init__(config=None, /, **params)``: a ``Config`` or its fields as keywords.
    Heavy resources (models, lexicons) are loaded in ``setup``, once per worker process.
    """

    name: ClassVar[str] = "step"
    kind: ClassVar[str] = "map"  # "map" | "filter" | "annotate"
    # True when the step's annotations hold offsets: the runner then stamps ``text_version`` (the
    # number of edits before the step) so ``doc.map_offset`` can follow them through later edits.
    annotation_offsets: ClassVar[bool] = False

    def __init__(self, config: StepConfig | None = None, /, **params: Any) -> None:
        self._configure(config, params)
        self._ready = False

    def setup(self) -> None:  # noqa: B027 - optional hook, most steps need no resources
        """Load resources; called lazily before the first document in each worker."""

    def ensure_setup(self) -> None:
        if not self._ready:
            self.setup()
            self._ready = True

    @abstractmethod
    def process(self, doc: Document) -> Reject | None:
        """Edit, annotate or judge ``doc``; return a :class:`Reject` to drop it, else ``None``."""

    def provides(self) -> tuple[str, ...]:
        extra = ("text_version",) if self.annotation_offsets else ()
        return super().provides() + tuple(f"{self.label}.{k}" for k in extra)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_ready"] = False
        for k in getattr(self, "_unpicklable", ()):
            state[k] = None
        return state

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.params()})"


class MapStep(Step):
    """Edits text (through ``doc.apply``) and never drops."""

    kind = "map"


class AnnotateStep(Step):
    """Measures and annotates without dropping."""

    kind = "annotate"


class FilterStep(Step):
    """Scores a document, stores the scores, then decides; ``score_only`` keeps everything."""

    kind = "filter"

    @dataclass(frozen=True, kw_only=True)
    class Config(StepConfig):
        """A filter's parameters (a docstring: without one ``@dataclass`` calls
        ``inspect.signature`` to write it, loading ``inspect``)."""

        score_only: bool = False

    def __init__(self, config: StepConfig | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        self.score_only = self.config.score_only

    def provides(self) -> tuple[str, ...]:
        extra = ("would_reject",) if self.score_only else ()
        return super().provides() + tuple(f"{self.label}.{k}" for k in extra)

    @abstractmethod
    def score(self, doc: Document) -> dict[str, Any]:
        """Measure ``doc``; the result is stored as this step's annotations."""

    @abstractmethod
    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        """Judge from the stored scores alone, so thresholds can change without re-measuring."""

    def process(self, doc: Document) -> Reject | None:
        scores = self.score(doc)
        if scores:
            doc.annotate(self.label, **scores)
        return self.decide(scores, doc)


class FunctionStep(Step):
    """Wraps any callable ``f(doc) -> None | bool | Reject | (False, reason)`` as a step."""

    kind = "filter"

    def __init__(self, func: Callable[[Document], Any], *, label: str | None = None) -> None:
        # the function is not a parameter (it cannot be written to YAML); the fingerprint names
        # it by qualified name and partial arguments (``manifest.step_identity``)
        super().__init__(label=label or getattr(func, "__name__", "function"))
        self.func = func

    def process(self, doc: Document) -> Reject | None:
        return as_reject(self.func(doc))


def as_reject(result: Any) -> Reject | None:
    """Normalise datatrove-style results: ``None``/``True`` keep, ``False``/``(False, why)`` drop."""
    if result is None or result is True:
        return None
    if isinstance(result, Reject):
        return result
    if result is False:
        return Reject("rejected")
    if isinstance(result, tuple) and result and result[0] is False:
        return Reject(str(result[1]) if len(result) > 1 else "rejected")
    raise TypeError(f"step returned {result!r}; expected None, bool, Reject or (False, reason)")


# ------------------------------------------------------------------ corpus-level seams
class StageContext(Record):
    """What a corpus stage gets from the runner.

    ``executor`` runs its tasks; ``workdir`` is its scratch folder (the runner deletes it once
    the stage is marked done); ``outputs[i]`` is where it must write the document file for input
    shard ``i``; ``fingerprint`` identifies the run's config and inputs, so task markers made
    with :meth:`marker` are never reused by a different run. ``scratch``, when set, is where the
    stage's bulky exchange files go instead of ``workdir``: a shared folder or an fsspec URL
    (``s3://bucket/prefix``) that every node can reach. ``defer``: the runner accepts a deferred
    last pass (see :class:`StageOutput`). ``background``: the runner's
    :class:`~saring.background.Background`; a stage may hand it the deletion of scratch whose
    consumers are all marked done and return without waiting (the runner joins it before it
    accounts); None: the stage waits for its own.
    """

    _fields = ("executor", "workdir", "outputs", "fingerprint", "scratch", "defer", "background")
    executor: Executor
    workdir: Path
    outputs: list[Path] | None
    fingerprint: str
    scratch: str | None
    defer: bool
    background: Any

    def __init__(self, executor: Executor, workdir: Path, outputs: list[Path] | None = None,
                 fingerprint: str = "", scratch: str | None = None, defer: bool = False,
                 background: Any = None) -> None:
        self.executor = executor
        self.workdir = workdir
        self.outputs = outputs
        self.fingerprint = fingerprint
        self.scratch = scratch
        self.defer = defer
        self.background = background

    @property
    def scratch_root(self) -> str:
        """Where the stage's scratch files live: ``scratch`` or the work folder."""
        return self.scratch or str(self.workdir)

    @property
    def parallelism(self) -> int:
        """How many tasks the executor runs at once: size partitions from this, never outputs."""
        from saring.executors.base import parallelism_of

        return parallelism_of(self.executor)

    def output(self, i: int) -> Path:
        """The document file to write for input shard ``i``."""
        if self.outputs is not None:
            return Path(self.outputs[i])
        return Path(self.workdir) / "out" / f"{i:05d}.docs.zst"

    def marker(self, name: str, *key: Any) -> Marker:
        """A completion marker for one of the stage's own tasks (picklable; travels in tasks).

        ``key`` adds whatever else the task's result depends on (e.g. the stage config)."""
        from saring.executors.marker import Marker, digest

        return Marker(str(Path(self.workdir) / "done" / f"{name}.json"), digest(self.fingerprint, *key))


class StageOutput(Record):
    """Per input shard the document file written (every input document, in input order, each
    with its decision), plus the stage's merged statistics.

    Deferred last pass (only when ``ctx.defer``): a stage whose last pass only streams each
    shard's documents through per-document decisions may leave that pass to the segment that
    follows it, saving a write and a read of every document and one barrier. It then returns
    its *inputs* as ``outputs``, the statistics of what it did so far, and ``deferred``: a JSON
    state from which :meth:`DeferringStage.finisher` rebuilds the pass (the runner keeps it in the
    stage's marker, so a resumed run needs no pickle). The runner keeps the inputs and the
    stage's scratch until that segment is done, and adds the pass's statistics to the stage's.
    """

    _fields = ("outputs", "stats", "deferred")
    outputs: list[Path]
    stats: StepStats
    deferred: dict[str, Any] | None

    def __init__(self, outputs: list[Path], stats: StepStats, deferred: dict[str, Any] | None = None) -> None:
        self.outputs = outputs
        self.stats = stats
        self.deferred = deferred


class Finisher(Protocol):
    """A stage's deferred last pass (picklable; runs inside the next segment's task)."""

    def ready(self) -> bool:
        """Whether everything the pass reads is still there (else the stage must run again)."""

    def run(self, shard: int, docs: Iterable[Document], stats: StepStats) -> Iterator[Document]:
        """Shard ``shard``'s documents (every one, in order) with the stage's decisions applied,
        as JSON-native values (they are written as if read from a document file)."""


class CorpusStage(_Configured, ABC):
    """A step that needs the whole corpus (e.g. dedup, per-site pooling).

    The contract (the runner relies on every point):

    - ``run(inputs, ctx)`` gets one document file per shard (``saring.io.docfile``), holding
      the documents still kept after the previous segment, in a fixed order.
    - It writes ``ctx.output(i)`` for every input ``i``: *every* input document, in input
      order, with its decision (kept, or rejected by this stage with reason, value and
      threshold, via ``doc.reject``) and any annotations/edits the stage adds. It never drops a
      document and never writes final outputs: the next segment of the plan does that.
    - It returns :class:`StageOutput` with those paths and its :class:`StepStats`. When
      ``ctx.defer`` is set it may instead leave its last per-document pass to the next segment
      (``StageOutput.deferred``; such a stage is a :class:`DeferringStage`); the documents that segment writes must
      be exactly those the pass would have written.
    - Work runs through ``ctx.executor.map`` as picklable tasks; scratch files go under
      ``ctx.workdir``; resumable sub-tasks use ``ctx.marker(name, config...)``.
    - Output depends only on the inputs and the stage's parameters: never on
      ``ctx.parallelism``, on the order tasks ran in, or on which tasks were resumed.
    """

    name: ClassVar[str] = "corpus_stage"
    kind: ClassVar[str] = "corpus"

    def __init__(self, config: StepConfig | None = None, /, **params: Any) -> None:
        self._configure(config, params)

    def input_pass(self, ctx: StageContext) -> InputPass | None:
        """Optional: a first pass the runner lets the segment before this stage do while it
        writes the stage's input files (each kept document as it is written), so that pass
        need not read them back. ``run`` must give the same outputs with or without it (it
        only finishes resumable sub-tasks early). ``ctx`` is the context ``run`` will get."""
        return None

    @abstractmethod
    def run(self, inputs: Sequence[Path], ctx: StageContext) -> StageOutput:
        """Process all shards through ``ctx.executor.map``; write ``ctx.output(i)`` for each."""



class InputPass(Protocol):
    """A stage's first pass done by the segment that writes its input files (picklable; see
    :meth:`CorpusStage.input_pass`)."""

    def start(self, shard: int, path: str) -> InputPassShard:
        """Before the segment task for input shard ``shard`` (file ``path``) writes anything."""
        ...


class InputPassShard(Protocol):
    """One segment task's part of an :class:`InputPass`."""

    def add(self, row: int, rec: dict[str, Any], line: bytes) -> None:
        """A document written as line ``row`` (0-based) of the file: its record, the bytes."""
        ...

    def commit(self) -> None:
        """After the file is in place, before the segment's marker."""
        ...


class DeferringStage(CorpusStage):
    """A corpus stage that may leave its last per-document pass to the next segment."""

    @abstractmethod
    def finisher(self, state: dict[str, Any]) -> Finisher:
        """The deferred last pass a ``run`` returned as ``StageOutput.deferred``."""


def finisher_of(stage: CorpusStage, state: dict[str, Any]) -> Finisher:
    """``stage``'s deferred last pass rebuilt from its JSON state (from ``run`` or a marker)."""
    if not isinstance(stage, DeferringStage):
        raise TypeError(f"corpus stage {stage.label} returned a deferred pass but is no DeferringStage")
    return stage.finisher(state)


# ------------------------------------------------------------------ running steps
# Documents go through the steps in small batches: each step runs over the whole batch before
# the next step starts. Steps keep no state across documents, so every output is the same as
# one document at a time; what changes is that a step's code and data (regex tables, lexicons,
# the fastText model) stay in the CPU caches for a batch instead of being evicted by the eight
# other steps after every document (~1.3x on the default chain; notes/performance.md).
BATCH_DOCS = 128
BATCH_CHARS = 2 << 20  # a batch also ends after this many characters of text (huge documents)


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    chars = 0
    for doc in docs:
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= size or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _run_step(s: Step, docs: list[Document], st: StepStats) -> list[Document]:
    """Run one step over ``docs`` (all still kept); return those it keeps, in order."""
    out: list[Document] = []
    label = s.label
    offsets = s.annotation_offsets
    score_only = getattr(s, "score_only", False)
    clock = time.perf_counter
    st.docs_in += len(docs)
    t0 = clock()
    for doc in docs:
        n_edits = len(doc.edits)
        try:
            verdict = s.process(doc)
        except Exception as exc:  # noqa: BLE001 - a bad document must not stop the run
            st.errors += 1
            doc.fail(label, f"{type(exc).__name__} in step {label}: {exc}")
            continue
        if offsets and label in doc.annotations:
            doc.annotations[label]["text_version"] = n_edits
        if len(doc.edits) != n_edits:
            for e in doc.edits[n_edits:]:
                st.edits[e.kind] += 1
        if verdict is not None:
            if score_only:
                st.would_reject[verdict.reason] += 1
                doc.annotate(label, would_reject=verdict.reason)
            else:
                st.rejected[verdict.reason] += 1
                doc.reject(label, verdict.reason, verdict.value, verdict.threshold)
                continue
        out.append(doc)
    st.seconds += clock() - t0
    st.docs_out += len(out)
    return out


def run_steps(
    steps: Sequence[Step], docs: Iterable[Document], stats: dict[str, StepStats],
    *, batch: int | None = None,
) -> Iterator[Document]:
    """Push documents through steps; yield every document with its decision set, in input order.

    Documents rejected by a step skip the rest; a step raising marks the document as an error
    (with the step and message), never stopping the run. Documents are read ``batch`` at a time
    (default :data:`BATCH_DOCS`; fewer when their texts are large) and each step runs over a
    batch before the next; use ``batch=1`` to see each document come out before the next one is
    read.
    """
    for s in steps:
        s.ensure_setup()
        stats.setdefault(s.label, StepStats())
    for group in _batches(docs, max(1, BATCH_DOCS if batch is None else batch)):
        live = [doc for doc in group if doc.decision.status == "kept"]
        for s in steps:
            if not live:
                break
            live = _run_step(s, live, stats[s.label])
        yield from group
