"""Without Ray installed, asking for the Ray executor fails with one clear line."""

from __future__ import annotations

import subprocess
import sys

HIDE_RAY = """
import sys
sys.modules["ray"] = None  # as if Ray were not installed
try:
    from saring.executors.ray import RayExecutor
except ImportError as exc:
    print(exc)
else:
    print("imported")
"""


def test_missing_ray_is_one_line_with_the_install_command() -> None:
    out = subprocess.run([sys.executable, "-c", HIDE_RAY], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "the Ray executor needs Ray: pip install 'saring[ray]'"
