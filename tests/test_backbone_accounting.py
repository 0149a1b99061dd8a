"""Nothing lost: every input record ends in exactly one of kept / rejected / errors, and a stage
that loses documents is caught by the accounting check."""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import dataclass

import orjson
from conftest import kept_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring import CorpusStage, FilterStep, Pipeline, Reject, StageOutput, StepStats
from saring.document import Document
from saring.executors.accounting import ShardResult
from saring.executors.accounting import account as _account
from saring.executors.runner import run_pipeline
from saring.io.docfile import read_docs, write_docs


class HashFilter(FilterStep):
    """Rejects documents whose text length is divisible by ``mod`` (deterministic, arbitrary)."""

    name = "hash_filter"

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        mod: int = 3

    @property
    def mod(self) -> int:
        return self.config.mod

    def score(self, doc: Document) -> dict:
        return {"n": len(doc.text)}

    def decide(self, scores: dict, doc: Document) -> Reject | None:
        return Reject("divisible", scores["n"], self.mod) if scores["n"] % self.mod == 0 else None


def _lose_task(task: tuple[str, str]) -> None:
    path, output = task
    write_docs(output, list(read_docs(path))[1:])  # the first document silently disappears


class LosesOne(CorpusStage):
    name = "loses_one"

    def run(self, inputs, ctx) -> StageOutput:
        outs = [ctx.output(i) for i in range(len(inputs))]
        ctx.executor.map(_lose_task, [(str(p), str(o)) for p, o in zip(inputs, outs, strict=True)])
        return StageOutput(outs, StepStats())


LINE_KINDS = st.sampled_from(["good", "good", "good", "json", "utf8", "nul", "notext", "blank"])


def _line(kind: str, i: int) -> bytes:
    text = f"Dokumen ke-{i} " + "kata " * (i % 7)
    return {
        "good": orjson.dumps({"id": f"d{i}", "text": text}),
        "json": b'{"id": "d%d", "text": ' % i,
        "utf8": b'{"id": "d%d", "text": "\xff\xfe"}' % i,
        "nul": b'{"id": "d%d", "text": "a\x00"}' % i,
        "notext": b'{"id": "d%d"}' % i,
        "blank": b"   ",
    }[kind]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shards=st.lists(st.lists(LINE_KINDS, max_size=30), min_size=1, max_size=3),
       mod=st.integers(2, 5))
def test_every_record_lands_exactly_once(tmp_path_factory, shards: list[list[str]], mod: int) -> None:
    base = tmp_path_factory.mktemp("acc")
    inputs, expected_lines = [], {}
    for s, kinds in enumerate(shards):
        p = base / f"in{s}.jsonl"
        p.write_bytes(b"\n".join(_line(k, s * 100 + i) for i, k in enumerate(kinds)))
        inputs.append(str(p))
        expected_lines[f"in{s}"] = {i + 1 for i, k in enumerate(kinds) if k != "blank"}
    res = run_pipeline(Pipeline([HashFilter(mod=mod)]), inputs, base / "out", progress=False)
    assert res.balanced and not res.mismatches
    for shard, lines in expected_lines.items():
        seen: Counter[int] = Counter()
        for rec in kept_records(base / "out", shard):
            seen[rec["metadata"]["source_line"]] += 1
        for sub in ("rejected", "errors"):
            with gzip.open(base / "out" / sub / f"{shard}.jsonl.gz", "rb") as f:
                for rec in map(orjson.loads, f):
                    seen[rec["line"] if sub == "errors" else rec["metadata"]["source_line"]] += 1
        assert set(seen) == lines and all(v == 1 for v in seen.values())
        assert res.shards[shard]["input"] == len(lines)
    assert res.counts["input"] == sum(len(v) for v in expected_lines.values())


def test_stage_that_loses_documents_fails_the_accounting(tmp_path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(b"\n".join(_line("good", i) for i in range(5)))
    res = run_pipeline(Pipeline([LosesOne()]), [str(p)], tmp_path / "out", progress=False)
    assert not res.balanced and not res.ok
    assert any("segment 2: read 4 docs but segment 0 kept 5" in m for m in res.mismatches)
    stats = orjson.loads((tmp_path / "out" / "stats.json").read_bytes())
    assert stats["accounting"]["balanced"] is False
    assert orjson.loads((tmp_path / "out" / "manifest.json").read_bytes())["status"] == "failed"


def test_account_checks_every_segment_and_the_chain(tmp_path) -> None:
    seg0 = [ShardResult("a", 0, input=10, kept=7, rejected=2, errors=1)]
    seg1 = [ShardResult("a", 1, input=6, kept=6)]  # reads 6 but segment 0 kept 7
    res = _account(tmp_path, [seg0, seg1], ["a"], {}, [], False, 1.0)
    assert not res.balanced
    assert res.mismatches == [
        "a: input 10 != kept 6 + rejected 2 + errors 1",
        "a segment 1: read 6 docs but segment 0 kept 7",
    ]
    ok = _account(tmp_path, [seg0, [ShardResult("a", 1, input=7, kept=5, rejected=2)]], ["a"], {},
                  [], False, 1.0)
    assert ok.balanced and ok.counts == {"input": 10, "kept": 5, "rejected": 4, "errors": 1}
