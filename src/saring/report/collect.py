"""Report statistics collected while the run happens, per shard, in exactly mergeable form.

Each shard task feeds every *finished* document (kept at the end, rejected, or an error) to a
:class:`ShardCollector` and saves ``to_dict()`` next to its outputs. :func:`merge` combines the
shard dictionaries; the result depends only on the set of documents, never on the number of
workers or the order of shards, because everything in it is one of:

* counters (sums of integers; floats are summed as integer micro-units so addition order cannot
  change a digit),
* histograms over *fixed* bins (the bin of a value depends only on the value and the metric's
  scale), stored sparse as ``{bin: count}``,
* top-k samples ordered by a total key: ``(id hash, id, file, line)`` for reservoir samples (the
  k documents with the smallest seeded hash of their id), ``(distance to threshold, ...)`` for
  near-threshold examples, ``(-cluster size, cluster hash)`` for duplicate clusters. The k smallest
  of a union are the k smallest of the per-shard k smallest, so the merge is exact.

Shards are defined by the inputs (never by workers), so per-shard caps (the site table keeps the
2,000 largest sites of a shard, the rest is summed into ``(other)``) are deterministic too.
Snippets hold document text as it is in the outputs; :func:`finalize` masks PII in them before
anything is rendered.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

import xxhash

from saring.compiled import load
from saring.document import ERROR, KEPT, REJECTED, Document
from saring.repair.damage import PLAIN_URL

SEED = 0x5A21  # fixed: the same documents are sampled in every run
K_SAMPLES = 3  # examples per bucket (reason, edit kind, error kind)
K_NEAR = 3  # near-threshold examples per rule and side
K_CLUSTERS = 8  # largest duplicate clusters shown
K_MEMBERS = 5  # members shown per cluster
MAX_SITES = 2000  # per shard and after merging; the rest becomes "(other)"
SNIPPET = 280  # characters of text in an example
CONTEXT = 60  # characters either side of an edit
UNIT_BINS = 200  # bins per unit on the "unit" scale ([0, 1], width 0.005)
LOG_BINS = 8  # bins per doubling on the "log" scale
MICRO = 1_000_000
MAX_ID = 200  # characters of an id or path kept in examples
OTHER_SITE = "(other)"
_UNIT_NAME = re.compile(r"ratio|frac|score|damage|similarity|share")
_UNIT_KEYS = [str(i) for i in range(UNIT_BINS + 1)]  # bin_of's keys on the unit scale
_INF = math.inf
_LOG_KEYS: dict[int, str] = {}  # bin_of's keys on the log scale, made once each
_KERNEL = load("saring.report._c_report")


def id_hash(key: str) -> int:
    """Seeded 64-bit hash of a document id: the sampling order, the same in every process."""
    return xxhash.xxh3_64_intdigest(key.encode("utf-8", "surrogatepass"), seed=SEED)


# ----------------------------------------------------------------------------- fixed bins
def scale_for(metric: str, thresholds: Sequence[float] = ()) -> str:
    """``unit`` for ratios/scores in [0, 1], ``log`` for counts and lengths."""
    if _UNIT_NAME.search(metric) and all(0 <= t <= 1 for t in thresholds):
        return "unit"
    return "log"


def bin_of(value: float, scale: str) -> str:
    """The fixed bin of ``value`` (a string key, JSON-safe); depends on nothing else."""
    if scale == "unit":
        return str(min(max(int(value * UNIT_BINS), 0), UNIT_BINS))  # UNIT_BINS holds >= 1.0
    if value <= 0:
        return "z"
    return str(math.floor(math.log2(value) * LOG_BINS))


def bin_range(key: str, scale: str) -> tuple[float, float]:
    """The ``[lo, hi)`` interval of a bin key."""
    if scale == "unit":
        i = int(key)
        return (1.0, 1.0) if i >= UNIT_BINS else (i / UNIT_BINS, (i + 1) / UNIT_BINS)
    if key == "z":
        return 0.0, 0.0
    i = int(key)
    return 2 ** (i / LOG_BINS), 2 ** ((i + 1) / LOG_BINS)


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return None if math.isnan(v) or math.isinf(v) else float(v)


# ----------------------------------------------------------------------------- catalogue
def rule_catalog(steps: Iterable[Any]) -> list[dict[str, Any]]:
    """The measured values worth a histogram and the thresholds that cut them, from the steps.

    Entry: ``{"ann": annotation label, "metric", "profile" (or None), "scale", "rules":
    [{"step", "reason", "direction" ("min"/"max"), "threshold"}]}``. Profile-driven quality
    filters give their rules per language profile; langid, spam and repair are described here;
    any step may describe itself with a ``report_rules()`` method returning such entries.
    """
    out: list[dict[str, Any]] = []
    for step in steps:
        out.extend(_entries_for(step, getattr(step, "label", "")))
    return out


def _entry(ann: str, metric: str, rules: list[dict[str, Any]], profile: str | None = None) -> dict[str, Any]:
    ts = [r["threshold"] for r in rules]
    return {"ann": ann, "metric": metric, "profile": profile, "scale": scale_for(metric, ts),
            "rules": rules}


def _entries_for(step: Any, root: str) -> list[dict[str, Any]]:
    if hasattr(step, "report_rules"):
        return list(step.report_rules())
    name = getattr(step, "name", "")
    subs = getattr(step, "filters", None)
    if isinstance(subs, list):  # the combined quality step
        return [e for f in subs for e in _entries_for(f, root)]
    rules_by_profile = getattr(step, "_rules", None)
    if isinstance(rules_by_profile, dict):  # a ProfiledFilter
        out = []
        for profile, rules in sorted(rules_by_profile.items()):
            by_metric: dict[str, list[dict[str, Any]]] = {}
            for r in rules:
                by_metric.setdefault(r.metric, []).append(
                    {"step": root, "reason": r.reason, "direction": r.direction,
                     "threshold": r.threshold})
            out += [_entry(step.label, m, rs, profile) for m, rs in by_metric.items()]
        return out
    label = step.label if hasattr(step, "label") else name
    if name == "langid":
        rules = [{"step": label, "reason": "lang_score_low", "direction": "min",
                  "threshold": step.min_score}]
        out = [_entry(label, "score", rules)]
        if getattr(step, "mixed_policy", None) == "drop_document":
            out.append(_entry(label, "foreign_ratio", [{
                "step": label, "reason": "mixed_language", "direction": "max",
                "threshold": step.max_foreign_ratio}]))
        return out
    if name == "spam":
        out = [_entry(label, "url_char_ratio", [{
            "step": label, "reason": "spam_link_farm", "direction": "max",
            "threshold": step.config.max_url_char_ratio}])]
        from saring.quality.spam import TOPICS

        for cat in TOPICS:
            out.append(_entry(label, f"{cat}_density", [{
                "step": label, "reason": f"spam_{cat}", "direction": "max",
                "threshold": step.config.max_density}]))
        return out
    if name == "repair":
        return [_entry(label, "mt_damage", [])]
    return []


# ----------------------------------------------------------------------------- top-k
def _insert(bucket: list[dict[str, Any]], item: dict[str, Any], k: int) -> None:
    """Keep ``bucket`` as the k items with the smallest ``item["k"]``, sorted."""
    key = item["k"]
    if len(bucket) >= k and key >= bucket[-1]["k"]:
        return
    bucket.append(item)
    bucket.sort(key=lambda x: x["k"])
    del bucket[k:]


def _would_enter(bucket: list[dict[str, Any]], key: list[Any], k: int) -> bool:
    return len(bucket) < k or key < bucket[-1]["k"]


def _snippet(text: str, n: int = SNIPPET) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _site_of(doc: Document) -> str:
    md = doc.metadata
    url = md.get("url")
    if isinstance(url, str) and url:
        url = url.strip()
        plain = PLAIN_URL.match(url)  # "http(s)://host/...", the host plain ASCII: as urlsplit
        if plain is not None:
            host = plain.group(1).lower()
        else:
            try:
                host = urlsplit(url).hostname or ""
            except ValueError:
                host = ""
        if host:
            return (host[4:] if host.startswith("www.") else host)[:100]
    return _named_site(md)


def _named_site(md: dict[str, Any]) -> str:
    """The site key of a document without a usable URL host."""
    for k in ("site", "outlet", "source"):
        v = md.get(k)
        if isinstance(v, str) and v:
            return v.lower()[:100]
    return "(unknown)"


def _count(d: dict[str, int], key: str, n: int = 1) -> None:
    d[key] = d.get(key, 0) + n


# ----------------------------------------------------------------------------- collector
class ShardCollector:
    """Statistics of one shard's finished documents; ``to_dict()`` is mergeable by :func:`merge`."""

    def __init__(self, catalog: Sequence[dict[str, Any]] = ()) -> None:
        self.catalog = list(catalog)
        # (annotation label, profile) -> [(catalogue index, spec)]: a document only visits its own
        self._by_ann: dict[tuple[str, str | None], list[tuple[int, dict[str, Any]]]] = {}
        for i, spec in enumerate(self.catalog):
            self._by_ann.setdefault((spec["ann"], spec["profile"]), []).append((i, spec))
        # per rule: (rule, threshold, is_min, near-bucket names for "removed" and "passed")
        self._rules = [[(r, float(r["threshold"]), r["direction"] == "min",
                         f"{i}.{j}|removed", f"{i}.{j}|passed")
                        for j, r in enumerate(spec["rules"]) if _num(r["threshold"]) is not None]
                       for i, spec in enumerate(self.catalog)]
        self._anns = sorted({a for a, _ in self._by_ann})
        # the same, flat per (label, profile), in the order _measures visits them: (histogram
        # key, metric, unit scale?, [(threshold, min?, step, reason, |threshold| or 1, removed
        # bucket, passed bucket)])
        self._plans = {k: [(str(i), s["metric"], s["scale"] == "unit",
                            [(t, is_min, r["step"], r["reason"], abs(t) or 1.0, rm, ps)
                             for r, t, is_min, rm, ps in self._rules[i]]) for i, s in v]
                       for k, v in self._by_ann.items()}
        # the same per label for the kernel: (label, plans without profile, {profile: plans})
        self._label_plans = [(label, self._plans.get((label, None), []),
                              {p: g for (lab, p), g in self._plans.items() if lab == label and p is not None})
                             for label in self._anns]
        self.status: dict[str, int] = {}
        self.reasons: dict[str, int] = {}
        self.edits: dict[str, int] = {}
        self.flags: dict[str, int] = {}
        self.errors: dict[str, int] = {}
        self.langs: dict[str, int] = {}
        self.lang_pairs: dict[str, int] = {}  # "model label>final label" where they differ
        self.para_langs: dict[str, int] = {}
        self.para_chars: dict[str, int] = {}
        self.boilerplate: dict[str, int] = {}
        self.boilerplate_docs: dict[str, int] = {}
        self.pii: dict[str, int] = {}
        self.pii_docs = 0
        self.failures = 0  # documents the collector could not record (shown in the report header)
        self.cluster_sizes: dict[str, int] = {}
        self.hist: dict[str, dict[str, int]] = {}
        self.len_before: dict[str, int] = {}
        self.len_after: dict[str, int] = {}
        self.sites: dict[str, dict[str, int]] = {}
        self.samples: dict[str, list[dict[str, Any]]] = {}  # "reason:…", "edit:…", "error:…"
        self.near: dict[str, list[dict[str, Any]]] = {}  # "<rule key>|passed" / "|removed"
        # per full near bucket: the distance of its last example (a farther one cannot enter)
        self._near_floors: dict[str, float] = {}
        self.clusters: dict[str, dict[str, Any]] = {}
        self._cluster_floor: list[Any] | None = None

    # ------------------------------------------------------------------ documents
    def observe(self, doc: Document) -> None:
        """Record one finished document (its decision is final)."""
        md = doc.metadata
        h = id_hash(doc.id)
        # ids and paths are untrusted: bounded in what the report keeps (the hash uses the full id)
        tail = [h, doc.id[:MAX_ID], str(md.get("source_file") or "")[:MAX_ID], _int(md.get("source_line"))]
        status = doc.decision.status
        _count(self.status, status)
        growth = sum(len(e.after) - len(e.before) for e in doc.edits)
        _count(self.len_before, bin_of(len(doc.text) - growth, "log"))
        if status == KEPT:
            _count(self.len_after, bin_of(len(doc.text), "log"))
        elif status == REJECTED:
            self._rejected(doc, tail)
        elif status == ERROR:
            self._step_error(doc, tail)
        self._measures(doc, tail)
        self._edits(doc, tail)
        for f in doc.flags:
            _count(self.flags, f"{f.get('step')}:{f.get('kind')}")
        self._annotations(doc)
        self._site(doc, status)
        self._cluster(doc, h)

    def observe_error(self, rec: dict[str, Any]) -> None:
        """Record an input record that never became a document (a reader error)."""
        _count(self.status, ERROR)
        kind = str(rec.get("kind") or "error")
        _count(self.errors, kind)
        file, line = str(rec.get("file") or ""), _int(rec.get("line"))
        key = [id_hash(f"{file}:{line}"), str(rec.get("id") or "")[:MAX_ID], file[:MAX_ID], line]
        bucket = self.samples.setdefault(f"error:{kind}", [])
        if _would_enter(bucket, key, K_SAMPLES):
            raw = rec.get("raw") if isinstance(rec.get("raw"), str) else (
                f"base64: {rec['raw_b64']}" if rec.get("raw_b64") else "")
            _insert(bucket, {"k": key, "file": key[2], "line": line,
                             "message": str(rec.get("message") or "")[:400],
                             "text": _snippet(str(raw or ""), 200)}, K_SAMPLES)

    def _rejected(self, doc: Document, tail: list[Any]) -> None:
        d, sid = doc.decision, tail[1]
        reason = f"{d.step}:{d.reason}"
        _count(self.reasons, reason)
        bucket = self.samples.setdefault(f"reason:{reason}", [])
        if _would_enter(bucket, tail, K_SAMPLES):
            _insert(bucket, {"k": tail, "id": sid, "value": _jsonable(d.value),
                             "threshold": _jsonable(d.threshold), "text": _snippet(doc.text)},
                    K_SAMPLES)

    def _step_error(self, doc: Document, tail: list[Any]) -> None:
        sid = tail[1]
        kind = f"step_error:{doc.decision.step}"
        _count(self.errors, kind)
        bucket = self.samples.setdefault(f"error:{kind}", [])
        if _would_enter(bucket, tail, K_SAMPLES):
            _insert(bucket, {"k": tail, "id": sid, "file": tail[2], "line": tail[3],
                             "message": str(doc.decision.message or "")[:400],
                             "text": _snippet(doc.text, 200)}, K_SAMPLES)

    def _measures(self, doc: Document, tail: list[Any]) -> None:
        """Histogram bins and near-threshold examples of every catalogued metric the document
        has: the compiled pass (``_c_report``, ~1/8 of the Python's instructions) for the
        documents it copies exactly, else :meth:`_measures_py`."""
        if _KERNEL is not None:
            d = doc.decision
            found = _KERNEL.measures(doc.annotations, self._label_plans, self.hist, self._near_floors,
                                     d.status == REJECTED, d.step, d.reason, _UNIT_KEYS, _LOG_KEYS)
            if found is not None:
                for at, dist, v in found:
                    self._near_example(doc, tail, at, dist, v)
                return
        self._measures_py(doc, tail)

    def _measures_py(self, doc: Document, tail: list[Any]) -> None:
        """The reference of :meth:`_measures`. (Hot without the kernel: one pass per final
        document over ~25 metrics; ``_plans`` holds the catalogue flattened, and ``_num``/
        ``bin_of`` are inlined for plain floats and ints.)"""
        anns, plans, hist, d = doc.annotations, self._plans, self.hist, doc.decision
        floors = self._near_floors
        todo: list[tuple[dict[str, Any], Any]] = []  # all first: a bad annotation counts nothing
        for label in self._anns:
            ann = anns.get(label)
            if ann:
                todo.append((ann, plans.get((label, None), ())))
                profile = ann.get("profile")
                if profile is not None:
                    todo.append((ann, plans.get((label, profile), ())))
        rejected, dstep, dreason, log_keys = d.status == REJECTED, d.step, d.reason, _LOG_KEYS
        for ann, group in todo:
            for hkey, metric, unit, rules in group:
                v = ann.get(metric)
                tv = type(v)
                if tv is float:
                    if v != v or v == _INF or v == -_INF:
                        continue
                elif tv is int:
                    v = float(v)
                else:
                    v = _num(v)
                    if v is None:
                        continue
                h = hist.get(hkey)
                if h is None:
                    h = hist[hkey] = {}
                if unit:
                    k = int(v * UNIT_BINS)
                    b = _UNIT_KEYS[0 if k < 0 else UNIT_BINS if k > UNIT_BINS else k]
                elif v <= 0:
                    b = "z"
                else:
                    k = math.floor(math.log2(v) * LOG_BINS)
                    b = log_keys.get(k)
                    if b is None:
                        b = log_keys[k] = str(k)
                h[b] = h.get(b, 0) + 1
                for t, is_min, step, reason, scale, removed_at, passed_at in rules:
                    # removed by this rule, or (score-only run) failing it: would be removed;
                    # failed here but removed by another rule (or step) first: no example
                    if rejected and dstep == step and dreason == reason:
                        at = removed_at
                    elif v < t if is_min else v > t:
                        if "would_reject" not in (anns.get(step) or {}):
                            continue
                        at = removed_at
                    else:
                        at = passed_at
                    dist = abs(v - t) / scale
                    if dist > floors.get(at, _INF):
                        continue  # farther than every kept example: cannot enter (key starts with dist)
                    self._near_example(doc, tail, at, dist, v)

    def _near_example(self, doc: Document, tail: list[Any], at: str, dist: float, v: float) -> None:
        """Offer ``doc`` as an example of near bucket ``at`` (its value ``v`` at ``dist``)."""
        near = self.near
        bucket = near.get(at)
        if bucket is None:
            bucket = near[at] = []
        key = [dist, *tail]
        if _would_enter(bucket, key, K_NEAR):
            _insert(bucket, {"k": key, "id": tail[1], "value": v, "status": doc.decision.status,
                             "text": _snippet(doc.text)}, K_NEAR)
            if len(bucket) >= K_NEAR:
                self._near_floors[at] = bucket[-1]["k"][0]

    def _edits(self, doc: Document, tail: list[Any]) -> None:
        n, sid = len(doc.edits), tail[1]
        seen: set[str] = set()
        for i, e in enumerate(doc.edits):
            _count(self.edits, e.kind)
            if e.kind.startswith("pii") or e.kind in seen:
                continue  # PII: counts only, never an example; one example per document and kind
            seen.add(e.kind)
            bucket = self.samples.setdefault(f"edit:{e.kind}", [])
            key = [*tail, i]
            if _would_enter(bucket, key, K_SAMPLES):
                before_text = doc.undo(n - i)  # the text this edit was applied to
                _insert(bucket, {"k": key, "id": sid, "step": e.step,
                                 "left": before_text[max(0, e.start - CONTEXT):e.start],
                                 "before": _snippet(e.before, 400), "after": _snippet(e.after, 400),
                                 "right": before_text[e.end:e.end + CONTEXT],
                                 "confidence": e.confidence}, K_SAMPLES)

    def _annotations(self, doc: Document) -> None:
        anns = doc.annotations
        lid = anns.get("langid")
        if lid:
            _count(self.langs, str(lid.get("lang")))
            first = lid.get("first_stage")
            if isinstance(first, dict) and first.get("lang") != lid.get("lang"):
                _count(self.lang_pairs, f"{first.get('lang')}>{lid.get('lang')}")
            for p in lid.get("paragraphs") or ():
                if isinstance(p, (list, tuple)) and len(p) >= 3:
                    _count(self.para_langs, str(p[2]))
                    _count(self.para_chars, str(p[2]), max(0, _int(p[1]) - _int(p[0])))
        bp = anns.get("boilerplate")
        if bp and isinstance(bp.get("rules"), dict):
            for rule, n in bp["rules"].items():
                _count(self.boilerplate, str(rule), _int(n))
                _count(self.boilerplate_docs, str(rule))
        pii = anns.get("pii")
        if pii and isinstance(pii.get("counts"), dict):
            self.pii_docs += 1
            for t, n in pii["counts"].items():
                _count(self.pii, str(t), _int(n))

    def _site(self, doc: Document, status: str) -> None:
        row = self.sites.setdefault(_site_of(doc), {})
        _count(row, "docs")
        _count(row, status)
        rep = doc.annotations.get("repair") or {}
        dmg = _num(rep.get("mt_damage"))
        if dmg is not None:
            _count(row, "mt_n")
            _count(row, "mt_micro", round(dmg * MICRO))
        bp = doc.annotations.get("boilerplate") or {}
        _count(row, "boilerplate_lines", _int(bp.get("lines_dropped")))
        reason = doc.decision.reason or ""
        if status == REJECTED and reason.startswith("spam_"):
            _count(row, "spam")
        if status == REJECTED and reason == "publisher_optout":
            _count(row, "optout")

    def _cluster(self, doc: Document, h: int) -> None:
        dd = doc.annotations.get("dedup")
        if not dd or "cluster_id" not in dd:
            return
        cid, size = str(dd["cluster_id"]), _int(dd.get("cluster_size"))
        if "kept_id" not in dd:
            _count(self.cluster_sizes, str(size))
        rank = [-size, id_hash(cid), cid]
        if self._cluster_floor is not None and rank > self._cluster_floor:
            return
        c = self.clusters.setdefault(cid, {"k": rank, "g": cid, "size": size,
                                           "members": []})
        kept = "kept_id" not in dd
        sid = doc.id[:MAX_ID]
        _insert(c["members"], {"k": [0 if kept else 1, h, sid], "id": sid,
                               "status": doc.decision.status, "reason": doc.decision.reason,
                               "similarity": dd.get("similarity"), "duplicate_of": dd.get("kept_id"),
                               "text": _snippet(doc.text, 160)}, K_MEMBERS)
        if len(self.clusters) > 4 * K_CLUSTERS:
            self._prune_clusters()

    def _prune_clusters(self) -> None:
        ranked = sorted(self.clusters.values(), key=lambda c: c["k"])[:K_CLUSTERS]
        self.clusters = {c["g"]: c for c in ranked}
        self._cluster_floor = ranked[-1]["k"]

    # ------------------------------------------------------------------ output
    def to_dict(self) -> dict[str, Any]:
        clusters = sorted(self.clusters.values(), key=lambda c: c["k"])[:K_CLUSTERS]
        return {
            "version": "1",
            "status": self.status, "reasons": self.reasons, "edits": self.edits,
            "flags": self.flags, "errors": self.errors, "langs": self.langs, "lang_pairs": self.lang_pairs,
            "para_langs": self.para_langs, "para_chars": self.para_chars,
            "boilerplate": self.boilerplate, "boilerplate_docs": self.boilerplate_docs,
            "pii": self.pii, "pii_docs": self.pii_docs, "failures": self.failures, "cluster_sizes": self.cluster_sizes,
            "hist": self.hist, "len_before": self.len_before, "len_after": self.len_after,
            "sites": _cap_sites(self.sites),
            "samples": {k: {"topk": K_SAMPLES, "items": v} for k, v in self.samples.items()},
            "near": {k: {"topk": K_NEAR, "items": v} for k, v in self.near.items()},
            "clusters": {"topk": K_CLUSTERS, "items": clusters},
        }


