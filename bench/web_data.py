"""A generated crawl for the web benchmarks: N outlet-shaped pages around shared-corpus bodies.

Bodies are read from ../shared/corpora at run time (IndoSum, then the multi-outlet scrape);
without the corpora the project's own fixture bodies are cycled. Every 20th exchange is a
non-HTML or non-200 record, as in a real crawl. Written to a temporary folder, never committed.
"""

from __future__ import annotations

import gzip
import random
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "evaluation" / "extract"))

from heldout_shapes import SHAPES, heldout_page  # noqa: E402
from make_web_fixtures import BODIES, SPAM_PAGE, WarcItem, outlet_page, write_warc  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
FILES = ("id_news_indosum_dev.jsonl.gz", "id_news_gikirima_multioutlet.jsonl.gz",
         "id_news_github_scrapes.jsonl.gz")


def bodies(n: int) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for name in FILES:
        path = CORPORA / name
        if not path.exists():
            continue
        with gzip.open(path, "rb") as f:
            for line in f:
                rec = orjson.loads(line)
                paras = [p.strip() for p in rec["text"].split("\n") if len(p.strip()) >= 40]
                if len(paras) >= 2:
                    title = rec.get("title") or " ".join(paras[0].split()[:9])
                    out.append((str(title)[:200], paras[:15]))
                if len(out) >= n:
                    return out
    while len(out) < n:
        out.append(BODIES[len(out) % len(BODIES)])
    return out


def make_crawl(path: Path, n_pages: int, seed: int = 11) -> int:
    """Write the crawl; returns the number of WARC records."""
    rng = random.Random(seed)
    shapes = sorted(SHAPES)
    items: list[WarcItem] = []
    for i, (title, body) in enumerate(bodies(n_pages)):
        if i % 20 == 7:
            items.append(WarcItem(f"https://cdn.example/img/{i}.jpg", b"\xff\xd8\xff" + bytes(200),
                                  content_type="image/jpeg"))
        elif i % 20 == 13:
            items.append(WarcItem(f"https://x.example/old/{i}", b"", status=301, content_type=None,
                                  extra_headers=[("Location", f"https://x.example/new/{i}")]))
        elif i % 50 == 21:
            items.append(WarcItem(f"https://hacked.example.ac.id/slot-gacor/{i}", SPAM_PAGE.encode()))
        elif i % 4 == 3:
            html, _ = heldout_page(title, body, rng, shapes[i % len(shapes)])
            items.append(WarcItem(f"https://site{i % 37}.example/p/{i}", html.encode()))
        else:
            p = outlet_page(title, body, rng, shape=i % 3)
            items.append(WarcItem(p.url + f"-{i}", p.html.encode()))
    return write_warc(path, items)
