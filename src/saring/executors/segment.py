"""One segment over one shard: read, run the steps, write, mark done (runs inside a worker).

A task carries only paths, the reader config and pickled observers (fresh per task). The
pickled steps travel once per ``map``, bound into the function (``segment_fn``): the executor
ships the function once (Ray: one ``ray.put``; the local pool: once per worker), and a worker
unpickles them once and reuses them (loading models is what is expensive).
It is idempotent: a finished task (valid marker) returns its stored result; otherwise outputs are
written to temp files, renamed, then the marker is written, and only then the consumed input
document file is deleted.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from saring.analysis import clear_cache as forget_analyses
from saring.document import KEPT, REJECTED, Document
from saring.executors import progress
from saring.executors.accounting import ShardResult
from saring.executors.base import may_freeze_heap
from saring.executors.ids import id_hash, load_renames, save
from saring.executors.marker import Marker
from saring.executors.split import Part, read_part
from saring.io.docfile import ZSTD_LEVEL, read_docs
from saring.io.readers import READ_STEP, ReaderConfig, ReadError, Source, read_source
from saring.io.writers import JsonlWriter, open_writer
from saring.regex_cache import programs_cached
from saring.step import Step, StepStats, run_steps

DOCFILE = "docfile"  # zstd JSONL of full documents, the exchange format between units
ENCODED = "encoded"  # the final segment: kept documents encoded for the dataset (dataset.export)
PROGRESS_EVERY = 500
YOUNG_GC_THRESHOLD = 5_000  # allocations between young collections once set-up is frozen


@dataclass
class SegmentTask:
    """Everything a worker needs to run one segment of steps over one shard (picklable)."""

    shard: str
    segment: int
    reader: ReaderConfig
    marker: Marker
    kept_path: str
    kept_format: str  # an output format, DOCFILE (feeding a stage) or ENCODED (the dataset phase)
    rejected_path: str
    rejected_format: str
    errors_path: str
    source: Source | None = None  # first segment: raw input
    part: Part | None = None  # a part of a large source (see split.py)
    doc_input: str | None = None  # later segments: a document file (deleted once marked done)
    observers_blob: bytes = b""
    ids_path: str | None = None  # first segment: where to write the hashes of document ids
    renames_path: str | None = None  # unique_ids: rows whose id repeats an earlier one
    final: bool = False  # the last segment: its decisions are final (kept ones too)
    dataset: tuple[tuple[str, ...], str, int] | None = None  # ENCODED: languages, format, file bound
    level: int | None = None  # compression level of the final outputs (None: the format's default)
    # the deferred last pass of the stage before (step.StageOutput): applied to the documents
    # read, as input shard ``stage_shard`` of that stage, its statistics under ``stage_label``
    finisher: Any = None
    stage_shard: int = 0
    stage_label: str = ""
    # the next stage's first pass over the documents this segment keeps (step.InputPass), as
    # input shard ``pass_shard`` of that stage: done while they are written to the document file
    input_pass: Any = None
    pass_shard: int = 0


@dataclass(frozen=True)
class SegmentSteps:
    """A segment's steps, pickled once by the driver, with the hash that names them."""

    key: str
    blob: bytes

    @classmethod
    def of(cls, steps: list[Step]) -> SegmentSteps:
        blob = pickle.dumps(steps)
        return cls(hashlib.sha256(blob).hexdigest(), blob)


def segment_fn(steps: SegmentSteps) -> Callable[[SegmentTask], ShardResult]:
    """The task function of one segment: ``run_segment_task`` with its steps bound."""
    return functools.partial(run_segment_task, steps=steps)


_STEPS_CACHE: dict[str, list[Step]] = {}


def _steps_for(key: str, blob: bytes) -> list[Step]:
    """Unpickle (and set up) a segment's steps once per worker process. Steps hold no state
    across documents (see ``saring.step``), so reusing them across shards changes nothing."""
    steps = _STEPS_CACHE.get(key)
    if steps is None:
        steps = pickle.loads(blob)
        warm = sys.modules.get("saring.executors.warm")  # preloaded by the local fork server
        if warm is not None:
            steps = [warm.shared_step(s) for s in steps]
        _STEPS_CACHE.clear()  # one pipeline per worker at a time: free the previous one
        if may_freeze_heap():  # set up now, then freeze what set-up loaded
            _set_up_frozen(steps)
        _STEPS_CACHE[key] = steps
    return steps


def _set_up_frozen(steps: list[Step]) -> None:
    """Set the steps up with the cyclic collector paused, then freeze what they loaded.
    Set-up builds hundreds of thousands of long-lived containers (lexicons, tries, rule
    tables): collections meanwhile walk the growing heap again and again and find nothing
    (~0.1-0.15 CPU-s of a 1-worker run, as in the fork server's preload, ``warm.py``). The
    one full collection of :func:`_freeze_heap` frees set-up's garbage before the freeze."""
    was = gc.isenabled()
    gc.disable()
    try:
        todo = [s for s in steps if not getattr(s, "_ready", False)]  # preloaded: already set up
        if todo:
            with programs_cached():  # set-up's ~550 re.compile calls: stored programs
                for s in todo:
                    s.ensure_setup()
    finally:
        _freeze_heap()
        if was:
            gc.enable()


