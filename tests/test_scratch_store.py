"""Dedup's scratch files go through a store: a local folder or, through fsspec, object storage.

The store contract is checked on a folder and on fsspec's in-memory filesystem; the dedup stage
run with its scratch in memory and on a real S3 endpoint (moto on 127.0.0.1) writes the same
bytes as with local scratch, keeps nothing of it on the local disk, resumes from the markers in
the bucket, and a whole ``saring run --scratch s3://...`` with two workers gives the same output
files as a run without it and leaves the bucket empty.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np
import orjson
import pytest
from conftest import output_files
from stepkit import cli_run, step_env
from test_dedup_stage import BASE, OTHER, THIRD, _mixed_corpus, edited

from saring.dedup.stage import Dedup
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.io.store import FsspecStore, LocalStore, Store, StoreMarker, open_store
from saring.step import StageContext

pytest.importorskip("fsspec")


@pytest.fixture(params=["local", "memory"])
def store(request, tmp_path: Path) -> Store:
    if request.param == "local":
        return LocalStore(tmp_path / "scratch")
    return FsspecStore(f"memory://saring-test-{uuid.uuid4().hex}/scratch")


def test_store_contract(store: Store) -> None:
    arr = np.arange(12, dtype=np.uint64).reshape(6, 2)
    store.save_array("bands/b000/s00001.npy", arr)
    store.save_array("bands/b000/s00000.npy", arr[:2])
    store.save_arrays("meta/s00000.npz", keys=arr[:, 0], exact=arr[:, 1])
    store.save_json("decisions/p001/s00000.json", [{"row": 3}])
    assert np.array_equal(store.load_array("bands/b000/s00001.npy"), arr)
    assert np.array_equal(store.load_array("bands/b000/s00001.npy", mmap=True), arr)
    assert np.array_equal(store.load_array("meta/s00000.npz")["exact"], arr[:, 1])
    assert store.load_json("decisions/p001/s00000.json") == [{"row": 3}]
    assert store.glob("bands/b000/*.npy") == ["bands/b000/s00000.npy", "bands/b000/s00001.npy"]
    assert store.glob("decisions/p*/s00000.json") == ["decisions/p001/s00000.json"]
    assert store.glob("nothing/*") == []
    assert store.exists("meta/s00000.npz") and not store.exists("meta/s00009.npz")
    with pytest.raises(RuntimeError), store.write("half.json") as f:  # a failed write leaves nothing
        f.write(b'{"a":')
        raise RuntimeError("killed mid-write")
    assert not store.exists("half.json") and store.glob("*.json") == []
    store.remove("bands")
    assert store.glob("bands/*/*") == [] and store.exists("meta/s00000.npz")
    store.remove("never-written")  # absent folders are fine


def test_store_marker_needs_its_fingerprint_and_outputs(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.docs.zst"
    out.write_bytes(b"x")
    StoreMarker(store, "done/filter-00000.json", "fp1").write({"docs": 3}, [out])
    assert StoreMarker(store, "done/filter-00000.json", "fp1").result() == {"docs": 3}
    assert StoreMarker(store, "done/filter-00000.json", "fp2").result() is None  # another run
    assert StoreMarker(store, "done/other.json", "fp1").result() is None
    out.unlink()  # an output it lists is gone: the task must run again
    assert StoreMarker(store, "done/filter-00000.json", "fp1").result() is None


def test_local_store_syncs_a_tasks_files_together_at_the_end(tmp_path: Path, monkeypatch) -> None:
    """Inside ``synced_at_end`` files are written without an fsync each and fsync'd (with their
    folders) when the block ends, before anything (a marker) can vouch for them; a block that
    fails syncs nothing; outside it every write is synced as it happens."""
    import os as _os

    from saring.io import atomic

    synced: list[str] = []
    real = _os.fsync

    def spy(fd: int) -> None:
        synced.append(_os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", spy)
    store = LocalStore(tmp_path / "s")
    with store.synced_at_end():
        store.save_array("bands/b000/s00000.npy", np.arange(3))
        store.save_json("meta/s00000.ids.json", ["a"])
        assert synced == []  # nothing synced while the task writes
        assert store.load_json("meta/s00000.ids.json") == ["a"]  # yet whole for readers
    names = [Path(p).name for p in synced]
    assert names[:2] == ["s00000.npy", "s00000.ids.json"]  # the files first, then their folders
    assert sorted(names[2:]) == ["b000", "meta"]
    synced.clear()
    with pytest.raises(RuntimeError), store.synced_at_end():
        store.save_json("meta/s00001.ids.json", ["b"])
        raise RuntimeError("task failed")
    assert synced == []  # a failed task's files are never vouched for: no sync spent on them
    store.save_json("done/x.json", {"ok": 1})  # outside the block: synced at once
    assert [Path(p).name for p in synced] == [".x.json.tmp-" + str(_os.getpid()), "done"]  # before its rename


def test_open_store_picks_by_location(tmp_path: Path) -> None:
    assert isinstance(open_store(tmp_path), LocalStore)
    assert isinstance(open_store(f"file://{tmp_path}"), LocalStore)
    assert isinstance(open_store("memory://bucket/x"), FsspecStore)


def _stage_run(tmp: Path, scratch: str | None, executor=None) -> tuple[list[bytes], dict]:
    paths = []
    for i, docs in enumerate(_mixed_corpus()):
        p = tmp / "in" / f"s{i}.jsonl.zst"
        write_docs(p, docs)
        paths.append(p)
    ctx = StageContext(executor or SerialExecutor(), tmp / "work", scratch=scratch)
    out = Dedup(paragraph_min_docs=3).run(paths, ctx)
    assert sum(1 for p in out.outputs for _ in read_docs(p)) == sum(len(s) for s in _mixed_corpus())
    return [Path(p).read_bytes() for p in out.outputs], dict(out.stats.rejected)


def test_dedup_with_scratch_in_memory_writes_the_same_bytes(tmp_path: Path) -> None:
    local_bytes, local_rejected = _stage_run(tmp_path / "a", None)
    url = f"memory://saring-test-{uuid.uuid4().hex}"
    mem_bytes, mem_rejected = _stage_run(tmp_path / "b", url)
    assert mem_bytes == local_bytes and mem_rejected == local_rejected
    assert sum(local_rejected.values()) > 0  # the corpus has duplicates to find
    # the stage's exchange files went to the store, none to the local work folder
    assert sorted(p.name for p in (tmp_path / "b" / "work").iterdir()) == ["out"]
    (unit,) = open_store(url).glob("dedup-*")
    assert open_store(f"{url}/{unit}").glob("done/hash-*.json")


def test_dedup_scratch_on_s3_resumes_from_the_bucket(s3, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("s3fs")
    for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"):
        monkeypatch.setenv(k, s3[k])
    import s3fs

    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir("scratch")
    local_bytes, _ = _stage_run(tmp_path / "a", None)
    got, _ = _stage_run(tmp_path / "b", "s3://scratch/run")
    assert got == local_bytes
    markers = fs.find("scratch/run", detail=True)
    done = {k: v for k, v in markers.items() if "/done/" in k}
    assert len(done) >= 10, sorted(markers)

    again, _ = _stage_run(tmp_path / "b", "s3://scratch/run")
    assert again == local_bytes
    fs.invalidate_cache()
    after = {k: v for k, v in fs.find("scratch/run", detail=True).items() if "/done/" in k}
    assert after.keys() == done.keys()  # the rerun wrote no marker again: every task was skipped
    assert all(after[k]["LastModified"] == done[k]["LastModified"] for k in done)


def _corpus(folder: Path) -> list[str]:
    """Four files of our own near-duplicate news texts."""
    folder.mkdir(parents=True)
    texts = [BASE, OTHER, THIRD]
    paths = []
    for s in range(4):
        p = folder / f"part{s}.jsonl"
        p.write_bytes(b"".join(orjson.dumps({"id": f"s{s}-d{i}", "text": edited(texts[(s + i) % 3], i % 3,
                                                                              seed=s * 10 + i)}) + b"\n"
                               for i in range(12)))
        paths.append(str(p))
    return paths


def test_run_with_scratch_on_s3_and_two_workers(s3, tmp_path: Path) -> None:
    pytest.importorskip("s3fs")
    import s3fs

    inputs = _corpus(tmp_path / "in")
    env = step_env(s3)
    fs = s3fs.S3FileSystem(key="testing", secret="testing",
                           client_kwargs={"endpoint_url": s3["AWS_ENDPOINT_URL"]})
    fs.mkdir("scratch")
    cfg = tmp_path / "dedup.yaml"
    cfg.write_text("steps:\n  - normalize\n  - dedup: {paragraph_min_docs: 3}\n")
    base = [*inputs, "--config", str(cfg), "--workers", "2", "--no-progress", "--no-report"]
    plain = subprocess.run(cli_run(*base, "-o", str(tmp_path / "plain")), env=env,
                           capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    remote = subprocess.run(cli_run(*base, "-o", str(tmp_path / "remote"), "--scratch", "s3://scratch/r1"),
                            env=env, capture_output=True, text=True, timeout=300)
    assert remote.returncode == 0, remote.stderr
    assert output_files(tmp_path / "remote") == output_files(tmp_path / "plain")
    stats = (tmp_path / "remote" / "stats.json").read_text()
    assert '"near_duplicate"' in stats or '"exact_duplicate"' in stats
    fs.invalidate_cache()
    assert fs.find("scratch/r1") == []  # the stage's scratch is dropped once it is marked done
    assert not list((tmp_path / "remote" / "_work").rglob("*.npy"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
