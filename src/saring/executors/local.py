"""Local process-pool executor: shard tasks on N worker processes, with retries.

Why not ``concurrent.futures.ProcessPoolExecutor``: when one worker is killed (OOM killer,
``kill -9``) the whole pool breaks and every in-flight task fails without saying which one was
responsible. Here each worker has its own pipe and runs one task at a time, so the parent knows
exactly which task a dead worker was running, charges the retry to that task only, and starts a
replacement worker. Workers start from a fork server that preloaded the default steps' resources
(see ``_context``; ``spawn`` where there is none): no inherited locks or threads, shared models.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing as mp
import os
import signal
import stat
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from saring.executors import heap, progress, timeline
from saring.executors.base import TaskFailedError, mark_worker_process, timeout_message

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["LocalExecutor", "TaskFailedError"]  # TaskFailedError re-exported for old imports


def _die_with_parent(parent_pid: int) -> None:
    """Linux: have the kernel SIGKILL this worker when the parent dies (even by SIGKILL), so an
    orphan never keeps writing into an output folder that a re-run is now using."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    _release_fork_server()
    if os.getppid() != parent_pid and not _alive(parent_pid):  # died before prctl took effect
        os._exit(1)


def _release_fork_server() -> None:
    """Close this worker's copy of the fork server's "alive" pipe.

    The server exits when every holder of the pipe's write end is gone; ``multiprocessing``
    hands that end to each forked child too, so while workers run the server would outlive a
    killed executor process, and with it (their OS parent) the workers. Closed here, the server
    sees the executor die, exits, and the kernel's parent-death signal stops the workers.
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if server is None or fd is None:  # spawn: nothing inherited
        return
    try:
        os.close(fd)
    except OSError:
        pass
    server._forkserver_alive_fd = None


# The write-only /dev/null fd handed to the workers a thread starts inside _tracker_stand_in().
_STAND_IN = threading.local()
_PATCH_LOCK = threading.Lock()


def _install_tracker_hooks() -> bool:
    """Wrap ``resource_tracker``'s module-level ``ensure_running`` and ``getfd`` (what the fork
    server and spawn call when they start a process; a resource's registration goes through the
    tracker object, not these) so that inside :func:`_tracker_stand_in`, and in that thread only,
    they hand out the stand-in instead of starting the tracker. Elsewhere they are the originals.
    False (nothing changed) if this Python's module lacks them."""
    from multiprocessing import resource_tracker as rt

    with _PATCH_LOCK:
        if getattr(rt, "_saring_hooked", False):
            return True
        ensure, getfd = getattr(rt, "ensure_running", None), getattr(rt, "getfd", None)
        if ensure is None or getfd is None:
            return False

        def ensure_running() -> None:
            if getattr(_STAND_IN, "fd", None) is None:
                ensure()

        def stand_in_or_fd() -> int:
            fd = getattr(_STAND_IN, "fd", None)
            return getfd() if fd is None else fd

        rt.ensure_running, rt.getfd = ensure_running, stand_in_or_fd
        rt._saring_hooked = True
        return True


@contextlib.contextmanager
def _tracker_stand_in() -> Iterator[None]:
    """Start the fork server and workers without starting ``multiprocessing``'s resource tracker.

    Starting a worker (fork server or spawn) hands it the resource tracker's pipe, and starts
    the tracker to get it: one more interpreter (~8 MiB PSS) for the whole run, though the pool
    creates nothing a tracker tracks (pipes and processes only: no semaphores, no shared memory).
    While no tracker runs yet, the processes this thread starts here get a write-only
    ``/dev/null`` instead; a worker drops it at once (:func:`_forget_tracker_stand_in`), so a
    resource one of its tasks creates starts a real tracker of its own, and a resource this
    process creates (any thread, any time) starts one as usual.
    """
    from multiprocessing import resource_tracker as rt

    tracker = getattr(rt, "_resource_tracker", None)
    if getattr(tracker, "_fd", 0) is not None or not _install_tracker_hooks():
        yield  # a tracker already runs (workers share it), or an unknown Python
        return
    _STAND_IN.fd = os.open(os.devnull, os.O_WRONLY)
    try:
        yield
    finally:
        os.close(_STAND_IN.fd)
        _STAND_IN.fd = None


