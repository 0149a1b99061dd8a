"""Read-only resources loaded once, before the local executor forks its workers.

The local executor starts workers from a fork server (``multiprocessing``'s ``forkserver``)
that imports this module first. Importing it builds the default pipeline's per-document steps
and sets them up: the fastText model, the langid lexicon, the repair lexicons and gazetteer
regex, the boilerplate rules... Every worker forked afterwards shares those pages with the
server (copy-on-write) instead of loading its own copy, and starts without the ~1-2 s of
imports and loading. ``gc.freeze()`` moves the loaded objects out of the garbage collector's
generations, so collections in a worker do not write to (and so copy) the shared pages.

A worker reuses a preloaded step only when the step it was sent is *the same configuration*:
same class, and its state (``__getstate__``, as sent, before set-up) equals the preloaded step's
state taken before its set-up (``==`` on the attribute dicts: order of sets and object sharing
do not matter; attributes without ``==`` compare by identity and so never match). Steps keep no state across documents (``saring.step``), so the two are interchangeable
and outputs cannot change; anything else (another language list, a custom step, a secret key)
simply loads as before. ``SARING_NO_PRELOAD=1`` turns the preloading off.
"""

from __future__ import annotations

import copy
import gc
import os
from typing import Any

from saring.step import Step

_PRELOADED: list[tuple[type, dict[str, Any], Step]] = []  # (class, state before set-up, step)


# Warm-up documents (written here by hand): some steps load data on first use (wordfreq's
# frequency tables for glue and dateline checks, the public suffix trie for URLs); running the
# steps once here loads it in the server too. Steps keep no state across documents, so this
# changes no output (tests/test_run_executors.py: serial and local runs give identical bytes).
WARMUP = [
    "JAKARTA, KOMPAS.com - Pemerintah Kota Bandung mulai memperbaiki jalan rusak di sejumlah "
    "kecamatan pada pekan ini.\n\nKepala dinas mengatakan perbaikan ditargetkan selesai sebelum "
    "musim hujan, kata dia kepada wartawan di KemenkeuJakarta, Senin (6/12/2026).\n\n"
    "Baca juga: Harga cabai naik lagi di pasar induk\n\nHubungi 0812 3456 7890 atau kunjungi "
    "https://www.example.co.id/berita/jalan-rusak untuk info. Promo slot gacor hari ini!",
    "The government said on Monday that the new road will open next year, officials told "
    "reporters in London.",
]


# Modules the workers of a default run import anyway (the dedup stage's tasks, numpy, the
# segment runner): imported once here, their code and data pages are shared too. The second
# line is what a worker still imported after the fork (found by listing ``sys.modules`` in each
# worker at exit, session 8): numpy's ``random`` (MinHash permutations), ``ma`` (``np.unique``
# asks ``np.ma.is_masked``) and ``mmap`` (memory-mapped band files), repair's ``difflib``, the
# final segment's dataset encoder and the report/domain observers: ~3 MiB of objects per worker.
MODULES = ["numpy", "saring.executors.segment", "saring.dedup.stage", "saring.dedup.minhash",
           "saring.io.docfile",
           "numpy.random", "numpy.ma", "mmap", "difflib", "saring.dataset.export",
           "saring.report.observer", "saring.url.observe"]


def _preload() -> None:
    """Import, set up and warm the default steps with the cyclic collector paused: set-up builds
    millions of container objects (lexicons, tries, rule tables), which triggered ~300 collections
    that traversed the growing heap again and again (~0.1 s of the ~1.2 s preload, on the path to
    the first task of every pool run). The heap is then frozen without a full collection: it
    would walk every loaded container (~45 ms, on that same path) to free ~800 small objects
    (dataclass and function objects of set-up, ~0.2 MiB, measured session 14), which stay in
    the server instead, shared and never touched by a worker. Set-up's ~550 ``re.compile``
    calls are answered from the stored programs, as in a run's own set-up
    (saring/regex_cache.py: exact, else compiled)."""
    from saring.regex_cache import programs_cached

    was = gc.isenabled()
    gc.disable()
    try:
        with programs_cached():
            _load()
    finally:
        gc.freeze()
        if was:
            gc.enable()
        _return_free_heap()
        _record_preload()


def _record_preload() -> None:
    """The preload's span in the run's timeline (``SARING_TIMELINE``): from this process's start
    (the fork server's interpreter start included) to now, with its CPU seconds. Workers are
    forked only after it, so it can sit on the path to the first task."""
    from saring.executors import timeline

    if timeline.enabled():
        import time

        timeline.record("server", "fork server: preload", timeline.process_start(), time.time(),
                        os.getpid(), cpu=time.process_time(), faults=timeline.faults())


def _return_free_heap() -> None:
    """Give the heap pages set-up freed back to the system before any worker is forked.

    Set-up leaves ~5 MiB of free chunks in glibc's heap (its temporaries: parsed files, lists
    grown and dropped), resident in the server and so in every worker's share of its pages;
    a worker's own allocations write into them (copy-on-write) while the rest stay resident
    for the run. ``malloc_trim`` returns ~4 MiB of them: pool runs only (this module is what
    the fork server preloads), a run with one worker keeps its heap as it is."""
    from saring.executors import heap

    heap.release_free_memory()


def _load() -> None:
    import importlib

    from saring.document import Document
    from saring.pipeline import Pipeline

    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue

    for step in Pipeline.default().per_document().steps:
        try:
            state = copy.deepcopy(step.__getstate__())
            step.ensure_setup()
            for i, text in enumerate(WARMUP):
                step.process(Document(f"warmup-{i}", text, {"url": "https://www.example.co.id/a"}))
        except Exception:  # noqa: BLE001 - a resource that fails to load here loads in the worker
            continue
        _PRELOADED.append((type(step), state, step))
    try:  # word lists the boilerplate glue check reads on first use (id at its set-up, en later)
        from wordfreq import zipf_frequency

        for word, lang in (("dan", "id"), ("the", "en")):
            zipf_frequency(word, lang)
    except Exception:  # noqa: BLE001, S110 - optional warm-up only
        pass


def shared_step(step: Step) -> Step:
    """The preloaded, set-up step equal to ``step`` (same class and state), else ``step``."""
    if step._ready:
        return step
    for cls, state, ready in _PRELOADED:
        if type(step) is cls:
            try:
                if _same(step.__getstate__(), state):
                    return ready
            except Exception:  # noqa: BLE001 - an attribute whose == fails: no sharing
                continue
    return step


def _same(a: Any, b: Any) -> bool:
    """``a == b``, looking inside steps (a quality step holds its sub-filters) by their state."""
    if isinstance(a, Step) or isinstance(b, Step):
        return type(a) is type(b) and _same(a.__getstate__(), b.__getstate__())
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


def preloaded() -> int:
    """How many set-up steps are ready to share (0 when preloading is off or failed)."""
    return len(_PRELOADED)


if os.environ.get("SARING_NO_PRELOAD", "") not in ("1", "true", "yes"):
    _preload()
