"""Every code block of README.md works as written.

Python blocks run in order, each in a fresh namespace, in a scratch folder holding the repository's
``examples/`` (so ``out/...`` paths stay out of the repository); ``datasets`` runs offline.
Shell blocks: every ``saring <command>`` they use exists.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def _blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCK.findall((REPO / "README.md").read_text("utf-8")) if kind == lang]


def test_readme_has_python_examples() -> None:
    assert len(_blocks("python")) >= 3


def test_python_blocks_run(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    for i, code in enumerate(_blocks("python")):
        if "datasets" in code:
            pytest.importorskip("datasets")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                # a real module, so classes defined in a block (dataclasses) find their module
                mod = types.ModuleType(f"__readme_{i}__")
                sys.modules[mod.__name__] = mod
                exec(compile(code, f"README.md python block {i + 1}", "exec"), mod.__dict__)
            except Exception as exc:  # noqa: BLE001 - name the block that failed
                pytest.fail(f"README python block {i + 1} failed: {type(exc).__name__}: {exc}\n{code}")
        assert out.getvalue().strip(), f"block {i + 1} printed nothing"
    assert (tmp_path / "out" / "sample" / "README.md").exists()


def test_yaml_blocks_are_valid_configs() -> None:
    import yaml

    from saring import Pipeline

    for code in _blocks("yaml"):
        cfg = yaml.safe_load(code)
        if isinstance(cfg, dict) and "steps" in cfg:
            Pipeline.from_config(cfg)


def test_shell_blocks_name_existing_commands() -> None:
    from saring.cli.main import saring

    commands = set(saring.list_commands(None))  # type: ignore[arg-type]
    used = {m for code in _blocks("bash") for m in re.findall(r"\bsaring (\w+)", code)}
    assert used and used <= commands, used - commands
    assert os.path.exists(REPO / "examples" / "sample.jsonl")
