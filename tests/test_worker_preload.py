"""Local workers start from a fork server holding the default steps, set up once, and reuse them."""

from __future__ import annotations

import multiprocessing as mp
import pickle
import sys

import pytest

from saring.executors.local import LocalExecutor
from saring.pipeline import Pipeline, build_step

pytestmark = pytest.mark.skipif(
    "forkserver" not in mp.get_all_start_methods(), reason="no fork server on this platform"
)


def _shared_flags(blob: bytes) -> list[bool]:
    """In a worker: which of the sent steps resolve to an already set-up (preloaded) step."""
    warm = sys.modules.get("saring.executors.warm")
    assert warm is not None and warm.preloaded() > 0
    return [warm.shared_step(s)._ready for s in pickle.loads(blob)]


def test_workers_reuse_preloaded_default_steps_only_when_equal() -> None:
    steps = Pipeline.default().per_document().steps
    other = build_step("langid", {"min_score": 0.25})  # another configuration: not shared
    blob = pickle.dumps([*steps, other])
    with LocalExecutor(2) as ex:
        flags = ex.map(_shared_flags, [blob, blob])
    for f in flags:
        assert f[-1] is False
        assert f[:-1] == [True] * len(steps), [s.label for s, ok in zip(steps, f, strict=False) if not ok]


def _env_value(name: str) -> str | None:
    import os

    return os.environ.get(name)


def test_workers_see_the_executors_current_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork-server workers get the environment of the process that starts them, as with spawn."""
    with LocalExecutor(1) as ex:
        ex.map(_env_value, ["HOME"])  # the fork server is running from here on
    monkeypatch.setenv("SARING_TEST_ENV_PROBE", "fresh")
    with LocalExecutor(1) as ex:
        assert ex.map(_env_value, ["SARING_TEST_ENV_PROBE"]) == ["fresh"]


def _modules_missing(names: list[str]) -> list[str]:
    """In a worker, before it ran anything: which of ``names`` it would still have to import."""
    return [n for n in names if n not in sys.modules]


def test_a_fresh_worker_already_holds_what_a_default_run_imports_after_the_fork() -> None:
    """numpy.random (MinHash), numpy.ma (np.unique), mmap (band files), difflib (repair), the
    dataset encoder and the observers come from the fork server: their pages are shared, not
    allocated again in every worker (found by listing a worker's new modules at exit)."""
    from saring.executors import warm

    wanted = ["numpy.random", "numpy.ma", "mmap", "difflib", "saring.dataset.export",
              "saring.report.observer", "saring.url.observe"]
    assert set(wanted) <= set(warm.MODULES)
    with LocalExecutor(1) as ex:
        assert ex.map(_modules_missing, [wanted]) == [[]]


def test_a_segment_task_leaves_no_cached_analyses(tmp_path) -> None:
    """The analysis cache (up to 2 M chars of token lists per process) is emptied at the end of
    every segment task, so a worker does not carry its last shard's analyses through dedup."""
    import saring
    from saring import analysis

    src = tmp_path / "in.jsonl"
    text = "Pemerintah kota mulai memperbaiki jalan rusak di sejumlah kecamatan pada pekan ini."
    src.write_text("".join(f'{{"id": "d{i}", "text": "{text} Nomor {i}."}}\n' for i in range(20)))
    analysis.analyse("a text analysed before the run")
    assert analysis._CACHE
    result = saring.run(src, tmp_path / "out", workers=1)
    assert result.balanced and result.counts["input"] == 20
    assert not analysis._CACHE and analysis._cached_chars[0] == 0


def _heap_state(_: int) -> int:
    """In a worker, at its first task: the trims its process has seen so far."""
    from saring.executors import heap

    return heap.trims


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc")
def test_the_fork_server_returns_set_up_garbage_before_forking() -> None:
    """Set-up's freed heap (~5 MiB of free chunks) is given back in the fork server, so workers
    do not inherit it resident: a worker's first task sees the server's trim (a worker trims
    only after tasks). glibc's free-chunk count (``mallinfo2().fordblks``) is no measure of
    that: trimmed chunks stay counted as free after their pages went back to the system, and a
    cold resource cache leaves more of them (the lead saw 5.3 MiB there with a fresh
    ``SARING_CACHE_DIR`` after a trim)."""
    with LocalExecutor(1) as ex:
        (trims,) = ex.map(_heap_state, [0])
    assert trims >= 1
