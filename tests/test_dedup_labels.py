"""Dedup cluster labels name a document's source file and line, whatever the run's plan (issue 17).

Since session 16 a run of >= 8 files reads its smallest files as 4 parts each; ``cluster_id`` /
``kept_key`` were ``shard:row`` and moved with the cut. These tests run one corpus as whole
files, cut into tail parts, and cut on 2 workers, and compare the written records byte for byte.
"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import orjson
import pytest
from conftest import kept_records

from saring import Pipeline
from saring.executors.runner import run_pipeline

_WORDS = (
    "warga desa pasar nelayan perahu hujan jalan jembatan sekolah guru murid kepala dinas bupati "
    "camat harga beras ikan kopi panen sawah kebun listrik air bersih sungai banjir rumah sakit "
    "dokter obat bantuan dana anggaran proyek kantor rapat laporan musim kemarau angin gelombang"
).split()


def _story(rng: random.Random) -> str:
    paras = [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(30, 45))) + "." for _ in range(4)
    ]
    return "\n".join(paras)


def _near(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), 3):
        words[i] = "perubahan"
    return " ".join(words)


def _corpus(tmp: Path) -> Path:
    """8 files of unequal sizes; stories recur across files as exact and near copies."""
    rng = random.Random(17)
    stories = [_story(rng) for _ in range(40)]
    folder = tmp / "in"
    folder.mkdir()
    n = 0
    for f in range(8):
        lines = []
        for _ in range(6 + 5 * (8 - f)):
            s = rng.randrange(len(stories))
            text = stories[s] if rng.random() < 0.5 else _near(stories[s], rng)
            lines.append(orjson.dumps({"id": f"d{n}", "text": text}))
            n += 1
        (folder / f"f{f}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return folder


def _rejected_lines(out: Path) -> list[bytes]:
    lines: list[bytes] = []
    for p in sorted((out / "rejected").rglob("*.jsonl*")):
        opener = gzip.open if p.suffix == ".gz" else open
        with opener(p, "rb") as fh:
            lines += [x for x in fh.read().split(b"\n") if x]
    return sorted(lines)


def _run(inputs: list[str], out: Path, **kw) -> None:
    steps = {"steps": [{"dedup": {"paragraph_min_docs": 3}}]}
    res = run_pipeline(Pipeline.from_config(steps), inputs, out, progress=False, **kw)
    assert res.ok


def test_labels_are_source_lines_and_identical_whatever_the_plan(
    tmp_path: Path, monkeypatch
) -> None:
    from saring.executors import split

    inputs = [str(_corpus(tmp_path))]
    monkeypatch.setattr(split, "TAIL_MIN_SHARDS", 99)  # no cut: one task per file
    _run(inputs, tmp_path / "whole", executor="serial")
    monkeypatch.setattr(split, "TAIL_MIN_SHARDS", 8)
    monkeypatch.setattr(split, "TAIL_MIN_BYTES", 0)
    monkeypatch.setattr(split, "TAIL_GRAIN", 64)
    _run(inputs, tmp_path / "cut", executor="serial")
    _run(inputs, tmp_path / "cut2", executor="local", workers=2)
    manifest = orjson.loads((tmp_path / "cut" / "manifest.json").read_bytes())
    assert any(i.get("parts") for i in manifest["inputs"])  # the plan really differs
    rejected = _rejected_lines(tmp_path / "whole")
    kept = [orjson.dumps(d, option=orjson.OPT_SORT_KEYS) for d in kept_records(tmp_path / "whole")]
    for other in ("cut", "cut2"):
        assert _rejected_lines(tmp_path / other) == rejected
        got = [orjson.dumps(d, option=orjson.OPT_SORT_KEYS) for d in kept_records(tmp_path / other)]
        assert got == kept
    dups = [orjson.loads(x) for x in rejected]
    dups = [d for d in dups if d["decision"]["step"] == "dedup"]
    assert len(dups) > 20
    for d in dups:  # the label is the kept document's source file and line
        ann = d["annotations"]["dedup"]
        path, _, line = ann["kept_key"].rpartition(":")
        assert Path(path).parent == Path(inputs[0]) and int(line) >= 1
        assert ann["cluster_id"].rpartition(":")[0].endswith(".jsonl")


@pytest.mark.parametrize(
    "meta", [{}, {"source_file": "a.jsonl"}, {"source_file": 3, "source_line": 1}]
)
def test_documents_without_a_source_are_labelled_by_shard_and_row(meta: dict) -> None:
    from saring.dedup.stage import _source_label

    assert _source_label({"metadata": meta}) == ""
    assert (
        _source_label({"metadata": {"source_file": "x/a.jsonl", "source_line": 7}}) == "x/a.jsonl:7"
    )
