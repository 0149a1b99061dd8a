"""Readers and writers: round trips for every format, line splitting, discovery, stable ids."""

from __future__ import annotations

import gzip
import io
import os
import tracemalloc

import orjson
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document, Replacement
from saring.io import writers
from saring.io.readers import (
    RAW_HEAD_BYTES,
    ReaderConfig,
    ReadError,
    expand_inputs,
    iter_lines,
    read_documents,
    read_source,
    source_for_file,
)
from saring.io.writers import FORMATS, open_writer, write_documents

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


def _doc(i: int, text: str) -> Document:
    return Document(f"d{i}", text, {"url": f"https://contoh.id/{i}", "lang": "id"})


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=15, deadline=None)
@given(ts=st.lists(texts, min_size=0, max_size=12))
def test_writer_reader_round_trip(tmp_path_factory, fmt: str, ts: list[str]) -> None:
    path = tmp_path_factory.mktemp("rt") / f"out.{fmt}"
    docs = [_doc(i, t) for i, t in enumerate(ts)]
    assert write_documents(path, docs, fmt) == len(docs)
    back = list(read_documents(path))
    assert [(d.id, d.text) for d in back] == [(d.id, d.text) for d in docs]
    assert all(b.metadata["url"] == d.metadata["url"] for b, d in zip(back, docs, strict=True))
    assert all(b.metadata["source_line"] == i + 1 for i, b in enumerate(back))


@pytest.mark.parametrize("fmt", FORMATS)
def test_saring_output_keeps_edit_history_when_read_back(tmp_path, fmt: str) -> None:
    doc = Document("a", "Harga  naik", {"url": "u"})
    doc.apply("normalize", [Replacement(5, 7, " ", "space_run")])
    doc.annotate("quality", score=0.75)
    path = tmp_path / f"x.{fmt}"
    write_documents(path, [doc], fmt)
    (back,) = read_documents(path)
    assert back.text == "Harga naik"
    assert back.original_text() == "Harga  naik"
    assert back.annotations == {"quality": {"score": 0.75}}
    assert back.metadata["url"] == "u"
    assert back.decision.status == "kept"


def test_gzip_output_is_byte_deterministic(tmp_path) -> None:
    docs = [_doc(i, f"Berita nomor {i}") for i in range(100)]
    write_documents(tmp_path / "a.jsonl.gz", docs, "jsonl.gz")
    write_documents(tmp_path / "b.jsonl.gz", docs, "jsonl.gz")
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()


def test_writer_abort_leaves_no_file(tmp_path) -> None:
    w = open_writer(tmp_path / "k.jsonl.gz", "jsonl.gz")
    w.write(_doc(1, "x"))
    w.abort()
    assert os.listdir(tmp_path) == []


def test_parquet_row_groups_are_bounded(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(writers, "PARQUET_ROW_GROUP_ROWS", 1000)
    write_documents(tmp_path / "p.parquet", (_doc(i, "teks") for i in range(2500)), "parquet")
    meta = pq.ParquetFile(tmp_path / "p.parquet").metadata
    assert meta.num_rows == 2500
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [1000, 1000, 500]


def test_foreign_parquet_uses_configured_fields(tmp_path) -> None:
    import pyarrow as pa

    table = pa.table({"isi": ["Satu dua", "Tiga"], "kode": ["k1", None], "lang": ["id", "ms"]})
    pq.write_table(table, tmp_path / "f.parquet")
    docs = list(read_documents(tmp_path / "f.parquet", text_field="isi", id_field="kode"))
    assert [d.id for d in docs] == ["k1", "f:2"]
    assert docs[1].metadata["lang"] == "ms"


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=20),
    max_bytes=st.integers(1, 30),
    chunk=st.integers(1, 17),
    trailing_newline=st.booleans(),
)
def test_iter_lines_splits_exactly_and_caps_long_lines(lines, max_bytes, chunk, trailing_newline) -> None:
    data = b"\n".join(lines) + (b"\n" if trailing_newline and lines else b"")
    got = list(iter_lines(io.BytesIO(data), max_bytes, chunk_bytes=chunk))
    expected = data.split(b"\n")
    if expected and expected[-1] == b"":
        expected.pop()
    assert [n for n, _, _ in got] == list(range(1, len(expected) + 1))
    for (_, line, size), want in zip(got, expected, strict=True):
        assert size == len(want)
        assert line == (want if len(want) <= max_bytes else want[:RAW_HEAD_BYTES])


