"""The runner: output layout, accounting, corpus stages, resume, manifest, real corpora."""

from __future__ import annotations

import gzip
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import corpus_path, kept_records, output_files, undo_matches_input

from saring import CorpusStage, FilterStep, MapStep, Pipeline, Reject, StageOutput, StepStats
from saring.document import Document
from saring.executors.local import LocalExecutor
from saring.executors.runner import RunError, run_pipeline
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.io.readers import read_documents

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"
BAD = REPO / "examples" / "bad_input.jsonl"


# ----------------------------------------------------------------------------- test steps
class Upper(MapStep):
    name = "upper"

    def process(self, doc: Document) -> Reject | None:
        doc.replace_text(self.label, doc.text.upper(), "upper")
        return None


class MinWords(FilterStep):
    name = "min_words"

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        min_words: int = 8

    @property
    def min_words(self) -> int:
        return self.config.min_words

    def score(self, doc: Document) -> dict[str, Any]:
        return {"words": len(doc.text.split())}

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        if scores["words"] < self.min_words:
            return Reject("too_few_words", scores["words"], self.min_words)
        return None


class Boom(MapStep):
    name = "boom"

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        fail_id: str = ""

    @property
    def fail_id(self) -> str:
        return self.config.fail_id

    def process(self, doc: Document) -> Reject | None:
        if doc.id == self.fail_id:
            raise ValueError(f"cannot handle {doc.id}")
        return None


def _drop_task(task: tuple[str, str, list[str]]) -> int:
    path, output, ids = task
    docs = []
    for d in read_docs(path):
        if d.id in ids:
            d.reject("drop_ids", "listed")
        docs.append(d)
    write_docs(output, docs)  # every document, in order, with its decision
    return sum(d.id in ids for d in docs)


class DropIds(CorpusStage):
    """A tiny corpus stage: rejects documents whose id is listed (through executor tasks)."""

    name = "drop_ids"

    @dataclass(frozen=True, kw_only=True)
    class Config(CorpusStage.Config):
        ids: list[str]
        broken: bool = False

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        self.ids = sorted(self.config.ids)
        self.broken = self.config.broken

    def run(self, inputs, ctx) -> StageOutput:
        outs = [ctx.output(i) for i in range(len(inputs))]
        n = ctx.executor.map(_drop_task, [(str(p), str(o), self.ids) for p, o in zip(inputs, outs, strict=True)])
        if self.broken:
            outs = outs[:-1]
        st = StepStats(rejected=Counter({"listed": sum(n)}))
        return StageOutput(outs, st)


def _records(path: Path) -> list[dict]:
    return [d.to_dict() for d in read_documents(path)]


def _gz_lines(path: Path) -> list[dict]:
    with gzip.open(path, "rb") as f:
        return [orjson.loads(x) for x in f]


def _sample_ids() -> list[str]:
    return [orjson.loads(x)["id"] for x in SAMPLE.read_bytes().splitlines() if x.strip()]


def _short_ids(min_words: int = 8) -> set[str]:
    recs = [orjson.loads(x) for x in SAMPLE.read_bytes().splitlines() if x.strip()]
    return {r["id"] for r in recs if len(r["text"].split()) < min_words}


