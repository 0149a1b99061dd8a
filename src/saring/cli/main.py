"""The ``saring`` command line: the console-script entry point.

``saring clean`` with plain arguments runs without importing click (~15 ms of its start-up):
:func:`clean_args` reads them the way click would, and anything it is not sure about (help,
an unknown or malformed option, a file it cannot open, an ASCII-only standard output) goes to
the click group (``saring.cli.app``), which then says what is wrong exactly as before. The
click names (``saring``, ``run``, ``fail``, ``LAZY_COMMANDS``, ...) are still importable from
here (loaded on first use).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

# Commands that hold nothing to release at exit (no files being written, no workers, no
# atexit duty): after their output is flushed the process ends at once, without the
# interpreter freeing every object one by one (for ``clean``, the repair lexicons: ~10-20 ms
# of its start-up budget).
FAST_EXIT = frozenset({"clean"})
_gc_paused = False
# ``saring clean``'s own store of compiled regex programs (``saring.regex_cache``): the ~60
# patterns its imports compile, not the whole pipeline's ~550
CLEAN_REGEX_STORE = "regex-programs-clean"


def pause_gc() -> None:
    """No cyclic garbage collection while a one-shot command starts: its imports and language
    resources are ~150k objects that live until exit, and collecting passes over them find
    nothing (~3 ms of ``saring clean``'s start-up). The command calls :func:`resume_gc` once it
    is set up, before it handles input, so input-driven garbage is collected as usual."""
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def resume_gc() -> None:
    """End :func:`pause_gc`: what exists now is frozen (never scanned again), collection resumes."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def clean_args(args: list[str]) -> dict[str, Any] | None:
    """``saring clean`` arguments as :func:`~saring.cli.clean.run_clean`'s keyword arguments
    (read by the same :data:`~saring.cli.clean.OPTIONS` the click command is built from), or
    None when click should handle them (anything but one FILE and well-formed known options)."""
    from saring.cli.clean import OPTIONS

    by_flag = {o.flag: o for o in OPTIONS}
    opts: dict[str, Any] = {o.dest: o.default for o in OPTIONS}
    files: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            files.append(arg)
            continue
        name, eq, value = arg.partition("=")
        o = by_flag.get(name)
        if o is None:
            return None  # --help, "--", short or unknown options: click's answer
        if o.kind is bool:
            if eq:
                return None
            opts[o.dest] = True
            continue
        if not eq:
            if i >= len(args) or args[i].startswith("-"):
                return None
            value, i = args[i], i + 1
        try:
            converted = o.kind(value)
        except ValueError:
            return None
        if not o.accepts(converted):
            return None
        opts[o.dest] = converted
    if len(files) != 1:
        return None
    opts["file"] = files[0]
    return opts


def defer_import(name: str) -> None:
    """Put a stand-in for module ``name`` in ``sys.modules`` that imports the real module on
    the first attribute asked of it (then holds the real module's names); nothing when ``name``
    is imported already or not found.

    Why: ``dataclasses`` imports ``inspect`` (which imports ``ast``, ``dis``, ``tokenize``:
    ~25 M instructions, ~10% of ``saring clean``'s start-up beyond Python's) and uses it only to
    write a docstring for a class that has none; ``saring clean``'s step configs (dataclasses:
    the plugin API) all have one. Anything that does use ``inspect`` later gets it whole.
    (``importlib.util.LazyLoader`` does not do it: ``import inspect`` reads the lazy module's
    ``__spec__``, which loads it.)"""
    if name in sys.modules:
        return
    import importlib.util
    import types

    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stand_in = types.ModuleType(name)
    stand_in.__spec__ = spec

    def load(attr: str) -> Any:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
            stand_in.__dict__.update(vars(importlib.import_module(name)))
        return getattr(sys.modules[name], attr)

    stand_in.__getattr__ = load  # type: ignore[method-assign]  # a module's __getattr__ (PEP 562)
    sys.modules[name] = stand_in


def _clean_without_click(args: list[str]) -> bool:
    """Run ``saring clean`` without click when :func:`clean_args` takes the arguments and the
    file opens; False (nothing done) otherwise."""
    if "ascii" in (getattr(sys.stdout, "encoding", None) or "ascii").lower().replace("-", ""):
        return False  # click would re-wrap such a stream: leave it to click
    defer_import("inspect")
    from saring.regex_cache import programs_cached

    with programs_cached(CLEAN_REGEX_STORE):  # importing repair compiles ~60 regexes
        opts = clean_args(args)
    if opts is None:
        return False
    path = opts.pop("file")
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - process ends
    except OSError:
        return False  # click words the error
    from saring.cli.clean import plain_echo, run_clean
    from saring.cli.errors import fail, fail_unexpected

    try:
        run_clean(stream, echo=plain_echo, **opts)
    except KeyboardInterrupt:
        fail("interrupted", code=130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - as the click group: one line, no traceback
        fail_unexpected(exc)
    return True


def main() -> None:
    """Console-script entry point."""
    fast = len(sys.argv) > 1 and sys.argv[1] in FAST_EXIT
    if fast:
        pause_gc()
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        from saring.executors.base import claim_heap

        claim_heap()  # this process ends with the run: tasks it runs itself may freeze set-up
    try:
        if fast and sys.argv[1] == "clean" and _clean_without_click(sys.argv[2:]):
            _exit_now(0)
        from saring.cli.app import saring

        saring(prog_name="saring")
    except SystemExit as exc:
        if not fast:
            raise
        _exit_now(exc.code)
    if fast:
        _exit_now(0)


def _exit_now(code: object) -> None:
    """``sys.exit(code)`` without the interpreter's teardown: flush, then ``os._exit``."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # reader went away (| head): as Python would, quietly
        status = status or 1
    try:
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(status)


def __getattr__(name: str) -> Any:
    """The click group's names (``saring``, ``run``, ``fail``, ...), imported on first use."""
    if name.startswith("__"):
        raise AttributeError(name)
    from saring.cli import app

    try:
        return getattr(app, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


if __name__ == "__main__":  # python -m saring.cli.main: one module instance (its GC switch)
    from saring.cli.main import main as _main

    _main()
