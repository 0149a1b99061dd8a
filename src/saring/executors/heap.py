"""Worker processes give back the memory a task freed (glibc malloc), so N workers do not each
keep their largest task's peak for the rest of the run.

Why: a dedup hashing task allocates ~16-40 MiB of numpy buffers. glibc raises its mmap
threshold after the first such buffer is freed (the "dynamic mmap threshold"), so the next ones
come from the heap, and a freed heap is not returned to the system: measured on the default
pipeline with 4 workers, each worker stayed at 46-71 MiB private after its first hashing task
instead of ~31 MiB, for every later task of the run. Fixing the threshold at its default
(which also turns the dynamic adjustment off) keeps large buffers in their own mappings, which
``free`` unmaps at once; ``malloc_trim`` after each task returns the free pages the heap still
holds. Both are no-ops where glibc is not the allocator.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any

M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's default, fixed

_libc: Any = None


def _glibc() -> Any:
    global _libc
    if _libc is None:
        _libc = False
        if sys.platform.startswith("linux"):
            try:
                lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
                if hasattr(lib, "malloc_trim") and hasattr(lib, "mallopt"):
                    _libc = lib
            except OSError:
                pass
    return _libc


def keep_large_buffers_unmappable() -> None:
    """In a worker process, once: large allocations always get their own mapping."""
    lib = _glibc()
    if lib:
        lib.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


trims = 0  # calls of release_free_memory in this process (tests: when a worker trims)


def release_free_memory() -> None:
    """After a task: give the pages malloc holds free back to the system."""
    global trims
    trims += 1
    lib = _glibc()
    if lib:
        lib.malloc_trim(0)
