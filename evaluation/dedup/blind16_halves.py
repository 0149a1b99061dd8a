"""Writer B's blind16 dedup set split in two halves by index parity (session 17, dedup15).

    python evaluation/dedup/blind16_halves.py [--half dev|heldout|both] [--show]

The set (``evaluation/blind16/dedup_blind16.py``) is built whole (one random stream, so every
document is the one the blind runner scores), then its 12 story groups and 11 trap groups are
split by their index among groups of their kind: even -> ``dev``, odd -> ``heldout``. Each half
goes with the same 200 filler articles through ``saring run`` and ``saring dedup`` (the
interpreter running this script, so ``PYTHONPATH=<tree>/src`` scores another checkout).
``--show`` lists failing groups and per-member outcomes: dev half only (refused for heldout).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.dedup import syndication as S  # noqa: E402
from evaluation.dedup import syndication16 as S16  # noqa: E402

BLIND = ROOT / "evaluation" / "blind16" / "dedup_blind16.py"


def _blind(path: Path):
    """The blind set's module at ``path`` (it is not a package module: loaded by path)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = mod
    spec.loader.exec_module(mod)
    return mod


def halves(path: Path = BLIND) -> tuple[dict[str, list], list[dict]]:
    """``{"dev": groups, "heldout": groups}`` by parity of the index within each kind."""
    groups, filler = _blind(path).build()
    out: dict[str, list] = {"dev": [], "heldout": []}
    for kind in ("copy", "same_event"):
        for k, g in enumerate(x for x in groups if x.kind == kind):
            out["dev" if k % 2 == 0 else "heldout"].append(g)
    return out, filler


def _cli(args: list[str]) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "saring.cli.main", *args], capture_output=True, text=True
    )
    if res.returncode != 0:
        raise SystemExit(f"saring {' '.join(args)} failed:\n{res.stderr[-2000:]}")


def score(groups: list, filler: list[dict], show: bool) -> list[str]:
    """Both commands on one half: groups collapsed, copies removed, trap groups merged."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.jsonl"
        inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in S16.S14.records(groups, filler)))
        for cmd in ("run", "dedup"):
            _cli([cmd, str(inp), "-o", f"{tmp}/{cmd}"])
            kept, dup, other = S.outcome(Path(tmp) / cmd)
            r = S16.judge(groups, kept, dup, other)
            rows.append(
                f"| saring {cmd} | {r['collapsed']:.3f} (of {r['copies']}) | "
                f"{r['copies_removed']:.3f} | {r['traps_merged']} (of {r['traps']}) |"
            )
            if show:
                for g in [*r["missed"], *r["merged"]]:
                    state = ["K" if i in kept else "D" if i in dup else "O" for i in g.ids]
                    rows.append(f"    {g.kind} {g.ids[0]}: {' '.join(state)}")
    return rows


def main(name: str = "blind16", path: Path = BLIND) -> int:
    """The command line for the set ``name`` built by the module at ``path``."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=("dev", "heldout", "both"), default="dev")
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    if a.show and a.half != "dev":
        raise SystemExit("--show is for the dev half only")
    parts, filler = halves(path)
    for half in ("dev", "heldout") if a.half == "both" else (a.half,):
        print(f"## {name} {half}: command | groups collapsed | copies removed | traps merged")
        print("\n".join(score(parts[half], filler, a.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