def _freeze_heap() -> None:
    """Move what the set-up steps loaded (lexicons, gazetteers: hundreds of thousands of
    objects) out of the garbage collector's generations: full collections in this worker then
    stop walking them (CPU), and in a forked worker stop writing to the pages it shares with
    its fork server (memory). A Ray or spawned worker gains the same as a preloaded one.
    Only in worker processes and in ``saring run``'s own process (``claim_heap``): a library
    caller (tests, notebooks) keeps collecting everything.

    The youngest generation's threshold is then raised to :data:`YOUNG_GC_THRESHOLD`: the
    documents' temporaries (token lists, dicts of annotations) are freed by reference counting,
    yet at the default 700 they set off ~330 young and ~30 middle collections per 5,000 news
    documents, each walking the survivors of the document in flight (~0.06 CPU-s of a 1-worker
    in5k run); at 5,000 about 16, and at most a few documents' worth of cyclic garbage waits."""
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    if young:  # 0: collection switched off by the caller, left so
        gc.set_threshold(max(young, YOUNG_GC_THRESHOLD), middle, old)


def _open(path: str, fmt: str, level: int | None = None) -> Any:
    return JsonlWriter(path, "zst", ZSTD_LEVEL) if fmt == DOCFILE else open_writer(path, fmt, level)


def _open_kept(task: SegmentTask, as_read: bool = False) -> Any:
    if task.kept_format != ENCODED:
        return _open(task.kept_path, task.kept_format, task.level)
    from saring.dataset.export import ShardEncoder

    assert task.dataset is not None
    return ShardEncoder(task.kept_path, *task.dataset, task.level, as_read=as_read)


def _error_record(doc: Document, shard: str) -> dict[str, Any]:
    d = doc.decision
    return {
        "file": doc.metadata.get("source_file"), "line": doc.metadata.get("source_line"),
        "shard": shard, "kind": d.reason or "error", "step": d.step, "id": doc.id,
        "message": d.message, "doc": doc.to_dict(),
    }


class _Run:
    """The counters and writers of one task."""

    def __init__(self, task: SegmentTask, as_read: bool = False) -> None:
        self.task = task
        self.res = ShardResult(task.shard, task.segment)
        self.read_stats = StepStats()
        self.reasons: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.kept_w = _open_kept(task, as_read)
        self.rej_w = _open(task.rejected_path, task.rejected_format, task.level)
        self.err_w = JsonlWriter(task.errors_path, "gz", task.level if task.rejected_format == "jsonl.gz" else None)
        self.observers = pickle.loads(task.observers_blob) if task.observers_blob else []
        # the optional hooks, looked up once per task instead of twice per document
        self._on_error = [o.observe_error for o in self.observers if hasattr(o, "observe_error")]
        self._locators = [o.locate for o in self.observers if hasattr(o, "locate")]
        self._observes = [o.observe for o in self.observers]
        self.final = task.final or task.kept_format != DOCFILE
        self.ids: list[int] = []
        self.renames = load_renames(task.renames_path) if task.renames_path else {}
        # Unreadable records wait here until the documents read before them are written:
        # ``run_steps`` reads a batch ahead, and the errors file keeps input order.
        self._pending: list[tuple[int, dict[str, Any]]] = []
        self._n_read = self._n_written = 0
        self.tap = (task.input_pass.start(task.pass_shard, task.kept_path)
                    if task.input_pass is not None and task.kept_format == DOCFILE else None)

    def items(self) -> Iterator[Document]:
        task, res = self.task, self.res
        if task.source is None:
            assert task.doc_input is not None
            for doc in read_docs(task.doc_input):
                res.input += 1
                yield doc
            return
        items = (read_source(task.source, task.reader) if task.part is None
                 else read_part(task.source, task.reader, task.part))
        for item in items:
            res.input += 1
            self.read_stats.docs_in += 1
            if isinstance(item, ReadError):
                rec = item.to_dict()
                rec["shard"] = task.shard
                self._pending.append((self._n_read, rec))
                res.errors += 1
                self.read_stats.errors += 1
                self.kinds[item.kind] += 1
                continue
            n = self.renames.get(len(self.ids))
            self.ids.append(id_hash(item.id))
            if n is not None:  # the n-th use of this id in the corpus
                item.metadata["original_id"] = item.id
                item.id = f"{item.id}#{n}"
            if item.decision.status == KEPT:
                self.read_stats.docs_out += 1
            else:
                self.read_stats.rejected[item.decision.reason or "rejected"] += 1
            self._n_read += 1
            yield item

    def flush_read_errors(self, upto: int | None = None) -> None:
        """Write the unreadable records met before the ``upto``-th document (all: ``None``)."""
        pending, k = self._pending, 0
        while k < len(pending) and (upto is None or pending[k][0] <= upto):
            rec = pending[k][1]
            self._notify(rec, self.task.errors_path, self.err_w.count)
            self.err_w.write_record(rec)
            k += 1
        del pending[:k]

    def _notify(self, item: Document | dict[str, Any], path: str, ordinal: int) -> None:
        """Optional observer hooks: ``observe_error`` for input records that never became
        documents, ``locate(id, path, record number)`` for where a final record is written."""
        if isinstance(item, dict):
            for observe_error in self._on_error:
                observe_error(item)
            key = f"{item.get('file')}:{item.get('line')}"
        else:
            key = item.id
        for locate in self._locators:
            locate(key, path, ordinal)

    def write(self, doc: Document) -> None:
        if self._pending:
            self.flush_read_errors(self._n_written)
        self._n_written += 1
        status, res = doc.decision.status, self.res
        if self.observers and (self.final or status != KEPT):
            task = self.task
            w, path = ((self.kept_w, task.kept_path) if status == KEPT else
                       (self.rej_w, task.rejected_path) if status == REJECTED else
                       (self.err_w, task.errors_path))
            self._notify(doc, path, w.count)
        if status == KEPT:
            if self.tap is None:
                self.kept_w.write(doc)
            else:  # the next stage's first pass sees the record and the line as written
                row, rec = self.kept_w.count, doc.to_dict()
                self.tap.add(row, rec, self.kept_w.write_record(rec))
            res.kept += 1
            if not self.final:
                return  # not final yet: a later unit decides
        elif status == REJECTED:
            self.rej_w.write(doc)
            res.rejected += 1
            self.reasons[f"{doc.decision.step}:{doc.decision.reason}"] += 1
        else:
            self.err_w.write_record(_error_record(doc, self.task.shard))
            res.errors += 1
            self.kinds[f"step_error:{doc.decision.step}"] += 1
        for observe in self._observes:
            observe(doc)

    def writers(self) -> list[Any]:
        return [self.kept_w, self.rej_w, self.err_w]


