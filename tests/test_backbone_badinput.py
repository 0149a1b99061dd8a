"""One test per kind of bad input: each gives a clear error or rejection record, the run goes on,
and input == kept + rejected + errors still holds."""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import orjson
import pytest
import zstandard
from conftest import kept_records

from saring import Pipeline
from saring.executors.runner import run_pipeline

GOOD = [b'{"id": "g1", "text": "Warga membersihkan selokan menjelang musim hujan."}',
        b'{"id": "g2", "text": "Harga cabai turun setelah panen raya di Brebes."}']


def _run(tmp_path: Path, *files: Path, **limits: int):
    pipe = Pipeline([], limits=limits or None)
    res = run_pipeline(pipe, [str(f) for f in files], tmp_path / "out", progress=False)
    assert res.balanced, res.mismatches
    return res


def _errors(tmp_path: Path, shard: str) -> list[dict]:
    with gzip.open(tmp_path / "out" / "errors" / f"{shard}.jsonl.gz", "rb") as f:
        return [orjson.loads(x) for x in f]


def _kept_ids(tmp_path: Path, shard: str) -> list[str]:
    return [d["id"] for d in kept_records(tmp_path / "out", shard)]


def _file_with(tmp_path: Path, bad: bytes, name: str = "in.jsonl") -> Path:
    p = tmp_path / name
    p.write_bytes(GOOD[0] + b"\n" + bad + b"\n" + GOOD[1] + b"\n")
    return p


@pytest.mark.parametrize(
    ("bad", "kind", "message"),
    [
        (b'{"id": "x", "text": "tanpa penutup', "malformed_json", "malformed JSON"),
        (b'{"id": "x", "text": "Caf\xe9 enak"}', "invalid_utf8", "not valid UTF-8"),
        (b'{"id": "x", "text": "a\x00b"}', "nul_bytes", "NUL bytes"),
        (b'{"id": "x", "isi": "teks di kolom lain"}', "missing_text", "no 'text' field"),
        (b'{"id": "x", "text": ["daftar", "kata"]}', "text_not_string", "is list"),
        (b'{"id": "x", "text": null}', "missing_text", "no 'text' field"),
        (b"[1, 2, 3]", "not_object", "expected a JSON object"),
    ],
)
def test_bad_line_becomes_error_record(tmp_path, bad: bytes, kind: str, message: str) -> None:
    res = _run(tmp_path, _file_with(tmp_path, bad))
    assert res.counts == {"input": 3, "kept": 2, "rejected": 0, "errors": 1}
    (err,) = _errors(tmp_path, "in")
    assert err["kind"] == kind and message in err["message"]
    assert err["line"] == 2 and err["file"].endswith("in.jsonl")
    raw = err["raw"].encode() if "raw" in err else base64.b64decode(err["raw_b64"])
    assert raw == bad
    assert _kept_ids(tmp_path, "in") == ["g1", "g2"]
    assert res.errors_by_kind == {kind: 1}


def test_empty_file(tmp_path) -> None:
    (tmp_path / "kosong.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl.gz").write_bytes(gzip.compress(b"\n\n  \n"))
    res = _run(tmp_path, tmp_path / "kosong.jsonl", tmp_path / "blank.jsonl.gz")
    assert res.counts == {"input": 0, "kept": 0, "rejected": 0, "errors": 0}
    assert res.ok and _kept_ids(tmp_path, "kosong") == []


def _many_docs(n: int) -> bytes:
    return b"".join(orjson.dumps({"id": f"d{i}", "text": f"Berita nomor {i} tentang pasar."}) + b"\n"
                    for i in range(n))


