"""Document ids across the corpus: count the ones reused, and (``unique_ids``) rename repeats.

Counting: the first segment writes the xxh3-64 hashes of its documents' ids (in read order);
after it, :func:`count_duplicate_ids` counts over all shards and keeps the figures in a marker.

Renaming needs to know, before the first segment writes anything, which documents repeat an id
seen earlier in the corpus (shard order, then read order), so it is a pre-pass of executor
tasks that read ids only (:func:`run_ids_task`), then :func:`plan_renames` gives each shard the
rows to rename: the ``n``-th occurrence (n >= 2) of an id becomes ``<id>#<n>`` with the
original kept in ``metadata.original_id``. The result depends only on the inputs. An input id
that already looks like ``<id>#<n>`` can still collide with a renamed one (the test shows it);
ids are compared by a 64-bit hash (a false repeat needs ~4e9 distinct ids to become likely).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import numpy as np
import xxhash

from saring.executors.layout import RunLayout
from saring.executors.marker import Marker, digest
from saring.executors.plan import Plan, Shard
from saring.executors.split import read_part
from saring.io import atomic
from saring.io.readers import ReaderConfig, ReadError, read_source


def id_hash(doc_id: str) -> int:
    return xxhash.xxh3_64_intdigest(doc_id.encode("utf-8", "surrogatepass"))


def save(path: str, values: list[int] | np.ndarray) -> None:
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
    arrays = [np.load(p) for p in paths]
    per_file: dict[str, list[np.ndarray]] = {}
    for s, a in zip(plan.shards, arrays, strict=True):
        per_file.setdefault(s.source.path, []).append(a)
    files = [np.unique(np.concatenate(a)) for a in per_file.values()]
    allh = np.concatenate(arrays) if arrays else np.empty(0, np.uint64)
    uniq, counts = np.unique(allh, return_counts=True)
    across = np.unique(np.concatenate(files), return_counts=True)[1] if files else np.empty(0)
    res = {"documents": int(len(allh)), "duplicates": int(len(allh) - len(uniq)),
           "ids_repeated": int((counts > 1).sum()), "ids_in_several_files": int((across > 1).sum())}
    marker.write(res)
    shutil.rmtree(layout.work / "ids", ignore_errors=True)
    return res


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
    flat = np.load(path)
    return dict(zip(flat[0::2].tolist(), flat[1::2].tolist(), strict=True))
