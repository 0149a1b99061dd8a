"""Before/after of the quality step on real news: two checkouts, alternating runs (issue 15).

    python bench/bench_quality_ab.py --base /work/main [--limit 500] [--rounds 3] [--corpora news|legal]
    python bench/bench_quality_ab.py --pure ...   # compiled kernels vs SARING_PURE_PYTHON=1

``--base`` is another checkout of saring (``--pure``: this one without its compiled kernels). Each round runs this file with ``--child`` once with the
base's ``src`` first on ``PYTHONPATH`` and once with this checkout's, A B A B, so machine load hits
both sides alike. A child reads the first ``2 * --limit`` records of each corpus, runs the
default chain's steps before quality (normalize, boilerplate, repair, langid) on them, warms the
quality step up on every other document and times, in CPU seconds of its own process, one pass
over the others: the pipeline's quality step (stops at the first failing rule) and the same in
score-only mode (every rule measured). The shared per-text analysis cache is emptied first, so
every document is tokenized inside the timed pass, as when quality is the first step to read
its text. Building the ``Document`` is timed alone (best of 3) and subtracted. Prints
microseconds per document per side, the medians and the speed-up.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import time
from pathlib import Path

from _ab import ab_parser, alternate, cpu_best, medians

HERE = Path(__file__).resolve().parents[1]
CORPORA = HERE.parent / "shared" / "corpora"
SETS = {
    "news": ["id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz",
             "id_news_indosum_dev.jsonl.gz", "id_news_detik_langscrape.jsonl.gz"],
    "legal": ["id_legal_indolaw_sample.jsonl.gz"],  # long documents (the numpy n-gram path)
}
MODES = ("quality", "quality_all")



def child(limit: int, corpora: str) -> dict[str, float]:
    """Microseconds of CPU per document for the quality step (this process's ``saring``)."""
    import orjson

    from saring.analysis import clear_cache
    from saring.document import Document
    from saring.pipeline import DEFAULT_STEPS, Pipeline, build_step

    recs = []
    for name in SETS[corpora]:
        path = CORPORA / name
        if path.exists():
            with gzip.open(path, "rb") as f:
                recs.extend(orjson.loads(line) for line in itertools.islice(f, 2 * limit))
    chain = Pipeline.default().per_document().steps
    before = chain[: next(i for i, s in enumerate(chain) if s.name == "quality")]
    qparams = next(e["quality"] for e in DEFAULT_STEPS if isinstance(e, dict) and "quality" in e)
    steps = {"quality": build_step("quality", qparams),
             "quality_all": build_step("quality", {**qparams, "score_only": True, "label": "quality_all"})}
    for s in [*before, *steps.values()]:
        s.ensure_setup()
    docs = []  # (id, text, metadata) as quality receives them
    for r in recs:
        d = Document(str(r["id"]), r["text"], {"url": r.get("url"), "outlet": r.get("outlet")})
        if all(s.process(d) is None for s in before):
            docs.append((d.id, d.text, dict(d.metadata)))
    warm, timed = docs[0::2], docs[1::2]

    def run(step, batch) -> None:
        for i, t, m in batch:
            step.process(Document(i, t, dict(m)))

    def make(batch) -> None:
        for i, t, m in batch:
            Document(i, t, dict(m))

    out: dict[str, float] = {"docs": len(timed), "chars": sum(len(t) for _, t, _ in timed) / max(len(timed), 1)}
    base = cpu_best(lambda: make(timed))
    for name, step in steps.items():
        run(step, warm)
        clear_cache()
        t0 = time.process_time()
        run(step, timed)
        out[name] = (time.process_time() - t0 - base) / len(timed) * 1e6
    return out


def main() -> None:
    ap = ab_parser(__doc__.splitlines()[0], "records per corpus")
    ap.add_argument("--corpora", choices=sorted(SETS), default="news")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.limit, a.corpora)))
        return
    if a.base is None and not a.pure:
        ap.error("--base or --pure is required")
    print(f"{'round':>5} {'side':<5} " + " ".join(f"{s + ' us/doc':>18}" for s in MODES) + "   load")
    res = alternate(__file__, a.base, a.rounds, ["--limit", str(a.limit), "--corpora", a.corpora],
                    lambda r, side, got: print(f"{r:>5} {side:<5} " + " ".join(
                        f"{got[s]:>18.1f}" for s in MODES) + f"   {os.getloadavg()[0]:.1f}",
                        flush=True), pure=a.pure)
    d = res["this"][0]
    print(f"timed documents: {int(d['docs']):,} per run ({d['chars']:,.0f} chars on average; every other "
          f"one of the first {2 * a.limit} of each {a.corpora} corpus that reaches quality; the others warm up)")
    for s in MODES:
        b, t = medians(res, s)
        print(f"median {s:<12} base {b:8.1f} us/doc  this {t:8.1f} us/doc  speed-up {b / t:5.2f}x")


if __name__ == "__main__":
    main()
