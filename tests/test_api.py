"""The Python API as a notebook user meets it: process() with dedup, saring.run, saring.clean."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

import saring
from saring import Document, Pipeline
from saring.cli.clean import result_dict
from saring.dataset import read_kept

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"


def _records() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]


def test_readme_example_pipeline_processes_in_memory_with_dedup() -> None:
    p = Pipeline.from_yaml(REPO / "examples" / "pipeline.yaml")
    recs = _records()
    out = list(p.process(recs))
    assert [d.id for d in out] == [r["id"] for r in recs]  # every input back, in input order
    dedup = [d for d in out if d.decision.step == "dedup"]
    assert dedup and all(d.decision.reason.endswith("_duplicate") for d in dedup)
    for d in dedup:  # the document it duplicates was kept
        kept_id = d.annotations["dedup"]["kept_id"]
        assert next(x for x in out if x.id == kept_id).status == "kept"


def test_in_memory_equals_a_file_run(tmp_path) -> None:
    """process() gives the same decisions and texts as `saring run` on the same records."""
    p = Pipeline.from_yaml(REPO / "examples" / "pipeline.yaml")
    mem = {d.id: d for d in p.process(_records())}
    res = saring.run(SAMPLE, tmp_path / "o", config=REPO / "examples" / "pipeline.yaml", workers=1)
    kept = {d.id: d.text for d in read_kept(tmp_path / "o")}
    assert kept == {i: d.text for i, d in mem.items() if d.status == "kept"}
    assert res.counts["kept"] == len(kept)


def test_process_accepts_dicts_documents_and_strings() -> None:
    p = Pipeline.from_config({"steps": ["normalize"]})
    out = list(p.process([{"id": "a", "text": "satu\u00a0dua", "url": "https://x.id/a"},
                          Document("b", "tiga"), "empat lima", {"id": "c", "text": None}]))
    assert [d.id for d in out] == ["a", "b", "2", "c"]
    assert out[0].metadata == {"url": "https://x.id/a"}
    assert out[3].status == "error" and out[3].decision.reason == "missing_text"
    with pytest.raises(TypeError):
        list(p.process([42]))


def test_process_stats_include_corpus_stages() -> None:
    text = "Harga beras di pasar induk naik tajam menjelang akhir pekan menurut pedagang setempat. " * 3
    p = Pipeline.from_config({"steps": ["normalize", "dedup"]})
    stats: dict = {}
    out = list(p.process([text, text, text + " Tambahan."], stats))
    assert [d.status for d in out].count("kept") == 1
    assert stats["dedup"].docs_in == 3 and sum(stats["dedup"].rejected.values()) == 2


def test_run_mirrors_the_cli(tmp_path) -> None:
    res = saring.run([str(SAMPLE)], tmp_path / "o", workers=1, languages=["id"], format="parquet")
    assert res.balanced and res.counts["input"] == len(_records())
    assert list(res.languages) [0] == "id" and res.languages["id"]["kept"] == res.counts["kept"]
    assert sorted(p.name for p in (tmp_path / "o" / "kept").iterdir()) == ["id"]
    assert (tmp_path / "o" / "kept" / "id" / "part-00000-of-00001.parquet").exists()
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert manifest["config"]["languages"] == ["id"]


def test_clean_mirrors_saring_clean(tmp_path) -> None:
    from click.testing import CliRunner

    from saring.cli.main import saring as cli

    text = ("Presiden mengatakan bahwa kebijakan ituakan diterapkan mulai bulan depan di seluruh "
            "wilayah.\nMenurutnya, langkah ini penting untukmenjaga stabilitas harga.")
    doc = saring.clean(text)
    f = tmp_path / "t.txt"
    f.write_text(text, "utf-8")
    cli_out = CliRunner().invoke(cli, ["clean", str(f), "--json"])
    assert cli_out.exit_code == 0
    assert orjson.loads(cli_out.output) == orjson.loads(orjson.dumps(result_dict(doc)))
    assert doc.undo() == text
    with pytest.raises(TypeError):
        saring.clean(b"bytes")  # type: ignore[arg-type]
