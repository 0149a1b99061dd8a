"""WARC/WET/HTML readers: every record accounted for, reasons named, charsets decoded right."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from saring.document import Document
from saring.executors.runner import run_pipeline
from saring.io.readers import ReadError, expand_inputs, read_source
from saring.io.web import decode_html, read_warc
from saring.pipeline import Pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_web_fixtures import BODIES, fixture_items, write_warc, write_wet  # noqa: E402


@pytest.fixture
def crawl(tmp_path: Path) -> tuple[Path, dict]:
    items, expect = fixture_items()
    path = tmp_path / "crawl.warc.gz"
    expect["records"] = write_warc(path, items)
    return path, expect


def test_every_warc_record_is_one_document_with_a_reason(crawl):
    path, expect = crawl
    out = list(read_warc(str(path), "crawl"))
    assert len(out) == expect["records"]
    assert all(isinstance(d, Document) for d in out)
    reasons = Counter(d.decision.reason for d in out if d.decision.status == "rejected")
    kept = [d for d in out if d.decision.status == "kept"]
    assert len(kept) == expect["html_ok"]
    assert reasons["not_html"] == expect["not_html"]
    assert reasons["http_status"] == expect["http_status"]
    assert reasons["warc_type"] == expect["records"] - expect["responses"]  # warcinfo + requests
    assert all("html" in d.metadata and d.text == "" for d in kept)
    redirect = next(d for d in out if d.metadata.get("http_status") == 301)
    assert redirect.metadata["redirect_to"] == "https://www.kabarnusantara.example/baru"


def test_wrong_charset_header_does_not_win_over_valid_utf8(crawl):
    path, _ = crawl
    kafe = next(d for d in read_warc(str(path), "c")
                if d.metadata.get("url", "").endswith("kafe") and "html" in d.metadata)
    assert "café au lait" in kafe.metadata["html"]
    assert kafe.metadata["charset_from"] == "utf8_over_http"


def test_decode_html_trusts_a_declared_charset_only_when_it_decodes():
    text = "Harga naik — kata warga ‘luar biasa’"
    cp = text.encode("cp1252")
    assert decode_html(cp, "windows-1252")[0] == text
    # a wrong multi-byte declaration that fails to decode is ignored
    body = "<p>Kota tua yang indah dan bersejarah, kafé dan pasar.</p>".encode("cp1252")
    out, codec, how = decode_html(body, "utf-8")
    assert "kafé" in out and how in ("meta", "detected")
    meta = b'<meta charset="iso-8859-1"><p>caf\xe9</p>'
    assert decode_html(meta)[0].endswith("café</p>") and decode_html(meta)[2] == "meta"


def test_truncated_warc_ends_with_an_error_after_what_was_read(crawl, tmp_path):
    path, _ = crawl
    from fastwarc.warc import ArchiveIterator

    # cut inside the content of the 5th record (a response): 20 bytes before the next gzip member
    # starts, so its WARC and HTTP headers are whole and its last content bytes are missing (a
    # fixed byte offset would land anywhere, the records' ids and dates being random)
    with open(path, "rb") as f:
        starts = [rec.stream_pos for rec in ArchiveIterator(f, parse_http=False)]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(path.read_bytes()[: starts[5] - 20])
    out = list(read_warc(str(cut), "cut"))
    assert isinstance(out[-1], ReadError) and out[-1].kind == "truncated"
    assert len(out) == 5  # four whole records, then the error for the fifth
    # cut 30 bytes into the 6th record's gzip member: FastWARC stops there without an error
    head = tmp_path / "head.warc.gz"
    head.write_bytes(path.read_bytes()[: starts[5] + 30])
    out = list(read_warc(str(head), "head"))
    assert [type(d) for d in out] == [Document] * 5 + [ReadError] and out[-1].kind == "truncated"
    assert any(isinstance(d, Document) and d.decision.status == "kept" for d in out)
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a warc file\n")
    assert [e.kind for e in read_warc(str(junk), "j")][-1] in ("truncated", "not_warc")


def test_wet_records_are_plain_text_documents(tmp_path):
    wet = tmp_path / "x.warc.wet.gz"
    write_wet(wet, [(f"https://a.example/{i}", "\n".join(b)) for i, (_, b) in enumerate(BODIES)])
    (src,) = expand_inputs([str(wet)])
    assert src.kind == "warc"
    out = list(read_source(src))
    texts = [d for d in out if d.decision.status == "kept"]
    assert len(out) == len(BODIES) + 1 and len(texts) == len(BODIES)
    assert texts[0].text.startswith(BODIES[0][1][0]) and "html" not in texts[0].metadata
    assert texts[0].metadata["warc_lang"] == "ind"


def test_html_folder_is_one_shard_of_pages(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    (d / "a.html").write_text("<html><body><p>satu</p></body></html>", encoding="utf-8")
    (d / "b.htm").write_bytes(b"<html><head><meta charset='windows-1252'></head><p>caf\xe9</p>")
    (d / "notes.txt").write_text("teks biasa", encoding="utf-8")
    sources = expand_inputs([str(d)])
    kinds = sorted(s.kind for s in sources)
    assert kinds == ["htmldir", "textdir"]
    html = next(s for s in sources if s.kind == "htmldir")
    docs = list(read_source(html))
    assert [x.metadata["path"] for x in docs] == ["a.html", "b.htm"]
    assert "café" in docs[1].metadata["html"]


def test_run_on_a_warc_extracts_first_and_reconciles(crawl, tmp_path):
    path, expect = crawl
    res = run_pipeline(Pipeline.from_config({"steps": ["normalize", "spam"]}), [str(path)],
                       tmp_path / "out", progress=False)
    c = res.counts
    assert c["input"] == expect["records"] == c["kept"] + c["rejected"] + c["errors"]
    reasons = res.rejected_by_reason
    assert reasons["read:warc_type"] == expect["records"] - expect["responses"]
    assert reasons["read:http_status"] == 2 and reasons["read:not_html"] == 2
    assert reasons.get("spam:spam_gambling", 0) == 1  # the slot-gacor page
    assert reasons["extract:html_too_deep"] == 1  # the huge nested page, rejected fast
    assert c["kept"] >= len(BODIES)
    domains = res.observed["domains"]  # per-domain counters, also in stats.json
    assert domains["wartaharian.example"]["read:not_html"] == 2
    assert domains["slot-gacor-maxwin.example"] == {"rejected": 1, "spam:spam_gambling": 1}
    assert sum(d.get("kept", 0) for d in domains.values()) == c["kept"]
