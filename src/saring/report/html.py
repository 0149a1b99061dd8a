"""The run report: one self-contained HTML page built from ``OUT/report/stats.json``.

No network is needed to view it (no CDN, no web fonts, no script: a Content-Security-Policy
forbids scripts outright, so even a missed escape could not run code). Charts are inline SVG
from :mod:`saring.report.svg`; tables use CSS bars. All document text goes through
:func:`~saring.report.svg.esc`. Everything that differs between two runs of the same input
(times, speeds, worker count, command line, output path) sits between ``<!--volatile-->`` and
``<!--/volatile-->`` markers, so two reports can be compared byte for byte outside them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import orjson

from saring.report.svg import esc, fmt_num, hbar, histogram

MAX_ROWS = 60
VOLATILE = re.compile(r"<!--volatile-->.*?<!--/volatile-->", re.S)

CSS = """
:root{--fg:#1d2330;--muted:#667085;--bg:#fff;--card:#f7f8fa;--line:#d9dde5;--acc:#2f6fde;--bad:#c8372d;--ok:#1f8a4c}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1200px;margin:0 auto;padding:16px}h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
h3{font-size:1em;margin:.2em 0 .4em}nav{display:flex;flex-wrap:wrap;gap:6px 12px;font-size:.9em;margin:.5em 0}nav a{color:var(--acc);text-decoration:none}
.muted{color:var(--muted)}.ok{color:var(--ok);font-weight:600}.bad{color:var(--bad);font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px;min-width:0}
.kpis{display:flex;flex-wrap:wrap;gap:10px}.kpi{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 12px}.kpi b{display:block;font-size:1.3em}
.tw{overflow-x:auto;max-width:100%}table{border-collapse:collapse;width:100%;font-size:.9em}th,td{text-align:left;padding:3px 6px;border-bottom:1px solid var(--line);vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.b{width:28%;min-width:60px}
.hb{display:inline-block;height:10px;background:var(--acc);border-radius:2px;vertical-align:middle}.hb.r{background:var(--bad)}
svg.chart{width:100%;max-width:760px;height:auto;display:block}svg .bar{fill:var(--acc)}svg .bar2{fill:none;stroke:var(--ok);stroke-width:1.5}svg .axis{stroke:#999}
svg .mark{stroke:var(--bad);stroke-width:2;stroke-dasharray:4 2}svg .marklabel{fill:var(--bad);font-size:12px}svg .tick{fill:var(--muted);font-size:12px}
.ex{font-size:.85em;background:#fff;border:1px solid var(--line);border-radius:4px;padding:6px;margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.ex .id{color:var(--muted);display:block;white-space:normal}del{background:#fbe3e1;color:#8a1f17}ins{background:#dff3e6;color:#135c31;text-decoration:none}
details summary{cursor:pointer;color:var(--acc)}pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.82em;background:var(--card);padding:8px;border-radius:4px;max-height:320px;overflow:auto}
.legend{font-size:.8em;color:var(--muted)}code{overflow-wrap:anywhere;word-break:break-word}
@media (max-width:600px){main{padding:8px}body{font-size:14px}.grid{grid-template-columns:1fr}td.b{display:none}th,td{padding:3px 4px}}
"""

SECTIONS = [("run", "Run"), ("funnel", "Removal funnel"), ("rules", "Rules"),
            ("languages", "Languages"), ("repairs", "Repairs"), ("sites", "Sites"),
            ("boilerplate", "Boilerplate"), ("pii", "PII"), ("dedup", "Duplicates"),
            ("lengths", "Lengths"), ("removals", "Removed examples"), ("errors", "Errors"),
            ("timing", "Throughput")]


def _load(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "–"


def _table(head: list[str], rows: list[list[str]], num: set[int] = frozenset(), bar: int | None = None) -> str:
    """Rows are already-escaped cell HTML; ``num`` columns align right; ``bar`` is a bar column."""
    def cls(i: int) -> str:
        return ' class="n"' if i in num else ' class="b"' if i == bar else ""
    th = "".join(f"<th{cls(i)}>{h}</th>" for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(r)) + "</tr>"
                   for r in rows[:MAX_ROWS])
    more = f'<p class="muted">{len(rows) - MAX_ROWS:,} more rows not shown</p>' if len(rows) > MAX_ROWS else ""
    return f'<div class="tw"><table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>{more}'


def _counter_table(counts: dict[str, int], total: int, label: str, unit: str = "docs") -> str:
    if not counts:
        return '<p class="muted">none</p>'
    top = max(counts.values())
    rows = [[esc(k), f"{n:,}", _pct(n, total), hbar(n, top)]
            for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return _table([esc(label), esc(unit), "share", ""], rows, {1, 2}, 3)


def _ex(item: dict[str, Any], extra: str = "") -> str:
    return (f'<div class="ex"><span class="id">{esc(item.get("id", ""))}{extra}</span>'
            f'{esc(item.get("text", ""))}</div>')


def _items(d: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list((d or {}).get("items") or [])


def _step_order(manifest: dict[str, Any], stats: dict[str, Any]) -> list[str]:
    order = ["read"]
    for s in (manifest.get("config") or {}).get("steps") or []:
        if isinstance(s, str):
            order.append(s)
        elif isinstance(s, dict) and s:
            name, params = next(iter(s.items()))
            order.append((params or {}).get("label", name) if isinstance(params, dict) else name)
    order += [k for k in (stats.get("steps") or {}) if k not in order]
    return [k for k in order if k in (stats.get("steps") or {})]


# ----------------------------------------------------------------------------- sections
def _run_section(manifest: dict[str, Any], stats: dict[str, Any], timing: dict[str, Any],
                 failures: int = 0) -> str:
    c = stats.get("counts") or {}
    acc = stats.get("accounting") or {}
    health = ('<span class="ok">accounting balanced</span>' if acc.get("balanced")
              else f'<span class="bad">ACCOUNTING MISMATCH: {esc("; ".join(acc.get("mismatches") or []))}</span>')
    if failures:
        health += f'; <span class="bad">{failures:,} record(s) missing from this report (collector failed)</span>'
    kpis = "".join(f'<div class="kpi"><span class="muted">{esc(k)}</span><b>{c.get(k, 0):,}</b>'
                   f'{_pct(c.get(k, 0), c.get("input", 0)) if k != "input" else ""}</div>'
                   for k in ("input", "kept", "rejected", "errors"))
    inputs = [[esc(i.get("shard")), esc(i.get("path")), esc(i.get("kind")), f'{i.get("bytes", 0):,}',
               f'<code>{esc(i.get("xxh3_128", ""))[:16]}</code>'] for i in manifest.get("inputs") or []]
    versions = ", ".join(f"{esc(k)} {esc(v)}" for k, v in sorted((manifest.get("versions") or {}).items()))
    volatile = (f'<!--volatile--><p class="muted">started {esc(manifest.get("started", ""))}, ended '
                f'{esc(manifest.get("ended", ""))}, {esc(timing.get("seconds", ""))} s, '
                f'{esc(manifest.get("executor", ""))} executor, {esc(manifest.get("workers", ""))} worker(s), '
                f'status {esc(manifest.get("status", ""))}, platform {esc(manifest.get("platform", ""))}'
                f'<br>command: <code>{esc(" ".join(map(str, manifest.get("argv") or [])))}</code></p>'
                f'<!--/volatile-->')
    config = json.dumps(manifest.get("config") or {}, indent=2, sort_keys=True, ensure_ascii=False)
    return (f'<section id="run"><h1>saring run report</h1>{volatile}<div class="kpis">{kpis}</div>'
            f'<p>{health}; strict: {esc(stats.get("strict", False))}; python {esc(manifest.get("python", ""))}'
            f'</p><h3>Inputs</h3>{_table(["shard", "path", "kind", "bytes", "xxh3"], inputs, {3})}'
            f'<details><summary>Pipeline config</summary><pre>{esc(config)}</pre></details>'
            f'<details><summary>Versions</summary><p class="legend">{versions}</p></details></section>')


def _funnel_section(manifest: dict[str, Any], stats: dict[str, Any]) -> str:
    steps = stats.get("steps") or {}
    total = (stats.get("counts") or {}).get("input", 0)
    rows = []
    for label in _step_order(manifest, stats):
        s = steps[label]
        removed = sum((s.get("rejected") or {}).values())
        top = sorted((s.get("rejected") or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        why = ", ".join(f"{esc(r)} {n:,}" for r, n in top[:10]) + (" …" if len(top) > 10 else "")
        would = sum((s.get("would_reject") or {}).values())
        rows.append([esc(label), f'{s.get("docs_in", 0):,}', f"{removed:,}", _pct(removed, total),
                     f'{s.get("errors", 0):,}', f'{s.get("docs_out", 0):,}',
                     hbar(s.get("docs_out", 0), total), why + (f"; would reject {would:,}" if would else "")])
    return (f'<section id="funnel"><h2>Removal funnel</h2><p class="legend">Documents entering and '
            f'leaving each step in pipeline order; share of all {total:,} input records.</p>'
            + _table(["step", "in", "removed", "share", "errors", "out", "remaining", "reasons"], rows,
                     {1, 2, 3, 4, 5}, 6) + "</section>")


def _near(rep: dict[str, Any], i: int, j: int) -> str:
    parts = []
    for side, title in (("passed", "just passed"), ("removed", "just removed (or would be, score-only)")):
        items = _items(rep.get("near", {}).get(f"{i}.{j}|{side}"))
        if items:
            parts.append(f"<h3>{title}</h3>" + "".join(
                _ex(it, f' · value {esc(fmt_num(it.get("value", 0)))}'
                    + (f' · finally {esc(it.get("status"))}' if side == "passed" else ""))
                for it in items))
    return "".join(parts)


def _card_order(rep: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    """Cards of rules that removed the most documents first, then in pipeline order."""
    reasons = rep.get("reasons") or {}
    out = []
    for i, spec in enumerate(rep.get("catalog") or []):
        removed = sum(reasons.get(f'{r["step"]}:{r["reason"]}', 0) for r in spec["rules"])
        out.append((-removed, i, spec))
    return out


def _rule_cards(rep: dict[str, Any]) -> str:
    cards, quiet = [], []
    reasons = rep.get("reasons") or {}
    for neg_removed, i, spec in sorted(_card_order(rep)):
        bins = (rep.get("hist") or {}).get(str(i))
        if not bins:
            continue
        n = sum(bins.values())
        marks = [(float(r["threshold"]), f'{r["reason"]} {"<" if r["direction"] == "min" else ">"} '
                  f'{fmt_num(float(r["threshold"]))}') for r in spec["rules"]
                 if isinstance(r.get("threshold"), (int, float))]
        title = f'{spec["ann"]} · {spec["metric"]}' + (f' · profile {spec["profile"]}' if spec.get("profile") else "")
        removed = ", ".join(f'{esc(r["reason"])}: {reasons.get(r["step"] + ":" + r["reason"], 0):,} removed'
                            for r in spec["rules"])
        examples = "".join(_near(rep, i, j) for j in range(len(spec["rules"])))
        ex = f"<details><summary>documents near the threshold</summary>{examples}</details>" if examples else ""
        (cards if neg_removed else quiet).append(f'<div class="card rule" data-rule="{esc(title)}"><h3>{esc(title)}</h3>'
                     f'<p class="legend">{n:,} documents measured{"; " + removed if removed else ""}</p>'
                     f'{histogram(bins, spec["scale"], marks, title)}{ex}</div>')
    body = "".join(cards) or '<p class="muted">no rule removed anything</p>'
    rest = (f'<details class="quiet"><summary>{len(quiet)} measured values that removed nothing</summary>'
            f'<div class="grid">{"".join(quiet)}</div></details>') if quiet else ""
    return (f'<section id="rules"><h2>Rules</h2><p class="legend">Histogram of each measured value '
            f'over the documents that reached the rule; dashed lines are thresholds. Rules that removed '
            f'the most come first.</p><div class="grid">{body}</div>{rest}</section>')


def _languages_section(rep: dict[str, Any]) -> str:
    langs = rep.get("langs") or {}
    paras, chars = rep.get("para_langs") or {}, rep.get("para_chars") or {}
    pairs = {k.replace(">", " → "): v for k, v in (rep.get("lang_pairs") or {}).items()}
    return (f'<section id="languages"><h2>Languages</h2><div class="grid"><div class="card"><h3>documents</h3>'
            f'{_counter_table(langs, sum(langs.values()), "language")}</div><div class="card"><h3>paragraphs</h3>'
            f'{_counter_table(paras, sum(paras.values()), "language", "paragraphs")}</div>'
            f'<div class="card"><h3>paragraph characters</h3>'
            f'{_counter_table(chars, sum(chars.values()), "language", "chars")}</div>'
            f'<div class="card"><h3>model label changed by the lexical stage</h3>'
            f'<p class="legend">first-stage model label → final label, where they differ (id/ms confusion '
            f'shows here)</p>{_counter_table(pairs, sum(langs.values()), "model → final")}</div></div></section>')


def _visible(s: str) -> str:
    """Escaped text with line breaks and tabs made visible (whitespace edits would be invisible)."""
    return esc(s).replace("\n", "↵\n").replace("\t", "→")


def _edit_example(it: dict[str, Any]) -> str:
    return (f'<div class="ex"><span class="id">{esc(it.get("id", ""))} · confidence '
            f'{esc(fmt_num(it.get("confidence", 1.0)))}</span>…{esc(it.get("left", ""))}'
            f'<del>{_visible(it.get("before", ""))}</del><ins>{_visible(it.get("after", ""))}</ins>'
            f'{esc(it.get("right", ""))}…</div>')


def _repairs_section(rep: dict[str, Any]) -> str:
    edits = rep.get("edits") or {}
    samples = rep.get("samples") or {}
    top = max(edits.values(), default=0)
    rows = []
    for kind, n in sorted(edits.items(), key=lambda kv: (-kv[1], kv[0])):
        ex = "".join(_edit_example(it) for it in _items(samples.get(f"edit:{kind}")))
        cell = f"<details><summary>examples</summary>{ex}</details>" if ex else (
            '<span class="muted">counts only</span>' if kind.startswith("pii") else "")
        rows.append([esc(kind), f"{n:,}", hbar(n, top), cell])
    mt = ""
    for i, spec in enumerate(rep.get("catalog") or []):
        if spec["metric"] == "mt_damage" and (rep.get("hist") or {}).get(str(i)):
            mt = f'<h3>MT-damage distribution</h3>{histogram(rep["hist"][str(i)], spec["scale"], (), "mt_damage")}'
    return (f'<section id="repairs"><h2>Repairs and edits</h2><p class="legend">Every change to text, by '
            f'kind, with before/after in context (PII edits are counted, never shown).</p>'
            f'{_table(["kind", "edits", "", "examples"], rows, {1}, 2)}<div class="card">{mt or "<p class=muted>no MT-damage scores</p>"}</div></section>')


def _sites_section(rep: dict[str, Any]) -> str:
    sites = rep.get("sites") or {}
    ranked = sorted(sites.items(), key=lambda kv: (-kv[1].get("docs", 0), kv[0]))
    rows = []
    for name, r in ranked:
        docs = r.get("docs", 0)
        mt = f'{r["mt_micro"] / 1e6 / r["mt_n"]:.3f}' if r.get("mt_n") else "–"
        rows.append([esc(name), f"{docs:,}", _pct(r.get("kept", 0), docs), esc(mt),
                     f'{r.get("boilerplate_lines", 0):,}', f'{r.get("spam", 0):,}', f'{r.get("optout", 0):,}',
                     f'{r.get("error", 0):,}'])
    return (f'<section id="sites"><h2>Sites</h2><p class="legend">{len(sites):,} sites (host of the url, '
            f'else the site/outlet field); mean MT damage; boilerplate lines removed; spam and opt-out '
            f'rejections.</p>{_table(["site", "docs", "kept", "MT damage", "boilerplate lines", "spam", "opt-out", "errors"], rows, {1, 2, 3, 4, 5, 6, 7})}</section>')


def _boilerplate_section(rep: dict[str, Any]) -> str:
    hits, docs = rep.get("boilerplate") or {}, rep.get("boilerplate_docs") or {}
    top = max(hits.values(), default=0)
    rows = [[esc(k), f"{n:,}", f"{docs.get(k, 0):,}", hbar(n, top)]
            for k, n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))]
    flags = rep.get("flags") or {}
    return (f'<section id="boilerplate"><h2>Boilerplate rules hit</h2>'
            f'{_table(["rule", "hits", "documents", ""], rows, {1, 2}, 3) if rows else "<p class=muted>none</p>"}'
            f'<h3>Flags (suspicions not acted on)</h3>{_counter_table(flags, sum(flags.values()), "step:kind", "flags")}</section>')


def _pii_section(rep: dict[str, Any]) -> str:
    pii = rep.get("pii") or {}
    return (f'<section id="pii"><h2>PII</h2><p class="legend">{rep.get("pii_docs", 0):,} documents with '
            f'personal data; counts by type (values are never shown).</p>'
            f'{_counter_table(pii, sum(pii.values()), "type", "spans")}</section>')


def _dedup_section(rep: dict[str, Any]) -> str:
    sizes = rep.get("cluster_sizes") or {}
    reasons = {k: v for k, v in (rep.get("reasons") or {}).items() if k.startswith("dedup")}
    size_rows = [[esc(k), f"{n:,}", hbar(n, max(sizes.values()))]
                 for k, n in sorted(sizes.items(), key=lambda kv: int(kv[0]) if kv[0].lstrip("-").isdigit() else 0)]
    clusters = []
    for c in _items(rep.get("clusters")):
        members = "".join(
            _ex(m, f' · {esc(m.get("status"))}' + (f' {esc(m.get("reason"))} of {esc(m.get("duplicate_of"))}'
                                                  f' (similarity {esc(m.get("similarity"))})'
                                                  if m.get("duplicate_of") else " (kept representative)"))
            for m in c.get("members") or [])
        clusters.append(f'<details class="cluster"><summary>cluster {esc(c.get("g"))} · {c.get("size", 0):,} '
                        f'documents</summary>{members}</details>')
    return (f'<section id="dedup"><h2>Duplicates</h2><div class="grid"><div class="card"><h3>removed</h3>'
            f'{_counter_table(reasons, sum(reasons.values()), "reason")}</div><div class="card"><h3>cluster sizes</h3>'
            f'{_table(["size", "clusters", ""], size_rows, {1}, 2) if size_rows else "<p class=muted>no clusters</p>"}'
            f'</div></div><h3>Largest clusters</h3>{"".join(clusters) or "<p class=muted>none</p>"}</section>')


def _lengths_section(rep: dict[str, Any]) -> str:
    chart = histogram(rep.get("len_before") or {}, "log", (), "document length in characters",
                      series2=rep.get("len_after") or {})
    return (f'<section id="lengths"><h2>Lengths</h2><p class="legend">Characters per document (log '
            f'bins): filled = every input document as read, outlined = kept documents after '
            f'cleaning.</p><div class="card">{chart}</div></section>')


def _removals_section(rep: dict[str, Any]) -> str:
    samples = rep.get("samples") or {}
    reasons = rep.get("reasons") or {}
    parts = []
    for reason, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ROWS]:
        ex = "".join(_ex(it, f' · value {esc(it.get("value"))} · threshold {esc(it.get("threshold"))}')
                     for it in _items(samples.get(f"reason:{reason}")))
        parts.append(f'<details><summary>{esc(reason)} · {n:,}</summary>{ex}</details>')
    return (f'<section id="removals"><h2>Removed documents, by reason</h2><p class="legend">A fixed-seed '
            f'sample per reason (the same for any worker count).</p>{"".join(parts) or "<p class=muted>none</p>"}</section>')


def _errors_section(rep: dict[str, Any]) -> str:
    errors = rep.get("errors") or {}
    samples = rep.get("samples") or {}
    parts = []
    for kind, n in sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ROWS]:
        ex = "".join(f'<div class="ex"><span class="id">{esc(it.get("file"))}:{esc(it.get("line"))} '
                     f'{esc(it.get("id", ""))} · {esc(it.get("message"))}</span>{esc(it.get("text", ""))}</div>'
                     for it in _items(samples.get(f"error:{kind}")))
        parts.append(f'<details class="errkind"><summary>{esc(kind)} · {n:,}</summary>{ex}</details>')
    return (f'<section id="errors"><h2>Error records</h2>{"".join(parts) or "<p class=muted>no errors</p>"}'
            f'</section>')


def _timing_section(manifest: dict[str, Any], stats: dict[str, Any], timing: dict[str, Any]) -> str:
    steps = stats.get("steps") or {}
    rows = []
    for label in _step_order(manifest, stats):
        sec = (timing.get("steps") or {}).get(label, steps[label].get("seconds", 0.0)) or 0.0
        n = steps[label].get("docs_in", 0)
        rows.append([esc(label), f"{n:,}", f"{sec:.2f}", f"{n / sec:,.0f}" if sec > 0 else "–"])
    tasks = [[esc(t.get("task")), f'{t.get("records", 0):,}', f'{t.get("seconds", 0):.2f}',
              esc(", ".join(Path(f).name for f in (t.get("files") or [])[:3]))]
             for t in (timing.get("tasks") or [])[:10]]
    resumed = timing.get("resumed") or []
    note = f'<p class="muted">{len(resumed):,} task(s) resumed from an earlier run</p>' if resumed else ""
    return (f'<!--volatile--><section id="timing"><h2>Throughput</h2><p>{esc(timing.get("seconds", "–"))} s in '
            f'total, {esc(timing.get("docs_per_second", "–"))} docs/s</p><div class="grid"><div class="card">'
            f'<h3>per step</h3>{_table(["step", "docs", "seconds", "docs/s"], rows, {1, 2, 3})}</div>'
            f'<div class="card"><h3>slowest shard tasks</h3>'
            f'{_table(["shard", "records finished", "seconds", "outputs"], tasks, {1, 2})}{note}</div></div></section>'
            f'<!--/volatile-->')


# ----------------------------------------------------------------------------- page
def render(output: str | Path) -> str:
    """The report page of a finished run folder, as a string."""
    out = Path(output)
    manifest = _load(out / "manifest.json")
    stats = _load(out / "stats.json")
    rep = _load(out / "report" / "stats.json")
    timing = _load(out / "report" / "timing.json")
    nav = "".join(f'<a href="#{k}">{esc(v)}</a>' for k, v in SECTIONS)
    body = "".join([
        _run_section(manifest, stats, timing, int(rep.get("failures") or 0)), _funnel_section(manifest, stats), _rule_cards(rep),
        _languages_section(rep), _repairs_section(rep), _sites_section(rep),
        _boilerplate_section(rep), _pii_section(rep), _dedup_section(rep), _lengths_section(rep),
        _removals_section(rep), _errors_section(rep), _timing_section(manifest, stats, timing),
    ])
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:; script-src 'none'\">"
            f"<title>saring run report</title><style>{CSS}</style></head><body><main>"
            f"<nav>{nav}</nav>{body}<p class=\"legend\">Generated by saring from OUT/stats.json, "
            f"OUT/manifest.json and OUT/report/.</p></main></body></html>\n")


def stable_part(page: str) -> str:
    """The page without its volatile parts (for comparing two runs of the same input)."""
    return VOLATILE.sub("", page)


def write_report(output: str | Path, path: str | Path | None = None) -> Path:
    """Render the report of ``output`` to ``path`` (default ``OUT/report.html``)."""
    target = Path(path) if path else Path(output) / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(output), encoding="utf-8")
    return target
