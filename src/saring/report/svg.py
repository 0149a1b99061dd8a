"""Hand-written inline SVG charts for the run report.

Why our own SVG and not a plotting library: the report must open offline from one file and stay
small for any run size. Plotly inline costs ~4.7 MiB per page, altair needs an 84 MB converter,
matplotlib SVGs are ~20 KiB each and a 700 ms import (measured in
``../shared/research/peers-and-users-2026-12.md`` §5.2); a pre-binned histogram here is 2-5 KiB
and needs no script at all, so the page can forbid scripts entirely (CSP ``script-src 'none'``).

Every string placed in SVG goes through :func:`esc` (``html.escape``), which makes ``<``, ``>``,
``&`` and quotes inert in both element content and attribute values.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from saring.report.collect import LOG_BINS, UNIT_BINS, bin_range

W, H = 440, 170
PAD_L, PAD_R, PAD_T, PAD_B = 40, 10, 8, 26
MAX_BARS = 50


def esc(x: object) -> str:
    """Escape anything for HTML/SVG text and attribute values."""
    return html.escape(str(x), quote=True)


def fmt_num(v: float) -> str:
    """A short human number: 0.0123, 1.5, 12,345."""
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}".rstrip("0").rstrip(".")
    if a >= 0.01:
        return f"{v:.3f}".rstrip("0").rstrip(".")
    return f"{v:.2g}"


def _pos(value: float, scale: str) -> float | None:
    """Fractional bin position of a value (for threshold lines)."""
    if scale == "unit":
        return value * UNIT_BINS
    return math.log2(value) * LOG_BINS if value > 0 else None


def bars_from_bins(bins: dict[str, int], scale: str, marks: Sequence[float] = ()) -> tuple[
        list[tuple[float, float, int]], int, float, float]:
    """Group fixed bins into at most ``MAX_BARS`` bars over the data (and marks) range.

    Returns ``(bars as (lo value, hi value, count), zero count, lo pos, hi pos)``.
    """
    zero = bins.get("z", 0)
    idx = sorted(int(k) for k in bins if k != "z")
    pos_marks = [p for p in (_pos(m, scale) for m in marks) if p is not None]
    if not idx and not pos_marks:
        return [], zero, 0.0, 1.0
    lo = math.floor(min([*idx, *pos_marks]))
    hi = math.floor(max([*idx, *pos_marks])) + 1
    group = max(1, math.ceil((hi - lo) / MAX_BARS))
    hi = lo + group * math.ceil((hi - lo) / group)
    bars = []
    for start in range(lo, hi, group):
        n = sum(bins.get(str(i), 0) for i in range(start, start + group))
        bars.append((bin_range(str(start), scale)[0], bin_range(str(start + group - 1), scale)[1], n))
    return bars, zero, float(lo), float(hi)


def histogram(bins: dict[str, int], scale: str, marks: Sequence[tuple[float, str]] = (),
              title: str = "", series2: dict[str, int] | None = None) -> str:
    """A histogram of fixed bins with vertical threshold lines (``marks``: value, label).

    ``series2`` overlays a second distribution on the same bins (outlined bars), e.g. lengths
    after cleaning over lengths before.
    """
    merged = dict(bins)
    for k, v in (series2 or {}).items():
        merged[k] = max(merged.get(k, 0), v)
    bars, zero, lo, hi = bars_from_bins(merged, scale, [m for m, _ in marks])
    if not bars and not zero:
        return '<p class="muted">no values</p>'
    b1, z1, *_ = bars_from_bins_fixed(bins, scale, lo, hi, len(bars))
    b2, z2, *_ = bars_from_bins_fixed(series2 or {}, scale, lo, hi, len(bars)) if series2 else ([], 0)
    n = len(bars) + (1 if zero else 0)
    pw, ph = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    ymax = max([1, z1, z2, *(c for *_, c in b1), *(c for *_, c in b2)])
    bw = pw / max(n, 1)
    out = [f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{esc(title)}">',
           f'<title>{esc(title)}</title>',
           f'<line x1="{PAD_L}" y1="{PAD_T + ph}" x2="{W - PAD_R}" y2="{PAD_T + ph}" class="axis"/>',
           f'<text x="{PAD_L - 4}" y="{PAD_T + 8}" class="tick" text-anchor="end">{esc(fmt_num(ymax))}</text>',
           f'<text x="{PAD_L - 4}" y="{PAD_T + ph}" class="tick" text-anchor="end">0</text>']
    cols: list[tuple[str, float, float, int, int]] = []
    if zero:
        cols.append(("0", 0.0, 0.0, z1, z2))
    for i, (a, b, c) in enumerate(b1):
        cols.append(("", a, b, c, b2[i][2] if b2 else 0))
    for i, (label, a, b, c1, c2) in enumerate(cols):
        x = PAD_L + i * bw
        rng = "0" if label == "0" else f"{fmt_num(a)}–{fmt_num(b)}"
        for c, cls in ((c1, "bar"), (c2, "bar2")):
            if c and (cls == "bar" or series2 is not None):
                h = max(1.0, ph * c / ymax)
                out.append(f'<rect class="{cls}" x="{x + 0.5:.1f}" y="{PAD_T + ph - h:.1f}" '
                           f'width="{max(bw - 1, 1):.1f}" height="{h:.1f}"><title>{esc(rng)}: '
                           f'{c:,}</title></rect>')
    off = 1 if zero else 0
    span = max(hi - lo, 1e-9)
    for j, anchor in ((0, "start"), (len(b1) // 2, "middle"), (len(b1) - 1, "end")) if b1 else ():
        x = PAD_L + (j + off + (1 if anchor == "end" else 0)) * bw
        v = b1[j][1] if anchor == "end" else b1[j][0]
        out.append(f'<text x="{x:.1f}" y="{H - PAD_B + 16}" class="tick" text-anchor="{anchor}">'
                   f'{esc(fmt_num(v))}</text>')
    if zero:
        out.append(f'<text x="{PAD_L:.1f}" y="{H - PAD_B + 14}" class="tick">0</text>')
    for k, (value, label) in enumerate(marks):
        p = _pos(value, scale)
        if p is None:
            continue
        x = PAD_L + (off + (p - lo) / span * len(b1)) * bw
        y = PAD_T + 12 + 14 * (k % 3)
        right = x > PAD_L + pw * 0.55  # label on the side with room
        out.append(f'<line x1="{x:.1f}" y1="{PAD_T}" x2="{x:.1f}" y2="{PAD_T + ph}" class="mark"/>'
                   f'<text x="{x + (-4 if right else 4):.1f}" y="{y}" class="marklabel" '
                   f'text-anchor="{"end" if right else "start"}">{esc(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def bars_from_bins_fixed(bins: dict[str, int], scale: str, lo: float, hi: float,
                         nbars: int) -> tuple[list[tuple[float, float, int]], int]:
    """Bars of ``bins`` over a given position range (so two series share their x axis)."""
    group = max(1, round((hi - lo) / max(nbars, 1)))
    out = []
    for start in range(int(lo), int(hi), group):
        n = sum(bins.get(str(i), 0) for i in range(start, start + group))
        out.append((bin_range(str(start), scale)[0], bin_range(str(start + group - 1), scale)[1], n))
    return out, bins.get("z", 0)


def hbar(value: int, total: int, cls: str = "hb") -> str:
    """A CSS bar for table cells (share of ``total``)."""
    pct = 100.0 * value / total if total else 0.0
    return f'<span class="{cls}" style="width:{pct:.1f}%"></span>'
