"""``saring explain OUT DOC_ID [--json]``: the story of one document in a finished run."""

from __future__ import annotations

import json
import sys

import click


@click.command()
@click.argument("output")
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON (a list of records).")
def explain(output: str, doc_id: str, as_json: bool) -> None:
    """Explain what happened to DOC_ID (an id, or FILE:LINE for unparseable input lines) in OUTPUT."""
    from pathlib import Path

    from saring.report.explain import NotFoundError, format_story
    from saring.report.explain import explain as run_explain

    if not (Path(output) / "report" / "index").is_dir():
        click.echo(f"saring: error: {output} has no report index (not a saring run folder?)", err=True)
        sys.exit(2)
    try:
        stories = run_explain(output, doc_id)
    except NotFoundError as exc:
        click.echo(f"saring: error: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(stories, ensure_ascii=False, indent=2, default=str))
        return
    click.echo("\n\n".join(format_story(s) for s in stories))