# ----------------------------------------------------------------------------- layout, accounting
def test_run_layout_counts_and_records(tmp_path) -> None:
    pipe = Pipeline([Upper(), MinWords(min_words=8), Boom(fail_id="tweet-2025-0001")])
    out = tmp_path / "out"
    res = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    short = _short_ids()
    assert short and "tweet-2025-0001" not in short
    n_sample = len(_sample_ids())
    assert res.counts == {"input": n_sample + 8, "kept": n_sample - len(short) - 1 + 2,
                          "rejected": len(short), "errors": 6 + 1}
    assert res.ok and res.balanced and not res.mismatches
    assert res.shards["sample"] == {"input": n_sample, "kept": n_sample - len(short) - 1,
                                    "rejected": len(short), "errors": 1}
    # no langid in this pipeline: partitions follow the declared language (none: other)
    assert sorted(p.name for p in (out / "kept").iterdir()) == ["id", "other"]
    kept = kept_records(out, "sample")
    assert len(kept_records(out)) == res.counts["kept"]
    assert all(r["text"] == r["text"].upper() for r in kept)
    assert all(r["edits"][0]["kind"] == "upper" for r in kept)
    rejected = _gz_lines(out / "rejected" / "sample.jsonl.gz")
    assert {r["id"] for r in rejected} == short
    assert all(r["decision"]["step"] == "min_words" and r["decision"]["reason"] == "too_few_words"
               and r["decision"]["value"] < 8 == r["decision"]["threshold"] for r in rejected)
    (err,) = _gz_lines(out / "errors" / "sample.jsonl.gz")
    assert err["step"] == "boom" and err["id"] == "tweet-2025-0001"
    assert "ValueError" in err["message"] and err["line"] == _sample_ids().index("tweet-2025-0001") + 1
    assert err["doc"]["text"].isupper()  # the document as it was when the step failed

    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["counts"] == res.counts and stats["accounting"]["balanced"] is True
    assert stats["steps"]["min_words"]["rejected"] == {"too_few_words": len(short)}
    assert stats["steps"]["boom"]["errors"] == 1
    assert stats["steps"]["read"]["errors"] == 6
    assert res.rejected_by_reason == {"min_words:too_few_words": len(short)}

    man = orjson.loads((out / "manifest.json").read_bytes())
    assert man["status"] == "complete"
    assert {i["shard"]: i["bytes"] for i in man["inputs"]} == {
        "sample": SAMPLE.stat().st_size, "bad_input": BAD.stat().st_size}
    assert all(len(i["xxh3_128"]) == 32 for i in man["inputs"])
    assert man["versions"]["saring"] and man["python"]
    assert [next(iter(s)) for s in man["config"]["steps"]] == ["upper", "min_words", "boom"]


def test_score_only_filter_keeps_and_records_would_reject(tmp_path) -> None:
    res = run_pipeline(Pipeline([MinWords(min_words=8, score_only=True)]), [str(SAMPLE)],
                       tmp_path / "o", progress=False)
    assert res.counts["rejected"] == 0
    assert res.stats["min_words"]["would_reject"] == {"too_few_words": len(_short_ids())}


def test_local_pool_gives_same_output_as_serial(tmp_path) -> None:
    pipe = Pipeline([Upper(), MinWords(min_words=8)])
    run_pipeline(pipe, [str(SAMPLE), str(BAD)], tmp_path / "a", progress=False)
    with LocalExecutor(2) as ex:
        res = run_pipeline(pipe, [str(SAMPLE), str(BAD)], tmp_path / "b", executor=ex, progress=False)
    assert res.ok
    assert output_files(tmp_path / "a") == output_files(tmp_path / "b")
    assert any(k.startswith("kept/") for k in output_files(tmp_path / "a"))


def test_doc_over_size_limit_is_rejected_with_length(tmp_path) -> None:
    pipe = Pipeline([Upper()], limits={"max_doc_chars": 600})
    res = run_pipeline(pipe, [str(SAMPLE)], tmp_path / "o", progress=False)
    long_ids = {orjson.loads(x)["id"]: len(orjson.loads(x)["text"])
                for x in SAMPLE.read_bytes().splitlines() if len(orjson.loads(x)["text"]) > 600}
    rej = _gz_lines(tmp_path / "o" / "rejected" / "sample.jsonl.gz")
    assert {r["id"]: r["decision"]["value"] for r in rej} == long_ids
    assert all(r["decision"] | {"value": 0} == {"status": "rejected", "step": "read", "reason": "too_long",
                                                 "value": 0, "threshold": 600} for r in rej)
    assert all(not r["edits"] for r in rej)  # rejected on read: no step touched them
    assert res.rejected_by_reason == {"read:too_long": len(long_ids)}


def test_strict_marks_run_not_ok_when_errors(tmp_path) -> None:
    res = run_pipeline(Pipeline([]), [str(BAD)], tmp_path / "o", strict=True, progress=False)
    assert res.balanced and not res.ok and res.counts["errors"] == 6
    res2 = run_pipeline(Pipeline([]), [str(SAMPLE)], tmp_path / "o2", strict=True, progress=False)
    assert res2.ok


