"""Repair on hostile glue pages: CPU ms per 10 KB at growing sizes (linear or not).

Usage: ``python bench/bench_repair_hostile.py [--sizes 10000,100000,1000000] [--base SRC]``.
Generators (written here, no corpus text): ``distinct`` (seeded random invented names glued to
head nouns, thousands per page: every token is a new candidate), ``repeated`` (one spec-list line
of glued names repeated), ``joins`` (link-stripped word pairs, bracket joins and name glue). The
budget of ``bench_regex_budget.py`` is 10 ms per 10 KB. ``--base`` also runs another checkout's
``src`` (e.g. ``/work/main/src``) in a child process for a side-by-side row.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def page(kind: str, size: int) -> str:
    rng = random.Random(7)
    units = {
        "repeated": lambda: "Kawasakisistem Samcorantai Renthalpelindung Listrik Sumbarajatagihan ",
        "joins": lambda: "tunjanganpegawai Sementaragaji PNSdaerah baru (KRT)pas Kalvarotagihan listrik ",
    }

    def distinct() -> str:
        name = "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aiueo") for _ in range(4)).capitalize()
        return f"warga mengeluhkan {name}pelanggan dan {name[:5]}tagihan listrik. "

    make = units.get(kind, distinct)
    parts, n = [], 0
    while n < size:
        u = make()
        parts.append(u)
        n += len(u)
    return "".join(parts)[:size]


def measure(sizes: list[int]) -> dict[str, list[float]]:
    from saring.document import Document
    from saring.repair.step import Repair

    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    out: dict[str, list[float]] = {}
    for kind in ("distinct", "repeated", "joins"):
        for size in sizes:
            text = page(kind, size)
            t = time.process_time()
            step.process(Document(id=kind, text=text))
            out.setdefault(kind, []).append(round((time.process_time() - t) * 1000 / (size / 10000), 1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--base", help="src directory of another checkout to run side by side")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.child:
        print(json.dumps(measure(sizes)))
        return
    rows = {"branch": measure(sizes)}
    if args.base:
        env = {**os.environ, "PYTHONPATH": args.base}
        res = subprocess.run([sys.executable, __file__, "--sizes", args.sizes, "--child"], env=env,
                             capture_output=True, text=True, check=True, timeout=3600)
        rows["base"] = json.loads(res.stdout.strip().splitlines()[-1])
    print("| checkout | page | " + " | ".join(f"{s // 1000} KB" for s in sizes) + " |")
    print("|---|---|" + "---|" * len(sizes))
    for label, table in rows.items():
        for kind, vals in table.items():
            print(f"| {label} | {kind} | " + " | ".join(f"{v}" for v in vals) + " |")
    print("(CPU ms per 10 KB; budget 10)")


if __name__ == "__main__":
    main()
