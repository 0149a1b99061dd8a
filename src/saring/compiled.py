"""Optional compiled kernels (``_c_*`` extension modules built by ``setup.py``).

A kernel only ever computes what a pure-Python function beside it computes; the Python code
stays the reference and the fallback. :func:`load` returns the kernel module or ``None``:
``None`` when it was not built (no C compiler) or when ``SARING_PURE_PYTHON=1`` asks for the
reference code (tests and A/B benches). ``SARING_REQUIRE_COMPILED=1`` (set by CI) turns a
missing kernel into an error, so a broken build cannot pass unnoticed as the slow path.
"""

from __future__ import annotations

import importlib
import os
import warnings
from types import ModuleType

__all__ = ["load", "pure_python", "stale"]


def pure_python() -> bool:
    """True when the reference Python code is asked for instead of the kernels."""
    return os.environ.get("SARING_PURE_PYTHON", "") not in ("", "0")


def _required() -> bool:
    return os.environ.get("SARING_REQUIRE_COMPILED", "") not in ("", "0")


def stale(kernel: ModuleType) -> bool:
    """True when the kernel's C source sits beside the built module and is newer than it: a
    checkout pulled or edited without a rebuild, whose Python side may call functions the old
    build lacks. Installed wheels ship no ``.c`` file, so they are never stale."""
    built = getattr(kernel, "__file__", None)
    if not built:
        return False
    source = os.path.join(os.path.dirname(built), kernel.__name__.rpartition(".")[2] + ".c")
    try:
        return os.stat(source).st_mtime_ns > os.stat(built).st_mtime_ns
    except OSError:
        return False


def load(module: str) -> ModuleType | None:
    """The compiled kernel ``module`` (e.g. ``"saring.quality._c_ngrams"``), or ``None`` (not
    built, or built from an older source: the reference code is then used)."""
    if pure_python():
        return None
    try:
        kernel = importlib.import_module(module)
    except ImportError:
        if _required():
            raise ImportError(
                f"{module} was not built (SARING_REQUIRE_COMPILED=1): reinstall saring with "
                "a C compiler and the Python headers (pip install -e .)"
            ) from None
        return None
    if stale(kernel):
        if _required():
            raise ImportError(f"{module} is older than its C source (SARING_REQUIRE_COMPILED=1): "
                              "rebuild it (pip install -e .)")
        warnings.warn(f"{module} is older than its C source: using the Python reference code "
                      "(rebuild with pip install -e .)", RuntimeWarning, stacklevel=2)
        return None
    return kernel