# ----------------------------------------------------------------------------- corpus stages
@pytest.mark.parametrize("pool", [False, True])
def test_corpus_stage_between_segments(tmp_path, pool: bool) -> None:
    drop = ["detik-2025-0001", "kompas-2025-0002", "baik-2"]
    pipe = Pipeline([Upper(), DropIds(ids=drop), MinWords(min_words=8)])
    out = tmp_path / "out"
    if pool:
        with LocalExecutor(2) as ex:
            res = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, executor=ex, progress=False)
    else:
        res = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, executor=SerialExecutor(), progress=False)
    assert res.ok, res.mismatches
    short = _short_ids()
    kept_ids = {r["id"] for r in kept_records(out, "sample")}
    assert kept_ids == set(_sample_ids()) - short - set(drop)
    assert {r["id"] for r in kept_records(out, "bad_input")} == {"baik-1"}
    # the segment after the stage writes the stage's rejects and its own into one file
    after = _gz_lines(out / "rejected" / "sample.drop_ids.jsonl.gz")
    dropped = [r for r in after if r["decision"]["step"] == "drop_ids"]
    assert {r["id"] for r in dropped} == {"detik-2025-0001", "kompas-2025-0002"}
    assert all(r["decision"]["reason"] == "listed" and r["text"].isupper() for r in dropped)
    assert {r["id"] for r in after if r["decision"]["step"] == "min_words"} == short
    assert not (out / "rejected" / "sample.jsonl.gz").exists() or not _gz_lines(out / "rejected" / "sample.jsonl.gz")
    assert res.counts == {"input": 35 + 8, "kept": len(kept_ids) + 1,
                          "rejected": len(short) + 3, "errors": 6}
    assert res.stats["drop_ids"]["rejected"] == {"listed": 3}
    assert res.rejected_by_reason["drop_ids:listed"] == 3


def test_pipeline_starting_with_corpus_stage(tmp_path) -> None:
    res = run_pipeline(Pipeline([DropIds(ids=["tweet-2025-0001"])]), [str(SAMPLE)], tmp_path / "o",
                       progress=False)
    assert res.ok and res.counts["kept"] == 34 and res.counts["rejected"] == 1
    assert "tweet-2025-0001" not in {r["id"] for r in kept_records(tmp_path / "o")}


def test_corpus_stage_with_wrong_outputs_fails_clearly(tmp_path) -> None:
    pipe = Pipeline([DropIds(ids=[], broken=True)])
    with pytest.raises(RunError, match="expected one per shard"):
        run_pipeline(pipe, [str(SAMPLE), str(BAD)], tmp_path / "o", progress=False)
    man = orjson.loads((tmp_path / "o" / "manifest.json").read_bytes())
    assert man["status"] == "failed"


# ----------------------------------------------------------------------------- resume, output folder
def test_rerun_skips_completed_shards_and_changes_nothing(tmp_path) -> None:
    pipe = Pipeline([Upper(), MinWords()])
    out = tmp_path / "o"
    first = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "kept").rglob("*")
              if p.is_file()}
    assert before
    second = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    assert sorted(second.skipped_shards) == ["bad_input@seg0", "sample@seg0"]
    assert second.counts == first.counts and second.stats == first.stats
    assert second.languages == first.languages
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "kept").rglob("*")
            if p.is_file()} == before  # the dataset phase was skipped too
    # a lost marker of the final segment: the dataset needs every shard's kept documents again
    # (deleted once it was written), so the final segment runs for all shards; same bytes
    os.unlink(out / "_work" / "done" / "seg0" / "bad_input.json")
    third = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    assert third.skipped_shards == [] and third.counts == first.counts
    assert {p: p.read_bytes() for p in (out / "kept").rglob("*") if p.is_file()} == {
        p: v[0] for p, v in before.items()}
    # a lost dataset part: the dataset (and the kept documents it is built from) is redone
    next(iter(before)).unlink()
    again = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False)
    assert again.skipped_shards == [] and again.languages == first.languages
    fourth = run_pipeline(pipe, [str(SAMPLE), str(BAD)], out, progress=False, resume=False)
    assert fourth.skipped_shards == [] and fourth.counts == first.counts


