"""Score HTML extraction (+ normalize + boilerplate) on labelled Indonesian pages.

Tuned half: outlet-shaped pages (scripts/make_web_fixtures.py shapes 0-2) around IndoSum bodies
read from ../shared/corpora at run time (even records). Held-out half, never used for tuning:
other page shapes (heldout_shapes.py) around odd IndoSum records and detik bodies, plus the
hand-written pages (handwritten.py).

    python evaluation/extract/evaluate.py [--pages 300] [--json out.json]

Line labels: each body paragraph is found in the output by a window of its own text; furniture
is looked for in what is left. Metrics: body recall; furniture removed (recall); furniture-line
precision (of the labelled lines removed, the share that is furniture, the boilerplate
convention); output precision (share of output lines that are body; unlabelled leftovers count
against it).
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from handwritten import PAGES as HAND  # noqa: E402
from heldout_shapes import SHAPES, heldout_page  # noqa: E402
from make_web_fixtures import N_SHAPES, outlet_page  # noqa: E402

from saring.boilerplate.step import Boilerplate  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.extract.step import Extract  # noqa: E402
from saring.normalize.step import Normalize  # noqa: E402
from saring.pipeline import Pipeline  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


@dataclass
class LabelledPage:
    html: str
    title: str
    body: list[str]
    furniture: list[str]
    shape: str
    half: str


@dataclass
class Score:
    body: int = 0
    body_found: int = 0
    furn: int = 0
    furn_left: int = 0
    out_lines: int = 0
    out_body_lines: int = 0
    pages: int = 0
    rejected: int = 0
    leftovers: list[str] = field(default_factory=list)

    def merge(self, o: Score) -> None:
        for k in ("body", "body_found", "furn", "furn_left", "out_lines", "out_body_lines",
                  "pages", "rejected"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.leftovers += o.leftovers

    def metrics(self) -> dict[str, float]:
        body_lost = self.body - self.body_found
        furn_removed = self.furn - self.furn_left
        return {
            "pages": self.pages, "rejected_pages": self.rejected,
            "body_recall": round(self.body_found / max(self.body, 1), 4),
            "furniture_removed": round(furn_removed / max(self.furn, 1), 4),
            "furniture_precision": round(furn_removed / max(furn_removed + body_lost, 1), 4),
            "output_precision": round(self.out_body_lines / max(self.out_lines, 1), 4),
        }


def canon(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).translate(_QUOTES).casefold().split())


_NORMALIZE = Normalize()


def _normalized(text: str) -> str:
    """A label as the normalize step would leave it (the output is compared after normalize)."""
    doc = Document("label", text, {})
    _NORMALIZE.ensure_setup()
    _NORMALIZE.process(doc)
    return doc.text


_IN_BODY_FURNITURE = ("baca juga", "baca:", "simak juga", "lihat juga", "artikel terkait")


def in_body_furniture(para: str) -> bool:
    """A corpus paragraph that is itself furniture (the scrapes kept some): labelled furniture.
    A fixed, independent list, not the boilerplate step's rules."""
    low = para.casefold().lstrip("[( ")
    return low.startswith(_IN_BODY_FURNITURE) or "dailysocial.id adalah portal" in low


def _bodies(path: Path, start: int, step: int, n: int, skip_first_line: bool = False):
    out = []
    with gzip.open(path, "rb") as f:
        for i, line in enumerate(f):
            if i % step != start:
                continue
            rec = orjson.loads(line)
            paras = [p.strip() for p in rec["text"].split("\n")]
            if skip_first_line:
                paras = paras[1:]
            paras = [p for p in paras if len(p) >= 40]
            if len(paras) >= 2:
                title = " ".join(paras[0].split()[:9]).rstrip(".,")
                out.append((title, paras[:12]))
            if len(out) >= n:
                break
    return out


def _split_labels(p: LabelledPage) -> LabelledPage:
    furn = [b for b in p.body if in_body_furniture(b)]
    if furn:
        p.body = [b for b in p.body if not in_body_furniture(b)]
        p.furniture = p.furniture + furn
    return p


