"""Which checkout's code a runner scores: re-run in the tree, or put its ``src`` first."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
TableParts = dict[str, Callable[[bool], list[str]]]


def load(name: str, path: Path) -> ModuleType:
    """A module of this checkout by path (the tree under test may not have it), loaded once."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def rerun_in_tree(tree: str | None, python: str, child_flag: str, script: str) -> int | None:
    """Re-run ``script`` with ``python`` and ``PYTHONPATH=<tree>/src:<tree>`` from ``tree`` (so
    saring and ``evaluation.*`` scorers are the tree's); None when this process is the one to
    score (no tree, or already the child)."""
    if tree and not os.environ.get(child_flag):
        where = Path(tree).resolve()
        env = {**os.environ, child_flag: "1", "PYTHONPATH": f"{where / 'src'}:{where}"}
        argv = [python, str(Path(script).resolve()), *sys.argv[1:]]
        return subprocess.run(argv, env=env, cwd=where).returncode
    if not tree:
        sys.path.insert(0, str(ROOT))
    return None


def use_tree(tree: Path) -> None:
    """Score ``tree``'s code with this checkout's sets and scorers (import order decides)."""
    sys.path[:0] = [str(tree / "src"), str(ROOT)]
    import saring

    where = Path(saring.__file__).resolve()
    if tree.resolve() not in where.parents:
        raise SystemExit(f"saring imported from {where}, not from {tree}")
    print(f"code: {where.parent}")


def table_main(
    doc: str | None,
    script: str,
    child_flag: str,
    parts: TableParts,
    title: Callable[[str], str],
    errors: bool = True,
) -> int:
    """The pages/dedup runners' command line: ``--tree/--python`` re-run, ``--only`` parts (each
    a function of ``--errors`` giving table rows), one markdown table under ``title(tree)``."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--tree", default=None, help="checkout whose saring and scorers to use")
    ap.add_argument("--python", default=sys.executable, help="interpreter for --tree")
    ap.add_argument("--only", choices=tuple(parts), action="append")
    if errors:
        ap.add_argument("--errors", action="store_true", help="page ids and error kinds (no text)")
    a = ap.parse_args()
    rc = rerun_in_tree(a.tree, a.python, child_flag, script)
    if rc is not None:
        return rc
    print(title(a.tree or str(ROOT)))
    print("| set | figure | value |")
    print("|---|---|---|")
    for name in a.only or parts:
        print("\n".join(parts[name](getattr(a, "errors", False))), flush=True)
    return 0


def report_main(doc: str, parts: TableParts) -> None:
    """The repair/PII/language-ID runners' command line: ``--tree`` (required), ``--only`` parts
    (each a function of ``--show`` giving output lines), misses only with ``--show``."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--tree", type=Path, required=True, help="checkout whose src/saring is scored")
    ap.add_argument("--only", choices=tuple(parts), action="append")
    ap.add_argument("--show", action="store_true", help="print misses (final run only)")
    args = ap.parse_args()
    use_tree(args.tree)
    for name in args.only or parts:
        print("\n".join(parts[name](args.show)))
