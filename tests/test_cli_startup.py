"""``saring clean`` start-up (issue 15): the command imports only what it uses, and its fast
exit (no interpreter teardown) still flushes every byte and keeps the exit status."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

SAMPLE = "Menteri KeuanganSri Mulyani hadir di JakartaSelatan, kata dia.\n"


def _clean(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "saring.cli.main", "clean", *args], input=data,
                          capture_output=True, timeout=120)


def test_saring_clean_does_not_import_readers_writers_or_ray() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from saring.cli.main import saring\n"
        "r = CliRunner().invoke(saring, ['clean', '-'], input='Kota Bandung, kata dia.\\n')\n"
        "assert r.exit_code == 0, r.output\n"
        "bad = [m for m in ('saring.io.readers', 'saring.io.writers', 'ray', 'zstandard',\n"
        "                   'saring.executors.marker', 'saring.executors.base', 'hashlib',\n"
        "                   'difflib') if m in sys.modules]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_fast_exit_output_equals_the_in_process_command() -> None:
    from click.testing import CliRunner

    from saring.cli.main import saring

    for args in ([], ["--json"], ["--diff"]):
        want = CliRunner().invoke(saring, ["clean", *args, "-"], input=SAMPLE)
        got = _clean([*args, "-"], SAMPLE.encode())
        assert got.returncode == want.exit_code == 0
        assert got.stdout.decode() == want.output
        assert got.stdout  # something was printed and flushed


@pytest.mark.parametrize("args,data,status,needle", [
    (["-"], gzip.compress(b"teks"), 2, b"gzip-compressed"),
    (["--bogus", "-"], b"x", 2, b"No such option"),
    (["--max-bytes", "3", "-"], b"terlalu panjang", 2, b"--max-bytes"),
])
def test_fast_exit_keeps_error_status_and_message(args: list[str], data: bytes, status: int,
                                                  needle: bytes) -> None:
    got = _clean(args, data)
    assert got.returncode == status
    assert needle in got.stderr


def test_collection_is_paused_for_set_up_only() -> None:
    """``main`` pauses cyclic GC while ``clean`` starts; the input is handled with GC on again
    and the start-up objects frozen (so a large input's garbage is still collected)."""
    code = (
        "import gc, sys\n"
        "import saring.cli.clean as c\n"
        "seen = []\n"
        "real = c.repair_text\n"
        "def spy(step, text, url=None):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 1000))\n"
        "    return real(step, text, url=url)\n"
        "c.repair_text = spy\n"
        "import saring.cli.main as m\n"
        "real_setup = c.repair_step\n"
        "def setup(conf):\n"
        "    seen.append((gc.isenabled(), None))\n"
        "    return real_setup(conf)\n"
        "c.repair_step = setup\n"
        "sys.argv = ['saring', 'clean', '-']\n"
        "import os\n"
        "real_exit = os._exit\n"
        "os._exit = lambda s: (sys.stderr.write(repr(seen)), sys.stderr.flush(), real_exit(s))\n"
        "m.main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=SAMPLE.encode(), capture_output=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stderr.decode().strip() == "[(False, None), (True, True)]"
    assert out.stdout.strip()  # the repaired text was still printed
