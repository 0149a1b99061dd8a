"""Shared test fixtures: where the real corpora live (skip cleanly when absent)."""

from __future__ import annotations

import gzip
import itertools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
SEED = SHARED / "seed" / "founding-article.id.txt"

# evaluation/ (scorers, generators) lives outside the installed package; tests import it from
# the repository root.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def corpus_path(name: str) -> Path:
    """Path of a shared corpus file, skipping the test when it is not there."""
    p = CORPORA / name
    if not p.exists():
        pytest.skip(f"shared corpus {name} not available")
    return p


def corpus_records(name: str, limit: int | None = None) -> list[dict]:
    """The first ``limit`` records of a shared corpus file (skips when absent)."""
    with gzip.open(corpus_path(name), "rb") as f:
        return [orjson.loads(line) for line in itertools.islice(f, limit)]


@pytest.fixture
def founding_text() -> str:
    if not SEED.exists():
        pytest.skip("founding article not available")
    return SEED.read_text(encoding="utf-8")


def undo_matches_input(doc, source: str) -> bool:
    """True when the document's edit log undoes to ``source`` exactly, except PII values that the
    pii step masked in its own edits (same length, letters/digits shown as ``*``)."""
    orig = doc.original_text()
    if not any(e.kind.startswith("pii:") and "*" in e.before for e in doc.edits):
        return orig == source
    return len(orig) == len(source) and all(
        a == b or (a == "*" and b.isalnum()) for a, b in zip(orig, source, strict=True)
    )


def kept_records(out, shard: str | None = None) -> list[dict]:
    """Kept documents of a run (``kept/<lang>/part-*``) as saring document dicts, in dataset order;
    only those read from input shard ``shard`` (file name up to its first dot) when given."""
    from saring.dataset import read_kept

    docs = [d.to_dict() for d in read_kept(out)]
    if shard is None:
        return docs
    return [d for d in docs if Path(d["metadata"]["source_file"]).name.split(".")[0] == shard]


def output_files(out) -> dict[str, bytes]:
    """Every output file's bytes by path relative to ``out`` (kept parts, rejected, errors)."""
    out = Path(out)
    return {str(p.relative_to(out)): p.read_bytes()
            for sub in ("kept", "rejected", "errors") if (out / sub).is_dir()
            for p in sorted((out / sub).rglob("*")) if p.is_file() and not p.name.startswith(".")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(tmp_path):
    """A moto S3 server on 127.0.0.1 (a real endpoint, not a client mock) and the environment
    that points boto/s3fs at it."""
    pytest.importorskip("moto.server")  # moto[server]: a real S3 endpoint, not a client mock
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("moto server did not start on 127.0.0.1")
            time.sleep(0.1)
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
           "SARING_STAGING": str(tmp_path / "staging"), "SARING_PUSH_SECONDS": "0.2"}
    try:
        yield env
    finally:
        proc.terminate()
        proc.wait(timeout=10)
