"""The runner's hook: a per-document observer that collects the report and the id index.

:class:`ReportObserver` follows the runner's observer protocol (``name``, ``observe(doc)``,
``result()``, ``merge(results)``): a fresh copy travels with every shard task and sees every
record whose decision is final. Two optional methods give it more than documents:
``observe_error(rec)`` for input records that never became documents, and
``locate(key, path, ordinal)`` for where each final record was written (the id index behind
``saring explain``). ``result()`` writes the task's index file and returns the mergeable
statistics; ``merge()`` (in the parent, at the end) writes ``OUT/report/stats.json`` and returns
a small summary. :func:`finish_report` then adds timings and the HTML page.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import orjson
import xxhash

from saring.document import Document
from saring.report.collect import ShardCollector, finalize, merge, rule_catalog
from saring.report.index import IndexBuilder

REPORT_DIR = "report"


def _write_json(path: Path, data: Any, indent: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    opt = orjson.OPT_SORT_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    tmp.write_bytes(orjson.dumps(data, option=opt, default=str))
    os.replace(tmp, path)


class ReportObserver:
    """Report statistics and id index of the run writing into ``root``."""

    name = "report"

    def __init__(self, root: str | Path, catalog: list[dict[str, Any]] | None = None) -> None:
        self.root = str(root)
        self.catalog = list(catalog or [])
        self._collector: ShardCollector | None = None
        self._index: IndexBuilder | None = None
        self._t0 = time.perf_counter()

    @classmethod
    def for_pipeline(cls, root: str | Path, steps: Any) -> ReportObserver:
        """An observer whose rule catalogue (thresholds) comes from the pipeline's steps."""
        return cls(root, rule_catalog(steps))

    def fresh(self) -> ReportObserver:
        """A copy with no state (what one shard task gets)."""
        return ReportObserver(self.root, self.catalog)

    def __getstate__(self) -> dict[str, Any]:  # travels to workers without any state
        return {"root": self.root, "catalog": self.catalog}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["root"], state["catalog"])  # type: ignore[misc]  # clock starts now

    # ------------------------------------------------------------------ per task
    @property
    def collector(self) -> ShardCollector:
        if self._collector is None:
            self._collector = ShardCollector(self.catalog)
        return self._collector

    def observe(self, doc: Document) -> None:
        try:
            self.collector.observe(doc)
        except Exception:  # noqa: BLE001 - a report bug must not fail a shard; it is counted
            self.collector.failures += 1

    def observe_error(self, rec: dict[str, Any]) -> None:
        try:
            self.collector.observe_error(rec)
        except Exception:  # noqa: BLE001 - as above
            self.collector.failures += 1

    def locate(self, key: str, path: str | Path, ordinal: int) -> None:
        if self._index is None:
            self._index = IndexBuilder(self.root)
        self._index.add(key, path, ordinal)

    def result(self) -> dict[str, Any]:
        """Write this task's id index (named after the files it indexes, which belong to this
        task only); return its mergeable statistics and, apart, its timing."""
        files = sorted(self._index.files) if self._index is not None else []
        if self._index is not None and files:
            self._index.write(Path(self.root) / REPORT_DIR / "index" / xxhash.xxh3_64_hexdigest("\0".join(files).encode()))
        stats = self.collector.to_dict()
        return {"stats": stats, "timing": {
            "task": Path(files[0]).name.split(".")[0] if files else "-", "files": files,
            "records": sum(stats["status"].values()), "seconds": round(time.perf_counter() - self._t0, 3)}}

    # ------------------------------------------------------------------ at the end
    def merge(self, results: list[dict[str, Any]]) -> dict[str, Any]:
        """Merge every task's statistics, mask PII in the examples, write ``report/stats.json``."""
        data = finalize(merge([r["stats"] for r in results if r]))
        data["catalog"] = self.catalog
        base = Path(self.root) / REPORT_DIR
        _write_json(base / "stats.json", data, indent=True)
        tasks = sorted((r["timing"] for r in results if r), key=lambda t: (-t["seconds"], t["files"]))
        _write_json(base / "tasks.json", tasks)
        return {"stats": f"{REPORT_DIR}/stats.json", "records": sum((data.get("status") or {}).values())}


def finish_report(output: str | Path, result: Any, *, html: bool = True) -> Path | None:
    """Record timings (kept apart: they differ run to run) and write ``OUT/report.html``."""
    out = Path(output)
    try:
        tasks = orjson.loads((out / REPORT_DIR / "tasks.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        tasks = []
    _write_json(out / REPORT_DIR / "timing.json", {
        "seconds": round(result.seconds, 3), "docs_per_second": round(result.docs_per_second, 1),
        "steps": {k: v.get("seconds", 0.0) for k, v in result.stats.items()},
        "tasks": tasks, "resumed": list(getattr(result, "skipped_shards", []) or []),
    })
    if not html:
        return None
    from saring.report.html import write_report

    return write_report(out)
