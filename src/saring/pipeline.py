"""A pipeline is an ordered list of steps; built in Python or loaded from YAML, it is the same object.

YAML shape::

    steps:
      - normalize
      - boilerplate: {}
      - quality: {profile: id, score_only: true}
    limits: {max_doc_chars: 5000000}
    executor: local            # or serial | ray, or {name: ray, address: HOST:PORT, workers: 8}
                               # task_timeout: 3600 (seconds per task; stopped, retried, then failed)

Parameters are validated against each step's ``Config`` dataclass (unknown key, wrong type, bad
value) before any step is built, so a typo in YAML is a one-line error naming the step and the
key, not a traceback at run time. Annotation contracts (``provides``/``requires``) are checked
when the pipeline is built: a step reading an annotation no earlier step writes is an error.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import MISSING
from pathlib import Path
from typing import Any

import yaml

from saring import languages as L
from saring.document import Document
from saring.executors.base import check_timeout
from saring.registry import ConfigError, resolve
from saring.step import CorpusStage, Step, StepStats, config_fields, run_steps

# The default Indonesian pipeline, in pipeline order: text repair first (so filters judge the
# repaired text and the repetition filters see revision duplicates already removed), then language
# and quality decisions, then PII, then corpus-wide dedup (which reads the quality and MT-damage
# annotations for its keep policy). Departures from the steps' own defaults, and why:
# - repair removes near-duplicate revision paragraphs even without MT-glue evidence; otherwise the
#   repetition filter throws away a whole article for one repeated paragraph (measured cost: about
#   0.4 extra edits per 10k tokens of clean news).
# - quality keeps FineWeb-2 ind_Latn thresholds (the `id` profile itself stays FineWeb-2's) with
#   two departures measured on 1,000 docs of each news corpus (notes in BENCHMARKS.md):
#   * share of tokens with a letter >= 0.65, not 0.805: the tokenizer (like datatrove's spaCy)
#     counts punctuation as tokens, about a fifth of the tokens of news, so Gopher's "80% of
#     words" is about 0.65 of tokens; 0.805 rejects 23-44% of clean news (prices, dates, scores).
#   * FineWeb's line-punctuation rule skips documents with no line ending in punctuation: those
#     are scrapes whose paragraphs were joined into one line, where the rule measures nothing
#     (it rejected 22.6% of one news scrape); short or broken documents are still caught by the
#     Gopher rules.
# - pii masks the raw value in its own edit log, so kept output carries no PII anywhere.
DEFAULT_STEPS: list[str | dict[str, dict[str, Any]]] = [
    "normalize",
    "boilerplate",
    {"repair": {"revision_needs_evidence": False}},
    "langid",
    {
        "quality": {
            "overrides": {
                "gopher_quality": {"min_alpha_words_ratio": 0.65},
                "fineweb_quality": {"line_punct_exclude_zero": True},
            }
        }
    },
    "url",
    "spam",
    "optout",
    {"pii": {"keep_original": False}},
    "dedup",
]

# shard_bytes: input files larger than this (uncompressed) are read as several shards, cut at
# line boundaries, so one big file still uses every worker; it depends on content, not workers.
# 8 MiB (~3,500 news documents, seconds of work per task): with 32 MiB a 200 MB file was 6 shards
# and 2 workers reached 1.77x one worker (the last round idles one worker); 24 shards: 1.95x,
# and one worker is not slower (bench_run.py split, BENCHMARKS.md).
DEFAULT_LIMITS: dict[str, Any] = {"max_doc_chars": 5_000_000, "max_line_bytes": 64 * 2**20,
                                  "shard_bytes": 8 * 2**20}


TOP_LEVEL_KEYS = {"steps", "limits", "reader", "writer", "executor", "languages"}
EXECUTOR_NAMES = ("serial", "local", "ray")
EXECUTOR_KEYS = {"name", "workers", "address", "task_timeout", "scratch"}


def _executor_config(value: str | dict[str, Any] | None) -> dict[str, Any]:
    """``executor:`` as a mapping ``{name, workers?, address?}`` (how the run executes, never what
    it outputs: it is not part of the run's fingerprint)."""
    if value is None or value == {}:
        return {}
    cfg = {"name": value} if isinstance(value, str) else value
    if not isinstance(cfg, dict):
        raise ConfigError(f"executor must be a name or a mapping, got {value!r}")
    bad = set(cfg) - EXECUTOR_KEYS
    if bad:
        raise ConfigError(f"unknown executor option(s) {sorted(bad)}; allowed: {sorted(EXECUTOR_KEYS)}")
    if cfg.get("name") not in EXECUTOR_NAMES:
        raise ConfigError(f"executor name must be one of {', '.join(EXECUTOR_NAMES)}, got {cfg.get('name')!r}")
    w = cfg.get("workers")
    if w is not None and (not isinstance(w, int) or isinstance(w, bool) or w < 1):
        raise ConfigError(f"executor workers must be a positive integer, got {w!r}")
    for key in ("address", "scratch"):
        a = cfg.get(key)
        if a is not None and not isinstance(a, str):
            raise ConfigError(f"executor {key} must be a string, got {a!r}")
    try:
        check_timeout(cfg.get("task_timeout"))
    except ValueError as exc:
        raise ConfigError(f"executor {exc}") from exc
    return dict(cfg)


def _check_type(value: Any, annotation: Any) -> bool:
    """Check a YAML value against a config field's type."""
    if annotation is Any:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_check_type(value, a) for a in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if origin is typing.Literal:
        return value in typing.get_args(annotation)
    if origin is not None:
        annotation = origin
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation in (list, tuple, typing.Sequence, Sequence):
        return isinstance(value, (list, tuple))
    if annotation in (dict, typing.Mapping):
        return isinstance(value, dict)
    if isinstance(annotation, type):
        return isinstance(value, annotation)
    return True


def _type_name(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) if isinstance(annotation, type) else str(annotation)  # type: ignore[return-value]


def step_config(name: str, params: dict[str, Any] | None) -> tuple[type, Any]:
    """Resolve ``name`` and check ``params`` against its ``Config`` dataclass; nothing is built.

    Unknown keys, values of the wrong type and failed value checks (``Config.__post_init__``)
    are one-line :class:`ConfigError` s naming the step and the key.
    """
    cls = resolve(name)
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise ConfigError(f"step {name!r}: parameters must be a mapping, got {params!r}")
    config_cls = cls.Config
    fields = config_fields(config_cls)
    try:
        hints = typing.get_type_hints(config_cls)
    except Exception:  # noqa: BLE001 - unresolvable hints: fall back to no type checks
        hints = {}
    for key, value in params.items():
        if key not in fields:
            raise ConfigError(
                f"step {name!r}: unknown parameter {key!r}; accepted: {', '.join(fields) or 'none'}"
            )
        ann = hints.get(key, Any)
        if not _check_type(value, ann):
            raise ConfigError(
                f"step {name!r}: parameter {key!r}={value!r} does not match type {_type_name(ann)}"
            )
    missing = [f.name for f in fields.values()
               if f.default is MISSING and f.default_factory is MISSING and f.name not in params]
    if missing:
        raise ConfigError(f"step {name!r}: missing required parameter(s): {', '.join(missing)}")
    try:
        return cls, config_cls(**params)
    except ConfigError:
        raise
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"step {name!r}: {exc}") from exc


