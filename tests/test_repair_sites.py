"""Per-site MT damage as a corpus stage; repair output independent of the worker count."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
from conftest import corpus_records, kept_records, output_files

from saring.document import Document
from saring.executors.runner import run_pipeline
from saring.executors.serial import SerialExecutor
from saring.io.docfile import read_docs, write_docs
from saring.pipeline import DEFAULT_STEPS, Pipeline
from saring.registry import resolve
from saring.repair.sites import SiteDamage
from saring.step import StageContext


def _doc(i: int, site: str, damage: float | None, status: str = "kept") -> Document:
    d = Document(id=f"{site}-{i}", text="teks", metadata={"url": f"https://{site}/a/{i}"})
    if damage is not None:
        d.annotate("repair", mt_damage=damage)
    if status != "kept":
        d.reject("earlier", "too_short")
    return d


def test_stage_pools_per_site_and_annotates(tmp_path) -> None:
    shards = [
        [_doc(0, "rusak.example", 0.9), _doc(1, "bersih.example", 0.0), _doc(2, "x.example", None)],
        [_doc(3, "rusak.example", 0.8), _doc(4, "bersih.example", 0.0, status="rejected")],
    ]
    paths = []
    for i, docs in enumerate(shards):
        paths.append(tmp_path / f"in{i}.zst")
        write_docs(paths[-1], docs)
    assert resolve("site_damage") is SiteDamage
    out = SiteDamage().run(paths, StageContext(SerialExecutor(), tmp_path / "work"))
    figures = orjson.loads((tmp_path / "work" / "site_damage" / "sites.json").read_bytes())
    assert set(figures) == {"rusak.example", "bersih.example"}  # unscored docs are not counted
    assert figures["rusak.example"]["docs"] == 2 and figures["rusak.example"]["damaged_share"] == 1.0
    assert figures["bersih.example"]["docs"] == 1  # the rejected document is not counted
    assert figures["rusak.example"]["site_mt_damage"] > 0.2 > figures["bersih.example"]["site_mt_damage"]
    docs = [d for p in out.outputs for d in read_docs(p)]
    assert [d.id for d in docs] == [d.id for sh in shards for d in sh]  # every doc, input order
    by_id = {d.id: d for d in docs}
    assert by_id["rusak.example-3"].annotations["site_damage"] == {"site": "rusak.example",
                                                                    **figures["rusak.example"]}
    assert "site_damage" not in by_id["x.example-2"].annotations
    assert by_id["bersih.example-4"].decision.status == "rejected"  # passed through unchanged
    assert "site_damage" not in by_id["bersih.example-4"].annotations
    assert out.stats.docs_in == out.stats.docs_out == 4
    assert all(d.text == "teks" and not d.edits for d in docs)


def test_site_damage_is_opt_in() -> None:
    """It re-reads and re-writes every document, so the default pipeline does not include it."""
    assert "site_damage" not in [s if isinstance(s, str) else next(iter(s)) for s in DEFAULT_STEPS]


def _shards(tmp_path: Path, n_shards: int = 4, per: int = 25) -> list[Path]:
    """Shards that mix documents of the same sites, so a per-worker pool would differ."""
    recs = corpus_records("id_news_gikirima_multioutlet.jsonl.gz", n_shards * per)
    paths = []
    for i in range(n_shards):
        p = tmp_path / "in" / f"news{i}.jsonl.gz"
        p.parent.mkdir(exist_ok=True)
        with gzip.open(p, "wb") as f:
            for rec in recs[i::n_shards]:
                f.write(orjson.dumps(rec) + b"\n")
        paths.append(p)
    return paths


def _outputs(out: Path) -> dict[str, bytes]:
    return output_files(out)  # kept/<lang>/part-*, rejected/, errors/


@pytest.mark.parametrize("extra", [[], ["site_damage"]], ids=["default", "with_site_damage"])
def test_pipeline_output_identical_for_1_and_2_workers(tmp_path, extra) -> None:
    steps = list(DEFAULT_STEPS)
    if extra:
        steps.insert(3, *extra)  # after repair
    inputs = [str(p) for p in _shards(tmp_path)]
    results = {}
    for w in (1, 2):
        out = tmp_path / f"out{w}"
        res = run_pipeline(Pipeline.from_config({"steps": steps}), inputs, out, workers=w, progress=False)
        assert res.ok and res.balanced
        results[w] = (_outputs(out), res.counts)
    assert results[1][1] == results[2][1]
    assert results[1][0].keys() == results[2][0].keys() and results[1][0]
    for name, data in results[1][0].items():
        assert data == results[2][0][name], name
    if extra:
        kept = kept_records(tmp_path / "out1")
        assert any("site_mt_damage" in d["annotations"].get("site_damage", {}) for d in kept)
