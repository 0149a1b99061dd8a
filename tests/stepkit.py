"""Test steps shared by the run tests (resume, kill -9, Ray, S3, time limits).

Importable by name (``stepkit:Slow`` in a YAML config) from subprocesses and Ray workers: put
this folder on ``PYTHONPATH`` and allow the module (:func:`step_env` does both).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from saring import CorpusStage, MapStep, StageOutput, StepStats
from saring.document import Document
from saring.io.docfile import read_docs, write_docs
from saring.step import Reject

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def step_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment in which a config may name ``stepkit:<Step>`` (a subprocess run)."""
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), str(SRC), env.get("PYTHONPATH")) if p)
    env["SARING_STEP_MODULES"] = "stepkit"  # a config may name only step packages
    return env


def cli_run(*args: str) -> list[str]:
    """The command line of ``saring run ARGS`` in a fresh interpreter."""
    return [sys.executable, "-m", "saring.cli.main", "run", *args]


def make_shards(folder: Path, shards: int, docs: int) -> list[str]:
    """``shards`` JSONL files of ``docs`` short documents each, plus one broken line per file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for s in range(shards):
        p = folder / f"bagian{s}.jsonl"
        lines = [orjson.dumps({"id": f"s{s}-d{i}", "text": f"Harga di pasar {s} hari ke-{i} stabil."})
                 for i in range(docs)]
        lines.insert(docs // 2, b'{"id": "rusak", "text": ')  # one bad line per shard
        p.write_bytes(b"\n".join(lines) + b"\n")
        paths.append(str(p))
    return paths


class Slow(MapStep):
    """Sleeps per document and edits its text, so a run lasts long enough to be killed."""

    name = "slow"

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        delay: float = 0.01

    def process(self, doc: Document) -> Reject | None:
        time.sleep(self.config.delay)
        doc.replace_text(self.label, doc.text.replace("pasar", "PASAR"), "slow")
        return None


class KillOnce(MapStep):
    """Kills its own worker process (SIGKILL) the first time it sees ``doc_id``."""

    name = "kill_once"
    PROVIDES = ("seen",)

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        doc_id: str
        flag: str

    def process(self, doc: Document) -> Reject | None:
        if doc.id == self.config.doc_id and not os.path.exists(self.config.flag):
            Path(self.config.flag).write_text("killed")
            os.kill(os.getpid(), signal.SIGKILL)
        doc.annotate(self.label, seen=True)
        return None


class Stall(MapStep):
    """Sleeps ``seconds`` on document ``doc_id`` (every attempt, or only while the file ``once``
    does not exist yet: then the first attempt stalls and a retry goes through)."""

    name = "stall"

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        doc_id: str
        seconds: float = 30.0
        once: str | None = None

    def process(self, doc: Document) -> Reject | None:
        c = self.config
        if doc.id == c.doc_id:
            if c.once is None:
                time.sleep(c.seconds)
            elif not os.path.exists(c.once):
                Path(c.once).write_text("stalled")
                time.sleep(c.seconds)
        return None


class SlowLog(MapStep):
    """Sleeps per document and logs ``doc id, pid, node`` to a shared file, so a test can tell
    when the job is under way, which node is busy, and which documents were processed twice
    (a lost task redone)."""

    name = "slow_log"

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        log: str
        delay: float = 0.05

    def process(self, doc: Document) -> None:
        import ray

        time.sleep(self.config.delay)
        node = ray.get_runtime_context().get_node_id() if ray.is_initialized() else "-"
        with open(self.config.log, "a") as f:
            f.write(f"{doc.id} {os.getpid()} {node}\n")
        return None


def _mark(task: tuple[str, str, Any, float]) -> int:
    src, dst, marker, delay = task
    if marker.result() is not None:
        return marker.result()
    docs = []
    for i, d in enumerate(read_docs(src)):
        time.sleep(delay)
        if i % 7 == 3:
            d.reject("every7", "seventh", i, 7)
        docs.append(d)
    write_docs(dst, docs)
    n = sum(d.decision.status != "kept" for d in docs)
    marker.write(n, [dst])
    return n


class Every7(CorpusStage):
    """A corpus stage with resumable sub-tasks: rejects every seventh document of each shard."""

    name = "every7"

    @dataclass(frozen=True, kw_only=True)
    class Config(CorpusStage.Config):
        delay: float = 0.004

    def run(self, inputs, ctx) -> StageOutput:  # noqa: ANN001 - the CorpusStage signature
        outs = [ctx.output(i) for i in range(len(inputs))]
        tasks = [(str(p), str(o), ctx.marker(f"mark-{i}"), self.config.delay)
                 for i, (p, o) in enumerate(zip(inputs, outs, strict=True))]
        n = sum(ctx.executor.map(_mark, tasks))
        st = StepStats()
        st.rejected["seventh"] = n
        return StageOutput(outs, st)


# ----------------------------------------------------------------------------- executor task functions
def attempt(d: str, key: str) -> int:
    """Count attempts of a task in a file (works across processes); returns this attempt's number."""
    p = Path(d) / key
    with open(p, "a") as f:
        f.write(".")
    return len(p.read_text())


def flaky(task: tuple[str, int]) -> int:
    """Task 3 raises on its first attempt only."""
    d, x = task
    if x == 3 and attempt(d, "flaky") == 1:
        raise RuntimeError("transient failure")
    return x


def always_fails(task: tuple[str, int]) -> int:
    attempt(task[0], "fail")
    raise ValueError("permanent")
