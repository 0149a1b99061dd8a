"""Ray executor: each shard task is a Ray task, on a local Ray or on an existing Ray cluster.

Why Ray core tasks (not Ray Data): our tasks already read and write their own files and do their
own resume, so all we need from an engine is scheduling, retries and node-loss recovery. Only
the task function (once, through the object store), small task descriptions (paths) and small
results travel through Ray; documents never do, which keeps the object store tiny.

* No address (and no ``RAY_ADDRESS``): a private local Ray is started on ``workers`` CPUs, bound
  to 127.0.0.1, without usage reporting or log forwarding, with only its GCS, raylet and
  workers (no dashboard or agents: :mod:`saring.executors.ray_lean`), and shut down by
  :meth:`RayExecutor.close`.
* ``address`` (``"auto"``, ``"host:6379"``, ``"ray://host:10001"``) or ``RAY_ADDRESS``: join that
  cluster; :meth:`close` only disconnects. Every node must have saring installed and see the
  output folder at the same path (a shared filesystem). A Ray on this machine that listens on
  127.0.0.1 only (one this executor started) is joined at that address
  (:func:`loopback_only_cluster`).
* ``ray`` is already initialised in this process: it is used as is and left running.

A task that raises, or whose worker or node dies, is retried up to ``max_retries`` times by Ray;
after that :class:`TaskFailedError` names the task. ``memory_mb`` is reserved per task (Ray's
``memory`` resource), so Ray never packs more tasks on a node than its memory allows instead of
letting its OOM killer kill and retry them.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import socket
import traceback
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from saring.executors import heap, progress, ray_lean
from saring.executors.base import TaskFailedError, mark_worker_process, time_limit

MISSING_RAY = "the Ray executor needs Ray: pip install 'saring[ray]'"
if importlib.util.find_spec("ray") is None:  # fail at import, where make_executor reports it
    raise ImportError(MISSING_RAY)

T = TypeVar("T")
R = TypeVar("R")

MB = 1 << 20
# per-task memory reservation: a worker running the default pipeline on a news shard peaked at
# 150-190 MB in-process (1k-5k docs) and ~220 MB RSS as a Ray worker; 512 leaves room for
# bigger documents and dedup partitions. None reserves nothing.
DEFAULT_TASK_MEMORY_MB = 512
# An embedded Ray has no dashboard: metrics export and task events would only cost CPU. Its
# workers run at the priority of the local pool's (Ray renices them to 15 by default: on a busy
# machine a Ray run then took 1.7x the local pool's wall time, and its daemons tick per second).
# Its raylet and GCS tick less often: a one-node cluster schedules locally, and nothing reads
# its debug dumps or event-loop statistics (idle, raylet + GCS: 4.6 -> 1.3 CPU-ms per second).
LOCAL_SYSTEM_CONFIG = {
    "enable_metrics_collection": False, "worker_niceness": 0,
    "raylet_report_resources_period_milliseconds": 1000, "memory_monitor_refresh_ms": 1000,
    "raylet_check_gc_period_milliseconds": 1000, "object_manager_timer_freq_ms": 1000,
    "kill_idle_workers_interval_ms": 1000, "debug_dump_period_milliseconds": 0, "event_stats": False,
}
POLL_SECONDS = 1.0  # longest wait for a finished task before the loop looks again


def import_ray() -> Any:
    """``import ray`` with a one-line explanation when it is not installed."""
    try:
        import ray
    except ImportError as exc:
        raise ImportError(MISSING_RAY) from exc
    return ray


def prefer_loopback() -> None:
    """Settings for an embedded local Ray, chiefly: resolve its node address to 127.0.0.1
    (Linux otherwise uses the default route's address and its daemons listen on every
    interface). Ray reads that setting when it is imported, so it is set both in the
    environment (for Ray's child processes) and, when Ray is already imported, on the constant
    itself. Also: no usage reporting, rare metrics sampling."""
    os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no reporting from an embedded Ray
    # its dashboard agent samples every process every 5 s for a dashboard that is not running
    os.environ.setdefault("REPORTER_UPDATE_INTERVAL_MS", "60000")
    import ray._private.ray_constants as constants

    constants.ENABLE_RAY_CLUSTER = os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] not in ("0", "false", "False")


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def _connectable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def loopback_only_cluster(address: str) -> bool:
    """Is ``address`` (``host:port``) a cluster on 127.0.0.1 that Ray would miss?

    Ray rewrites a loopback address it is asked to join into this machine's network address
    (so that drivers and nodes agree on one IP), unless ``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``.
    A Ray started by this executor (or by anyone with that setting) listens on 127.0.0.1 only,
    so the joining driver then waits forever for a GCS at the other address. Decided by
    trying both addresses: only when the machine's address refuses and 127.0.0.1 answers."""
    host, sep, port = address.rpartition(":")
    if not sep or host not in LOOPBACK_HOSTS or not port.isdigit():
        return False
    try:
        import ray._private.ray_constants as constants
        import ray._private.services as services

        if not constants.ENABLE_RAY_CLUSTER:
            return False  # Ray keeps loopback addresses already
        machine = services.get_node_ip_address()
    except (ImportError, AttributeError, OSError):
        return False
    if machine in LOOPBACK_HOSTS:
        return False
    return not _connectable(machine, int(port)) and _connectable("127.0.0.1", int(port))


def join_loopback_cluster() -> None:
    """Settings to join a Ray on this machine that listens on 127.0.0.1 only: keep its
    address, and use this machine's Ray token as Ray itself does when it finds a local
    cluster by ``address="auto"`` (with an explicit address it never does: the join then
    fails with ``InvalidAuthToken`` although the token is in ``~/.ray/auth_token``)."""
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    prefer_loopback()
    try:
        from ray._private.authentication.authentication_token_setup import (
            maybe_enable_token_auth_if_token_available,
        )
    except ImportError:  # a Ray without token authentication
        return
    with quiet_auth_log():
        maybe_enable_token_auth_if_token_available(warn_if_disabled=False)


@contextmanager
def quiet_auth_log() -> Iterator[None]:
    """A new local cluster enables token auth and says so on stderr; keep the terminal clean."""
    auth_log = logging.getLogger("ray._private.authentication.authentication_token_setup")
    level = auth_log.level
    auth_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        auth_log.setLevel(level)


# ----------------------------------------------------------------------------- worker side
def run_task(fn: Callable[[Any], Any], task: Any, timeout: float | None = None) -> tuple[Any, Any]:
    """Body of every Ray task: ``fn(task)`` and the number of documents it reported.

    ``fn`` arrives resolved from the object store (it was put there once per ``map``). The
    driver reports the count when the task has finished: only the attempt that succeeded
    counts, and no side channel (an actor, one more process) is needed for progress."""
    mark_worker_process()
    heap.keep_large_buffers_unmappable()
    counted = [0, 0]  # documents, finished shards (``progress.shard_done`` events)

    def count(n: progress.Event) -> None:
        if isinstance(n, tuple):
            counted[1] += n[1]
        else:
            counted[0] += n

    prev = progress.set_sink(count)
    try:
        with time_limit(timeout):  # over time: TaskTimeout, retried by Ray like any exception
            result = fn(task)
        return result, tuple(counted)
    finally:
        progress.set_sink(prev)
        heap.release_free_memory()


class SharedStorageError(RuntimeError):
    """The output folder is not visible at the same path on every node of the cluster."""


def probe_path(path: str, token: str) -> bool:
    """On a node: is the probe file the driver wrote visible here, with its content?"""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read() == token
    except OSError:
        return False


# ----------------------------------------------------------------------------- driver side
class RayExecutor:
    """Run picklable top-level ``fn(task)`` over tasks as Ray tasks; results in task order."""

    def __init__(
        self,
        *,
        workers: int | None = None,
        address: str | None = None,
        max_retries: int = 3,
        memory_mb: int | None = DEFAULT_TASK_MEMORY_MB,
        object_store_mb: int = 256,
        temp_dir: str | None = None,
        task_timeout: float | None = None,
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
        self.task_timeout = task_timeout  # per attempt, enforced inside the worker (time_limit)
        self._ray: Any = None
        self._owns_ray = False
        self._remote: Any = None

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
            if loopback_only_cluster(self.address):
                join_loopback_cluster()
            ray.init(address=self.address, **common)
            return
        prefer_loopback()
        with quiet_auth_log(), ray_lean.lean_node():
            ray.init(address="local", num_cpus=self.workers or os.cpu_count() or 1,
                     include_dashboard=False, _node_ip_address="127.0.0.1",
                     object_store_memory=self.object_store_mb * MB, _temp_dir=self.temp_dir,
                     _system_config=LOCAL_SYSTEM_CONFIG, **common)

    def close(self) -> None:
        """Stop the local Ray we started, or disconnect from the cluster we joined."""
        if self._ray is None:
            return
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

    def check_shared(self, folder: str | os.PathLike[str]) -> None:
        """Fail early, with the nodes named, when ``folder`` is not the same folder on every
        node that runs tasks (a node-local output path on a multi-node cluster would lose the
        outputs written there). A no-op on a single node."""
        ray = self._start()
        nodes = [n for n in ray.nodes() if n.get("Alive") and n["Resources"].get("CPU", 0) > 0]
        if len(nodes) <= 1:
            return
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        token = uuid.uuid4().hex
        probe = os.path.join(os.fspath(folder), f".ray-probe-{token}")
        with open(probe, "w", encoding="utf-8") as f:
            f.write(token)
        try:
            check = ray.remote(probe_path)
            refs = [check.options(num_cpus=0, scheduling_strategy=NodeAffinitySchedulingStrategy(
                n["NodeID"], soft=False)).remote(probe, token) for n in nodes]
            seen = ray.get(refs, timeout=120)
        finally:
            os.unlink(probe)
        blind = [n.get("NodeManagerAddress", n["NodeID"]) for n, ok in zip(nodes, seen, strict=True)
                 if not ok]
        if blind:
            raise SharedStorageError(
                f"{folder} is not shared: node(s) {', '.join(blind)} do not see it at the same "
                "path; put inputs and the output folder on a filesystem every node mounts")

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
    def _options(self, desc: str) -> dict[str, Any]:
        opts: dict[str, Any] = {"num_cpus": 1, "max_retries": self.max_retries,
                                "retry_exceptions": True}
        if self.memory_mb:
            opts["memory"] = self.memory_mb * MB
        if desc:
            opts["name"] = f"saring: {desc}"
        if self._owns_ray:  # an embedded Ray has no dashboard or state API user to feed
            opts["enable_task_events"] = False
        return opts

    def map(self, fn: Callable[[T], R], tasks: Sequence[T], *, desc: str = "") -> list[R]:
        """Run ``fn`` on every task; ``fn`` (with anything it binds, e.g. a
        ``functools.partial`` over the pipeline) goes through the object store once per call."""
        n = len(tasks)
        if n == 0:
            return []
        ray = self._start()
        fn_ref = ray.put(fn)
        remote = self._remote.options(**self._options(desc))
        window = max(1, self._window())
        results: list[Any] = [None] * n
        running: dict[Any, int] = {}
        nxt = 0
        try:
            while nxt < n or running:
                while nxt < n and len(running) < window:
                    running[remote.remote(fn_ref, tasks[nxt], self.task_timeout)] = nxt
                    nxt += 1
                refs = list(running)
                ready, _ = ray.wait(refs, num_returns=1, timeout=POLL_SECONDS)
                if ready:
                    ready, _ = ray.wait(refs, num_returns=len(refs), timeout=0)
                for ref in ready:
                    i = running.pop(ref)
                    results[i], (docs, shards) = self._result(ray, ref, i, desc)
                    progress.report(docs)
                    if shards:
                        progress.shard_done(shards)
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
