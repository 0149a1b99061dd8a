"""The terminal summary printed after a run: counts, reasons, errors, speed, accounting."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "-"


def summary_table(result: Any) -> Table:
    """A rich table of a :class:`~saring.executors.runner.RunResult` (all text escaped)."""
    c = result.counts
    total = c["input"]
    t = Table(title=f"saring run -> {escape(str(result.output))}", show_header=True,
              header_style="bold")
    t.add_column("", style="bold")
    t.add_column("documents", justify="right")
    t.add_column("share", justify="right")
    t.add_row("input", f"{total:,}", "")
    t.add_row("kept", f"{c['kept']:,}", _pct(c["kept"], total))
    t.add_row("rejected", f"{c['rejected']:,}", _pct(c["rejected"], total))
    for reason, n in result.rejected_by_reason.items():
        t.add_row(f"  {escape(reason)}", f"{n:,}", _pct(n, total), style="dim")
    t.add_row("errors", f"{c['errors']:,}", _pct(c["errors"], total))
    for kind, n in result.errors_by_kind.items():
        t.add_row(f"  {escape(kind)}", f"{n:,}", _pct(n, total), style="dim")
    return t


def language_table(result: Any) -> Table | None:
    """Per language: documents in, kept (with words), rejected, errors (``None`` when absent)."""
    langs = getattr(result, "languages", None) or {}
    if not langs:
        return None
    t = Table(title="per language (kept/<lang>/)", show_header=True, header_style="bold")
    for col in ("language", "input", "kept", "words", "rejected", "errors", "kept share"):
        t.add_column(col, justify="left" if col == "language" else "right")
    for lang, v in langs.items():
        t.add_row(escape(lang), f"{v['input']:,}", f"{v['kept']:,}", f"{v['words']:,}",
                  f"{v['rejected']:,}", f"{v['errors']:,}", _pct(v["kept"], v["input"]))
    return t


def accounting_line(result: Any) -> str:
    """One line stating whether input == kept + rejected + errors held (plain text)."""
    c = result.counts
    eq = f"{c['input']:,} in = {c['kept']:,} kept + {c['rejected']:,} rejected + {c['errors']:,} errors"
    if result.balanced:
        return f"accounting OK: {eq}"
    return f"ACCOUNTING MISMATCH ({len(result.mismatches)}): " + "; ".join(result.mismatches[:5])


def print_summary(result: Any, console: Console | None = None) -> None:
    """Print the summary table, speed and the accounting check."""
    console = console or Console()
    console.print(summary_table(result))
    langs = language_table(result)
    if langs is not None:
        console.print(langs)
    skipped = f", {len(result.skipped_shards)} shard task(s) resumed from markers" if result.skipped_shards else ""
    console.print(
        f"{result.seconds:.2f} s, {result.docs_per_second:,.0f} docs/s{skipped}", highlight=False
    )
    style = "green" if result.balanced else "bold red"
    console.print(escape(accounting_line(result)), style=style, highlight=False)
    dup = getattr(result, "duplicate_ids", None)
    if dup and dup.get("duplicates"):
        console.print(f"duplicate ids: {dup['duplicates']:,} document(s) reuse an earlier id "
                      f"({dup['ids_repeated']:,} id(s) repeated, {dup['ids_in_several_files']:,} "
                      "in more than one file)", style="yellow", highlight=False)
