"""HTML extraction throughput: saring's extract vs datatrove 0.10.1's Trafilatura, same records.

    python bench/bench_extract.py [--pages 2000]

The generated crawl (bench/web_data.py) is read once with saring's WARC reader; the HTML of
every 200/HTML response is then given to each extractor, one after the other in this process:

* saring ``extract`` (Resiliparse, plus title/date/site/lang/canonical metadata), and with
  ``extractor: trafilatura`` for reference;
* datatrove 0.10.1 ``Trafilatura`` (favour_precision, its defaults: a sandbox subprocess per
  extractor with a 1 s timeout per page) on datatrove ``Document`` objects.

Times are the best of ``--rounds`` interleaved rounds, wall seconds on one core (run it under
``taskset -c 0``) for the whole list (datatrove's work happens in its child
process, so process CPU time would undercount it). datatrove needs ``pip install
datatrove==0.10.1`` (no extras: trafilatura is already installed); skipped when absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_data import make_crawl  # noqa: E402

from saring.document import Document  # noqa: E402
from saring.extract.step import Extract  # noqa: E402
from saring.io.web import read_warc  # noqa: E402


def pages_from(path: Path) -> list[tuple[str, str]]:
    out = []
    for d in read_warc(str(path), "b"):
        if isinstance(d, Document) and "html" in d.metadata:
            out.append((d.id, d.metadata["html"]))
    return out


def run_saring(pages: list[tuple[str, str]], extractor: str) -> tuple[float, int]:
    step = Extract(extractor=extractor)
    t0 = time.perf_counter()
    kept = 0
    for pid, html in pages:
        doc = Document(pid, "", {"html": html})
        if step.process(doc) is None:
            kept += 1
    return time.perf_counter() - t0, kept


def run_datatrove(pages: list[tuple[str, str]]) -> tuple[float, int] | None:
    try:
        from datatrove.data import Document as DTDocument
        from datatrove.pipeline.extractors import Trafilatura
    except ImportError:
        return None
    step = Trafilatura(favour_precision=True)
    docs = [DTDocument(text=html, id=pid) for pid, html in pages]
    t0 = time.perf_counter()
    kept = sum(1 for _ in step.run(iter(docs)))
    return time.perf_counter() - t0, kept


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; best time kept")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz"
        make_crawl(path, args.pages)
        pages = pages_from(path)
    mb = sum(len(h) for _, h in pages) / 2**20
    print(f"{len(pages)} HTML pages, {mb:.1f} MiB of HTML")
    runs = {"saring extract (resiliparse)": lambda: run_saring(pages, "resiliparse"),
            "saring extract (trafilatura)": lambda: run_saring(pages, "trafilatura"),
            "datatrove 0.10.1 Trafilatura": lambda: run_datatrove(pages)}
    rows: dict[str, float] = {}
    kept: dict[str, int] = {}
    for _ in range(args.rounds):  # interleaved, so background load hits every extractor alike
        for name, fn in runs.items():
            r = fn()
            if r is None:
                continue
            rows[name] = min(rows.get(name, float("inf")), r[0])
            kept[name] = r[1]
    for name in runs:
        if name not in rows:
            print(f"{name}: not installed, skipped")
            continue
        secs = rows[name]
        print(f"{name:30s} {secs:7.2f} s  {len(pages) / secs:7.0f} pages/s  {mb / secs:6.2f} MiB/s"
              f"  kept {kept[name]}")
    dt = rows.get("datatrove 0.10.1 Trafilatura")
    if dt:
        for name, secs in rows.items():
            print(f"  {name}: {dt / secs:.2f}x datatrove")
    return 0


if __name__ == "__main__":
    sys.exit(main())
