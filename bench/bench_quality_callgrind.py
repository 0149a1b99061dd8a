"""Instructions per document of the quality step, compiled kernels vs pure Python (issue 15).

    python bench/bench_quality_callgrind.py [--limit 300] [--legal 150] [--base /work/main]

Wall and CPU time lie on a loaded machine; instruction counts do not. The parent runs the
default chain's steps before quality (normalize, boilerplate, repair, langid) on the first
``--limit`` records of two news corpora, writes the documents quality receives to a temporary
file, then runs a child under ``valgrind --tool=callgrind`` four times: {compiled, pure} x
{0, 2 passes of the quality step over those documents}. Instructions per document = (count
with 2 passes - count with 0) / (2 x documents), so start-up and loading cancel. Each pass
empties the shared analysis cache first (every document is tokenized inside the pass).

``--legal N`` puts the first N court texts of the legal corpus before the news (session 15's
legal-heavy capture: 150 court texts, ~88% rejected by a repetition rule, whose second look
and n-gram levels dominate their cost). ``--base TREE`` compares that checkout's ``src`` with
this one's, both compiled, instead of compiled vs pure.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
CORPORA = HERE.parent / "shared" / "corpora"
NEWS = ["id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz"]
LEGAL = "id_legal_indolaw_sample.jsonl.gz"


def prepare(limit: int, out: Path, legal: int = 0) -> int:
    import orjson

    from saring.document import Document
    from saring.pipeline import Pipeline

    chain = Pipeline.default().per_document().steps
    before = chain[: next(i for i, s in enumerate(chain) if s.name == "quality")]
    for s in before:
        s.ensure_setup()
    docs = []
    for name, n in [(LEGAL, legal)] + [(name, limit) for name in NEWS]:
        path = CORPORA / name
        if not path.exists() or not n:
            continue
        with gzip.open(path, "rb") as f:
            for line in itertools.islice(f, n):
                r = orjson.loads(line)
                d = Document(str(r["id"]), r["text"], {"url": r.get("url")})
                if all(s.process(d) is None for s in before):
                    docs.append([d.id, d.text, d.metadata])
    out.write_text(json.dumps(docs, default=str))
    return len(docs)


def child(path: Path, passes: int) -> None:
    from saring.analysis import clear_cache
    from saring.document import Document
    from saring.pipeline import DEFAULT_STEPS, build_step

    docs = json.loads(path.read_text())
    qparams = next(e["quality"] for e in DEFAULT_STEPS if isinstance(e, dict) and "quality" in e)
    step = build_step("quality", qparams)
    step.ensure_setup()
    made = [Document(i, t, m) for i, t, m in docs]  # built before: only quality is counted
    step.process(Document("warm", "Kata kata pertama.\n\nKata kedua di sini.", {}))
    for _ in range(passes):
        clear_cache()
        for d in made:
            step.process(d)


def count(path: Path, passes: int, pure: bool, src: Path = HERE / "src") -> int:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    env.pop("SARING_PURE_PYTHON", None)
    if pure:
        env["SARING_PURE_PYTHON"] = "1"
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            str(path),
            "--passes",
            str(passes),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300, help="records per news corpus")
    ap.add_argument("--legal", type=int, default=0, help="court texts before the news")
    ap.add_argument("--base", type=Path, help="checkout to compare with (both compiled)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--passes", type=int, default=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.passes)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.json"
        n = prepare(a.limit, path, a.legal)
        if not n:
            raise SystemExit("no shared news corpora found")
        res = {}
        sides = [("pure", True, HERE / "src"), ("compiled", False, HERE / "src")]
        if a.base:
            sides = [("base", False, a.base / "src"), ("this", False, HERE / "src")]
        for side, pure, src in sides:
            res[side] = (count(path, 2, pure, src) - count(path, 0, pure, src)) / (2 * n)
            print(f"{side:<9} {res[side]:>12,.0f} instructions per document", flush=True)
    (a_side, _, _), (b_side, _, _) = sides
    print(f"{n} documents reaching quality; {b_side} / {a_side} = {res[b_side] / res[a_side]:.4f}")


if __name__ == "__main__":
    main()
