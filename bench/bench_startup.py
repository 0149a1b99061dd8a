"""Start-up cost of ``saring clean`` beyond Python's own, CPU time of each child process.

    python bench/bench_startup.py [--rounds 15] [--base /path/to/other/venv/bin/python]

Runs, alternating in one loop (A B C A B C ...): ``python -c pass`` (the interpreter's own
start-up, site and .pth files included), ``python -c "import saring"`` and ``saring clean -`` on
one 170-character paragraph on stdin. CPU = user + system time of the child (``os.wait4``,
microsecond resolution, not /usr/bin/time's 10 ms). Prints the median and minimum per command
and ``saring clean`` minus ``python -c pass`` (issue 15 target: < 60 ms). Also prints the
``-X importtime`` top entries of ``saring clean`` once. Bytecode: run it once before measuring
with ``PYTHONDONTWRITEBYTECODE`` unset so ``.pyc`` files exist, as in a normal install (the
project's dev environment sets it, which recompiles saring's modules at every start).

``--base PYTHON``: also time ``saring clean`` of another install (e.g. a venv with main
installed from a ``git worktree``) in the same alternating loop, for a side-by-side ratio. Each
install gets its own resource cache folder (``SARING_CACHE_DIR``): two versions sharing one
folder would replace each other's entry at every run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PARA = (b"Pemerintah Kota Bandung mulai memperbaiki jalan rusak di sejumlah kecamatan pada pekan "
        b"ini, kata Kepala DinasPekerjaan Umum kepada wartawan di Bandung.\n")


def cpu_of(cmd: list[str], stdin: bytes = b"", env: dict[str, str] | None = None) -> float:
    """User + system CPU seconds of one run of ``cmd`` (which must exit 0)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    err = proc.stderr.read()
    _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-500:]}")
    return ru.ru_utime + ru.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--base", default=None, help="python of another install to compare with")
    args = ap.parse_args()
    py = sys.executable
    saring = str(Path(py).with_name("saring"))
    cmds = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import saring'": [py, "-c", "import saring"],
        "saring clean - (1 paragraph)": [saring, "clean", "-"],
    }
    caches = tempfile.TemporaryDirectory(prefix="saring-bench-cache-")
    # as promised above: without PYTHONDONTWRITEBYTECODE, so the warm-up run writes the .pyc files
    # (with it set, every start recompiles each module whose .pyc is missing or stale)
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs = {name: {**environ, "SARING_CACHE_DIR": os.path.join(caches.name, "this")}
            for name in cmds}
    if args.base:
        name = "saring clean - (base install)"
        cmds[name] = [str(Path(args.base).with_name("saring")), "clean", "-"]
        envs[name] = {**environ, "SARING_CACHE_DIR": os.path.join(caches.name, "base")}
    for name, cmd in cmds.items():  # warm the page cache, fill the caches (and write .pyc)
        cpu_of(cmd, PARA, envs[name])
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(args.rounds):
        for name, cmd in cmds.items():
            times[name].append(cpu_of(cmd, PARA, envs[name]))
    caches.cleanup()
    base = statistics.median(times["python -c pass"])
    print(f"{'command':32s} {'median ms':>10s} {'min ms':>8s} {'- python ms':>12s}  ({args.rounds} rounds, CPU)")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:32s} {med * 1e3:10.1f} {min(ts) * 1e3:8.1f} {(med - base) * 1e3:12.1f}")
    clean = statistics.median(times["saring clean - (1 paragraph)"]) - base
    print(f"saring clean beyond python -c pass: {clean * 1e3:.1f} ms (target < 60 ms)")
    if args.base:
        other = statistics.median(times["saring clean - (base install)"]) - base
        print(f"base install's saring clean beyond python -c pass: {other * 1e3:.1f} ms")
    res = subprocess.run([py, "-X", "importtime", "-m", "saring.cli.main", "clean", "-"],
                         input=PARA, capture_output=True, check=True)
    rows = [r.split("|") for r in res.stderr.decode().splitlines() if r.startswith("import time:")]
    rows = [(int(r[1]), r[2].rstrip()) for r in rows if r[1].strip().isdigit()]
    print("largest cumulative imports of saring clean (us):")
    for cum, mod in sorted(rows, reverse=True)[:12]:
        print(f"  {cum:8d} {mod}")


if __name__ == "__main__":
    main()
