"""Finalize a finished run into a dataset: partitions, per-language stats, the dataset card.

Resumable: a marker under ``_work/done/dataset.json`` records a fingerprint of the kept inputs
and the dataset settings plus the per-language table; a rerun with the same fingerprint whose
part files all exist only rewrites ``stats.json`` and the card.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from saring.dataset import card
from saring.dataset.export import LanguageStats, language_table, tally_removed, write_partitions
from saring.dataset.parts import DEFAULT_MAX_FILE_BYTES

MARKER = Path("_work") / "done" / "dataset.json"


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def fingerprint(kept_files: Sequence[str | Path], languages: Sequence[str], fmt: str,
                max_file_bytes: int, run_fingerprint: str = "") -> str:
    """Inputs (names and sizes of the kept files; their content is fixed by the run fingerprint)
    and dataset settings."""
    parts: list[Any] = [run_fingerprint, list(languages), fmt, max_file_bytes]
    for p in kept_files:
        parts.append([os.path.basename(str(p)), os.path.getsize(p)])
    return hashlib.sha256(orjson.dumps(parts)).hexdigest()[:32]


def _load_marker(root: Path, fp: str) -> dict[str, Any] | None:
    try:
        data = orjson.loads((root / MARKER).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if data.get("fingerprint") != fp:
        return None
    files = [f for v in data.get("languages", {}).values() for f in v.get("files", [])]
    if not all((root / f).exists() for f in files):
        return None
    return data


def finalize_dataset(
    root: str | Path, kept_files: Sequence[str | Path], languages: Sequence[str], fmt: str, *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, run_fingerprint: str = "",
) -> dict[str, dict[str, Any]]:
    """Write ``kept/<lang>/`` parts, add ``languages`` to ``stats.json``, write ``README.md``.

    Returns the per-language table (as in ``stats.json``).
    """
    root = Path(root)
    fp = fingerprint(kept_files, languages, fmt, max_file_bytes, run_fingerprint)
    mk = _load_marker(root, fp)
    if mk is not None:
        table = mk["languages"]
    else:
        stats: dict[str, LanguageStats] = write_partitions(kept_files, root, languages, fmt,
                                                           max_file_bytes)
        tally_removed(root, languages, stats)
        table = language_table(stats)
        _atomic_write(root / MARKER, orjson.dumps({"fingerprint": fp, "languages": table}))
    stats_path = root / "stats.json"
    run_stats = orjson.loads(stats_path.read_bytes())
    run_stats["languages"] = table
    run_stats["dataset"] = {"format": fmt, "max_file_bytes": max_file_bytes,
                            "languages": list(languages)}
    _atomic_write(stats_path, orjson.dumps(run_stats, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    manifest_path = root / "manifest.json"
    manifest = orjson.loads(manifest_path.read_bytes()) if manifest_path.exists() else {}
    _atomic_write(root / "README.md", card.render(run_stats, manifest, table, fmt).encode())
    return table
