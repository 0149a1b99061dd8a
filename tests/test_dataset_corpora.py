"""One pass over a sample of every shared corpus: per-language partitions, card, stats, datasets.

The sample is the first 120 records of each corpus file (all 14 corpora; the full 115k-document
run is in ``bench/bench_dataset.py``), so this stays well under a minute on one core.
"""

from __future__ import annotations

import gzip
import itertools
import os
from collections import Counter
from pathlib import Path

import orjson
import pytest
import yaml
from conftest import CORPORA

from saring.dataset import read_records
from saring.executors.runner import load_stats, run_pipeline
from saring.languages import kept_partition
from saring.pipeline import Pipeline

SAMPLE = 120


def _sample_corpora(dest: Path) -> list[Path]:
    files = sorted(CORPORA.glob("*.jsonl.gz")) if CORPORA.is_dir() else []
    if not files:
        pytest.skip("shared corpora not available")
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for f in files:
        p = dest / f.name
        with gzip.open(f, "rb") as src, gzip.open(p, "wb") as dst:
            dst.writelines(itertools.islice(src, SAMPLE))
        out.append(p)
    return out


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mixed")
    inputs = _sample_corpora(tmp / "in")
    pipeline = Pipeline.default()
    pipeline.writer["format"] = "parquet"
    res = run_pipeline(pipeline, [str(p) for p in inputs], tmp / "out", workers=2, progress=False)
    return res, tmp / "out"


def _front_matter(card: str) -> tuple[dict, str]:
    assert card.startswith("---\n")
    head, body = card[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_every_kept_document_is_in_its_languages_partition(mixed_run) -> None:
    res, out = mixed_run
    assert res.balanced
    seen: Counter[tuple[str, int]] = Counter()
    parts = sorted(p.name for p in (out / "kept").iterdir())
    assert set(parts) >= {"id", "ms", "en"}, parts
    for lang in parts:
        for rec in read_records(out, lang):
            prov = orjson.loads(rec["provenance"])
            md = prov["metadata"]
            assert rec["lang"] == md["lang_detected"]
            assert kept_partition(rec["lang"], Pipeline.default().languages) == lang
            assert prov["decision"]["status"] == "kept"
            seen[(md["source_file"], md["source_line"])] += 1
    assert max(seen.values()) == 1
    assert sum(seen.values()) == res.counts["kept"]


def test_malay_news_lands_in_ms_and_english_news_in_en(mixed_run) -> None:
    _, out = mixed_run
    by_source: dict[str, Counter[str]] = {}
    for lang in ("id", "ms", "en", "jv", "su", "other"):
        if not (out / "kept" / lang).exists():
            continue
        for rec in read_records(out, lang):
            src = os.path.basename(orjson.loads(rec["provenance"])["metadata"]["source_file"])
            by_source.setdefault(src, Counter())[lang] += 1
    ms = by_source["ms_web_news_malaysian_dataset.jsonl.gz"]
    assert ms["ms"] / sum(ms.values()) > 0.8, ms
    en = by_source["en_news_bbc.jsonl.gz"]
    assert en["en"] == sum(en.values()), en
    news = by_source["id_news_indosum_dev.jsonl.gz"]
    assert news["id"] / sum(news.values()) > 0.95, news


def test_card_counts_equal_stats_and_files(mixed_run) -> None:
    res, out = mixed_run
    stats = load_stats(out)
    langs = stats["languages"]
    assert langs == res.languages
    meta, body = _front_matter((out / "README.md").read_text("utf-8"))
    names = [c["config_name"] for c in meta["configs"]]
    assert names == [k for k, v in langs.items() if v["kept"]]
    assert sum(c.get("default", False) for c in meta["configs"]) == 1
    assert meta["license"] == "other" and "other" not in meta["language"]
    for c in meta["configs"]:
        (df,) = c["data_files"]
        files = sorted(out.glob(df["path"]))
        assert [str(f.relative_to(out)) for f in files] == langs[c["config_name"]]["files"]
        n = sum(1 for _ in read_records(out, c["config_name"]))
        assert n == langs[c["config_name"]]["kept"]
        row = next(line for line in body.splitlines() if line.startswith(f"| `{c['config_name']}` |"))
        assert f"| {n:,} |" in row
    # accounting per language balances and adds up to the run's totals
    for k, v in langs.items():
        assert v["input"] == v["kept"] + v["rejected"] + v["errors"], k
    for key in ("kept", "rejected", "errors", "input"):
        assert sum(v[key] for v in langs.values()) == stats["counts"][key], key
    by_reason: Counter[str] = Counter()
    for v in langs.values():
        by_reason.update(v["rejected_by_reason"])
    assert dict(by_reason) == stats["rejected_by_reason"]


def test_card_renders_as_markdown(mixed_run) -> None:
    from markdown_it import MarkdownIt

    _, out = mixed_run
    _, body = _front_matter((out / "README.md").read_text("utf-8"))
    html = MarkdownIt("commonmark").enable("table").render(body)
    assert html.count("<table>") >= 3
    assert "<h2>Languages</h2>" in html and "<h2>How it was made</h2>" in html
    assert "<script" not in html
    hub = pytest.importorskip("huggingface_hub")
    data = hub.DatasetCard((out / "README.md").read_text("utf-8")).data.to_dict()
    assert [c["config_name"] for c in data["configs"]] == [c["config_name"] for c in _front_matter(
        (out / "README.md").read_text("utf-8"))[0]["configs"]]


def test_each_language_loads_with_datasets_offline(mixed_run, tmp_path, monkeypatch) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    datasets.disable_progress_bars()
    _, out = mixed_run
    langs = load_stats(out)["languages"]
    for lang, v in langs.items():
        if not v["kept"]:
            continue
        ds = datasets.load_dataset(str(out), lang, split="train", cache_dir=str(tmp_path / "cache"))
        assert len(ds) == v["kept"], lang
        ids = [r["id"] for r in read_records(out, lang)]
        assert ds["id"] == ids
        assert set(ds.column_names) >= {"id", "text", "lang", "lang_score", "url", "domain", "date",
                                        "mt_damage", "quality", "dup_cluster", "provenance"}
        assert ds[0]["quality"]["profile"] == (lang if lang != "other" else "other")