def build_pages(n: int, seed: int = 7) -> list[LabelledPage]:
    """The labelled set: n tuned-half pages and about n held-out pages."""
    rng = random.Random(seed)
    pages: list[LabelledPage] = []
    indosum = CORPORA / "id_news_indosum_dev.jsonl.gz"
    for i, (title, body) in enumerate(_bodies(indosum, 0, 2, n)):
        p = outlet_page(title, body, rng, shape=i % N_SHAPES)
        pages.append(_split_labels(LabelledPage(p.html, title, body, p.furniture, p.shape, "tuned")))
    held = _bodies(indosum, 1, 2, n // 2)
    held += _bodies(CORPORA / "id_news_detik_langscrape.jsonl.gz", 0, 1, n - len(held),
                    skip_first_line=True)
    shapes = sorted(SHAPES)
    for i, (title, body) in enumerate(held):
        shape = shapes[i % len(shapes)]
        html, furn = heldout_page(title, body, rng, shape)
        pages.append(_split_labels(LabelledPage(html, title, body, furn, shape, "heldout")))
    for h in HAND:
        pages.append(LabelledPage(h["html"], h["title"], h["body"], h["furniture"], h["shape"],
                                  "heldout"))
    return pages


def score_page(page: LabelledPage, out: str | None) -> Score:
    s = Score(pages=1, body=len(page.body), furn=len(page.furniture))
    if out is None:
        s.rejected = 1
        s.furn_left = 0
        return s
    lines = [canon(x) for x in out.splitlines() if x.strip()]
    bodies = [canon(_normalized(b)) for b in page.body]
    windows = []
    for b in bodies:
        a = int(len(b) * 0.3)
        windows.append(b[a: a + max(20, min(60, len(b) // 2))])
    title = canon(page.title)
    found = [False] * len(bodies)
    rest: list[str] = []
    for ln in lines:
        hit = False
        for j, (b, w) in enumerate(zip(bodies, windows, strict=True)):
            if w in ln or (len(ln) >= 20 and ln in b):
                found[j] = hit = True
        if hit:
            s.out_body_lines += 1
            s.out_lines += 1
        elif ln == title or (len(ln) >= 12 and title.startswith(ln)):
            continue  # the headline: neither body nor furniture
        else:
            s.out_lines += 1
            rest.append(ln)
    s.body_found = sum(found)
    left = "\n".join(rest)
    s.furn_left = sum(1 for f in page.furniture if canon(f) and canon(f) in left)
    s.leftovers = rest
    return s


def run(pages: list[LabelledPage], extractor: str) -> tuple[dict[str, Score], float]:
    pipe = Pipeline([Extract(extractor=extractor), Normalize(), Boilerplate()])
    ext = Extract(extractor=extractor)
    t0 = time.perf_counter()
    for p in pages:
        ext.process(Document("x", "", {"html": p.html}))
    seconds = time.perf_counter() - t0
    scores: dict[str, Score] = {}
    for p in pages:
        doc = pipe.process_one(Document("x", "", {"html": p.html}))
        out = doc.text if doc.decision.status == "kept" else None
        for key in (p.half, f"{p.half}:{p.shape}"):
            scores.setdefault(key, Score()).merge(score_page(p, out))
    return scores, len(pages) / seconds


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--json", default=None)
    ap.add_argument("--show-leftovers", type=int, default=0)
    ap.add_argument("--tuned-only", action="store_true", help="do not build or score the held-out half")
    args = ap.parse_args()
    if not CORPORA.exists():
        print("shared corpora not found; nothing to evaluate")
        return 0
    pages = build_pages(args.pages)
    if args.tuned_only:
        pages = [p for p in pages if p.half == "tuned"]
    report = {}
    for extractor in ("resiliparse", "trafilatura"):
        scores, pps = run(pages, extractor)
        report[extractor] = {"pages_per_second_extract_only": round(pps, 1),
                             **{k: v.metrics() for k, v in sorted(scores.items())}}
        print(f"\n== {extractor}: {pps:.0f} pages/s (extract only, 1 core)")
        for k, v in sorted(scores.items()):
            print(f"  {k:24s} {v.metrics()}")
            if args.show_leftovers and ":" not in k:
                from collections import Counter

                for line, c in Counter(v.leftovers).most_common(args.show_leftovers):
                    print(f"      {c:4d} {line[:100]}")
    if args.json:
        Path(args.json).write_text(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
