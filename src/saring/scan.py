"""Text scans shared by the chain's steps: the pure-Python reference of ``saring._c_scan``.

Each function here is the definition; the compiled kernel (``saring.compiled.load``) computes
the same value in one C pass and is used when built. ``tests/test_scan_kernel.py`` compares
the two on adversarial text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice, repeat
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser
from typing import Any

from saring.compiled import load

__all__ = ["any_lower_in", "class_positions", "class_ranges", "class_table", "count_members", "gopher_marks", "line_end_count", "lower_hits", "lower_needles_present", "lower_table", "member_table", "needles_present", "number_runs"]


def needles_present_py(text: str, needles: tuple[str, ...]) -> int:
    """Bit ``i`` set iff ``needles[i] in text`` (at most 64 needles)."""
    if len(needles) > 64:
        raise ValueError("needles_present: at most 64 needles")
    return sum(1 << i for i, nd in enumerate(needles) if nd in text)


def lower_needles_present_py(text: str, needles: tuple[str, ...]) -> int:
    """:func:`needles_present_py` of ``text.lower()`` (the kernel lowers an ASCII text as it
    reads it, without the lowered copy)."""
    return needles_present_py(text.lower(), needles)


def lower_table_py(targets: frozenset[str]) -> Any:
    """What :func:`any_lower_in` and :func:`lower_hits` look tokens up in (the kernel builds a
    table of the ASCII targets once; here it is the frozenset itself)."""
    if not isinstance(targets, frozenset) or not all(isinstance(t, str) for t in targets):
        raise TypeError("lower_table: targets must be a frozenset of str")
    return targets


def any_lower_in_py(tokens: Iterable[str], table: Any) -> bool:
    """Whether some token, lowered (``str.lower``), is one of the table's targets."""
    return not table.isdisjoint(map(str.lower, tokens))


def lower_hits_py(tokens: Iterable[str], table: Any) -> set[str]:
    """The targets that some token, lowered, equals."""
    return set(table.intersection(map(str.lower, tokens)))


def member_table_py(targets: frozenset[str]) -> Any:
    """What :func:`count_members` looks items up in (exact, no lowering; the kernel's table of
    the ASCII targets, here the frozenset itself)."""
    return lower_table_py(targets)


def count_members_py(items: Iterable[Any], table: Any) -> int:
    """How many of ``items`` are targets (``len(targets & set(items))`` for distinct items)."""
    return sum(map(table.__contains__, items))


def gopher_marks_py(text: str) -> tuple[int, int, int, int, int, int]:
    """Over ``text.splitlines()``: the lines, those starting with ``-``/``•`` once left-stripped,
    those ending with ``...``/``…`` once right-stripped; then ``text.count`` of ``#``, ``...``
    and ``…`` (Gopher's bullet, ellipsis and hash rules)."""
    lines = text.splitlines()
    return (
        len(lines),
        sum(map(str.startswith, map(str.lstrip, lines), repeat(("•", "-")))),
        sum(map(str.endswith, map(str.rstrip, lines), repeat(("...", "…")))),
        text.count("#"), text.count("..."), text.count("…"),
    )



def line_end_count_py(text: str, chars: str) -> int:
    """How many lines of ``text.split("\\n")`` end with one of ``chars`` (distinct, sorted)."""
    if any(a >= b for a, b in zip(chars, chars[1:], strict=False)):
        raise ValueError("line_end_count: chars must be distinct and sorted")
    ends = frozenset(chars)
    return sum(1 for line in text.split("\n") if line and line[-1] in ends)



_MAX_CP = 0x10FFFF


def class_ranges(pattern: re.Pattern[str]) -> tuple[tuple[int, int], ...] | None:
    """The code points a pattern made of one character class (``[...]``, ``[^...]`` or one
    literal) matches, as sorted, disjoint, inclusive ranges; None for anything else (categories
    such as ``\\w``, case folding, more than one element), which :func:`class_positions` then
    leaves to the regex. Read off ``re``'s own parse of the pattern."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    items = _parser.parse(pattern.pattern, pattern.flags).data
    if len(items) != 1:
        return None
    op, av = items[0]
    negate = False
    spans: list[tuple[int, int]] = []
    if op in (_C.LITERAL, _C.NOT_LITERAL):
        spans.append((av, av))
        negate = op == _C.NOT_LITERAL
    elif op == _C.IN:
        for o, a in av:
            if o == _C.NEGATE:
                negate = True
            elif o == _C.LITERAL:
                spans.append((a, a))
            elif o == _C.RANGE:
                spans.append((a[0], a[1]))
            else:
                return None
    else:
        return None
    merged: list[list[int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    if not negate:
        return tuple((lo, hi) for lo, hi in merged)
    out: list[tuple[int, int]] = []
    nxt = 0
    for lo, hi in merged:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= _MAX_CP:
        out.append((nxt, _MAX_CP))
    return tuple(out)


def class_table_py(ranges: tuple[tuple[int, int], ...]) -> Any:
    """What :func:`class_positions` reads: here the class rebuilt as a regex from the ranges."""
    prev = -1
    for lo, hi in ranges:
        if not (0 <= lo <= hi <= _MAX_CP) or lo <= prev:
            raise ValueError("class_table: ranges must be sorted, disjoint, within 0..0x10FFFF")
        prev = hi
    body = "".join(re.escape(chr(lo)) + ("-" + re.escape(chr(hi)) if hi > lo else "") for lo, hi in ranges)
    return re.compile(f"[{body}]") if body else re.compile("(?!)")


def class_positions_py(text: str, table: Any, start: int, limit: int) -> list[int]:
    """Offsets ``>= start`` of the characters of ``text`` in the class, at most ``limit``."""
    return [m.start() for m in islice(table.finditer(text, max(start, 0)), max(limit, 0))]



def number_runs_py(text: str, min_inner: int) -> list[tuple[int, int]]:
    """Spans of the matches of ``[0-9][0-9.\\-() \\u2013]{min_inner,}[0-9]`` (PII's number gate)."""
    if min_inner < 0:
        raise ValueError("number_runs: min_inner must be >= 0")
    pattern = re.compile(rf"[0-9][0-9.\-() \u2013]{{{min_inner},}}[0-9]")
    return [m.span() for m in pattern.finditer(text)]


_K = load("saring._c_scan")
needles_present = _K.needles_present if _K is not None else needles_present_py
lower_needles_present = _K.lower_needles_present if _K is not None else lower_needles_present_py
lower_table = _K.lower_table if _K is not None else lower_table_py
any_lower_in = _K.any_lower_in if _K is not None else any_lower_in_py
lower_hits = _K.lower_hits if _K is not None else lower_hits_py
member_table = _K.member_table if _K is not None else member_table_py
count_members = _K.count_members if _K is not None else count_members_py
gopher_marks = _K.gopher_marks if _K is not None else gopher_marks_py
line_end_count = _K.line_end_count if _K is not None else line_end_count_py
class_table = _K.class_table if _K is not None else class_table_py
class_positions = _K.class_positions if _K is not None else class_positions_py
number_runs = _K.number_runs if _K is not None else number_runs_py
