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
        "                   'saring.executors.marker', 'hashlib') if m in sys.modules]\n"
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
