"""``writer: compression_level``: the level of the final outputs, never their content."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from saring.executors.runner import run_pipeline
from saring.pipeline import Pipeline
from saring.registry import ConfigError

WORDS = ("harga beras pasar naik pemerintah daerah bantuan warga banjir pesisir utara kota "
         "sekolah guru murid jalan rusak perbaikan anggaran tahun depan menteri rapat kantor "
         "yang dan di itu dengan untuk dari ini ke pada yang dan di").split()


def _inputs(folder: Path) -> Path:
    import random

    rng = random.Random(7)
    folder.mkdir()
    p = folder / "berita.jsonl"
    lines = []
    for i in range(60):
        if i % 3 == 2:
            text = "x"  # rejected (too short)
        else:
            text = "\\n".join(" ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "."
                              for _ in range(8))
        lines.append(f'{{"id": "d{i}", "text": "{text}"}}\n')
    p.write_text("".join(lines))
    return p


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for s in ("kept", "rejected", "errors")
            for p in sorted((out / s).rglob("*.gz"))}


def _run(inp: Path, out: Path, level: int | None) -> dict[str, bytes]:
    writer = {"compression_level": level} if level is not None else {}
    pipe = Pipeline.from_config({"steps": ["normalize", "quality"], "languages": ["id"],
                                 "writer": writer})
    run_pipeline(pipe, [inp], out, workers=1, progress=False)
    return _outputs(out)


def test_level_changes_bytes_not_content(tmp_path: Path) -> None:
    inp = _inputs(tmp_path / "in")
    default = _run(inp, tmp_path / "d", None)
    fast = _run(inp, tmp_path / "f", 1)
    assert set(default) == set(fast) and any(k.startswith("kept/") for k in default)
    assert any(k.startswith("rejected/") for k in default)
    for name in default:
        assert gzip.decompress(default[name]) == gzip.decompress(fast[name])
    kept = next(k for k in default if k.startswith("kept/"))
    assert fast[kept] != default[kept]  # the level reached the dataset parts
    rejected = next(k for k in default if k.startswith("rejected/"))
    assert fast[rejected][8] == 4  # gzip header XFL: written at the fastest level
    assert default[rejected][8] == 0  # level 6: default


@pytest.mark.parametrize("writer", [{"compression_level": 0}, {"compression_level": 10},
                                    {"compression_level": "6"}, {"compression_level": True},
                                    {"format": "parquet", "compression_level": 3}])
def test_bad_level_is_a_config_error(tmp_path: Path, writer: dict) -> None:
    inp = _inputs(tmp_path / "in")
    pipe = Pipeline.from_config({"steps": ["normalize"], "writer": writer})
    with pytest.raises(ConfigError, match="compression_level"):
        run_pipeline(pipe, [inp], tmp_path / "o", workers=1, progress=False)
