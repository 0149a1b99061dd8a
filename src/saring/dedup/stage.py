"""Corpus-wide dedup as file-exchanging stages: exact, MinHash near-duplicates and paragraphs.

Stages (each a list of picklable tasks run through ``ctx.executor.map``; every task writes its
outputs atomically through the stage's scratch :class:`~saring.io.store.Store` (a folder the
runner's layout gives, on a local or shared filesystem, or object storage through fsspec) and
then a marker keyed by the runner's fingerprint and this stage's config, so a rerun or a retried
task skips finished work and a killed task never leaves a half file that looks complete; scratch
folders are deleted as soon as every task that reads them is marked done):

1. ``hash`` (one task per shard): normalise, exact hash, paragraph hashes, shingles (kept for
   verification), MinHash signatures, and band keys, written as one bucket file per band.
2. ``buckets``: one task per (band, key range) and one per exact-hash partition. Band files are
   sorted by key, so a task reads only its key range of every shard's file (memory ~N*16 B /
   partitions) and pairs each bucket member with the bucket's smallest document key; the pairs
   are split into verification partitions. Exact-hash groups give exact pairs directly.
3. ``verify`` (one per partition): de-duplicate candidate pairs and keep those whose Jaccard
   (exact on shingles by default) reaches the threshold.
4. ``components`` (one task, numpy arrays only): connected components over all pairs, members
   written per partition of component roots; then ``keep`` (one task per partition): a
   deterministic keep policy per component (best quality, least MT damage, longest, stable id
   order), decisions per shard. Members are removed only when they match a kept member, or a
   member removed as a close copy (exact, near or contained) of one (a copy of a copy), so a
   chain A~B~C never removes C for A through a B that only shares paragraphs with A.
5. ``paragraphs`` (one per partition): count, over the surviving documents only, in how many
   documents each long paragraph occurs; frequent ones are removed in step 6.
6. ``filter`` (one per shard): reject duplicates with the cluster and kept ids; delete frequent
   paragraphs as edits; stream every document, in input order and with its decision, to the
   shard's output document file (``ctx.output(i)``). Inside a run (``ctx.defer``) this pass is
   left to the segment after the stage (``_Finisher``): it applies the same decisions to the
   documents it reads from the stage's input file, so no filter document file is written.

Documents are addressed by a 64-bit key ``shard << 32 | row``; nothing depends on the number of
workers or partitions, so the output is identical for any worker count.
"""

from __future__ import annotations

import functools
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xxhash

from saring.background import Background
from saring.dedup import exact as exact_mod
from saring.dedup.lsh import optimal_params
from saring.dedup.minhash import MinHasher, band_hashes, exact_jaccard, splitmix, token_hashes
from saring.dedup.normalize import (
    FACT_HEAD,
    FACT_VALUE,
    fact_bytes,
    hash_tokens,
    normalize_for_hash,
)
from saring.dedup.paragraphs import paragraph_hashes, paragraph_removals
from saring.dedup.unionfind import components
from saring.document import KEPT, Document
from saring.executors import progress
from saring.executors.marker import digest
from saring.io.docfile import check_line, is_plain_document, read_docs, read_records, write_docs
from saring.io.store import Store, StoreMarker, open_store
from saring.io.writers import json_form
from saring.step import CorpusStage, DeferringStage, StageContext, StageOutput, StepStats

if TYPE_CHECKING:
    import numpy as np

EXACT, NEAR = "exact_duplicate", "near_duplicate"
CONTAINED = "contained_duplicate"  # value: share of its shingles in the kept document
# a teaser or reworked copy: most of its shingles and several whole paragraphs are in the kept
# document, whatever the length ratio (value: the containment, threshold ``shared_containment``)
SHARED = "shared_paragraphs_duplicate"
PARAGRAPHS_ONLY = "duplicate_paragraphs_only"
_SIG_BATCH = 512
_PAIR_DT = "uint64"  # a dtype name: numpy is imported only where pairs are built


# ----------------------------------------------------------------------------- configuration
@dataclass(frozen=True)
class DedupConfig:
    """Everything a task needs; frozen and picklable so it ships to workers unchanged."""

    label: str = "dedup"
    threshold: float = 0.7
    containment: float = 0.85
    min_length_ratio: float = 0.6
    shared_containment: float = 0.7
    figures: float = 0.6
    hash_view: str = "text"
    num_perm: int = 128
    ngram: int = 5
    bands: int = 18
    rows: int = 7
    seed: int = 42
    exact: bool = True
    near: bool = True
    verify: str = "exact"
    paragraphs: bool = True
    paragraph_min_docs: int = 10
    paragraph_min_chars: int = 30
    partitions: int = 4
    quality_key: str | None = None
    damage_key: str = "repair.mt_damage"
    max_keepers: int = 64


# what the keep policy reads when ``damage_key`` is not set: the repair step writes it on every
# document it processes; documents without it count as undamaged
DEFAULT_DAMAGE_KEY = "repair.mt_damage"
HASH_VIEWS = ("text", "cleaned")
# LSH target when containment is on: a copy with one paragraph of five dropped has Jaccard ~0.6
# against its source, so candidates must be found down to ~0.5 (verification decides).
_CONTAINMENT_CANDIDATES = 0.5
# SHARED needs this many whole paragraphs (lines of >= paragraph_min_chars) in common, and this
# share of the paragraphs of the document with fewer; a summary is one paragraph of picked
# sentences and shares none (IndoSum: 0 or 1), a truncated teaser keeps its first paragraphs
_SHARED_LINES = 2
_SHARED_LINE_SHARE = 0.3
_SHARED_MIN_RATIO = 0.15
# ... and the paragraphs in common must start near the top of both, at about the same place: a
# copy keeps the story's opening paragraphs (its headline and lead may be rewritten), while a
# round-up or a follow-up that re-uses an article's paragraphs has them further down
_LEAD_LINES = 4
# only body paragraphs count for SHARED: headlines, menus, bylines, share bars and captions are
# shorter, and a copy's furniture would otherwise push its first paragraphs down
_BODY_CHARS = 80
_LEAD_SHIFT = 1
# figures agree unless both documents have this many distinct ones and fewer than ``figures``
# of the smaller set are in the other: hashing folds digits, so two days of one template report
# (weather, prices, rates, case counts) are the same text to shingles and the exact hash
_MIN_FIGURES = 4
# a figure is stored with ``normalize.FACT_HEAD`` when it starts within this many characters of
# its line (a dateline's or an "updated" line's date, a counter); a template check ignores those
_FACT_HEAD_CHARS = 40
# aligned places where both documents hold a figure the other lacks, away from a line's start,
# that make them two fillings of one template (another day's schedule, another region's figures)
_CHANGED_FACTS = 1
# the alignment is quadratic at worst: only this many body figures of each are aligned (a table
# of prices or results has a changed fact in its first rows as well)
_FACTS_ALIGNED = 300
# a paragraph held by more documents than this is furniture, not a sign of a copy (candidates)
_LINE_BUCKET_MAX = 10
# a body paragraph is stored as its hash's high 48 bits and, in the low 16, its estimated token
# count (characters x the view's tokens per character): SHARED weighs what the shorter document
# has besides the paragraphs in common without keeping per-paragraph shingles
_LINE_BITS = 16
_LINE_TOKENS = (1 << _LINE_BITS) - 1
_LINE_HASH = ~_LINE_TOKENS & 0xFFFFFFFFFFFFFFFF
# SHARED also needs the rest of the shorter document (besides the paragraphs in common) to be
# this much in the other, and at most this many extra paragraphs in the longer one between two
# paragraphs in common. On 4,000 real news docs the two wrong merges of session 14 were a
# same-event article with its own lead and framing around four quoted paragraphs (rest 0.03 in
# the other) and one quoting five background paragraphs with seven of its own between them
# (extra 7). Set 16 dev traps: rest <= 0.11; set 14 tune copies: 2 of ~70 below 0.15 (then 0.21),
# extra <= 2 (sets 14 tune and 16 dev).
_REST_ECHO = 0.15
_GAP_EXCESS = 2
# SHARED with one whole paragraph in common (the lead of both) only for a teaser: 2 to this many
# body paragraphs (lead, cut paragraph, "read more" link), and this share of its other shingles in
# the other document (writer F's teasers 0.6-0.7, see :func:`_teaser`)
_TEASER_LINES = 3
_TEASER_ECHO = 0.5
# ... unless the shorter one's body paragraphs not in common hold at most this share of its body
# tokens: then its rest is a headline, captions, an embedded post, a source line (a copy), not
# a lead and framing of its own. Dev pairs failing the echo: copies 1.00 (9 pairs), 0.94, 0.86,
# 0.79 of the body in common; set 16 traps 0.78-0.80.
_OWN_BODY = 0.1
# a longer document with more than this many times the paragraphs in common after the last of
# them, and an opening shorter than the other's, continues the story (:func:`_follows_up`)
_FOLLOW_TAIL = 2
_OPENING_TOKENS = 20
# a copy re-headlined with its lead rewritten keeps the rest of the story in order: when the
# paragraphs in common are one unbroken run of at least this many, right after one lead of
# each document's own, and the shorter has nothing after the run (the longer at most
# ``_LEAD_SHIFT``), the rewritten lead is not the shorter one's own story (:func:`_lead_rewritten`)
_REWRITE_RUN = 3
# ... and then SHARED needs this containment instead of ``shared_containment``: the shingles
# the shorter one does not share are its headline and lead, a fifth to a third of a short story
_REWRITE_CONTAINMENT = 0.6
# A bridge end with at least this share of its shingles in the member it goes through holds no
# story of its own, however its paragraphs are cut (:func:`_extends`): the containment floor.
_OWN_SHINGLES = 0.85
# a syndicating outlet puts its own dateline before the lead ("AMBON, Kabar Timur -- ", "Jakarta
# - ", "JAKARTA (Antara) - "); for SHARED the lead is then a different paragraph and a truncated
# copy keeps one paragraph in common instead of two. A body line among the first ``_LEAD_LINES``
# that opens with one to five capitalised words and a spaced dash is hashed without them.
# Bounded and possessive (no backtracking into a word): at most five words, then one dash run.
_DATELINE = re.compile(
    r"[A-Z(][\w.()]{0,30}+(?:,?[ \t]{1,3}[A-Z(][\w.()]{0,30}+){0,4}+,?[ \t]{0,3}[-\u2013\u2014]{1,2}[ \t]+"
)


