"""``saring explain OUT DOC_ID``: everything that happened to one document, step by step.

The final record of a document carries its whole history (edits with offsets, annotations by
step, flags, the decision), so the story is rebuilt from that one record, found through the id
index (:mod:`saring.report.index`) without reading the corpus. Scores are compared with the
thresholds of the run's rule catalogue; for a duplicate, the document it duplicates is looked up
the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from saring.document import Document
from saring.report.index import consumed, dataset_hits, lookup, read_record

CONTEXT = 60
# terminal control characters from untrusted text are printed escaped, never sent to the terminal
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
NEAR = 0.2  # a passed check within 20% of its threshold is shown in the text output


class NotFoundError(LookupError):
    """No record with that id (or ``file:line``) in the run's index."""


def _pipeline_order(output: Path) -> list[str]:
    try:
        manifest = orjson.loads((output / "manifest.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return []
    order = []
    for s in (manifest.get("config") or {}).get("steps") or []:
        if isinstance(s, str):
            order.append(s)
        elif isinstance(s, dict) and s:
            name, params = next(iter(s.items()))
            order.append(params.get("label", name) if isinstance(params, dict) else name)
    return order


def _catalog(output: Path) -> list[dict[str, Any]]:
    try:
        return list(orjson.loads((output / "report" / "stats.json").read_bytes()).get("catalog") or [])
    except (OSError, orjson.JSONDecodeError):
        return []


def find(output: str | Path, key: str) -> list[tuple[str, int, dict[str, Any]]]:
    """``(file, record number, record)`` of every final record whose id (or ``file:line``) is ``key``."""
    out = []
    hits = lookup(output, key)
    for rel, n in hits:
        if consumed(output, rel):
            continue  # a kept document: found in the dataset below
        rec = read_record(output, rel, n)
        doc = rec.get("doc") if isinstance(rec.get("doc"), dict) else rec
        rid = doc.get("id") if doc else None
        alt = f"{rec.get('file')}:{rec.get('line')}"
        if (rid is not None and str(rid) == key) or alt == key:
            out.append((rel, n, rec))
    if any(consumed(output, rel) for rel, _ in hits):
        out += dataset_hits(output, key)
    return out


def _checks(doc: Document, label: str, catalog: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for spec in catalog:
        ann = doc.annotations.get(spec["ann"])
        if not ann or not (spec["ann"] == label or spec["ann"].startswith(label + ".")):
            continue
        if spec.get("profile") is not None and ann.get("profile") != spec["profile"]:
            continue
        v = ann.get(spec["metric"])
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            continue
        for r in spec["rules"]:
            t = r["threshold"]
            fails = v < t if r["direction"] == "min" else v > t
            out.append({"metric": f'{spec["ann"]}.{spec["metric"]}', "value": v,
                        "rule": r["reason"], "direction": r["direction"], "threshold": t,
                        "passed": not fails})
    return out


def _edits(doc: Document, label: str) -> list[dict[str, Any]]:
    n = len(doc.edits)
    out = []
    for i, e in enumerate(doc.edits):
        if e.step != label:
            continue
        text = doc.undo(n - i)
        out.append({"kind": e.kind, "start": e.start, "end": e.end, "before": e.before,
                     "after": e.after, "confidence": e.confidence,
                     "left": text[max(0, e.start - CONTEXT):e.start],
                     "right": text[e.end:e.end + CONTEXT]})
    return out


def _why(doc: Document) -> str:
    d = doc.decision
    if d.status == "kept":
        return "kept: every step passed"
    if d.status == "error":
        return f"error in step {d.step}: {d.message}"
    parts = [f"rejected by {d.step}: {d.reason}"]
    if d.value is not None:
        parts.append(f"measured {d.value!r}")
    if d.threshold is not None:
        parts.append(f"threshold {d.threshold!r}")
    return ", ".join(parts)


def story_of_document(output: Path, doc: Document, where: tuple[str, int]) -> dict[str, Any]:
    catalog = _catalog(output)
    order = _pipeline_order(output)
    labels = {lab.split(".")[0] for lab in doc.annotations} | {e.step for e in doc.edits}
    labels |= {str(f.get("step")) for f in doc.flags}
    if doc.decision.step:
        labels.add(doc.decision.step)
    order += sorted(lab for lab in labels if lab not in order)
    steps = []
    reached = True
    for label in order:
        anns = {k: v for k, v in doc.annotations.items() if k == label or k.startswith(label + ".")}
        step: dict[str, Any] = {"step": label, "reached": reached}
        if reached:
            step.update(edits=_edits(doc, label), annotations=anns,
                        checks=_checks(doc, label, catalog),
                        flags=[f for f in doc.flags if f.get("step") == label])
            if doc.decision.step == label:
                step["decision"] = doc.decision.to_dict()
                reached = False
        steps.append(step)
    story: dict[str, Any] = {
        "id": doc.id, "status": doc.decision.status, "file": where[0], "record": where[1],
        "source": {"file": doc.metadata.get("source_file"), "line": doc.metadata.get("source_line")},
        "decision": doc.decision.to_dict(), "why": _why(doc), "steps": steps,
        "text_length": {"input": len(doc.original_text()), "final": len(doc.text)},
        "text": doc.text, "metadata": doc.metadata,
    }
    dd = doc.annotations.get("dedup") or {}
    if dd.get("kept_id") is not None:
        dup = {"id": dd["kept_id"], "similarity": dd.get("similarity"),
               "threshold": doc.decision.threshold, "cluster_id": dd.get("cluster_id"),
               "cluster_size": dd.get("cluster_size")}
        hits = find(output, str(dd["kept_id"]))
        if hits:
            rel, n, rec = hits[0]
            other = rec.get("doc") if isinstance(rec.get("doc"), dict) else rec
            dup.update(file=rel, record=n, status=(other.get("decision") or {}).get("status"),
                       text=str(other.get("text", ""))[:300])
        story["duplicate_of"] = dup
    return story


def explain(output: str | Path, key: str) -> list[dict[str, Any]]:
    """The story of every final record with id (or ``file:line``) ``key``; raises
    :class:`NotFoundError` when there is none."""
    output = Path(output)
    hits = find(output, key)
    if not hits:
        raise NotFoundError(f"no document {key!r} in {output} (looked up in report/index)")
    stories = []
    for rel, n, rec in hits:
        if isinstance(rec.get("doc"), dict):  # a step error record wraps the document
            stories.append(story_of_document(output, Document.from_dict(rec["doc"]), (rel, n)))
        elif "text" in rec and "decision" in rec:
            stories.append(story_of_document(output, Document.from_dict(rec), (rel, n)))
        else:  # an input record that never became a document
            stories.append({
                "id": rec.get("id"), "status": "error", "file": rel, "record": n,
                "source": {"file": rec.get("file"), "line": rec.get("line")},
                "decision": {"status": "error", "step": "read", "reason": rec.get("kind"),
                             "message": rec.get("message")},
                "why": f"error while reading: {rec.get('kind')}: {rec.get('message')}",
                "raw": rec.get("raw") if rec.get("raw") is not None else rec.get("raw_b64"),
                "steps": [],
            })
    return stories


# ----------------------------------------------------------------------------- text output
def format_story(story: dict[str, Any]) -> str:
    """A plain-text rendering (the CLI prints it through rich with markup disabled)."""
    src = story.get("source") or {}
    lines = [f"document {story.get('id')!r}  [{story['status'].upper()}]",
             f"  input: {src.get('file')}:{src.get('line')}   output: {story['file']} #{story['record']}",
             f"  {story['why']}"]
    if story.get("text_length"):
        tl = story["text_length"]
        lines.append(f"  text: {tl['input']:,} chars read, {tl['final']:,} after edits: "
                     f"{story.get('text', '')[:160]!r}…")
    if story.get("raw") is not None:
        lines.append(f"  raw input: {str(story['raw'])[:300]!r}")
    for st in story.get("steps", []):
        if not st["reached"]:
            lines.append(f"- {st['step']}: not reached")
            continue
        lines.append(f"- {st['step']}:")
        for e in st.get("edits", []):
            lines.append(f"    edit {e['kind']} [{e['start']},{e['end']}) conf {e['confidence']}: "
                         f"…{e['left']!r} [{e['before']!r} -> {e['after']!r}] {e['right']!r}…")
        quiet = 0
        for c in st.get("checks", []):
            near = abs(c["value"] - c["threshold"]) <= NEAR * (abs(c["threshold"]) or 1.0)
            if c["passed"] and not near:
                quiet += 1
                continue
            op = ">=" if c["direction"] == "min" else "<="
            lines.append(f"    {'pass (near)' if c['passed'] else 'FAIL'} {c['rule']}: {c['metric']} = "
                         f"{c['value']:.4g} (needs {op} {c['threshold']})")
        if quiet:
            lines.append(f"    {quiet} other threshold check(s) passed with margin (--json lists all)")
        for k, v in st.get("annotations", {}).items():
            if k.startswith(st["step"] + "."):
                continue  # sub-filter measurements: in the checks above and in --json
            shown = {a: b for a, b in v.items() if not isinstance(b, (list, dict))}
            if shown:
                lines.append(f"    {k}: " + ", ".join(f"{a}={b}" for a, b in shown.items()))
        for f in st.get("flags", []):
            lines.append(f"    flag {f.get('kind')}: " + ", ".join(
                f"{a}={b}" for a, b in f.items() if a not in ("step", "kind")))
        if "decision" in st:
            d = st["decision"]
            lines.append(f"    DECISION {d.get('status')}: {d.get('reason')} value={d.get('value')!r} "
                         f"threshold={d.get('threshold')!r}" + (f" {d['message']}" if d.get("message") else ""))
    dup = story.get("duplicate_of")
    if dup:
        lines.append(f"  duplicate of {dup['id']!r} (similarity {dup.get('similarity')} >= "
                     f"{dup.get('threshold')}, cluster {dup.get('cluster_id')} of {dup.get('cluster_size')})"
                     + (f", which is {dup.get('status')} in {dup.get('file')} #{dup.get('record')}"
                        if dup.get("file") else ""))
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], "\n".join(lines))
