"""The `saring` command line: run, exit codes, one-line errors, lazy commands."""

from __future__ import annotations

from pathlib import Path

import click
import orjson
import pytest
import yaml
from click.testing import CliRunner
from conftest import kept_records

from saring.cli import main as cli_main
from saring.cli.main import saring

REPO = Path(__file__).resolve().parents[1]
SAMPLE = str(REPO / "examples" / "sample.jsonl")
BAD = str(REPO / "examples" / "bad_input.jsonl")
EXAMPLE_CONFIG = str(REPO / "examples" / "pipeline.yaml")


def _invoke(*args: str):
    return CliRunner().invoke(saring, list(args), catch_exceptions=False)


def test_run_sample_with_example_config_prints_summary(tmp_path) -> None:
    r = _invoke("run", SAMPLE, "-o", str(tmp_path / "o"), "--config", EXAMPLE_CONFIG,
                "--workers", "1", "--no-progress")
    assert r.exit_code == 0, r.output
    assert "accounting OK: 35 in = " in r.output and "docs/s" in r.output
    stats = orjson.loads((tmp_path / "o" / "stats.json").read_bytes())
    assert stats["accounting"]["balanced"] and stats["counts"]["errors"] == 0
    names = [next(iter(s)) if isinstance(s, dict) else s
             for s in yaml.safe_load(Path(EXAMPLE_CONFIG).read_text())["steps"]]
    assert set(names) <= set(stats["steps"])  # every configured step ran and reported stats
    assert len(kept_records(tmp_path / "o")) == stats["counts"]["kept"]
    assert sum(v["kept"] for v in stats["languages"].values()) == stats["counts"]["kept"]


def test_run_default_pipeline_and_format_option(tmp_path) -> None:
    r = _invoke("run", SAMPLE, BAD, "-o", str(tmp_path / "o"), "--workers", "1", "--no-progress",
                "--format", "jsonl.zst")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "o" / "kept" / "id" / "part-00000-of-00001.jsonl.zst").exists()
    stats = orjson.loads((tmp_path / "o" / "stats.json").read_bytes())
    assert "normalize" in stats["steps"] and stats["counts"]["errors"] == 6
    assert "malformed_json" in r.output


def test_strict_exits_non_zero_on_error_records(tmp_path) -> None:
    r = _invoke("run", BAD, "-o", str(tmp_path / "o"), "--workers", "1", "--no-progress", "--strict")
    assert r.exit_code == 1
    assert "6 error record(s) under --strict" in r.stderr
    r2 = _invoke("run", BAD, "-o", str(tmp_path / "o2"), "--workers", "1", "--no-progress")
    assert r2.exit_code == 0


def test_text_and_id_fields(tmp_path) -> None:
    p = tmp_path / "lain.jsonl"
    p.write_bytes(b'{"kode": "A-1", "isi": "Pasar  tradisional ramai."}\n')
    cfg = tmp_path / "normalize.yaml"
    cfg.write_text("steps: [normalize]\n")
    r = _invoke("run", str(p), "-o", str(tmp_path / "o"), "--workers", "1", "--no-progress",
                "--config", str(cfg), "--text-field", "isi", "--id-field", "kode")
    assert r.exit_code == 0, r.output
    (rec,) = kept_records(tmp_path / "o")
    assert rec["id"] == "A-1" and rec["text"] == "Pasar tradisional ramai."


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ("steps:\n  - tidak_ada\n", "unknown step 'tidak_ada'"),
        ("steps:\n  - normalize: {bogus: 1}\n", "unknown parameter 'bogus'"),
        ("steps: [normalize\n", "not valid YAML"),
        ("steps: []\nwriter: {format: csv}\n", "unknown output format 'csv'"),
        ("steps: []\nreader: {txt: a}\n", "unknown reader option"),
        ("steps: []\nlimits: {max_doc_chars: -5}\n", "max_doc_chars must be a positive integer"),
    ],
)
def test_bad_config_is_one_line_exit_2(tmp_path, config: str, needle: str) -> None:
    cfg = tmp_path / "p.yaml"
    cfg.write_text(config)
    r = _invoke("run", SAMPLE, "-o", str(tmp_path / "o"), "--config", str(cfg), "--no-progress")
    assert r.exit_code == 2
    assert needle in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_unusable_output_and_missing_input_exit_2(tmp_path) -> None:
    (tmp_path / "berkas").write_text("bukan folder")
    r = _invoke("run", SAMPLE, "-o", str(tmp_path / "berkas"), "--no-progress")
    assert r.exit_code == 2 and "not a folder" in r.stderr and r.stderr.count("\n") == 1
    r = _invoke("run", str(tmp_path / "hilang.jsonl"), "-o", str(tmp_path / "o"), "--no-progress")
    assert r.exit_code == 2 and "matches no file" in r.stderr
    r = _invoke("run", SAMPLE, "-o", str(tmp_path / "o2"), "--config", str(tmp_path / "none.yaml"))
    assert r.exit_code == 2 and "cannot read config" in r.stderr


def test_lazy_commands_attach_when_importable(monkeypatch) -> None:
    monkeypatch.setitem(cli_main.LAZY_COMMANDS, "explain", "saring.tidak_ada.modul:explain")
    monkeypatch.setitem(cli_main.LAZY_COMMANDS, "clean", "saring.cli.main:run")
    ctx = click.Context(saring)
    names = saring.list_commands(ctx)
    assert "run" in names and "clean" in names and "explain" not in names
    assert saring.get_command(ctx, "explain") is None
    assert saring.get_command(ctx, "clean") is cli_main.run
    r = _invoke("--help")
    assert r.exit_code == 0 and "run" in r.output
