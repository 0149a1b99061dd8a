"""The ``saring`` click group: ``saring run INPUT... -o OUT``, plus commands of other parts.

Imported only when a command needs click (``saring.cli.main`` runs ``saring clean`` without it).

Commands defined elsewhere (``clean``, ``dedup``, ``explain``) are attached lazily: importing
them only when used keeps start-up fast, and a part that is not installed is simply absent.
Configuration problems and unusable output folders end with one line on stderr and exit 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from saring import __version__
from saring.cli.errors import fail, fail_unexpected
from saring.io.formats import FORMATS
from saring.registry import ConfigError

LAZY_COMMANDS = {
    "clean": "saring.cli.clean_cmd:clean",
    "dedup": "saring.cli.dedup:dedup",
    "explain": "saring.cli.explain:explain",
    "report": "saring.cli.report:report",
}


def _load_lazy(name: str) -> click.Command | None:
    module, _, attr = LAZY_COMMANDS[name].partition(":")
    try:
        cmd = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        return None
    return cmd if isinstance(cmd, click.Command) else None


class SaringGroup(click.Group):
    """A click group that also offers the lazily imported commands that exist."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [n for n in LAZY_COMMANDS if n not in self.commands and _load_lazy(n) is not None]
        return sorted([*self.commands, *lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        if name in LAZY_COMMANDS:
            return _load_lazy(name)
        return None

    def invoke(self, ctx: click.Context) -> object:
        """No tracebacks anywhere: an unexpected exception in any command becomes one line."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                SystemExit):
            raise
        except KeyboardInterrupt:
            fail("interrupted", code=130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for the user
            fail_unexpected(exc)
        return None


def print_skipped_inputs(skipped: list[dict[str, str]], limit: int = 20) -> None:
    """List the input files that were not read, with why (all of them are in manifest.json)."""
    if not skipped:
        return
    click.echo(f"{len(skipped)} input file(s) not read (see skipped_inputs in manifest.json):",
               err=True)
    for k in skipped[:limit]:
        click.echo(f"  skipped {k['path']!r}: {k['reason']}", err=True)
    if len(skipped) > limit:
        click.echo(f"  ... and {len(skipped) - limit} more", err=True)


__all__ = ["fail", "saring", "print_skipped_inputs"]


@click.group(cls=SaringGroup)
@click.version_option(__version__, prog_name="saring")
def saring() -> None:
    """Clean, repair and deduplicate Indonesian web and news text."""


@saring.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Output folder (created; resumable).")
@click.option("--config", "config", default=None, help="Pipeline YAML (default: built-in pipeline).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of CPUs).")
@click.option("--strict", is_flag=True,
              help="Exit non-zero if any input record is an error or any input file was skipped.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--no-resume", is_flag=True, help="Redo every shard even if marked complete.")
@click.option("--no-report", is_flag=True,
              help="Do not write OUTPUT/report.html (its statistics are still collected).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from config, else jsonl.gz).")
@click.option("--text-field", default=None, help="Input field holding the text (default: text).")
@click.option("--id-field", default=None, help="Input field holding the id (default: id).")
@click.option("--executor", "executor", type=click.Choice(["serial", "local", "ray"]), default=None,
              help="Where shard tasks run (default: config's executor:, else local).")
@click.option("--ray-address", default=None,
              help="Join this Ray cluster (with --executor ray; default: start a local Ray).")
@click.option("--unique-ids", is_flag=True,
              help="Rename the n-th use of a document id to ID#n (original in metadata.original_id).")
@click.option("--task-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds one task (one shard) may run; over it the task is stopped and retried, "
                   "then the run fails naming the shard (default: config's executor: task_timeout, "
                   "else no limit).")
@click.option("--scratch", default=None,
              help="Where corpus stages (dedup) keep their exchange files instead of "
                   "OUTPUT/_work: a shared folder or an fsspec URL such as s3://bucket/prefix that "
                   "every node reaches; one per run (default: config's executor: scratch).")
def run(inputs: tuple[str, ...], output: str, config: str | None, workers: int | None,
        strict: bool, no_progress: bool, no_resume: bool, no_report: bool, fmt: str | None,
        text_field: str | None, id_field: str | None, executor: str | None,
        ray_address: str | None, unique_ids: bool, task_timeout: float | None,
        scratch: str | None) -> None:
    """Run the pipeline over INPUT files, folders or globs into OUTPUT."""
    pool = _pool_ahead(output, config, workers, executor, ray_address)
    if pool:
        from saring.executors.local import prestart

        prestart()  # the workers' resources load while this process builds the pipeline
    from saring.executors.runner import RunError, run_pipeline
    from saring.pipeline import Pipeline
    from saring.report.observer import ReportObserver, finish_report
    from saring.report.summary import print_summary

    try:
        pipeline = Pipeline.from_yaml(config) if config else _default_pipeline(pool)
        pipeline.override_io(fmt, text_field, id_field)
        if ray_address and (executor or pipeline.executor.get("name")) not in (None, "ray"):
            raise ConfigError("--ray-address needs --executor ray")
        local_inputs, local_output, remote = _remote_prepare(list(inputs), output)
        try:
            with _pushing(remote):
                result = run_pipeline(
                    pipeline, local_inputs, local_output,
                    workers=workers or pipeline.executor.get("workers")
                    or (None if (executor or pipeline.executor.get("name")) == "ray" or ray_address
                        else os.cpu_count() or 1),
                    executor=executor or pipeline.executor.get("name")
                    or ("ray" if ray_address else None),
                    ray_address=ray_address, strict=strict, progress=not no_progress,
                    resume=not no_resume,
                    observers=[ReportObserver.for_pipeline(local_output, pipeline.steps)],
                    unique_ids=unique_ids, task_timeout=task_timeout, scratch=scratch,
                )
            try:
                report_path = finish_report(local_output, result, html=not no_report)
            except Exception as exc:  # noqa: BLE001 - a finished run stays finished without its page
                report_path = None
                click.echo(f"saring: warning: report not written: {exc}", err=True)
        finally:
            if remote is not None:  # outputs first, markers and manifest last
                remote.push()
    except (ConfigError, RunError) as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return
    except KeyboardInterrupt:
        fail("interrupted; run the same command again to resume", code=130)
        return
    print_summary(result)
    if report_path is not None:
        click.echo(f"report: {report_path}")
    print_skipped_inputs(result.skipped_inputs)
    if not result.balanced:
        sys.exit(1)
    if strict and result.counts["errors"]:
        click.echo(f"saring: {result.counts['errors']} error record(s) under --strict; see "
                   f"{os.path.join(output, 'errors')}", err=True)
        sys.exit(1)
    if strict and result.skipped_inputs:
        click.echo(f"saring: {len(result.skipped_inputs)} input file(s) skipped under --strict",
                   err=True)
        sys.exit(1)


def _pool_ahead(output: str, config: str | None, workers: int | None, executor: str | None,
                ray_address: str | None) -> bool:
    """Whether this run will surely start a local pool of several workers with work to do (no
    config that could choose otherwise, not a finished output folder): then its fork server can
    start first thing."""
    if config or ray_address or executor not in (None, "local") or "://" in output:
        return False
    if (workers or os.cpu_count() or 1) < 2:
        return False
    try:
        with open(os.path.join(output, "manifest.json"), "rb") as f:
            return b'"status": "complete"' not in f.read()
    except OSError:
        return True


def _default_pipeline(pool: bool) -> Any:
    """The built-in pipeline; for a pool run, described by a child so that this process (which
    only plans and coordinates) never imports the steps' rule modules (executors/described.py)."""
    if pool:
        from saring.executors.described import default_pipeline

        return default_pipeline()
    from saring.pipeline import Pipeline

    return Pipeline.default()


def _remote_prepare(inputs: list[str], output: str) -> tuple[list[str], str, Any]:
    """fsspec URLs (s3://...) as inputs/output go through local staging (saring.io.remote)."""
    from saring.executors.runner import RunError
    from saring.io import remote

    if not any(remote.is_url(x) for x in (*inputs, output)):
        return inputs, output, None
    try:
        return remote.prepare(inputs, output)
    except FileNotFoundError as exc:
        raise RunError(str(exc)) from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise RunError(f"object storage: {exc}") from exc


def _pushing(remote: Any) -> Any:
    """Interim pushes of finished shards while the run goes on (remote output only)."""
    import contextlib

    if remote is None:
        return contextlib.nullcontext()
    from saring.io.remote import PeriodicPush

    return PeriodicPush(remote)