def _forget_tracker_stand_in() -> None:
    """In a worker: if the tracker's pipe handed down is the ``/dev/null`` stand-in (not a pipe),
    close it and mark the tracker not started, so a resource the task creates (a semaphore,
    shared memory) starts a real tracker that unlinks it if the worker dies."""
    from multiprocessing import resource_tracker

    tracker = getattr(resource_tracker, "_resource_tracker", None)
    fd = getattr(tracker, "_fd", None)
    if fd is None:
        return
    try:
        is_pipe = stat.S_ISFIFO(os.fstat(fd).st_mode)
    except OSError:
        is_pipe = False
    if not is_pipe:
        with contextlib.suppress(OSError):
            os.close(fd)
        tracker._fd = None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists. A fork-server worker's OS parent is the server, which
    exits when the executor's process dies (so PR_SET_PDEATHSIG still reaches the worker)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# A worker gives the memory its tasks freed back to the system (``heap.release_free_memory``) when
# no next task arrives within this many seconds after it reported a result, i.e. when it waits at
# the end of a map or of the run, not between two tasks the pool sends back to back. Trimming after
# every task returned ~20 MiB of heap pages that the next task of the same map faulted straight back
# in (~4.5 us of kernel time per page on this VM): with 2 workers on 4,000 news docs 82k minor
# faults per run instead of ~40k. While a worker waits, others may still be at their peak, so
# the peak memory of N workers is as with a trim after every task.
IDLE_TRIM_SECONDS = 0.05


def _worker_main(conn: Connection, parent_pid: int, env: dict[str, str] | None = None) -> None:
    """Worker loop: receive (index, fn, task), send back progress and the result or error."""
    _die_with_parent(parent_pid)
    _forget_tracker_stand_in()
    mark_worker_process()
    heap.keep_large_buffers_unmappable()
    if env is not None and env != os.environ:  # a fork-server worker has the server's environment:
        os.environ.clear()  # give it the executor's current one, as spawn would
        os.environ.update(env)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about interrupts
    progress.set_sink(lambda n: conn.send(("progress", n)))
    if timeline.enabled():  # fork (or spawn) to ready for tasks: on the path to the first task
        timeline.record("worker", "worker: start", timeline.process_start(), time.time(), os.getpid(),
                        cpu=time.process_time(), faults=timeline.faults())
    fn: Callable[[Any], Any] | None = None
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):  # parent gone: exit quietly
            return
        if msg is None:
            return
        index, new_fn, task = msg
        if new_fn is not None:  # sent once per map and worker; reused for its other tasks
            fn = new_fn
        assert fn is not None
        conn.send(("started", index))  # the time limit counts from here, not from spawning
        cpu, faults = time.process_time(), timeline.faults()
        try:
            result = fn(task)
        except BaseException as exc:  # noqa: BLE001 - report everything, the parent retries
            tb = traceback.format_exc(limit=20)
            heap.release_free_memory()
            try:
                conn.send(("error", index, f"{type(exc).__name__}: {exc}\n{tb}"))
            except Exception:  # noqa: BLE001 - e.g. an unpicklable result
                conn.send(("error", index, f"{type(exc).__name__}: {exc}"))
            continue
        conn.send(("done", index, result, time.process_time() - cpu, timeline.faults() - faults))  # timeline
        del result
        try:
            idle = not conn.poll(IDLE_TRIM_SECONDS)
        except (EOFError, OSError):
            return
        if idle:
            heap.release_free_memory()  # give back what the tasks freed (see IDLE_TRIM_SECONDS)