@lru_cache(maxsize=2)
def _hash_view(name: str) -> Callable[[Document], str] | None:
    """What near/exact hashing reads: the text as it is (``text``, right after the pipeline's
    own boilerplate step) or, for ``saring dedup`` on raw input, the text after ``normalize`` and
    ``boilerplate`` (datelines, "Baca juga" lines and outlet furniture removed) on a copy: the
    documents written out are never changed by it. The keep order reads the same view's length
    (:class:`_ShardHashes`), so ``saring dedup`` keeps the copy the pipeline would keep (a
    portal's menus and tags do not make its copy the longest). Steps are built once per process."""
    if name == "text":
        return None
    from saring.boilerplate.step import Boilerplate
    from saring.normalize.step import Normalize

    steps = [Normalize(), Boilerplate()]
    _set_up(steps)

    def cleaned(doc: Document) -> str:
        copy = Document(doc.id, doc.text)
        for step in steps:
            step.ensure_setup()
            if step.process(copy) is not None:
                break
        return copy.text

    return cleaned


def _set_up(steps: list[Any]) -> None:
    """Set the view's steps up as a run sets its own up (``segment._set_up_frozen``): their
    ~300 ``re.compile`` calls from the stored programs (~0.2-0.3 CPU-s of ``saring dedup``'s
    set-up: boilerplate alone compiles ~450 patterns) and the cyclic collector paused meanwhile."""
    import gc

    from saring.regex_cache import programs_cached

    was = gc.isenabled()
    gc.disable()
    try:
        with programs_cached():
            for step in steps:
                step.ensure_setup()
    finally:
        if was:
            gc.enable()


def _annotation(doc: Document, dotted: str | None) -> float | None:
    """A numeric annotation by dotted path, e.g. ``repair.mt_damage`` or
    ``quality.fineweb_quality.line_punct_ratio`` (step labels may themselves contain dots)."""
    return _annotation_in(doc.annotations, dotted)


def _annotation_in(annotations: dict[str, Any], dotted: str | None) -> float | None:
    """:func:`_annotation` of a document's ``annotations`` dict."""
    for label, keys in _annotation_paths(dotted):
        val: Any = annotations.get(label)
        for key in keys:
            val = val.get(key) if isinstance(val, dict) else None
        if isinstance(val, (int, float)) and not isinstance(val, bool) and math.isfinite(val):
            return float(val)
    return None


@lru_cache(maxsize=16)
def _annotation_paths(dotted: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every (step label, keys under it) reading of ``dotted``, longest label first (split once,
    not per document)."""
    if not dotted:
        return ()
    parts = dotted.split(".")
    return tuple((".".join(parts[:i]), tuple(parts[i:])) for i in range(len(parts) - 1, 0, -1))


# ----------------------------------------------------------------------------- scratch files
_store = lru_cache(maxsize=8)(open_store)  # one store per scratch location and process


def _marker(task: Any, name: str) -> StoreMarker:
    """The completion marker of one dedup task, valid only for this run and this config."""
    return StoreMarker(task.store, f"done/{name}.json", task.fp)


@dataclass(frozen=True)
class _Task:
    """What every dedup task carries: the config, the stage's scratch location (a folder or an
    fsspec URL), the run fingerprint."""

    cfg: DedupConfig
    work: str
    fp: str

    @property
    def store(self) -> Store:
        return _store(self.work)


_TaskFn = Callable[[Any], dict[str, Any]]


def _once(name: Callable[[Any], str]) -> Callable[[_TaskFn], _TaskFn]:
    """A task that runs once per run and config: a finished task's marker returns its result
    (rerun, retry after a kill); the marker is written only after the task's files are."""

    def wrap(fn: _TaskFn) -> _TaskFn:
        @functools.wraps(fn)
        def run(task: Any) -> dict[str, Any]:
            marker = _marker(task, name(task))
            if (res := marker.result()) is not None:
                return res
            with task.store.synced_at_end():  # every file on disk before the marker
                res = fn(task)
            marker.write(res)
            return res

        return run

    return wrap


def _load_pairs(store: Store, names: Sequence[str]) -> np.ndarray:
    import numpy as np
    arrs = [store.load_array(n) for n in names if store.exists(n)]
    arrs = [a for a in arrs if len(a)]
    return np.concatenate(arrs) if arrs else np.empty((0, 2), dtype=_PAIR_DT)


def _load_keys(store: Store, names: Sequence[str]) -> np.ndarray:
    import numpy as np
    arrs = [store.load_array(n) for n in names]
    return np.concatenate(arrs) if arrs else np.empty(0, dtype=np.uint64)


def _partition_of(x: np.ndarray, parts: int) -> np.ndarray:
    import numpy as np
    return (splitmix(x) % np.uint64(parts)).astype(np.int64)


def _star_pairs(rows: np.ndarray) -> np.ndarray:
    """Pairs ``(smallest key of group, member)`` for groups of equal hash in ``(hash, key)`` rows."""
    import numpy as np
    if len(rows) < 2:
        return np.empty((0, 2), dtype=_PAIR_DT)
    order = np.lexsort((rows[:, 1], rows[:, 0]))
    h, k = rows[order, 0], rows[order, 1]
    new = np.empty(len(h), dtype=bool)
    new[0] = True
    new[1:] = h[1:] != h[:-1]
    start = np.flatnonzero(new)
    first = k[start][np.cumsum(new) - 1]
    member = ~new & (k != first)
    return np.stack([first[member], k[member]], axis=1)


# ----------------------------------------------------------------------------- stage 1: hash
@dataclass(frozen=True)
class _ShardTask(_Task):
    shard: int
    path: str


class _ShardHashes:
    """Stage 1's per-document results for one shard, saved as the files the later stages read.
    Filled by the hash task from the shard's document file, or, inside a run, by the segment
    that writes that file (:class:`_HashPass`): the same documents give the same files."""

    def __init__(self, cfg: DedupConfig) -> None:
        self.cfg = cfg
        self.hasher = MinHasher(cfg.num_perm, cfg.ngram, cfg.seed)
        self.keys: list[int] = []
        self.ids: list[str] = []
        self.labels: list[str] = []  # source file:line, or "" (then labelled by shard:row)
        self.ex: list[int] = []
        self.nchars: list[int] = []
        self.quality: list[float] = []
        self.damage: list[float] = []
        self.small: list[np.ndarray] = []  # 32-bit shingle hashes: enough to verify (collisions ~|A||B|/2^32)
        self.sig_parts: list[np.ndarray] = []
        self.batch: list[np.ndarray] = []  # token hashes of the documents not sketched yet
        # paragraph hashes of every document, flat, with per-document counts (rows built per shard)
        self.par_hashes: list[int] = []
        self.par_counts: list[int] = []
        # per document, flat: its figures (normalize.fact_bytes) and its body paragraphs'
        # hashes in text order (of its view), with per-document counts
        self.figs: list[bytes] = []
        self.lines: list[int] = []
        self.line_chars: list[int] = []
        self.line_counts: list[int] = []
        self.per_char: list[float] = []
        self.shared = _shared_on(cfg)

    def add(self, key: int, doc_id: str, text: str, anns: dict[str, Any], view_text: str | None = None,
            label: str = "") -> bool:
        """One kept document (``view_text``: what the ``cleaned`` hash view hashes instead of
        ``text``; ``label``: its :func:`_source_label`). True when a batch of signatures was
        just sketched."""
        cfg = self.cfg
        self.labels.append(label)
        norm = normalize_for_hash(text)
        vnorm = norm if view_text is None else normalize_for_hash(view_text)
        th = token_hashes(vnorm)
        self.keys.append(key)
        self.ids.append(doc_id)
        self.ex.append(exact_mod.exact_hash_of(th) if cfg.exact else 0)
        self.nchars.append(len(text if view_text is None else view_text))  # keep order: the hashed view
        q = _annotation_in(anns, cfg.quality_key)
        self.quality.append(-math.inf if q is None else q)
        d = _annotation_in(anns, cfg.damage_key)
        self.damage.append(0.0 if d is None else d)
        spans: list[tuple[int, int, int]] = []
        shared = self.shared
        if cfg.paragraphs or (shared and view_text is None):
            spans = paragraph_hashes(text, cfg.paragraph_min_chars, norm)
        if cfg.paragraphs:
            self.par_hashes.extend([h for _, _, h in spans])
            self.par_counts.append(len(spans))
        if cfg.figures > 0:
            self.figs.append(fact_bytes(text if view_text is None else view_text, _FACT_HEAD_CHARS))
        if shared:
            if view_text is not None:
                spans = paragraph_hashes(view_text, cfg.paragraph_min_chars, vnorm)
            hashes, chars = _body_lines(text if view_text is None else view_text, spans)
            self.lines.extend(hashes)
            self.line_chars.extend(chars)
            self.line_counts.append(len(hashes))
            self.per_char.append(len(th) / (len(vnorm) or 1))  # tokens per character of this view
        if cfg.near:
            self.batch.append(th)
            if len(self.batch) >= _SIG_BATCH:
                self.flush()
                return True
        return False

    def flush(self) -> None:
        if self.batch:
            sigs, tops = self.hasher.sketches(self.batch)
            self.sig_parts.append(sigs)
            self.small.extend(tops)
            self.batch.clear()

    def save(self, st: Store, i: int) -> dict[str, Any]:
        """Write shard ``i``'s files; the task's result."""
        import numpy as np
        cfg = self.cfg
        self.flush()
        karr = np.asarray(self.keys, dtype=np.uint64)
        st.save_arrays(
            f"meta/s{i:05d}.npz",
            keys=karr,
            exact=np.asarray(self.ex, dtype=np.uint64),
            nchars=np.asarray(self.nchars, dtype=np.int64),
            quality=np.asarray(self.quality, dtype=np.float64),
            damage=np.asarray(self.damage, dtype=np.float64),
        )
        st.save_json(f"meta/s{i:05d}.ids.json", self.ids)
        st.save_json(f"meta/s{i:05d}.labels.json", self.labels)
        small = self.small
        if cfg.figures > 0:
            flat = np.frombuffer(b"".join(self.figs), dtype=np.uint32)  # value, slot per figure
            counts = [len(b) // 8 for b in self.figs]
            _save_flat(st, f"figures/s{i:05d}", flat[0::2].copy(), counts)
            _save_flat(st, f"slots/s{i:05d}", flat[1::2].copy(), counts)
        if self.shared:
            flat = _line_rows(self.lines, self.line_chars, self.per_char, self.line_counts)
            _save_flat(st, f"lines/s{i:05d}", flat, self.line_counts)
            rows = np.stack([flat >> np.uint64(_LINE_BITS), np.repeat(karr, self.line_counts)], axis=1)
            part = _partition_of(rows[:, 0], cfg.partitions)
            for p in range(cfg.partitions):
                st.save_array(f"linecand/p{p:03d}/s{i:05d}.npy", rows[part == p])
        if cfg.near:
            _save_flat(st, f"shingles/s{i:05d}", np.concatenate(small) if small else np.empty(0, np.uint32),
                       [len(x) for x in small])
            sig_parts = self.sig_parts
            sigs = np.concatenate(sig_parts) if sig_parts else np.empty((0, cfg.num_perm), np.uint32)
            if cfg.verify == "signature":
                st.save_array(f"sigs/s{i:05d}.npy", sigs)
            nonempty = np.fromiter((len(x) > 0 for x in small), dtype=bool, count=len(small))
            bh = band_hashes(sigs[nonempty], cfg.bands, cfg.rows, cfg.seed)
            bkeys = karr[nonempty]
            for b in range(cfg.bands):
                order = np.argsort(bh[:, b], kind="stable")  # sorted by band key: readers slice ranges
                st.save_array(f"bands/b{b:03d}/s{i:05d}.npy", np.stack([bh[order, b], bkeys[order]], axis=1))
        if cfg.exact:
            earr = np.asarray(self.ex, dtype=np.uint64)
            ok = earr != 0
            rows = np.stack([earr[ok], karr[ok]], axis=1)
            part = _partition_of(rows[:, 0], cfg.partitions)
            for p in range(cfg.partitions):
                st.save_array(f"exact/p{p:03d}/s{i:05d}.npy", rows[part == p])
        if cfg.paragraphs:
            # one (hash, key) row per paragraph a document holds, however often it holds it
            prow = np.stack([np.asarray(self.par_hashes, dtype=np.uint64), np.repeat(karr, self.par_counts)], axis=1)
            prow = _unique_rows(prow)
            part = _partition_of(prow[:, 0], cfg.partitions)
            for p in range(cfg.partitions):
                st.save_array(f"para/p{p:03d}/s{i:05d}.npy", prow[part == p])
        return {"docs": len(self.keys)}


def _body_lines(text: str, spans: list[tuple[int, int, int]]) -> tuple[list[int], list[int]]:
    """Hashes and lengths of the body lines (>= ``_BODY_CHARS``) in text order, the first
    ``_LEAD_LINES`` of them without an outlet's dateline (:data:`_DATELINE`), so a copy's lead
    matches the source's; the length is then the rest's, the part another copy can hold."""
    hashes: list[int] = []
    chars: list[int] = []
    for s, e, h in spans:
        if e - s >= _BODY_CHARS:
            if len(hashes) < _LEAD_LINES:
                s, h = _undated(text, s, e, h)
            hashes.append(h)
            chars.append(e - s)
    return hashes, chars


def _undated(text: str, s: int, e: int, h: int) -> tuple[int, int]:
    """Start and hash of line ``text[s:e]`` without a leading dateline (unchanged without one)."""
    m = _DATELINE.match(text, s, e)
    if m is None:
        return s, h
    words = normalize_for_hash(text[m.end() : e]).split()
    if not words:
        return s, h
    return m.end(), xxhash.xxh3_64_intdigest(" ".join(words).encode("utf-8")) or 1


def _line_rows(hashes: list[int], chars: list[int], per_char: list[float], counts: list[int]) -> np.ndarray:
    """Body paragraph rows: the hash's high 48 bits and the paragraph's estimated tokens
    (characters x its document's tokens per character) in the low 16."""
    import numpy as np
    est = np.asarray(chars, dtype=np.float64) * np.repeat(np.asarray(per_char, dtype=np.float64), counts)
    tokens = np.minimum(est.astype(np.uint64), np.uint64(_LINE_TOKENS))
    return (np.asarray(hashes, dtype=np.uint64) & np.uint64(_LINE_HASH)) | tokens


def _unique_rows(rows: np.ndarray) -> np.ndarray:
    """Distinct ``(hash, key)`` rows, sorted (a lexsort: ``np.unique(axis=0)`` compares rows as
    void records, several times slower)."""
    import numpy as np
    if len(rows) < 2:
        return rows
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    return rows[keep]


def _shared_on(cfg: DedupConfig) -> bool:
    """Whether ``SHARED`` is judged (it needs exact verification): paragraph hashes are kept."""
    return cfg.near and cfg.shared_containment > 0 and cfg.verify == "exact"


def _save_flat(st: Store, name: str, flat: np.ndarray, counts: list[int]) -> None:
    """Per-document arrays, concatenated, as ``name.flat.npy`` and offsets ``name.off.npy``."""
    import numpy as np
    off = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=off[1:])
    st.save_array(f"{name}.off.npy", off)
    st.save_array(f"{name}.flat.npy", flat)


