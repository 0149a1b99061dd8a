"""Syndicated copies collapsed and same-event pairs kept apart (issue 17), both halves.

Builds the pairs of ``evaluation/dedup/syndication.py`` from ``../shared/corpora`` (by path),
writes them with filler articles to a JSONL file and runs (a) the default pipeline
(``saring run``) and (b) ``saring dedup`` alone, through the CLI as a user would, then reads the
output folders: a copy is collapsed when exactly one of the pair is kept and the other was
rejected by dedup; a same-event pair is merged when either member was rejected by dedup.

``--set 14``: the session-14 round (``evaluation/dedup/syndication14.py``: rewritten headline and
lead, reordered/merged paragraphs, captions and tweets, truncated teasers, another outlet's
furniture, regional spelling, copies of copies; press-conference, fixture and daily-template traps);
``--set 16``: the session-15 round (``evaluation/dedup/syndication16.py``: hand-written invented
stories, five documents per story incl. copies of copies; traps re-using quote, background and
boilerplate paragraphs verbatim); ``--set 17``: the session-16 round
(``evaluation/dedup/syndication17.py``: six documents per story incl. two dropped + swapped, an
editor's paragraph, copies of copies; press-conference, follow-up, boilerplate and live-blog
traps). ``--show`` lists the failing groups with their edits (use it on the tune half only).

Usage: python bench/bench_dedup_syndication.py [--half tune|heldout|both] [--set 13|14|16|17] [--show]
       [--extra "--threshold 0.6"]
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation.dedup import syndication as S  # noqa: E402
from evaluation.dedup import syndication14 as S14  # noqa: E402
from evaluation.dedup import syndication16 as S16  # noqa: E402
from evaluation.dedup import syndication17 as S17  # noqa: E402


def run(cmd: list[str]) -> None:
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{res.stderr[-2000:]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", default="both")
    ap.add_argument("--extra", default="", help="extra options for `saring dedup`")
    ap.add_argument("--config", default=None, help="pipeline YAML for `saring run`")
    ap.add_argument("--set", default="13", choices=("13", "14", "16", "17"))
    ap.add_argument("--show", action="store_true", help="list failing groups (tune half only)")
    ap.add_argument("--keep", default=None, help="keep inputs and outputs in this folder")
    args = ap.parse_args()
    mod = {"13": S, "14": S14, "16": S16, "17": S17}[args.set]
    halves = ("tune", "heldout") if args.half == "both" else (args.half,)
    saring = [sys.executable, "-m", "saring.cli.main"]
    print("| half | command | copies collapsed | same-event pairs merged |")
    print("|---|---|---:|---:|")
    for half in halves:
        pairs, filler = mod.build(half)
        if not pairs:
            raise SystemExit("shared corpora not available")
        with tempfile.TemporaryDirectory() as scratch:
            tmp = f"{args.keep}/{half}" if args.keep else scratch
            Path(tmp).mkdir(parents=True, exist_ok=True)
            inp = Path(tmp) / f"{half}.jsonl"
            inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in mod.records(pairs, filler)))
            runs = {
                "saring run (default pipeline)": [
                    *saring,
                    "run",
                    str(inp),
                    "-o",
                    f"{tmp}/run",
                    *(["--config", args.config] if args.config else []),
                ],
                f"saring dedup {args.extra}".strip(): [
                    *saring,
                    "dedup",
                    str(inp),
                    "-o",
                    f"{tmp}/dedup",
                    *shlex.split(args.extra),
                ],
            }
            for name, cmd in runs.items():
                run(cmd)
                kept, dup, other = S.outcome(Path(cmd[cmd.index("-o") + 1]))
                r = mod.judge(pairs, kept, dup, other)
                print(
                    f"| {half} | `{name}` | {r['collapsed']:.3f} (of {r['copies']}) | "
                    f"{r['traps_merged']} (of {r['traps']}) |"
                    + (
                        f" copies removed {r['copies_removed']:.3f}"
                        if "copies_removed" in r
                        else ""
                    )
                )
                if args.show:
                    for g in r.get("missed", []):
                        print(f"    missed {g.ids[0]}: {g.edits}")
                    for g in r.get("merged", []):
                        print(f"    merged {g.ids[0]}")


if __name__ == "__main__":
    main()
