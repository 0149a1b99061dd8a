"""``saring dedup``: exact, near-duplicate and paragraph dedup in one command.

Builds ``Pipeline([Dedup(...)])`` and hands it to the backbone runner, which reads the inputs
into shard files, runs the corpus stage through the chosen executor and writes the output.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from saring.cli.errors import fail
from saring.pipeline import Pipeline
from saring.registry import ConfigError


def build_pipeline(**params: object) -> Pipeline:
    """The one-stage dedup pipeline; parameters are validated like a YAML config."""
    clean = {k: v for k, v in params.items() if v is not None}
    return Pipeline.from_config({"steps": [{"dedup": clean}]})


@click.command("dedup")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="Output folder."
)
@click.option(
    "--threshold",
    type=float,
    default=0.7,
    show_default=True,
    help="Jaccard similarity (word 5-gram shingles) at which documents are near-duplicates.",
)
@click.option(
    "--containment",
    type=float,
    default=0.85,
    show_default=True,
    help="Also duplicates: this share of the shorter document's shingles in the longer one "
    "(a copy with a paragraph dropped); 0 turns it off.",
)
@click.option(
    "--min-length-ratio",
    type=float,
    default=0.6,
    show_default=True,
    help="Containment counts only when the shorter document has at least this share of the "
    "longer one's shingles (keeps summaries apart from their articles).",
)
@click.option(
    "--shared-containment",
    type=float,
    default=0.7,
    show_default=True,
    help="Also duplicates at any length ratio: this share of the shorter document's shingles "
    "and several whole paragraphs in the longer one (truncated teasers, copies with a "
    "rewritten lead); 0 turns it off.",
)
@click.option(
    "--figures",
    type=float,
    default=0.6,
    show_default=True,
    help="Never duplicates: documents with 4+ figures each sharing less than this share of "
    "them (one template filled in on two days: weather, prices, rates); 0 turns it off.",
)
@click.option(
    "--hash-view",
    type=click.Choice(["cleaned", "text"]),
    default="cleaned",
    show_default=True,
    help="What duplicates are judged on: 'cleaned' = the text after normalize + boilerplate "
    "(datelines, 'Baca juga', portal menus and tags removed on a copy), the text the default "
    "pipeline's dedup stage judges, for hashes, paragraphs, figures and the keep order "
    "(longest cleaned text kept first), so a copy is kept or removed as `saring run` would "
    "(its other steps, repair and filters, are not run). The output text is never changed. "
    "'text': the input as is (hashes and keep order by raw length).",
)
@click.option("--num-perm", type=int, default=128, show_default=True, help="MinHash permutations.")
@click.option("--ngram", type=int, default=5, show_default=True, help="Words per shingle.")
@click.option("--bands", type=int, default=None, help="LSH bands (default: optimised with --rows).")
@click.option("--rows", type=int, default=None, help="LSH rows per band.")
@click.option(
    "--verify",
    type=click.Choice(["exact", "signature"]),
    default="exact",
    show_default=True,
    help="Verify candidates by exact shingle Jaccard or by signature agreement.",
)
@click.option(
    "--exact/--no-exact", default=True, show_default=True, help="Exact-duplicate removal."
)
@click.option(
    "--near/--no-near", default=True, show_default=True, help="MinHash near-duplicate removal."
)
@click.option(
    "--paragraphs/--no-paragraphs",
    default=True,
    show_default=True,
    help="Remove paragraphs recurring in many documents.",
)
@click.option(
    "--paragraph-min-docs",
    type=int,
    default=10,
    show_default=True,
    help="A paragraph found in at least this many surviving documents is removed.",
)
@click.option(
    "--paragraph-min-chars",
    type=int,
    default=30,
    show_default=True,
    help="Shorter lines are never counted or removed.",
)
@click.option("--workers", type=int, default=1, show_default=True, help="Worker processes.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=0,
    help="Refuse inputs larger than this many bytes in total (0: no limit).",
)
def dedup(
    inputs: tuple[Path, ...],
    output: Path,
    threshold: float,
    containment: float,
    min_length_ratio: float,
    shared_containment: float,
    figures: float,
    hash_view: str,
    num_perm: int,
    ngram: int,
    bands: int | None,
    rows: int | None,
    verify: str,
    exact: bool,
    near: bool,
    paragraphs: bool,
    paragraph_min_docs: int,
    paragraph_min_chars: int,
    workers: int,
    max_bytes: int,
) -> None:
    """Deduplicate INPUT files (exact, MinHash near-duplicates, paragraphs) into OUTPUT.

    By default (--hash-view cleaned) documents are compared as the default pipeline compares
    them: datelines and outlet furniture are removed on a copy before hashing and before the
    keep order is set; the documents written are the input documents, unchanged."""
    try:
        pipeline = build_pipeline(
            threshold=threshold,
            containment=containment,
            min_length_ratio=min_length_ratio,
            shared_containment=shared_containment,
            figures=figures,
            hash_view=hash_view,
            num_perm=num_perm,
            ngram=ngram,
            bands=bands,
            rows=rows,
            verify=verify,
            exact=exact,
            near=near,
            paragraphs=paragraphs,
            paragraph_min_docs=paragraph_min_docs,
            paragraph_min_chars=paragraph_min_chars,
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if max_bytes:
        total = sum(_input_bytes(p) for p in inputs)
        if total > max_bytes:
            fail(
                f"inputs hold {total:,} bytes, more than --max-bytes ({max_bytes:,}); raise the "
                "limit or split the corpus"
            )
    runner = importlib.import_module("saring.executors.runner")  # the backbone runner, lazily

    try:
        result = runner.run_pipeline(pipeline, list(inputs), output, workers=workers)
    except (ConfigError, getattr(runner, "RunError", ConfigError)) as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if result is None:  # a stand-in runner (tests)
        return
    from saring.cli.main import print_skipped_inputs
    from saring.report.summary import print_summary

    print_summary(result)
    print_skipped_inputs(result.skipped_inputs)
    c = result.counts
    if c["input"] and c["errors"] == c["input"]:
        kinds = ", ".join(f"{k} {n}" for k, n in result.errors_by_kind.items())
        fail(
            f"no readable document in the input: {c['errors']} error record(s) ({kinds}); "
            f"see {output / 'errors'}"
        )
    if not result.balanced:
        sys.exit(1)


def _input_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.is_file() else 0
