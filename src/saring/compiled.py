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
from types import ModuleType

__all__ = ["load", "pure_python"]


def pure_python() -> bool:
    """True when the reference Python code is asked for instead of the kernels."""
    return os.environ.get("SARING_PURE_PYTHON", "") not in ("", "0")


def load(module: str) -> ModuleType | None:
    """The compiled kernel ``module`` (e.g. ``"saring.quality._c_ngrams"``), or ``None``."""
    if pure_python():
        return None
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("SARING_REQUIRE_COMPILED", "") not in ("", "0"):
            raise ImportError(
                f"{module} was not built (SARING_REQUIRE_COMPILED=1): reinstall saring with "
                "a C compiler and the Python headers (pip install -e .)"
            ) from None
        return None