def test_different_config_into_same_folder_is_refused(tmp_path) -> None:
    run_pipeline(Pipeline([Upper()]), [str(SAMPLE)], tmp_path / "o", progress=False)
    with pytest.raises(RunError, match="different config or inputs"):
        run_pipeline(Pipeline([MinWords()]), [str(SAMPLE)], tmp_path / "o", progress=False)


def test_unusable_output_folder_and_missing_input(tmp_path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(RunError, match="not a folder"):
        run_pipeline(Pipeline([]), [str(SAMPLE)], tmp_path / "afile", progress=False)
    with pytest.raises(RunError, match="matches no file"):
        run_pipeline(Pipeline([]), [str(tmp_path / "nope.jsonl")], tmp_path / "o", progress=False)


def test_parquet_output_can_be_read_back_as_input(tmp_path) -> None:
    pipe = Pipeline([Upper()], writer={"format": "parquet"})
    run_pipeline(pipe, [str(SAMPLE)], tmp_path / "a", progress=False)
    assert (tmp_path / "a" / "kept" / "id" / "part-00000-of-00001.parquet").exists()
    res = run_pipeline(Pipeline([MinWords()]), [str(tmp_path / "a" / "kept")], tmp_path / "b",
                       progress=False)
    assert res.counts["input"] == 35 and res.counts["rejected"] == len(_short_ids())
    recs = kept_records(tmp_path / "b")
    assert all(r["edits"][0]["step"] == "upper" and "min_words" in r["annotations"] for r in recs)


# ----------------------------------------------------------------------------- real corpora
def test_default_pipeline_over_real_corpora(tmp_path) -> None:
    inputs = [corpus_path("id_news_detik_langscrape.jsonl.gz"), corpus_path("id_messy_sample.jsonl.gz")]
    lines = sum(sum(1 for x in gzip.open(p, "rb") if x.strip()) for p in inputs)
    res = run_pipeline(Pipeline.default(), [str(p) for p in inputs], tmp_path / "o", workers=2,
                       progress=False)
    assert res.ok and res.counts["input"] == lines
    assert res.counts["kept"] + res.counts["rejected"] + res.counts["errors"] == lines
    assert res.counts["errors"] == 0
    assert sum(res.stats["normalize"]["edits"].values()) > 0
    kept = [Document.from_dict(d) for d in kept_records(tmp_path / "o", "id_messy_sample")]
    assert len(kept) == res.shards["id_messy_sample"]["kept"]
    raw = {r["id"]: r["text"] for r in map(orjson.loads, gzip.open(inputs[1], "rb"))}
    assert all(undo_matches_input(d, raw[d.id]) for d in kept)  # edits undo to the input
    assert any(d.edits for d in kept)


class BadSetup(MapStep):
    name = "bad_setup"

    def setup(self) -> None:
        raise RuntimeError("model file missing")

    def process(self, doc: Document) -> Reject | None:
        return None


def test_shard_failing_for_good_names_the_shard_and_leaves_no_marker(tmp_path) -> None:
    with LocalExecutor(1, retries=1) as ex, pytest.raises(RunError) as info:
        run_pipeline(Pipeline([BadSetup()]), [str(SAMPLE)], tmp_path / "o", executor=ex, progress=False)
    assert "shard sample failed in segment 0" in str(info.value)
    assert "RuntimeError: model file missing" in str(info.value)
    assert not (tmp_path / "o" / "_work" / "kept" / "sample.docs.zst").exists()
    assert not (tmp_path / "o" / "kept").exists()
    assert not (tmp_path / "o" / "_work" / "done" / "seg0" / "sample.json").exists()
    assert orjson.loads((tmp_path / "o" / "manifest.json").read_bytes())["status"] == "failed"
    with pytest.raises(RunError, match="model file missing"):
        run_pipeline(Pipeline([BadSetup()]), [str(SAMPLE)], tmp_path / "o", progress=False)
