"""Dedup's hash task done by the segment that writes the stage's input files
(``CorpusStage.input_pass``): the same scratch files and outputs as the hash task reading the
files back, no read-back, documents the reader would judge differently judged by the reader's
own check, and resume after the pass's marker but before the segment's."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import numpy as np
import orjson
import pytest
from conftest import output_files
from test_run_deferred import _inputs

from saring import MapStep, Pipeline
from saring.dedup import stage as dedup_stage
from saring.dedup.stage import Dedup
from saring.document import Document
from saring.executors import runner
from saring.executors.layout import RunLayout
from saring.executors.runner import RunError, run_pipeline
from saring.step import Reject


class OddForms(MapStep):
    """Leaves records whose in-memory form differs from what a document file reads back: the
    keep policy's damage as a numpy float32, NaN, a tuple path or a bool; an annotation that
    is not an object (the reader turns that line into an error document); a tuple flag."""

    name = "odd_forms"

    def process(self, doc: Document) -> Reject | None:
        k = int(doc.id.rsplit("-", 1)[-1]) % 6
        if k == 0:
            doc.annotate("repair", mt_damage=np.float32(0.3))  # float only after JSON
        elif k == 1:
            doc.annotate("repair", mt_damage=math.nan)  # null after JSON
        elif k == 2:
            doc.annotate("repair", mt_damage=0.25, extra=(1, 2))
        elif k == 3:
            doc.annotate("repair", mt_damage=True)
        elif k == 4 and doc.id.startswith("s1"):
            doc.annotations["broken"] = ["not", "an", "object"]  # an error document once read
        else:
            doc.flag(self.label, "odd", where=(0, 1))
        return None


def _pipe(odd: bool = False) -> Pipeline:
    normalize, langid = Pipeline.from_config({"steps": ["normalize", "langid"]}).steps
    return Pipeline([normalize, *([OddForms()] if odd else []), Dedup(paragraph_min_docs=3), langid])


def _outputs(out: Path) -> dict[str, bytes]:
    """Output files decompressed, the output folder's name (in error messages) made neutral."""
    return {k: gzip.decompress(v).replace(str(out).encode(), b"OUT") if k.endswith(".gz") else v
            for k, v in output_files(out).items()}


def _keep_scratch(m: pytest.MonkeyPatch) -> None:
    m.setattr(dedup_stage, "_drop", lambda store, *folders: None)
    m.setattr(RunLayout, "drop_stage_dir", lambda self, unit: None)
    m.setattr(RunLayout, "drop_intermediates", lambda self: None)


def _scratch(out: Path) -> dict[str, bytes]:
    """The dedup stage's scratch files (markers: their results only)."""
    root = out / "_work" / "stages"
    files = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            rel = str(p.relative_to(root))
            data = p.read_bytes()
            files[rel] = orjson.dumps(orjson.loads(data)["result"]) if "/done/" in rel else data
    return files


def _read_backs(m: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = dedup_stage.read_records
    m.setattr(dedup_stage, "read_records", lambda path: calls.append(str(path)) or real(path))
    return calls


@pytest.mark.parametrize("odd", [False, True])
def test_the_pass_writes_the_hash_tasks_files_and_reads_nothing_back(tmp_path, monkeypatch, odd: bool) -> None:
    inputs = _inputs(tmp_path)
    with monkeypatch.context() as m:
        _keep_scratch(m)
        m.setattr(Dedup, "input_pass", lambda self, ctx: None)
        ref_reads = _read_backs(m)
        ref = run_pipeline(_pipe(odd), inputs, tmp_path / "ref", progress=False)
    with monkeypatch.context() as m:
        _keep_scratch(m)
        reads = _read_backs(m)
        got = run_pipeline(_pipe(odd), inputs, tmp_path / "out", progress=False)
    assert len(ref_reads) == 4 and reads == []  # every shard read back without the pass; none with it
    assert got.ok and ref.ok and got.counts == ref.counts
    assert got.stats["dedup"]["rejected"], got.stats["dedup"]  # duplicates were found
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "ref")
    scratch = _scratch(tmp_path / "out")
    assert any(k.endswith("meta/s00000.npz") for k in scratch)
    assert scratch == _scratch(tmp_path / "ref")
    if odd:  # the annotation that is not an object made error documents (read back by seg2)
        errs = gzip.decompress(output_files(tmp_path / "out")["errors/part1.dedup.jsonl.gz"])
        assert b"not a saring document" in errs


def test_a_rerun_segment_task_never_trusts_an_earlier_hash_marker(tmp_path, monkeypatch) -> None:
    """Killed after the pass's files and marker, before the segment's marker: the segment task
    runs again and must rewrite the files (here: corrupted meanwhile) before a new marker."""
    inputs = _inputs(tmp_path)
    run_pipeline(_pipe(), inputs, tmp_path / "ref", progress=False)
    out = tmp_path / "out"

    def stop(self, inputs, ctx):
        raise OSError("stop before the stage")

    with monkeypatch.context() as m:
        m.setattr(Dedup, "run", stop)
        with pytest.raises(RunError):
            run_pipeline(_pipe(), inputs, out, progress=False)
    scratch = next((out / "_work" / "stages").glob("stage1-dedup/dedup-*"))
    assert (scratch / "done" / "hash-00001.json").exists()  # the pass finished shard 1
    (out / "_work" / "done" / "seg0" / "part1.json").unlink()  # as if killed before this marker
    meta = scratch / "meta" / "s00001.npz"
    meta.write_bytes(b"not the file the marker vouched for")
    cleared: list[str] = []
    real_clear = dedup_stage.StoreMarker.clear
    monkeypatch.setattr(dedup_stage.StoreMarker, "clear", lambda self: cleared.append(self.name) or real_clear(self))
    again = run_pipeline(_pipe(), inputs, out, progress=False)
    assert "part1@seg0" not in again.skipped_shards and "part0@seg0" in again.skipped_shards
    assert cleared == ["done/hash-00001.json"]
    assert again.ok and output_files(out) == output_files(tmp_path / "ref")


def test_no_pass_when_the_stage_is_already_done(tmp_path, monkeypatch) -> None:
    """A segment task rerun for a stage marked done (its file gone) writes no stage scratch."""
    inputs = _inputs(tmp_path)
    run_pipeline(_pipe(), inputs, tmp_path / "ref", progress=False)
    out = tmp_path / "out"
    run_pipeline(_pipe(), inputs, out, progress=False)
    passes: list[object] = []
    real = runner._Run._input_pass
    monkeypatch.setattr(runner._Run, "_input_pass", lambda self, unit: passes.append(real(self, unit)) or passes[-1])
    again = run_pipeline(_pipe(), inputs, out, progress=False)
    assert passes == [None, None] and again.ok
    assert output_files(out) == output_files(tmp_path / "ref")
