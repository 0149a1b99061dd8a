"""Exact duplicate keys: a 64-bit hash of the normalised token stream.

Two documents get the same key when they have the same words in the same order after
normalisation, so whitespace, punctuation, case and digit changes do not hide a copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import xxhash

from saring.dedup.minhash import token_hashes
from saring.dedup.normalize import normalize_paragraph

if TYPE_CHECKING:
    import numpy as np

EMPTY_HASH = 0  # documents without words never match anything


def exact_hash_of(token_hashes: np.ndarray) -> int:
    """xxh3-64 of the token-hash sequence; 0 (no match) for a document without words."""
    if len(token_hashes) == 0:
        return EMPTY_HASH
    return xxhash.xxh3_64_intdigest(token_hashes.tobytes()) or 1


def exact_hash(tokens: list[str]) -> int:
    """:func:`exact_hash_of` for a token list (same value the dedup stage computes)."""
    return exact_hash_of(token_hashes(" ".join(tokens)))


def paragraph_hash(par: str) -> int:
    """xxh3-64 of a normalised paragraph; 0 when it has no words."""
    key = normalize_paragraph(par)
    if not key:
        return EMPTY_HASH
    return xxhash.xxh3_64_intdigest(key.encode("utf-8")) or 1
