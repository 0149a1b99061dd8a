"""Shared CLI guards: one-line errors (exit 2) instead of tracebacks, and checked text input.

Why: a command line is an interface for people; a traceback tells a user nothing about what to
do, and an unbounded read of stdin lets one mistaken pipe use all memory.
"""

from __future__ import annotations

import os
import sys
from typing import IO, NoReturn

DEFAULT_MAX_BYTES = 10_000_000


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, no traceback, then exit."""
    import click  # here, not at the top: ``saring clean`` starts without click

    line = " ".join(str(message).split()) or "failed"
    click.echo(f"saring: error: {line}", err=True)
    sys.exit(code)


def fail_unexpected(exc: Exception) -> NoReturn:
    """An exception no command expected, as one line (``SARING_DEBUG=1``: the traceback)."""
    if os.environ.get("SARING_DEBUG"):
        raise exc
    first = str(exc).splitlines()[0] if str(exc) else ""
    fail(f"unexpected {type(exc).__name__}: {first[:300]} (set SARING_DEBUG=1 for the "
         "traceback, and please report it)")


def read_text_input(stream: IO[bytes], name: str, max_bytes: int) -> str:
    """Read at most ``max_bytes`` of UTF-8 text from ``stream``, or :func:`fail` saying why not
    (too large, compressed, binary, not UTF-8). Never reads more than ``max_bytes + 1`` bytes."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        fail(f"{name} is larger than --max-bytes ({max_bytes:,} bytes); split it, or raise the "
             "limit (about 35 bytes of memory are needed per input byte)")
    from saring.io.sniff import COMPRESSION_NAMES, compression_of  # not the readers: ~20 ms

    comp = compression_of(data[:16])
    if comp:
        fail(f"{name} is {COMPRESSION_NAMES[comp]}-compressed, not text; decompress it first "
             f"(e.g. zcat FILE | saring clean -), or use 'saring run' which reads compressed files")
    if b"\x00" in data:
        fail(f"{name} looks binary (contains NUL bytes at byte {data.index(0)}), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{name} is not valid UTF-8 text (bad byte at offset {exc.start}); convert it to "
             "UTF-8 first (e.g. iconv -f cp1252 -t utf-8)")
    return text[1:] if text.startswith("\ufeff") else text
