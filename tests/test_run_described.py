"""A pool run's driver holds the default pipeline as a description made by a forked child
(executors/described.py): it must say exactly what the real pipeline says (config, fingerprint,
report rules, contracts), send workers exactly the real steps' bytes, and never import the
steps' rule modules itself."""

from __future__ import annotations

import gzip
import json
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_run_driver_numpy import _text

from saring.executors import described
from saring.executors.described import DescribedStep, default_pipeline
from saring.executors.manifest import step_identity
from saring.pipeline import Pipeline
from saring.registry import ConfigError
from saring.report.collect import rule_catalog
from saring.step import CorpusStage, Step


@pytest.fixture(scope="module")
def both() -> tuple[Pipeline, Pipeline]:
    """The real pipeline and its description, made here rather than through ``default_pipeline``:
    that one builds in process when another thread is alive, as an earlier test's leftover may be
    in a whole-suite run (the fork path itself is covered by the subprocess run below)."""
    return Pipeline.default(), described._from_description(described._describe_default(None))


def test_described_pipeline_says_what_the_real_one_says(both: tuple[Pipeline, Pipeline]) -> None:
    real, desc = both
    stand_ins = [s for s in desc.steps if type(s) is DescribedStep]
    assert len(stand_ins) == len(real.steps) - 1  # every per-document step; dedup is real
    assert [type(s) for s in desc.steps if isinstance(s, CorpusStage)] == [
        type(s) for s in real.steps if isinstance(s, CorpusStage)
    ]
    assert desc.to_config() == real.to_config()
    assert [step_identity(s) for s in desc.steps] == [step_identity(s) for s in real.steps]
    assert rule_catalog(desc.steps) == rule_catalog(real.steps)
    assert [(s.label, s.provides(), s.requires()) for s in desc.steps] == [
        (s.label, s.provides(), s.requires()) for s in real.steps
    ]
    assert desc.languages == real.languages


def test_stand_ins_pickle_as_the_real_steps(both: tuple[Pipeline, Pipeline]) -> None:
    real, desc = both
    back = pickle.loads(pickle.dumps(desc.steps))
    assert [type(s) for s in back] == [type(s) for s in real.steps]
    assert all(map(_same, back, real.steps))  # what the fork server's preloaded steps match on


def _same(a: object, b: object) -> bool:
    """Equal state, looking inside steps (pickle bytes also depend on string sharing)."""
    if isinstance(a, Step | CorpusStage) or isinstance(b, Step | CorpusStage):
        return type(a) is type(b) and _same(a.__getstate__(), b.__getstate__())  # type: ignore[union-attr]
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


def test_a_stand_in_runs_its_real_step_when_asked(both: tuple[Pipeline, Pipeline]) -> None:
    real, desc = both
    text = "Harga  beras naik\u00a0lagi di pasar.\n\n" + _text(3)
    got = list(desc.per_document().process([text]))[0]
    want = list(real.per_document().process([text]))[0]
    assert got.to_dict() == want.to_dict()


def test_isinstance_answers_once_the_class_is_imported(both: tuple[Pipeline, Pipeline]) -> None:
    from saring.url.step import URLFilter

    _, desc = both
    assert sum(isinstance(s, URLFilter) for s in desc.steps) == 1


def test_a_config_error_is_raised_in_the_driver() -> None:
    with pytest.raises(ConfigError, match="language"):
        default_pipeline(["xx-not-a-language"])


def test_with_threads_or_a_dead_child_it_builds_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not any(type(s) is DescribedStep for s in default_pipeline().steps)
    finally:
        stop.set()
        t.join()
    monkeypatch.setattr(described, "_describe_default", lambda langs: 1 / 0)  # child exits 1
    monkeypatch.setattr(described.threading, "active_count", lambda: 1)  # reach the fork
    assert not any(type(s) is DescribedStep for s in default_pipeline().steps)


CODE = """
import json, sys
sys.argv = ['saring', *sys.argv[1:]]
import saring.cli.main as m
try:
    m.main()
finally:
    print(json.dumps({k: k in sys.modules for k in
                      ("ftfy", "saring.normalize.step", "saring.repair.step",
                       "saring.boilerplate.step", "saring.dedup.stage")}), file=sys.stderr)
"""


def _run(tmp_path: Path, name: str, workers: int) -> tuple[dict[str, bool], dict[str, bytes]]:
    inp = tmp_path / "in.jsonl"
    if not inp.exists():
        docs = [
            {"id": f"d{i}", "text": _text(i), "url": f"https://www.contoh.example/{i}"}
            for i in range(8)
        ]
        docs.append({"id": "copy", "text": docs[0]["text"]})
        inp.write_text("".join(json.dumps(d) + "\n" for d in docs))
    env = {"SARING_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    out_dir = tmp_path / name
    args = ["run", str(inp), "-o", str(out_dir), "--workers", str(workers), "--no-progress"]
    out = subprocess.run(
        [sys.executable, "-c", CODE, *args], capture_output=True, text=True, timeout=600, env=env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    files = {
        str(p.relative_to(out_dir)): p.read_bytes()
        for p in sorted(out_dir.rglob("*"))
        if p.is_file() and p.suffix == ".gz"
    }
    stats = _untimed(json.loads((out_dir / "stats.json").read_text()))
    files["stats"] = json.dumps(stats, sort_keys=True).encode()
    files["fingerprint"] = json.loads((out_dir / "manifest.json").read_text())[
        "fingerprint"
    ].encode()
    return json.loads(out.stderr.strip().splitlines()[-1]), files


def _untimed(x: object) -> object:
    """stats.json without its clock readings."""
    if isinstance(x, dict):
        return {k: _untimed(v) for k, v in x.items() if k not in ("seconds", "docs_per_second")}
    return [_untimed(v) for v in x] if isinstance(x, list) else x


def test_pool_driver_imports_no_rule_module_and_outputs_equal_one_worker(tmp_path: Path) -> None:
    pool_mods, pool = _run(tmp_path, "pool", 2)
    one_mods, one = _run(tmp_path, "one", 1)
    assert pool_mods == {
        "ftfy": False,
        "saring.normalize.step": False,
        "saring.repair.step": False,
        "saring.boilerplate.step": False,
        "saring.dedup.stage": True,
    }
    assert one_mods["saring.normalize.step"]  # one worker: the steps run in this process
    assert pool.keys() == one.keys() and any(k.startswith("kept") for k in pool)
    assert pool == one
    kept = [
        json.loads(line)["id"]
        for k in pool
        if k.startswith("kept")
        for line in gzip.decompress(pool[k]).decode().splitlines()
    ]
    assert len(kept) == 8  # dedup removed one of d0/copy
