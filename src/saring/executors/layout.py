"""Every path under the output folder, in one place.

::

    OUT/README.md                          dataset card (written by the dataset phase)
    OUT/kept/<lang>/part-i-of-N.<fmt>      kept documents per language partition (dataset phase)
    OUT/rejected/<shard>[.<stage>].<fmt>   rejected documents; ``.<stage>`` for the segment
                                           after a corpus stage (holds that stage's rejects)
    OUT/errors/<shard>[.<stage>].jsonl.gz  error records, same suffix rule
    OUT/stats.json  OUT/manifest.json
    OUT/_work/done/<unit>/<shard>.json     per-shard completion markers of segment units
    OUT/_work/done/<unit>.json             completion marker of a corpus stage unit
    OUT/_work/docs/<unit>/<shard>.docs.zst document files between units (deleted once consumed)
    OUT/_work/stages/<unit>/               a corpus stage's scratch (deleted once it is done);
                                           ``SCRATCH/<unit>/`` instead when the run is given a
                                           scratch location (shared folder or fsspec URL)
    OUT/_work/ids/<shard>.npy              document-id hashes (deleted once duplicates are counted)
    OUT/_work/kept/<shard>.json(.d/)       kept documents of the final segment, encoded for the
                                           dataset: an index and its chunk files (the dataset
                                           phase's input; deleted once the dataset is marked)
    OUT/_work/done/dataset.json            completion marker of the dataset phase

Units are named ``seg<k>`` (segments) and ``stage<k>-<label>`` (corpus stages), ``k`` being the
position in the plan. A finished run's ``_work/`` holds markers only.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from saring.executors.manifest import RunError
from saring.executors.marker import Marker
from saring.io import atomic
from saring.io.store import open_store
from saring.io.writers import extension

DOCFILE_SUFFIX = ".docs.zst"


class RunLayout:
    """Paths and markers of one output folder; nothing else builds a path under it."""

    def __init__(self, root: str | Path, fmt: str = "jsonl.gz", scratch: str | None = None) -> None:
        self.root = Path(root)
        self.fmt = fmt
        self.ext = extension(fmt)
        self.work = self.root / "_work"
        self.scratch = scratch.rstrip("/") if scratch else None

    # ------------------------------------------------------------------ final outputs
    def kept(self, shard: str) -> Path:
        """Kept documents of one shard at the end of the pipeline, encoded for the dataset: the
        index of its chunk files (``saring.dataset.export.ShardEncoder``; the dataset phase's
        input)."""
        return self.work / "kept" / f"{shard}.json"

    @property
    def dataset(self) -> Path:
        """``kept/``: one folder of part files per language partition."""
        return self.root / "kept"

    @property
    def card(self) -> Path:
        return self.root / "README.md"

    def rejected(self, shard: str, suffix: str = "") -> Path:
        return self.root / "rejected" / f"{shard}{suffix}{self.ext}"

    def errors(self, shard: str, suffix: str = "") -> Path:
        return self.root / "errors" / f"{shard}{suffix}.jsonl.gz"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    @property
    def stats(self) -> Path:
        return self.root / "stats.json"

    # ------------------------------------------------------------------ work files
    def docfile(self, unit: str, shard: str) -> Path:
        return self.work / "docs" / unit / f"{shard}{DOCFILE_SUFFIX}"

    def marker(self, unit: str, shard: str, fingerprint: str) -> Marker:
        return Marker(str(self.work / "done" / unit / f"{shard}.json"), fingerprint)

    def stage_marker(self, unit: str, fingerprint: str) -> Marker:
        return Marker(str(self.work / "done" / f"{unit}.json"), fingerprint)

    def ids(self, shard: str) -> Path:
        """Hashes of the shard's document ids (first segment; deleted once counted)."""
        return self.work / "ids" / f"{shard}.npy"

    def prepass_ids(self, shard: str) -> Path:
        """``unique_ids``: id hashes read before the first segment."""
        return self.work / "ids" / "pre" / f"{shard}.npy"

    def renames(self, shard: str) -> Path:
        """``unique_ids``: (row, occurrence) pairs of the shard's repeated ids."""
        return self.work / "ids" / "pre" / f"{shard}.renames.npy"

    def ids_marker(self, fingerprint: str) -> Marker:
        return Marker(str(self.work / "done" / "ids.json"), fingerprint)

    @property
    def scans(self) -> Path:
        """Where the line counts of large compressed inputs are kept (by content hash)."""
        return self.work / "done" / "scans"

    def dataset_marker(self, fingerprint: str) -> Marker:
        return Marker(str(self.work / "done" / "dataset.json"), fingerprint)

    def stage_dir(self, unit: str) -> Path:
        return self.work / "stages" / unit

    def stage_scratch(self, unit: str) -> str | None:
        """Where a corpus stage keeps its bulky exchange files when the run has a scratch
        location (every node must reach it: a shared folder or object storage), else None."""
        return f"{self.scratch}/{unit}" if self.scratch else None

    # ------------------------------------------------------------------ life cycle
    def prepare(self) -> None:
        """Create the folder and prove it is writable, or raise :class:`RunError`; remove
        temp files a killed run left behind."""
        out = self.root
        if out.exists() and not out.is_dir():
            raise RunError(f"output {out} exists and is not a folder")
        try:
            out.mkdir(parents=True, exist_ok=True)
            probe = out / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise RunError(f"output folder {out} is not usable: {exc.strerror or exc}") from exc
        for sub in ("kept", "rejected", "errors", "_work"):
            atomic.remove_temp_files(out / sub)

    def reset_work(self) -> None:
        """Forget all markers and intermediates (``resume=False``), here and in the scratch
        location (only the units this layout names there: ``stage*``)."""
        shutil.rmtree(self.work, ignore_errors=True)
        if self.scratch:
            store = open_store(self.scratch)
            for unit in store.glob("stage*"):
                store.remove(unit)

    def drop_stage_dir(self, unit: str) -> None:
        shutil.rmtree(self.stage_dir(unit), ignore_errors=True)
        if self.scratch:
            open_store(self.scratch).remove(unit)

    def drop_docfiles(self, unit: str) -> None:
        shutil.rmtree(self.work / "docs" / unit, ignore_errors=True)

    def drop_intermediates(self) -> None:
        """After a finished run: only markers stay under ``_work``."""
        for sub in ("docs", "stages", "ids", "kept", "dataset"):
            shutil.rmtree(self.work / sub, ignore_errors=True)

    def work_bytes(self) -> int:
        """Bytes under ``_work`` (for benchmarks and the summary)."""
        return sum(p.stat().st_size for p in self.work.rglob("*") if p.is_file()) if self.work.is_dir() else 0
