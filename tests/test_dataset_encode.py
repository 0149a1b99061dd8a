"""The dataset phase split in two: batches encoded per shard (in tasks), appended by the driver.

The bytes must not depend on who encoded the batches (one process or a pool of workers), a
gzip part must be one ordinary gzip member, and the CRC-32 joined from the batches must be the
CRC-32 of the whole.
"""

from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import Document
from saring.dataset import read_records, training_record
from saring.dataset.export import write_partitions
from saring.dataset.parts import DATASET_FORMATS, PartWriter, crc32_combine
from saring.document import KEPT
from saring.executors.local import LocalExecutor
from saring.io.docfile import write_docs

_RNG = random.Random(11)
WORDS = ["".join(_RNG.choice("abcdeghijklmnoprstuwy") for _ in range(_RNG.randint(2, 9)))
         for _ in range(2000)]


@given(st.binary(max_size=3000), st.binary(max_size=3000))
@settings(max_examples=200, deadline=None)
def test_crc32_combine_is_the_crc_of_the_concatenation(a: bytes, b: bytes) -> None:
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_crc32_combine_over_a_long_second_part() -> None:
    a, b = b"x" * 10, bytes(range(256)) * 9000  # longer than the zero buffer (1 MiB)
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def _crc32_combine_by_zeros(crc_a: int, crc_b: int, len_b: int) -> int:
    """The reference: ``len_b`` zero bytes applied to the register, two CRC passes."""
    zeros = bytes(len_b)
    return crc_b ^ zlib.crc32(zeros, crc_a) ^ zlib.crc32(zeros)


@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1), st.integers(0, 3 << 20))
@settings(max_examples=60, deadline=None)
def test_crc32_combine_equals_the_zero_bytes_reference(crc_a: int, crc_b: int, len_b: int) -> None:
    assert crc32_combine(crc_a, crc_b, len_b) == _crc32_combine_by_zeros(crc_a, crc_b, len_b)


def test_crc32_combine_powers_of_x_repeat_every_32_squarings() -> None:
    """``x^(2^k) mod P`` has period 32 in k, which lets lengths beyond 2^29 bytes reuse the table."""
    from saring.dataset.parts import _X2N, _mult_mod_p

    assert _mult_mod_p(_X2N[31], _X2N[31]) == _X2N[0]


def _docs(shard: int, n: int, rng: random.Random) -> list[Document]:
    out = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 300)))
        d = Document(f"s{shard}-{i}", text, {"lang": rng.choice(["id", "ms", "jv", "xx"]),
                                              "url": f"https://www.situs{i % 5}.co.id/a/{i}"})
        d.decision.status = KEPT
        out.append(d)
    return out


def _kept_files(folder: Path, shards: int = 5) -> list[Path]:
    rng = random.Random(5)
    folder.mkdir(parents=True)
    paths = []
    for s in range(shards):
        p = folder / f"s{s}.docs.zst"
        write_docs(p, _docs(s, rng.randint(0, 120), rng))
        paths.append(p)
    return paths


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "kept").rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_pool_encoded_parts_equal_one_process_and_reference_writer(tmp_path: Path, fmt: str) -> None:
    files = _kept_files(tmp_path / "in")
    langs = ["id", "ms", "jv"]
    one = write_partitions(files, tmp_path / "one", langs, fmt, max_file_bytes=20_000)
    with LocalExecutor(2) as ex:
        two = write_partitions(files, tmp_path / "two", langs, fmt, max_file_bytes=20_000, executor=ex)
    assert one == two
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert len(_tree(tmp_path / "one")) > len(one)  # some partition took several parts
    assert not (tmp_path / "one" / "_work" / "dataset").exists()  # encoded batches removed
    # the records are exactly the documents, in shard order, per partition
    for part, stats in one.items():
        back = list(read_records(tmp_path / "one", part))
        assert len(back) == stats.kept
        assert sum(len(r["text"]) for r in back) == stats.characters
    want = [training_record(d) for p in files for d in _read(p)]
    got = [r for part in sorted(one) for r in read_records(tmp_path / "one", part)]
    assert sorted(r["id"] for r in got) == sorted(r["id"] for r in want)
    by_id = {r["id"]: r for r in want}
    assert all(r == by_id[r["id"]] for r in got)


def _read(path: Path) -> list[Document]:
    from saring.io.docfile import read_docs

    return list(read_docs(path))


def test_gzip_part_is_one_member_any_reader_takes(tmp_path: Path) -> None:
    rng = random.Random(2)
    recs = [training_record(d) for d in _docs(0, 400, rng)]
    w = PartWriter(tmp_path / "p", "jsonl.gz", max_file_bytes=10**9)
    for r in recs:
        w.write(r)
    (part,) = w.finish()
    raw = part.read_bytes()
    d = zlib.decompressobj(31)  # gzip wrapper: checks the trailer's CRC-32 and length
    body = d.decompress(raw) + d.flush()
    assert d.eof and d.unused_data == b""  # one member, nothing after it
    assert gzip.decompress(raw) == body
    assert [orjson.loads(line) for line in body.splitlines()] == recs
    bad = bytearray(raw)
    bad[-5] ^= 1  # a wrong CRC-32 is noticed
    with pytest.raises(zlib.error):
        zlib.decompressobj(31).decompress(bytes(bad))


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_final_segment_encoder_gives_the_bytes_of_encoding_from_document_files(tmp_path: Path, fmt: str) -> None:
    """The final segment encodes its kept documents as it writes them (``ShardEncoder``): the
    parts must be the bytes the encode-from-document-file path gives, also for annotations a
    document file stores differently than Python holds them (a set, a tuple, numpy numbers)."""
    import numpy as np

    from saring.dataset.export import ShardEncoder, assemble_indexes, chunk_folder
    from saring.io.writers import JsonlWriter

    rng = random.Random(3)
    shards = [_docs(s, rng.randint(0, 90), rng) for s in range(4)]
    for docs in shards:
        for i, d in enumerate(docs[:5]):
            d.annotate("custom", tags={"b", "a"} if i % 2 else ("x", 1), score=np.float32(0.25 * i),
                       n=np.int64(i))
    files, indexes = [], []
    for s, docs in enumerate(shards):
        p = tmp_path / "in" / f"s{s}.docs.zst"
        w = JsonlWriter(p, "zst")  # how a segment writes its kept document file
        for d in docs:
            w.write(d)
        w.commit()
        files.append(p)
        enc = ShardEncoder(tmp_path / "enc" / f"s{s}.json", ("id", "ms", "jv"), fmt, 20_000)
        for d in docs:
            enc.write(d)
        assert enc.commit() == len(docs)
        indexes.append(tmp_path / "enc" / f"s{s}.json")
    want = write_partitions(files, tmp_path / "want", ["id", "ms", "jv"], fmt, max_file_bytes=20_000)
    got = assemble_indexes(indexes, tmp_path / "got", fmt, max_file_bytes=20_000)
    assert got == want
    assert _tree(tmp_path / "got") == _tree(tmp_path / "want")
    assert len(_tree(tmp_path / "got")) > len(got)  # some partition took several parts
    aborted = ShardEncoder(tmp_path / "enc" / "x.json", ("id",), fmt, 20_000)
    aborted.write(shards[0][0])
    aborted.abort()  # a failed task leaves neither index nor chunks
    assert not (tmp_path / "enc" / "x.json").exists() and not chunk_folder(tmp_path / "enc" / "x.json").exists()