def _hash_name(shard: int) -> str:
    return f"hash-{shard:05d}"


@_once(lambda t: _hash_name(t.shard))
def _hash_shard(task: _ShardTask) -> dict[str, Any]:
    """Stage 1 for one shard: per-document hashes, shingles, signatures and band bucket files
    (already done when the segment that wrote the shard's file hashed it: see :class:`_HashPass`)."""
    cfg, i = task.cfg, task.shard
    out = _ShardHashes(cfg)
    view = _hash_view(cfg.hash_view)
    # checked records, not Documents: the hash reads four fields (bad lines are error documents)
    for row, rec in enumerate(read_records(task.path)):
        if type(rec) is not dict or rec["decision"]["status"] != KEPT:
            continue
        if out.add((i << 32) | row, rec["id"], rec["text"], rec["annotations"],
                   None if view is None else view(Document.from_dict(rec)), _source_label(rec)):
            progress.report(_SIG_BATCH)
    progress.report(len(out.batch) if cfg.near else len(out.keys))
    return out.save(task.store, i)


def _source_label(rec: dict[str, Any]) -> str:
    """``source_file:source_line`` of a record as the reader saw it: how a run plans its input
    (files cut into parts, shard order) moves a document's shard and row, never this. "" when
    the record has no source (documents handed to the stage in memory)."""
    meta = rec.get("metadata")
    if type(meta) is not dict:
        return ""
    f, n = meta.get("source_file"), meta.get("source_line")
    return f"{f}:{n}" if type(f) is str and type(n) is int else ""


def _labels_of(dotted: str | None) -> list[str]:
    """The annotation labels :func:`_annotation_in` may read for ``dotted``."""
    if not dotted:
        return []
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


@dataclass(frozen=True)
class _HashPass(_Task):
    """Stage 1 done by the segment that writes the stage's input files (``CorpusStage.
    input_pass``): each kept document is hashed as it is written, and the shard's hash files and
    marker are written after the document file, so the hash task finds its marker and the
    documents are not read back (~40 us each: zstd, ``orjson.loads``, the schema check).

    What is hashed is exactly what the hash task would read back: a document whose in-memory
    record passes the document file's type check (exact ``dict``/``list``/``str``/``int``/
    ``float`` where it looks) reads back with the same id and text; only the annotations the
    keep policy reads are taken through the writer's JSON form (numpy scalars, NaN, sets change
    there). Any other record is judged by the reader's own check of the written line.

    Resume: :meth:`start` deletes the shard's hash marker before anything is written, so a
    segment task that reruns (killed, or its file gone) never leaves a marker vouching for files
    of an earlier attempt; its new marker follows its files."""

    def start(self, shard: int, path: str) -> _HashPassShard:
        _marker(self, _hash_name(shard)).clear()
        labels = sorted({*_labels_of(self.cfg.quality_key), *_labels_of(self.cfg.damage_key)})
        return _HashPassShard(self, shard, Path(path), labels)


class _HashPassShard:
    """One segment task's part of a :class:`_HashPass`."""

    def __init__(self, spec: _HashPass, shard: int, path: Path, labels: list[str]) -> None:
        self.spec, self.shard, self.path, self.labels = spec, shard, path, labels
        self.out = _ShardHashes(spec.cfg)

    def add(self, row: int, rec: dict[str, Any], line: bytes) -> None:
        """The document written as line ``row`` (0-based) of the file: ``rec`` its in-memory
        record, ``line`` the bytes written."""
        if is_plain_document(rec):
            anns = rec["annotations"]
            anns = {k: json_form(anns[k]) for k in self.labels if k in anns}
        else:  # judged as the reader judges the line
            got = check_line(line, self.path, row + 1)
            if type(got) is not dict:
                return
            rec, anns = got, got["annotations"]
        if rec["decision"]["status"] == KEPT:
            self.out.add((self.shard << 32) | row, rec["id"], rec["text"], anns, None, _source_label(rec))

    def commit(self) -> None:
        """After the document file is in place: the hash files, then the marker."""
        spec = self.spec
        with spec.store.synced_at_end():
            res = self.out.save(spec.store, self.shard)
        _marker(spec, _hash_name(self.shard)).write(res)


# ----------------------------------------------------------------------------- stage 2: buckets
# (band, key range) groups one bucket task handles one after the other: memory per task stays
# that of one group (about N * 16 B / partitions), while the number of tasks, their markers and
# candidate files shrink by this factor (108 tiny tasks for 2 workers before)
_GROUPS_PER_TASK = 8


@dataclass(frozen=True)
class _GroupTask(_Task):
    n_shards: int
    index: int  # first group: band * partitions + key range (kind "band"), or partition ("exact")
    kind: str
    count: int = 1  # groups index, index + 1, ..., index + count - 1


def _band_rows(st: Store, cfg: DedupConfig, n_shards: int, index: int,
               opened: dict[str, Any] | None = None) -> np.ndarray:
    """The rows of group ``index`` (band, key range) from every shard's band file. ``opened``
    (one task's) keeps each file's mapping for the task's other key ranges of the same band:
    a task of 8 groups at 4 partitions maps 2 bands' files, not the same files 4 times (a
    mapping costs ~0.2 ms; with 2 workers ~1,250 of them a run, with 1 worker ~400)."""
    import numpy as np
    band, k = divmod(index, cfg.partitions)
    parts = [_band_slice(st, f"bands/b{band:03d}/s{s:05d}.npy", k, cfg.partitions, opened)
             for s in range(n_shards)]
    parts = [x for x in parts if len(x)]
    return np.concatenate(parts) if parts else np.empty((0, 2), dtype=_PAIR_DT)


