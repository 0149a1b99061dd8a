"""The click command of ``saring clean`` (help, option errors); the work is
:func:`saring.cli.clean.run_clean`, which ``saring.cli.main`` also runs without click."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from saring.cli.clean import OPTIONS, Option, run_clean


def _click_option(o: Option) -> Callable[[Any], Any]:
    if o.kind is bool:
        return click.option(o.flag, o.dest, is_flag=True, help=o.help)
    if o.kind is str:
        return click.option(o.flag, o.dest, default=o.default, help=o.help)
    kind = click.FloatRange(o.low, o.high) if o.kind is float else click.IntRange(o.low, o.high)
    return click.option(o.flag, o.dest, type=kind, default=o.default, show_default=True, help=o.help)


def _with_options(fn: Callable[..., None]) -> Callable[..., None]:
    for o in reversed(OPTIONS):  # click lists options in decorator order, top first
        fn = _click_option(o)(fn)
    return fn


@click.command("clean")
@click.argument("file", type=click.File("rb"))
@_with_options
def clean(file: Any, show_diff: bool, as_json: bool, min_confidence: float, url: str | None,
          max_bytes: int) -> None:
    """Repair machine-translation damage in FILE (or - for stdin) and print the result.

    Input must be UTF-8 text; compressed, binary or oversized input is refused in one line
    (exit 2).
    """
    run_clean(file, show_diff, as_json, min_confidence, url, max_bytes, click.echo)
