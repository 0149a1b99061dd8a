"""The dataset phase of a run: kept documents -> ``kept/<lang>/part-*``, per-language figures in
``stats.json``, and the dataset card.

:func:`write_dataset` runs after the last segment, on the records that segment's tasks encoded
per shard (in shard order), and marks itself done (``_work/done/dataset.json``, listing every part file) so a
rerun skips it; :func:`publish` then joins the run's per-language tally with the part files,
checks that each partition holds exactly the documents the run kept for it, and writes
``stats.json`` ``languages``/``dataset`` and ``README.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from saring.dataset import card
from saring.dataset.export import assemble_indexes
from saring.dataset.tally import UNKNOWN, empty
from saring.executors.marker import Marker, digest
from saring.io import atomic


class DatasetError(RuntimeError):
    """The dataset disagrees with the run's own counts (a bug: nothing may be lost)."""


def fingerprint(run_fp: str, shard_keys: Sequence[str], languages: Sequence[str], fmt: str,
                max_file_bytes: int) -> str:
    return digest("dataset/1", run_fp, list(shard_keys), list(languages), fmt, max_file_bytes)


def write_dataset(
    root: Path, indexes: Sequence[Path], fmt: str, max_file_bytes: int, marker: Marker,
    level: int | None = None,
) -> dict[str, dict[str, Any]]:
    """Write (or, when ``marker`` is valid, reuse) the partitions; per partition: kept, words,
    characters, files, bytes. The final segment's tasks encoded the records per shard
    (:class:`~saring.dataset.export.ShardEncoder`); ``indexes`` list them in shard order."""
    done = marker.result()
    if done is not None:
        return done
    marker.clear()
    stats = assemble_indexes(indexes, root, fmt, max_file_bytes, level)
    parts = {k: {"kept": v.kept, "words": v.words, "characters": v.characters,
                 "files": v.files, "bytes": v.bytes} for k, v in stats.items()}
    marker.write(parts, [root / f for v in parts.values() for f in v["files"]])
    return parts


def language_table(tally: dict[str, dict[str, Any]], parts: dict[str, dict[str, Any]],
                   errors_total: int) -> dict[str, dict[str, Any]]:
    """Per language: input, kept, words, characters, rejected (by reason), errors, files, bytes.

    Kept partitions first (by name), then the other language keys. Raises
    :class:`DatasetError` when a partition's documents differ from what the run kept for it.
    """
    keys = set(tally) | set(parts)
    table: dict[str, dict[str, Any]] = {}
    unseen = errors_total - sum(v.get("errors", 0) for v in tally.values())
    for k in sorted(keys, key=lambda k: (k not in parts, k)):
        t = tally.get(k, empty())
        p = parts.get(k, {"kept": 0, "words": 0, "characters": 0, "files": [], "bytes": 0})
        for f in ("kept", "words", "characters"):
            if t[f] != p[f]:
                raise DatasetError(f"partition {k}: {p[f]} {f} in kept/{k}/ but the run counted {t[f]}")
        errors = t["errors"] + (unseen if k == UNKNOWN else 0)
        table[k] = {
            "input": t["kept"] + t["rejected"] + errors, "kept": t["kept"], "words": t["words"],
            "characters": t["characters"], "rejected": t["rejected"], "errors": errors,
            "rejected_by_reason": dict(sorted(t["rejected_by_reason"].items(),
                                              key=lambda kv: (-kv[1], kv[0]))),
            "files": p["files"], "bytes": p["bytes"],
        }
    if unseen and UNKNOWN not in table:
        table[UNKNOWN] = {"input": unseen, "kept": 0, "words": 0, "characters": 0, "rejected": 0,
                          "errors": unseen, "rejected_by_reason": {}, "files": [], "bytes": 0}
    return table


def publish(
    root: Path, tally: dict[str, dict[str, Any]], parts: dict[str, dict[str, Any]],
    languages: Sequence[str], fmt: str, max_file_bytes: int,
) -> dict[str, dict[str, Any]]:
    """Add ``languages`` and ``dataset`` to ``stats.json`` and write the card; returns the table."""
    stats_path = root / "stats.json"
    stats = orjson.loads(stats_path.read_bytes())
    table = language_table(tally, parts, stats["counts"]["errors"])
    stats.get("observed", {}).pop("saring_languages", None)
    stats["languages"] = table
    stats["dataset"] = {"format": fmt, "max_file_bytes": max_file_bytes, "languages": list(languages)}
    atomic.write_json(stats_path, stats)
    manifest_path = root / "manifest.json"
    manifest = orjson.loads(manifest_path.read_bytes()) if manifest_path.exists() else {}
    atomic.write_bytes(root / "README.md", card.render(stats, manifest, table, fmt).encode())
    return table