def _band_slice(store: Store, name: str, k: int, parts: int,
                opened: dict[str, Any] | None = None) -> np.ndarray:
    """Rows of one shard's band file whose band key falls in key range ``k`` of ``parts``.

    Band files are sorted by key, so a task reads only its range: memory per task is about
    ``N * 16 B / parts`` however large the corpus. ``opened``: mappings already made (by name).
    """
    import numpy as np
    rows = None if opened is None else opened.get(name)
    if rows is None:
        if not store.exists(name):
            return np.empty((0, 2), dtype=_PAIR_DT)
        rows = store.load_array(name, mmap=True)
        if opened is not None:
            opened[name] = rows
    if len(rows) == 0:
        return np.empty((0, 2), dtype=_PAIR_DT)
    step = (1 << 64) // parts
    col = rows[:, 0]
    lo = 0 if k == 0 else int(np.searchsorted(col, np.uint64(k * step), side="left"))
    hi = len(rows) if k == parts - 1 else int(np.searchsorted(col, np.uint64((k + 1) * step), side="left"))
    return np.array(rows[lo:hi])


@_once(lambda t: f"{t.kind}-{t.index:04d}" + (f"+{t.count}" if t.count > 1 else ""))
def _group(task: _GroupTask) -> dict[str, Any]:
    """Stage 2: candidate pairs from ``count`` (band, key range) groups, or exact pairs from
    ``count`` partitions, one group at a time. Band groups' pairs go to one candidate file per
    verification partition for the whole task (verification de-duplicates and sorts them)."""
    import numpy as np
    cfg, st = task.cfg, task.store
    found = 0
    if task.kind == "band":
        pairs = []
        opened: dict[str, Any] = {}  # each band file mapped once per task (see _band_rows)
        for index in range(task.index, task.index + task.count):
            got = _star_pairs(_band_rows(st, cfg, task.n_shards, index, opened))
            found += len(got)
            pairs.append(got)
        cand = np.concatenate(pairs)
        part = _partition_of(cand[:, 0] ^ splitmix(cand[:, 1]), cfg.partitions)
        for p in range(cfg.partitions):
            st.save_array(f"cand/p{p:03d}/b{task.index:05d}.npy", cand[part == p])
        return {"pairs": found}
    if task.kind == "line":
        return _line_candidates(task)
    for index in range(task.index, task.index + task.count):
        rows = _load_pairs(st, [f"exact/p{index:03d}/s{s:05d}.npy" for s in range(task.n_shards)])
        pairs = _star_pairs(rows)
        found += len(pairs)
        st.save_arrays(
            f"edges/exact-{index:03d}.npz",
            u=pairs[:, 0], v=pairs[:, 1], sim=np.ones(len(pairs), dtype=np.float32),
        )
    return {"pairs": found}


def _line_candidates(task: _GroupTask) -> dict[str, Any]:
    """Candidate pairs from whole paragraphs held by 2 to ``_LINE_BUCKET_MAX`` documents: a
    truncated or reworked copy sits at Jaccard 0.2-0.5 against its source, where LSH bands
    rarely collide, but keeps several of its paragraphs verbatim."""
    import numpy as np
    cfg, st = task.cfg, task.store
    found = 0
    for index in range(task.index, task.index + task.count):
        rows = _load_pairs(st, [f"linecand/p{index:03d}/s{s:05d}.npy" for s in range(task.n_shards)])
        if len(rows):
            hashes, inverse, counts = np.unique(rows[:, 0], return_inverse=True, return_counts=True)
            rows = rows[counts[inverse.ravel()] <= _LINE_BUCKET_MAX]
        cand = _star_pairs(rows)
        found += len(cand)
        part = _partition_of(cand[:, 0] ^ splitmix(cand[:, 1]), cfg.partitions)
        for p in range(cfg.partitions):
            st.save_array(f"cand/p{p:03d}/l{index:05d}.npy", cand[part == p])
    return {"pairs": found}


def _group_tasks(cfg: DedupConfig, ws: str, fp: str, n: int, kind: str, groups: int) -> list[_GroupTask]:
    return [_GroupTask(cfg, ws, fp, n, i, kind, min(_GROUPS_PER_TASK, groups - i))
            for i in range(0, groups, _GROUPS_PER_TASK)]


# ----------------------------------------------------------------------------- verification
class _Feats:
    """What verification compares of one document: shingles (or its signature), and, when
    stored, its figures and its paragraph hashes."""

    __slots__ = ("sh", "figs", "lines", "slots")

    def __init__(self, sh: np.ndarray, figs: np.ndarray | None, lines: np.ndarray | None,
                 slots: np.ndarray | None = None) -> None:
        self.sh, self.figs, self.lines = sh, figs, lines  # lines: body paragraph hashes in text order
        self.slots = slots  # per figure, its slot (normalize.fact_bytes)


class _Similarity:
    """Lazily memory-maps per-shard shingle (or signature) files to score document pairs."""

    def __init__(self, store: Store, verify: str) -> None:
        self.store = store
        self.verify = verify
        self._shards: dict[int, tuple[np.ndarray, Any]] = {}
        self._exact: dict[int, np.ndarray] = {}
        self._ragged: dict[str, tuple[np.ndarray, np.ndarray] | None] = {}

    def _shard(self, s: int) -> tuple[np.ndarray, Any]:
        got = self._shards.get(s)
        if got is None:
            meta = self.store.load_array(f"meta/s{s:05d}.npz")
            keys = meta["keys"]
            self._exact[s] = meta["exact"]
            if self.verify == "signature":
                data: Any = self.store.load_array(f"sigs/s{s:05d}.npy", mmap=True)
            else:
                # memory-mapped: verification touches only the documents it compares
                data = self._load_ragged(f"shingles/s{s:05d}")
            got = self._shards[s] = (keys, data)
        return got

    def _load_ragged(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        if name not in self._ragged:
            self._ragged[name] = (
                (self.store.load_array(f"{name}.flat.npy", mmap=True), self.store.load_array(f"{name}.off.npy"))
                if self.store.exists(f"{name}.off.npy") else None)
        return self._ragged[name]

    def _row(self, key: int) -> tuple[int, int]:
        import numpy as np
        keys, _ = self._shard(key >> 32)
        return key >> 32, int(np.searchsorted(keys, np.uint64(key)))

    def _slice(self, kind: str, s: int, j: int) -> np.ndarray | None:
        import numpy as np
        got = self._load_ragged(f"{kind}/s{s:05d}")
        if got is None:
            return None
        flat, off = got
        return np.asarray(flat[off[j] : off[j + 1]])

    def features(self, key: int, row: int | None = None) -> _Feats:
        """One document's features (``row``: its position in its shard's files, when known)."""
        import numpy as np
        s, j = self._row(key) if row is None else (key >> 32, row)
        _, data = self._shard(s)
        if self.verify == "signature":
            sh = np.asarray(data[j])
        else:
            flat, off = data
            sh = np.asarray(flat[off[j] : off[j + 1]])
        return _Feats(sh, self._slice("figures", s, j), self._slice("lines", s, j), self._slice("slots", s, j))

    def figures(self, key: int, row: int) -> np.ndarray | None:
        return self._slice("figures", key >> 32, row)

    def slots(self, key: int, row: int) -> np.ndarray | None:
        return self._slice("slots", key >> 32, row)

    def accept(self, a: _Feats, b: _Feats, cfg: DedupConfig) -> tuple[float, bool]:
        """(Jaccard, duplicate?) — see :meth:`judge`, which also says by which criterion."""
        j, why, _ = self.judge(a, b, cfg)
        return j, why is not None

    def judge(self, a: _Feats, b: _Feats, cfg: DedupConfig) -> tuple[float, str | None, float]:
        """Jaccard of two documents, the criterion that makes them duplicates or None, and that
        criterion's value. ``NEAR``: Jaccard at the threshold. Exact verification only:
        ``CONTAINED``, the shorter one nearly contained in the longer at a similar length (a
        copy with a paragraph dropped); ``SHARED``, most of the shorter one's shingles and
        several of its whole paragraphs in the longer at any length ratio (a truncated teaser,
        a copy with its lead and headline rewritten). The length floor of ``CONTAINED`` keeps a
        summary, which reuses its article's phrases, apart from the article; ``SHARED`` does it
        by whole paragraphs. Any criterion fails when the figures disagree (:func:`_figures_agree`)."""
        import numpy as np
        if self.verify == "signature":
            j = self.score(a.sh, b.sh)
            return j, (NEAR if j >= cfg.threshold - 1e-6 else None), j
        la, lb = len(a.sh), len(b.sh)
        if la == 0 and lb == 0:
            return 1.0, NEAR, 1.0
        inter = len(np.intersect1d(a.sh, b.sh, assume_unique=True))
        j = inter / (la + lb - inter)
        lo, hi = min(la, lb), max(la, lb)
        c = inter / lo
        why, value = None, c
        if j >= cfg.threshold - 1e-6:
            why, value = NEAR, j
        elif cfg.containment > 0 and c >= cfg.containment - 1e-6 and lo >= cfg.min_length_ratio * hi:
            why = CONTAINED
        elif (cfg.shared_containment > 0 and c >= min(cfg.shared_containment, _REWRITE_CONTAINMENT) - 1e-6
              and lo >= _SHARED_MIN_RATIO * hi
              and _paragraphs_shared(a, b, inter, c >= cfg.shared_containment - 1e-6)):
            why = SHARED
        if why is not None and not _figures_agree(a.figs, b.figs, cfg.figures, a.slots, b.slots):
            why = None
        return j, why, value

    def score(self, a: np.ndarray, b: np.ndarray) -> float:
        import numpy as np
        if self.verify == "signature":
            if a[0] == 0xFFFFFFFF or b[0] == 0xFFFFFFFF:
                return 0.0
            return float(np.count_nonzero(a == b)) / len(a)
        return exact_jaccard(a, b)

    def exact_hash(self, key: int) -> int:
        s, j = self._row(key)
        return int(self._exact[s][j])

    def pair(self, u: int, v: int, cfg: DedupConfig) -> tuple[float, bool]:
        eu = self.exact_hash(u)
        if eu and eu == self.exact_hash(v):
            return 1.0, True  # same normalised token stream: no need to compare shingles
        return self.accept(self.features(u), self.features(v), cfg)


def _figures_agree(a: np.ndarray | None, b: np.ndarray | None, share: float,
                   sa: np.ndarray | None = None, sb: np.ndarray | None = None) -> bool:
    """False when both documents carry at least ``_MIN_FIGURES`` distinct figures and fewer than
    ``share`` of the smaller set occur in the other: the same template filled in on two days.
    A copy keeps its figures (a truncated one a subset); a re-crawl changes a counter or two.
    With the figures' slots (``sa``, ``sb``), also false when the figures, aligned in text order,
    show a changed fact (:func:`_facts_changed`)."""
    if share <= 0 or a is None or b is None or (len(a) == len(b) and a.tobytes() == b.tobytes()):
        return True
    al, bl = a.tolist(), b.tolist()
    fa, fb = {x & FACT_VALUE for x in al}, {x & FACT_VALUE for x in bl}  # a few dozen: sets beat numpy
    lo = min(len(fa), len(fb))
    if lo >= _MIN_FIGURES and len(fa & fb) < share * lo - 1e-9:
        return False
    if sa is None or sb is None:
        return True
    return not _facts_changed(_slotted(al, sa.tolist()), _slotted(bl, sb.tolist()), fa, fb)


def _facts_changed(ba: list[tuple[int, int, int]], bb: list[tuple[int, int, int]], fa: set[int],
                   fb: set[int]) -> bool:
    """Whether two documents' body figures (:func:`_slotted`: value, slot, rank; text order),
    aligned, hold at least ``_CHANGED_FACTS`` places where each has, in the same slot, a figure the
    other lacks (``fa``, ``fb``: all their values): one template filled with another date, hour
    or amount. A copy drops or adds figures (a truncated copy, an editor's line, a figure in
    words), reorders paragraphs (the figure is still in the other), re-dates its dateline or
    "updated" line (near a line start) or links its source (``normalize.fact_bytes`` flags both);
    two copies that dropped different paragraphs or were cut differently (a teaser) have other
    slots there."""
    if not any(x not in fb for x, _, _ in ba) or not any(y not in fa for y, _, _ in bb):
        return False
    from difflib import SequenceMatcher  # only for candidate pairs with figures of their own

    sa, sb = set(ba), set(bb)
    changed = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ba, bb, autojunk=False).get_opcodes():
        if op == "replace":
            pairs = zip(ba[i1:i2], bb[j1:j2])  # noqa: B905 - the shorter run pairs
            changed += sum(x not in sb and y not in sa and x[1:] == y[1:] for x, y in pairs)
    return changed >= _CHANGED_FACTS


