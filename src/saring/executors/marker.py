"""Completion markers: the one resume mechanism of the run and of corpus stages.

A marker is a small JSON file written atomically *after* a task's outputs. It is valid only
when its ``fingerprint`` equals the one the current run expects (canonical config + input
content, never pickles or mtimes) and every output it lists still exists.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from saring.io import atomic


def canonical(obj: Any) -> Any:
    """A JSON-able form whose serialisation does not depend on set or dict order."""
    if isinstance(obj, dict):
        return {str(k): canonical(v) for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))}
    if isinstance(obj, (set, frozenset)):
        return sorted((canonical(x) for x in obj), key=lambda x: orjson.dumps(x, default=str))
    if isinstance(obj, (list, tuple)):
        return [canonical(x) for x in obj]
    if isinstance(obj, Path):
        return str(obj)
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return repr(obj)


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-able parts (canonicalised first)."""
    data = orjson.dumps(canonical(list(parts)), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass(frozen=True)
class Marker:
    """Where a task records that it finished, and the fingerprint that makes the record valid."""

    path: str
    fingerprint: str

    def load(self) -> dict[str, Any] | None:
        """The marker's data when it is valid for this fingerprint, else None."""
        try:
            data = orjson.loads(Path(self.path).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return None
        base = os.path.dirname(self.path)
        if not all(os.path.exists(os.path.join(base, p)) for p in data.get("outputs", [])):
            return None
        return data

    def result(self) -> Any:
        """The stored result of a finished task, or None when the task must (re)run."""
        data = self.load()
        return None if data is None else data.get("result")

    def write(self, result: Any, outputs: Sequence[str | Path] = (), **extra: Any) -> None:
        """Record a finished task; ``outputs`` are stored relative to the marker's folder, so a
        moved or re-staged output folder keeps its markers valid."""
        base = os.path.dirname(os.path.abspath(self.path))
        rel = [os.path.relpath(os.path.abspath(p), base) for p in outputs]
        atomic.write_json(self.path, {"fingerprint": self.fingerprint, "result": result,
                                      "outputs": rel, **extra}, pretty=False)

    def clear(self) -> None:
        Path(self.path).unlink(missing_ok=True)