def test_long_line_is_not_loaded_whole(tmp_path) -> None:
    path = tmp_path / "big.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"id": "a", "text": "pendek"}\n')
        f.write(b'{"id": "b", "text": "' + b"x" * (40 * 2**20) + b'"}\n')
        f.write(b'{"id": "c", "text": "juga pendek"}\n')
    cfg = ReaderConfig(max_line_bytes=2**20)
    tracemalloc.start()
    items = list(read_source(source_for_file(path), cfg))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * 2**20, f"peak {peak} bytes: the long line was loaded"
    assert [i.id for i in items] == ["a", "big:2", "c"]
    big = items[1]
    assert (big.decision.status, big.decision.reason, big.decision.step) == ("rejected", "too_long", "read")
    assert big.decision.value == 40 * 2**20 + len(b'{"id": "b", "text": ""}')


def test_ids_are_generated_stably_when_absent(tmp_path) -> None:
    path = tmp_path / "tanpa_id.jsonl"
    path.write_bytes(b'{"text": "satu"}\n\n{"text": "dua", "id": ""}\n{"text": "tiga", "id": 7}\n')
    first = [d.id for d in read_documents(path)]
    assert first == ["tanpa_id:1", "tanpa_id:3", "7"]
    assert [d.id for d in read_documents(path)] == first


def test_text_file_and_folder_of_text_files(tmp_path) -> None:
    folder = tmp_path / "artikel"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("\ufeffBerita pertama.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Berita kedua.", encoding="utf-8")
    (folder / "data.jsonl").write_bytes(b'{"id": "j", "text": "json"}\n')
    sources = expand_inputs([str(folder)])
    kinds = {s.kind: s for s in sources}
    assert set(kinds) == {"jsonl", "textdir"}
    docs = list(read_source(kinds["textdir"]))
    assert [(d.id, d.text) for d in docs] == [("artikel:a.txt", "Berita pertama."),
                                              ("artikel:sub/b.txt", "Berita kedua.")]
    single = source_for_file(folder / "a.txt")
    assert single.kind == "text"
    (doc,) = read_source(single)
    assert doc.text == "Berita pertama."


def test_expand_inputs_globs_dedups_and_disambiguates(tmp_path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        with gzip.open(tmp_path / d / "berita.jsonl.gz", "wb") as f:
            f.write(b'{"text": "a"}\n')
    sources = expand_inputs([str(tmp_path / "*" / "*.jsonl.gz"), str(tmp_path / "x")])
    assert len(sources) == 2
    names = [s.name for s in sources]
    assert len(set(names)) == 2 and all(n.startswith("berita-") for n in names)
    assert names == [s.name for s in expand_inputs([str(tmp_path / "*" / "*.jsonl.gz")])]
    with pytest.raises(FileNotFoundError, match="nothing|no file"):
        expand_inputs([str(tmp_path / "tidak-ada.jsonl")])


def test_unknown_extension_is_sniffed(tmp_path) -> None:
    p = tmp_path / "dump.data"
    p.write_bytes(gzip.compress(b'{"id": "1", "text": "isi"}\n'))
    src = source_for_file(p)
    assert (src.kind, src.compression) == ("jsonl", "gz")
    assert [d.text for d in read_source(src)] == ["isi"]


def test_read_error_record_escapes_binary_raw() -> None:
    err = ReadError("f.jsonl", 3, "invalid_utf8", "bad", b"\xff\xfe{", 3)
    d = err.to_dict()
    assert "raw" not in d and d["raw_b64"] == "//57"
    assert orjson.loads(orjson.dumps(d))["line"] == 3


def test_bom_and_crlf_jsonl(tmp_path) -> None:
    p = tmp_path / "windows.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "Satu"}\r\n{"id": "b", "text": "Dua"}\r\n')
    assert [(d.id, d.text) for d in read_documents(p)] == [("a", "Satu"), ("b", "Dua")]