# Modules the fork server imports before forking workers: saring.executors.warm loads the default
# steps' read-only resources once, so workers share them (copy-on-write) and start at once.
PRELOAD = ["saring.executors.warm"]


def _context(start_method: str | None) -> Any:
    """``forkserver`` with :data:`PRELOAD` where available (Linux, macOS), else ``spawn``.

    Like ``spawn``, a fork server is a fresh single-threaded process (no locks or threads
    inherited from the parent: safe with Ray, pyarrow and rich), but it forks workers from a
    process that already holds the models. ``start_method`` forces a method.
    """
    if start_method is None:
        start_method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(start_method)
    if start_method == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    return ctx


def prestart(start_method: str | None = None) -> None:
    """Start the fork server now (it imports :data:`PRELOAD`, ~1.5 s of one core): a caller that
    knows a pool will follow (``saring run`` with several local workers) calls this before
    building its pipeline, so the preload runs beside the driver's own start-up instead of after
    it. The pool later connects to the same server (same preload list); outputs never change."""
    ctx = _context(start_method)
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        with _tracker_stand_in():
            forkserver.ensure_running()


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, os.getpid(), dict(os.environ)), daemon=True)
        with _tracker_stand_in():
            self.proc.start()
        child.close()
        self.task: int | None = None
        self.fn_of: int | None = None  # which map's function this worker holds
        self.deadline = 0.0
        self.started = 0.0  # wall clock of the current task's start (for the timeline)

    def describe_death(self) -> str:
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                return f"worker pid {self.proc.pid} was killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"worker pid {self.proc.pid} was killed by signal {-code}"
        return f"worker pid {self.proc.pid} exited unexpectedly with code {code}"

    def stop(self, *, force: bool = False) -> None:
        if force:
            if self.proc.is_alive():
                self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


