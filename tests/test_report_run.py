"""The run report end to end: a real run with 1 and 2 workers, `saring explain` stories, the HTML
page opened in a real headless Chromium (skipped cleanly when chromium/playwright are absent)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from saring.document import Document
from saring.executors.runner import run_pipeline
from saring.pipeline import Pipeline
from saring.report.explain import explain
from saring.report.html import stable_part
from saring.report.observer import ReportObserver, finish_report
from saring.step import FunctionStep

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CHROMIUM = "/usr/bin/chromium"
HOSTILE_ID = 'evil-<img src=x onerror="alert(1)">'
HOSTILE_TEXT = ("<script>alert('xss')</script> Berita palsu </svg><svg onload=alert(2)> "
                "<img src=x onerror=alert(3)> di sini.")


def run_with_report(pipeline: Pipeline, inputs: list, out: Path, workers: int = 1, html: bool = True):
    """What `saring run` does: the report observer on the run, then timings and the page."""
    res = run_pipeline(pipeline, inputs, out, workers=workers, progress=False,
                       observers=[ReportObserver.for_pipeline(out, pipeline.steps)])
    finish_report(out, res, html=html)
    return res


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    d = tmp_path_factory.mktemp("in")
    hostile = d / "hostile.jsonl"
    hostile.write_text(json.dumps({"id": HOSTILE_ID, "text": HOSTILE_TEXT,
                                   "url": "https://evil.example/</svg><script>alert(4)</script>"}) + "\n",
                       encoding="utf-8")
    return [str(EXAMPLES / "sample.jsonl"), str(EXAMPLES / "bad_input.jsonl"), str(hostile)]


@pytest.fixture(scope="module")
def runs(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    out = {}
    for workers in (1, 2):
        o = tmp_path_factory.mktemp(f"out{workers}") / "run"
        # Indonesian only, as when these expectations were written (langid rejects ms/jv/en)
        res = run_with_report(Pipeline.default(languages=["id"]), inputs, o, workers=workers)
        assert res.balanced
        out[workers] = o
    return out


def test_report_is_identical_for_one_and_two_workers(runs: dict[int, Path]) -> None:
    a = (runs[1] / "report.html").read_text(encoding="utf-8")
    b = (runs[2] / "report.html").read_text(encoding="utf-8")
    assert "<!--volatile-->" in a  # timings exist, and are the only part left out
    assert stable_part(a) == stable_part(b)
    assert (runs[1] / "report" / "stats.json").read_bytes() == (runs[2] / "report" / "stats.json").read_bytes()
    assert len(a.encode()) < 2 * 2**20


def test_report_counts_reconcile_with_stats(runs: dict[int, Path]) -> None:
    rep = orjson.loads((runs[1] / "report" / "stats.json").read_bytes())
    stats = orjson.loads((runs[1] / "stats.json").read_bytes())
    c = stats["counts"]
    assert rep["status"] == {k: v for k, v in (("kept", c["kept"]), ("rejected", c["rejected"]),
                                               ("error", c["errors"])) if v}
    assert rep["reasons"] == stats["rejected_by_reason"]
    assert sum(rep["errors"].values()) == c["errors"]


def _step(story: dict, name: str) -> dict:
    return next(s for s in story["steps"] if s["step"] == name)


def test_explain_a_repaired_document(runs: dict[int, Path]) -> None:
    [story] = explain(runs[2], "mt-2025-0001")
    assert story["status"] == "kept" and story["file"].startswith("kept/")
    edits = _step(story, "repair")["edits"]
    assert {"before": "Rusian Presiden", "after": "Presiden Rusia"}.items() <= edits[0].items()
    assert edits[0]["right"].startswith(" Vladimir Putin")
    assert all(s["reached"] for s in story["steps"])


def test_explain_a_rejected_document(runs: dict[int, Path]) -> None:
    [story] = explain(runs[1], "spam-2025-0001")
    assert story["decision"]["step"] == "spam" and story["decision"]["reason"] == "spam_gambling"
    assert "decision" in _step(story, "spam")
    assert not _step(story, "pii")["reached"] and not _step(story, "dedup")["reached"]
    assert story["file"].startswith("rejected/")


def test_explain_a_rejected_document_shows_the_failing_threshold(runs: dict[int, Path]) -> None:
    [story] = explain(runs[1], "antara-2025-0001")  # a one-line item: language score too low
    assert story["decision"]["reason"] == "lang_score_low"
    [check] = _step(story, "langid")["checks"]
    assert not check["passed"] and check["value"] < check["threshold"] == 0.5
    assert check["value"] == story["decision"]["value"]
    assert not _step(story, "quality")["reached"]


def test_explain_a_duplicate_names_the_document_it_duplicates(runs: dict[int, Path]) -> None:
    [story] = explain(runs[1], "okezone-2025-0001")
    assert story["decision"]["reason"] == "exact_duplicate"
    dup = story["duplicate_of"]
    assert dup["id"] == "detik-2025-0001" and dup["status"] == "kept"
    assert dup["file"].startswith("kept/")


def test_explain_an_unreadable_record(runs: dict[int, Path]) -> None:
    key = f"{EXAMPLES / 'bad_input.jsonl'}:2"
    [story] = explain(runs[1], key)
    assert story["status"] == "error" and story["decision"]["reason"] == "malformed_json"
    assert "Kalimat ini tidak pernah ditutup" in story["raw"]


def boom(doc: Document) -> None:
    if "MELEDAK" in doc.text:
        raise ValueError("this document blows the step up")


def test_explain_a_step_error(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate(
        ["Teks biasa saja.", "Teks ini MELEDAK di tengah.", "Teks lain."])) + "\n")
    run_with_report(Pipeline([FunctionStep(boom, label="boom")]), [src], tmp_path / "o", html=False)
    [story] = explain(tmp_path / "o", "d1")
    assert story["status"] == "error" and story["file"].startswith("errors/")
    assert "blows the step up" in story["decision"]["message"]
    assert "decision" in _step(story, "boom")


def test_cli_explain_json_and_report(runs: dict[int, Path], tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "saring.cli.main"]
    r = subprocess.run([*exe, "explain", str(runs[1]), "okezone-2025-0001", "--json"],
                       capture_output=True, text=True, check=True)
    assert json.loads(r.stdout)[0]["duplicate_of"]["id"] == "detik-2025-0001"
    r = subprocess.run([*exe, "explain", str(runs[1]), "no-such-id"], capture_output=True, text=True)
    assert r.returncode == 1 and "no document" in r.stderr
    target = tmp_path / "r.html"
    subprocess.run([*exe, "report", str(runs[1]), "-o", str(target)], check=True, capture_output=True)
    assert stable_part(target.read_text()) == stable_part((runs[1] / "report.html").read_text())


# ----------------------------------------------------------------------------- browser
SECTIONS = ["run", "funnel", "rules", "languages", "repairs", "sites", "boilerplate", "pii",
            "dedup", "lengths", "removals", "errors", "timing"]


@pytest.fixture(scope="module")
def browser():
    pw = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("chromium not installed")
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_report_renders_in_chromium_and_runs_nothing(browser, runs: dict[int, Path], width: int,
                                                     tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    dialogs, console, requests = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((runs[1] / "report.html").as_uri())
    for sid in SECTIONS:
        assert page.locator(f"section#{sid}").count() == 1, sid
    assert page.locator("#rules .card.rule svg rect.bar").count() > 10
    assert page.locator("#rules svg line.mark").count() > 5  # thresholds drawn
    assert page.locator("#funnel tbody tr").count() >= 10
    assert page.locator("#sites tbody tr").count() >= 10
    assert page.locator("#errors details.errkind").count() >= 5
    assert page.locator("#dedup details.cluster").count() >= 1
    # hostile markup is text: no script element, no handler attribute, nothing fired or fetched
    page.locator("#removals details").evaluate_all("els => els.forEach(e => e.open = true)")
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('[onerror],[onload]').length") == 0
    assert page.evaluate("document.querySelectorAll('main svg svg, main img').length") == 0
    shown = page.locator("#removals").inner_text()
    assert "<script>alert('xss')</script>" in shown and "</svg><svg onload=alert(2)>" in shown
    assert HOSTILE_ID in page.locator("main").inner_text()
    assert page.get_by_text("<script>alert('xss')</script>", exact=False).first.is_visible()
    page.wait_for_timeout(200)
    assert dialogs == [] and console == []
    assert all(u.startswith("file://") for u in requests)
    # readable: nothing wider than the viewport except inside horizontal scroll boxes
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    shot = Path(os.environ.get("SARING_SCREENSHOTS", tmp_path)) / f"report-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()


def test_a_resumed_run_gives_the_same_report(inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "o"
    run_with_report(Pipeline.default(), inputs, out)
    first = stable_part((out / "report.html").read_text())
    markers = sorted((out / "_work" / "done").rglob("*.json"))
    markers[-1].unlink()  # as if killed before that task was marked done
    (out / "report.html").unlink()
    (out / "report" / "stats.json").unlink()
    res = run_with_report(Pipeline.default(), inputs, out)
    assert res.skipped_shards  # the other tasks were resumed from their markers
    assert stable_part((out / "report.html").read_text()) == first


def test_score_only_rules_show_would_be_removed_examples(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    words = ("pemerintah kota akan membangun jalan baru di pusat pasar dan warga yang tinggal dekat "
             "sungai itu menyambut rencana ini dengan gembira karena selama bertahun tahun mereka "
             "harus memutar jauh untuk sampai ke sekolah kantor atau rumah sakit terdekat").split()

    def text(n: int) -> str:
        return " ".join(words[i % len(words)] + ("." if i % 12 == 11 else "") for i in range(n)) + "."

    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": text(n)}) for i, n in
                             enumerate([3, 10, 45, 60, 200])) + "\n")
    p = Pipeline.from_config({"steps": [{"quality": {"profile": "id", "score_only": True}}]})
    res = run_with_report(p, [src], tmp_path / "o")
    assert res.counts["kept"] == 5
    rep = orjson.loads((tmp_path / "o" / "report" / "stats.json").read_bytes())
    i = next(i for i, s in enumerate(rep["catalog"]) if s["metric"] == "n_words" and s["profile"] == "id")
    would = [it["id"] for it in rep["near"][f"{i}.0|removed"]["items"]]
    assert would[0] == "d2"  # 45 words: the closest below the 50-word minimum
    assert "d3" in [it["id"] for it in rep["near"][f"{i}.0|passed"]["items"]]


def short(doc: Document):
    return None if len(doc.text) > 12 else (False, "too_short")


@pytest.mark.parametrize("fmt", ["parquet", "jsonl.zst"])
def test_explain_finds_documents_in_any_output_format(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i % 3}", "text": t}) for i, t in enumerate(
        ["Teks yang cukup panjang.", "Pendek.", "Teks panjang yang lain lagi."] * 3)) + "\n")
    p = Pipeline([FunctionStep(short, label="short")], writer={"format": fmt})
    run_with_report(p, [src], tmp_path / "o", html=False)
    stories = explain(tmp_path / "o", "d1")  # a repeated id: every record with that id
    assert [s["status"] for s in stories] == ["rejected"] * 3
    assert {s["source"]["line"] for s in stories} == {2, 5, 8}
    assert stories[0]["decision"]["reason"] == "too_short"
    kept = explain(tmp_path / "o", "d2")
    assert len(kept) == 3 and all(s["status"] == "kept" and s["file"].endswith(fmt) for s in kept)


def test_cli_run_writes_the_report_and_quiet_progress_lines(tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "saring.cli.main"]
    out = tmp_path / "o"
    r = subprocess.run([*exe, "run", str(EXAMPLES / "sample.jsonl"), "-o", str(out), "--workers", "1"],
                       capture_output=True, text=True, check=True)
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("saring: segment")]
    assert lines and all("shards" in ln and "docs/s" in ln and "ETA" in ln for ln in lines)
    assert "report: " in r.stdout and (out / "report.html").is_file()
    r = subprocess.run([*exe, "run", str(EXAMPLES / "sample.jsonl"), "-o", str(tmp_path / "p"),
                        "--workers", "1", "--no-report", "--no-progress"], capture_output=True, text=True, check=True)
    assert r.stderr == "" and not (tmp_path / "p" / "report.html").exists()
    assert (tmp_path / "p" / "report" / "stats.json").is_file()  # still collected: `saring report` later
