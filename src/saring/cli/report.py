"""``saring report OUT [-o report.html]``: (re)build the self-contained HTML report of a run."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("output")
@click.option("-o", "--out", "target", default=None, help="HTML file (default: OUTPUT/report.html).")
def report(output: str, target: str | None) -> None:
    """Write the HTML report of the finished run in OUTPUT."""
    from saring.report.html import write_report

    if not (Path(output) / "stats.json").is_file():
        click.echo(f"saring: error: {output} has no stats.json (run `saring run` first)", err=True)
        sys.exit(2)
    path = write_report(output, target)
    click.echo(f"report: {path} ({path.stat().st_size / 1024:,.0f} KiB)")
