"""Text scans shared by the chain's steps: the pure-Python reference of ``saring._c_scan``.

Each function here is the definition; the compiled kernel (``saring.compiled.load``) computes
the same value in one C pass and is used when built. ``tests/test_scan_kernel.py`` compares
the two on adversarial text.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import Any

from saring.compiled import load

__all__ = ["any_lower_in", "count_members", "gopher_marks", "lower_hits", "lower_table", "member_table", "needles_present"]


def needles_present_py(text: str, needles: tuple[str, ...]) -> int:
    """Bit ``i`` set iff ``needles[i] in text`` (at most 64 needles)."""
    if len(needles) > 64:
        raise ValueError("needles_present: at most 64 needles")
    return sum(1 << i for i, nd in enumerate(needles) if nd in text)


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


_K = load("saring._c_scan")
needles_present = _K.needles_present if _K is not None else needles_present_py
lower_table = _K.lower_table if _K is not None else lower_table_py
any_lower_in = _K.any_lower_in if _K is not None else any_lower_in_py
lower_hits = _K.lower_hits if _K is not None else lower_hits_py
member_table = _K.member_table if _K is not None else member_table_py
count_members = _K.count_members if _K is not None else count_members_py
gopher_marks = _K.gopher_marks if _K is not None else gopher_marks_py
