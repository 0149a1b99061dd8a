"""WARC reading: FastWARC vs warcio on the same generated crawl (1 core, same run).

    python bench/bench_warc_read.py [--pages 10000]

Both iterate every record, parse HTTP headers and read the full payload of each response.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_data import make_crawl  # noqa: E402


def read_fastwarc(path: Path) -> tuple[int, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = size = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f, parse_http=True, fsspec_args=False):
            n += 1
            if rec.record_type == WarcRecordType.response:
                size += len(rec.reader.read())
    return n, size


def read_warcio(path: Path) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    n = size = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            n += 1
            if rec.rec_type == "response":
                size += len(rec.content_stream().read())
    return n, size


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz"
        records = make_crawl(path, args.pages)
        mb = path.stat().st_size / 2**20
        print(f"crawl: {records} records, {mb:.1f} MiB gzip")
        res = {}
        for name, fn in (("fastwarc", read_fastwarc), ("warcio", read_warcio)):
            best = float("inf")
            for _ in range(args.rounds):
                t0 = time.process_time()
                n, size = fn(path)
                best = min(best, time.process_time() - t0)
            assert n == records, (name, n, records)
            res[name] = best
            print(f"{name:9s} {best:6.2f} CPU-s  {n / best:8.0f} records/s  {mb / best:6.1f} MiB/s"
                  f"  payload {size / 2**20:.1f} MiB")
        print(f"fastwarc / warcio speed: {res['warcio'] / res['fastwarc']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
