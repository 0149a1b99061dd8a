"""Red-team cases (issue 12): hostile input and configs. For each case: the exit status, no
traceback, a clear message, and input records = kept + rejected + errors, by id or line, with
file-level errors counted."""

from __future__ import annotations

import bz2
import gzip
import importlib.metadata
import lzma
import os
import random
import string
import sys
from pathlib import Path

import orjson
import pytest
import zstandard
from click.testing import CliRunner
from conftest import kept_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring import Pipeline, registry
from saring.cli.clean import clean
from saring.cli.dedup import dedup
from saring.cli.main import saring
from saring.document import Document, Edit
from saring.executors.runner import RunError, run_pipeline
from saring.io.lock import output_lock
from saring.normalize.step import Normalize
from saring.pii.step import PII
from saring.registry import ConfigError
from saring.step import MapStep

GOOD = {"id": "g1", "text": "Warga membersihkan selokan menjelang musim hujan di Bandung."}


# ----------------------------------------------------------------------------- helpers
def _lines(path: Path) -> list[dict]:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    elif data[:4] == b"\x28\xb5\x2f\xfd":
        data = zstandard.ZstdDecompressor().stream_reader(data).read()
    return [orjson.loads(x) for x in data.splitlines() if x.strip()]


def _outputs(out: Path) -> tuple[list[dict], list[dict], list[dict]]:
    get = lambda sub: [r for p in sorted((out / sub).glob("*")) for r in _lines(p)]  # noqa: E731
    return kept_records(out), get("rejected"), get("errors")  # kept: the per-language dataset


def reconcile(out: Path, expected_ids: set[str], file_errors: int = 0) -> None:
    """Every expected id is in exactly one of kept/rejected/errors, plus ``file_errors``
    file-level error records (no line), and stats.json agrees."""
    kept, rej, errs = _outputs(out)
    seen = [r["id"] for r in kept + rej]
    for e in errs:
        if e.get("line") is None:
            continue
        rid = e.get("id")
        if rid is None and "raw" in e:
            try:
                rid = str(orjson.loads(e["raw"]).get("id"))
            except (orjson.JSONDecodeError, AttributeError):
                rid = f"line:{e['file']}:{e['line']}"
        seen.append(rid)
    assert sorted(seen) == sorted(expected_ids), (sorted(seen), sorted(expected_ids))
    assert sum(e.get("line") is None for e in errs) == file_errors
    stats = orjson.loads((out / "stats.json").read_bytes())
    c = stats["counts"]
    assert stats["accounting"]["balanced"]
    assert c["input"] == len(expected_ids) + file_errors == c["kept"] + c["rejected"] + c["errors"]


def _cli(*args: str, **kw):
    res = CliRunner().invoke(saring, list(args), catch_exceptions=False, **kw)
    assert "Traceback" not in res.output
    return res


def _jsonl(path: Path, recs: list[dict]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in recs))
    return path


def _records(prefix: str, n: int) -> list[dict]:
    return [{"id": f"{prefix}{i}", "text": f"Berita nomor {i} dari {prefix} tentang harga pangan."}
            for i in range(n)]


# ----------------------------------------------------------------------------- 1. poison records
POISON = [
    {"id": "p1", "text": "halo dunia", "metadata": {}, "edits": [{}]},
    {"id": "p2", "text": "halo dunia", "metadata": {}, "edits": [], "annotations": "s"},
    {"id": "p3", "text": "halo dunia", "metadata": {}, "edits": [], "flags": 5},
    {"id": "p4", "text": "halo dunia", "metadata": {}, "edits": [
        {"step": "x", "kind": "k", "start": "x", "end": None, "before": "", "after": ""}]},
    {"id": "p5", "text": "halo dunia", "metadata": {}, "edits": [], "decision": [1]},
]