def build_step(name: str, params: dict[str, Any] | None) -> Step | CorpusStage:
    """Instantiate a registered step with validated parameters."""
    cls, config = step_config(name, params)
    return _construct(name, cls, config)


def _construct(name: str, cls: type, config: Any) -> Step | CorpusStage:
    try:
        step = cls(config)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"step {name!r}: {exc}") from exc
    step._registry_name = name  # type: ignore[attr-defined]
    return step


def check_contracts(steps: Sequence[Step | CorpusStage]) -> None:
    """Every annotation a step requires is provided by an earlier step (a ConfigError if not)."""
    provided: dict[str, str] = {}
    for s in steps:
        for key in s.requires():
            if key not in provided:
                raise ConfigError(
                    f"step {s.label!r} reads annotation {key!r}, which no earlier step writes; "
                    f"written before it: {', '.join(sorted(provided)) or 'nothing'}"
                )
        for key in s.provides():
            provided.setdefault(key, s.label)


def _parse_entry(entry: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(entry, str):
        return entry, {}
    if isinstance(entry, dict) and len(entry) == 1:
        (name, params), = entry.items()
        if params is None:
            params = {}
        if not isinstance(params, dict):
            raise ConfigError(f"step {name!r}: parameters must be a mapping, got {params!r}")
        return str(name), params
    raise ConfigError(f"bad step entry {entry!r}: use a name or a one-key mapping name: {{params}}")


class Pipeline:
    """Ordered steps plus run limits. ``segments`` split the steps at corpus-wide stages."""

    def __init__(
        self,
        steps: Sequence[Step | CorpusStage],
        *,
        limits: dict[str, Any] | None = None,
        reader: dict[str, Any] | None = None,
        writer: dict[str, Any] | None = None,
        executor: str | dict[str, Any] | None = None,
        languages: Sequence[str] | None = None,
    ) -> None:
        self.steps = list(steps)
        self.executor = _executor_config(executor)
        self.limits = {**DEFAULT_LIMITS, **(limits or {})}
        self.reader = dict(reader or {})
        self.writer = dict(writer or {})
        labels = [s.label for s in self.steps]
        dup = {x for x in labels if labels.count(x) > 1}
        if dup:
            raise ConfigError(f"duplicate step labels {sorted(dup)}; give each a distinct 'label'")
        self.languages = self._resolve_languages(languages)
        check_contracts(self.steps)

    def override_io(self, fmt: str | None = None, text_field: str | None = None,
                    id_field: str | None = None) -> None:
        """Apply the output format and input field names a caller (CLI, API) gave explicitly."""
        if fmt:
            self.writer["format"] = fmt
        if text_field:
            self.reader["text_field"] = text_field
        if id_field:
            self.reader["id_field"] = id_field

    def _resolve_languages(self, languages: Sequence[str] | None) -> list[str]:
        """The output partitions; language-ID steps without their own ``keep_langs`` keep them.

        A langid step that sets ``keep_langs`` itself must agree with ``languages`` when both are
        given (otherwise it is unclear which documents the run keeps); alone, it defines them.
        """
        langid = [s for s in self.steps if hasattr(s, "set_languages")]
        explicit = [s for s in langid if getattr(s, "keep_explicit", False)]
        if languages is None:
            langs = list(explicit[0].keep_langs) if explicit else list(L.DEFAULT_LANGUAGES)
        else:
            try:
                langs = L.validate(languages)
            except ValueError as exc:
                raise ConfigError(str(exc)) from exc
        for s in langid:
            if getattr(s, "keep_explicit", False):
                if set(s.keep_langs) != set(langs):  # type: ignore[attr-defined]
                    raise ConfigError(
                        f"step {s.label!r}: keep_langs {s.keep_langs} disagrees with languages "  # type: ignore[attr-defined]
                        f"{langs}; set one of them"
                    )
            else:
                s.set_languages(langs)  # type: ignore[attr-defined]
        return langs

    # ------------------------------------------------------------------ building
    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Pipeline:
        if not isinstance(config, dict):
            raise ConfigError("pipeline config must be a mapping with a 'steps' list")
        unknown = set(config) - TOP_LEVEL_KEYS
        if unknown:
            raise ConfigError(
                f"unknown top-level key(s) {sorted(unknown)}; allowed: {', '.join(sorted(TOP_LEVEL_KEYS))}"
            )
        steps_cfg = config.get("steps")
        if not isinstance(steps_cfg, list):
            raise ConfigError("pipeline config needs a 'steps' list")
        # every step's parameters are checked before any step is built
        configs = [(name, *step_config(name, params)) for name, params in map(_parse_entry, steps_cfg)]
        steps = [_construct(name, cls, config) for name, cls, config in configs]
        limits = config.get("limits") or {}
        bad = set(limits) - set(DEFAULT_LIMITS)
        if bad:
            raise ConfigError(f"unknown limit(s) {sorted(bad)}; allowed: {sorted(DEFAULT_LIMITS)}")
        return cls(steps, limits=limits, reader=config.get("reader"), writer=config.get("writer"),
                   executor=config.get("executor"), languages=config.get("languages"))

    @classmethod
    def from_yaml(cls, path: str | Path) -> Pipeline:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
        try:
            config = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"config {path} is not valid YAML: {exc}".splitlines()[0]) from exc
        return cls.from_config(config)

    @classmethod
    def default(cls, languages: Sequence[str] | None = None) -> Pipeline:
        """The built-in pipeline; ``languages`` (default: every profiled language and other)."""
        from saring.regex_cache import programs_cached

        config: dict[str, Any] = {"steps": list(DEFAULT_STEPS)}
        if languages is not None:
            config["languages"] = list(languages)
        with programs_cached():  # the steps' modules compile ~200 regexes on import: stored programs
            return cls.from_config(config)

    def to_config(self) -> dict[str, Any]:
        steps = []
        for s in self.steps:
            name = getattr(s, "_registry_name", s.name)
            steps.append({name: s.params()})
        out: dict[str, Any] = {"steps": steps, "limits": self.limits, "languages": self.languages}
        if self.reader:
            out["reader"] = self.reader
        if self.writer:
            out["writer"] = self.writer
        if self.executor:
            out["executor"] = self.executor
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.to_config() == other.to_config()

    # ------------------------------------------------------------------ running
    @property
    def segments(self) -> list[list[Step] | CorpusStage]:
        """Runs of per-document steps separated by corpus stages, in order."""
        out: list[list[Step] | CorpusStage] = []
        cur: list[Step] = []
        for s in self.steps:
            if isinstance(s, CorpusStage):
                if cur:
                    out.append(cur)
                    cur = []
                out.append(s)
            else:
                cur.append(s)
        if cur or not out:
            out.append(cur)
        return out

    def per_document(self) -> Pipeline:
        """The same pipeline without its corpus stages, for in-memory ``process``."""
        steps = [s for s in self.steps if not isinstance(s, CorpusStage)]
        return Pipeline(steps, limits=self.limits, reader=self.reader, writer=self.writer,
                        executor=self.executor, languages=self.languages)

    def process(
        self, docs: Iterable[Document | dict[str, Any] | str],
        stats: dict[str, StepStats] | None = None,
    ) -> Iterator[Document]:
        """Run the whole pipeline in memory; yields every document (kept, rejected or error).

        ``docs`` may hold :class:`Document` objects, dicts shaped like input records
        (``{"id": ..., "text": ..., other fields -> metadata}``) or plain strings. Without corpus
        stages documents stream through in batches of up to 128 (``run_steps``); with them
        (dedup) the input is collected, each stage runs on it through a temporary folder with
        the same code as a file run, and the documents come back in input order.
        """
        stats = stats if stats is not None else {}
        items = (as_document(d, i) for i, d in enumerate(docs))
        if not any(isinstance(s, CorpusStage) for s in self.steps):
            return run_steps(self.steps, items, stats)  # type: ignore[arg-type]
        from saring.memory import run_in_memory

        return iter(run_in_memory(self.segments, list(items), stats))

    def process_one(self, doc: Document | dict[str, Any] | str) -> Document:
        return next(iter(self.process([doc])))


def as_document(item: Document | dict[str, Any] | str, index: int = 0) -> Document:
    """A document from what a notebook user has at hand: a Document, a record dict or a string.

    A dict without a string ``text`` becomes an error document (it fails alone, like a bad
    input line in a file run); any other type is a caller bug and raises ``TypeError``.
    """
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(str(index), item)
    if isinstance(item, dict):
        rid = item.get("id")
        doc_id = str(rid) if rid is not None and rid != "" else str(index)
        text = item.get("text")
        meta = {k: v for k, v in item.items() if k not in ("id", "text")}
        if not isinstance(text, str):
            doc = Document(doc_id, "", meta)
            kind = "missing_text" if text is None else "text_not_string"
            doc.fail("read", f"record {doc_id!r}: 'text' is {type(text).__name__}, expected a string",
                     reason=kind)
            return doc
        return Document(doc_id, text, meta)
    raise TypeError(f"process() takes Documents, dicts or strings, got {type(item).__name__}")
