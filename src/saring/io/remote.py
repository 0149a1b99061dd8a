"""Object storage for ``saring run``: fsspec URLs (``s3://``, ``gs://``, ...) as inputs and output.

The runner works on local files (atomic renames, markers, resumable shards), so remote data goes
through a local *staging* folder, one per URL (``$SARING_STAGING`` or ``~/.cache/saring/remote``):

* inputs: every file under an input URL (a file, a prefix or a glob) is downloaded once into
  staging; a file already there with the same size and ETag is not fetched again;
* output: before the run, the remote output folder (manifest, stats, markers and the outputs the
  markers name) is pulled into staging, so a run resumed on another machine skips what is done;
  after the run (finished or failed) every changed file is pushed, outputs first, then markers,
  stats and manifest, so a remote marker never exists without its output files.

A run killed before its push leaves its progress in staging: running the same command again on
the same machine resumes from there. Needs the ``saring[s3]`` extra (s3fs) for ``s3://``.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import xxhash

SYNC_INDEX = ".remote-sync.json"  # in the input staging folder (ours, not a run layout)
PUSH_LAST = ("_work/", "stats.json", "manifest.json")


def is_url(spec: str) -> bool:
    """An fsspec URL other than a local path (``file://`` counts as local)."""
    return "://" in spec and not spec.startswith("file://")


def staging_root() -> Path:
    env = os.environ.get("SARING_STAGING")
    return Path(env) if env else Path.home() / ".cache" / "saring" / "remote"


def _staging_for(url: str) -> Path:
    key = xxhash.xxh64_hexdigest(url.rstrip("/").encode())
    return staging_root() / key


def _fs(url: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    try:
        return url_to_fs(url)
    except ImportError as exc:  # e.g. s3fs missing
        raise RuntimeError(f"cannot open {url}: {exc} (install saring[s3] for s3:// URLs)") from exc


def _etag(info: dict[str, Any]) -> str:
    return str(info.get("ETag") or info.get("etag") or info.get("md5Hash") or info.get("mtime") or "")


def _load_index(path: Path) -> dict[str, Any]:
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}


def _save_index(path: Path, index: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(orjson.dumps(index, option=orjson.OPT_SORT_KEYS))
    os.replace(tmp, path)


# ----------------------------------------------------------------------------- inputs
def _remote_files(fs: Any, path: str) -> list[str]:
    if glob.has_magic(path):
        found = sorted(fs.glob(path))
        return sorted(p for q in found for p in (fs.find(q) if fs.isdir(q) else [q]))
    if fs.isdir(path):
        return sorted(fs.find(path))
    if fs.exists(path):
        return [path]
    return []


def stage_input(url: str) -> str:
    """Download the file(s) behind an input URL into staging; returns the local file or folder.

    Raises ``FileNotFoundError`` when the URL matches nothing (as a missing local input does).
    """
    fs, path = _fs(url)
    files = _remote_files(fs, path)
    if not files:
        raise FileNotFoundError(f"input {url!r} matches no file")
    base = path.split("*")[0].rstrip("/") if (glob.has_magic(path) or len(files) > 1
                                              or files[0] != path) else path.rsplit("/", 1)[0]
    root = _staging_for(url) / "input"
    index_path = root / SYNC_INDEX
    root.mkdir(parents=True, exist_ok=True)
    index = _load_index(index_path)
    for rp in files:
        rel = rp[len(base):].lstrip("/") if rp.startswith(base) else rp.rsplit("/", 1)[-1]
        if any(part.startswith((".", "_")) for part in rel.split("/")):
            continue
        info = fs.info(rp)
        stamp = [int(info.get("size") or 0), _etag(info)]
        local = root / rel
        if index.get(rel) == stamp and local.exists() and local.stat().st_size == stamp[0]:
            continue
        local.parent.mkdir(parents=True, exist_ok=True)
        tmp = local.with_name(f".{local.name}.part")
        fs.get_file(rp, str(tmp))
        os.replace(tmp, local)
        index[rel] = stamp
        _save_index(index_path, index)
    if len(files) == 1 and files[0] == path:  # a single file: pass the file itself
        return str(root / path.rsplit("/", 1)[-1])
    return str(root)


# ----------------------------------------------------------------------------- output
@dataclass
class RemoteOutput:
    """A remote output folder mirrored through a local staging folder.

    The sync index lives beside the staging output folder, not in it: every path under an
    output folder belongs to the run layout.
    """

    url: str
    local: Path

    @classmethod
    def for_url(cls, url: str) -> RemoteOutput:
        return cls(url.rstrip("/"), _staging_for(url) / "output")

    @property
    def index_path(self) -> Path:
        return self.local.with_name(self.local.name + ".sync.json")

    def _skip(self) -> tuple[str, ...]:
        """Intermediates under the layout's work folder (document files, stage scratch)."""
        from saring.executors.layout import RunLayout

        work = RunLayout(self.local).work.relative_to(self.local).as_posix()
        return (f"{work}/docs/", f"{work}/stages/")

    def _remote(self) -> tuple[Any, str]:
        return _fs(self.url)

    def pull(self) -> int:
        """Fetch remote files missing or different in staging; returns how many were fetched."""
        fs, root = self._remote()
        self.local.mkdir(parents=True, exist_ok=True)
        index_path = self.index_path
        index = _load_index(index_path)
        if not fs.exists(root):
            return 0
        n = 0
        for rp in sorted(fs.find(root)):
            rel = rp[len(root):].lstrip("/")
            info = fs.info(rp)
            stamp = [int(info.get("size") or 0), _etag(info)]
            local = self.local / rel
            if local.exists() and local.stat().st_size == stamp[0] and rel in index:
                continue
            local.parent.mkdir(parents=True, exist_ok=True)
            tmp = local.with_name(f".{local.name}.part")
            fs.get_file(rp, str(tmp))
            os.replace(tmp, local)
            st = local.stat()
            index[rel] = [st.st_size, st.st_mtime_ns]
            n += 1
        _save_index(index_path, index)
        return n

    def _changed(self, index: dict[str, Any]) -> list[str]:
        out = []
        skip = self._skip()
        for p in sorted(self.local.rglob("*")):
            if not p.is_file():
                continue
            rel = p.relative_to(self.local).as_posix()
            if rel.startswith(skip) or p.name.startswith("."):
                continue
            st = p.stat()
            if index.get(rel) != [st.st_size, st.st_mtime_ns]:
                out.append(rel)
        return out

    def push(self) -> int:
        """Upload changed files: outputs first, then markers, stats and the manifest."""
        fs, root = self._remote()
        index_path = self.index_path
        index = _load_index(index_path)
        changed = self._changed(index)
        changed.sort(key=lambda rel: (rel.startswith(PUSH_LAST), rel == "manifest.json", rel))
        for rel in changed:
            p = self.local / rel
            fs.put_file(str(p), f"{root}/{rel}")
            st = p.stat()
            index[rel] = [st.st_size, st.st_mtime_ns]
            _save_index(index_path, index)
        return len(changed)


    def push_finished(self) -> int:
        """Upload the outputs of every finished task, then its marker (safe while a run writes:
        a marker is written only after its outputs are complete, and it names them)."""
        fs, root = self._remote()
        index = _load_index(self.index_path)
        n = 0
        for marker in sorted(self.local.rglob("*.json")):
            rel = marker.relative_to(self.local).as_posix()
            if not rel.startswith(PUSH_LAST[0]) or marker.name.startswith("."):
                continue
            st = marker.stat()
            if index.get(rel) == [st.st_size, st.st_mtime_ns]:
                continue
            try:
                data = orjson.loads(marker.read_bytes())
            except (OSError, orjson.JSONDecodeError):
                continue
            # marker outputs are relative to the marker's folder (absolute in older markers)
            outputs = [marker.parent / p for p in data.get("outputs", []) if isinstance(p, str)]
            if not all(p.is_file() for p in outputs):
                continue
            for p in outputs:
                try:
                    orel = p.resolve().relative_to(self.local.resolve()).as_posix()
                except ValueError:
                    continue
                ost = p.stat()
                if index.get(orel) != [ost.st_size, ost.st_mtime_ns]:
                    fs.put_file(str(p), f"{root}/{orel}")
                    index[orel] = [ost.st_size, ost.st_mtime_ns]
                    n += 1
            fs.put_file(str(marker), f"{root}/{rel}")
            index[rel] = [st.st_size, st.st_mtime_ns]
            n += 1
            _save_index(self.index_path, index)
        return n


class PeriodicPush:
    """Pushes finished tasks every ``seconds`` while a run goes on (``$SARING_PUSH_SECONDS``,
    default 60), so a run killed outright still leaves its finished shards in the bucket."""

    def __init__(self, remote: RemoteOutput, seconds: float | None = None) -> None:
        import threading

        self.remote = remote
        self.seconds = seconds if seconds is not None else float(
            os.environ.get("SARING_PUSH_SECONDS", "60"))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="saring-push", daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                self.remote.push_finished()
            except Exception:  # noqa: BLE001 - a failed interim push is retried; the final push reports
                continue

    def __enter__(self) -> PeriodicPush:
        if self.seconds > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def prepare(inputs: list[str], output: str) -> tuple[list[str], str, RemoteOutput | None]:
    """Local paths for the runner: remote inputs staged, a remote output pulled into staging."""
    local_inputs = [stage_input(s) if is_url(s) else s for s in inputs]
    if not is_url(output):
        return local_inputs, output, None
    remote = RemoteOutput.for_url(output)
    remote.pull()
    return local_inputs, str(remote.local), remote
