"""Run a pipeline over input shards into an output folder: the loop over the plan.

``plan.py`` turns the pipeline into units (``segment (stage segment)*``), ``layout.py`` owns
every path and marker under the output folder, ``manifest.py`` the fingerprints and
``manifest.json``, ``segment.py`` the per-shard task, ``accounting.py`` the balance check and
``stats.json``. This module only wires them together:

1. validate the config, expand and hash the inputs, write the manifest;
2. ask :func:`~saring.executors.plan.demand` what must run (finished work is skipped);
3. run each unit through the executor: segments as one task per shard, stages through their
   own ``run``; delete each intermediate once its consumer is marked done;
4. the dataset phase: the final segment's tasks encode their kept documents per shard, the
   driver appends them to ``kept/<lang>/part-*`` (``saring.dataset``), marked done like any unit;
5. account, write ``stats.json`` (with the per-language table) and the dataset card, mark the
   manifest complete.

A run killed at any point and re-run gives byte-identical outputs: every file is written
atomically before the marker that vouches for it, and markers are keyed by stable fingerprints.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import pickle
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from saring.background import Background
from saring.dataset import finalize
from saring.dataset.parts import DEFAULT_MAX_FILE_BYTES
from saring.dataset.tally import LanguageTally
from saring.executors import progress, timeline
from saring.executors.accounting import RunResult, ShardResult, account, load_stats
from saring.executors.base import Executor, TaskFailedError, make_executor, parallelism_of
from saring.executors.ids import count_duplicate_ids, ids_tasks, plan_renames, run_ids_task
from saring.executors.layout import RunLayout
from saring.executors.manifest import Manifest, RunError, hash_source, run_config, run_fingerprint
from saring.executors.marker import Marker, digest
from saring.executors.observe import observer_identity
from saring.executors.plan import Plan, Segment, Shard, Stage, demand, describe
from saring.executors.segment import DOCFILE, ENCODED, SegmentSteps, SegmentTask, segment_fn
from saring.executors.split import TAIL_PARTS, Part, cut_in, scan
from saring.executors.split import tail as split_tail
from saring.extract.step import ensure_extract
from saring.io.lock import OutputLocked, mark_manifest, output_lock
from saring.io.readers import ReaderConfig, Skipped, Source, discover_inputs, source_fingerprint
from saring.io.writers import FORMATS, LEVELS
from saring.pipeline import Pipeline
from saring.registry import ConfigError
from saring.step import StageContext, StageOutput, StepStats, finisher_of
from saring.url.observe import with_domain_counter

__all__ = ["RunError", "RunResult", "ShardResult", "load_stats", "run_pipeline", "TaskFailedError"]

READER_KEYS = {"text_field", "id_field"}
WRITER_KEYS = {"format", "max_file_bytes", "compression_level"}


def _validate_io_config(pipeline: Pipeline) -> tuple[ReaderConfig, str]:
    bad = set(pipeline.reader) - READER_KEYS
    if bad:
        raise ConfigError(f"unknown reader option(s) {sorted(bad)}; allowed: {sorted(READER_KEYS)}")
    bad = set(pipeline.writer) - WRITER_KEYS
    if bad:
        raise ConfigError(f"unknown writer option(s) {sorted(bad)}; allowed: {sorted(WRITER_KEYS)}")
    fmt = pipeline.writer.get("format", "jsonl.gz")
    if fmt not in FORMATS:
        raise ConfigError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    mfb = pipeline.writer.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)
    if not isinstance(mfb, int) or isinstance(mfb, bool) or mfb <= 0:
        raise ConfigError(f"writer option max_file_bytes must be a positive integer, got {mfb!r}")
    for k in ("max_doc_chars", "max_line_bytes", "shard_bytes"):
        v = pipeline.limits.get(k)
        if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
            raise ConfigError(f"limit {k} must be a positive integer, got {v!r}")
    level = pipeline.writer.get("compression_level")
    if level is not None:
        codec = {"jsonl.gz": "gz", "jsonl.zst": "zst"}.get(fmt)
        if codec is None:
            raise ConfigError(f"writer option compression_level applies to jsonl.gz and jsonl.zst, not {fmt}")
        ok = LEVELS[codec]
        if not isinstance(level, int) or isinstance(level, bool) or level not in ok:
            raise ConfigError(f"writer option compression_level for {fmt} must be an integer "
                              f"{ok.start}-{ok.stop - 1}, got {level!r}")
    reader = ReaderConfig.from_pipeline(pipeline.reader, pipeline.limits)
    for k in ("text_field", "id_field"):
        if not isinstance(getattr(reader, k), str) or not getattr(reader, k):
            raise ConfigError(f"reader option {k} must be a non-empty string")
    return reader, fmt


def _map_named(executor: Any, fn: Callable[[Any], Any], tasks: list[Any], desc: str) -> list[Any]:
    """``executor.map`` that names the shard when a task fails for good."""
    try:
        return executor.map(fn, tasks, desc=desc)
    except Exception as exc:
        index = getattr(exc, "index", None)
        if isinstance(index, int) and 0 <= index < len(tasks):
            detail = str(getattr(exc, "detail", exc)).splitlines()[0]
            raise RunError(f"shard {tasks[index].shard} failed in {desc}: {detail}") from exc
        raise


def _shards(inputs: Sequence[str | Path], shard_bytes: int,
            cache: Path | None = None) -> tuple[list[Shard], list[Skipped]]:
    """Input sources as shards: hashed by content, large JSONL files cut into parts; plus the
    files found but not read (listed with why in the manifest and stats)."""
    try:
        found = discover_inputs([str(p) for p in inputs])
    except FileNotFoundError as exc:
        raise RunError(str(exc)) from exc
    except OSError as exc:
        raise RunError(f"cannot list inputs: {exc}") from exc
    sources = found.sources
    shards: list[Shard] = []
    try:
        for src in sources:
            if src.kind == "error":  # unreadable: one file-level error record, never opened
                shards.append(Shard(src.name, src, source_fingerprint(src)))
                continue
            if src.kind == "textdir" or not os.path.isfile(src.path):
                try:
                    key = hash_source(src)
                except OSError:  # an unreadable .txt in the folder: its read gives the error
                    key = source_fingerprint(src)
                shards.append(Shard(src.name, src, key))
                continue
            key, parts = scan(src, shard_bytes, cache)
            if len(parts) < 2:
                shards.append(Shard(src.name, src, key))
                continue
            shards += _parted(src, key, parts)
        shards = _cut_tail(shards, cache)
    except OSError as exc:
        raise RunError(f"cannot read input: {exc}") from exc
    names = [s.name for s in shards]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise RunError(f"input shard names collide after splitting large files: {dup}; rename the inputs")
    return shards, found.skipped


def _parted(src: Source, key: str, parts: list[Part]) -> list[Shard]:
    return [Shard(f"{src.name}.p{p.index:04d}", src, digest(key, asdict(p)), p, key) for p in parts]


def _cut_tail(shards: list[Shard], cache: Path | None) -> list[Shard]:
    """The smallest whole JSONL files read as parts (``split.tail``): the first segment's last
    tasks are short, so workers do not wait long on the last one. By content only."""
    whole = [(i, s.source.size()) for i, s in enumerate(shards)
             if s.part is None and s.source.kind == "jsonl" and os.path.isfile(s.source.path)]
    out = list(shards)
    for i in reversed(split_tail(whole, len(shards))):
        parts = cut_in(shards[i].source, shards[i].key, TAIL_PARTS, cache)
        if len(parts) >= 2:
            out[i:i + 1] = _parted(shards[i].source, shards[i].key, parts)
    return out


def _resolve_executor(executor: Executor | str | None, workers: int | None,
                      ray_address: str | None, config: dict[str, Any],
                      task_timeout: float | None = None) -> tuple[Any, bool, str]:
    """(executor, owned by the runner, name for the manifest). Arguments win over the
    pipeline's ``executor:`` config; the default is local with ``workers > 1``, else serial.
    ``task_timeout`` applies to executors built here (an executor object keeps its own)."""
    asked = workers or config.get("workers")
    task_timeout = task_timeout or config.get("task_timeout")
    workers = asked or 1
    ray_address = ray_address or config.get("address")
    if executor is None:
        executor = config.get("name") or ("local" if workers > 1 else "serial")
    if isinstance(executor, str):
        opts: dict[str, Any] = {"retries": 1} if executor == "serial" else {}
        opts["task_timeout"] = task_timeout
        if executor == "ray":  # no worker count asked for: Ray uses every CPU of its cluster
            workers = asked
        try:
            return make_executor(executor, workers=workers, ray_address=ray_address, **opts), True, executor
        except (ValueError, RuntimeError) as exc:
            raise ConfigError(str(exc)) from exc
    return executor, False, type(executor).__name__


@dataclass
class _Run:
    """The state of one call of :func:`run_pipeline` while units run."""

    plan: Plan
    layout: RunLayout
    reader: ReaderConfig
    executor: Any
    need: dict[str, set[str]]
    observers_blob: bytes
    results: list[list[ShardResult]] = field(default_factory=list)
    stage_stats: dict[str, StepStats] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    ids_count: Future[dict[str, int] | None] | None = None  # duplicate ids (see duplicate_ids)
    unique_ids: bool = False
    dataset: tuple[tuple[str, ...], str, int] = ((), "jsonl.gz", DEFAULT_MAX_FILE_BYTES)
    level: int | None = None  # writer: compression_level (None: the format's default)
    # consumed intermediates are deleted beside the next unit's tasks (saring.background)
    background: Background = field(default_factory=lambda: Background("saring-drop"))
    finishers: dict[str, Any] = field(default_factory=dict)  # stage name -> its deferred last pass

    def prepass_ids(self) -> None:
        """``unique_ids``: read every shard's ids before the first segment writes anything."""
        first = self.plan.units[0]
        if not self.unique_ids or not self.need[first.name]:
            return
        tasks = ids_tasks(self.plan, self.layout, self.reader, self.plan.shards)
        _map_named(self.executor, run_ids_task, tasks, "ids")
        plan_renames(self.plan, self.layout)

    @property
    def duplicate_ids(self) -> dict[str, int] | None:
        """The first segment's duplicate-id count (waits for its background thread)."""
        return None if self.ids_count is None else self.ids_count.result()

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.plan.shards]

    def segment(self, unit: Segment) -> None:
        """One task per shard that still has to run; finished shards come from their markers."""
        steps = SegmentSteps.of(unit.steps)  # pickled once; shipped once per map, not per task
        done: dict[str, ShardResult] = {}
        tasks: list[SegmentTask] = []
        for sh in self.plan.shards:
            marker = self.layout.marker(unit.name, sh.name, self.plan.fp(unit, sh.name))
            if sh.name in self.need[unit.name]:
                marker.clear()  # a stale marker must not vouch for outputs being rewritten
                tasks.append(self._task(unit, sh, marker))
                continue
            data = marker.load()
            if data is None:
                raise RunError(f"marker of {sh.name}@{unit.name} vanished during the run")
            done[sh.name] = ShardResult(**{**data["result"], "skipped": True})
            self.skipped.append(f"{sh.name}@{unit.name}")
        tap = self._input_pass(unit)
        if tap is not None:
            tasks = [dataclasses.replace(t, input_pass=tap, pass_shard=self.names.index(t.shard)) for t in tasks]
        tasks.sort(key=_task_size, reverse=True)  # largest first: no long task starts last
        for r in _map_named(self.executor, segment_fn(steps), tasks, f"segment {unit.index}"):
            done[r.shard] = r
        self.results.append([done[n] for n in self.names])
        if unit.source_unit in self.finishers:
            self._finished_stage(unit, self.results[-1])
        if unit.source_unit is None:  # only stats.json needs it: counted beside the next unit's tasks
            self.ids_count = self.background.submit(_count_ids, self.plan, self.layout)

    def _input_pass(self, unit: Segment) -> Any:
        """The next stage's first pass (``CorpusStage.input_pass``) when that stage will run."""
        if unit.final:
            return None
        stage = self.plan.units[unit.index + 1]
        if not isinstance(stage, Stage) or not self.need[stage.name]:
            return None
        return stage.stage.input_pass(self._stage_ctx(stage))

    def _stage_ctx(self, unit: Stage) -> StageContext:
        layout = self.layout
        return StageContext(self.executor, layout.stage_dir(unit.name),
                            [layout.docfile(unit.name, n) for n in self.names], self.plan.fp(unit),
                            layout.stage_scratch(unit.name), defer=True, background=self.background)

    def _finished_stage(self, unit: Segment, results: list[ShardResult]) -> None:
        """The segment ran a stage's deferred last pass: its statistics join the stage's (in
        shard order), and the stage's inputs and scratch are consumed."""
        stage = self.plan.units[unit.index - 1]
        assert isinstance(stage, Stage)
        label = stage.stage.label
        stats = self.stage_stats.setdefault(label, StepStats())
        for r in results:
            part = r.stats.pop(label, None)
            if part is not None:
                stats.merge(StepStats.from_dict(part))
        self.background.later(self.layout.drop_stage_dir, stage.name)
        self.background.later(self.layout.drop_docfiles, stage.source_unit)

    def _task(self, unit: Segment, sh: Shard, marker: Marker) -> SegmentTask:
        layout = self.layout
        fin = self.finishers.get(unit.source_unit or "")
        if fin is not None:  # read what the stage read; the task applies the stage's last pass
            stage = self.plan.units[unit.index - 1]
            assert isinstance(stage, Stage)
            return dataclasses.replace(
                self._plain_task(unit, sh, marker),
                doc_input=str(layout.docfile(stage.source_unit, sh.name)), finisher=fin,
                stage_shard=self.names.index(sh.name), stage_label=stage.stage.label)
        return self._plain_task(unit, sh, marker)

    def _plain_task(self, unit: Segment, sh: Shard, marker: Marker) -> SegmentTask:
        layout, first = self.layout, unit.source_unit is None
        return SegmentTask(
            shard=sh.name, segment=unit.index,
            reader=self.reader, marker=marker,
            kept_path=str(layout.kept(sh.name) if unit.final else layout.docfile(unit.name, sh.name)),
            kept_format=ENCODED if unit.final else DOCFILE, final=unit.final,
            dataset=self.dataset if unit.final else None,
            rejected_path=str(layout.rejected(sh.name, unit.suffix)), rejected_format=layout.fmt,
            errors_path=str(layout.errors(sh.name, unit.suffix)), level=self.level,
            source=sh.source if first else None, part=sh.part if first else None,
            doc_input=None if first else str(layout.docfile(unit.source_unit or "", sh.name)),
            observers_blob=self.observers_blob,
            ids_path=str(layout.ids(sh.name)) if first else None,
            renames_path=str(layout.renames(sh.name)) if first and self.unique_ids else None,
        )

    def stage(self, unit: Stage) -> None:
        plan, layout = self.plan, self.layout
        marker = layout.stage_marker(unit.name, plan.fp(unit))
        if not self.need[unit.name]:
            data = marker.load()
            if data is None:
                raise RunError(f"marker of {unit.name} vanished during the run")
            self.stage_stats[unit.stage.label] = StepStats.from_dict(data["result"]["stats"])
            if data["result"].get("deferred") is not None:
                self.finishers[unit.name] = finisher_of(unit.stage, data["result"]["deferred"])
            self.skipped.append(unit.name)
            return
        marker.clear()
        inputs = [layout.docfile(unit.source_unit, n) for n in self.names]
        ctx = self._stage_ctx(unit)
        outputs = [Path(p) for p in ctx.outputs or ()]
        ctx.workdir.mkdir(parents=True, exist_ok=True)
        so = unit.stage.run(inputs, ctx)
        if so.deferred is not None:
            self._deferred(unit, marker, inputs, so)
            return
        got = [Path(p) for p in so.outputs]
        if got != outputs or not all(p.exists() for p in outputs):
            raise RunError(f"corpus stage {unit.stage.label} wrote {len(got)} document file(s) for "
                           f"{len(inputs)} shards; expected one per shard at ctx.output(i)")
        self.stage_stats[unit.stage.label] = so.stats
        marker.write({"stats": so.stats.to_dict()})
        self.background.later(layout.drop_stage_dir, unit.name)
        self.background.later(layout.drop_docfiles, unit.source_unit)  # consumed: the stage is marked done


    def _deferred(self, unit: Stage, marker: Marker, inputs: list[Path], so: StageOutput) -> None:
        """A stage that left its last pass to the next segment: its inputs stay (that segment
        reads them) and so does its scratch; the marker keeps the pass's JSON state."""
        if [Path(p) for p in so.outputs] != inputs:
            raise RunError(f"corpus stage {unit.stage.label} deferred its last pass but returned "
                           "other files than its inputs")
        self.finishers[unit.name] = finisher_of(unit.stage, so.deferred or {})
        self.stage_stats[unit.stage.label] = so.stats
        marker.write({"stats": so.stats.to_dict(), "deferred": so.deferred})


