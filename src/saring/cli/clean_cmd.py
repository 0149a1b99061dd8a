"""The click command of ``saring clean`` (help, option errors); the work is
:func:`saring.cli.clean.run_clean`, which ``saring.cli.main`` also runs without click."""

from __future__ import annotations

from typing import Any

import click

from saring.cli.clean import run_clean
from saring.cli.errors import DEFAULT_MAX_BYTES


@click.command("clean")
@click.argument("file", type=click.File("rb"))
@click.option("--diff", "show_diff", is_flag=True, help="Show a readable diff and the edit log.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (text, edits, ...).")
@click.option("--min-confidence", type=click.FloatRange(0.01, 1.0), default=0.75, show_default=True,
              help="Repair at or above this confidence; below it only flag.")
@click.option("--url", default=None, help="Source URL (recorded as the document's site).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse larger input (memory use is about 35x the input size).")
def clean(file: Any, show_diff: bool, as_json: bool, min_confidence: float, url: str | None,
          max_bytes: int) -> None:
    """Repair machine-translation damage in FILE (or - for stdin) and print the result.

    Input must be UTF-8 text; compressed, binary or oversized input is refused in one line
    (exit 2).
    """
    run_clean(file, show_diff, as_json, min_confidence, url, max_bytes, click.echo)
