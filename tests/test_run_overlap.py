"""The driver's own work between units runs beside the next unit's tasks, not in front of them,
and changes nothing the run reports."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
import pytest

from saring import Pipeline
from saring.executors import runner
from saring.executors.runner import RunError, run_pipeline

DOCS_A = (b'{"id": "x", "text": "Harga beras di pasar induk naik lagi minggu ini."}\n'
          b'{"id": "x", "text": "Jalan rusak di kecamatan itu mulai diperbaiki pekan depan."}\n'
          b'{"id": "y", "text": "Hujan deras membuat sungai meluap di beberapa desa."}\n')
DOCS_B = (b'{"id": "y", "text": "Sekolah dasar di kota itu menambah ruang kelas baru."}\n'
          b'{"id": "w", "text": "Pasar malam dibuka lagi setelah dua tahun ditutup."}\n')
EXPECT = {"documents": 5, "duplicates": 2, "ids_repeated": 2, "ids_in_several_files": 1}


def _inputs(tmp_path: Path) -> list[str]:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(DOCS_A)
    b.write_bytes(DOCS_B)
    return [str(a), str(b)]


def _pipeline() -> Pipeline:
    return Pipeline.from_config({"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}}]})


def test_duplicate_ids_are_counted_while_the_next_unit_runs(tmp_path, monkeypatch) -> None:
    """The count waits until the corpus stage after the first segment has started: it finishes
    only if it runs beside that stage (counted in front of it, as before, it would time out)."""
    stage_started = threading.Event()
    seen: dict[str, bool] = {}
    real_stage, real_count = runner._Run.stage, runner.count_duplicate_ids

    def stage(self, unit):  # noqa: ANN001, ANN202
        stage_started.set()
        return real_stage(self, unit)

    def count(plan, layout):  # noqa: ANN001, ANN202
        seen["off_main_thread"] = threading.current_thread() is not threading.main_thread()
        seen["beside_the_stage"] = stage_started.wait(timeout=30)
        return real_count(plan, layout)

    monkeypatch.setattr(runner._Run, "stage", stage)
    monkeypatch.setattr(runner, "count_duplicate_ids", count)
    res = run_pipeline(_pipeline(), _inputs(tmp_path), tmp_path / "o", progress=False)
    assert seen == {"off_main_thread": True, "beside_the_stage": True}
    assert res.duplicate_ids == EXPECT
    assert orjson.loads((tmp_path / "o" / "stats.json").read_bytes())["duplicate_ids"] == EXPECT
    assert not (tmp_path / "o" / "_work" / "ids").exists()


def test_a_failing_background_count_fails_the_run(tmp_path, monkeypatch) -> None:
    def broken(plan, layout):  # noqa: ANN001, ANN202
        raise OSError("disk gone")

    monkeypatch.setattr(runner, "count_duplicate_ids", broken)
    with pytest.raises(RunError, match="disk gone"):
        run_pipeline(_pipeline(), _inputs(tmp_path), tmp_path / "o", progress=False)
    manifest = orjson.loads((tmp_path / "o" / "manifest.json").read_bytes())
    assert manifest["status"] == "failed" and "disk gone" in manifest["error"]


def test_dedup_scratch_is_deleted_while_the_final_segment_runs(tmp_path, monkeypatch) -> None:
    """Dedup hands the deletion of its consumed scratch to the runner's background threads
    (``StageContext.background``) and returns without waiting: the deletions finish only once
    the final segment has started. Outputs equal a run whose stage waited for them, and the run
    still ends with nothing but markers under ``_work``."""
    import saring.dedup.stage as dedup_stage

    inputs = _inputs(tmp_path)
    base = run_pipeline(_pipeline(), inputs, tmp_path / "plain", progress=False)

    final_started = threading.Event()
    waited: list[bool] = []
    real_segment, real_drop = runner._Run.segment, dedup_stage._drop

    def segment(self, unit):  # noqa: ANN001, ANN202
        if unit.final:
            final_started.set()
        return real_segment(self, unit)

    def drop(store, *folders):  # noqa: ANN001, ANN202
        if "para" in folders:  # the stage's last deletion
            waited.append(final_started.wait(timeout=30))
        return real_drop(store, *folders)

    monkeypatch.setattr(runner._Run, "segment", segment)
    monkeypatch.setattr(dedup_stage, "_drop", drop)
    res = run_pipeline(_pipeline(), inputs, tmp_path / "o", progress=False)
    assert waited == [True]
    def timeless(stats: dict) -> dict:  # noqa: ANN001 - step seconds differ between any two runs
        return {k: v for k, v in stats.items() if k != "seconds"}

    assert res.counts == base.counts and timeless(res.stats["dedup"]) == timeless(base.stats["dedup"])
    for sub in ("kept", "rejected", "errors"):
        mine = sorted(p.relative_to(tmp_path / "o") for p in (tmp_path / "o" / sub).rglob("*") if p.is_file())
        theirs = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain" / sub).rglob("*")
                        if p.is_file())
        assert mine == theirs
        for rel in mine:
            assert (tmp_path / "o" / rel).read_bytes() == (tmp_path / "plain" / rel).read_bytes(), rel
    assert {p.name for p in (tmp_path / "o" / "_work").iterdir()} == {"done"}
