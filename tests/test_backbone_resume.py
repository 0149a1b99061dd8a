"""Crash and resume for real: a worker killed mid-shard, and a whole run killed with SIGKILL.

In both cases the final output must equal an uninterrupted run's, record for record.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import orjson
from conftest import output_files
from stepkit import KillOnce, cli_run, make_shards, step_env

from saring import Pipeline
from saring.executors.local import LocalExecutor
from saring.executors.runner import run_pipeline

REPO = Path(__file__).resolve().parents[1]

def _outputs(out: Path) -> dict[str, bytes]:
    return output_files(out)


def test_killed_worker_is_retried_and_output_is_complete(tmp_path) -> None:
    inputs = make_shards(tmp_path / "in", 3, 30)
    ref = run_pipeline(Pipeline([KillOnce(doc_id="none", flag=str(tmp_path / "unused"))]), inputs,
                       tmp_path / "ref", progress=False)
    pipe = Pipeline([KillOnce(doc_id="s1-d12", flag=str(tmp_path / "killed.flag"))])
    with LocalExecutor(2, retries=1) as ex:
        res = run_pipeline(pipe, inputs, tmp_path / "out", executor=ex, progress=False)
        assert [i for i, _ in ex.failures] == [1] and "SIGKILL" in ex.failures[0][1]
    assert (tmp_path / "killed.flag").exists()
    assert res.ok and res.counts == ref.counts == {"input": 93, "kept": 90, "rejected": 0, "errors": 3}
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "ref")


def test_run_killed_with_sigkill_then_resumed_equals_uninterrupted(tmp_path) -> None:
    cfg = tmp_path / "slow.yaml"
    cfg.write_text('steps:\n  - "stepkit:Slow": {delay: 0.004}\n')
    env = step_env()
    inputs = make_shards(tmp_path / "in", 8, 60)
    common = ["--config", str(cfg), "--workers", "2", "--no-progress"]

    ref = subprocess.run(cli_run(*inputs, "-o", str(tmp_path / "ref"), *common), env=env,
                         capture_output=True, text=True, timeout=120)
    assert ref.returncode == 0, ref.stderr

    out = tmp_path / "out"
    markers = out / "_work" / "done" / "seg0"
    proc = subprocess.Popen(cli_run(*inputs, "-o", str(out), *common), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if markers.is_dir() and len(list(markers.glob("*.json"))) >= 2:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI process and its workers, all at once
    proc.wait(timeout=30)
    done_before = {p.name for p in markers.glob("*.json")}
    assert 2 <= len(done_before) < 8, done_before
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    assert manifest["status"] == "running"  # it never got to finish

    again = subprocess.run(cli_run(*inputs, "-o", str(out), *common), env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "resumed from markers" in again.stdout
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert {f"{n}.json" for n in (s.split("@")[0] for s in stats["skipped"])} >= done_before
    ref_stats = orjson.loads((tmp_path / "ref" / "stats.json").read_bytes())
    assert stats["counts"] == ref_stats["counts"] == {"input": 488, "kept": 480, "rejected": 0,
                                                      "errors": 8}
    assert stats["accounting"]["balanced"]
    assert _outputs(out) == _outputs(tmp_path / "ref")
    assert not list(out.rglob(".*.tmp-*"))  # temp files of the killed run were cleaned up