def _slotted(values: list[int], slots: list[int]) -> list[tuple[int, int, int]]:
    """The body figures (not flagged by ``fact_bytes``) as (value, slot, rank), rank = how many
    figures right before it share its slot: the day, month and year of "pada Selasa (1/8/2023)"
    are three places of one slot, so a day that equals another's month is not the same fact."""
    out: list[tuple[int, int, int]] = []
    prev, rank = -1, 0
    for x, c in zip(values, slots):  # noqa: B905
        rank = rank + 1 if c == prev else 0
        prev = c
        if not x & FACT_HEAD:
            out.append((x, c, rank))
            if len(out) == _FACTS_ALIGNED:
                break
    return out


def _paragraphs_shared(a: _Feats, b: _Feats, inter: int, contained: bool = True) -> bool:
    """At least ``_SHARED_LINES`` whole paragraphs in common, at least ``_SHARED_LINE_SHARE`` of
    the paragraphs of the document with fewer, and the first one in common among the first
    ``_LEAD_LINES`` paragraphs of both at most ``_LEAD_SHIFT`` places apart; and the rest of the
    shorter document (``inter``: its shingles in the other) echoes the other (:func:`_rest_echoes`)
    or is a rewritten lead (:func:`_lead_rewritten`, the only way when not ``contained``: the
    containment is under ``shared_containment``)."""
    if a.lines is None or b.lines is None:
        return False
    la = [x >> _LINE_BITS for x in a.lines.tolist()]  # a dozen paragraphs: plain sets
    lb = [x >> _LINE_BITS for x in b.lines.tolist()]
    sa, sb = set(la), set(lb)
    common = sa & sb
    k = len(common)
    if k < _SHARED_LINE_SHARE * min(len(sa), len(sb)) or (k < _SHARED_LINES and not contained):
        return False
    ia = next((n for n, h in enumerate(la[:_LEAD_LINES]) if h in common), None)
    ib = next((n for n, h in enumerate(lb[:_LEAD_LINES]) if h in common), None)
    if ia is None or ib is None or abs(ia - ib) > _LEAD_SHIFT:
        return False
    a_short = len(a.sh) <= len(b.sh)
    short, long_ = (la, lb) if a_short else (lb, la)
    anchors = _anchors(short, long_, common)
    fs, fl = (a, b) if a_short else (b, a)
    if k < _SHARED_LINES:
        return _teaser(fs, short, anchors, inter)
    if _gap_excess(anchors) > _GAP_EXCESS or _follows_up(fs, fl, anchors):
        return False
    return (contained and _rest_echoes(fs, short, anchors, inter)) or _lead_rewritten(short, long_, anchors)


def _teaser(short: _Feats, hashes: list[int], anchors: list[tuple[int, int]], inter: int) -> bool:
    """Whether the shorter document, holding one whole paragraph of the other, is its teaser: that
    paragraph is the first body paragraph of both (the lead), the teaser has a body paragraph
    after it and at most :data:`_TEASER_LINES` (the lead, the next one cut mid-sentence, a "read
    more" link), and what it has besides the lead is mostly in the other (:data:`_TEASER_ECHO`: a
    cut paragraph is a prefix of the other's, a link's slug its headline). A one-paragraph
    summary that is the article's lead or another paragraph of it (IndoSum, set 13) has nothing
    after it; a brief of the same event that re-uses a wire lead goes on with a paragraph of its
    own, which the other does not hold."""
    if anchors[0] != (0, 0) or not 2 <= len(hashes) <= _TEASER_LINES:
        return False
    weight = max(0, (int(short.lines[0]) & _LINE_TOKENS) - 4)
    rest = len(short.sh) - weight
    return rest <= 0 or inter - weight >= _TEASER_ECHO * rest


def _anchors(short: list[int], long_: list[int], common: set[int]) -> list[tuple[int, int]]:
    """``(place in the shorter, place in the longer)`` of the paragraphs in common, in the
    shorter one's order, each at its first place in the longer."""
    pos: dict[int, int] = {}
    for n, h in enumerate(long_):
        pos.setdefault(h, n)
    anchors: list[tuple[int, int]] = []
    for n, h in enumerate(short):
        if h in common and (not anchors or anchors[-1][1] != pos[h]):
            anchors.append((n, pos[h]))
    return anchors


def _gap_excess(anchors: list[tuple[int, int]]) -> int:
    """Body paragraphs the longer document has between two paragraphs in common beyond those the
    shorter has there. A copy drops or merges a paragraph or two; an article that quotes
    another's paragraphs far apart has its own story between them."""
    return sum(max(0, (l1 - l0) - (s1 - s0)) for (s0, l0), (s1, l1) in zip(anchors, anchors[1:], strict=False))


def _follows_up(short: _Feats, long_: _Feats, anchors: list[tuple[int, int]]) -> bool:
    """Whether the longer document is a follow-up of the shorter: both open with paragraphs of
    their own (of at least :data:`_OPENING_TOKENS` tokens: a long headline is not one) before
    the first one in common, the shorter with more (the longer re-tells its lead in fewer; a
    crawl that lost the lead has none), and the longer goes on after the last one in common for more than
    :data:`_FOLLOW_TAIL` times the paragraphs in common (and more than a copy adds,
    :data:`_GAP_EXCESS`, beyond the shorter's own tail): most of it is new. A truncated copy
    keeps 40-65% of its source's paragraphs, its lead where the source's is, so what its
    source has after them is at most about 1.5 times what they share."""
    (s0, l0), (s1, l1) = anchors[0], anchors[-1]
    n_long = len(long_.lines)
    tail = n_long - 1 - l1
    if tail <= max(_FOLLOW_TAIL * len(anchors), len(short.lines) - 1 - s1 + _GAP_EXCESS):
        return False
    own_s = sum((x & _LINE_TOKENS) >= _OPENING_TOKENS for x in short.lines[:s0].tolist())
    own_l = sum((x & _LINE_TOKENS) >= _OPENING_TOKENS for x in long_.lines[:l0].tolist())
    return 0 < own_l < own_s


def _lead_rewritten(short: list[int], long_: list[int], anchors: list[tuple[int, int]]) -> bool:
    """Whether the shorter document is the longer one with its lead rewritten: each opens with
    exactly one body paragraph of its own, then the paragraphs in common follow as one unbroken
    run (at least :data:`_REWRITE_RUN`) at the same places in both, and the shorter stops there
    (the longer may keep :data:`_LEAD_SHIFT` more). A same-event article that re-uses an
    article's paragraphs frames them with more of its own: a second paragraph before them,
    paragraphs between or after them (the echo check, :func:`_rest_echoes`, judges those)."""
    if len(anchors) < _REWRITE_RUN or anchors[0] != (1, 1):
        return False
    if any(s != at or s != k + 1 for k, (s, at) in enumerate(anchors)):
        return False
    last = anchors[-1][0]
    return last == len(short) - 1 and len(long_) - 1 - last <= _LEAD_SHIFT


def _rest_echoes(short: _Feats, hashes: list[int], anchors: list[tuple[int, int]], inter: int) -> bool:
    """Whether what the shorter document has besides the paragraphs in common is mostly in the
    other too. A copy's other paragraphs are the same paragraphs edited (a rewritten lead, typos,
    a merged or truncated paragraph); a same-event article that re-uses quote or background
    paragraphs writes its own lead and framing, which the other does not hold; when (nearly)
    every body paragraph of the shorter one is in common it has none (:data:`_OWN_BODY`). A
    paragraph in common holds about (its tokens - 4) shingles of its own, 4 more that reach into the next
    paragraph when that one follows it in both documents."""
    tokens = [x & _LINE_TOKENS for x in short.lines.tolist()]
    held = {s0 for s0, _ in anchors}
    if sum(t for n, t in enumerate(tokens) if n not in held) <= _OWN_BODY * sum(tokens):
        return True  # no body of its own: the rest is a headline, captions, a source line
    weight = 0  # shingles of the shorter one that paragraphs in common account for
    for k, (s0, l0) in enumerate(anchors):
        weight += max(0, tokens[s0] - 4)
        if k + 1 < len(anchors) and anchors[k + 1] == (s0 + 1, l0 + 1):
            weight += 4
    rest = len(short.sh) - weight
    return rest <= 0 or inter - weight >= _REST_ECHO * rest


@dataclass(frozen=True)
class _VerifyTask(_Task):
    partition: int


