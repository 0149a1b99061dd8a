"""``saring dedup``: exact, near-duplicate and paragraph dedup in one command.

Builds ``Pipeline([Dedup(...)])`` and hands it to the backbone runner, which reads the inputs
into shard files, runs the corpus stage through the chosen executor and writes the output.
"""

from __future__ import annotations

from pathlib import Path

import click

from saring.pipeline import Pipeline
from saring.registry import ConfigError


def build_pipeline(**params: object) -> Pipeline:
    """The one-stage dedup pipeline; parameters are validated like a YAML config."""
    clean = {k: v for k, v in params.items() if v is not None}
    return Pipeline.from_config({"steps": [{"dedup": clean}]})


@click.command("dedup")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--threshold", type=float, default=0.7, show_default=True,
              help="Jaccard similarity (word 5-gram shingles) at which documents are near-duplicates.")
@click.option("--containment", type=float, default=0.85, show_default=True,
              help="Also duplicates: this share of the shorter document's shingles in the longer one "
                   "(a copy with a paragraph dropped); 0 turns it off.")
@click.option("--min-length-ratio", type=float, default=0.6, show_default=True,
              help="Containment counts only when the shorter document has at least this share of the "
                   "longer one's shingles (keeps summaries apart from their articles).")
@click.option("--hash-view", type=click.Choice(["cleaned", "text"]), default="cleaned", show_default=True,
              help="Hash the text after normalize + boilerplate (datelines, 'Baca juga', outlet "
                   "furniture removed; output text unchanged), as the default pipeline does, or as is.")
@click.option("--num-perm", type=int, default=128, show_default=True, help="MinHash permutations.")
@click.option("--ngram", type=int, default=5, show_default=True, help="Words per shingle.")
@click.option("--bands", type=int, default=None, help="LSH bands (default: optimised with --rows).")
@click.option("--rows", type=int, default=None, help="LSH rows per band.")
@click.option("--verify", type=click.Choice(["exact", "signature"]), default="exact", show_default=True,
              help="Verify candidates by exact shingle Jaccard or by signature agreement.")
@click.option("--exact/--no-exact", default=True, show_default=True, help="Exact-duplicate removal.")
@click.option("--near/--no-near", default=True, show_default=True, help="MinHash near-duplicate removal.")
@click.option("--paragraphs/--no-paragraphs", default=True, show_default=True,
              help="Remove paragraphs recurring in many documents.")
@click.option("--paragraph-min-docs", type=int, default=10, show_default=True,
              help="A paragraph found in at least this many surviving documents is removed.")
@click.option("--paragraph-min-chars", type=int, default=30, show_default=True,
              help="Shorter lines are never counted or removed.")
@click.option("--workers", type=int, default=1, show_default=True, help="Worker processes.")
def dedup(
    inputs: tuple[Path, ...],
    output: Path,
    threshold: float,
    containment: float,
    min_length_ratio: float,
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
) -> None:
    """Deduplicate INPUT files (exact, MinHash near-duplicates, paragraphs) into OUTPUT."""
    try:
        pipeline = build_pipeline(
            threshold=threshold, containment=containment, min_length_ratio=min_length_ratio,
            hash_view=hash_view, num_perm=num_perm, ngram=ngram, bands=bands, rows=rows,
            verify=verify, exact=exact, near=near, paragraphs=paragraphs,
            paragraph_min_docs=paragraph_min_docs, paragraph_min_chars=paragraph_min_chars,
        )
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    from saring.executors.runner import run_pipeline  # the backbone runner (imported lazily)

    run_pipeline(pipeline, list(inputs), output, workers=workers)
