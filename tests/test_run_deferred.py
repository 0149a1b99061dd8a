"""Dedup's filter pass deferred into the segment after it (``StageOutput.deferred``): the same
bytes as the filter writing its own document files, no filter document file, and resume after a
failure in that segment or with the stage's scratch gone."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from conftest import output_files

from saring import Pipeline
from saring.dedup import stage as dedup_stage
from saring.executors import runner, segment
from saring.executors.runner import RunError, run_pipeline
from saring.step import StageContext

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"
BAD = REPO / "examples" / "bad_input.jsonl"


def _inputs(tmp_path: Path) -> list[str]:
    """Three shards with exact and near copies across them and a paragraph in many documents."""
    recs = [orjson.loads(x) for x in SAMPLE.read_bytes().splitlines() if x.strip()]
    footer = "Ikuti terus perkembangan berita terbaru hanya di portal berita kami setiap hari."
    paths = []
    for s in range(3):
        rows = []
        for i, r in enumerate(recs):
            text = r["text"] + ("\n" + footer if i % 2 == 0 else "")
            if s == 2 and i % 3 == 0:
                text = text.replace(".", " .", 1)  # a near copy of shard 0's document
            rows.append(orjson.dumps({**r, "id": f"s{s}-{i}", "text": text}))
        p = tmp_path / "in" / f"part{s}.jsonl"
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(b"\n".join(rows) + b"\n")
        paths.append(str(p))
    return [*paths, str(BAD)]


def _pipe() -> Pipeline:
    return Pipeline.from_config({"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}},
                                           "langid"]})


def _steps_stats(out: Path) -> dict:
    stats = orjson.loads((out / "stats.json").read_bytes())
    return {k: {kk: vv for kk, vv in v.items() if kk != "seconds"} for k, v in stats["steps"].items()}


def _not_deferred(monkeypatch: pytest.MonkeyPatch) -> None:
    def ctx(*a, **k):
        return StageContext(*a, **{**k, "defer": False})

    monkeypatch.setattr(runner, "StageContext", ctx)


def test_deferred_filter_gives_the_bytes_of_the_filter_pass(tmp_path, monkeypatch) -> None:
    inputs = _inputs(tmp_path)
    with monkeypatch.context() as m:
        _not_deferred(m)
        ref = run_pipeline(_pipe(), inputs, tmp_path / "ref", progress=False)
    calls: list[int] = []
    real = dedup_stage._filter_shard
    monkeypatch.setattr(dedup_stage, "_filter_shard", lambda t: calls.append(t.shard) or real(t))
    got = run_pipeline(_pipe(), inputs, tmp_path / "out", progress=False)
    assert calls == []  # no filter pass, no filter document file
    assert got.ok and ref.ok
    dd = got.stats["dedup"]
    assert dd["rejected"] and dd["edits"].get("dedup:paragraph"), dd  # the test exercises both kinds
    assert output_files(tmp_path / "out") == output_files(tmp_path / "ref")
    assert _steps_stats(tmp_path / "out") == _steps_stats(tmp_path / "ref")
    assert got.counts == ref.counts
    # consumed once the final segment is done: no document file or stage scratch left
    assert not (tmp_path / "out" / "_work" / "docs").exists()
    assert not (tmp_path / "out" / "_work" / "stages").exists()


def test_failure_in_the_final_segment_then_resume(tmp_path, monkeypatch) -> None:
    """The stage is not run again: its marker rebuilds the deferred pass, finished final shards
    are skipped; with the stage's scratch gone the stage runs again. Same bytes every time."""
    inputs = _inputs(tmp_path)
    run_pipeline(_pipe(), inputs, tmp_path / "ref", progress=False)
    ref = output_files(tmp_path / "ref")
    real = segment.run_segment_task

    def fail_part1(task, *, steps):
        if task.finisher is not None and task.shard == "part1":
            raise OSError("disk gone")
        return real(task, steps=steps)

    out = tmp_path / "out"
    with monkeypatch.context() as m:
        m.setattr(segment, "run_segment_task", fail_part1)
        with pytest.raises(RunError, match="part1"):
            run_pipeline(_pipe(), inputs, out, progress=False)
    work = out / "_work"
    assert (work / "done" / "stage1-dedup.json").exists()
    assert (work / "docs" / "seg0" / "part1.docs.zst").exists()  # still needed by seg2
    again = run_pipeline(_pipe(), inputs, out, progress=False)
    assert "stage1-dedup" in again.skipped_shards
    assert "part1@seg2" not in again.skipped_shards
    assert output_files(out) == ref and again.ok
    assert _steps_stats(out) == _steps_stats(tmp_path / "ref")

    # a finished run dropped the scratch: losing a final marker needs the stage again
    (work / "done" / "seg2" / "part0.json").unlink()
    third = run_pipeline(_pipe(), inputs, out, progress=False)
    assert "stage1-dedup" not in third.skipped_shards
    assert output_files(out) == ref and third.ok


def test_scratch_lost_between_stage_and_final_segment(tmp_path, monkeypatch) -> None:
    inputs = _inputs(tmp_path)
    run_pipeline(_pipe(), inputs, tmp_path / "ref", progress=False)
    out = tmp_path / "out"

    real = segment.run_segment_task

    def fail_final(task, *, steps):
        if task.finisher is not None:
            raise OSError("stop")
        return real(task, steps=steps)

    with monkeypatch.context() as m:
        m.setattr(segment, "run_segment_task", fail_final)
        with pytest.raises(RunError):
            run_pipeline(_pipe(), inputs, out, progress=False)
    shutil.rmtree(out / "_work" / "stages")
    again = run_pipeline(_pipe(), inputs, out, progress=False)
    assert "stage1-dedup" not in again.skipped_shards
    assert output_files(out) == output_files(tmp_path / "ref") and again.ok


@pytest.mark.parametrize("deferred", [True, False])
def test_only_documents_holding_a_frequent_paragraph_are_hashed_again(tmp_path, monkeypatch,
                                                                      deferred: bool) -> None:
    """The paragraph task lists the documents holding a frequent paragraph; the filter (deferred
    or not) hashes only their lines again. Same bytes and statistics as checking every document
    (the list unknown: scratch of an earlier version)."""
    inputs = _inputs(tmp_path)
    if not deferred:
        _not_deferred(monkeypatch)
    texts: list[int] = []  # paragraphs removed, per document hashed again
    real_removals = dedup_stage.paragraph_removals

    def counting(text, frequent, min_chars):
        reps, hits = real_removals(text, frequent, min_chars)
        texts.append(hits)
        return reps, hits

    monkeypatch.setattr(dedup_stage, "paragraph_removals", counting)
    with monkeypatch.context() as m:
        m.setattr(dedup_stage, "_paragraph_holders", lambda cfg, store: None)
        ref = run_pipeline(_pipe(), inputs, tmp_path / "ref", progress=False)
    all_docs = len(texts)
    texts.clear()
    got = run_pipeline(_pipe(), inputs, tmp_path / "out", progress=False)
    assert got.ok and ref.ok
    assert got.stats["dedup"]["edits"].get("dedup:paragraph"), got.stats["dedup"]
    assert output_files(tmp_path / "out") == output_files(tmp_path / "ref")
    assert _steps_stats(tmp_path / "out") == _steps_stats(tmp_path / "ref")
    assert texts and all(texts)  # every document hashed again had a paragraph to remove
    assert len(texts) < all_docs
