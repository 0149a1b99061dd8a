"""``saring dedup`` command: options become a validated one-stage pipeline for the runner."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from saring.cli.dedup import build_pipeline, dedup
from saring.dedup.stage import Dedup
from saring.pipeline import Pipeline


@pytest.fixture
def fake_runner(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Stand-in for the backbone runner that records what the command passes it."""
    calls: list[tuple] = []
    mod = types.ModuleType("saring.executors.runner")

    def run_pipeline(pipeline, inputs, output, **kw):  # noqa: ANN001, ANN003, ANN202
        calls.append((pipeline, inputs, output, kw))

    mod.run_pipeline = run_pipeline  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "saring.executors.runner", mod)
    return calls


def test_options_build_dedup_stage(tmp_path: Path, fake_runner: list[tuple]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "halo dunia"}\n')
    res = CliRunner().invoke(
        dedup,
        [str(src), "-o", str(tmp_path / "out"), "--threshold", "0.85", "--no-paragraphs",
         "--bands", "10", "--rows", "9", "--workers", "2"],
    )
    assert res.exit_code == 0, res.output
    (pipeline, inputs, output, kw) = fake_runner[0]
    (stage,) = pipeline.steps
    assert isinstance(stage, Dedup)
    assert (stage.cfg.threshold, stage.cfg.bands, stage.cfg.rows) == (0.85, 10, 9)
    assert stage.cfg.paragraphs is False
    assert inputs == [src] and output == tmp_path / "out" and kw == {"workers": 2}


def test_bad_option_combination_is_a_usage_error(tmp_path: Path, fake_runner: list[tuple]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("")
    res = CliRunner().invoke(dedup, [str(src), "-o", str(tmp_path / "o"), "--bands", "200", "--rows", "2"])
    assert res.exit_code == 2
    assert "num_perm" in res.output
    assert not fake_runner


def test_build_pipeline_defaults_round_trip() -> None:
    p = build_pipeline(threshold=0.8, bands=None)
    [(name, params)] = p.to_config()["steps"][0].items()
    assert name == "dedup" and params["threshold"] == 0.8 and params["bands"] is None
    assert Pipeline.from_config(p.to_config()) == p


def test_end_to_end_with_backbone_runner(tmp_path: Path) -> None:
    pytest.importorskip("saring.executors.runner")
    import gzip

    import orjson

    base = (
        "Pemerintah Kota Bandung mulai memperbaiki jalan rusak di sejumlah kecamatan pada pekan ini. "
        "Kepala dinas pekerjaan umum mengatakan perbaikan ditargetkan selesai sebelum musim hujan tiba. "
        "Warga berharap pekerjaan dilakukan pada malam hari agar tidak menimbulkan kemacetan."
    )
    texts = [base, base.upper(), base.rsplit(" ", 2)[0], "Harga cabai merah turun tajam bulan ini."]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(orjson.dumps({"id": str(i), "text": t}) + b"\n" for i, t in enumerate(texts)))
    res = CliRunner().invoke(dedup, [str(src), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    from conftest import kept_records

    kept = kept_records(tmp_path / "out")
    rej = [orjson.loads(x) for f in (tmp_path / "out" / "rejected").glob("*.jsonl*") for x in gzip.open(f)]
    assert sorted(d["id"] for d in kept) == ["0", "3"]
    assert {d["id"]: d["decision"]["reason"] for d in rej} == {"1": "exact_duplicate", "2": "near_duplicate"}
    assert all(d["annotations"]["dedup"]["kept_id"] == "0" for d in rej)
