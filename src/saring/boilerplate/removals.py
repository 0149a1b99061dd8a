"""From an analysis' spans and dropped lines to the edits of the text, in one compiled pass each.

Two steps, each a compiled kernel (``_c_boiler.resolve_spans`` / ``_c_boiler.removals``) with
its pure-Python reference here (the code the step ran before, unchanged):

- :func:`resolve_spans`: keep non-overlapping spans outside dropped lines; a line left with
  nothing but punctuation once its spans are cut is dropped whole (``drop`` is updated).
- :func:`removals`: the dropped lines and the kept spans as ``Replacement`` edits, overlaps
  removed (``fix_overlaps(fix_overlaps(line_removals) + span_removals)``).

The step paid ~20 Python calls and a few hundred bytecodes per span and dropped line for these
(sort keys, ``line_of`` look-ups, slices and joins, a regex per line); the kernels take the text,
the line starts and the rule ids and do the same steps in C. A kernel answers ``None`` for any
input outside what the step produces (a non-int line index, a span outside the text, ...): the
reference then runs, so the result never depends on the kernel being built.
``tests/test_boilerplate_removals.py`` checks kernel == reference.
"""

from __future__ import annotations

import re
from typing import Any

from saring.boilerplate.analysis import Lines, Span
from saring.compiled import load
from saring.document import Replacement

_K = load("saring.boilerplate._c_boiler")

_PUNCT_ONLY_RE = re.compile(r"[\W_]*")


def kernel() -> Any:
    """The compiled kernel module, or None (tests swap ``_K`` to run the references)."""
    return _K


def resolve_spans(lines: Lines, spans: list[Span], drop: dict[int, str]) -> list[Span]:
    """:func:`resolve_spans_py` in one compiled call (when the kernel is built and the input is
    what the step makes)."""
    if _K is not None:
        out = _K.resolve_spans(lines.text, lines.starts, lines.lines, spans, drop)
        if out is not None:
            return out
    return resolve_spans_py(lines, spans, drop)


def removals(text: str, lines: Lines, drop: dict[int, str], spans: list[Span]) -> list[Replacement]:
    """:func:`removals_py` in one compiled call (same conditions as :func:`resolve_spans`)."""
    if _K is not None and text is lines.text:
        out = _K.removals(text, lines.starts, lines.lines, drop, spans, Replacement)
        if out is not None:
            return out
    return removals_py(text, lines, drop, spans)


# ---------------------------------------------------------------- references


def resolve_spans_py(lines: Lines, spans: list[Span], drop: dict[int, str]) -> list[Span]:
    """Keep non-overlapping spans outside dropped lines; a line left with nothing but
    punctuation after its spans are removed is dropped whole (rule of its first span)."""
    text, starts = lines.text, lines.starts
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[Span] = []
    end = -1
    for s, e, rid in spans:
        if s < end:
            continue
        i, j = lines.line_of(s), lines.line_of(max(s, e - 1))
        if all(k in drop for k in range(i, j + 1)):
            continue
        kept.append((s, e, rid))
        end = e
    by_line: dict[int, list[Span]] = {}
    out: list[Span] = []
    for s, e, rid in kept:
        i, j = lines.line_of(s), lines.line_of(max(s, e - 1))
        if i == j:
            by_line.setdefault(i, []).append((s, e, rid))
            continue
        # a block crossing lines: whole lines inside it are dropped, edges stripped
        for k in range(i, j + 1):
            ls, le = starts[k], lines.end(k)
            cs, ce = max(ls, s), min(le, e)
            rest = text[ls:cs] + text[ce:le]
            if _PUNCT_ONLY_RE.fullmatch(rest.strip()):
                drop.setdefault(k, rid)
            elif ce > cs and k not in drop:
                out.append((cs, ce, rid))
    for i, items in by_line.items():
        if i in drop:
            continue
        pieces, pos = [], starts[i]
        for s, e, _ in items:
            pieces.append(text[pos:s])
            pos = e
        pieces.append(text[pos:lines.end(i)])
        if _PUNCT_ONLY_RE.fullmatch("".join(pieces).strip()):
            drop[i] = items[0][2]
        else:
            out.extend(items)
    return sorted(out)


def removals_py(text: str, lines: Lines, drop: dict[int, str], spans: list[Span]) -> list[Replacement]:
    """Dropped lines and kept spans as edits, overlaps removed (line drops win over spans)."""
    reps = fix_overlaps(line_removals(lines, drop))
    reps.extend(span_removals(text, spans))
    return fix_overlaps(reps)


def line_removals(lines: Lines, drop: dict[int, str]) -> list[Replacement]:
    """Dropped lines go with their newline and the blank lines after them; lines after the last
    kept line go with the newline before them, so the text does not end in a newline."""
    starts, n_lines, text = lines.starts, len(lines), lines.text
    last_kept = n_lines - 1
    while last_kept >= 0 and (last_kept in drop or not lines[last_kept].strip()):
        last_kept -= 1
    reps: list[Replacement] = []
    for i in sorted(drop):
        kind = "boilerplate:" + drop[i]
        if last_kept >= 0 and i > last_kept:
            k = i
            while k - 1 > last_kept and k - 1 not in drop and not lines[k - 1].strip():
                k -= 1
            reps.append(Replacement(starts[k] - 1, lines.end(i), "", kind))
            continue
        j = i + 1
        while j < n_lines and j not in drop and not lines[j].strip():
            j += 1
        end = starts[j] if j < n_lines else len(text)
        reps.append(Replacement(starts[i], end, "", kind))
    return reps


def span_removals(text: str, spans: list[Span]) -> list[Replacement]:
    """A run of spans separated only by blanks is widened as one, so the space before or after
    the whole run is taken exactly once; a run glued to words on both sides (``lancarJakarta
    (ANTARA) - Kementerian``) leaves a space, or its removal would create new glue."""
    reps: list[Replacement] = []
    for group in _adjacent_groups(text, spans):
        gs, ge = _absorb_space(text, group[0][0], group[-1][1])
        glued = 0 < gs and ge < len(text) and text[gs - 1].isalnum() and text[ge].isalnum()
        sep = " " if glued else ""
        for k, (s, e, rid) in enumerate(group):
            s = gs if k == 0 else s
            e = ge if k == len(group) - 1 else group[k + 1][0]
            reps.append(Replacement(s, e, sep if k == len(group) - 1 else "", "boilerplate:" + rid))
    return reps


def _adjacent_groups(text: str, spans: list[Span]) -> list[list[Span]]:
    """Group sorted spans whose gaps are only spaces or tabs (on one line)."""
    groups: list[list[Span]] = []
    for span in spans:
        if groups:
            prev_end = groups[-1][-1][1]
            gap = text[prev_end : span[0]]
            if span[0] >= prev_end and not gap.strip(" \t"):
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups


def _absorb_space(text: str, s: int, e: int) -> tuple[int, int]:
    """Widen a stripped span by one neighbouring space so no double or dangling space is left."""
    n = len(text)
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < n else "\n"
    if after == " " and before in " \n":
        return s, e + 1
    if before == " " and after in " \n":
        return s - 1, e
    return s, e


def fix_overlaps(reps: list[Replacement]) -> list[Replacement]:
    """Sort and drop replacements overlapping an earlier one (line drops win over spans)."""
    reps = sorted(reps, key=lambda r: (r.start, -(r.end - r.start)))
    out: list[Replacement] = []
    end = -1
    for r in reps:
        if r.start < end:
            continue
        out.append(r)
        end = max(end, r.end)
    return out
