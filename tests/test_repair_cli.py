"""``saring clean``: plain text, --json, --diff and stdin."""

from __future__ import annotations

import json

from click.testing import CliRunner

from saring.cli.clean import clean

TEXT = "Pada hari Senin IndiaSeorang pejabat tiba di Bali.\nRusian Presiden Vladimir Putin berbicara.\n"


def test_plain_output_from_file(tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(clean, [str(p)])
    assert res.exit_code == 0
    assert res.output == ("Pada hari Senin seorang pejabat India tiba di Bali.\n"
                          "Presiden Rusia Vladimir Putin berbicara.\n")


def test_json_from_stdin() -> None:
    res = CliRunner().invoke(clean, ["--json", "-"], input=TEXT)
    assert res.exit_code == 0
    out = json.loads(res.output)
    assert set(out) == {"text", "edits", "flags", "scores", "removed_paragraphs"}
    assert out["text"].startswith("Pada hari Senin seorang pejabat India")
    assert [e["before"] for e in out["edits"]] == ["IndiaSeorang pejabat", "Rusian Presiden"]
    assert set(out["edits"][0]) == {"kind", "start", "end", "before", "after", "confidence"}
    assert out["scores"]["mt_damage"] > 0.5


def test_json_removed_paragraphs_and_flags(founding_text: str) -> None:
    res = CliRunner().invoke(clean, ["--json", "-"], input=founding_text)
    out = json.loads(res.output)
    [removed] = out["removed_paragraphs"]
    assert removed["reason"] == "revision_duplicate" and "Kamis" in removed["text"]
    low = CliRunner().invoke(clean, ["--json", "--min-confidence", "1.0", "-"], input=founding_text)
    assert len(json.loads(low.output)["flags"]) >= 11


def test_diff_output() -> None:
    res = CliRunner().invoke(clean, ["--diff", "-"], input=TEXT)
    assert res.exit_code == 0
    assert "-Rusian Presiden Vladimir Putin berbicara." in res.output
    assert "+Presiden Rusia Vladimir Putin berbicara." in res.output
    assert "mt_suffix_reorder" in res.output
    same = CliRunner().invoke(clean, ["--diff", "-"], input="Teks bersih saja.\n")
    assert "(no changes)" in same.output
