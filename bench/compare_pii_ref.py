"""PII detector of this tree vs the one at a git ref: identical detections, and speed side by side.

Loads ``src/saring/pii/detect.py`` and ``validate.py`` as they are at ``--ref`` (``git show``)
next to the current ones, runs both ``Detector.find`` on the same texts and reports:

1. detections (spans and suspects: type, offsets, confidence, rule) that differ, over the
   generated PII set, every adversarial generator of ``bench_regex_budget.py`` at 20 KB, and the
   first ``--docs`` documents of several shared corpora (skipped when absent);
2. CPU ms per 10 KB of both, alternating, best of 3, on adversarial generators at 100 KB, and on
   the corpus documents.

With ``--corpus-diff``, instead: every document of every shared corpus file, spans (type, offsets,
rule) found by only one of the two, counted by (type, rule), with the 40 characters before each
(no span text is printed).

Usage: python bench/compare_pii_ref.py [--ref main] [--docs 400] [--corpus-diff]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from bench_regex_budget import GENERATORS, make_text

from saring.pii import detect as current

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.pii.generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
FILES = ["id_news_github_scrapes.jsonl.gz", "id_news_detik_langscrape.jsonl.gz",
         "id_hoax_factcheck.jsonl.gz", "id_legal_indolaw_sample.jsonl.gz", "id_messy_sample.jsonl.gz"]


def load_ref(ref: str):  # noqa: ANN201 - a module
    tmp = Path(tempfile.mkdtemp(prefix="pii-ref-"))
    listing = subprocess.run(["git", "-C", str(REPO), "ls-tree", "--name-only", ref, "src/saring/pii/"],
                             capture_output=True, text=True, check=True).stdout.split()
    names = [Path(x).stem for x in listing if x.endswith(".py") and not x.endswith("__init__.py")]
    names = [n for n in names if n not in ("resources", "generate", "evaluate")]  # shared / not code
    for name in names:
        src = subprocess.run(["git", "-C", str(REPO), "show", f"{ref}:src/saring/pii/{name}.py"],
                             capture_output=True, text=True, check=True).stdout
        for other in names:  # the ref's own modules, not this tree's
            src = src.replace(f"from saring.pii.{other} import", f"from ref_{other} import")
        (tmp / f"ref_{name}.py").write_text(src, encoding="utf-8")
    sys.path.insert(0, str(tmp))
    spec = importlib.util.spec_from_file_location("saring.pii.ref_detect", tmp / "ref_detect.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = mod  # type: ignore[union-attr]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _key(found) -> tuple:  # noqa: ANN001
    return tuple(tuple((x.type, x.start, x.end, x.confidence, x.rule) for x in part) for part in found)


def corpus_texts(limit: int) -> list[str]:
    out: list[str] = []
    for f in FILES:
        p = CORPORA / f
        if p.exists():
            with gzip.open(p) as fh:
                out += [orjson.loads(x).get("text") or "" for x in itertools.islice(fh, limit)]
    return out


def corpus_diff(old, new) -> int:  # noqa: ANN001
    """Spans only one detector finds, over whole corpus files, by (type, rule)."""
    import collections

    only: dict[str, collections.Counter] = {"ref": collections.Counter(), "new": collections.Counter()}
    ndocs = 0
    for path in sorted(CORPORA.glob("*.jsonl.gz")):
        with gzip.open(path) as fh:
            for k, line in enumerate(fh):
                text = orjson.loads(line).get("text") or ""
                ndocs += 1
                a = {(x.type, x.start, x.end, x.rule) for x in old.find(text)[0]}
                b = {(x.type, x.start, x.end, x.rule) for x in new.find(text)[0]}
                for side, diff in (("ref", a - b), ("new", b - a)):
                    for typ, st, _en, rule in sorted(diff):
                        only[side][(typ, rule)] += 1
                        before = text[max(0, st - 40) : st].replace("\n", " | ")
                        print(f"  only {side}: {path.name}:{k} {typ} {rule} after {before!r}")
    print(f"{ndocs} documents; only ref: {dict(only['ref'])}; only this tree: {dict(only['new'])}")
    return 0


def cpu(det, texts: list[str]) -> float:  # noqa: ANN001
    t0 = time.process_time()
    for t in texts:
        det.find(t)
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", default="main")
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--corpus-diff", action="store_true", help="whole corpora, spans that differ")
    ap.add_argument("--show", type=int, default=20, help="differing texts to describe (types, rules)")
    args = ap.parse_args()
    ref = load_ref(args.ref)
    old, new = ref.Detector(), current.Detector()
    if args.corpus_diff:
        return corpus_diff(old, new)
    docs = corpus_texts(args.docs)
    texts = [ex.text for ex in generate(60, seed=3)] + [make_text(g, 20_000) for g in GENERATORS] + docs
    differ = [t for t in texts if _key(old.find(t)) != _key(new.find(t))]
    print(f"{len(texts)} texts, {len(differ)} with different detections")
    for t in differ[: args.show]:
        a, b = (set(x for part in d.find(t) for x in part) for d in (old, new))
        gone = sorted((x.type, x.rule) for x in a - b)
        added = sorted((x.type, x.rule) for x in b - a)
        print(f"  differs: only {args.ref}: {gone}; only this tree: {added}")
    print(f"\n| input | {args.ref} ms/10 KB | this tree ms/10 KB | ratio |\n|---|---|---|---|")
    cases = [(g, [make_text(g, 100_000)]) for g in GENERATORS if g != "long_word"]
    if docs:
        cases.append((f"{len(docs)} corpus documents", docs))
    for name, ts in cases:
        size = sum(map(len, ts))
        best = {"ref": float("inf"), "new": float("inf")}
        for _ in range(3):
            best["ref"] = min(best["ref"], cpu(old, ts))
            best["new"] = min(best["new"], cpu(new, ts))
        r, n = (best[k] * 1000 * 10_000 / size for k in ("ref", "new"))
        print(f"| {name} | {r:.2f} | {n:.2f} | {r / n:.1f}x |")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
