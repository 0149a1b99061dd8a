"""Measure ``scorer.confirm`` wired where the rules' name sites are made (glue14, session 16).

The hook belongs in ``names.find_entity_sites`` (repair's rules room, not the scorer's):

    s = (list_site(...) if ... else name_site(text, m, res, memo))
    if s is not None:
        s = scorer.confirm(text, m, s, res, memo)   # <- the proposed line

This driver installs exactly that (``name_site`` wrapped: its only caller is that line) and runs
another script's ``main`` with the remaining arguments, so the page sets, the trap files and the
snapshot can be measured with the hook before the rules' room adopts it:

    python evaluation/repair/confirm17b.py bench/bench_repair_pages.py --set dev17b
    python evaluation/repair/confirm17b.py evaluation/speed/snapshot.py compare SNAP
"""

from __future__ import annotations

import runpy
import sys

from saring.repair import names as N
from saring.repair import scorer as S


def install() -> None:
    """``names.name_site`` followed by ``scorer.confirm`` (idempotent)."""
    if getattr(N.name_site, "confirmed", False):
        return
    rules = N.name_site

    def name_site(text, m, res, memo=None):  # noqa: ANN001, ANN202 (the rules' signature)
        s = rules(text, m, res, memo)
        return None if s is None else S.confirm(text, m, s, res, memo)

    name_site.confirmed = True  # type: ignore[attr-defined]
    N.name_site = name_site


if __name__ == "__main__":
    install()
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")
