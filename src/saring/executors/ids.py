"""Document ids across the corpus: count the ones reused, and (``unique_ids``) rename repeats.

Counting: the first segment writes the xxh3-64 hashes of its documents' ids (in read order);
after it, :func:`count_duplicate_ids` counts over all shards and keeps the figures in a marker.
It runs in the run's own process, which in a pool run needs numpy for nothing else: it reads the
``.npy`` files as ``array('Q')`` and counts by merging the sorted shards (8 bytes per id, like
numpy), so numpy is imported only where tasks run (here: inside the functions that use it).

Renaming needs to know, before the first segment writes anything, which documents repeat an id
seen earlier in the corpus (shard order, then read order), so it is a pre-pass of executor
tasks that read ids only (:func:`run_ids_task`), then :func:`plan_renames` gives each shard the
rows to rename: the ``n``-th occurrence (n >= 2) of an id becomes ``<id>#<n>`` with the
original kept in ``metadata.original_id``. The result depends only on the inputs. An input id
that already looks like ``<id>#<n>`` can still collide with a renamed one (the test shows it);
ids are compared by a 64-bit hash (a false repeat needs ~4e9 distinct ids to become likely).
"""

from __future__ import annotations

import ast
import heapq
import itertools
import operator
import shutil
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import xxhash

from saring.executors.layout import RunLayout
from saring.executors.marker import Marker, digest
from saring.executors.plan import Plan, Shard
from saring.executors.split import read_part
from saring.io import atomic
from saring.io.readers import ReaderConfig, ReadError, read_source

if TYPE_CHECKING:
    import numpy as np

_NPY_MAGIC = b"\x93NUMPY"


def id_hash(doc_id: str) -> int:
    return xxhash.xxh3_64_intdigest(doc_id.encode("utf-8", "surrogatepass"))


def save(path: str, values: list[int] | np.ndarray) -> None:
    import numpy as np

    with atomic.atomic_open(path) as f:
        np.save(f, np.asarray(values, dtype=np.uint64), allow_pickle=False)


def count_duplicate_ids(plan: Plan, layout: RunLayout) -> dict[str, int] | None:
    """Documents whose id occurred before (within or across files), from the first segment's id
    hashes; kept in a marker so a rerun reports it too. None when the hashes are gone (a marker
    was lost and the shards were not re-read)."""
    marker = layout.ids_marker(digest(plan.run_fp, [s.key for s in plan.shards]))
    if (res := marker.result()) is not None:
        return res
    paths = [layout.ids(s.name) for s in plan.shards]
    if not all(p.exists() for p in paths):
        return None
    arrays = [_sorted_u64(p) for p in paths]
    res = _count_ids(arrays, [s.source.path for s in plan.shards])
    marker.write(res)
    shutil.rmtree(layout.work / "ids", ignore_errors=True)
    return res


def read_u64(path: Path) -> array:
    """A 1-D ``uint64`` ``.npy`` file (as :func:`save` writes it) as an ``array('Q')``, without
    numpy; any other layout is read through numpy."""
    data = path.read_bytes()
    if data[:6] == _NPY_MAGIC and data[6] in (1, 2, 3):
        size = 2 if data[6] == 1 else 4
        start = 8 + size + int.from_bytes(data[8:8 + size], "little")
        header = ast.literal_eval(data[8 + size:start].decode("latin-1"))
        if (isinstance(header, dict) and header.get("descr") == "<u8" and not header.get("fortran_order")
                and isinstance(header.get("shape"), tuple) and len(header["shape"]) == 1
                and len(data) - start == 8 * header["shape"][0]):
            values = array("Q")
            values.frombytes(data[start:])
            if sys.byteorder != "little":
                values.byteswap()
            return values
    import numpy as np

    return array("Q", np.load(path).astype(np.uint64).tolist())


def _sorted_u64(path: Path) -> array:
    return array("Q", sorted(read_u64(path)))  # one shard's ints at a time


def _count_ids(arrays: list[array], files: list[str]) -> dict[str, int]:
    """The figures of :func:`count_duplicate_ids` from each shard's sorted hashes and its source
    file: one merge of all shards, equal hashes side by side."""
    index = {f: i for i, f in enumerate(dict.fromkeys(files))}
    streams: list[Iterable[tuple[int, int]]] = [
        zip(a, itertools.repeat(index[f])) for a, f in zip(arrays, files, strict=True)]
    documents = distinct = repeated = several = 0
    for _, group in itertools.groupby(heapq.merge(*streams), key=operator.itemgetter(0)):
        sources = [i for _, i in group]
        documents += len(sources)
        distinct += 1
        if len(sources) > 1:
            repeated += 1
            several += sources[0] != sources[-1]  # the merge orders equal hashes by file
    return {"documents": documents, "duplicates": documents - distinct,
            "ids_repeated": repeated, "ids_in_several_files": several}


@dataclass
class IdsTask:
    shard: str
    source: object
    part: object
    reader: ReaderConfig
    output: str
    marker: Marker


def run_ids_task(task: IdsTask) -> int:
    """Read one shard and write the hashes of its document ids (read errors have none)."""
    if (done := task.marker.result()) is not None:
        return done
    items = (read_source(task.source, task.reader) if task.part is None  # type: ignore[arg-type]
             else read_part(task.source, task.reader, task.part))  # type: ignore[arg-type]
    hashes = [id_hash(x.id) for x in items if not isinstance(x, ReadError)]
    save(task.output, hashes)
    task.marker.write(len(hashes), [task.output])
    return len(hashes)


def ids_tasks(plan: Plan, layout: RunLayout, reader: ReaderConfig, shards: list[Shard]) -> list[IdsTask]:
    return [IdsTask(s.name, s.source, s.part, reader, str(layout.prepass_ids(s.name)),
                    layout.marker("ids", s.name, digest(plan.run_fp, "ids", s.key))) for s in shards]


def plan_renames(plan: Plan, layout: RunLayout) -> None:
    """Per shard, ``(row, n)`` for every document that is the n-th (n >= 2) use of its id."""
    import numpy as np

    arrays = [np.load(layout.prepass_ids(s.name)) for s in plan.shards]
    sizes = [len(a) for a in arrays]
    allh = np.concatenate(arrays) if arrays else np.empty(0, np.uint64)
    order = np.argsort(allh, kind="stable")  # equal ids stay in corpus order
    h = allh[order]
    new = np.ones(len(h), dtype=bool)
    new[1:] = h[1:] != h[:-1]
    start = np.maximum.accumulate(np.where(new, np.arange(len(h)), 0))
    occurrence = np.empty(len(h), dtype=np.int64)
    occurrence[order] = np.arange(len(h)) - start + 1
    offset = 0
    for s, n in zip(plan.shards, sizes, strict=True):
        occ = occurrence[offset:offset + n]
        rows = np.flatnonzero(occ > 1)
        save(str(layout.renames(s.name)), np.stack([rows, occ[rows]], axis=1).reshape(-1).astype(np.uint64))
        offset += n


def load_renames(path: str) -> dict[int, int]:
    import numpy as np

    flat = np.load(path)
    return dict(zip(flat[0::2].tolist(), flat[1::2].tolist(), strict=True))
