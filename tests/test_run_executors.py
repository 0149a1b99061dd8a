"""Output never depends on how the run ran: serial vs local with 1, 2, 4 workers give the same
bytes; the executor is chosen by name (API, CLI, YAML) and sizes work by its parallelism."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from conftest import output_files

from saring import Pipeline
from saring.executors.base import Executor, TaskFailedError, make_executor, parallelism_of
from saring.executors.local import LocalExecutor
from saring.executors.runner import run_pipeline
from saring.executors.serial import SerialExecutor
from saring.registry import ConfigError

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "sample.jsonl"
BAD = REPO / "examples" / "bad_input.jsonl"


def _outputs(out: Path) -> dict[str, bytes]:
    return output_files(out)  # kept/<lang>/part-*, rejected/, errors/


def _split_sample(folder: Path, parts: int) -> list[str]:
    """The sample corpus cut into ``parts`` shards (dedup then works across shards)."""
    lines = [x for x in SAMPLE.read_bytes().splitlines() if x.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(parts):
        p = folder / f"part{i}.jsonl"
        chunk = lines[i::parts]
        chunk += lines[: 3] if i == parts - 1 else []  # exact duplicates across shards
        p.write_bytes(b"\n".join(chunk) + b"\n")
        paths.append(str(p))
    return [*paths, str(BAD)]


# every default step except repair (covered with the whole default pipeline below)
NO_REPAIR = {"steps": ["normalize", "boilerplate", "langid", {"quality": {"score_only": True}}, "spam",
                       "optout", "pii", {"dedup": {"paragraph_min_docs": 2}}]}


def test_serial_and_local_1_2_4_workers_give_identical_bytes(tmp_path) -> None:
    config = NO_REPAIR
    inputs = _split_sample(tmp_path / "in", 4)
    runs = {"serial": run_pipeline(Pipeline.from_config(config), inputs, tmp_path / "serial",
                                   executor="serial", progress=False)}
    for n in (1, 2, 4):
        runs[f"local{n}"] = run_pipeline(Pipeline.from_config(config), inputs, tmp_path / f"local{n}",
                                         executor="local", workers=n, progress=False)
    ref = _outputs(tmp_path / "serial")
    assert runs["serial"].counts["rejected"] > 0  # dedup removed the cross-shard copies
    for name, res in runs.items():
        assert res.ok, (name, res.mismatches)
        assert _outputs(tmp_path / name) == ref, name
        stats = orjson.loads((tmp_path / name / "stats.json").read_bytes())
        assert stats["counts"] == runs["serial"].counts
        assert stats["rejected_by_reason"] == runs["serial"].rejected_by_reason
        man = orjson.loads((tmp_path / name / "manifest.json").read_bytes())
        assert man["executor"] == name.rstrip("1234")


def test_default_pipeline_with_repair_same_bytes_for_one_and_two_workers(tmp_path) -> None:
    inputs = _split_sample(tmp_path / "in", 4)
    for name, n in (("w1", 1), ("w2", 2)):
        run_pipeline(Pipeline.default(), inputs, tmp_path / name, executor="local", workers=n,
                     progress=False)
    assert _outputs(tmp_path / "w1") == _outputs(tmp_path / "w2")


def test_make_executor_by_name_and_parallelism() -> None:
    s = make_executor("serial")
    assert isinstance(s, SerialExecutor) and s.parallelism == 1 and isinstance(s, Executor)
    loc = make_executor("local", workers=3)
    try:
        assert isinstance(loc, LocalExecutor) and loc.parallelism == 3 and isinstance(loc, Executor)
    finally:
        loc.close()
    with pytest.raises(ValueError, match="unknown executor 'spark'"):
        make_executor("spark")

    class Old:  # an executor written before the protocol had parallelism
        workers = 5

    assert parallelism_of(Old()) == 5 and parallelism_of(object()) == 1


def test_task_failed_error_lives_in_base_and_survives_pickling() -> None:
    import pickle

    from saring.executors import local

    assert local.TaskFailedError is TaskFailedError
    err = pickle.loads(pickle.dumps(TaskFailedError(3, 2, "boom", "segment 0")))
    assert (err.index, err.attempts, err.detail) == (3, 2, "boom") and "segment 0" in str(err)


def test_missing_ray_is_one_clear_line(monkeypatch, tmp_path) -> None:
    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray.") or name == "saring.executors.ray":
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "saring.executors.ray", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(ConfigError, match=r"pip install 'saring\[ray\]'"):
        run_pipeline(Pipeline([]), [str(SAMPLE)], tmp_path / "o", executor="ray", progress=False)
    from saring.cli.main import saring

    res = CliRunner().invoke(saring, ["run", str(SAMPLE), "-o", str(tmp_path / "c"), "--executor", "ray",
                                      "--no-progress"])
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == ["saring: error: the Ray executor needs `pip install 'saring[ray]'`"]


def test_executor_from_yaml_and_cli_override(tmp_path) -> None:
    from saring.cli.main import saring

    cfg = tmp_path / "p.yaml"
    cfg.write_text("steps: [normalize]\nexecutor: {name: local, workers: 2}\n")
    res = CliRunner().invoke(saring, ["run", str(SAMPLE), "-o", str(tmp_path / "a"), "--config", str(cfg),
                                      "--no-progress"])
    assert res.exit_code == 0, res.output
    man = orjson.loads((tmp_path / "a" / "manifest.json").read_bytes())
    assert man["executor"] == "local" and man["workers"] == 2
    assert "executor" not in man["config"] or man["config"]["executor"]["name"] == "local"
    res = CliRunner().invoke(saring, ["run", str(SAMPLE), "-o", str(tmp_path / "b"), "--config", str(cfg),
                                      "--executor", "serial", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert orjson.loads((tmp_path / "b" / "manifest.json").read_bytes())["executor"] == "serial"
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")
    res = CliRunner().invoke(saring, ["run", str(SAMPLE), "-o", str(tmp_path / "c"),
                                      "--executor", "local", "--ray-address", "127.0.0.1:1"])
    assert res.exit_code == 2 and "--ray-address needs --executor ray" in res.output
    for bad, msg in [("executor: spark", "executor name must be one of"),
                     ("executor: {name: local, cores: 2}", "unknown executor option"),
                     ("executor: {name: local, workers: 0}", "positive integer")]:
        cfg.write_text(f"steps: [normalize]\n{bad}\n")
        res = CliRunner().invoke(saring, ["run", str(SAMPLE), "-o", str(tmp_path / "d"), "--config", str(cfg)])
        assert res.exit_code == 2 and msg in res.output, res.output


class _Recording:
    """Serial execution that records the parallelism dedup saw through its partition count."""

    def __init__(self, parallelism: int) -> None:
        self.parallelism = parallelism
        self.descs: list[tuple[str, int]] = []

    def map(self, fn, tasks, *, desc=""):
        self.descs.append((desc, len(tasks)))
        return SerialExecutor().map(fn, tasks, desc=desc)

    def close(self) -> None:
        pass


def test_dedup_partitions_follow_executor_parallelism_not_workers(tmp_path) -> None:
    pipe = Pipeline.from_config({"steps": [{"dedup": {"paragraph_min_docs": 2}}]})
    outs = {}
    for par in (1, 2, 3):
        ex = _Recording(par)
        run_pipeline(pipe, [str(SAMPLE)], tmp_path / f"p{par}", executor=ex, workers=1, progress=False)
        assert dict(ex.descs)["dedup: verify"] == max(2, par)  # one partition per slot, at least 2
        outs[par] = _outputs(tmp_path / f"p{par}")
    assert outs[1] == outs[2] == outs[3]


def test_failing_task_in_serial_executor_names_the_shard(tmp_path) -> None:
    from saring import FunctionStep
    from saring.executors.manifest import RunError

    with pytest.raises(RunError, match="shard sample failed in segment 0"):
        run_pipeline(Pipeline([FunctionStep(_explode_in_setup)]), [str(SAMPLE)], tmp_path / "o",
                     executor=_ExplodingSerial(), progress=False)


def _explode_in_setup(doc) -> bool:
    return True


class _ExplodingSerial(SerialExecutor):
    def map(self, fn, tasks, *, desc=""):
        def boom(task):
            raise OSError("disk on fire")
        return SerialExecutor.map(self, boom, tasks, desc=desc)
