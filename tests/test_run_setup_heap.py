"""``saring run``'s own process sets its steps up with the collector paused and its regexes
from the program cache, then freezes and raises the young-generation threshold; a library
caller's process is left alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CODE = """
import gc, json, sys
import saring.executors.segment as seg
from saring.step import Step
log = {"setup_gc": [], "threshold": None, "compile_wrapped": []}
real_setup = Step.ensure_setup
def ensure_setup(self):
    from re import _compiler
    if not self._ready:  # a real set-up, not the per-document "already set up?" check
        log["setup_gc"].append(gc.isenabled())
        log["compile_wrapped"].append(type(_compiler.compile).__name__)
    return real_setup(self)
Step.ensure_setup = ensure_setup
real_freeze = seg._freeze_heap
def freeze():
    real_freeze()
    log["threshold"] = gc.get_threshold()[0]
seg._freeze_heap = freeze
sys.argv = ['saring', *sys.argv[1:]]
import saring.cli.main as m
try:
    m.main()
finally:
    from re import _compiler
    log["after"] = [gc.isenabled(), type(_compiler.compile).__name__]
    print(json.dumps(log), file=sys.stderr)
"""


def test_run_sets_up_without_collections_then_raises_young_threshold(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "Harga beras di pasar naik lagi minggu ini."}\n')
    env = {"SARING_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    logs = []
    for k in range(2):  # the second process finds the stored regex programs
        args = ["run", str(inp), "-o", str(tmp_path / f"out{k}"), "--workers", "1", "--no-progress",
                "--no-report"]
        out = subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True,
                             timeout=300, env=env)
        assert out.returncode == 0, out.stderr[-2000:]
        logs.append(json.loads(out.stderr.strip().splitlines()[-1]))
    for log in logs:
        assert log["setup_gc"] and not any(log["setup_gc"])  # paused while steps set up
        assert set(log["compile_wrapped"]) == {"_Wrapped"}
        assert log["threshold"] >= 5000
        assert log["after"] == [True, "function"]  # collector back on, re's compiler restored
    assert list((tmp_path / "cache").glob("regex-programs-*.marshal"))
