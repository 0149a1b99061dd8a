"""``run_steps`` runs each step over a batch of documents: outputs, order and counts must be those
of one document at a time, whatever the batch size."""

from __future__ import annotations

import random

import pytest

from saring import Document, Replacement
from saring.step import BATCH_CHARS, FunctionStep, Reject, StepStats, _batches, run_steps


def _upper_first(doc: Document) -> None:
    if doc.text:
        doc.apply("upper", [Replacement(0, 1, doc.text[0].upper(), "upper")])


def _drop_short(doc: Document):
    return Reject("short", len(doc.text), 4) if len(doc.text) < 4 else None


def _boom(doc: Document):
    if "x" in doc.text:
        raise ValueError("x inside")
    return None


def _soft(doc: Document):
    doc.annotate("soft", chars=len(doc.text))
    return Reject("odd") if len(doc.text) % 2 else None


def _steps() -> list:
    soft = FunctionStep(_soft, label="soft")
    soft.score_only = True  # annotated would_reject, kept
    return [
        FunctionStep(_upper_first, label="upper"),
        FunctionStep(_drop_short, label="short"),
        soft,
        FunctionStep(_boom, label="boom"),
    ]


def _docs(seed: int, n: int) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        text = "".join(rng.choice("abx ") for _ in range(rng.randrange(0, 9)))
        d = Document(f"d{i}", text, {"i": i})
        if rng.random() < 0.1:  # already rejected upstream: passes through untouched
            d.reject("read", "bad_input")
        docs.append(d)
    return docs


def _run(batch: int, seed: int, n: int) -> tuple[list[dict], dict[str, dict]]:
    stats: dict[str, StepStats] = {}
    out = [d.to_dict() for d in run_steps(_steps(), _docs(seed, n), stats, batch=batch)]
    counts = {k: {f: v for f, v in s.to_dict().items() if f != "seconds"} for k, s in stats.items()}
    return out, counts


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("batch", [2, 3, 7, 128])
def test_any_batch_size_gives_the_one_at_a_time_result(seed: int, batch: int) -> None:
    n = 40 + seed * 13
    one, one_stats = _run(1, seed, n)
    got, got_stats = _run(batch, seed, n)
    assert [d["id"] for d in got] == [f"d{i}" for i in range(n)]  # every input, in input order
    assert got == one
    assert got_stats == one_stats
    statuses = {d["decision"]["status"] for d in one}
    assert {"kept", "rejected", "error"} <= statuses  # the run exercised every outcome


def test_batch_one_streams_and_larger_batches_read_ahead_only_a_batch() -> None:
    pulled: list[int] = []

    def source():
        for i in range(10):
            pulled.append(i)
            yield Document(str(i), "teks yang cukup")

    first = next(run_steps([FunctionStep(_drop_short, label="short")], source(), {}, batch=1))
    assert first.id == "0" and pulled == [0]
    pulled.clear()
    it = run_steps([FunctionStep(_drop_short, label="short")], source(), {}, batch=4)
    next(it)
    assert pulled == [0, 1, 2, 3]


def test_a_batch_ends_early_on_large_texts() -> None:
    big = "a" * (BATCH_CHARS // 2)
    docs = [Document(str(i), big) for i in range(5)]
    sizes = [len(b) for b in _batches(iter(docs), 128)]
    assert sizes == [2, 2, 1]


def _boom_marked(doc: Document):
    if "MELEDAK" in doc.text:
        raise ValueError("blows up")
    return None


def test_file_run_writes_read_errors_and_step_errors_in_input_order(tmp_path, monkeypatch) -> None:
    """A shard's errors file interleaves unreadable records and documents a step failed on in
    input order, as when documents went through one at a time."""
    import gzip
    import json

    from saring import Pipeline
    from saring.executors.runner import run_pipeline

    rows = []
    for i in range(12):
        rows.append(json.dumps({"id": f"d{i}", "text": "Teks MELEDAK." if i % 3 == 0 else "Teks biasa."}))
        if i % 4 == 1:
            rows.append('{"id": "rusak", "text": "tidak ditutup')
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(rows) + "\n")

    def errors_of(out):
        files = sorted((out / "errors").glob("*.jsonl.gz"))
        return [gzip.decompress(f.read_bytes()) for f in files]

    got = {}
    for size in (1, 128):
        monkeypatch.setattr("saring.step.BATCH_DOCS", size)
        pipe = Pipeline([FunctionStep(_boom_marked, label="boom")])
        run_pipeline(pipe, [src], tmp_path / f"o{size}", executor="serial", progress=False)
        got[size] = errors_of(tmp_path / f"o{size}")
    assert got[1] == got[128]
    kinds = [json.loads(line).get("kind") for line in got[1][0].splitlines()]
    assert "malformed_json" in kinds and "error" in kinds and kinds != sorted(kinds)
