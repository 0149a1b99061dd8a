"""Where a corpus stage keeps its scratch files: a local (or shared) folder, or object storage.

Dedup's tasks exchange numpy arrays, small JSON files and completion markers through a
:class:`Store` rooted at the stage's scratch location, never through paths of their own, so the
scratch space can live on a shared filesystem (``/mnt/shared/run/_work/...``) or, through fsspec,
on object storage (``s3://bucket/prefix``, ``gs://...``, ``memory://`` in tests) without touching
the stage. Every write is atomic for readers: locally a temp file renamed into place (see
:mod:`saring.io.atomic`); on object storage an object appears whole when its upload completes.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from saring.io import atomic

if TYPE_CHECKING:
    import numpy as np


def is_url(location: str) -> bool:
    """``scheme://...`` (object storage or any fsspec filesystem) rather than a local path."""
    return "://" in location and not location.startswith("file://")


class Store(ABC):
    """Scratch files under one root, addressed by ``/``-separated names relative to it."""

    root: str
    local_root: str | None = None  # the root as a local path, when the store is a folder

    @abstractmethod
    def write(self, name: str) -> contextlib.AbstractContextManager[IO[bytes]]:
        """A binary file that appears under ``name`` whole, or not at all if the body raises."""

    @abstractmethod
    def read_bytes(self, name: str) -> bytes:
        """The stored bytes (``FileNotFoundError`` when absent)."""

    @abstractmethod
    def exists(self, name: str) -> bool:
        """Whether a file or folder ``name`` exists."""

    @abstractmethod
    def glob(self, pattern: str) -> list[str]:
        """Names (relative, sorted) matching a glob pattern such as ``decisions/p*/s00001.json``."""

    @abstractmethod
    def discard(self, name: str) -> None:
        """Delete one file if it exists (a stale marker)."""

    @abstractmethod
    def remove(self, folder: str) -> None:
        """Delete a folder and everything in it; absent folders are fine."""

    def load_array(self, name: str, mmap: bool = False) -> Any:
        """An ``.npy`` array or ``.npz`` archive. ``mmap`` maps it where the store is local (only
        the pages a task touches are read); elsewhere the object is read whole."""
        import numpy as np
        return np.load(io.BytesIO(self.read_bytes(name)))

    @contextlib.contextmanager
    def synced_at_end(self) -> Iterator[None]:
        """Files written inside the block are made durable together when it ends (a task's
        files, before its marker): see :class:`LocalStore`. Object stores: nothing to do."""
        yield

    # ---------------------------------------------------------------- typed helpers (one each)
    def save_array(self, name: str, arr: np.ndarray) -> None:
        import numpy as np
        with self.write(name) as f:
            np.save(f, arr, allow_pickle=False)

    def save_arrays(self, name: str, **arrays: np.ndarray) -> None:
        import numpy as np
        with self.write(name) as f:
            np.savez(f, **arrays)

    def save_json(self, name: str, obj: Any) -> None:
        data = orjson.dumps(obj)
        with self.write(name) as f:
            f.write(data)

    def load_json(self, name: str) -> Any:
        return orjson.loads(self.read_bytes(name))


