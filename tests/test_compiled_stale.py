"""A kernel built from an older C source than the one beside it is not used (the reference code
runs), and ``SARING_REQUIRE_COMPILED=1`` makes that an error instead."""

from __future__ import annotations

import os
import types
from pathlib import Path

import pytest

from saring import compiled


def _fake_kernel(tmp_path: Path, source_newer: bool | None) -> types.ModuleType:
    built = tmp_path / "_c_fake.cpython-311-x86_64-linux-gnu.so"
    built.write_bytes(b"")
    os.utime(built, ns=(2_000_000_000_000_000_000, 2_000_000_000_000_000_000))
    if source_newer is not None:
        source = tmp_path / "_c_fake.c"
        source.write_text("/* kernel */\n")
        t = 2_000_000_000_000_000_000 + (10**9 if source_newer else -(10**9))
        os.utime(source, ns=(t, t))
    mod = types.ModuleType("saring.fake._c_fake")
    mod.__file__ = str(built)
    return mod


def test_stale_compares_the_source_beside_the_build(tmp_path: Path) -> None:
    for sub in ("a", "b", "c"):
        (tmp_path / sub).mkdir()
    assert compiled.stale(_fake_kernel(tmp_path / "a", True))
    assert not compiled.stale(_fake_kernel(tmp_path / "b", False))
    assert not compiled.stale(_fake_kernel(tmp_path / "c", None))  # a wheel: no .c shipped


def test_load_skips_a_stale_kernel_or_refuses_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _fake_kernel(tmp_path, True)
    monkeypatch.delenv("SARING_PURE_PYTHON", raising=False)
    monkeypatch.setattr(compiled.importlib, "import_module", lambda name: fake)
    monkeypatch.delenv("SARING_REQUIRE_COMPILED", raising=False)
    with pytest.warns(RuntimeWarning, match="older than its C source"):
        assert compiled.load("saring.fake._c_fake") is None
    monkeypatch.setenv("SARING_REQUIRE_COMPILED", "1")
    with pytest.raises(ImportError, match="older than its C source"):
        compiled.load("saring.fake._c_fake")


def test_built_kernels_of_this_checkout_are_not_stale() -> None:
    if compiled.pure_python():
        pytest.skip("SARING_PURE_PYTHON asks for the reference code")
    for name in ("saring._c_scan", "saring.repair._c_repair", "saring.langid._c_lexscan"):
        kernel = compiled.load(name)
        if kernel is None:
            pytest.skip(f"{name} not built here")
        assert not compiled.stale(kernel)
