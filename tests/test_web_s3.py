"""Object storage for real: a moto S3 server on 127.0.0.1, WARCs read from one bucket, outputs
written to another, the run killed with SIGKILL and resumed, then resumed again from the bucket
alone (fresh staging, as on another machine)."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
import xxhash

pytest.importorskip("s3fs")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from make_web_fixtures import fixture_items, write_warc  # noqa: E402
from stepkit import cli_run, step_env  # noqa: E402


def _fs(env):
    import s3fs

    return s3fs.S3FileSystem(key="testing", secret="testing",
                             client_kwargs={"endpoint_url": env["AWS_ENDPOINT_URL"]})


def test_warcs_from_a_bucket_to_a_bucket_killed_and_resumed(s3, tmp_path):
    fs = _fs(s3)
    fs.mkdir("crawls")
    fs.mkdir("results")
    records = 0
    for i in range(6):
        items, _ = fixture_items(seed=i)
        local = tmp_path / f"part{i}.warc.gz"
        records += write_warc(local, items)
        fs.put_file(str(local), f"crawls/2026/part{i}.warc.gz")
    cfg = tmp_path / "slow.yaml"
    cfg.write_text('steps:\n  - "stepkit:Slow": {delay: 0.1}\n  - normalize\n  - url\n')
    env = step_env(s3)
    out_url = "s3://results/run1"
    args = cli_run("s3://crawls/2026/", "-o", out_url, "--config", str(cfg), "--workers", "1",
                "--no-progress")
    staging = Path(s3["SARING_STAGING"]) / xxhash.xxh64_hexdigest(out_url.encode()) / "output"
    markers = staging / "_work" / "done"

    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if markers.is_dir() and len(list(markers.rglob("*.json"))) >= 2:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed"
    while time.monotonic() < deadline and proc.poll() is None:  # an interim push (every 0.2 s)
        if fs.exists("results/run1/_work/done"):
            break
        time.sleep(0.05)
        fs.invalidate_cache()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    done_before = len(list(markers.rglob("*.json")))
    assert 2 <= done_before < 6
    assert not fs.exists("results/run1/stats.json")  # the killed run never finished
    pushed = fs.find("results/run1/_work/done")
    assert pushed, "finished shards were pushed while the run went on"
    for m in pushed:  # every pushed marker's outputs are in the bucket too
        for out in orjson.loads(fs.cat_file(m))["outputs"]:  # relative to the marker's folder
            target = posixpath.normpath(posixpath.join(posixpath.dirname(m), out))
            assert target.startswith("results/run1/") and fs.exists(target), target

    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "resumed" in again.stdout
    stats = orjson.loads(fs.cat_file("results/run1/stats.json"))
    c = stats["counts"]
    assert c["input"] == records == c["kept"] + c["rejected"] + c["errors"]
    assert stats["accounting"]["balanced"]
    kept = sorted(p.split("results/run1/", 1)[-1] for p in fs.find("results/run1/kept"))
    assert kept and all(re.fullmatch(r"kept/[a-z]+/part-\d{5}-of-\d{5}\.jsonl\.gz", k) for k in kept), kept
    assert fs.exists("results/run1/manifest.json")

    # another machine: empty staging, the bucket alone says everything is done
    shutil.rmtree(s3["SARING_STAGING"])
    third = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert third.returncode == 0, third.stderr
    stats3 = orjson.loads(fs.cat_file("results/run1/stats.json"))
    assert stats3["counts"] == c
    assert len(stats3["skipped"]) == 6
