"""Resume that really resumes: stable fingerprints, a rerun runs no step, kill -9 at several
moments of a plan with a corpus stage, and intermediates deleted once consumed."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from conftest import kept_records, output_files
from stepkit import cli_run, make_shards, step_env

from saring import FunctionStep, Pipeline
from saring.document import Document
from saring.executors.runner import run_pipeline

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"
BAD = REPO / "examples" / "bad_input.jsonl"


def _count_and_keep(log: str, doc: Document) -> bool:
    """A step that appends one byte per document it sees to ``log`` (works across processes)."""
    with open(log, "ab") as f:
        f.write(b".")
    return len(doc.text) % 5 != 0


def _counting(log: Path) -> FunctionStep:
    return FunctionStep(functools.partial(_count_and_keep, str(log)), label="count")


def _outputs(out: Path) -> dict[str, bytes]:
    return output_files(out)  # kept/<lang>/part-*, rejected/, errors/


def test_fingerprint_is_the_same_in_processes_with_different_hash_seeds() -> None:
    """Quality filters hold Python sets: a pickle-based fingerprint changed with every process."""
    code = ("from saring import Pipeline; from saring.io.readers import ReaderConfig; "
            "from saring.executors.manifest import run_fingerprint; "
            "print(run_fingerprint(Pipeline.default(), ReaderConfig(), 'jsonl.gz'))")
    fps = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "src")}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                             timeout=120, check=True)
        fps.add(out.stdout.strip())
    assert len(fps) == 1 and len(next(iter(fps))) == 32


def test_fingerprint_changes_with_parameters_and_functions(tmp_path) -> None:
    from saring.executors.manifest import run_fingerprint
    from saring.io.readers import ReaderConfig

    def fp(p: Pipeline) -> str:
        return run_fingerprint(p, ReaderConfig(), "jsonl.gz")

    base = Pipeline.from_config({"steps": [{"dedup": {"threshold": 0.8}}]})
    other = Pipeline.from_config({"steps": [{"dedup": {"threshold": 0.85}}]})
    assert fp(base) == fp(Pipeline.from_config({"steps": [{"dedup": {"threshold": 0.8}}]}))
    assert fp(base) != fp(other)
    assert fp(Pipeline([_counting(tmp_path / "a")])) != fp(Pipeline([_counting(tmp_path / "b")]))
    run_as = Pipeline.from_config({"steps": ["normalize"], "executor": "local"})
    assert fp(run_as) == fp(Pipeline.from_config({"steps": ["normalize"]}))  # how, not what


def test_rerun_of_finished_folder_skips_every_unit_and_runs_no_step(tmp_path) -> None:
    log = tmp_path / "calls.log"
    pipe = Pipeline.from_config({"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}}]})
    pipe.steps.insert(1, _counting(log))
    out = tmp_path / "o"
    first = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    calls = log.stat().st_size
    assert first.ok and calls == first.counts["input"] - first.counts["errors"]
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.parent.name != out.name}
    second = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    assert log.stat().st_size == calls  # no step saw a document
    assert sorted(second.skipped_shards) == sorted(
        [f"{s}@{u}" for s in ("sample", "bad_input") for u in ("seg0", "seg2")] + ["stage1-dedup"])
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert sorted(stats["skipped"]) == sorted(second.skipped_shards)
    assert second.counts == first.counts and second.stats == first.stats
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.parent.name != out.name}
    assert after == before  # not one output or marker rewritten


def test_finished_run_keeps_only_markers_in_work(tmp_path) -> None:
    pipe = Pipeline.from_config({"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}}]})
    res = run_pipeline(pipe, [str(SAMPLE), str(BAD)], tmp_path / "o", progress=False)
    work = [p.relative_to(tmp_path / "o" / "_work") for p in (tmp_path / "o" / "_work").rglob("*")
            if p.is_file()]
    assert work and all(p.parts[0] == "done" and p.suffix == ".json" for p in work), work
    assert res.work_bytes == sum((tmp_path / "o" / "_work" / p).stat().st_size for p in work)


def test_lost_final_marker_redoes_the_chain_and_output_is_identical(tmp_path) -> None:
    """Consumed intermediates are gone: losing a later marker recomputes what it needs."""
    log = tmp_path / "calls.log"
    pipe = Pipeline.from_config({"steps": [{"dedup": {"paragraph_min_docs": 3}}]})
    pipe.steps.insert(0, _counting(log))
    out = tmp_path / "o"
    run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    ref = _outputs(out)
    os.unlink(out / "_work" / "done" / "seg2" / "sample.json")
    third = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    # the dataset is rebuilt from every shard's kept documents, which were deleted once the
    # dataset was marked: the final segment runs again for all shards (and the chain it needs)
    assert "sample@seg2" not in third.skipped_shards and "bad_input@seg2" not in third.skipped_shards
    assert _outputs(out) == ref and third.ok
    fourth = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    assert {"sample@seg2", "bad_input@seg2"} <= set(fourth.skipped_shards)


# ----------------------------------------------------------------------------- kill -9, then resume
def _count(folder: Path, pattern: str = "*.json") -> int:
    return len(list(folder.glob(pattern))) if folder.is_dir() else 0


@pytest.mark.parametrize("moment", ["seg0", "stage", "seg2"])
def test_kill_9_at_several_moments_then_resume_gives_identical_output(tmp_path, moment: str) -> None:
    cfg = tmp_path / "p.yaml"
    cfg.write_text('steps:\n  - "stepkit:Slow": {delay: 0.003}\n  - "stepkit:Every7": {delay: 0.004}\n'
                   '  - "stepkit:Slow": {delay: 0.003, label: slow2}\n')
    env = step_env()
    inputs = make_shards(tmp_path / "in", 6, 40)
    common = ["--config", str(cfg), "--workers", "2", "--no-progress"]
    ref = subprocess.run(cli_run(*inputs, "-o", str(tmp_path / "ref"), *common), env=env,
                         capture_output=True, text=True, timeout=180)
    assert ref.returncode == 0, ref.stderr

    out = tmp_path / "out"
    done = out / "_work" / "done"
    watch = {"seg0": lambda: _count(done / "seg0") >= 2,
             "stage": lambda: _count(out / "_work" / "stages" / "stage1-every7" / "done") >= 2,
             "seg2": lambda: _count(done / "seg2") >= 2}[moment]
    proc = subprocess.Popen(cli_run(*inputs, "-o", str(out), *common), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not watch():
        time.sleep(0.003)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    seg0_done = {p.stem for p in (done / "seg0").glob("*.json")}
    seg2_done = {p.stem for p in (done / "seg2").glob("*.json")} if (done / "seg2").is_dir() else set()
    stage_done = (done / "stage1-every7.json").exists()

    again = subprocess.run(cli_run(*inputs, "-o", str(out), *common), env=env,
                           capture_output=True, text=True, timeout=180)
    assert again.returncode == 0, again.stderr
    stats = orjson.loads((out / "stats.json").read_bytes())
    skipped = set(stats["skipped"])
    assert {f"{s}@seg0" for s in seg0_done} <= skipped  # finished work was not redone
    assert {f"{s}@seg2" for s in seg2_done} <= skipped
    assert ("stage1-every7" in skipped) == stage_done
    assert len(seg0_done) < 6 or moment != "seg0"
    assert stats["counts"] == orjson.loads((tmp_path / "ref" / "stats.json").read_bytes())["counts"]
    assert stats["accounting"]["balanced"]
    assert _outputs(out) == _outputs(tmp_path / "ref")
    assert not list(out.rglob(".*.tmp-*"))
    assert not (out / "_work" / "docs").exists() and not (out / "_work" / "stages").exists()


class StatusCounter:
    """A per-document observer: counts final documents by status and records shard order."""

    name = "status"

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def observe(self, doc: Document) -> None:
        self.counts[doc.decision.status] = self.counts.get(doc.decision.status, 0) + 1

    def result(self) -> dict:
        return dict(self.counts)

    def merge(self, results) -> dict:
        out: dict[str, int] = {}
        for r in results:
            for k, v in r.items():
                out[k] = out.get(k, 0) + v
        return out


def test_observers_see_every_final_document_once_and_survive_resume(tmp_path) -> None:
    pipe = Pipeline.from_config({"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}}]})
    inputs = [str(SAMPLE), str(SAMPLE.parent / "bad_input.jsonl")]
    first = run_pipeline(pipe, inputs, tmp_path / "o", progress=False, observers=[StatusCounter()])
    seen = first.observed["status"]
    read_errors = first.stats["read"]["errors"]  # records that never became documents
    assert seen == {k: v for k, v in {"kept": first.counts["kept"], "rejected": first.counts["rejected"],
                                      "error": first.counts["errors"] - read_errors}.items() if v}
    again = run_pipeline(pipe, inputs, tmp_path / "o", progress=False, observers=[StatusCounter()])
    assert again.observed == first.observed and len(again.skipped_shards) == 5
    stats = orjson.loads((tmp_path / "o" / "stats.json").read_bytes())
    assert stats["observed"] == first.observed


def test_duplicate_ids_are_counted_within_and_across_files(tmp_path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(b'{"id": "x", "text": "satu"}\n{"id": "x", "text": "dua"}\n{"id": "y", "text": "tiga"}\n'
                  b'{"id": "z", "text": "empat"}\n{"text": 5}\n')
    b.write_bytes(b'{"id": "y", "text": "lima"}\n{"id": "w", "text": "enam"}\n')
    res = run_pipeline(Pipeline([]), [str(a), str(b)], tmp_path / "o", progress=False)
    expect = {"documents": 6, "duplicates": 2, "ids_repeated": 2, "ids_in_several_files": 1}
    assert res.duplicate_ids == expect
    assert orjson.loads((tmp_path / "o" / "stats.json").read_bytes())["duplicate_ids"] == expect
    again = run_pipeline(Pipeline([]), [str(a), str(b)], tmp_path / "o", progress=False)
    assert again.duplicate_ids == expect and len(again.skipped_shards) == 2
    assert not (tmp_path / "o" / "_work" / "ids").exists()


def test_secret_parameters_change_the_fingerprint_but_never_reach_the_manifest(tmp_path) -> None:
    from saring.executors.manifest import run_fingerprint
    from saring.io.readers import ReaderConfig

    def pipe(key: str) -> Pipeline:
        return Pipeline.from_config({"steps": [{"pii": {"mode": "mask", "hash_key": key}}]})

    fp = [run_fingerprint(pipe(k), ReaderConfig(), "jsonl.gz") for k in ("rahasia-1", "rahasia-2")]
    assert fp[0] != fp[1]
    run_pipeline(pipe("rahasia-1"), [str(SAMPLE)], tmp_path / "o", progress=False)
    for p in (tmp_path / "o").rglob("*.json"):
        assert b"rahasia" not in p.read_bytes(), p


def test_summary_shows_duplicate_ids(tmp_path) -> None:
    from click.testing import CliRunner

    from saring.cli.main import saring

    a = tmp_path / "a.jsonl"
    a.write_bytes(b'{"id": "x", "text": "satu dua"}\n{"id": "x", "text": "tiga empat"}\n')
    res = CliRunner().invoke(saring, ["run", str(a), "-o", str(tmp_path / "o"), "--no-progress",
                                      "--config", str(_write(tmp_path / "p.yaml", "steps: []\n"))])
    assert res.exit_code == 0, res.output
    assert "duplicate ids: 1 document(s) reuse an earlier id" in res.output


def _write(p: Path, text: str) -> Path:
    p.write_text(text)
    return p


def test_unique_ids_renames_later_uses_in_corpus_order(tmp_path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(b'{"id": "x", "text": "satu"}\n{"id": "x", "text": "dua"}\n{"text": 5}\n'
                  b'{"id": "y", "text": "tiga"}\n')
    b.write_bytes(b'{"id": "y", "text": "empat"}\n{"id": "x", "text": "lima"}\n{"id": "x#2", "text": "enam"}\n')
    outs = {}
    for name, ex in (("s", "serial"), ("l", "local")):
        res = run_pipeline(Pipeline([]), [str(a), str(b)], tmp_path / name, progress=False,
                           unique_ids=True, executor=ex, workers=2)
        assert res.duplicate_ids["duplicates"] == 3  # counted on the original ids
        outs[name] = _outputs(tmp_path / name)
    assert outs["s"] == outs["l"]
    kept = kept_records(tmp_path / "s")  # dataset order: shard a, then shard b
    assert [(r["id"], r["metadata"].get("original_id")) for r in kept] == [
        ("x", None), ("x#2", "x"), ("y", None), ("y#2", "y"), ("x#3", "x"), ("x#2", None)]
    plain = run_pipeline(Pipeline([]), [str(a), str(b)], tmp_path / "p", progress=False)
    assert plain.duplicate_ids["duplicates"] == 3
    with pytest.raises(Exception, match="different config"):  # unique ids change outputs
        run_pipeline(Pipeline([]), [str(a), str(b)], tmp_path / "p", progress=False, unique_ids=True)


def test_moved_output_folder_still_resumes(tmp_path) -> None:
    """Markers name their outputs relative to themselves (output staged or moved elsewhere)."""
    pipe = Pipeline.from_config({"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}}]})
    first = run_pipeline(pipe, [str(SAMPLE)], tmp_path / "a", progress=False)
    (tmp_path / "a").rename(tmp_path / "b")
    again = run_pipeline(pipe, [str(SAMPLE)], tmp_path / "b", progress=False)
    assert sorted(again.skipped_shards) == ["sample@seg0", "sample@seg2", "stage1-dedup"]
    assert again.counts == first.counts