def test_poison_saring_shaped_records_fail_only_themselves(tmp_path) -> None:
    src = _jsonl(tmp_path / "racun.jsonl", [GOOD, *POISON])
    res = _cli("run", str(src), "-o", str(tmp_path / "o"), "--workers", "1", "--no-progress",
               "--config", str(_config(tmp_path, "steps: [normalize]")))
    assert res.exit_code == 0, res.output
    reconcile(tmp_path / "o", {"g1", *(r["id"] for r in POISON)})
    kept, _, _ = _outputs(tmp_path / "o")
    by_id = {r["id"]: r for r in kept}
    for p in POISON:  # not trusted as history: plain metadata, and a flag saying why
        rec = by_id[p["id"]]
        assert rec["metadata"]["edits"] == p["edits"]
        (flag,) = [f for f in rec["flags"] if f["kind"] == "not_saring_record"]
        assert flag["step"] == "read" and flag["reason"]


def test_valid_saring_record_keeps_history_and_bad_edit_offsets_are_refused(tmp_path) -> None:
    doc = Document("a", "Harga  naik", {"url": "u"})
    doc.apply("normalize", [__import__("saring.document").document.Replacement(5, 7, " ", "space_run")])
    good = doc.to_dict()
    bad = {**good, "id": "b", "edits": [{**good["edits"][0], "end": 99}]}
    src = _jsonl(tmp_path / "balik.jsonl", [good, bad])
    res = run_pipeline(Pipeline([]), [str(src)], tmp_path / "o", progress=False)
    assert res.balanced
    kept, _, _ = _outputs(tmp_path / "o")
    assert kept[0]["edits"] == good["edits"] and not kept[0]["flags"]
    assert kept[1]["flags"][0]["kind"] == "not_saring_record" and "end" in kept[1]["flags"][0]["reason"]


def test_dedup_on_poison_line_has_no_traceback(tmp_path) -> None:
    src = _jsonl(tmp_path / "p1.jsonl", POISON[:1])
    res = CliRunner().invoke(dedup, [str(src), "-o", str(tmp_path / "o")], catch_exceptions=False)
    assert res.exit_code == 0 and "Traceback" not in res.output
    assert "accounting OK: 1 in" in res.output
    reconcile(tmp_path / "o", {"p1"})


MIXED_BAD = [
    b'\xef\xbb\xbf{"id": "bom", "text": "Berita dengan BOM dan CRLF."}\r',
    b'{"id": "x1", "text": "tanpa penutup',
    b'{"id": "x2", "text": "Caf\xe9 \xff\xfe"}',
    b'{"id": "x3", "text": "lone \\ud800 surrogate"}',
    b'{"id": "x4", "text": "reversed \\udc00\\ud800"}',
    b'{"id": "x5", "text": "nul\x00byte"}',
    b'{"id": "x6", "text": "escaped \\u0000 nul"}',
    b'[1, 2, 3]', b'"string"', b'42', b'null',
    b'{"id": "x7"}', b'{"id": "x8", "text": null}', b'{"id": "x9", "text": 5}',
    b'{"id": "x10", "text": ["a"]}', b'{"id": "x11", "text": {"a": 1}}',
    b"[" * 100_000,
    b'{"id": "x12", "text": "angka", "n": ' + b"9" * 5000 + b"}",
    b'{"id": "x13", "text": "satu", "text": "dua"}',
    b'{"id": 5, "text": "id angka"}', b'{"id": {"a": 1}, "text": "id objek"}',
    b'{"id": true, "text": "id bool"}', b'{"id": 1.5e300, "text": "id besar"}',
    b'{"id": "' + b"i" * 100_000 + b'", "text": "id panjang"}',
    b'{"id": "../../../PWNED", "text": "jalur"}',
    b'{"id": "ws", "text": "   \t  "}',
    b'{"id": "rtl", "text": "A \\u202eRTL\\u202c B"}',
    b"   ",
]


