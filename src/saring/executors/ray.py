"""Ray executor: each shard task is a Ray task, on a local Ray or on an existing Ray cluster.

Why Ray core tasks (not Ray Data): our tasks already read and write their own files and do their
own resume, so all we need from an engine is scheduling, retries and node-loss recovery. Only
the task function (once, through the object store), small task descriptions (paths) and small
results travel through Ray; documents never do, which keeps the object store tiny.

* No address (and no ``RAY_ADDRESS``): a private local Ray is started on ``workers`` CPUs, bound
  to 127.0.0.1, without dashboard, usage reporting or log forwarding, and shut down by
  :meth:`RayExecutor.close`.
* ``address`` (``"auto"``, ``"host:6379"``, ``"ray://host:10001"``) or ``RAY_ADDRESS``: join that
  cluster; :meth:`close` only disconnects. Every node must have saring installed and see the
  output folder at the same path (a shared filesystem).
* ``ray`` is already initialised in this process: it is used as is and left running.

A task that raises, or whose worker or node dies, is retried up to ``max_retries`` times by Ray;
after that :class:`TaskFailedError` names the task. ``memory_mb`` is reserved per task (Ray's
``memory`` resource), so Ray never packs more tasks on a node than its memory allows instead of
letting its OOM killer kill and retry them.
"""

from __future__ import annotations

import logging
import os
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from saring.executors import progress

try:  # runcore moves the protocol and the error to base.py; fall back until that lands
    from saring.executors.base import TaskFailedError
except ImportError:  # pragma: no cover - depends on the merge order
    from saring.executors.local import TaskFailedError

T = TypeVar("T")
R = TypeVar("R")

MB = 1 << 20
PROGRESS_FLUSH_SECONDS = 0.5  # how often a running task forwards its document counts
POLL_SECONDS = 0.5  # how often the driver looks for finished tasks and progress
MISSING_RAY = "the Ray executor needs Ray: pip install 'saring[ray]'"


def import_ray() -> Any:
    """``import ray`` with a one-line explanation when it is not installed."""
    try:
        import ray
    except ImportError as exc:
        raise ImportError(MISSING_RAY) from exc
    return ray


def prefer_loopback() -> None:
    """Make a local Ray resolve its node address to 127.0.0.1 (Linux otherwise uses the default
    route's address and its daemons listen on every interface). Ray reads this setting when it
    is imported, so it is set both in the environment (for Ray's child processes) and, when Ray
    is already imported, on the constant itself."""
    os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no reporting from an embedded Ray
    import ray._private.ray_constants as constants

    constants.ENABLE_RAY_CLUSTER = os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] not in ("0", "false", "False")


# ----------------------------------------------------------------------------- worker side
class _Forwarder:
    """Progress sink inside a Ray task: sums counts, sends them to the driver's counter actor
    at most every PROGRESS_FLUSH_SECONDS (one small actor call, fire and forget)."""

    def __init__(self, counter: Any) -> None:
        self.counter = counter
        self.pending = 0
        self.last = time.monotonic()

    def add(self, n: int) -> None:
        self.pending += n
        if time.monotonic() - self.last >= PROGRESS_FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending and self.counter is not None:
            try:
                self.counter.add.remote(self.pending)
            except Exception:  # noqa: BLE001 - progress is a display; never fail a task for it
                self.counter = None
        self.pending = 0
        self.last = time.monotonic()


def run_task(fn: Callable[[Any], Any], task: Any, counter: Any) -> Any:
    """Body of every Ray task: run ``fn(task)`` with progress forwarded to ``counter``.

    ``fn`` arrives resolved from the object store (it was put there once per ``map``)."""
    fwd = _Forwarder(counter)
    prev = progress.set_sink(fwd.add if counter is not None else None)
    try:
        return fn(task)
    finally:
        progress.set_sink(prev)
        fwd.flush()


class ProgressCounter:
    """A tiny actor the tasks add their document counts to; the driver takes them out."""

    def __init__(self) -> None:
        self.n = 0

    def add(self, n: int) -> None:
        self.n += n

    def take(self) -> int:
        n, self.n = self.n, 0
        return n


def _progress_watched() -> bool:
    """True when someone in this process listens to progress reports (e.g. the CLI's bar)."""
    prev = progress.set_sink(None)
    progress.set_sink(prev)
    return prev is not None