@_once(lambda t: f"verify-{t.partition:03d}")
def _verify(task: _VerifyTask) -> dict[str, Any]:
    """Stage 3: keep the candidate pairs of one partition that :meth:`_Similarity.accept` calls
    duplicates (Jaccard at the threshold, or containment at a similar length)."""
    import numpy as np
    cfg, st, p = task.cfg, task.store, task.partition
    cand = _load_pairs(st, st.glob(f"cand/p{p:03d}/*.npy"))
    cand = np.unique(cand, axis=0) if len(cand) else cand
    sim = _Similarity(st, cfg.verify)
    judged = [sim.pair(int(u), int(v), cfg) for u, v in cand]
    scores = np.fromiter((j for j, _ in judged), dtype=np.float32, count=len(cand))
    ok = np.fromiter((a for _, a in judged), dtype=bool, count=len(cand))
    st.save_arrays(f"edges/near-{p:03d}.npz", u=cand[ok, 0], v=cand[ok, 1], sim=scores[ok])
    return {"candidates": len(cand), "verified": int(ok.sum())}


# ----------------------------------------------------------------------------- stage 4: cluster
@dataclass(frozen=True)
class _ComponentsTask(_Task):
    """Components over every verified pair: one task."""


def _fmt_key(key: int) -> str:
    return f"{key >> 32:05d}:{key & 0xFFFFFFFF}"


@_once(lambda t: "components")
def _components(task: _ComponentsTask) -> dict[str, Any]:
    """Stage 4a (one task, numpy arrays only): connected components over all verified pairs.

    Writes, per partition of component roots, rows ``(root key, member key)``: a component's
    members land in one partition, so the keep policy (4b) runs per partition. The root is the
    smallest key of the component, which is also its cluster id. Memory is about 40 B per edge
    and per clustered document, the only dedup task that grows with the corpus (like datatrove's
    single clustering task); everything per document happens in 4b.
    """
    import numpy as np
    cfg, st = task.cfg, task.store
    us, vs = [], []
    for f in st.glob("edges/*.npz"):
        z = st.load_array(f)
        us.append(z["u"])
        vs.append(z["v"])
    u = np.concatenate(us) if us else np.empty(0, np.uint64)
    v = np.concatenate(vs) if vs else np.empty(0, np.uint64)
    del us, vs
    nodes = np.unique(np.concatenate([u, v]))
    labels = components(len(nodes), np.searchsorted(nodes, u), np.searchsorted(nodes, v))
    roots = nodes[labels]
    part = _partition_of(roots, cfg.partitions) if len(roots) else np.empty(0, np.int64)
    for p in range(cfg.partitions):
        sel = part == p
        st.save_array(f"comp/p{p:03d}.npy", np.stack([roots[sel], nodes[sel]], axis=1))
    return {"edges": len(u), "clustered": len(nodes)}


@dataclass(frozen=True)
class _PartitionTask(_Task):
    """One partition's task (keep policy, paragraph counts): reads every shard's files of it."""

    n_shards: int
    partition: int


@dataclass
class _Members:
    """The clustered documents of one partition (sorted by key) and what the keep policy reads."""

    roots: np.ndarray
    keys: np.ndarray
    exact: np.ndarray
    nchars: np.ndarray
    quality: np.ndarray
    damage: np.ndarray
    ids: list[str]
    rows: np.ndarray  # position in its shard's files
    labels: list[str] | None = None  # cluster labels (:func:`_source_label`, else shard:row)

    def label(self, i: int) -> str:
        """Member ``i``'s label in ``cluster_id`` / ``kept_key``: its source file and line,
        so the same whatever the plan; ``shard:row`` for a document read from no file."""
        got = self.labels[i] if self.labels is not None else ""
        return got or _fmt_key(int(self.keys[i]))


def _gather_members(store: Store, rows: np.ndarray) -> _Members:
    """Member attributes, read shard by shard for this partition's clustered documents only."""
    import numpy as np
    rows = rows[np.argsort(rows[:, 1], kind="stable")] if len(rows) else rows
    roots, keys = rows[:, 0], rows[:, 1]
    n = len(keys)
    m = _Members(roots, keys, np.zeros(n, np.uint64), np.zeros(n, np.int64), np.zeros(n, np.float64),
                 np.zeros(n, np.float64), [""] * n, np.zeros(n, np.int64), [""] * n)
    shard_of = (keys >> np.uint64(32)).astype(np.int64)
    for s in np.unique(shard_of):
        sel = np.flatnonzero(shard_of == s)
        meta = store.load_array(f"meta/s{int(s):05d}.npz")
        pos = np.searchsorted(meta["keys"], keys[sel])
        m.exact[sel] = meta["exact"][pos]
        m.nchars[sel] = meta["nchars"][pos]
        m.quality[sel] = meta["quality"][pos]
        m.damage[sel] = meta["damage"][pos]
        m.rows[sel] = pos
        shard_ids = store.load_json(f"meta/s{int(s):05d}.ids.json")
        name = f"meta/s{int(s):05d}.labels.json"
        shard_labels = store.load_json(name) if store.exists(name) else None
        for j, q in zip(sel.tolist(), pos.tolist(), strict=True):
            m.ids[j] = shard_ids[q]
            if shard_labels is not None:
                m.labels[j] = shard_labels[q]
    return m


def _keep_order(m: _Members) -> np.ndarray:
    """Members grouped by component, each component in keep order: best quality, least damage,
    longest, id, key. Only the order within a component matters, so ranks are partition-local."""
    import numpy as np
    n = len(m.keys)
    if not n:
        return np.empty(0, np.int64)
    _, id_rank = np.unique(np.asarray(m.ids, dtype=object), return_inverse=True)
    return np.lexsort((np.arange(n), id_rank, -m.nchars, m.damage, -m.quality, m.roots))


def _judge_component(members: list[int], m: _Members, sim: _Similarity, cfg: DedupConfig,
                     size: int) -> list[dict[str, Any]]:
    """The keep policy for one component, members in keep order: each is kept unless it matches
    an earlier kept member (exact hash, or Jaccard/containment), or, a copy of a copy, a member
    removed as a copy of a kept one whose figures agree with it (:func:`_bridge`); then it is
    recorded against that kept member with its similarity to the copy. A chain A~B~C holds at
    most one ``SHARED`` match: C goes with A through B when B is a close copy of A (exact,
    ``NEAR``, ``CONTAINED``), or when B shares paragraphs with A and C is a close copy of B. When
    a sweep keeps several members and found such links, a second sweep lets a member use the
    links found after it too (:func:`_sweep`): whether B is a copy of A does not depend on the
    keep order, so neither does C's bridge through it."""
    cluster_id = m.label(min(members, key=lambda i: int(m.keys[i])))  # the root: smallest key
    feats: dict[int, _Feats] = {}

    def feat(i: int) -> _Feats:
        f = feats.get(i)
        if f is None:
            f = feats[i] = sim.features(int(m.keys[i]), int(m.rows[i]))
        return f

    judged = _JudgeMemo(sim)
    out, bridges, kept = _sweep(members, m, judged, cfg, feat, ())
    if kept > 1 and bridges:
        out, _, _ = _sweep(members, m, judged, cfg, feat, bridges)
    for entry in out:
        entry.update(cluster_id=cluster_id, cluster_size=size)
    return out


class _JudgeMemo:
    """:meth:`_Similarity.judge` remembered per pair of one component's feature objects (cached by
    the component, so alive and distinct while it is judged): the second sweep asks again what
    the first asked, and a member's links are judged once however many bridges reach it."""

    def __init__(self, sim: _Similarity) -> None:
        self.sim = sim
        self.memo: dict[tuple[int, int], tuple[float, str | None, float]] = {}

    def judge(self, a: _Feats, b: _Feats, cfg: DedupConfig) -> tuple[float, str | None, float]:
        key = (id(a), id(b))
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self.sim.judge(a, b, cfg)
        return got

    def figures(self, key: int, row: int) -> np.ndarray | None:
        return self.sim.figures(key, row)

    def slots(self, key: int, row: int) -> np.ndarray | None:
        return self.sim.slots(key, row)


def _sweep(members: list[int], m: _Members, sim: _JudgeMemo, cfg: DedupConfig,
           feat: Callable[[int], _Feats], found: Sequence[_Link]
           ) -> tuple[list[dict[str, Any]], list[_Link], int]:
    """One pass of :func:`_judge_component`'s policy: the decisions, the links it found
    (:data:`_Link`: a removed member, a kept member it matched, whether the chain holds a SHARED
    match) and how many it kept. ``found``: an earlier sweep's links, usable by a member when
    their kept member is already kept here and neither end is the member itself."""
    keepers: list[int] = []
    kept_set: set[int] = set()
    bridges: list[_Link] = []
    by_exact: dict[int, int] = {}
    out = []
    for i in members:
        key = int(m.keys[i])
        entry: dict[str, Any] = {"row": key & 0xFFFFFFFF}
        e = int(m.exact[i])
        match, best, crit = None, -1.0, NEAR
        links: list[_Link] = []
        k0 = by_exact.get(e) if e else None
        if k0 is not None and _exact_figures_agree(sim, m, i, k0, cfg):
            match, best, crit = k0, 1.0, EXACT
            links.append((i, k0, False))
        elif cfg.near:
            f = feat(i)
            match, crit, crit_value, links = _match_keepers(i, f, keepers[: cfg.max_keepers], feat, sim, cfg)
            if match is None:
                usable = bridges + [b for b in found if b[1] in kept_set and i not in b[:2]]
                match, crit, crit_value, links = _bridge(i, f, usable[: cfg.max_keepers], feat, sim, cfg)
            if match is not None:
                best = crit_value
        if match is None:
            keepers.append(i)
            kept_set.add(i)
            if e:
                by_exact.setdefault(e, i)
            entry["status"] = "kept"
        else:
            bridges.extend(links)
            entry.update(status="removed", reason=crit, kept_id=m.ids[match],
                         kept_key=m.label(match), similarity=round(best, 6))
        out.append(entry)
    return out, bridges, len(keepers)


def _exact_figures_agree(sim: _JudgeMemo, m: _Members, i: int, k: int, cfg: DedupConfig) -> bool:
    """:func:`_figures_agree` of two members with one exact hash (digits fold: two days of one
    template can be the same text)."""
    ki, kk, ri, rk = int(m.keys[i]), int(m.keys[k]), int(m.rows[i]), int(m.rows[k])
    return _figures_agree(sim.figures(ki, ri), sim.figures(kk, rk), cfg.figures, sim.slots(ki, ri), sim.slots(kk, rk))