def run_segment_task(task: SegmentTask, *, steps: SegmentSteps) -> ShardResult:
    """Read one shard (or its document file), run the steps, write kept/rejected/errors, mark
    done, then delete the consumed document file."""
    done = task.marker.result()
    if done is not None:
        return ShardResult(**done)
    t0 = time.perf_counter()
    stats: dict[str, StepStats] = {}
    step_list = _steps_for(steps.key, steps.blob)
    # no step between a document file's reader and the writer: documents are as read (JSON form)
    run = _Run(task, as_read=not step_list and task.doc_input is not None)
    docs: Iterator[Document] = run.items()
    finished = StepStats()
    if task.finisher is not None:
        docs = task.finisher.run(task.stage_shard, docs, finished)
    try:
        pending = 0
        for doc in run_steps(step_list, docs, stats):
            run.write(doc)
            pending += 1
            if pending >= PROGRESS_EVERY:
                progress.report(pending)
                pending = 0
        progress.report(pending)
        run.flush_read_errors()
        for w in run.writers():
            w.commit()
        if run.tap is not None:  # its files and marker follow the document file, precede ours
            run.tap.commit()
        if task.ids_path is not None:
            save(task.ids_path, run.ids)
    except BaseException:
        for w in run.writers():
            w.abort()
        raise
    finally:
        forget_analyses()
    res = run.res
    if task.source is not None:
        res.stats[READ_STEP] = run.read_stats.to_dict()
    res.stats.update({k: v.to_dict() for k, v in stats.items()})
    if task.finisher is not None:
        res.stats[task.stage_label] = finished.to_dict()  # the runner adds it to the stage's
    res.reasons, res.error_kinds = dict(run.reasons), dict(run.kinds)
    res.observed = {o.name: o.result() for o in run.observers}
    res.seconds = time.perf_counter() - t0
    # the final segment's encoded kept documents are vouched for by the dataset phase's marker
    # (they are deleted once the dataset is written), so this marker does not list them
    finals = [task.rejected_path, task.errors_path] + (
        [task.kept_path] if task.kept_format not in (DOCFILE, ENCODED) else [])
    # the fields as they are: ``asdict`` would deep-copy the observers' statistics only for
    # the marker's JSON to serialise them (orjson writes nested dataclasses the same way)
    task.marker.write({f.name: getattr(res, f.name) for f in fields(res)}, finals)
    progress.shard_done()
    if task.doc_input is not None:
        try:
            os.unlink(task.doc_input)
        except FileNotFoundError:
            pass
    return res
