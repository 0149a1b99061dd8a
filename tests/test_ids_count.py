"""Duplicate-id counting without numpy (the run's process in a pool run needs it for nothing else)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.executors.ids import _count_ids, _sorted_u64, read_u64, save


def _numpy_count(arrays: list[np.ndarray], files: list[str]) -> dict[str, int]:
    """The counting as it was written with numpy (the reference)."""
    per_file: dict[str, list[np.ndarray]] = {}
    for f, a in zip(files, arrays, strict=True):
        per_file.setdefault(f, []).append(a)
    uniq_files = [np.unique(np.concatenate(a)) for a in per_file.values()]
    allh = np.concatenate(arrays) if arrays else np.empty(0, np.uint64)
    uniq, counts = np.unique(allh, return_counts=True)
    across = np.unique(np.concatenate(uniq_files), return_counts=True)[1] if uniq_files else np.empty(0)
    return {"documents": int(len(allh)), "duplicates": int(len(allh) - len(uniq)),
            "ids_repeated": int((counts > 1).sum()), "ids_in_several_files": int((across > 1).sum())}


_HASHES = st.one_of(st.sampled_from([0, 1, 2**63, 2**64 - 1]), st.integers(0, 2**64 - 1), st.integers(0, 20))
_SHARDS = st.lists(st.tuples(st.lists(_HASHES, max_size=30), st.sampled_from(["a.jsonl", "b.jsonl", "c.jsonl"])),
                   min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(shards=_SHARDS)
def test_count_equals_the_numpy_reference(tmp_path_factory, shards) -> None:
    folder = tmp_path_factory.mktemp("ids")
    arrays, files, paths = [], [], []
    for i, (values, source) in enumerate(shards):
        arr = np.asarray(values, dtype=np.uint64)
        path = folder / f"s{i}.npy"
        save(str(path), arr)
        assert read_u64(path).tolist() == arr.tolist()  # read back in order, without numpy
        arrays.append(arr)
        files.append(source)
        paths.append(path)
    assert _count_ids([_sorted_u64(p) for p in paths], files) == _numpy_count(arrays, files)


def test_other_npy_layouts_are_read_through_numpy(tmp_path: Path) -> None:
    path = tmp_path / "x.npy"
    np.save(path, np.array([3, 1, 2], dtype=">u8"))  # big-endian: not the fast layout
    assert read_u64(path).tolist() == [3, 1, 2]
    np.save(path, np.array([5, 4], dtype=np.int32))
    assert read_u64(path).tolist() == [5, 4]


def test_counting_needs_no_numpy(tmp_path: Path) -> None:
    """In a fresh interpreter where importing numpy fails after the files are written."""
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from saring.executors.ids import _count_ids, _sorted_u64, save
        folder = Path({str(tmp_path)!r})
        save(str(folder / "a.npy"), [7, 7, 9])
        save(str(folder / "b.npy"), [9, 1])
        for name in [m for m in sys.modules if m == "numpy" or m.startswith("numpy.")]:
            del sys.modules[name]
        sys.modules["numpy"] = None  # any import of numpy now raises
        arrays = [_sorted_u64(folder / n) for n in ("a.npy", "b.npy")]
        print(_count_ids(arrays, ["f1", "f2"]))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str({"documents": 5, "duplicates": 2, "ids_repeated": 2, "ids_in_several_files": 1})