@pytest.mark.parametrize("comp", ["gz", "zst"])
def test_truncated_compressed_file(tmp_path, comp: str) -> None:
    data = _many_docs(40_000)
    blob = gzip.compress(data) if comp == "gz" else zstandard.ZstdCompressor().compress(data)
    p = tmp_path / f"potong.jsonl.{comp}"
    p.write_bytes(blob[: len(blob) // 2])
    res = _run(tmp_path, p)
    errs = _errors(tmp_path, "potong")
    trunc = [e for e in errs if e["kind"] == "truncated"]
    assert len(trunc) == 1 and "truncated" in trunc[0]["message"]
    assert {"gz": "gzip", "zst": "zstd"}[comp] in trunc[0]["message"]
    kept = _kept_ids(tmp_path, "potong")
    assert 0 < len(kept) < 40_000
    assert kept == [f"d{i}" for i in range(len(kept))]  # a clean prefix, nothing invented
    assert res.counts["input"] == len(kept) + len(errs)


@pytest.mark.parametrize(
    "payload",
    [bytes(range(256)) * 64, b"\x89PNG\r\n\x1a\n" + bytes(4000), b"PK\x03\x04" + b"\x00\x01" * 3000],
)
def test_binary_file_given_as_input(tmp_path, payload: bytes) -> None:
    p = tmp_path / "gambar.jsonl"
    p.write_bytes(payload)
    res = _run(tmp_path, p, _file_with(tmp_path, GOOD[0], "ok.jsonl"))
    (err,) = _errors(tmp_path, "gambar")
    assert err["kind"] == "binary" and "binary" in err["message"] and err["line"] is None
    assert err["raw_size"] == len(payload) and "raw_b64" in err
    assert res.shards["gambar"] == {"input": 1, "kept": 0, "rejected": 0, "errors": 1}
    assert res.shards["ok"]["kept"] == 3


def test_binary_file_with_unknown_extension_and_gzip_of_binary(tmp_path) -> None:
    (tmp_path / "data.bin").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "x.jsonl.gz").write_bytes(gzip.compress(bytes(range(256)) * 16))
    res = _run(tmp_path, tmp_path / "data.bin", tmp_path / "x.jsonl.gz")
    assert res.errors_by_kind == {"binary": 2}


def test_not_actually_gzip_is_read_by_magic_bytes(tmp_path) -> None:
    p = tmp_path / "palsu.jsonl.gz"
    p.write_bytes(GOOD[0] + b"\n")
    res = _run(tmp_path, p)
    assert _errors(tmp_path, "palsu") == []
    assert _kept_ids(tmp_path, "palsu") == ["g1"]
    assert res.counts["errors"] == 0


def test_document_over_char_limit_is_rejected(tmp_path) -> None:
    long_text = "kata " * 5000
    p = _file_with(tmp_path, orjson.dumps({"id": "panjang", "text": long_text}))
    res = _run(tmp_path, p, max_doc_chars=10_000)
    with gzip.open(tmp_path / "out" / "rejected" / "in.jsonl.gz", "rb") as f:
        (rec,) = [orjson.loads(x) for x in f]
    assert rec["id"] == "panjang" and rec["text"] == long_text
    assert rec["decision"] == {"status": "rejected", "step": "read", "reason": "too_long",
                               "value": len(long_text), "threshold": 10_000}
    assert res.counts == {"input": 3, "kept": 2, "rejected": 1, "errors": 0}


def test_line_over_byte_limit_is_rejected_without_loading(tmp_path) -> None:
    big = orjson.dumps({"id": "raksasa", "text": "x" * 3_000_000})
    p = _file_with(tmp_path, big)
    res = _run(tmp_path, p, max_line_bytes=100_000)
    with gzip.open(tmp_path / "out" / "rejected" / "in.jsonl.gz", "rb") as f:
        (rec,) = [orjson.loads(x) for x in f]
    assert rec["decision"]["reason"] == "too_long" and rec["decision"]["value"] == len(big)
    assert rec["decision"]["threshold"] == 100_000
    assert rec["id"] == "in:2" and rec["text"] == ""  # never parsed
    assert rec["metadata"]["head"].startswith('{"id":"raksasa"')
    assert res.counts == {"input": 3, "kept": 2, "rejected": 1, "errors": 0}


def test_oversized_text_file_is_rejected(tmp_path) -> None:
    folder = tmp_path / "teks"
    folder.mkdir()
    (folder / "a.txt").write_text("Berita singkat.", encoding="utf-8")
    (folder / "b.txt").write_text("y" * 50_000, encoding="utf-8")
    (folder / "c.txt").write_bytes(b"Kafe di Bandung buka sampai larut malam. Caf\xe9 " * 20)
    res = _run(tmp_path, folder, max_line_bytes=10_000)
    assert res.counts == {"input": 3, "kept": 1, "rejected": 1, "errors": 1}
    assert res.rejected_by_reason == {"read:too_long": 1}
    assert res.errors_by_kind == {"invalid_utf8": 1}
