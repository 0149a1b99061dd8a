"""A blind dedup set through ``saring run`` and ``saring dedup``, read back from the outputs.

The judges are the tree's ``evaluation/dedup/syndication*.py`` (imported inside the functions).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

COMMANDS = (("saring run", "run"), ("saring dedup", "dedup"))


def cli(args: list[str]) -> None:
    """One ``saring`` command in a child process of this interpreter; stop on failure."""
    res = subprocess.run(
        [sys.executable, "-m", "saring.cli.main", *args], capture_output=True, text=True
    )
    if res.returncode != 0:
        raise SystemExit(f"saring {' '.join(args)} failed:\n{res.stderr[-2000:]}")


def outcomes(set_mod: Any, groups: list, filler: list, stem: str) -> Iterator[tuple]:
    """``(table name, kept, dup, other, judged)`` for each command over the set's records."""
    import orjson

    from evaluation.dedup import syndication as S
    from evaluation.dedup import syndication16 as S16

    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / f"{stem}.jsonl"
        records = set_mod.records(groups, filler)
        inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
        for name, cmd in COMMANDS:
            out = Path(tmp) / cmd
            cli([cmd, str(inp), "-o", str(out)])
            kept, dup, other = S.outcome(out)
            yield name, kept, dup, other, S16.judge(groups, kept, dup, other)


def size_row(groups: list, filler: list) -> str:
    stories = [g for g in groups if g.kind == "copy"]
    return (
        f"| dedup | stories / copies / trap groups / filler | {len(stories)} / "
        f"{sum(len(g.ids) - 1 for g in stories)} / {len(groups) - len(stories)} / {len(filler)} |"
    )


def judged_rows(name: str, r: dict) -> list[str]:
    """Groups collapsed (exactly one member kept), copies removed, trap groups merged."""
    return [
        f"| {name} | groups collapsed | {r['collapsed']:.3f} (of {r['copies']}) |",
        f"| {name} | copies removed | {r['copies_removed']:.3f} |",
        f"| {name} | trap groups merged | {r['traps_merged']} (of {r['traps']}) |",
    ]


def kind_rows(name: str, label: str, per: dict) -> list[str]:
    """Per copy kind: kept / removed as a duplicate / removed by another step."""
    return [
        f"| {name} {label} | {v} | kept {k}, dup-removed {d}, other-step {o} |"
        for v, (k, d, o) in per.items()
    ]


def left_out_row(name: str, groups: list, other: set[str], short: bool = True) -> str:
    """Groups with a member removed by another step (by first id, ``#`` part cut if ``short``)."""
    lost = sorted(
        g.ids[0].split("#")[0] if short else g.ids[0] for g in groups if set(g.ids) & other
    )
    return f"| {name} | groups left out (a member removed by another step) | {', '.join(lost) or 'none'} |"


def merged_rows(name: str, r: dict) -> list[str]:
    """The trap groups merged, by name (counts of none: one row each)."""
    merged = Counter(i.split("#")[0] for g in r["merged"] for i in g.ids[:1])
    return [f"| {name} trap merged | {k} |  |" for k in sorted(merged)]


def standard_rows(
    name: str, set_mod: Any, groups: list, outcome: tuple, left_out: bool
) -> list[str]:
    """Rounds 2 and 3's rows of one command: judged figures, per copy kind (the set's
    ``per_variant``), optionally the groups left out, the trap groups merged."""
    kept, dup, other, r = outcome
    rows = [
        *judged_rows(name, r),
        *kind_rows(name, "variant", set_mod.per_variant(groups, kept, dup, other)),
    ]
    if left_out:
        rows.append(left_out_row(name, groups, other))
    return rows + merged_rows(name, r)
