"""One big input file is several shards: records, ids, line numbers and counts are those of a
whole-file read, parts are cut by content (not by workers), and two workers share the file."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
from conftest import kept_records, output_files

from saring import Pipeline
from saring.executors.runner import run_pipeline
from saring.executors.split import read_part, scan
from saring.io.readers import ReaderConfig, read_source, source_for_file

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"
BAD = REPO / "examples" / "bad_input.jsonl"


def _big(tmp: Path, compress: str | None) -> Path:
    """The sample and the bad input concatenated a few times (ids repeat: fine for a reader)."""
    data = (SAMPLE.read_bytes().rstrip(b"\n") + b"\n" + BAD.read_bytes().rstrip(b"\n") + b"\n\n") * 4
    data = data.rstrip(b"\n")  # the last line has no newline
    p = tmp / ("big.jsonl" + (".gz" if compress == "gz" else ""))
    p.write_bytes(gzip.compress(data, mtime=0) if compress == "gz" else data)
    return p


def _key(item) -> tuple:
    if hasattr(item, "kind"):
        return ("error", item.line, item.kind)
    return ("doc", item.id, item.metadata.get("source_line"), item.text, item.decision.status)


@pytest.mark.parametrize("compress", [None, "gz"])
@pytest.mark.parametrize("shard_bytes", [1000, 7777, 40_000])
def test_parts_read_exactly_the_records_of_the_whole_file(tmp_path, compress, shard_bytes) -> None:
    src = source_for_file(_big(tmp_path, compress))
    cfg = ReaderConfig()
    whole = [_key(x) for x in read_source(src, cfg)]
    key, parts = scan(src, shard_bytes)
    assert len(key) == 32
    assert len(parts) >= 2
    assert [p.index for p in parts] == list(range(len(parts)))
    assert all(a.end_line == b.first_line for a, b in zip(parts, parts[1:], strict=False))
    joined = [_key(x) for p in parts for x in read_part(src, cfg, p)]
    assert joined == whole
    assert scan(src, shard_bytes) == (key, parts)  # by content only


def test_small_or_binary_files_are_not_split(tmp_path) -> None:
    assert scan(source_for_file(SAMPLE), 1 << 20)[1] == []
    b = tmp_path / "blob.jsonl"
    b.write_bytes(bytes(range(256)) * 100)
    assert scan(source_for_file(b), 1000)[1] == []


def _outputs(out: Path) -> dict[str, bytes]:
    return output_files(out)  # kept/<lang>/part-*, rejected/, errors/


def _records(out: Path, sub: str) -> list[dict]:
    if sub == "kept":
        return kept_records(out)
    recs = []
    for p in sorted((out / sub).iterdir()):
        with gzip.open(p, "rb") as f:
            recs += [orjson.loads(x) for x in f]
    return recs


@pytest.mark.parametrize("compress", [None, "gz"])
def test_split_run_equals_whole_run_and_uses_two_workers(tmp_path, compress) -> None:
    big = _big(tmp_path, compress)
    steps = {"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}}]}
    whole = run_pipeline(Pipeline.from_config(steps), [str(big)], tmp_path / "whole", progress=False)
    split_cfg = {**steps, "limits": {"shard_bytes": 9000}}
    one = run_pipeline(Pipeline.from_config(split_cfg), [str(big)], tmp_path / "one", progress=False,
                       executor="serial")
    two = run_pipeline(Pipeline.from_config(split_cfg), [str(big)], tmp_path / "two", progress=False,
                       executor="local", workers=2)
    assert len(one.shards) >= 3 and all(n.startswith("big.p") for n in one.shards)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two") and two.counts == one.counts
    assert one.counts == whole.counts and one.ok and one.balanced
    for sub in ("kept", "rejected"):  # the same documents, in the same order, as a whole-file run
        assert ([(r["id"], r["metadata"]["source_line"], r["text"]) for r in _records(tmp_path / "one", sub)]
                == [(r["id"], r["metadata"]["source_line"], r["text"]) for r in _records(tmp_path / "whole", sub)])
    assert sorted((r["line"], r["kind"]) for r in _records(tmp_path / "one", "errors")) == \
        sorted((r["line"], r["kind"]) for r in _records(tmp_path / "whole", "errors"))
    man = orjson.loads((tmp_path / "two" / "manifest.json").read_bytes())
    (inp,) = man["inputs"]
    assert [p["shard"] for p in inp["parts"]] == list(one.shards) and inp["xxh3_128"]
    again = run_pipeline(Pipeline.from_config(split_cfg), [str(big)], tmp_path / "two", progress=False,
                         executor="local", workers=2)
    assert len(again.skipped_shards) == 2 * len(one.shards) + 1  # every part of both segments + dedup
    memo = list((tmp_path / "two" / "_work" / "done" / "scans").glob("*.json"))
    assert len(memo) == (1 if compress else 0)  # gzip line counts kept for the rerun


def _files(tmp: Path, compress: str | None) -> Path:
    """The sample and bad input as 8 files of unequal sizes (file 0 the largest)."""
    lines = (SAMPLE.read_bytes().rstrip(b"\n") + b"\n" + BAD.read_bytes().rstrip(b"\n")).split(b"\n")
    folder = tmp / "in"
    folder.mkdir()
    for i in range(8):
        data = b"\n".join(lines[i::8] * (8 - i)) + b"\n"
        p = folder / (f"f{i}.jsonl" + (".gz" if compress == "gz" else ""))
        p.write_bytes(gzip.compress(data, mtime=0) if compress == "gz" else data)
    return folder


@pytest.mark.parametrize("compress", [None, "gz"])
def test_tail_files_are_cut_by_content_and_outputs_match_whole_files(tmp_path, compress, monkeypatch) -> None:
    from saring.executors import split

    inputs = [str(_files(tmp_path, compress))]
    steps = {"steps": ["normalize", {"dedup": {"paragraph_min_docs": 3}}]}
    monkeypatch.setattr(split, "TAIL_MIN_SHARDS", 99)
    whole = run_pipeline(Pipeline.from_config(steps), inputs, tmp_path / "whole", progress=False)
    monkeypatch.setattr(split, "TAIL_MIN_SHARDS", 8)
    monkeypatch.setattr(split, "TAIL_MIN_BYTES", 0)
    monkeypatch.setattr(split, "TAIL_GRAIN", 64)
    one = run_pipeline(Pipeline.from_config(steps), inputs, tmp_path / "one", progress=False,
                       executor="serial")
    two = run_pipeline(Pipeline.from_config(steps), inputs, tmp_path / "two", progress=False,
                       executor="local", workers=2)
    assert len(whole.shards) == 8 and not any(".p0" in n for n in whole.shards)
    cut = sorted({n.split(".p0")[0] for n in one.shards if ".p0" in n})
    assert cut and "f0.jsonl" not in " ".join(cut)  # the smallest files, never the largest
    assert list(one.shards) == list(two.shards)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two") and two.counts == one.counts
    assert one.counts == whole.counts and one.ok and one.balanced
    for sub in ("kept", "rejected"):  # the same documents, in the same order, as whole files
        assert ([(r["id"], r["metadata"]["source_line"], r["text"]) for r in _records(tmp_path / "one", sub)]
                == [(r["id"], r["metadata"]["source_line"], r["text"]) for r in _records(tmp_path / "whole", sub)])
    assert sorted((r["line"], r["kind"]) for r in _records(tmp_path / "one", "errors")) == \
        sorted((r["line"], r["kind"]) for r in _records(tmp_path / "whole", "errors"))
    again = run_pipeline(Pipeline.from_config(steps), inputs, tmp_path / "two", progress=False,
                         executor="local", workers=2)
    assert len(again.skipped_shards) == 2 * len(one.shards) + 1  # the same plan on resume: all done


def test_tail_choice_is_the_smallest_files_within_their_share() -> None:
    from saring.executors import split

    sizes = [(i, 1 << 20) for i in range(16)]
    assert split.tail(sizes, 16) == [0, 1]  # 1/8 of 16 equal files: two, ties by position
    assert split.tail(sizes[:7], 7) == []  # a small run is not cut
    assert split.tail([*sizes[:15], (15, 1000)], 16) == [0]  # tiny files are never cut
    assert split.tail([(0, 9 << 20), *[(i, 1 << 20) for i in range(1, 9)]], 9) == [1, 2]


@pytest.mark.parametrize("compress", [None, "gz", "zst"])
def test_tail_parts_read_exactly_the_records_of_the_whole_file(tmp_path, compress, monkeypatch) -> None:
    import zstandard

    from saring.executors import split

    monkeypatch.setattr(split, "TAIL_GRAIN", 500)
    path = _big(tmp_path, None if compress == "zst" else compress)
    if compress == "zst":  # a zstd read may return more than asked: the skip must hand it on
        path = path.rename(tmp_path / "big.jsonl.zst")
        path.write_bytes(zstandard.ZstdCompressor().compress(path.read_bytes()))
    src = source_for_file(path)
    key = scan(src, 1 << 30)[0]
    parts = split.cut_in(src, key, 4, tmp_path)
    assert len(parts) == 4 and parts == split.cut_in(src, key, 4, tmp_path)  # by content; memo agrees
    cfg = ReaderConfig()
    got = [_key(x) for p in parts for x in read_part(src, cfg, p)]
    assert got == [_key(x) for x in read_source(src, cfg)]
    monkeypatch.setattr(split, "TAIL_GRAIN", 1 << 20)
    assert split.cut_in(source_for_file(SAMPLE), "k", 4) == []  # shorter than the grain: not cut
