"""``saring run`` starts the local pool's fork server before building its pipeline, only when a
pool of several local workers will surely follow; the pool then uses that same server."""

from __future__ import annotations

from multiprocessing import forkserver
from pathlib import Path

import pytest

from saring.cli.app import _pool_ahead
from saring.executors import local


def _square(x: int) -> int:
    return x * x


def test_pool_ahead_only_for_a_local_pool_with_work_to_do(tmp_path: Path) -> None:
    out = str(tmp_path / "o")
    assert _pool_ahead(out, None, 2, None, None)
    assert _pool_ahead(out, None, 2, "local", None)
    assert not _pool_ahead(out, None, 1, None, None)  # serial
    assert not _pool_ahead(out, "p.yaml", 2, None, None)  # the config may choose otherwise
    assert not _pool_ahead(out, None, 2, "ray", None)
    assert not _pool_ahead(out, None, 2, None, "127.0.0.1:6379")
    assert not _pool_ahead("s3://bucket/o", None, 2, None, None)
    (tmp_path / "o").mkdir()
    (tmp_path / "o" / "manifest.json").write_text('{"status": "running"}')
    assert _pool_ahead(out, None, 2, None, None)  # interrupted: resumes with work to do
    (tmp_path / "o" / "manifest.json").write_text('{\n  "status": "complete"\n}')
    assert not _pool_ahead(out, None, 2, None, None)  # a finished folder starts no worker


@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="no fork server on this platform")
def test_pool_uses_the_prestarted_fork_server() -> None:
    local.prestart()
    pid = forkserver._forkserver._forkserver_pid
    assert pid is not None
    with local.LocalExecutor(2) as ex:
        assert ex.map(_square, [1, 2, 3]) == [1, 4, 9]
    assert forkserver._forkserver._forkserver_pid == pid  # not a second server
