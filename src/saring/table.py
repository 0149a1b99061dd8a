"""Read-only str -> value tables as one flat buffer, read in place (``saring._c_table.Table``).

Why: marshal-loading repair's big dicts builds ~100k objects per process, and pool workers
each copy those objects' pages (reference counts are writes). A table mapped from a file is
built once, costs nothing to open and stays shared. :func:`encode` writes the layout the C
type reads (see ``_c_table.c``); :func:`open_table` returns the C table, or the given dict
when the kernel is absent (same results: tests compare them key by key).
"""

from __future__ import annotations

import struct
from typing import Any

KINDS = {float: 0, int: 1, tuple: 2}


def fnv1a(data: bytes) -> int:
    """The kernel's hash of a key's UTF-8 bytes (32-bit FNV-1a)."""
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def kind_of(table: dict[str, Any]) -> int | None:
    """The value kind of ``table`` (None when the kernel cannot hold it exactly)."""
    kinds = {KINDS.get(type(v)) for v in table.values()} or {0}
    if len(kinds) != 1 or None in kinds or not all(type(k) is str for k in table):
        return None
    kind = kinds.pop()
    if kind == 2 and not all(len(v) == 2 and all(type(x) is int and -2**31 <= x < 2**31 for x in v)
                             for v in table.values()):
        return None
    if kind == 1 and not all(-2**63 <= v < 2**63 for v in table.values()):
        return None
    return kind


def _value(kind: int, v: Any) -> bytes:
    if kind == 0:
        return struct.pack("=d", v)
    if kind == 1:
        return struct.pack("=q", v)
    return struct.pack("=ii", *v)


def encode(table: dict[str, Any]) -> bytes | None:
    """``table`` in the C layout, or None when it cannot be held exactly (other value types,
    keys UTF-8 cannot encode)."""
    kind = kind_of(table)
    if kind is None:
        return None
    try:
        keys = [k.encode("utf-8") for k in table]
    except UnicodeEncodeError:
        return None
    n = len(keys)
    nb = 8
    while nb < 2 * n + 1:
        nb *= 2
    buckets = [0] * nb
    entries = bytearray()
    blob = bytearray()
    for i, (kb, v) in enumerate(zip(keys, table.values(), strict=True)):
        h = fnv1a(kb)
        b = h & (nb - 1)
        while buckets[b]:
            b = (b + 1) & (nb - 1)
        buckets[b] = i + 1
        entries += struct.pack("=IIII", len(blob), len(kb), h, int(kb.isascii())) + _value(kind, v)
        blob += kb
    head = b"SRT1" + struct.pack("=III", kind, n, nb) + struct.pack(f"={nb}I", *buckets)
    head += b"\0" * (-len(head) % 8)
    return bytes(head + entries + blob)


def open_table(buf: Any, fallback: dict[str, Any]) -> Any:
    """The C table over ``buf``, or ``fallback`` (the dict) when the kernel is absent."""
    try:
        from saring._c_table import Table
    except ImportError:
        return fallback
    return Table(buf)