def _count_ids(plan: Plan, layout: RunLayout) -> dict[str, int] | None:
    with timeline.phase("driver: duplicate ids"):
        return count_duplicate_ids(plan, layout)


def _finished(layout: RunLayout) -> bool:
    """Whether ``OUT`` holds a finished run (a rerun then usually has nothing to do)."""
    try:
        return bool(orjson.loads(layout.manifest.read_bytes()).get("status") == "complete")
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return False


def _task_size(task: SegmentTask) -> int:
    """Bytes a segment task reads: its document file, its part's range, or its source (a
    compressed part: the source over its parts). Only orders tasks, never changes outputs."""
    if task.doc_input is not None:
        try:
            return os.path.getsize(task.doc_input)
        except OSError:
            return 0
    if task.source is None:
        return 0
    part = task.part
    if part is not None and part.start is not None and part.end is not None:
        return part.end - part.start
    return task.source.size()


def _preflight(pipeline: Pipeline, inputs: Sequence[str | Path]) -> None:
    """What can be checked without touching ``output``: the config (reader, writer, limits,
    picklable steps) and that every input names something. A bad run creates nothing."""
    _validate_io_config(pipeline)
    try:
        pickle.dumps(pipeline.steps)
    except Exception as exc:  # noqa: BLE001 - report which pipeline cannot travel to workers
        raise ConfigError(f"pipeline steps cannot be pickled for worker processes: {exc}") from exc
    for spec in map(str, inputs):
        if not (os.path.lexists(spec) or (glob.has_magic(spec) and glob.glob(spec, recursive=True))):
            raise RunError(f"input {spec!r} matches no file")