# ----------------------------------------------------------------------------- driver side
class RayExecutor:
    """Run picklable top-level ``fn(task)`` over tasks as Ray tasks; results in task order."""

    def __init__(
        self,
        *,
        workers: int | None = None,
        address: str | None = None,
        max_retries: int = 3,
        memory_mb: int | None = None,
        object_store_mb: int = 256,
        temp_dir: str | None = None,
    ) -> None:
        if workers is not None and workers < 1:
            raise ValueError("workers must be >= 1")
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.workers = workers
        self.address = address if address is not None else os.environ.get("RAY_ADDRESS") or None
        self.max_retries = max_retries
        self.memory_mb = memory_mb
        self.object_store_mb = object_store_mb  # local Ray only: tasks pass paths, not data
        self.temp_dir = temp_dir  # local Ray only; keep it short (AF_UNIX paths <= 107 bytes)
        self._ray: Any = None
        self._owns_ray = False
        self._remote: Any = None
        self._counter: Any = None

    # ------------------------------------------------------------------ lifecycle
    def _start(self) -> Any:
        """Start or join Ray on first use (a run whose shards are all done never starts it)."""
        if self._ray is not None:
            return self._ray
        if self.address is None:
            os.environ.pop("RAY_ADDRESS", None)  # never attach to someone else's cluster by accident
            os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        ray = import_ray()
        if not ray.is_initialized():
            self._init(ray)
            self._owns_ray = True
        self._ray = ray
        self._remote = ray.remote(run_task)
        return ray

    def _init(self, ray: Any) -> None:
        common: dict[str, Any] = {"log_to_driver": False, "ignore_reinit_error": True,
                                  "logging_level": logging.WARNING}
        if self.address is not None:
            ray.init(address=self.address, **common)
            return
        prefer_loopback()
        # a new local cluster enables token auth and says so on stderr; keep the terminal clean
        auth_log = logging.getLogger("ray._private.authentication.authentication_token_setup")
        level = auth_log.level
        auth_log.setLevel(logging.ERROR)
        try:
            ray.init(address="local", num_cpus=self.workers or os.cpu_count() or 1,
                     include_dashboard=False, _node_ip_address="127.0.0.1",
                     object_store_memory=self.object_store_mb * MB, _temp_dir=self.temp_dir,
                     **common)
        finally:
            auth_log.setLevel(level)

    def close(self) -> None:
        """Stop the local Ray we started, or disconnect from the cluster we joined."""
        if self._ray is None:
            return
        if self._counter is not None:
            try:
                self._ray.kill(self._counter)
            except Exception:  # noqa: BLE001 - already gone with its node
                pass
            self._counter = None
        if self._owns_ray:
            self._ray.shutdown()
        self._ray = None
        self._owns_ray = False

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:  # executors travel inside StageContext
        raise TypeError("RayExecutor cannot be pickled; pass tasks, not the executor")

    # ------------------------------------------------------------------ sizing
    @property
    def parallelism(self) -> int:
        """CPUs this executor uses: ``workers`` if given, else the cluster's CPUs (at least 1)."""
        if self.workers is not None:
            return self.workers
        ray = self._start()
        return max(1, int(ray.cluster_resources().get("CPU", 0)))

    def _window(self) -> int:
        """Tasks submitted ahead: ``workers`` on a shared cluster caps what we use; otherwise a
        queue of twice the CPUs keeps every CPU busy without flooding the scheduler."""
        if self.workers is not None and not self._owns_ray:
            return self.workers
        return 2 * self.parallelism

    # ------------------------------------------------------------------ running
    def _progress_counter(self) -> Any:
        if self._counter is None:
            ray = self._ray
            from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

            here = NodeAffinitySchedulingStrategy(ray.get_runtime_context().get_node_id(), soft=True)
            self._counter = ray.remote(ProgressCounter).options(
                num_cpus=0, scheduling_strategy=here).remote()
        return self._counter

    def _drain_progress(self) -> None:
        if self._counter is None:
            return
        try:
            progress.report(self._ray.get(self._counter.take.remote(), timeout=10))
        except Exception:  # noqa: BLE001 - the counter died with its node: progress is optional
            self._counter = None

    def _options(self, desc: str) -> dict[str, Any]:
        opts: dict[str, Any] = {"num_cpus": 1, "max_retries": self.max_retries,
                                "retry_exceptions": True}
        if self.memory_mb:
            opts["memory"] = self.memory_mb * MB
        if desc:
            opts["name"] = f"saring: {desc}"
        return opts

    def map(self, fn: Callable[[T], R], tasks: Sequence[T], *, desc: str = "") -> list[R]:
        """Run ``fn`` on every task; ``fn`` (with anything it binds, e.g. a
        ``functools.partial`` over the pipeline) goes through the object store once per call."""
        n = len(tasks)
        if n == 0:
            return []
        ray = self._start()
        fn_ref = ray.put(fn)
        counter = self._progress_counter() if _progress_watched() else None
        remote = self._remote.options(**self._options(desc))
        window = max(1, self._window())
        results: list[Any] = [None] * n
        running: dict[Any, int] = {}
        nxt = 0
        try:
            while nxt < n or running:
                while nxt < n and len(running) < window:
                    running[remote.remote(fn_ref, tasks[nxt], counter)] = nxt
                    nxt += 1
                refs = list(running)
                ready, _ = ray.wait(refs, num_returns=1, timeout=POLL_SECONDS)
                if ready:
                    ready, _ = ray.wait(refs, num_returns=len(refs), timeout=0)
                for ref in ready:
                    i = running.pop(ref)
                    results[i] = self._result(ray, ref, i, desc)
                self._drain_progress()
        except BaseException:
            for ref in running:  # stop what is still running; tasks are idempotent
                try:
                    ray.cancel(ref, force=True)
                except Exception:  # noqa: BLE001 - best effort
                    pass
            raise
        return results

    def _result(self, ray: Any, ref: Any, index: int, desc: str) -> Any:
        try:
            return ray.get(ref)
        except ray.exceptions.RayTaskError as exc:  # fn raised on every attempt
            cause = exc.cause if isinstance(exc.cause, BaseException) else exc
            tb = "".join(traceback.format_exception_only(type(cause), cause)).strip()
            raise TaskFailedError(index, self.max_retries + 1, f"{tb}\n{exc}", desc) from exc
        except ray.exceptions.RayError as exc:  # worker or node lost on every attempt, OOM...
            raise TaskFailedError(index, self.max_retries + 1,
                                  f"{type(exc).__name__}: {exc}", desc) from exc