# a removed member, a kept member it is a copy of, and whether that chain holds a SHARED match
_Link = tuple[int, int, bool]


def _match_keepers(i: int, f: _Feats, keepers: list[int], feat: Callable[[int], _Feats], sim: _JudgeMemo,
                   cfg: DedupConfig) -> tuple[int | None, str, float, list[_Link]]:
    """The most similar kept member a document matches (with the criterion and its value) and a
    link to every kept member it matches: which one is the best does not change what it is a
    copy of, so a later member may bridge through it to any of them."""
    match, best, crit, crit_value = None, -1.0, NEAR, 0.0
    links: list[_Link] = []
    for k in keepers:
        j, why, value = sim.judge(f, feat(k), cfg)
        if why is not None:
            links.append((i, k, why == SHARED))
            if j > best:
                match, best, crit, crit_value = k, j, why, value
    return match, crit, crit_value, links


def _bridge(i: int, f: _Feats, bridges: list[_Link], feat: Callable[[int], _Feats], sim: _JudgeMemo,
            cfg: DedupConfig) -> tuple[int | None, str, float, list[_Link]]:
    """The kept member a document is a copy of through a removed copy of it it matches (the most
    similar such copy), with the criterion and value of that match and the link it makes;
    ``(None, NEAR, 0, [])`` if none. A partner's copy of a truncated copy may no longer resemble
    the original directly. A chain holds at most one SHARED match: through a member removed by
    SHARED only a close copy of it (exact, NEAR, CONTAINED) follows; SHARED alone is the weakest
    evidence, and two of them could join two articles that only share paragraphs with a third.
    Nor does a bridge join two documents that each hold its member plus a story of their own
    (:func:`_extends`)."""
    match, best, crit, crit_value, via = None, -1.0, NEAR, 0.0, False
    for r, k, shared in bridges:
        fr = feat(r)
        j, why, value = sim.judge(f, fr, cfg)
        if why is None or (shared and why == SHARED) or j <= best:
            continue
        if why != NEAR and _extends(f, fr) and _extends(feat(k), fr):
            continue  # two stories of their own around one member they both hold
        if _figures_agree(f.figs, feat(k).figs, cfg.figures, f.slots, feat(k).slots):
            match, best, crit, crit_value, via = k, j, why, value, shared or why == SHARED
    return match, crit, crit_value, ([] if match is None else [(i, match, via)])


def _extends(f: _Feats, via: _Feats) -> bool:
    """Whether a document is the member a bridge goes through plus a story of its own: it is the
    longer one, most of its paragraphs are not in that member, and its shingles are not nearly
    all in it (:data:`_OWN_SHINGLES`). When both ends of a bridge do, they are two follow-ups
    that re-tell one first story, not copies of each other; a copy of a copy adds a headline or
    a paragraph at most, and an original holds its truncated copy. A copy cut one sentence a
    line (a mobile / AMP extraction) has none of its paragraphs in the member, but its words
    are: paragraph hashes alone would read its re-cut as a story of its own."""
    import numpy as np
    if len(f.sh) <= len(via.sh) or f.lines is None or via.lines is None:
        return False
    mine = {x >> _LINE_BITS for x in f.lines.tolist()}
    common = len(mine & {x >> _LINE_BITS for x in via.lines.tolist()})
    if len(mine) - common <= common:
        return False
    inside = len(np.intersect1d(f.sh, via.sh))  # a rare path: not assuming unique costs nothing
    return inside < _OWN_SHINGLES * len(np.unique(f.sh))


@_once(lambda t: f"decide-{t.partition:03d}")
def _decide_partition(task: _PartitionTask) -> dict[str, Any]:
    """Stage 4b (one task per partition of components): the keep policy, per-shard decisions.

    Memory is bounded by the partition's clustered documents, not the corpus."""
    import numpy as np
    cfg, st, p = task.cfg, task.store, task.partition
    m = _gather_members(st, st.load_array(f"comp/p{p:03d}.npy"))
    order = _keep_order(m)
    sim = _Similarity(st, cfg.verify)
    decisions: dict[int, list[dict[str, Any]]] = {}
    counts = {EXACT: 0, NEAR: 0, CONTAINED: 0, SHARED: 0}
    bounds = np.flatnonzero(np.diff(m.roots[order])) + 1 if len(order) else np.empty(0, np.int64)
    for comp in np.split(order, bounds) if len(order) else []:
        members = comp.tolist()
        for i, entry in zip(members, _judge_component(members, m, sim, cfg, len(comp)), strict=True):
            decisions.setdefault(int(m.keys[i]) >> 32, []).append(entry)
            if entry["status"] == "removed":
                counts[entry["reason"]] += 1
    removed = []
    for s in range(task.n_shards):
        entries = sorted(decisions.get(s, []), key=lambda d: d["row"])
        st.save_json(f"decisions/p{p:03d}/s{s:05d}.json", entries)
        removed.extend((s << 32) | d["row"] for d in entries if d["status"] == "removed")
    st.save_array(f"removed/p{p:03d}.npy", np.asarray(sorted(removed), dtype=np.uint64))
    return {"clustered": len(m.keys), "removed_exact": counts[EXACT],
            "removed_near": counts[NEAR] + counts[CONTAINED] + counts[SHARED]}


# ----------------------------------------------------------------------------- stage 5: paragraphs
@_once(lambda t: f"para-{t.partition:03d}")
def _para_counts(task: _PartitionTask) -> dict[str, Any]:
    """Stage 5: paragraph hashes found in at least ``paragraph_min_docs`` surviving documents."""
    import numpy as np
    cfg, st, p = task.cfg, task.store, task.partition
    rows = _load_pairs(st, [f"para/p{p:03d}/s{s:05d}.npy" for s in range(task.n_shards)])
    removed = _load_keys(st, st.glob("removed/p*.npy"))
    if len(rows) and len(removed):
        rows = rows[~np.isin(rows[:, 1], removed)]
    hashes, counts = np.unique(rows[:, 0], return_counts=True)
    frequent = hashes[counts >= cfg.paragraph_min_docs]
    st.save_array(f"para_frequent/p{p:03d}.npy", frequent)
    # the documents holding one of them: the filter hashes only these documents' paragraphs again
    holders = np.unique(rows[np.isin(rows[:, 0], frequent), 1]) if len(frequent) else np.empty(0, np.uint64)
    st.save_array(f"para_frequent/holders-p{p:03d}.npy", holders.astype(np.uint64))
    return {"paragraphs": len(hashes), "frequent": len(frequent)}


# ----------------------------------------------------------------------------- stage 6: filter
@dataclass(frozen=True)
class _FilterTask(_Task):
    shard: int
    path: str
    output: str


def _frequent_paragraphs(cfg: DedupConfig, store: Store) -> set[int]:
    frequent: set[int] = set()
    if cfg.paragraphs:
        for p in range(cfg.partitions):
            frequent.update(store.load_array(f"para_frequent/p{p:03d}.npy").tolist())
    return frequent


def _paragraph_holders(cfg: DedupConfig, store: Store) -> set[int] | None:
    """Keys of the documents holding a frequent paragraph (the other documents' paragraph
    removals are empty: the filter need not hash their lines again); None when a partition's
    list is missing (scratch of an earlier version): then every document is checked."""
    holders: set[int] = set()
    for p in range(cfg.partitions):
        name = f"para_frequent/holders-p{p:03d}.npy"
        if not store.exists(name):
            return None
        holders.update(store.load_array(name).tolist())
    return holders


def _frequent_for(frequent: set[int], holders: set[int] | None, key: int) -> AbstractSet[int]:
    """``frequent`` for a document that may hold a frequent paragraph, else an empty set."""
    return frequent if holders is None or key in holders else _NONE_FREQUENT


_NONE_FREQUENT: frozenset[int] = frozenset()


def _decide(doc: Document, d: dict[str, Any] | None, frequent: AbstractSet[int], cfg: DedupConfig,
            stats: StepStats) -> None:
    """Apply one document's cluster decision and frequent-paragraph removals (in place)."""
    label = cfg.label
    stats.docs_in += 1
    if d is not None and d["status"] == "removed":
        doc.annotate(label, cluster_id=d["cluster_id"], cluster_size=d["cluster_size"],
                     kept_id=d["kept_id"], kept_key=d["kept_key"], similarity=d["similarity"])
        limit = {CONTAINED: cfg.containment, SHARED: cfg.shared_containment}.get(d["reason"], cfg.threshold)
        doc.reject(label, d["reason"], d["similarity"], limit)
        stats.rejected[d["reason"]] += 1
        return
    if d is not None:
        doc.annotate(label, cluster_id=d["cluster_id"], cluster_size=d["cluster_size"])
    if frequent:
        reps, hits = paragraph_removals(doc.text, frequent, cfg.paragraph_min_chars)
        if reps:
            stats.edits["dedup:paragraph"] += doc.apply(label, reps)
            doc.annotate(label, paragraphs_removed=hits)
            if not hash_tokens(doc.text):
                doc.reject(label, PARAGRAPHS_ONLY, hits, cfg.paragraph_min_docs)
                stats.rejected[PARAGRAPHS_ONLY] += 1
                return
    stats.docs_out += 1


@dataclass(frozen=True)
class _Finisher(_Task):
    """Stage 6 deferred into the segment after the stage (``ctx.defer``): the same decisions as
    :func:`_filter_shard`, applied to the documents that segment reads from the stage's input
    file, so the filter's document file is never written and read back."""

    def ready(self) -> bool:
        """Every keep and paragraph task's marker is still in the scratch folder."""
        names = [f"decide-{p:03d}" for p in range(self.cfg.partitions)]
        if self.cfg.paragraphs:
            names += [f"para-{p:03d}" for p in range(self.cfg.partitions)]
        return all(_marker(self, n).result() is not None for n in names)

    def run(self, shard: int, docs: Iterable[Document], stats: StepStats) -> Iterator[Document]:
        t0 = time.perf_counter()
        st = self.store
        decisions = {d["row"]: d for f in st.glob(f"decisions/p*/s{shard:05d}.json") for d in st.load_json(f)}
        frequent = _frequent_paragraphs(self.cfg, st)
        holders = _paragraph_holders(self.cfg, st) if frequent else None
        stats.seconds += time.perf_counter() - t0
        for row, doc in enumerate(docs):
            if doc.decision.status == KEPT:
                t0 = time.perf_counter()
                freq = _frequent_for(frequent, holders, (shard << 32) | row)
                _decide(doc, decisions.get(row), freq, self.cfg, stats)
                stats.seconds += time.perf_counter() - t0
            yield doc


