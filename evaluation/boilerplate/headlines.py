"""Find a page's own headline among its head lines by the url slug, for the headline sidecar.

    python evaluation/boilerplate/headlines.py SET.txt --append odd   # slug rows, odd-index pages
    python evaluation/boilerplate/headlines.py SET.txt --check        # slug vs the hand rows

The held-out half of a page set must not be read, so its sidecar rows are found by this rule
instead of by hand: among the ``F`` lines above the first body line, not a breadcrumb (no
``»``/``›``/``>``/``/``/``|``), the one sharing the most words with the url's last path segment
(at least two, and at least half of the slug's words; ties go to the line with fewer words of
its own). ``--append`` prints counts only; ``--check`` measures the rule on the pages read by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from evaluation.boilerplate.unseen import Page, headlines_path, load

_WORD_RE = re.compile(r"[a-z0-9]+")
_CRUMB = ("»", "›", ">", " / ", "|")


def slug_words(url: str) -> set[str]:
    last = url.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return set(_WORD_RE.findall(last.lower()))


def slug_headline(page: Page) -> int | None:
    """Index of the head line that the slug names, or None."""
    slug = slug_words(page.url)
    best: tuple[int, int, int] | None = None
    for i, (lab, line) in enumerate(zip(page.labels, page.lines, strict=True)):
        if lab in "BDS":
            break
        if lab != "F" or any(c in line for c in _CRUMB):
            continue
        words = set(_WORD_RE.findall(line.lower()))
        hit = len(words & slug)
        if hit >= 2 and hit * 2 >= len(slug):
            key = (hit, -len(words), i)
            best = max(best, key) if best else key
    return best[2] if best else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", type=Path)
    ap.add_argument("--append", choices=("odd", "even"))
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    pages = load(a.set)
    side = headlines_path(a.set)
    if a.check:
        hand: dict[str, set[int]] = {}
        for row in side.read_text(encoding="utf-8").splitlines():
            f = row.split("\t")
            if len(f) > 2 and f[2] == "read":
                hand.setdefault(f[0], set()).add(int(f[1]))
        read = {p.id for i, p in enumerate(pages) if i % 2 == 0}
        agree = sum(
            {slug_headline(p)} - {None} == hand.get(p.id, set()) for p in pages if p.id in read
        )
        print(f"slug rule agrees with the hand rows on {agree} of {len(read)} read pages")
        return 0
    par = 1 if a.append == "odd" else 0
    rows = [
        f"{p.id}\t{i}\tslug\n"
        for n, p in enumerate(pages)
        if n % 2 == par and (i := slug_headline(p)) is not None
    ]
    with side.open("a", encoding="utf-8") as fh:
        fh.writelines(rows)
    print(
        f"{len(rows)} slug rows appended for {sum(n % 2 == par for n in range(len(pages)))} pages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
