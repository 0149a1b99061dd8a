"""Start an embedded local Ray with only the processes a batch of tasks needs.

Why: a local Ray normally starts, besides its GCS, raylet and workers, five Python daemons: the
log monitor, the autoscaler monitor, the dashboard head (even with ``include_dashboard=False``:
it then runs in a reduced mode), and, launched by the raylet, the dashboard agent and the
runtime-env agent. Each imports Ray (with aiohttp, grpc, opencensus... under ``ray[default]``)
at start, ~0.5-1 CPU-s each, and then ticks. An embedded Ray that runs our shard tasks and
stops uses none of them: no dashboard or state API user, no metrics, no runtime environments,
no log streaming (``log_to_driver=False``), a fixed one-node cluster. Measured in
``notes/ray.md``: they were ~40 % of a Ray run's extra CPU over the local pool.

``ray.init`` exposes none of these switches, so :func:`lean_node` changes three things of
Ray's private start-up code for the duration of the call, each only when this Ray has the
hook it needs (else Ray starts that part as usual):

* ``RayParams`` defaults ``include_log_monitor=False`` and ``no_monitor=True`` (the switches
  ``ray start --include-log-monitor / --no-monitor`` set);
* ``Node.start_api_server`` does nothing: no dashboard head;
* the raylet's two agent commands become a tiny stand-in (:data:`STAND_IN`: a Python process
  without ``site`` that sleeps until its raylet is gone). The raylet insists on starting both
  agents and stops itself when one exits, and it waits for each agent to publish its ports in
  the session folder; the ports are published here instead, as ``-1``, Ray's own value for "this
  service is not running" (the dashboard agent writes it when its HTTP server is off). The
  raylet then logs "Metrics agent not available" and its workers export no metrics. What
  would need the real agents: tasks with a ``runtime_env`` (never set by saring), the
  dashboard, ``ray.util.state``, metrics.

Joining a cluster (``address=...``) never goes through this. ``SARING_RAY_LEAN=0`` turns it off.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

# daemons an embedded Ray does not need: the log monitor (streams worker logs to the driver;
# ``log_to_driver=False``) and the autoscaler monitor (a fixed one-node cluster)
LEAN_HEAD = {"include_log_monitor": False, "no_monitor": True}
# the agents' ports the raylet waits for (names as ``ray._raylet`` exports them)
AGENT_PORT_NAMES = ("DASHBOARD_AGENT_LISTEN_PORT_NAME", "METRICS_AGENT_PORT_NAME",
                    "METRICS_EXPORT_PORT_NAME", "RUNTIME_ENV_AGENT_PORT_NAME")
NOT_RUNNING = -1  # Ray's port value for a service that is off
AGENT_FLAGS = ("--dashboard_agent_command=", "--runtime_env_agent_command=")
# the stand-in for both agents: ends on SIGTERM (the raylet's stop) or when its raylet is gone
STAND_IN = ("import os,time\n"
            "p=os.getppid()\n"
            "while os.getppid()==p: time.sleep(2)\n")


def enabled() -> bool:
    return os.environ.get("SARING_RAY_LEAN", "1").strip().lower() not in ("0", "false", "no")


@contextmanager
def lean_node() -> Iterator[list[str]]:
    """While a local Ray starts in this process: no log monitor, autoscaler monitor,
    dashboard head, dashboard agent or runtime-env agent. Yields the list of what was
    actually left out (for tests and the benchmark's report)."""
    skipped: list[str] = []
    if not enabled():
        yield skipped
        return
    with ExitStack() as stack:
        for patch in (_lean_params, _no_dashboard_head, _agent_stand_ins):
            what = stack.enter_context(patch())
            if what:
                skipped.append(what)
        yield skipped


@contextmanager
def _replaced(owner: Any, name: str, new: Any) -> Iterator[None]:
    old = getattr(owner, name)
    setattr(owner, name, new)
    try:
        yield
    finally:
        setattr(owner, name, old)


@contextmanager
def _lean_params() -> Iterator[str]:
    """``RayParams`` with :data:`LEAN_HEAD` as defaults (``ray.init`` builds one)."""
    try:
        import ray._private.parameter as parameter

        original = parameter.RayParams
        known = inspect.signature(original.__init__).parameters
    except (ImportError, AttributeError, TypeError, ValueError):
        yield ""
        return
    if not all(k in known for k in LEAN_HEAD):
        yield ""
        return

    class LeanParams(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            for k, v in LEAN_HEAD.items():
                kwargs.setdefault(k, v)
            super().__init__(*args, **kwargs)

    with _replaced(parameter, "RayParams", LeanParams):
        yield "log monitor, autoscaler monitor"


@contextmanager
def _no_dashboard_head() -> Iterator[str]:
    """``Node.start_api_server`` (the dashboard head) does nothing."""
    try:
        from ray._private.node import Node

        params = inspect.signature(Node.start_api_server).parameters
    except (ImportError, AttributeError, TypeError, ValueError):
        yield ""
        return
    if "include_dashboard" not in params:
        yield ""
        return

    def start_api_server(self: Any, **kwargs: Any) -> None:
        return None

    with _replaced(Node, "start_api_server", start_api_server):
        yield "dashboard head"


@contextmanager
def _agent_stand_ins() -> Iterator[str]:
    """The raylet starts :data:`STAND_IN` for its two agents, whose ports are published as
    :data:`NOT_RUNNING` before it starts."""
    try:
        import ray._private.services as services
        import ray._raylet as raylet

        persist_port: Callable[[str, str, str, int], None] = raylet.persist_port
        port_names = [getattr(raylet, n) for n in AGENT_PORT_NAMES]
        original = services.start_ray_process
    except (ImportError, AttributeError):
        yield ""
        return

    def start_ray_process(command: list[str], process_type: str, *args: Any, **kwargs: Any) -> Any:
        if process_type == "raylet":
            command = _lean_raylet_command(command, persist_port, port_names)
        return original(command, process_type, *args, **kwargs)

    with _replaced(services, "start_ray_process", start_ray_process):
        yield "dashboard agent, runtime-env agent"


def _lean_raylet_command(command: list[str], persist_port: Callable[[str, str, str, int], None],
                         port_names: list[str]) -> list[str]:
    """The raylet's command with stand-in agents, after publishing their ports; unchanged when
    it lacks any flag this relies on."""
    opts = dict(c[2:].split("=", 1) for c in command if c.startswith("--") and "=" in c)
    if not all(f[2:-1] in opts for f in AGENT_FLAGS) or not opts.get("session_dir") \
            or not opts.get("node_id"):
        return command
    for name in port_names:
        persist_port(opts["session_dir"], opts["node_id"], name, NOT_RUNNING)
    stand_in = subprocess.list2cmdline([sys.executable, "-I", "-S", "-c", STAND_IN])
    return [next((f + stand_in for f in AGENT_FLAGS if c.startswith(f)), c) for c in command]
