"""Score the session-17 round-3 blind sets (writer E) in one table: pages, dedup, repair.

    python evaluation/blind18/run.py [--tree PATH --python PY] [--only pages|dedup|repair] [--errors]

``--tree`` scores another checkout (e.g. the session-start tree): the runner re-runs itself with
``PY`` and ``PYTHONPATH=<tree>/src:<tree>`` from ``<tree>``, so the saring code and the scorers of
``evaluation/boilerplate/unseen.py`` and ``evaluation/repair/unseen.py`` come from that tree; the
blind sets and round 2's runner helpers (``evaluation/blind17/*.py``, loaded by path) come from
this checkout, so every tree is scored on the same items the same way.

Pages: line precision/recall (furniture positive; also with the own-headline lines of
``boilerplate_blind18.headlines.tsv`` left out), datelines, misses per position and kind
(counts, no text). Dedup: story groups collapsed, copies removed and trap groups merged for
``saring run`` and ``saring dedup``. Repair: split / order / broken per form alone and as
3-sentence pages, per entity kind, the pages file, false edits on the traps (alone, after two
glued lines, at the end of a glued page) and the founding article. No case text is printed.
The sets are blind: score them, never tune rules on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
ROUND2 = HERE.parent / "blind17"
_CHILD = "SARING_BLIND18_CHILD"
SENTENCES = "repair_blind18.txt"
REPAIR_PAGES = "repair_pages_blind18.txt"
TRAPS = "repair_traps_blind18.txt"


def load(name: str, path: Path) -> ModuleType:
    """A module of this checkout by path (the tree under test may not have it)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def pages_rows(errors: bool) -> list[str]:
    """Round 2's page table on this round's pages (its scorer is the tree's)."""
    r2 = load("run_pages_dedup_r2", ROUND2 / "run_pages_dedup.py")
    r2.PAGES = HERE / "boilerplate_blind18.txt"
    return r2.pages_table(errors)


def dedup_rows() -> list[str]:
    """Every group through ``saring run`` and ``saring dedup``, read back from the outputs."""
    import orjson

    from evaluation.dedup import syndication as S
    from evaluation.dedup import syndication16 as S16

    r2 = load("run_pages_dedup_r2", ROUND2 / "run_pages_dedup.py")
    D = load("dedup_blind18", HERE / "dedup_blind18.py")
    groups, filler = D.build()
    stories = [g for g in groups if g.kind == "copy"]
    rows = [
        f"| dedup | stories / copies / trap groups / filler | {len(stories)} / "
        f"{sum(len(g.ids) - 1 for g in stories)} / {len(groups) - len(stories)} / {len(filler)} |"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "blind18.jsonl"
        inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in D.records(groups, filler)))
        for name, cmd in (("saring run", "run"), ("saring dedup", "dedup")):
            out = Path(tmp) / cmd
            r2._cli([cmd, str(inp), "-o", str(out)])
            kept, dup, other = S.outcome(out)
            r = S16.judge(groups, kept, dup, other)
            rows += [
                f"| {name} | groups collapsed | {r['collapsed']:.3f} (of {r['copies']}) |",
                f"| {name} | copies removed | {r['copies_removed']:.3f} |",
                f"| {name} | trap groups merged | {r['traps_merged']} (of {r['traps']}) |",
            ]
            for v, (k, d, o) in D.per_variant(groups, kept, dup, other).items():
                rows.append(f"| {name} variant | {v} | kept {k}, dup-removed {d}, other-step {o} |")
            lost = sorted(g.ids[0].split("#")[0] for g in groups if set(g.ids) & other)
            rows.append(
                f"| {name} | groups left out (a member removed by another step) | {', '.join(lost) or 'none'} |"
            )
            merged = Counter(i.split("#")[0] for g in r["merged"] for i in g.ids[:1])
            rows += [f"| {name} trap merged | {k} |  |" for k in sorted(merged)]
    return rows


def _row(title: str, s: dict) -> str:
    cells = " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in s.items())
    return f"| repair | {title} | {cells} |"


def _repair_module() -> ModuleType:
    """Round 2's repair helpers pointed at this round's files."""
    r2 = load("run_repair_r2", ROUND2 / "run_repair_pii_langid.py")
    r2.DATA, r2.SENTENCES, r2.PAGES, r2.TRAPS = DATA, SENTENCES, REPAIR_PAGES, TRAPS
    r2.pages.__defaults__ = (REPAIR_PAGES,)
    r2.page_results.__defaults__ = (REPAIR_PAGES,)
    return r2


def repair_rows() -> list[str]:
    from evaluation.repair.unseen import page_order, run_cases, summary
    from saring.repair.step import Repair

    r2 = _repair_module()
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    cases = r2.repair_cases()
    rows = [f"| repair | cases / sentences | {len(cases)} / {len(r2.marked_lines(SENTENCES))} |"]
    single = run_cases(step, cases, 1)
    paged = run_cases(step, page_order(cases), 3)
    for title, res in (("single", single), ("3-sentence pages", paged)):
        rows += [_row(f"{title} {form}", s) for form, s in summary(res).items()]
    rows += _by_kind(r2, single)
    pres = r2.page_results(step)
    rows += [_row(f"pages file ({len(r2.pages())} pages) {f}", s) for f, s in summary(pres).items()]
    glued = [r[0].corrupted for r in pres if r[0].form == "glue"]
    for title, ctx in (("alone", []), ("after 2 glued page lines", glued)):
        n, bad, flagged, _lines = r2.trap_edits(step, ctx)
        rows.append(f"| repair traps | {title} | {bad} false edits of {n}; {flagged} flagged |")
    n, bad, _lines = r2.traps_in_pages(step)
    rows.append(f"| repair traps | at the end of a whole glued page | {bad} false edits of {n} |")
    rows.append(f"| repair | founding article | {r2.founding()} |")
    return rows


def _by_kind(r2: ModuleType, results: list) -> list[str]:
    """Split / order / broken per entity kind of the single-case run (counts only)."""
    kinds = r2.kind_of_line()
    table: dict[str, Counter] = {}
    for c, _out, j in results:
        t = table.setdefault(kinds[int(c.id.split(":")[1].split("/")[0])], Counter())
        t.update(n=1, split=int(j["split"]), order=int(j["order"]), broken=int(j["broken"]))
    return [
        f"| repair kind | {k} | n {t['n']} split {t['split']} order {t['order']} broken {t['broken']} |"
        for k, t in table.items()
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", default=None, help="checkout whose saring and scorers to use")
    ap.add_argument("--python", default=sys.executable, help="interpreter for --tree")
    ap.add_argument("--only", choices=("pages", "dedup", "repair"), action="append")
    ap.add_argument("--errors", action="store_true", help="page ids and error kinds (no text)")
    a = ap.parse_args()
    if a.tree and not os.environ.get(_CHILD):
        tree = Path(a.tree).resolve()
        env = {**os.environ, _CHILD: "1", "PYTHONPATH": f"{tree / 'src'}:{tree}"}
        argv = [a.python, str(Path(__file__).resolve()), *sys.argv[1:]]
        return subprocess.run(argv, env=env, cwd=tree).returncode
    if not a.tree:
        sys.path.insert(0, str(HERE.parents[1]))
    import saring

    print(f"blind18 (tree {a.tree or HERE.parents[1]}; saring from {Path(saring.__file__).parent})")
    print("| set | figure | value |")
    print("|---|---|---|")
    parts = {"pages": lambda: pages_rows(a.errors), "dedup": dedup_rows, "repair": repair_rows}
    for name in a.only or parts:
        print("\n".join(parts[name]()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