def test_every_bad_line_kind_is_accounted_for_by_line(tmp_path) -> None:
    src = tmp_path / "campur.jsonl"
    src.write_bytes(b"\n".join(MIXED_BAD) + b"\n")
    out = tmp_path / "o"
    res = _cli("run", str(src), "-o", str(out), "--workers", "1", "--no-progress",
               "--config", str(_config(tmp_path, "steps: [normalize]")))
    assert res.exit_code == 0, res.output
    kept, rej, errs = _outputs(out)
    lines = sorted([r["metadata"]["source_line"] for r in kept + rej] + [e["line"] for e in errs])
    expected = [i for i, b in enumerate(MIXED_BAD, 1) if b.strip()]
    assert lines == expected
    assert all(e["kind"] and e["message"] and ("raw" in e or "raw_b64" in e) for e in errs)
    by_id = {r["id"]: r for r in kept + rej}
    assert "\u202e" not in by_id["rtl"]["text"] and by_id["bom"]["text"].startswith("Berita")
    assert not list(tmp_path.rglob("PWNED*"))


# ----------------------------------------------------------------------------- 2. discovery
def _config(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "cfg.yaml"
    p.write_text(text + "\n", encoding="utf-8")
    return p


@pytest.fixture
def messy_folder(tmp_path) -> tuple[Path, set[str], dict[str, str]]:
    """A folder holding every kind of file discovery must not hide."""
    d = tmp_path / "masuk"
    (d / "sub").mkdir(parents=True)
    ids: set[str] = set()

    def put(name: str, prefix: str, n: int = 3, enc=lambda b: b) -> None:
        recs = _records(prefix, n)
        ids.update(r["id"] for r in recs)
        (d / name).write_bytes(enc(b"".join(orjson.dumps(r) + b"\n" for r in recs)))

    put("a.jsonl", "a")
    put("b.jsonl.bz2", "bz", enc=bz2.compress)
    put("c.jsonl.xz", "xz", enc=lzma.compress)
    put("UPPER.JSONL.GZ", "up", enc=gzip.compress)
    put("plain_named.jsonl.gz", "pn")  # not compressed at all
    put("gz_named.jsonl", "gn", enc=gzip.compress)  # compressed, extension says nothing
    put("zst_named.json", "zn", enc=zstandard.ZstdCompressor().compress)
    put("noext", "ne")
    put("data.csv", "csv")  # JSON Lines content under another extension
    put("sub/deep.ndjson", "deep")
    (d / "story.txt.gz").write_bytes(gzip.compress(b"Berita dalam teks terkompresi."))
    (d / "plain.txt").write_text("Berita dalam teks biasa.", encoding="utf-8")
    ids.update({"story:1", "masuk:plain.txt"})  # a compressed .txt is its own shard
    skipped = {
        "_a.jsonl": "name starts with '_'",
        ".hidden.jsonl": "name starts with '.'",
        "fifo.jsonl": "FIFO",
        "notes.md": "unrecognised format",
        "blob.bin": "unrecognised format (binary",
        "linked": "symbolic link to a folder",
        ".git": "folder name starts with '.'",
    }
    put("_a.jsonl", "under")
    put(".hidden.jsonl", "hid")
    ids -= {f"under{i}" for i in range(3)} | {f"hid{i}" for i in range(3)}
    os.mkfifo(d / "fifo.jsonl")
    (d / "notes.md").write_text("# Catatan\nini bukan data\n", encoding="utf-8")
    (d / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (d / "linked").symlink_to(d / "sub", target_is_directory=True)
    (d / ".git").mkdir()
    (d / ".git" / "HEAD").write_text("ref: x\n")
    os.symlink("/nonexistent/target.jsonl", d / "dangling.jsonl")
    os.symlink("loop.jsonl", d / "loop.jsonl")  # ELOOP: unreadable
    return d, ids, skipped


def test_folder_discovery_reads_or_lists_every_file(tmp_path, messy_folder) -> None:
    d, ids, skipped = messy_folder
    out = tmp_path / "o"
    res = _cli("run", str(d), "-o", str(out), "--workers", "1", "--no-progress",
               "--config", str(_config(tmp_path, "steps: [normalize]")))
    assert res.exit_code == 0, res.output
    reconcile(out, ids, file_errors=2)  # dangling link and symlink loop
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    listed = {Path(k["path"]).name: k["reason"] for k in manifest["skipped_inputs"]}
    assert set(listed) == set(skipped)
    for name, why in skipped.items():
        assert why in listed[name], (name, listed[name])
        assert name in res.stderr  # printed in the summary too
    stats = orjson.loads((out / "stats.json").read_bytes())
    assert stats["skipped_inputs"] == manifest["skipped_inputs"]
    _, _, errs = _outputs(out)
    file_errs = {Path(e["file"]).name: e for e in errs if e["line"] is None}
    assert file_errs["dangling.jsonl"]["kind"] == "io"
    assert "dangling symbolic link" in file_errs["dangling.jsonl"]["message"]
    assert "cannot open" in file_errs["loop.jsonl"]["message"]
    # every file in the folder is accounted for: read (manifest inputs) or skipped
    read = {Path(i["path"]).name for i in manifest["inputs"]}
    top = {p.name for p in d.iterdir()}
    assert "masuk" in read  # the folder's plain .txt files, read as one shard
    assert top | {"deep.ndjson", "masuk"} == read | set(listed) | {"sub", "plain.txt"}


def test_strict_fails_on_skipped_files(tmp_path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    _jsonl(d / "a.jsonl", [GOOD])
    (d / "_SUCCESS").write_bytes(b"")
    res = _cli("run", str(d), "-o", str(tmp_path / "o"), "--strict", "--no-progress",
               "--workers", "1", "--config", str(_config(tmp_path, "steps: [normalize]")))
    assert res.exit_code == 1 and "1 input file(s) skipped under --strict" in res.stderr
    assert orjson.loads((tmp_path / "o" / "manifest.json").read_bytes())["status"] == "failed"


def test_fifo_given_explicitly_is_never_opened(tmp_path) -> None:
    os.mkfifo(tmp_path / "pipa.jsonl")
    src = _jsonl(tmp_path / "ok.jsonl", [GOOD])
    res = run_pipeline(Pipeline([]), [str(tmp_path / "pipa.jsonl"), str(src)], tmp_path / "o",
                       progress=False)  # would hang forever if the FIFO were opened
    assert res.counts["input"] == 1 and res.skipped_inputs[0]["reason"].startswith("FIFO")


def test_multistream_bz2_and_xz_truncated_keep_complete_lines(tmp_path) -> None:
    recs = _records("t", 400)
    first = b"".join(orjson.dumps(r) + b"\n" for r in recs[:250])
    rest = b"".join(orjson.dumps(r) + b"\n" for r in recs[250:])
    for name, comp in (("p.jsonl.bz2", bz2.compress), ("q.jsonl.xz", lzma.compress)):
        second = comp(rest)
        (tmp_path / name).write_bytes(comp(first) + second[: len(second) // 2])
    res = run_pipeline(Pipeline([]), [str(tmp_path / "p.jsonl.bz2"), str(tmp_path / "q.jsonl.xz")],
                       tmp_path / "o", progress=False)
    assert res.balanced and res.errors_by_kind == {"truncated": 2}
    for shard in ("p", "q"):  # the complete first stream, maybe some of the second, one error
        assert 250 <= res.shards[shard]["kept"] < 400
        assert res.shards[shard]["input"] == res.shards[shard]["kept"] + 1


# ----------------------------------------------------------------------------- 3. configs
@pytest.mark.parametrize("entry", [
    '"os:system": {command: "touch {marker}"}',
    '"subprocess:check_output": {args: "touch {marker}", shell: true}',
    '"saring.io.writers:write_documents": {path: "{marker}", docs: []}',
    '"builtins:exec": {source: "open(\'{marker}\', \'w\')"}',
])
def test_config_cannot_run_code(tmp_path, entry: str) -> None:
    marker = tmp_path / "PWNED"
    cfg = _config(tmp_path, "steps:\n  - " + entry.replace("{marker}", str(marker)))
    src = _jsonl(tmp_path / "in.jsonl", [GOOD])
    res = _cli("run", str(src), "-o", str(tmp_path / "o"), "--config", str(cfg), "--no-progress")
    assert res.exit_code == 2 and not marker.exists()
    assert res.stderr.startswith("saring: error: step ") and res.stderr.count("\n") == 1
    assert "not a saring step package" in res.stderr or "not a subclass" in res.stderr


class Shout(MapStep):
    name = "shout"

    def process(self, doc: Document):  # noqa: ANN201
        doc.replace_text(self.label, doc.text.upper(), "upper")


def test_plugins_by_entry_point_and_register_only_accept_steps(tmp_path, monkeypatch) -> None:
    (tmp_path / "plug_saring_demo.py").write_text(
        "from saring.step import MapStep\n"
        "class Loud(MapStep):\n    name = 'loud'\n"
        "    def process(self, doc):\n        doc.replace_text(self.label, doc.text.upper(), 'upper')\n"
        "def not_a_step(**kw):\n    open(kw['path'], 'w')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    eps = [importlib.metadata.EntryPoint("loud", "plug_saring_demo:Loud", registry.ENTRY_POINT_GROUP),
           importlib.metadata.EntryPoint("evil", "plug_saring_demo:not_a_step", registry.ENTRY_POINT_GROUP)]
    monkeypatch.setattr(registry, "_entry_points", lambda: eps)
    pipe = Pipeline.from_config({"steps": ["loud", "plug_saring_demo:Loud"]}) if False else \
        Pipeline.from_config({"steps": ["loud"]})
    assert pipe.process_one(Document("a", "pelan")).text == "PELAN"
    # a module of a plugin package may be named by path; its non-step callables may not
    assert registry.resolve("plug_saring_demo:Loud").__name__ == "Loud"
    with pytest.raises(ConfigError, match="not a subclass"):
        Pipeline.from_config({"steps": [{"evil": {"path": str(tmp_path / "x")}}]})
    with pytest.raises(ConfigError, match="not a subclass"):
        Pipeline.from_config({"steps": [{"plug_saring_demo:not_a_step": {"path": str(tmp_path / "x")}}]})
    assert not (tmp_path / "x").exists()
    with pytest.raises(ConfigError):
        registry.register("bad", print)  # type: ignore[arg-type]
    registry.register("shout", Shout)
    try:
        assert Pipeline.from_config({"steps": ["shout"]}).process_one(Document("a", "x")).text == "X"
    finally:
        registry._CUSTOM.pop("shout", None)


def test_module_path_outside_step_packages_is_not_even_imported(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "antigravity", raising=False)
    with pytest.raises(ConfigError, match="SARING_STEP_MODULES=antigravity"):
        registry.resolve("antigravity:fly")
    assert "antigravity" not in sys.modules


# ----------------------------------------------------------------------------- 4. PII in metadata
_SENTENCES = [
    "Pemerintah kota mulai memperbaiki jalan rusak di sejumlah kecamatan pada pekan ini.",
    "Kepala dinas mengatakan perbaikan ditargetkan selesai sebelum musim hujan tiba.",
    "Warga berharap pekerjaan dilakukan pada malam hari agar tidak menimbulkan kemacetan.",
    "Anggaran perbaikan berasal dari dana daerah yang sudah disetujui dewan bulan lalu.",
    "Sejumlah pedagang di pasar tradisional mengeluhkan harga cabai yang naik tajam.",
    "Petugas kebersihan bekerja sejak subuh untuk mengangkut sampah di sepanjang sungai.",
    "Sekolah di wilayah itu kembali menggelar pembelajaran tatap muka setelah libur panjang.",
    "Dinas kesehatan mengimbau masyarakat menjaga kebersihan lingkungan selama musim hujan.",
    "Polisi mengatur lalu lintas di persimpangan yang padat pada jam berangkat kerja.",
    "Para nelayan belum melaut karena gelombang tinggi masih terjadi di perairan selatan.",
    "Bupati meninjau lokasi banjir dan menyerahkan bantuan bahan makanan kepada warga.",
    "Harga beras di tingkat petani relatif stabil menjelang panen raya bulan depan.",
]


def _pii_values(n: int) -> list[tuple[str, str]]:
    """Raw PII values from the generator (evaluation.pii.generate), by type."""
    from evaluation.pii.generate import generate

    out: dict[str, str] = {}
    for ex in generate(20, seed=11):
        for sp in ex.spans:
            if sp.type in ("nik", "phone", "email", "npwp"):
                out.setdefault(ex.text[sp.start:sp.end], sp.type)
    vals = sorted(out.items())
    random.Random(5).shuffle(vals)
    by_type: dict[str, list[tuple[str, str]]] = {}
    for v, t in vals:
        by_type.setdefault(t, []).append((v, t))
    picked = [x for t in sorted(by_type) for x in by_type[t][: n // len(by_type)]]
    return [x for x in picked if len(x[0].replace(" ", "")) >= 8]


def test_no_raw_pii_from_metadata_anywhere_after_a_completed_run(tmp_path) -> None:
    values = _pii_values(24)
    assert len(values) >= 12
    rng = random.Random(3)
    field_of = {"nik": "nik", "phone": "telp", "email": "email", "npwp": "npwp"}
    # bare digits are PII only next to a word naming them, in metadata as in text
    word = {"nik": "NIK", "phone": "telp.", "email": "surel", "npwp": "NPWP"}
    recs = []
    for i, (value, kind) in enumerate(values):
        body = rng.sample(_SENTENCES, 8)
        recs.append({
            "id": f"d{i}", "text": " ".join(body),
            "title": f"Kontak redaksi, {word[kind]} {value}",
            field_of[kind]: value,
            "extra": {"penulis": {"catatan": [f"{word[kind]}: {value}"]}},
            "url": "https://berita.example/a",
        })
    src = _jsonl(tmp_path / "pii.jsonl", recs)
    out = tmp_path / "o"
    res = _cli("run", str(src), "-o", str(out), "--workers", "1", "--no-progress")
    assert res.exit_code == 0, res.output
    reconcile(out, {r["id"] for r in recs})
    kept, _, _ = _outputs(out)
    assert len(kept) >= len(recs) // 2
    assert all(any(e.get("field") for e in r["edits"]) for r in kept)
    blobs = []
    for p in [*out.joinpath("kept").rglob("*"), *out.joinpath("_work").rglob("*"),
              out / "stats.json", out / "manifest.json"]:
        if p.is_file():
            data = p.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            elif data[:4] == b"\x28\xb5\x2f\xfd":
                data = zstandard.ZstdDecompressor().stream_reader(data).read()
            blobs.append((p, data))
    assert len(blobs) > 3
    for value, _ in values:
        for p, data in blobs:
            assert value.encode() not in data, (value, p)


def test_pii_metadata_edits_are_logged_with_field_and_undo_ignores_them() -> None:
    doc = Document("a", "Hubungi 0812-3456-7890 segera.",
                   {"title": "NIK 3273012505900001", "url": "https://x/0812-3456-7890", "n": 5})
    PII(keep_original=False).process(doc)
    assert doc.metadata["title"] == "NIK <NIK>" and doc.metadata["url"].endswith("0812-3456-7890")
    (fe,) = [e for e in doc.edits if e.field]
    assert (fe.field, fe.kind, fe.after) == ("title", "pii:nik", "<NIK>")
    assert "3273012505900001" not in str(fe.to_dict())
    assert doc.original_text() == "Hubungi ****-****-**** segera."
    assert Edit.from_dict(fe.to_dict()) == fe
    assert "field" not in doc.edits[0].to_dict()  # text edits serialise as before


# ----------------------------------------------------------------------------- 5. lock, Ctrl-C
def test_second_run_into_a_locked_folder_exits_2(tmp_path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [GOOD])
    out = tmp_path / "o"
    with output_lock(out):
        res = _cli("run", str(src), "-o", str(out), "--no-progress")
        assert res.exit_code == 2 and "in use by another saring run" in res.stderr
        assert not (out / "manifest.json").exists()
    res = _cli("run", str(src), "-o", str(out), "--no-progress",
               "--config", str(_config(tmp_path, "steps: [normalize]")))
    assert res.exit_code == 0, res.output


class CtrlC(MapStep):
    name = "ctrl_c"

    def process(self, doc: Document):  # noqa: ANN201
        raise KeyboardInterrupt


def test_ctrl_c_marks_manifest_interrupted(tmp_path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [GOOD])
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(Pipeline([CtrlC()]), [str(src)], tmp_path / "o", progress=False)
    man = orjson.loads((tmp_path / "o" / "manifest.json").read_bytes())
    assert man["status"] == "interrupted" and "Ctrl-C" in man["error"]
    with output_lock(tmp_path / "o"):  # and the lock was released
        pass


# ----------------------------------------------------------------------------- 6. CLI edges
@pytest.mark.parametrize(("payload", "needle"), [
    (bytes(range(256)) * 10, "looks binary"),
    (b"Kota Cimahi \xe9\xff\xfe berita", "not valid UTF-8"),
    (gzip.compress(b"Berita singkat.\n"), "gzip-compressed"),
    (bz2.compress(b"Berita singkat.\n"), "bzip2-compressed"),
    (b"a" * 5000, "larger than --max-bytes"),
], ids=["binary", "not_utf8", "gzip", "bzip2", "too_large"])
def test_clean_refuses_bad_input_in_one_line(tmp_path, payload: bytes, needle: str) -> None:
    p = tmp_path / "in.txt"
    p.write_bytes(payload)
    for args, kw in (([str(p)], {}), (["-"], {"input": payload})):
        res = CliRunner().invoke(clean, [*args, "--max-bytes", "4000"], catch_exceptions=False, **kw)
        assert res.exit_code == 2 and "Traceback" not in res.output
        assert res.stderr.startswith("saring: error: ") and needle in res.stderr
        assert res.stderr.count("\n") == 1


def test_dedup_on_binary_only_input_is_one_line(tmp_path) -> None:
    p = tmp_path / "acak.jsonl"
    p.write_bytes(random.Random(1).randbytes(20000))
    res = CliRunner().invoke(dedup, [str(p), "-o", str(tmp_path / "o")], catch_exceptions=False)
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "no readable document in the input" in res.stderr and "binary" in res.stderr
    res = CliRunner().invoke(dedup, [str(p), "-o", str(tmp_path / "o2"), "--max-bytes", "100"])
    assert res.exit_code == 2 and "more than --max-bytes" in res.stderr


def test_unexpected_exception_in_any_command_is_one_line(tmp_path, monkeypatch) -> None:
    import saring.executors.runner as runner

    def boom(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise ValueError("kaboom\nsecond line")

    monkeypatch.setattr(runner, "run_pipeline", boom)
    src = _jsonl(tmp_path / "in.jsonl", [GOOD])
    res = _cli("run", str(src), "-o", str(tmp_path / "o"))
    assert res.exit_code == 2
    assert res.stderr == ("saring: error: unexpected ValueError: kaboom (set SARING_DEBUG=1 for the "
                          "traceback, and please report it)\n")


def test_missing_output_parent_and_locked_errors_are_run_errors(tmp_path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(RunError, match="not a folder"):
        run_pipeline(Pipeline([]), [str(_jsonl(tmp_path / "in.jsonl", [GOOD]))], tmp_path / "file",
                     progress=False)


# ----------------------------------------------------------------------------- 7. bidi controls
def test_bidi_controls_are_stripped_as_edits() -> None:
    text = "Harga \u202enaik\u202c dan \u2066turun\u2069 \u202a\u202b\u202d."
    doc = Document("a", text)
    Normalize().process(doc)
    assert doc.text == "Harga naik dan turun ."
    assert {e.kind for e in doc.edits} == {"normalize:bidi_control"}
    assert len(doc.edits) == 7 and doc.original_text() == text


# ----------------------------------------------------------------------------- property test
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_record = st.fixed_dictionaries(
    {"text": _json},
    optional={"metadata": _json, "edits": _json, "annotations": _json, "flags": _json,
              "decision": _json, "title": _json, "x": _json},
)
_line = st.one_of(
    _record.map(lambda r: ("rec", r)),
    st.binary(max_size=60).map(lambda b: ("raw", b.replace(b"\n", b" "))),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.too_slow])
@given(lines=st.lists(_line, min_size=1, max_size=12), fmt=st.sampled_from(["", ".gz", ".bz2"]))
def test_arbitrary_lines_never_stop_a_run_and_accounting_balances(tmp_path_factory, lines, fmt) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    body = []
    expected: set[int] = set()
    for i, (kind, val) in enumerate(lines, 1):
        if kind == "rec":
            val = {"id": f"r{i}", **val}
            raw = orjson.dumps(val, option=orjson.OPT_NON_STR_KEYS)
        else:
            raw = val
        body.append(raw)
        if raw.strip():
            expected.add(i)
    data = b"\n".join(body) + b"\n"
    enc = {"": lambda b: b, ".gz": gzip.compress, ".bz2": bz2.compress}[fmt]
    src = tmp / f"in.jsonl{fmt}"
    src.write_bytes(enc(data))
    res = run_pipeline(Pipeline([Normalize(), PII()]), [str(src)], tmp / "o", progress=False)
    assert res.balanced, res.mismatches
    kept, rej, errs = _outputs(tmp / "o")
    assert res.counts["input"] == len(kept) + len(rej) + len(errs)
    if any(e["kind"] in ("binary", "truncated") for e in errs):
        # the file (or its tail) is not readable as text: one file-level error stands for it
        assert sum(e["kind"] in ("binary", "truncated") for e in errs) == 1
        return
    lines_seen = sorted([r["metadata"]["source_line"] for r in kept + rej] + [e["line"] for e in errs])
    assert lines_seen == sorted(expected)


def test_random_garbage_file_names_and_ids_never_escape_output(tmp_path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    weird = "".join(random.Random(2).choice(string.printable[:94]) for _ in range(12)).replace("/", "_")
    recs = [{"id": "../../../PWNED", "text": "isi"}, {"id": "a/b\\c:d\u0000e", "text": "isi"}]
    _jsonl(d / f"{weird}.jsonl", recs)
    out = tmp_path / "o"
    res = run_pipeline(Pipeline([]), [str(d)], out, progress=False)
    assert res.balanced and res.counts["kept"] == 2
    assert not list(tmp_path.rglob("PWNED*"))
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))


_JUNKY = st.text(alphabet=st.sampled_from(list("ab \n\r\t\x00\x0b\x85\xa0\u200b\u200e\u2028\u202a\u202e"
                                              "\u2066\u2069\u3000\ufeffé")), max_size=300)


@settings(max_examples=200, deadline=None)
@given(text=_JUNKY)
def test_dense_character_pass_equals_per_character_replacements(text: str) -> None:
    from saring.normalize import step as ns

    per_char = ns._CHAR_RE.sub(lambda m: ns._CHAR_AFTER[m.lastgroup], text)
    assert text.replace("\r\n", "\n").translate(ns._CHAR_TABLE) == per_char
    doc = Document("a", text)
    ns.Normalize(ftfy=False, nfc=False, layout=False).process(doc)
    assert doc.text == per_char and doc.original_text() == text


def test_dense_junk_is_few_edits_and_undoes_exactly() -> None:
    text = "kata\u202e\u200b\u2066 " * 2000
    doc = Document("a", text)
    Normalize().process(doc)
    assert doc.text == ("kata " * 2000).strip()
    assert len(doc.edits) <= 3 and doc.original_text() == text
    assert "normalize:bidi_control+zero_width" in {e.kind for e in doc.edits}