def _int(v: Any) -> int:
    return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else -1 if v is None else 0


def _jsonable(v: Any) -> Any:
    """A decision value/threshold as bounded JSON (values may be untrusted strings or lists)."""
    if v is None or isinstance(v, (int, float, bool)):
        return v
    if isinstance(v, str):
        return _snippet(v, MAX_ID)
    if isinstance(v, (list, tuple, set, frozenset)):
        items = sorted(v, key=str) if isinstance(v, (set, frozenset)) else list(v)
        return [_jsonable(x) for x in items[:20]]
    return _snippet(str(v), MAX_ID)


def _cap_sites(sites: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    if len(sites) <= MAX_SITES:
        return sites
    ranked = sorted(sites.items(), key=lambda kv: (-kv[1].get("docs", 0), kv[0]))
    out = dict(ranked[:MAX_SITES])
    other: dict[str, int] = dict(out.pop(OTHER_SITE, {}))
    for _name, row in ranked[MAX_SITES:]:
        for k, n in row.items():
            _count(other, k, n)
    if other:
        out[OTHER_SITE] = other
    return out


# ----------------------------------------------------------------------------- merging
def _merge_topk(parts: list[dict[str, Any]]) -> dict[str, Any]:
    k = parts[0]["topk"]
    groups: dict[str, list[dict[str, Any]]] = {}
    plain: list[dict[str, Any]] = []
    for p in parts:
        for item in p["items"]:
            (groups.setdefault(item["g"], []) if "g" in item else plain).append(item)
    for items in groups.values():  # the same cluster seen in several shards
        first = dict(items[0])
        first["members"] = _merge_topk(
            [{"topk": K_MEMBERS, "items": it["members"]} for it in items])["items"]
        plain.append(first)
    plain.sort(key=lambda x: x["k"])
    return {"topk": k, "items": plain[:k]}


def _merge_value(parts: list[Any]) -> Any:
    first = parts[0]
    if isinstance(first, dict):
        if "topk" in first and "items" in first:
            return _merge_topk(parts)
        keys = sorted({k for p in parts for k in p})
        return {k: _merge_value([p[k] for p in parts if k in p]) for k in keys}
    if isinstance(first, (int, float)) and not isinstance(first, bool):
        return sum(parts)
    return first


def merge(dicts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Combine shard dictionaries; the result does not depend on their order."""
    parts = [d for d in dicts if d]
    if not parts:
        return ShardCollector().to_dict()
    out = _merge_value(parts)
    out["sites"] = _cap_sites(out.get("sites", {}))
    return out


# ----------------------------------------------------------------------------- finalize
def _masker() -> Any:
    """A function masking PII in a snippet (the report is an output: no raw PII in it)."""
    try:
        from saring.pii.detect import Detector, placeholder
    except ImportError:  # pragma: no cover - the pii package ships with saring
        return lambda s: s
    det = Detector()

    def mask(s: str) -> str:
        if not s:
            return s
        spans, suspects = det.find(s)
        for sp in sorted([*spans, *suspects], key=lambda x: x.start, reverse=True):
            s = s[:sp.start] + placeholder(sp.type) + s[sp.end:]
        return s

    return mask


_TEXT_FIELDS = ("text", "left", "before", "after", "right", "message")


def finalize(merged: dict[str, Any]) -> dict[str, Any]:
    """Mask PII in every snippet of a merged dictionary (done once, on the few kept examples)."""
    mask = _masker()

    def walk(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: (mask(v) if k in _TEXT_FIELDS and isinstance(v, str) else walk(v))
                    for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x

    out = walk(merged)
    out["finalized"] = True
    return out
