"""Reading inputs (JSONL/Parquet/text) and writing outputs (JSONL gz/zst, Parquet) atomically.

The names below are imported on first use (PEP 562): ``from saring.io import atomic`` or
``saring.io.formats`` must not pull the readers and writers (zstandard, xxhash, compression
modules) into a command that never reads a file, such as ``saring clean``.
"""

from __future__ import annotations

import importlib
from typing import Any

from saring.io.formats import FORMATS

_LAZY = {
    "ReaderConfig": "saring.io.readers", "ReadError": "saring.io.readers",
    "expand_inputs": "saring.io.readers", "read_documents": "saring.io.readers",
    "read_source": "saring.io.readers",
    "open_writer": "saring.io.writers", "write_documents": "saring.io.writers",
}

__all__ = [
    "FORMATS", "ReadError", "ReaderConfig", "expand_inputs", "open_writer", "read_documents",
    "read_source", "write_documents",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'saring.io' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