class LocalExecutor:
    """Run picklable top-level ``fn(task)`` over tasks on ``workers`` processes.

    Results come back in task order. A task that raises, or whose worker dies (even by
    SIGKILL), is retried up to ``retries`` times; after the last attempt
    :class:`TaskFailedError` is raised and the remaining workers are stopped.
    """

    def __init__(self, workers: int, retries: int = 2, *, start_method: str | None = None,
                 task_timeout: float | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self.retries = retries
        self.task_timeout = task_timeout  # a task over it: its worker is killed, the task retried
        self._maps = 0
        self._desc = ""  # the current map's description (timeline)
        self._ctx = _context(start_method)
        self._pool: list[_Worker] = []
        self._starting: threading.Thread | None = None  # see start()
        self.failures: list[tuple[int, str]] = []  # (task index, message) of retried failures

    @property
    def parallelism(self) -> int:
        return self.workers

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Start the workers in the background (the fork server first loads the default steps'
        resources, ~1 s of one core): the caller goes on with its own work meanwhile (the
        runner hashes the inputs); ``map`` and ``close`` wait for the start to finish."""
        if self._starting is None and not self._pool:
            self._starting = threading.Thread(target=self._spawn, daemon=True, name="saring-pool-start")
            self._starting.start()

    def _spawn(self) -> None:
        try:
            while len(self._pool) < self.workers:
                self._pool.append(_Worker(self._ctx))
        except Exception:  # noqa: BLE001 - map starts what is missing and reports errors there
            pass

    def _started(self) -> None:
        if self._starting is not None:
            # still starting (the fork server loads the steps): serial time the timeline shows
            alive = self._starting.is_alive()
            with timeline.phase("driver: wait for workers") if alive else contextlib.nullcontext():
                self._starting.join()
            self._starting = None

    def close(self) -> None:
        """Stop the worker processes (they are also stopped when the parent exits)."""
        self._started()
        for w in self._pool:
            w.stop()
        self._pool = []

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:  # executors travel inside StageContext
        raise TypeError("LocalExecutor cannot be pickled; pass tasks, not the executor")

    # ------------------------------------------------------------------ running
    def map(self, fn: Callable[[T], R], tasks: Sequence[T], *, desc: str = "") -> list[R]:
        """``fn`` (with whatever it binds, e.g. a segment's pickled steps) is sent to each
        worker once per call, then only tasks travel."""
        n = len(tasks)
        results: list[Any] = [None] * n
        if n == 0:
            return []
        timeline.before_first_map()  # the driver's own path: before any wait for the pool's start
        self._started()
        t0, cpu = time.time(), time.process_time()  # the driver's CPU while the workers run
        self._maps += 1
        attempts = [0] * n
        pending: deque[int] = deque(range(n))
        finished = 0
        want = min(self.workers, n)
        self._pool = [w for w in self._pool if w.proc.is_alive()]
        try:
            while len(self._pool) < want:
                self._pool.append(_Worker(self._ctx))
            while finished < n:
                for w in self._pool:
                    if w.task is None and pending:
                        self._send(w, pending.popleft(), fn, tasks, attempts)
                busy = [w for w in self._pool if w.task is not None]
                self._desc = desc
                handles: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
                ready = wait(handles, timeout=self._wait_seconds(busy))
                for w in busy:
                    if w.conn in ready or w.proc.sentinel in ready:
                        failure = self._drain(w, results)
                        if w.task is None and failure is None:
                            finished += 1
                            continue
                        if failure is None and w.proc.is_alive():
                            continue  # only progress messages so far
                        lost = failure is None  # the process died
                        if lost:
                            failure = w.describe_death()
                    elif self.task_timeout and time.monotonic() > w.deadline:
                        failure = f"{timeout_message(self.task_timeout)} (worker pid {w.proc.pid} killed)"
                        lost = True
                    else:
                        continue
                    i = w.task
                    assert i is not None and failure is not None
                    if lost:  # a dead or stuck worker is replaced
                        w.stop(force=True)
                        self._pool[self._pool.index(w)] = _Worker(self._ctx)
                    w.task = None
                    self.failures.append((i, failure))
                    if attempts[i] > self.retries:
                        raise TaskFailedError(i, attempts[i], failure, desc)
                    pending.appendleft(i)
        except BaseException:
            for w in self._pool:
                w.stop(force=w.task is not None)
                w.task = None
            self._pool = []
            raise
        timeline.record("map", desc, t0, time.time(), cpu=time.process_time() - cpu)
        return results

    def _send(self, w: _Worker, i: int, fn: Callable[[Any], Any], tasks: Sequence[Any],
              attempts: list[int]) -> None:
        w.task = i
        attempts[i] += 1
        w.deadline = math.inf  # set when the worker says it started
        first = w.fn_of != self._maps
        w.fn_of = self._maps
        try:
            w.conn.send((i, fn if first else None, tasks[i]))
        except (OSError, BrokenPipeError):
            pass  # dead worker: noticed through its sentinel

    def _wait_seconds(self, busy: list[_Worker]) -> float:
        """Until the next message, death or deadline (at most a second)."""
        if not self.task_timeout or not busy:
            return 1.0
        return max(0.01, min(1.0, min(w.deadline for w in busy) - time.monotonic()))

    def _drain(self, w: _Worker, results: list[Any]) -> str | None:
        """Read all waiting messages of a worker; return an error message if its task failed."""
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "progress":
                    progress.report(msg[1])
                elif msg[0] == "started":
                    w.deadline = time.monotonic() + (self.task_timeout or 0.0)
                    w.started = time.time()
                elif msg[0] == "done":
                    timeline.record("task", self._desc, w.started, time.time(), self._pool.index(w),
                                    cpu=msg[3], faults=msg[4], index=msg[1])
                    results[msg[1]] = msg[2]
                    w.task = None
                    return None
                else:
                    return str(msg[2])
        except (EOFError, OSError):
            return None  # pipe closed: the sentinel tells why
        return None
