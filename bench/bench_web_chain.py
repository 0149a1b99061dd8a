"""The whole WARC-to-kept chain: ``saring run crawl.warc.gz`` with the default pipeline, 1 worker.

    python bench/bench_web_chain.py [--pages 10000]

Generates the crawl (bench/web_data.py), runs the default pipeline (extract is put first by the
runner) with one worker, and prints WARC records/s, HTML pages/s and the time per step from
stats.json. CPU seconds of this process are reported next to wall time (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_data import make_crawl  # noqa: E402

from saring.executors.runner import run_pipeline  # noqa: E402
from saring.pipeline import Pipeline  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and its finished children (user + system)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "crawl.warc.gz"
        records = make_crawl(warc, args.pages)
        t0, c0 = time.perf_counter(), _cpu()
        res = run_pipeline(Pipeline.default(), [str(warc)], Path(tmp) / "out", workers=1,
                           progress=False)
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        stats = json.loads((Path(tmp) / "out" / "stats.json").read_text())
    c = res.counts
    pages = stats["steps"]["extract"]["docs_in"]
    print(f"records {c['input']} (= {records} written), HTML pages {pages}, kept {c['kept']}, "
          f"rejected {c['rejected']}, errors {c['errors']}")
    print(f"wall {wall:.1f} s, CPU {cpu:.1f} s: {c['input'] / cpu:.0f} records/CPU-s, "
          f"{pages / cpu:.0f} pages/CPU-s, {c['kept'] / cpu:.0f} kept docs/CPU-s")
    for name, st in stats["steps"].items():
        print(f"  {name:12s} {st.get('seconds', 0):7.2f} s  in {st.get('docs_in', 0):6d}  "
              f"out {st.get('docs_out', 0):6d}  rejected {sum(st.get('rejected', {}).values()):5d}")
    top = sorted(stats.get("rejected_by_reason", {}).items(), key=lambda kv: -kv[1])[:12]
    print("  rejected by reason:", ", ".join(f"{k} {v}" for k, v in top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
