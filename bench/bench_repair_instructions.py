"""Repair step instructions per news document as the chain hands it over (callgrind), two checkouts.

    python bench/bench_repair_instructions.py --base /work/main/src [--docs 400]

For each side (``--base``'s ``src`` and this checkout's) a child process reads 250 records of
each of the 4 news corpora, runs the default chain's steps before ``repair`` (normalize,
boilerplate) on them, then ``Repair(revision_needs_evidence=False)`` (as in the default
pipeline) on one warm-up document and on ``--docs`` documents spread over the corpora. Each
child runs under ``valgrind --tool=callgrind`` twice, with ``--docs`` and with 0 documents
(``PYTHONHASHSEED=0``, each side its own ``SARING_CACHE_DIR``, filled by one uncounted full run), so
(Ir(docs) - Ir(0)) / docs is the step's own instruction count per document, whatever the load.
``--warm N``: N other documents go through the step first, in both runs (steady state: the
step's per-process memos and first-use costs are paid before the counted documents).
``--toggle``: instead of subtracting a zero-document run, the counted loop runs inside
``functools.reduce`` and callgrind collects only inside that call (``--toggle-collect``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from _corpora import NEWS

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"

CHILD = r"""
import gzip, itertools, sys
import orjson
from saring.document import Document
from saring.pipeline import Pipeline
from saring.repair.step import Repair
from saring.step import run_steps
n, warm, TOGGLE, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4:]
steps = Pipeline.default().per_document().steps
before = steps[: [s.name for s in steps].index("repair")]
docs = []
for name in files:
    with gzip.open(name, "rb") as f:
        for line in itertools.islice(f, 250):
            r = orjson.loads(line)
            docs.append(Document(str(r.pop("id")), r.pop("text"), r))
texts = [(d.id, d.text, d.metadata) for d in run_steps(before, docs, {}) if d.decision.status == "kept"]
step = Repair(revision_needs_evidence=False)
step.ensure_setup()
step.process(Document("warm", texts[0][1], dict(texts[0][2])))
if warm:  # other documents than the counted ones (every 13th), then the counted from the rest
    for i, t, m in texts[::13][:warm]:
        step.process(Document(i, t, dict(m)))
    texts = [d for k, d in enumerate(texts) if k % 13]
counted = texts[1::max(1, len(texts) // n)][:n] if n else []
if TOGGLE:  # only this call is collected (callgrind --toggle-collect=functools_reduce)
    import functools
    functools.reduce(lambda _, d: step.process(Document(d[0], d[1], dict(d[2]))), counted, None)
else:
    for i, t, m in counted:
        step.process(Document(i, t, dict(m)))
"""


def instructions(src: str, n: int, cache: str, files: list[str], warm: int = 0, toggle: bool = False) -> int:
    """Ir of the child: the whole process, or (``toggle``) only the counted loop."""
    env = {**os.environ, "PYTHONPATH": src, "PYTHONHASHSEED": "0", "SARING_CACHE_DIR": cache}
    opts = ["--toggle-collect=functools_reduce"] if toggle else []
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", *opts, f"--callgrind-out-file={tmp}/cg.out",
                              sys.executable, "-c", CHILD, str(n), str(warm), str(int(toggle)), *files],
                             env=env, capture_output=True, text=True, check=True)
    return int(re.search(r"refs:\s+([\d,]+)", out.stderr).group(1).replace(",", ""))  # type: ignore[union-attr]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="src directory of the other checkout (e.g. main)")
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--warm", type=int, default=0, help="documents through the step before the counted ones")
    ap.add_argument("--toggle", action="store_true",
                    help="collect only the counted loop (run inside functools.reduce, callgrind "
                         "--toggle-collect): one run per side, set-up noise excluded (session 10's "
                         "zero-run baseline moved by 300 M instructions between runs)")
    a = ap.parse_args()
    files = [str(CORPORA / f) for f in NEWS if (CORPORA / f).exists()]
    if not files:
        print("shared corpora absent: nothing to measure")
        return
    per_doc = {}
    for label, src in (("base", a.base), ("this", str(ROOT / "src"))):
        with tempfile.TemporaryDirectory() as cache:
            # fills the resource cache with every entry the counted run asks for (the entity regex's
            # program is cached on the first camel site: filled by the zero run, it was counted as
            # a negative cost and the difference came out near zero)
            instructions(src, a.docs, cache, files, a.warm)
            if a.toggle:  # only the counted loop is collected: no zero run to subtract
                zero, full = 0, instructions(src, a.docs, cache, files, a.warm, toggle=True)
            else:
                zero = instructions(src, 0, cache, files, a.warm)
                full = instructions(src, a.docs, cache, files, a.warm)
        per_doc[label] = (full - zero) / a.docs
        print(f"{label}: {per_doc[label] / 1e6:.3f} M instructions per document "
              f"(Ir {full:,} - {zero:,}, {a.docs} docs)", flush=True)
    print(f"ratio base / this: {per_doc['base'] / per_doc['this']:.2f}x")


if __name__ == "__main__":
    main()
