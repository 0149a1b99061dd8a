"""The report collector's per-document metric pass (``ShardCollector._measures``) gives exactly
what the session-8 version gave (kept here as the reference): same histograms, same
near-threshold examples, same failures, on documents with odd annotation values, profiles,
decisions and score-only ``would_reject`` marks."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.pipeline import Pipeline
from saring.report import collect as C
from saring.report.observer import ReportObserver

CATALOG = ReportObserver.for_pipeline("unused", Pipeline.default().steps).catalog


def _reference_measures(self: C.ShardCollector, doc: Document, tail: list[Any]) -> None:
    """Histogram bins and near-threshold examples of every catalogued metric the document
    has. (Hot: one pass per final document over ~25 metrics; ``_plans`` holds the catalogue
    flattened, and ``_num``/``bin_of`` are inlined for plain floats and ints.)"""
    anns, plans, hist, near, d = doc.annotations, self._plans, self.hist, self.near, doc.decision
    todo: list[tuple[dict[str, Any], tuple[Any, ...]]] = []  # all first: a bad annotation counts nothing
    for label in self._anns:
        ann = anns.get(label)
        if ann:
            todo += [(ann, p) for p in plans.get((label, None), ())]
            profile = ann.get("profile")
            if profile is not None:
                todo += [(ann, p) for p in plans.get((label, profile), ())]
    for ann, (hkey, metric, unit, rules) in todo:
        v = ann.get(metric)
        tv = type(v)
        if tv is float:
            if v != v or v == C._INF or v == -C._INF:
                continue
        elif tv is int:
            v = float(v)
        else:
            v = C._num(v)
            if v is None:
                continue
        h = hist.get(hkey)
        if h is None:
            h = hist[hkey] = {}
        if unit:
            k = int(v * C.UNIT_BINS)
            b = C._UNIT_KEYS[0 if k < 0 else C.UNIT_BINS if k > C.UNIT_BINS else k]
        else:
            b = "z" if v <= 0 else str(math.floor(math.log2(v) * C.LOG_BINS))
        h[b] = h.get(b, 0) + 1
        for t, is_min, step, reason, scale, removed_at, passed_at in rules:
            fails = v < t if is_min else v > t
            # removed by this rule, or (score-only run) failing it: would be removed
            removed = (d.status == C.REJECTED and d.step == step and d.reason == reason) or (
                fails and "would_reject" in (anns.get(step) or {}))
            if fails and not removed:
                continue  # failed here but another rule (or step) removed it first
            dist = abs(v - t) / scale
            at = removed_at if removed else passed_at
            bucket = near.get(at)
            if bucket is None:
                bucket = near[at] = []
            elif len(bucket) >= C.K_NEAR and dist > bucket[-1]["k"][0]:
                continue  # farther than every kept example: cannot enter (key starts with dist)
            key = [dist, *tail]
            if C._would_enter(bucket, key, C.K_NEAR):
                C._insert(bucket, {"k": key, "id": tail[1], "value": v, "status": d.status,
                                 "text": C._snippet(doc.text)}, C.K_NEAR)


_VALUES = st.one_of(st.floats(-5, 5), st.floats(0, 1), st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(-3, 2000), st.booleans(), st.none(), st.text(max_size=2),
                    st.just(10**400), st.lists(st.integers(), max_size=1))
_LABELS = sorted({s["ann"] for s in CATALOG})
_METRICS = sorted({s["metric"] for s in CATALOG})
_PROFILES = sorted({str(s["profile"]) for s in CATALOG if s["profile"] is not None})
_RULES = sorted({(r["step"], r["reason"]) for s in CATALOG for r in s["rules"]})


@st.composite
def _docs(draw: st.DrawFn) -> Document:
    anns: dict[str, Any] = {}
    for label in draw(st.lists(st.sampled_from(_LABELS), max_size=len(_LABELS), unique=True)):
        ann: Any = {m: draw(_VALUES) for m in draw(st.lists(st.sampled_from(_METRICS), max_size=12, unique=True))}
        if draw(st.booleans()):
            ann["profile"] = draw(st.one_of(st.sampled_from(_PROFILES), st.just("xx"), st.just(3)))
        if draw(st.integers(0, 9)) == 0:
            ann["would_reject"] = True
        if draw(st.integers(0, 30)) == 0:
            ann = draw(st.one_of(st.just([1]), st.just("x"), st.just({"profile": ["unhashable"]})))
        anns[label] = ann
    doc = Document(draw(st.text(min_size=1, max_size=5)), draw(st.text(max_size=30)), annotations=anns)
    if draw(st.booleans()):
        step, reason = draw(st.sampled_from(_RULES))
        doc.reject(step, reason)
    return doc


def _collect(docs: list[Document], reference: bool) -> dict[str, Any]:
    c = C.ShardCollector(CATALOG)
    for d in docs:
        try:
            if reference:
                _reference_measures(c, d, [1, d.id, "f", 1])
            else:
                c._measures(d, [1, d.id, "f", 1])
        except Exception as exc:  # noqa: BLE001 - a bad annotation: both must fail alike
            c.failures += 1
            c.errors[type(exc).__name__] = c.errors.get(type(exc).__name__, 0) + 1
    return c.to_dict()


@settings(max_examples=120, deadline=None)
@given(st.lists(_docs(), max_size=40))
def test_measures_equal_the_reference(docs: list[Document]) -> None:
    assert repr(_collect(docs, False)) == repr(_collect(docs, True))


def test_log_bins_are_the_reference_keys() -> None:
    docs = [Document(str(i), "x", annotations={s["ann"]: {s["metric"]: v}})
            for i, (s, v) in enumerate((s, v) for s in CATALOG
                                       for v in (1e-300, 0.3, 1.0, 7.5, 2.0**600, 123456789, math.pi))]
    assert repr(_collect(docs, False)) == repr(_collect(docs, True))


def _collect_py(docs: list[Document]) -> dict[str, Any]:
    """:func:`_collect` with the compiled pass switched off (the Python fallback)."""
    kernel, C._KERNEL = C._KERNEL, None
    try:
        return _collect(docs, False)
    finally:
        C._KERNEL = kernel


@settings(max_examples=80, deadline=None)
@given(st.lists(_docs(), max_size=40))
def test_the_python_fallback_equals_the_reference(docs: list[Document]) -> None:
    assert repr(_collect_py(docs)) == repr(_collect(docs, True))


@settings(max_examples=150, deadline=None)
@given(_docs())
def test_the_kernel_counts_or_hands_over_without_changing_anything(doc: Document) -> None:
    """A document the kernel does not copy exactly (None) leaves the histograms untouched; one
    it takes gives the reference's histograms and candidates (checked above as a whole)."""
    if C._KERNEL is None:
        return
    c = C.ShardCollector(CATALOG)
    d = doc.decision
    got = C._KERNEL.measures(doc.annotations, c._label_plans, c.hist, c._near_floors,
                             d.status == C.REJECTED, d.step, d.reason, C._UNIT_KEYS, C._LOG_KEYS)
    if got is None:
        assert c.hist == {}
        return
    ref = C.ShardCollector(CATALOG)
    _reference_measures(ref, doc, [1, doc.id, "f", 1])
    assert c.hist == ref.hist
    assert {at for at, _, _ in got} == set(ref.near)  # every bucket the reference offered to


def test_the_kernel_is_built() -> None:
    from saring.compiled import pure_python

    assert C._KERNEL is not None or pure_python()
