"""Side-by-side runs of a bench's child process against two checkouts (shared by the *_ab benches).

Why alternate: on a shared, noisy machine only figures measured in the same minutes compare, so
each round runs the base checkout's child and then this checkout's, and the medians are compared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
Row = dict[str, float]


def ab_parser(description: str, limit_help: str) -> argparse.ArgumentParser:
    """The options every A/B bench takes: ``--base``, ``--limit``, ``--rounds`` and the hidden
    ``--child`` that marks the measuring subprocess."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--base", type=Path, help="checkout of the code to compare against")
    ap.add_argument("--pure", action="store_true",
                    help="compare against this checkout with SARING_PURE_PYTHON=1 (compiled "
                         "kernels vs their pure-Python reference; no --base needed)")
    ap.add_argument("--limit", type=int, default=500, help=limit_help)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return ap


def alternate(script: str, base: Path | None, rounds: int, child_args: list[str],
              show: Callable[[int, str, Row], None], pure: bool = False,
              side_args: dict[str, list[str]] | None = None) -> dict[str, list[Row]]:
    """Run ``script --child ARGS`` on the base's ``src`` and on this checkout's, ``rounds``
    times each, alternating; every child prints one JSON object as its last line. With
    ``pure`` the base side is this checkout run with ``SARING_PURE_PYTHON=1`` (no kernels).
    Each side gets its own resource cache folder: two versions whose data files differ would
    replace each other's cached entry at every run, so each child would parse its resources
    again and carry a larger, differently shaped heap (garbage collection then costs more inside
    whichever step triggers it). ``side_args`` adds child arguments to one side only (with
    ``base=HERE``: the same code run two ways)."""
    if base is None and not pure:
        raise ValueError("give a base checkout or pure=True")
    sides = {"base": HERE / "src" if pure else base.resolve() / "src", "this": HERE / "src"}
    res: dict[str, list[Row]] = {k: [] for k in sides}
    for r in range(rounds):
        for side, src in sides.items():
            env = dict(os.environ, PYTHONPATH=str(src), SARING_CACHE_DIR=str(cache_dir(side, src)))
            env.pop("SARING_PURE_PYTHON", None)
            if pure and side == "base":
                env["SARING_PURE_PYTHON"] = "1"
            out = subprocess.run(
                [sys.executable, script, "--child", *child_args, *(side_args or {}).get(side, [])],
                env=env, capture_output=True, text=True, check=True,
            ).stdout
            res[side].append(json.loads(out.strip().splitlines()[-1]))
            show(r, side, res[side][-1])
    return res


def cache_dir(side: str, src: Path) -> Path:
    """The resource cache folder of one side of an A/B run (kept across rounds and runs)."""
    key = hashlib.blake2b(str(src.resolve()).encode(), digest_size=6).hexdigest()
    return Path(tempfile.gettempdir()) / f"saring-ab-cache-{side}-{key}"


def medians(res: dict[str, list[Row]], key: str) -> tuple[float, float]:
    """The base's and this checkout's median of ``key`` over the rounds."""
    return (statistics.median(x[key] for x in res["base"]),
            statistics.median(x[key] for x in res["this"]))


def cpu_best(fn: Callable[[], object], rounds: int = 3) -> float:
    """Least CPU seconds of ``rounds`` calls of ``fn`` (the least disturbed one on a busy machine)."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best