class LocalStore(Store):
    """A folder on a local or shared (NFS, Lustre, ...) filesystem."""

    def __init__(self, root: str | Path) -> None:
        self.root = self.local_root = str(root)
        self._base = Path(root)
        self._unsynced: list[Path] | None = None  # inside synced_at_end: written, not fsync'd

    def _path(self, name: str) -> Path:
        return self._base / name

    def write(self, name: str) -> contextlib.AbstractContextManager[IO[bytes]]:
        path = self._path(name)
        if self._unsynced is None:
            return atomic.atomic_open(path)
        self._unsynced.append(path)
        return atomic.atomic_open(path, durable=False)

    @contextlib.contextmanager
    def synced_at_end(self) -> Iterator[None]:
        """Write files without an fsync each and fsync them all (then their folders) when the
        block ends without an error: on a local disk the syncs of a task's ~30 files were most
        of a small task and made two tasks at once wait for each other. The caller writes the
        marker vouching for the files only after the block; a task that fails leaves its files
        unvouched (the rerun rewrites them). One task at a time per store object."""
        self._unsynced = []
        try:
            yield
            atomic.make_durable(self._unsynced)
        finally:
            self._unsynced = None

    def read_bytes(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def exists(self, name: str) -> bool:
        return self._path(name).exists()

    def glob(self, pattern: str) -> list[str]:
        if not self._base.exists():
            return []
        return sorted(p.relative_to(self._base).as_posix() for p in self._base.glob(pattern)
                      if not p.name.startswith("."))

    def remove(self, folder: str) -> None:
        shutil.rmtree(self._path(folder), ignore_errors=True)

    def discard(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def load_array(self, name: str, mmap: bool = False) -> Any:
        import numpy as np
        return np.load(self._path(name), mmap_mode="r" if mmap else None)


class FsspecStore(Store):
    """Any fsspec filesystem (S3, GCS, Azure, memory, ...); needs the ``s3`` extra or the
    filesystem's own package. Objects are written whole, so readers never see half a file."""

    def __init__(self, root: str, **storage_options: Any) -> None:
        try:
            import fsspec
        except ImportError as e:  # pragma: no cover - depends on the installed extras
            raise RuntimeError("scratch on object storage needs fsspec: pip install 'saring[s3]'") from e
        self.root = root.rstrip("/")
        self.fs, self._base = fsspec.core.url_to_fs(self.root, **storage_options)
        self._base = self._base.rstrip("/")

    def _path(self, name: str) -> str:
        return f"{self._base}/{name}"

    @contextlib.contextmanager
    def write(self, name: str) -> Iterator[IO[bytes]]:
        buf = io.BytesIO()
        yield buf  # nothing reaches the store when the body raises
        self.fs.pipe_file(self._path(name), buf.getvalue())

    def read_bytes(self, name: str) -> bytes:
        return self.fs.cat_file(self._path(name))

    def exists(self, name: str) -> bool:
        return self.fs.exists(self._path(name))

    def glob(self, pattern: str) -> list[str]:
        head = self._base + "/"
        return sorted(p[len(head):] for p in self.fs.glob(self._path(pattern))
                      if p.startswith(head) and not p.rsplit("/", 1)[-1].startswith("."))

    def remove(self, folder: str) -> None:
        path = self._path(folder)
        if self.fs.exists(path):
            self.fs.rm(path, recursive=True)

    def discard(self, name: str) -> None:
        path = self._path(name)
        if self.fs.exists(path):
            self.fs.rm_file(path)


def open_store(location: str | Path) -> Store:
    """The store for a scratch location: a URL goes through fsspec, anything else is a folder."""
    location = str(location)
    if is_url(location):
        return FsspecStore(location)
    return LocalStore(location.removeprefix("file://"))


class StoreMarker:
    """A completion marker kept in a store (same JSON as :class:`saring.executors.marker.Marker`):
    valid only for its fingerprint and while every output it lists exists. Outputs are local
    files; under a local store they are recorded relative to its root, so a moved folder keeps
    its markers valid."""

    def __init__(self, store: Store, name: str, fingerprint: str) -> None:
        self.store, self.name, self.fingerprint = store, name, fingerprint
        self._base = store.local_root or ""

    def result(self) -> Any:
        """The stored result of a finished task, or None when the task must (re)run."""
        try:
            data = self.store.load_json(self.name)
        except (OSError, orjson.JSONDecodeError):
            return None
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return None
        if not all(os.path.exists(os.path.join(self._base, p)) for p in data.get("outputs", [])):
            return None
        return data.get("result")

    def clear(self) -> None:
        """Forget the task (its files are about to be rewritten)."""
        self.store.discard(self.name)

    def write(self, result: Any, outputs: Sequence[str | Path] = ()) -> None:
        """Record a finished task, after its files are written."""
        paths = [os.path.abspath(p) for p in outputs]
        if self._base:
            paths = [os.path.relpath(p, os.path.abspath(self._base)) for p in paths]
        data = {"fingerprint": self.fingerprint, "result": result, "outputs": paths}
        with self.store.write(self.name) as f:
            f.write(orjson.dumps(data, option=orjson.OPT_SORT_KEYS, default=str))
