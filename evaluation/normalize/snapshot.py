"""Before/after check for the normalize step: identical output on real and junk-injected text.

    python evaluation/normalize/snapshot.py write /tmp/norm-before.json [--per-file 300]
    python evaluation/normalize/snapshot.py compare /tmp/norm-before.json [--per-file 300]

Runs ``Normalize`` on the first ``--per-file`` records of every shared corpus, and on a copy of
each with seeded junk injected into a few lines (UTF-8 mojibake of a word, full-width words, HTML
entities, ANSI escapes, ligatures, C1 controls, lone and paired surrogates, ``Ã `` at a line
start, CJK, emoji, ``<p>`` tags, bidi and zero-width characters), and records a hash of each
serialized result (text, edits with kinds and offsets, flags, annotations). Real documents rarely
reach ftfy's paths; the injected copies make every path run on real line shapes. The adversarial
bench generators (``bench/bench_regex_budget.py``, 2 KB and 20 KB) are hashed under their own
keys (``gen:``): there the coarse modes (dense edits, ftfy budget) are meant to differ.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import json  # noqa: E402

import xxhash  # noqa: E402

from evaluation.snapshot import CORPORA, main, records  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.normalize.step import Normalize  # noqa: E402

_JUNK = [
    lambda w: w.encode("utf-8", "surrogatepass").decode("windows-1252", "replace") + "é".encode().decode("latin-1"),
    lambda w: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w),
    lambda w: w + " &amp; &lt;b&gt; &#8220;",
    lambda w: "\x1b[31m" + w + "\x1b[0m",
    lambda w: w.replace("fi", "\ufb01").replace("f", "\ufb00") + " \ufb02",
    lambda w: "\x92" + w + "\x93",
    lambda w: w + "\ud83d\ude00 \udc00",
    lambda w: "Ã " + w,
    lambda w: w + " 中文字",
    lambda w: w + " \U0001F600\u200d\U0001F469",
    lambda w: "<p>" + w + "</p>",
    lambda w: "\u202e" + w + "\u202c\u200b",
    lambda w: w + " â€œkutipâ€\x9d",
    lambda w: w + "\u3000\xa0",
]


def _inject(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        words = lines[i].split(" ")
        j = rng.randrange(len(words))
        words[j] = rng.choice(_JUNK)(words[j])
        lines[i] = " ".join(words)
    return "\n".join(lines)


def doc_hash(doc: Document) -> str:
    """xxh64 of the serialized document (ASCII JSON: edits may hold lone surrogates)."""
    return xxhash.xxh64_hexdigest(json.dumps(doc.to_dict(), sort_keys=True).encode())


def run(per_file: int) -> dict[str, str]:
    """key -> hash of the document after normalize."""
    norm = Normalize()
    norm.ensure_setup()
    out: dict[str, str] = {}
    rng = random.Random(20261206)
    for path in sorted(CORPORA.glob("*.jsonl.gz")):
        for k, rec in records(path.name, per_file):
            text = rec.get("text") or ""
            for tag, t in (("", text), ("junk:", _inject(text, rng) if text else text)):
                doc = Document(f"{path.name}:{k}", t, {})
                norm.process(doc)
                out[f"{tag}{path.name}:{k}"] = doc_hash(doc)
    import bench_regex_budget as bench  # noqa: PLC0415 - the generators, only here

    for gen in bench.GENERATORS:
        for size in (2_000, 20_000):
            doc = Document(gen, bench.make_text(gen, size), {})
            norm.process(doc)
            out[f"gen:{gen}:{size}"] = doc_hash(doc)
    return out


if __name__ == "__main__":
    sys.exit(main(run, 300))
