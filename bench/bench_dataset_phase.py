"""The dataset phase alone, as a run's driver does it: another install's (e.g. main's, in the
driver) against this one's (records encoded per shard on a pool of ``--workers``, assembled by
the driver), alternating, on the same kept document files.

    python bench/bench_dataset_phase.py --kept DIR --base /path/to/main/src [--workers 2] [--rounds 2]

``DIR`` holds a run's kept document files (``_work/kept/*.docs.zst`` of a run stopped before its
dataset phase). Wall seconds of ``write_partitions`` each (this install's pool is started and
warmed before the clock starts: in a run it is already up), the part files' compressed sizes,
and whether the decompressed parts are identical.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CODE = r"""
import sys, time
from pathlib import Path
from saring.dataset.export import write_partitions
from saring.pipeline import Pipeline
kept, out, workers = sorted(Path(sys.argv[1]).glob("*.docs.zst")), sys.argv[2], int(sys.argv[3])
langs = list(Pipeline.default().languages)
ex = None
if workers:
    from saring.executors.local import LocalExecutor
    ex = LocalExecutor(workers)
    ex.map(abs, [1] * workers)  # workers up before the clock, as in a run
t = time.perf_counter()
if ex is None:
    write_partitions(kept, out, langs, "jsonl.gz")
else:
    write_partitions(kept, out, langs, "jsonl.gz", executor=ex)
print(time.perf_counter() - t)
if ex is not None:
    ex.close()
"""


def one(src: str, kept: str, out: str, workers: int) -> float:
    env = {**os.environ, "PYTHONPATH": src}
    r = subprocess.run([sys.executable, "-c", CODE, kept, out, str(workers)], env=env,
                       capture_output=True, text=True, check=True)
    return float(r.stdout.strip().splitlines()[-1])


def parts(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted((out / "kept").rglob("*.gz"))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kept", required=True)
    ap.add_argument("--base", required=True, help="src folder of the other install (runs in the driver)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    here = str(Path(__file__).resolve().parents[1] / "src")
    tmp = Path(tempfile.mkdtemp(prefix="saring-dsphase-"))
    base_t, this_t = [], []
    for r in range(args.rounds):
        base_t.append(one(args.base, args.kept, str(tmp / f"base{r}"), 0))
        this_t.append(one(here, args.kept, str(tmp / f"this{r}"), args.workers))
    a, b = parts(tmp / "base0"), parts(tmp / "this0")
    same = a.keys() == b.keys() and all(gzip.decompress(a[k]) == gzip.decompress(b[k]) for k in a)
    sa, sb = sum(map(len, a.values())), sum(map(len, b.values()))
    docs = len(list(Path(args.kept).glob("*.docs.zst")))
    print(f"dataset phase on {docs} shards' kept files, load average {os.getloadavg()[0]:.1f}, "
          f"best of {args.rounds}")
    print(f"  base (driver only):        {min(base_t):6.2f} s wall  (rounds {', '.join(f'{t:.2f}' for t in base_t)})")
    print(f"  this ({args.workers} workers + driver): {min(this_t):6.2f} s wall  (rounds {', '.join(f'{t:.2f}' for t in this_t)})")
    print(f"  compressed parts {sa:,} -> {sb:,} bytes ({(sb / sa - 1) * 100:+.2f}%); "
          f"decompressed identical: {same}")


if __name__ == "__main__":
    main()
