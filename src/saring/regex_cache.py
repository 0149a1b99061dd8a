"""Compiled regex programs kept across processes, for the ``re.compile`` calls of step set-up.

Why: setting up the default pipeline compiles ~550 regexes with ``re``'s pure-Python compiler
(boilerplate's rule tables, shape and dispatch patterns, wordfreq's langcodes table, ...):
~0.2 CPU-s of every ``saring run`` process and of every worker that sets steps up itself.
Inside :func:`programs_cached`, ``re``'s compiler is wrapped: a pattern whose compiled program
(what ``re`` hands to ``_sre.compile``) was stored by an earlier process is rebuilt from it in
microseconds; any other pattern is compiled as usual and its program stored at the end.

Exact by construction: a stored program is the one ``re`` produced for the same pattern string
and flags (checked equal when stored, see :func:`saring.resource_cache.regex_program`), the
file's key holds the interpreter version, ``_sre.MAGIC`` and the sources of ``re``'s compiler
and parser, and ``_sre.compile`` validates a program before using it. Anything unexpected (no
cache folder, a corrupt file, a program ``_sre`` refuses) falls back to ``re``'s compiler.
The wrapper is installed only for the ``with`` block: a library caller's own regexes outside
it never go through it.
"""

from __future__ import annotations

import marshal
import re
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from saring.resource_cache import (
    _write_atomic,
    cache_dir,
    cache_key,
    regex_from_program,
    regex_program,
)

NAME = "regex-programs"
FORMAT = b"SARX1"
MAX_ENTRIES = 20_000  # a run with ever-changing user patterns starts the file afresh beyond this
_lock = threading.Lock()  # one wrapper at a time (nested or concurrent blocks: the outer one)
_depth = 0

Key = tuple[Any, int]  # (pattern str or bytes, flags as passed to re.compile)


def _key_sources() -> list[Path]:
    """The files whose change makes stored programs stale: ``re``'s compiler, parser and
    constants, and this module."""
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

    return [Path(m.__file__) for m in (_compiler, _parser, _constants)] + [Path(__file__)]


def _load(path: Path) -> dict[Key, tuple[Any, ...]]:
    try:
        blob = path.read_bytes()
    except OSError:
        return {}
    n = len(FORMAT)
    payload = memoryview(blob)[n + 4:]
    if blob[:n] != FORMAT or zlib.crc32(payload) != int.from_bytes(blob[n:n + 4], "little"):
        return {}
    try:
        store = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return store if isinstance(store, dict) else {}


def _save(folder: Path, path: Path, store: dict[Key, tuple[Any, ...]], name: str = NAME) -> None:
    try:
        payload = marshal.dumps(store)
    except ValueError:
        return
    _write_atomic(folder, path, FORMAT + zlib.crc32(payload).to_bytes(4, "little") + payload)
    try:  # programs of another Python / re version
        for old in folder.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


class _Wrapped:
    """``re._compiler.compile`` answering from ``store``; records the programs it had to make."""

    def __init__(self, original: Any, store: dict[Key, tuple[Any, ...]]) -> None:
        self.original, self.store = original, store
        self.new: dict[Key, tuple[Any, ...]] = {}

    def __call__(self, p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return self.original(p, flags)  # parsed sub-patterns (re.Scanner), debug output
        key = (p, int(flags))
        prog = self.store.get(key)
        if prog is not None and type(prog[0]) is type(p):
            try:
                return regex_from_program(prog)
            except Exception:  # noqa: BLE001 - refused by _sre: compile it the usual way
                pass
        pattern = self.original(p, flags)
        prog = regex_program(pattern)
        if prog is not None:
            self.new[key] = prog
        return pattern


@contextmanager
def programs_cached(name: str = NAME) -> Iterator[None]:
    """Within the block, ``re.compile`` of a pattern compiled by an earlier process (same
    Python) rebuilds its stored program instead of compiling; new programs are stored after.

    ``name`` names the store (one file per name): a command that compiles a few of the
    patterns (``saring clean``: repair's ~60) keeps its own, so it does not load the ~550 of
    the whole pipeline's set-up."""
    global _depth
    folder = cache_dir()
    if folder is None:
        yield
        return
    with _lock:
        _depth += 1
        outer = _depth == 1
    if not outer:
        try:
            yield
        finally:
            with _lock:
                _depth -= 1
        return
    try:
        from re import _compiler  # type: ignore[attr-defined]

        path = folder / f"{name}-{cache_key(name, _key_sources())}.marshal"
        wrapped = _Wrapped(_compiler.compile, _load(path))
    except Exception:  # noqa: BLE001 - another Python's internals: compile as usual
        with _lock:
            _depth -= 1
        yield
        return
    _compiler.compile = wrapped
    try:
        yield
    finally:
        _compiler.compile = wrapped.original
        with _lock:
            _depth -= 1
        if wrapped.new:
            base = wrapped.store if len(wrapped.store) + len(wrapped.new) <= MAX_ENTRIES else {}
            _save(folder, path, {**base, **wrapped.new}, name)
