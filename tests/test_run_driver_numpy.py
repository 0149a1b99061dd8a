"""A pool run's driver (``saring run --workers 2``: plan, dedup stage set-up and merge, report)
never imports numpy: it is ~10 MiB resident in the one process that lives for the whole run,
while the workers that hash and band documents import it where they use it."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

CODE = """
import json, sys
sys.argv = ['saring', *sys.argv[1:]]
import saring.cli.main as m
try:
    m.main()
finally:
    print(json.dumps({"numpy": "numpy" in sys.modules,
                      "dedup": "saring.dedup.stage" in sys.modules}), file=sys.stderr)
"""

_WORDS = (
    "yang dan di ke dari untuk dengan pada ini itu akan tidak juga sudah dalam oleh karena bisa ada "
    "pemerintah kota warga jalan pasar harga beras sekolah guru murid rumah sakit dokter pasien kantor "
    "desa kepala rapat rencana anggaran proyek jembatan sungai hujan banjir petani sawah panen pupuk "
    "nelayan perahu laut ikan pedagang toko kain batik kopi teh gula minyak listrik air bersih "
    "kemarin besok minggu bulan tahun pagi sore malam baru lama besar kecil banyak sedikit"
).split()


def _text(seed: int) -> str:
    """Fifteen sentences drawn from a small vocabulary: distinct documents that pass quality."""
    r = random.Random(seed)
    return " ".join(" ".join(r.choice(_WORDS) for _ in range(r.randint(8, 14))).capitalize() + "."
                    for _ in range(15))


def test_pool_run_driver_does_not_import_numpy(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    docs = [{"id": f"d{i}", "text": _text(i)} for i in range(6)]
    docs.append({"id": "copy", "text": docs[0]["text"]})  # an exact copy: dedup must remove it
    inp.write_text("".join(json.dumps(d) + "\n" for d in docs))
    env = {"SARING_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    out_dir = tmp_path / "out"
    args = ["run", str(inp), "-o", str(out_dir), "--workers", "2", "--no-progress"]
    out = subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True,
                         timeout=600, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    log = json.loads(out.stderr.strip().splitlines()[-1])
    assert log == {"numpy": False, "dedup": True}
    kept = [json.loads(line)["id"] for f in sorted(out_dir.glob("kept/**/*.jsonl.gz"))
            for line in gzip.open(f, "rt")]
    assert len(kept) == 6 and {f"d{i}" for i in range(1, 6)} < set(kept)  # dedup removed one of d0/copy
