"""Exact duplicate keys: a 64-bit hash of the normalised token stream.

Two documents get the same key when they have the same words in the same order after
normalisation, so whitespace, punctuation, case and digit changes do not hide a copy.
"""

from __future__ import annotations

import xxhash

from saring.dedup.normalize import normalize_paragraph

EMPTY_HASH = 0  # documents without words never match anything


def exact_hash(tokens: list[str]) -> int:
    """xxh3-64 of the space-joined tokens; 0 (no match) for a document without words."""
    if not tokens:
        return EMPTY_HASH
    h = xxhash.xxh3_64_intdigest(" ".join(tokens).encode("utf-8"))
    return h or 1


def paragraph_hash(par: str) -> int:
    """xxh3-64 of a normalised paragraph; 0 when it has no words."""
    key = normalize_paragraph(par)
    if not key:
        return EMPTY_HASH
    return xxhash.xxh3_64_intdigest(key.encode("utf-8")) or 1