def run_pipeline(pipeline: Pipeline, inputs: Sequence[str | Path], output: str | Path,
                 **kwargs: Any) -> RunResult:
    """Run ``pipeline`` (see :func:`_run_pipeline`) holding an exclusive lock on ``output`` (a
    second run into it fails at once with :class:`RunError`); Ctrl-C marks the manifest
    ``interrupted`` (io/lock.py). Config and inputs are checked before the output folder or
    its lock is created."""
    _preflight(pipeline, inputs)
    try:
        with output_lock(output), timeline.phase("run"):
            try:
                return _run_pipeline(pipeline, inputs, output, **kwargs)
            except KeyboardInterrupt:
                mark_manifest(Path(output) / "manifest.json", "interrupted",
                              error="interrupted (Ctrl-C); run the same command again to resume")
                raise
    except OutputLocked as exc:
        raise RunError(str(exc)) from None


def _run_pipeline(
    pipeline: Pipeline,
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    executor: Executor | str | None = None,
    workers: int | None = None,
    ray_address: str | None = None,
    strict: bool = False,
    progress: bool = True,
    resume: bool = True,
    observers: Sequence[Any] = (),
    unique_ids: bool = False,
    task_timeout: float | None = None,
    scratch: str | None = None,
) -> RunResult:
    """Run ``pipeline`` over the input files/folders/globs into ``output`` and check accounting.

    ``executor``: an executor object, or ``"serial"`` | ``"local"`` | ``"ray"`` (default:
    the pipeline's ``executor:`` config, else local with ``workers`` processes when
    ``workers > 1``, else serial); ``ray_address`` joins an existing Ray cluster. ``strict`` makes any error record fail the run (``ok`` False).
    ``observers`` see every document whose decision is final (see ``executors/observe.py``).
    ``unique_ids`` renames the n-th use of an id in the corpus to ``<id>#<n>`` (original in
    ``metadata.original_id``); reused ids are counted in any case. ``task_timeout``: seconds
    one task may run (each attempt); over it the task is stopped and retried, then the run
    fails naming the shard (default: the config's ``executor: {task_timeout: ...}``).
    ``scratch``: where corpus stages keep their exchange files instead of ``OUT/_work/stages``
    (a shared folder or an fsspec URL every node reaches; default: the config's
    ``executor: {scratch: ...}``); it never changes outputs, so it is not fingerprinted.
    Raises :class:`ConfigError` for bad configuration, :class:`RunError` when the run cannot
    proceed.
    """
    t_start = time.perf_counter()
    reader, fmt = _validate_io_config(pipeline)
    layout = RunLayout(output, fmt, scratch or pipeline.executor.get("scratch"))
    ex, own, ex_name = _resolve_executor(executor, workers, ray_address, pipeline.executor, task_timeout)
    try:
        if own and hasattr(ex, "start") and not _finished(layout):
            ex.start()  # workers start (and load resources) while the inputs are hashed
        with timeline.phase("driver: inputs"):
            shards, skipped_inputs = _shards(inputs, pipeline.limits["shard_bytes"], layout.scans)
        skipped_list = [k.to_dict() for k in skipped_inputs]
        pipeline = ensure_extract(pipeline, [s.source for s in shards])  # raw web input: HTML -> text
        observers = with_domain_counter(pipeline, observers)  # per-domain counts in stats.json
        layout.prepare()
        languages = list(pipeline.languages)
        max_file_bytes = pipeline.writer.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)
        observers = [*observers, LanguageTally(languages)]  # per-language figures of every run
        try:
            pickle.dumps(pipeline.steps)
            observers_blob = pickle.dumps(list(observers))
        except Exception as exc:  # noqa: BLE001 - report which pipeline cannot travel to workers
            raise ConfigError(f"pipeline steps cannot be pickled for worker processes: {exc}") from exc
        run_fp = run_fingerprint(pipeline, reader, fmt)
        if unique_ids:  # changes outputs (ids): part of what the run is
            run_fp = digest(run_fp, "unique_ids")
    except BaseException:
        if own:
            ex.close()
        raise
    started: list[_Run] = []  # the run's state once built: its background deletions end here
    try:
        manifest = Manifest(layout.manifest, digest(run_fp, [s.key for s in shards]),
                            run_config(pipeline, fmt), _inputs_record(shards), ex_name, parallelism_of(ex))
        manifest.data["skipped_inputs"] = skipped_list
        manifest.save()
        work_fp = digest(run_fp, observer_identity(observers))
        plan = Plan.build(pipeline.steps, shards, work_fp)
        if not resume:
            layout.reset_work()
        ds_marker = layout.dataset_marker(finalize.fingerprint(
            work_fp, [s.key for s in shards], languages, fmt, max_file_bytes))
        dataset_done = ds_marker.load() is not None
        run = _Run(plan, layout, reader, ex, demand(plan, layout, resume, dataset_done), observers_blob,
                   unique_ids=unique_ids, dataset=(tuple(languages), fmt, max_file_bytes),
                   level=pipeline.writer.get("compression_level"))
        started.append(run)
        if run.need[plan.units[-1].name]:
            ds_marker.clear()  # kept documents are being rewritten: so is the dataset
        try:
            if any(run.need.values()) and hasattr(ex, "check_shared"):
                ex.check_shared(layout.root)  # multi-node: every node must see OUT (fail fast)
            _execute(run, progress)
            run.duplicate_ids  # noqa: B018 - its thread's errors fail the run like any unit's
            with timeline.phase("driver: dataset"):
                parts = finalize.write_dataset(layout.root, [layout.kept(n) for n in run.names],
                                               fmt, max_file_bytes, ds_marker, run.level)
        except Exception as exc:
            manifest.finish("failed", error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            if isinstance(exc, (ConfigError, RunError)):
                raise
            raise RunError(f"run failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    finally:
        with timeline.phase("driver: background"):  # deletions (and counts) still running
            for r in started:
                r.background.wait()
        if own:
            with timeline.phase("driver: close pool"):
                ex.close()
    with timeline.phase("driver: account"):
        layout.drop_intermediates()
        result = account(layout.root, run.results, run.names, run.stage_stats, run.skipped, strict,
                         time.perf_counter() - t_start, observers, layout.work_bytes(), skipped_list,
                         run.duplicate_ids)
    try:
        with timeline.phase("driver: publish"):
            result.languages = finalize.publish(layout.root, result.observed.pop("saring_languages", {}),
                                                parts, languages, fmt, max_file_bytes)
    except finalize.DatasetError as exc:
        manifest.finish("failed", error=str(exc))
        raise RunError(str(exc)) from exc
    manifest.finish("complete" if result.ok else "failed", seconds=round(result.seconds, 3))
    return result


def _execute(run: _Run, show: bool) -> None:
    with progress.RunProgress(show) as view:
        run.prepass_ids()
        for unit in run.plan.units:
            if isinstance(unit, Stage):
                view.stage(describe(unit))
            else:  # ETA from the documents the previous segment kept, else from shards done
                todo = run.need.get(unit.name, set())
                known = sum(r.kept for r in run.results[-1] if r.shard in todo) if run.results else None
                view.stage(describe(unit), shards=len(todo), docs_total=known or None)
            with timeline.phase(f"unit: {unit.name}"):
                if isinstance(unit, Stage):
                    run.stage(unit)
                else:
                    run.segment(unit)


def _inputs_record(shards: list[Shard]) -> list[dict[str, Any]]:
    """One entry per input source; a split source lists its parts (shard, first line)."""
    out: list[dict[str, Any]] = []
    by_path: dict[str, dict[str, Any]] = {}
    for s in shards:
        if s.part is not None and s.source.path in by_path:
            by_path[s.source.path]["parts"].append({"shard": s.name, "first_line": s.part.first_line})
            continue
        rec = {"shard": s.source.name if s.part else s.name, "path": os.path.abspath(s.source.path),
               "kind": s.source.kind, "files": len(s.source.files) or 1, "bytes": s.source.size(),
               "xxh3_128": s.source_hash or s.key}
        if s.source.error:
            rec["error"] = s.source.error
        if s.part is not None:
            rec["parts"] = [{"shard": s.name, "first_line": s.part.first_line}]
            by_path[s.source.path] = rec
        out.append(rec)
    return out