def _filter_shard(task: _FilterTask) -> dict[str, Any]:
    """Stage 6: apply decisions and paragraph removals to one shard; write every document, in
    input order and streaming, with its decision to the shard's output document file."""
    cfg, st, i = task.cfg, task.store, task.shard
    marker = _marker(task, f"filter-{i:05d}")
    if (res := marker.result()) is not None:
        return res
    t0 = time.perf_counter()
    decisions = {d["row"]: d for f in st.glob(f"decisions/p*/s{i:05d}.json") for d in st.load_json(f)}
    frequent = _frequent_paragraphs(cfg, st)
    holders = _paragraph_holders(cfg, st) if frequent else None
    stats = StepStats()

    def documents() -> Iterator[Document]:
        for row, doc in enumerate(read_docs(task.path)):
            if doc.decision.status == KEPT:
                _decide(doc, decisions.get(row), _frequent_for(frequent, holders, (i << 32) | row), cfg, stats)
            yield doc

    write_docs(task.output, documents())
    stats.seconds = time.perf_counter() - t0
    res = stats.to_dict()
    marker.write(res, [task.output])
    return res


# ----------------------------------------------------------------------------- the stage
class Dedup(DeferringStage):
    """Exact, MinHash near-duplicate and paragraph dedup across all shards of a corpus."""

    name = "dedup"

    PROVIDES = ("cluster_id", "cluster_size", "kept_id", "kept_key", "similarity", "paragraphs_removed")

    @dataclass(frozen=True, kw_only=True)
    class Config(CorpusStage.Config):
        """The stage's parameters (``DedupConfig`` is what its tasks get, with bands/rows and
        partitions resolved). ``quality_key``/``damage_key`` name numeric annotations for the
        keep policy; set explicitly, an earlier step must write them (checked when the pipeline
        is built). ``damage_key`` unset reads ``repair.mt_damage`` where a document has it."""

        threshold: float = 0.7
        containment: float = 0.85
        min_length_ratio: float = 0.6
        shared_containment: float = 0.7
        figures: float = 0.6
        hash_view: str = "text"
        num_perm: int = 128
        ngram: int = 5
        bands: int | None = None
        rows: int | None = None
        candidate_margin: float = 0.1
        seed: int = 42
        exact: bool = True
        near: bool = True
        verify: str = "exact"
        paragraphs: bool = True
        paragraph_min_docs: int = 10
        paragraph_min_chars: int = 30
        partitions: int | None = None
        quality_key: str | None = None
        damage_key: str | None = None
        max_keepers: int = 64

        def __post_init__(self) -> None:
            if not 0.0 < self.threshold <= 1.0:
                raise ValueError("threshold must be in (0, 1]")
            if self.verify not in ("exact", "signature"):
                raise ValueError("verify must be 'exact' or 'signature'")
            if not all(0.0 <= x <= 1.0 for x in (self.containment, self.min_length_ratio,
                                                  self.shared_containment, self.figures)):
                raise ValueError("containment, min_length_ratio, shared_containment and figures must be in [0, 1]")
            if self.hash_view not in HASH_VIEWS:
                raise ValueError(f"hash_view must be one of {HASH_VIEWS}")
            if (self.bands is None) != (self.rows is None):
                raise ValueError("give both bands and rows, or neither (then they are optimised)")
            if self.bands is not None and self.rows is not None and self.bands * self.rows > self.num_perm:
                raise ValueError(f"bands*rows={self.bands * self.rows} exceeds num_perm={self.num_perm}")
            if self.paragraph_min_docs < 2 or self.paragraph_min_chars < 1:
                raise ValueError("paragraph_min_docs must be >= 2 and paragraph_min_chars >= 1")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        bands, rows = c.bands, c.rows
        if bands is None or rows is None:
            target = c.threshold - c.candidate_margin
            if c.containment > 0:  # contained copies sit at Jaccard ~0.5-0.7: make them candidates
                target = min(target, _CONTAINMENT_CANDIDATES)
            target = min(max(target, 0.05), 0.99)
            bands, rows = optimal_params(round(target, 4), c.num_perm)
        self.partitions = c.partitions
        self.cfg = DedupConfig(
            label=self.label, threshold=c.threshold, containment=c.containment,
            min_length_ratio=c.min_length_ratio, shared_containment=c.shared_containment,
            figures=c.figures, hash_view=c.hash_view, num_perm=c.num_perm,
            ngram=c.ngram, bands=bands, rows=rows, seed=c.seed, exact=c.exact, near=c.near,
            verify=c.verify, paragraphs=c.paragraphs, paragraph_min_docs=c.paragraph_min_docs,
            paragraph_min_chars=c.paragraph_min_chars, partitions=c.partitions or 1,
            quality_key=c.quality_key, damage_key=c.damage_key or DEFAULT_DAMAGE_KEY,
            max_keepers=c.max_keepers,
        )

    def requires(self) -> tuple[str, ...]:
        """The keep policy's annotations, when set explicitly."""
        c = self.config
        return tuple(k for k in (c.quality_key, c.damage_key) if k)

    def _task_base(self, ctx: StageContext) -> _Task:
        """The config, scratch location and fingerprint every task of a run in ``ctx`` gets."""
        parts = self.partitions or max(_MIN_PARTITIONS, ctx.parallelism)
        cfg = DedupConfig(**{**asdict(self.cfg), "partitions": parts})
        # partitions change the scratch files (never the output): key the folder and markers by
        # the whole config; the runner's fingerprint in ctx covers config and inputs
        key = digest(asdict(cfg))
        return _Task(cfg, f"{ctx.scratch_root.rstrip('/')}/{self.label}-{key[:16]}", digest(ctx.fingerprint, key))

    def input_pass(self, ctx: StageContext) -> _HashPass | None:
        """Stage 1 (hash) done by the segment writing the input files (see :class:`_HashPass`);
        not for the ``cleaned`` hash view, which runs steps on a copy of each document."""
        if self.cfg.hash_view != "text":
            return None
        base = self._task_base(ctx)
        return _HashPass(base.cfg, base.work, base.fp)

    def run(self, inputs: Sequence[Path], ctx: StageContext) -> StageOutput:
        t0 = time.perf_counter()
        inputs = [Path(p) for p in inputs]
        base = self._task_base(ctx)
        cfg, ws, fp = base.cfg, base.work, base.fp
        parts, store = cfg.partitions, _store(ws)
        n = len(inputs)
        # consumed scratch is deleted beside the next tasks, not between them; the runner's threads
        # (ctx.background) outlive the stage, so its return does not wait for the last deletions
        own = ctx.background is None
        bg = Background("saring-dedup-drop") if own else ctx.background
        try:
            ex = ctx.executor
            hash_tasks = _largest_first([_ShardTask(cfg, ws, fp, i, str(p)) for i, p in enumerate(inputs)])
            ex.map(_hash_shard, hash_tasks, desc="dedup: hash")
            group_tasks = []
            if cfg.near:
                group_tasks += _group_tasks(cfg, ws, fp, n, "band", cfg.bands * parts)
                if _shared_on(cfg):
                    group_tasks += _group_tasks(cfg, ws, fp, n, "line", parts)
            if cfg.exact:
                group_tasks += _group_tasks(cfg, ws, fp, n, "exact", parts)
            ex.map(_group, group_tasks, desc="dedup: buckets")
            bg.later(_drop, store, "bands", "exact", "linecand")  # consumed by the bucket tasks, all marked done
            if cfg.near:
                ex.map(_verify, [_VerifyTask(cfg, ws, fp, p) for p in range(parts)], desc="dedup: verify")
            bg.later(_drop, store, "cand")
            ex.map(_components, [_ComponentsTask(cfg, ws, fp)], desc="dedup: components")
            bg.later(_drop, store, "edges")
            ex.map(_decide_partition, [_PartitionTask(cfg, ws, fp, n, p) for p in range(parts)], desc="dedup: keep")
            bg.later(_drop, store, "shingles", "sigs", "comp", "figures", "slots", "lines")
            if cfg.paragraphs:
                ex.map(_para_counts, [_PartitionTask(cfg, ws, fp, n, p) for p in range(parts)], desc="dedup: paragraphs")
            bg.later(_drop, store, "para")
            if ctx.defer:  # the next segment applies the decisions while it reads the inputs
                stats = StepStats(seconds=time.perf_counter() - t0)
                return StageOutput(list(inputs), stats, {"cfg": asdict(cfg), "work": ws, "fp": fp})
            outputs = [ctx.output(i) for i in range(n)]
            ftasks = _largest_first([_FilterTask(cfg, ws, fp, i, str(p), str(outputs[i]))
                                     for i, p in enumerate(inputs)])
            stats = StepStats()
            results = dict(zip([t.shard for t in ftasks], ex.map(_filter_shard, ftasks, desc="dedup: filter"),
                               strict=True))
            for i in range(n):  # merged in shard order, whatever order they ran in
                stats.merge(StepStats.from_dict(results[i]))
            stats.seconds = time.perf_counter() - t0
        finally:
            if own:
                bg.wait()
        return StageOutput(outputs, stats)


    def finisher(self, state: dict[str, Any]) -> _Finisher:
        """The deferred filter pass of a run that returned ``state`` as its ``deferred``."""
        return _Finisher(DedupConfig(**state["cfg"]), state["work"], state["fp"])


# partitions when the config sets none: one per task slot, at least 2. A partitioned map (verify,
# keep, paragraphs) needs one task per slot to use them all, and every task maps every shard's
# files, so more tasks than slots only add that fixed cost: 2 x parallelism before cost 2 workers
# +0.12 CPU-s a 25k-doc run over the 1-worker run's 2 partitions. 1 and 2 workers now write the
# same scratch (a resume may switch between them); memory per task stays the 1-worker run's.
_MIN_PARTITIONS = 2


def _largest_first(tasks: list[Any]) -> list[Any]:
    """Shard tasks ordered by the size of the document file they read, largest first (stable):
    a long task started last would leave the other workers idle. Never changes outputs."""
    def size(t: Any) -> int:
        try:
            return os.path.getsize(t.path)
        except OSError:
            return 0

    return sorted(tasks, key=size, reverse=True)


def _drop(store: Store, *folders: str) -> None:
    """Delete scratch folders whose consumers are all marked done (their markers list no inputs,
    so a resumed run skips them without needing these files)."""
    for name in folders:
        store.remove(name)
