"""Report statistics: exact merging (any split of documents into shards gives the same result),
samples equal to a brute-force selection, fixed bins, PII masked in examples."""

from __future__ import annotations

import random

import pytest

from saring.document import Document, Edit
from saring.report.collect import (
    K_NEAR,
    K_SAMPLES,
    ShardCollector,
    bin_of,
    bin_range,
    finalize,
    id_hash,
    merge,
)

CATALOG = [
    {"ann": "q", "metric": "n_words", "profile": None, "scale": "log",
     "rules": [{"step": "q", "reason": "short", "direction": "min", "threshold": 50}]},
    {"ann": "repair", "metric": "mt_damage", "profile": None, "scale": "unit", "rules": []},
]


def make_docs(n: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        words = rng.randint(1, 400)
        text = " ".join(f"kata{j % 17}" for j in range(words))
        d = Document(f"doc-{i:04d}", text, metadata={
            "url": f"https://www.site{rng.randint(0, 6)}.example/a/{i}", "source_file": "in.jsonl",
            "source_line": i + 1})
        d.annotate("q", n_words=words)
        d.annotate("repair", mt_damage=round(rng.random() * 0.3, 4))
        d.annotate("langid", lang=rng.choice(["id", "ms", "jv"]), paragraphs=[[0, 10, "id", 0.9]])
        if rng.random() < 0.3:
            d.edits.append(Edit("repair", "mt_glue", 0, 5, text[:5], "XXXXX", 0.9))
            d.text = "XXXXX" + text[5:]
        if words < 50:
            d.reject("q", "short", words, 50)
        elif rng.random() < 0.1:
            d.fail("boom", "ValueError in step boom: bad")
        if rng.random() < 0.6:
            d.annotate("dedup", cluster_id=f"c{i % 50}", cluster_size=2 + i % 50 % 4)
        docs.append(d)
    return docs


def collect(docs: list[Document]) -> dict:
    c = ShardCollector(CATALOG)
    for d in docs:
        c.observe(d)
    return c.to_dict()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_merge_does_not_depend_on_the_split_or_order(seed: int) -> None:
    docs = make_docs(300, seed)
    whole = merge([collect(docs)])
    rng = random.Random(seed)
    for parts in (2, 5, 17):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        shards = [shuffled[i::parts] for i in range(parts)]
        dicts = [collect(s) for s in shards]
        rng.shuffle(dicts)
        assert merge(dicts) == whole


def test_samples_are_the_smallest_hashes_and_near_threshold_is_nearest() -> None:
    docs = make_docs(400, 7)
    m = merge([collect(docs[:150]), collect(docs[150:])])
    rejected = [d for d in docs if d.decision.status == "rejected"]
    expected = sorted(rejected, key=lambda d: id_hash(d.id))[:K_SAMPLES]
    got = [it["id"] for it in m["samples"]["reason:q:short"]["items"]]
    assert got == [d.id for d in expected]
    # just removed by the "short" rule: the rejected documents closest to 50 words
    removed = sorted(rejected, key=lambda d: (abs(d.annotations["q"]["n_words"] - 50) / 50,
                                              id_hash(d.id)))[:K_NEAR]
    assert [it["id"] for it in m["near"]["0.0|removed"]["items"]] == [d.id for d in removed]
    passed = [d for d in docs if d.annotations["q"]["n_words"] >= 50]
    best = min(abs(d.annotations["q"]["n_words"] - 50) for d in passed)
    assert m["near"]["0.0|passed"]["items"][0]["value"] == 50 + best


def test_counts_reconcile_and_histograms_hold_every_measured_value() -> None:
    docs = make_docs(250, 11)
    m = merge([collect(docs[:100]), collect(docs[100:])])
    assert sum(m["status"].values()) == len(docs)
    assert sum(m["hist"]["0"].values()) == len(docs)
    assert sum(m["len_before"].values()) == len(docs)
    assert sum(m["len_after"].values()) == sum(d.decision.status == "kept" for d in docs)
    assert sum(r["docs"] for r in m["sites"].values()) == len(docs)
    assert m["edits"].get("mt_glue", 0) == sum(len(d.edits) for d in docs)


def test_fixed_bins_contain_their_values() -> None:
    rng = random.Random(0)
    for _ in range(500):
        v = rng.random() * 1000
        lo, hi = bin_range(bin_of(v, "log"), "log")
        assert lo <= v < hi * (1 + 1e-12)
        u = rng.random()
        lo, hi = bin_range(bin_of(u, "unit"), "unit")
        assert lo <= u < hi
    assert bin_of(0, "log") == "z"


def test_edit_examples_show_the_text_around_the_edit_and_never_pii_values() -> None:
    d = Document("e1", "Hubungi 0812-3456-7890 atau kunjungi kantor kami di Bandung hari ini.")
    d.edits.append(Edit("pii", "pii:phone", 8, 22, "****-****-****", "<PHONE>", 0.9))
    d.text = "Hubungi <PHONE> atau kunjungi kantor kami di Bandung hari ini."
    d.edits.append(Edit("repair", "mt_glue", 45, 52, "Bandung", "Kota Bandung", 0.8))
    d.text = d.text[:45] + "Kota Bandung" + d.text[52:]
    m = merge([collect([d])])
    assert "edit:pii:phone" not in m["samples"]
    ex = m["samples"]["edit:mt_glue"]["items"][0]
    assert ex["before"] == "Bandung" and ex["after"] == "Kota Bandung"
    assert ex["left"].endswith("kantor kami di ")
    assert m["edits"]["pii:phone"] == 1


def test_finalize_masks_pii_in_snippets() -> None:
    d = Document("p1", "Telah hilang dompet. Hubungi email budi.santoso@example.co.id atau "
                       "telepon 0812-3456-7890 segera.")
    d.reject("q", "short", 10, 50)
    m = finalize(merge([collect([d])]))
    text = m["samples"]["reason:q:short"]["items"][0]["text"]
    assert "budi.santoso@example.co.id" not in text and "<EMAIL>" in text
    assert "3456" not in text


def test_report_stays_small_for_hostile_sizes(tmp_path) -> None:
    """Huge ids, texts, edits and one site per document: the page stays far below 2 MiB."""
    import orjson

    from saring.report.html import render

    big = "x" * 50_000
    parts = []
    for shard in range(4):
        docs = []
        for i in range(1500):
            text = f"kata {i} " * 2000
            d = Document(f"{big}-{shard}-{i}", text, metadata={
                "url": f"https://{'s' * 200}{shard}-{i}.example/", "source_file": big})
            d.annotate("q", n_words=i)
            d.edits.append(Edit("repair", f"kind{i % 90}", 0, 0, "", big[:5000], 0.5))
            d.text = big[:5000] + text
            if i % 3 == 0:
                d.reject("q", "short", big, [big] * 100)
            docs.append(d)
        parts.append(collect(docs))
    merged = finalize(merge(parts))
    merged["catalog"] = CATALOG
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "stats.json").write_bytes(orjson.dumps(merged))
    page = render(tmp_path)
    assert len(page.encode()) < 1 * 2**20
    assert len(orjson.dumps(merged)) < 4 * 2**20


