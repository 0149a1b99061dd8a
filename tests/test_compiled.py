"""Every compiled kernel is built where a C compiler exists, and the switches around it work."""

from __future__ import annotations

import importlib
import shutil
import sysconfig
from pathlib import Path

import pytest

from saring import compiled

SRC = Path(__file__).resolve().parents[1] / "src"
KERNELS = sorted(
    ".".join(p.relative_to(SRC).with_suffix("").parts) for p in SRC.glob("saring/**/_c_*.c")
)


def _have_compiler() -> bool:
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(cc) is not None


@pytest.mark.parametrize("module", KERNELS)
def test_kernel_is_built_where_a_compiler_exists(module: str) -> None:
    if not _have_compiler():
        pytest.skip("no C compiler: saring runs the pure-Python reference code")
    assert compiled.load(module) is not None, f"{module}: rerun `pip install -e .`"


def test_pure_python_switch_hides_kernels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SARING_PURE_PYTHON", "1")
    assert compiled.load("json") is None  # any importable module: the switch wins


def test_missing_kernel_is_none_or_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SARING_PURE_PYTHON", raising=False)
    monkeypatch.delenv("SARING_REQUIRE_COMPILED", raising=False)
    assert compiled.load("saring._c_no_such_kernel") is None
    monkeypatch.setenv("SARING_REQUIRE_COMPILED", "1")
    with pytest.raises(ImportError, match="was not built"):
        compiled.load("saring._c_no_such_kernel")
    assert importlib.import_module("json") is compiled.load("json")
