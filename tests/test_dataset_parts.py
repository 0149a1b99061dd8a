"""Dataset parts, records and card on hand-made documents: bounds, names, order, determinism."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import orjson
import pytest
from conftest import output_files

from saring import Document, FunctionStep, Pipeline
from saring.dataset import read_kept, read_records, to_document, training_record
from saring.dataset.parts import PartWriter
from saring.document import Edit
from saring.executors.runner import load_stats, run_pipeline

_RNG = random.Random(3)
# made-up words (random letters), so the text compresses about as badly as real prose
WORDS = ["".join(_RNG.choice("abcdeghijklmnoprstuwy") for _ in range(_RNG.randint(2, 9)))
         for _ in range(3000)]


def _doc(i: int, rng: random.Random, lang: str = "id") -> Document:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 200)))
    return Document(f"d{i}", text, {"lang": lang, "url": f"https://www.berita{i % 3}.co.id/a/{i}"})


def _records(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    return [training_record(_doc(i, rng)) for i in range(n)]


@pytest.mark.parametrize("fmt", ["jsonl.gz", "parquet"])
def test_parts_are_bounded_named_and_ordered(tmp_path, fmt) -> None:
    recs = _records(600)
    limit = 20_000
    w = PartWriter(tmp_path / "kept" / "id", fmt, max_file_bytes=limit, row_group_rows=50)
    for r in recs:
        w.write(r)
    parts = w.finish()
    n = len(parts)
    assert n >= 3
    assert [p.name for p in parts] == [f"part-{i:05d}-of-{n:05d}.{fmt}" for i in range(n)]
    assert sorted(p.name for p in (tmp_path / "kept" / "id").iterdir()) == [p.name for p in parts]
    sizes = [p.stat().st_size for p in parts]
    # a part closes once it reaches the bound: it exceeds it by at most one batch
    assert all(s < limit + 40_000 for s in sizes), sizes
    assert all(s >= limit for s in sizes[:-1]), sizes
    back = list(read_records(tmp_path, "id"))
    assert [r["id"] for r in back] == [r["id"] for r in recs]
    assert back[5] == recs[5]


@pytest.mark.parametrize("fmt", ["jsonl.gz", "parquet"])
def test_same_records_give_identical_bytes(tmp_path, fmt) -> None:
    recs = _records(300)
    outs = []
    for name in ("a", "b"):
        w = PartWriter(tmp_path / name, fmt, max_file_bytes=30_000, row_group_rows=40)
        for r in recs:
            w.write(r)
        outs.append([p.read_bytes() for p in w.finish()])
    assert outs[0] == outs[1]


def test_record_fields_and_full_provenance() -> None:
    doc = Document("x1", "Harga beras naik.", {"url": "https://news.detik.com/a/1", "date": "Senin, 3 Mar",
                                                "lang": "id", "lang_detected": "ms", "outlet": "detik"})
    doc.edits.append(Edit("normalize", "nbsp", 5, 6, "\u00a0", " ", 1.0))
    doc.annotate("langid", lang="ms", score=0.91)
    doc.annotate("repair", mt_damage=0.25)
    doc.annotate("quality.gopher_quality", profile="ms", n_words=3, stop_words=0)
    doc.annotate("quality.fineweb_quality", profile="ms", line_punct_ratio=1.0)
    doc.annotate("dedup", cluster_id="00001:7", cluster_size=3)
    doc.flag("repair", "suspect", text="x")
    rec = training_record(doc)
    assert rec["lang"] == "ms" and rec["lang_score"] == 0.91
    assert rec["domain"] == "detik.com" and rec["url"].startswith("https://news.")
    assert rec["date"] == "Senin, 3 Mar" and rec["mt_damage"] == 0.25
    assert rec["dup_cluster"] == "00001:7"
    assert rec["quality"]["profile"] == "ms" and rec["quality"]["words"] == 3
    assert rec["quality"]["line_punct_ratio"] == 1.0 and rec["quality"]["dup_line_frac"] is None
    assert to_document(rec).to_dict() == doc.to_dict()
    assert to_document(json.loads(json.dumps(rec))).undo() == "Harga\u00a0beras naik."


def _long_enough(doc: Document) -> bool:
    return len(doc.text) > 200


def _hostile_reason(doc: Document) -> tuple[bool, str] | None:
    return (False, "<script>alert(1)</script>|x") if doc.id == "3" else None


def _shards(folder: Path, n: int) -> list[str]:
    rng = random.Random(7)
    folder.mkdir()
    paths = []
    langs = ["id", "ms", "jv", "fr"]
    for s in range(n):
        p = folder / f"s{s}.jsonl.gz"
        with gzip.open(p, "wb") as f:
            for i in range(80):
                d = _doc(s * 1000 + i, rng, langs[(s + i) % 4])
                f.write(orjson.dumps({"id": d.id, "text": d.text, **d.metadata}) + b"\n")
        paths.append(str(p))
    return paths


def test_output_does_not_depend_on_workers_and_unlisted_go_to_other(tmp_path) -> None:
    inputs = _shards(tmp_path / "in", 4)
    pipe = Pipeline([FunctionStep(_long_enough)], languages=["id", "ms", "jv"],
                    writer={"max_file_bytes": 8_000})
    a = run_pipeline(pipe, inputs, tmp_path / "a", workers=1, progress=False)
    b = run_pipeline(pipe, inputs, tmp_path / "b", workers=2, progress=False)
    assert a.languages == b.languages
    fa, fb = output_files(tmp_path / "a"), output_files(tmp_path / "b")
    assert fa == fb
    kept_parts = [k for k in fa if k.startswith("kept/")]
    assert {k.split("/")[1] for k in kept_parts} == {"id", "ms", "jv", "other"}
    assert len([k for k in kept_parts if k.startswith("kept/id/")]) > 1  # bounded files
    # fr is declared, not detected (no langid here): kept, in `other`
    assert {d.metadata["lang"] for d in read_kept(tmp_path / "a", "other")} == {"fr"}
    assert sum(v["kept"] for v in a.languages.values()) == a.counts["kept"]


def test_card_escapes_hostile_reasons(tmp_path) -> None:
    from markdown_it import MarkdownIt

    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps({"id": str(i), "text": f"teks nomor {i}", "lang": "id"})
                           for i in range(6)))
    step = FunctionStep(_hostile_reason)
    run_pipeline(Pipeline([step], languages=["id"]), [str(p)], tmp_path / "o", progress=False)
    card = (tmp_path / "o" / "README.md").read_text("utf-8")
    html = MarkdownIt("commonmark").enable("table").render(card.split("\n---\n", 1)[1])
    assert "<script>" not in html and "&lt;script&gt;" in html
    stats = load_stats(tmp_path / "o")
    assert stats["languages"]["id"]["rejected"] == 1 and stats["languages"]["id"]["kept"] == 5
