"""Callgrind instructions per document inside the langid and pii steps' process() in the default chain
(issue 17, session 16): news documents after a warm-up, heap frozen as a worker does, one toggled
window per call (the toggle pair's own cost subtracted).

    PYTHONHASHSEED=0 SARING_CACHE_DIR=<own warmed cache> python evaluation/langid/cg_steps.py <src> <tag> 75 75

(75 records per news corpus measured after 75 of warm-up; run once per side with that side's python and src.)
"""

from __future__ import annotations

import gc
import gzip
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
TARGETS = ("langid", "pii")


def child(limit: int, warmup: int, lib: str) -> None:
    """Under callgrind: set up and warm the chain, then one pass per target step, each dumped."""
    import ctypes

    from bench_pipeline import chain_loop, freeze_like_a_worker, load_raw

    from saring.pipeline import Pipeline

    cg = ctypes.CDLL(lib)
    opened = [0]

    def toggle() -> None:
        opened[0] += 1
        cg.cg_toggle()

    raw = load_raw(limit)
    steps = Pipeline.default().per_document().steps
    for s in steps:
        s.ensure_setup()
    for blob in load_raw(warmup, skip=limit).values():
        chain_loop(blob, steps, {}, Counter())
    freeze_like_a_worker()
    n_docs = sum(1 for blob in raw.values() for _ in gzip.decompress(blob).splitlines())

    def run_pass(name: str, fn: Callable[[], object]) -> None:
        gc.collect()
        opened[0] = 0
        fn()
        cg.cg_dump(f"{name} {n_docs} {opened[0] // 2}".encode())

    run_pass("toggles", lambda: [(toggle(), toggle()) for _ in range(n_docs)])

    def wrap(proc: Callable) -> Callable:
        def w(doc: object) -> object:
            toggle()
            r = proc(doc)
            toggle()
            return r

        return w

    for t in TARGETS:
        hit = [s for s in steps if s.name == t]
        assert hit, [s.name for s in steps]
        for s in hit:
            s.process = wrap(type(s).process.__get__(s))
        run_pass(t, lambda: [chain_loop(b, steps, {}, Counter()) for b in raw.values()])
        for s in hit:
            s.__dict__.pop("process", None)


def main() -> None:
    """Run the child under callgrind and print instructions per document of each step."""
    if sys.argv[1] == "--child":
        child(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        return
    src, tag, limit, warm = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    from bench_pipeline_callgrind import build_helper, parts

    tmp = Path(tempfile.mkdtemp(prefix=f"cg-{tag}-", dir="/tmp"))
    lib = build_helper(tmp)
    out = tmp / "callgrind.out"
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=f"{src}{os.pathsep}{BENCH}")
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            limit,
            warm,
            str(lib),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    got = parts(out)
    pair = got["toggles"][0] / got["toggles"][2]
    for t in TARGETS:
        ir, n, w, _ = got[t]
        print(
            f"{tag} {t}: {(ir - w * pair) / n:,.0f} Ir/doc ({n} docs, {w} windows, pair {pair:.0f}, raw {ir:,})"
        )


if __name__ == "__main__":
    main()
