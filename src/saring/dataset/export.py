"""The finalize phase of a run: kept documents -> ``kept/<lang>/part-*`` + per-language stats.

Input is the run's per-shard files of kept documents (saring document files), taken in shard
order; output is one folder per language partition under ``kept/`` in the Hugging Face datasets
layout. The order of documents (shard order, then order within the shard) and the part
boundaries depend only on the documents, never on the number of workers.

The per-language tally also reads ``rejected/`` and ``errors/`` so that, per language,
``input = kept + rejected + errors`` can be shown and checked; a document that never reached
language ID counts under the language its source declared, or ``und``.
"""

from __future__ import annotations

import gzip
import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson
import zstandard

from saring.dataset.parts import DEFAULT_MAX_FILE_BYTES, PartWriter
from saring.dataset.records import training_record
from saring.io.docfile import read_docs
from saring.languages import UNKNOWN, doc_language, kept_partition, partition


@dataclass
class LanguageStats:
    """Counts of one language partition (kept) or language (rejected, errors)."""

    kept: int = 0
    words: int = 0
    characters: int = 0
    rejected: int = 0
    errors: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    bytes: int = 0

    @property
    def input(self) -> int:
        return self.kept + self.rejected + self.errors


def count_words(text: str) -> int:
    """Whitespace-separated words (the unit of the card's word counts)."""
    return len(text.split())


def write_partitions(
    kept_files: Sequence[str | Path], root: str | Path, languages: Sequence[str], fmt: str,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> dict[str, LanguageStats]:
    """Write every kept document to ``root/kept/<partition>/part-*``; return per-partition counts.

    ``root/kept`` is emptied first (a rerun rewrites it completely; parts are renamed into place
    only when all are written).
    """
    kept_dir = Path(root) / "kept"
    if kept_dir.exists():
        shutil.rmtree(kept_dir)
    writers: dict[str, PartWriter] = {}
    stats: dict[str, LanguageStats] = {}
    try:
        for path in kept_files:
            for doc in read_docs(path):
                rec = training_record(doc)
                part = kept_partition(rec["lang"], languages)
                w = writers.get(part)
                if w is None:
                    w = writers[part] = PartWriter(kept_dir / part, fmt, max_file_bytes)
                    stats[part] = LanguageStats()
                w.write(rec)
                st = stats[part]
                st.kept += 1
                st.words += count_words(rec["text"])
                st.characters += len(rec["text"])
        for part in sorted(writers):
            files = writers[part].finish()
            stats[part].files = [str(p.relative_to(root)) for p in files]
            stats[part].bytes = sum(p.stat().st_size for p in files)
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    return dict(sorted(stats.items()))


# ----------------------------------------------------------------------------- tallies
def _jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    name = path.name
    if name.endswith(".gz"):
        f: Any = gzip.open(path, "rb")
    elif name.endswith(".zst"):
        f = zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)  # noqa: SIM115
        import io

        f = io.BufferedReader(f)
    else:
        f = open(path, "rb")  # noqa: SIM115
    with f:
        for line in f:
            if line.strip():
                yield orjson.loads(line)


def _output_records(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a rejected/errors output file, with ``metadata`` and ``decision`` as dicts."""
    if path.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=4096, columns=["metadata", "decision"]):
            for rec in batch.to_pylist():
                yield {k: orjson.loads(v) if isinstance(v, str) else v for k, v in rec.items()}
    else:
        yield from _jsonl_records(path)


def _lang_key(metadata: Any, languages: Sequence[str]) -> str:
    """Language key of a removed document: its partition when it has one, else its language."""
    if not isinstance(metadata, dict):
        return UNKNOWN
    lang = doc_language(metadata)
    if lang == UNKNOWN:
        return UNKNOWN
    return partition(lang, languages) or lang


def tally_removed(root: str | Path, languages: Sequence[str], stats: dict[str, LanguageStats]) -> None:
    """Add rejected and error records under ``root`` to ``stats``, per language."""
    root = Path(root)
    for path in sorted((root / "rejected").glob("*")) if (root / "rejected").is_dir() else []:
        if path.name.startswith("."):
            continue
        for rec in _output_records(path):
            st = stats.setdefault(_lang_key(rec.get("metadata"), languages), LanguageStats())
            st.rejected += 1
            d = rec.get("decision") or {}
            reason = f"{d.get('step')}:{d.get('reason')}"
            st.rejected_by_reason[reason] = st.rejected_by_reason.get(reason, 0) + 1
    for path in sorted((root / "errors").glob("*")) if (root / "errors").is_dir() else []:
        if path.name.startswith("."):
            continue
        for rec in _jsonl_records(path):
            doc = rec.get("doc")
            md = doc.get("metadata") if isinstance(doc, dict) else None
            stats.setdefault(_lang_key(md, languages), LanguageStats()).errors += 1
    for st in stats.values():
        st.rejected_by_reason = dict(Counter(st.rejected_by_reason).most_common())


def language_table(stats: dict[str, LanguageStats]) -> dict[str, dict[str, Any]]:
    """The ``languages`` section of ``stats.json``: kept partitions first, then the rest."""
    order = sorted(stats, key=lambda k: (stats[k].kept == 0, k))
    out = {}
    for k in order:
        d = asdict(stats[k])
        d["input"] = stats[k].input
        out[k] = d
    return out
