"""``saring clean`` start-up (issue 15): the command imports only what it uses, and its fast
exit (no interpreter teardown) still flushes every byte and keeps the exit status."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ----------------------------------------------------------------------------- without click
TOKENS = ["-", "a.txt", __file__, "--diff", "--json", "--json=1", "--diff=", "--min-confidence",
          "0.5", "0.01", "1.0", "1.00001", "--min-confidence=0.9", "--min-confidence=2", "nan",
          "inf", "--url", "https://x.co.id/a", "--url=", "--url=-", "--max-bytes", "100", "-5",
          "+5", " 7", "1.5", "--max-bytes=0", "1_000", "--help", "-h", "--", "-x", "--bogus",
          "---diff", "--=", "1e-1", ""]


@given(st.lists(st.sampled_from(TOKENS), max_size=8))
@settings(max_examples=1500, deadline=None)
def test_clean_args_read_exactly_what_click_reads(args: list[str]) -> None:
    """Whatever the hand reader accepts, click parses to the same values without any error
    (the file aside: click opens it, and may not find it); whatever it refuses goes to click.
    Both are built from the one ``OPTIONS`` list."""
    import click

    from saring.cli.clean_cmd import clean
    from saring.cli.main import clean_args

    got = clean_args(list(args))
    if got is None:
        return
    try:
        ctx = clean.make_context("clean", list(args), resilient_parsing=False)
    except click.exceptions.BadParameter as exc:  # only the file may fail to open here
        assert exc.param is not None and exc.param.name == "file", exc
        return
    except click.exceptions.Exit:
        raise AssertionError(f"click exited (help?) on {args}") from None
    want = dict(ctx.params)
    f = want.pop("file")
    path = got.pop("file")
    assert getattr(f, "name", None) == path or path == "-"
    assert got == want


def test_clean_runs_without_click_and_prints_what_click_prints(tmp_path) -> None:
    from click.testing import CliRunner

    from saring.cli.app import saring

    text = "Menteri KeuanganSri Mulyani hadir.\n\x1b[31mmerah\x1b[0m di JakartaSelatan, kata dia."
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    code = ("import sys, runpy\nsys.argv = ['saring', 'clean', *sys.argv[1:]]\n"
            "import atexit\n"
            "from saring.cli import main\n"
            "real = main._exit_now\n"
            "def spy(code):\n"
            "    sys.stderr.write('click' if 'click' in sys.modules else 'no-click')\n"
            "    real(code)\n"
            "main._exit_now = spy\n"
            "main.main()\n")
    for args in ([str(path)], ["--json", str(path)], [str(path), "--diff"],
                 ["--url=https://www.detik.com/a", "--min-confidence", "0.9", str(path)]):
        want = CliRunner().invoke(saring, ["clean", *args])
        got = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120)
        assert got.returncode == want.exit_code == 0
        assert got.stdout.decode() == want.output
        # plain text and JSON need no click; escape codes in the output are left to click
        assert got.stderr.decode().endswith("click")
    plain = subprocess.run([sys.executable, "-c", code, "-"], input=SAMPLE.encode(),
                           capture_output=True, timeout=120)
    assert plain.stderr.decode() == "no-click"


@pytest.mark.parametrize("args,needle", [
    (["--help"], b"Usage:"),
    (["/nonexistent/file.txt"], b"No such file"),
    (["--min-confidence", "2", "-"], b"--min-confidence"),
    (["-", "-"], b"unexpected extra argument"),
])
def test_arguments_it_does_not_take_get_clicks_answer(args: list[str], needle: bytes) -> None:
    got = _clean(args, b"teks")
    assert needle in got.stdout + got.stderr


_SPY = ("import sys\nsys.argv = ['saring', 'clean', '-']\n"
        "from saring.cli import main\n"
        "real = main._exit_now\n"
        "def spy(code):\n"
        "    m = sys.modules.get('inspect')\n"
        "    loaded = [n for n in ('ast', 'dis', 'tokenize') if n in sys.modules]\n"
        "    loaded += ['inspect'] if m is not None and 'signature' in vars(m) else []\n"
        "    sys.stderr.write(repr(loaded))\n"
        "    real(code)\n"
        "main._exit_now = spy\n"
        "main.main()\n")


def _python(code: str) -> str:
    """What ``code`` prints in a fresh interpreter (which must exit 0)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_clean_does_not_load_inspect_ast_dis_or_tokenize() -> None:
    """``dataclasses`` (the step configs) imports ``inspect``, which pulls ``ast``, ``dis`` and
    ``tokenize``: ~25 M instructions ``saring clean`` never uses (fails without the stand-in,
    or when a class on the path needs ``inspect``, e.g. a dataclass without a docstring)."""
    got = subprocess.run([sys.executable, "-c", _SPY], input=SAMPLE.encode(), capture_output=True,
                         timeout=120)
    assert got.returncode == 0, got.stderr[-2000:]
    assert got.stderr.decode() == "[]"
    assert got.stdout.decode() == _clean(["-"], SAMPLE.encode()).stdout.decode()


def test_record_classes_on_the_clean_path_are_not_dataclasses() -> None:
    """The per-document records (``saring.record``) import no ``dataclasses`` of their own."""
    code = ("import sys\n"
            "import saring.document, saring.repair.glue, saring.repair.names\n"
            "import saring.repair.paragraphs, saring.repair.damage, saring.repair.resources\n"
            "print('dataclasses' in sys.modules)\n")
    assert _python(code) == "False"


def test_deferred_module_loads_whole_on_first_use() -> None:
    code = ("import sys\n"
            "from saring.cli.main import defer_import\n"
            "defer_import('inspect'); defer_import('no_such_module_xyz')\n"
            "import inspect\n"
            "assert 'ast' not in sys.modules and 'no_such_module_xyz' not in sys.modules\n"
            "from inspect import signature\n"
            "assert 'ast' in sys.modules and sys.modules['inspect'] is not inspect\n"
            "assert inspect.signature is signature is sys.modules['inspect'].signature\n"
            "assert str(inspect.signature(lambda a, b=1: 0)) == '(a, b=1)'\n"
            "try:\n"
            "    inspect.no_such_name\n"
            "except AttributeError:\n"
            "    print('ok')\n")
    assert _python(code) == "ok"
