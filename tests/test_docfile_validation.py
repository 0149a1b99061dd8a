"""saring's own document files are validated line by line when read back (issue 12 leftover).

A corrupt or crafted line in an intermediate (``_work/``) becomes an error record naming the file
and line; the run goes on and the accounting still balances.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
import zstandard

from saring import CorpusStage, Pipeline, StageOutput, StepStats
from saring.dedup.stage import Dedup
from saring.document import Document
from saring.executors.runner import run_pipeline
from saring.io.docfile import BAD_LINE, read_docs, write_docs

GOOD = {"id": "ok", "text": "halo dunia", "metadata": {}, "edits": [], "annotations": {},
        "flags": [], "decision": {"status": "kept"}}
CRAFTED = [
    b"not json at all",
    b"[1, 2, 3]",
    orjson.dumps({**GOOD, "id": "e1", "edits": [{}]}),  # the issue-12 poison record
    orjson.dumps({**GOOD, "id": "e2", "edits": [{"step": "x", "kind": "k", "start": 0, "end": 5,
                                                 "before": "ab", "after": ""}]}),  # offsets lie
    orjson.dumps({**GOOD, "id": "e3", "metadata": "not an object"}),
    orjson.dumps({**GOOD, "id": "e4", "decision": {"status": "maybe"}}),
    orjson.dumps({**GOOD, "id": "e5", "annotations": {"q": 3}}),
    orjson.dumps({**GOOD, "id": "e6", "text": None}),
]


def _write_lines(path: Path, lines: list[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zstandard.ZstdCompressor().compress(b"\n".join(lines) + b"\n"))


def test_every_bad_line_becomes_an_error_document_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.docs.zst"
    _write_lines(path, [orjson.dumps(GOOD), *CRAFTED, orjson.dumps({**GOOD, "id": "last"})])
    docs = list(read_docs(path))
    assert [d.id for d in docs][:1] == ["ok"] and docs[-1].id == "last"
    assert [d.status for d in docs] == ["kept"] + ["error"] * len(CRAFTED) + ["kept"]
    for n, d in enumerate(docs[1:-1], start=2):
        assert d.decision.reason == BAD_LINE
        assert f"{path} line {n}:" in d.decision.message
        assert d.metadata == {"source_file": str(path), "source_line": n}
    assert [d.id for d in docs[3:]][:6] == ["e1", "e2", "e3", "e4", "e5", "e6"]  # ids kept


def test_round_trip_of_real_documents_is_unchanged(tmp_path: Path) -> None:
    d = Document("a", "Harga cabai naik.", {"url": "https://x.id"})
    d.replace_text("norm", "Harga cabai turun.", "edit")
    d.annotate("q", score=0.5)
    d.flag("q", "odd", start=0, end=1)
    r = Document("b", "pendek")
    r.reject("len", "too_short", 6, 10)
    write_docs(tmp_path / "y.docs.zst", [d, r])
    back = list(read_docs(tmp_path / "y.docs.zst"))
    assert [x.to_dict() for x in back] == [d.to_dict(), r.to_dict()]


class Crafty(CorpusStage):
    """A stage whose output file has one document line replaced by a crafted record (what a
    corrupted or tampered intermediate looks like to the next unit)."""

    name = "crafty"

    @dataclass(frozen=True, kw_only=True)
    class Config(CorpusStage.Config):
        victim: str

    def run(self, inputs, ctx) -> StageOutput:  # noqa: ANN001
        outs = [ctx.output(i) for i in range(len(inputs))]
        for src, dst in zip(inputs, outs, strict=True):
            lines = []
            for doc in read_docs(src):
                if doc.id == self.config.victim:
                    lines.append(orjson.dumps({**doc.to_dict(), "edits": [{"step": "x"}]}))
                else:
                    lines.append(orjson.dumps(doc.to_dict()))
            _write_lines(Path(dst), lines)
        return StageOutput(outs, StepStats())


@pytest.mark.parametrize("then_dedup", [False, True])
def test_a_crafted_intermediate_line_is_an_error_record_and_the_run_goes_on(
        tmp_path: Path, then_dedup: bool) -> None:
    src = tmp_path / "in.jsonl"
    words = ["beras", "cabai", "gula", "minyak", "telur", "bawang", "garam", "kopi"]
    recs = [{"id": f"d{i}", "text": f"Berita tentang harga {w} di pasar induk {w} hari ini."}
            for i, w in enumerate(words)]
    src.write_bytes(b"\n".join(orjson.dumps(r) for r in recs) + b"\n")
    steps = [Crafty(victim="d3")] + ([Dedup(paragraphs=False)] if then_dedup else [])
    res = run_pipeline(Pipeline(steps), [str(src)], tmp_path / "out", progress=False)
    assert res.balanced and res.counts == {"input": 8, "kept": 7, "rejected": 0, "errors": 1}
    import gzip

    errs = [orjson.loads(x) for f in sorted((tmp_path / "out" / "errors").glob("*"))
            for x in gzip.decompress(f.read_bytes()).splitlines()]
    [rec] = errs
    assert rec["id"] == "d3" and rec["kind"] == BAD_LINE
    assert rec["file"].endswith(".docs.zst") and rec["line"] == 4
    assert "line 4" in rec["message"] and "edits[0]" in rec["message"]


# ----------------------------------------------------------------------------- nothing before checks
@pytest.mark.parametrize(
    ("config", "inputs", "message"),
    [
        ({"steps": ["normalize"], "writer": {"format": "xml"}}, "sample", "unknown output format"),
        ({"steps": ["normalize"], "reader": {"text_fild": "x"}}, "sample", "unknown reader option"),
        ({"steps": ["normalize"], "limits": {"shard_bytes": -1}}, "sample", "shard_bytes"),
        ({"steps": ["normalize"]}, "missing", "matches no file"),
    ],
)
def test_a_bad_config_or_input_creates_no_output_folder_and_no_lock(
        tmp_path: Path, config: dict, inputs: str, message: str) -> None:
    from saring.executors.manifest import RunError
    from saring.registry import ConfigError

    sample = Path(__file__).resolve().parents[1] / "examples" / "sample.jsonl"
    src = str(sample) if inputs == "sample" else str(tmp_path / "nothing-*.jsonl")
    out = tmp_path / "deep" / "out"
    with pytest.raises((ConfigError, RunError), match=message):
        run_pipeline(Pipeline.from_config(config), [src], out, progress=False)
    assert not out.exists() and not out.parent.exists()