def test_odd_annotation_and_metadata_types_do_not_break_collection() -> None:
    d = Document("odd", "teks", metadata={"url": 5, "source_line": "x", "site": ["a"]})
    d.annotations = {
        "langid": {"lang": ["x"], "paragraphs": "abc", "first_stage": 5, "score": "high"},
        "boilerplate": {"rules": {"a": "x", "b": None}, "lines_dropped": "many"},
        "pii": {"counts": ["phone"]},
        "repair": {"mt_damage": float("nan")},
        "dedup": {"cluster_id": {"a": 1}, "cluster_size": "big"},
        "q": {"n_words": True},
    }
    d.flags = [{"kind": None}]
    d.edits.append(Edit("x", "k", 0, 0, "", "", 1.0))
    d.reject("q", "short", object(), {1, 2})
    m = merge([collect([d]), collect([d])])
    assert m["status"] == {"rejected": 2}
    assert m["sites"]["(unknown)"]["docs"] == 2


def test_a_collector_failure_is_counted_not_raised(tmp_path, monkeypatch) -> None:
    from saring.report.observer import ReportObserver

    obs = ReportObserver(tmp_path, CATALOG)

    def boom(doc):
        raise RuntimeError("bug")

    monkeypatch.setattr(obs.collector, "observe", boom)
    obs.observe(Document("a", "teks"))
    out = obs.result()
    assert out["stats"]["failures"] == 1 and out["timing"]["records"] == 0
