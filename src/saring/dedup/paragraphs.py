"""Paragraph-level dedup: drop lines that recur across many distinct documents.

Templates, syndicated footers and newsletter blurbs repeat verbatim (modulo spacing, case and
digits) across outlets. A paragraph is a non-blank line; only lines of at least ``min_chars``
characters are hashed, so short common lines ("Jakarta -", "Baca juga:") are never counted.
Removal deletes the whole line with its newline, merged into as few edits as possible.
"""

from __future__ import annotations

from collections.abc import Container

import xxhash

from saring.dedup.minhash import _TK
from saring.dedup.normalize import line_words, normalize_for_hash, normalized_lines
from saring.document import Replacement

KIND = "dedup:paragraph"


def paragraph_hashes(
    text: str, min_chars: int, normalized: str | None = None
) -> list[tuple[int, int, int]]:
    """``(start, end, hash)`` of every line long enough to be counted.

    ``normalized`` may pass ``normalize_for_hash(text)`` when the caller already has it. The
    compiled kernel (``_c_tokens``) computes the same when the normalised lines align one to
    one with the text's (the reference's own condition for reading them together).
    """
    if _TK is not None:
        norm = normalize_for_hash(text) if normalized is None else normalized
        if norm.count("\n") == text.count("\n"):
            got = _TK.paragraph_hashes(text, norm, min_chars)
            if got is not None:
                return got
    return paragraph_hashes_reference(text, min_chars, normalized)


def paragraph_hashes_reference(
    text: str, min_chars: int, normalized: str | None = None
) -> list[tuple[int, int, int]]:
    """The reference :func:`paragraph_hashes`."""
    out = []
    norm = None
    if normalized is not None and normalized.count("\n") == text.count("\n"):
        norm = normalized.split("\n")
    pos = 0
    for i, line in enumerate(text.split("\n")):
        s = pos
        pos += len(line) + 1
        stripped = line.strip()
        if len(stripped) < min_chars:
            continue
        if norm is None:
            norm = normalized_lines(text)
        key = " ".join(line_words(norm[i]))
        if key:
            s += len(line) - len(line.lstrip())
            out.append((s, s + len(stripped), xxhash.xxh3_64_intdigest(key.encode("utf-8")) or 1))
    return out


def removal_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Widen line spans to whole lines plus one newline, then merge touching spans."""
    n = len(text)
    widened = []
    for s, e in spans:
        ls = text.rfind("\n", 0, s) + 1  # start of the line (drop its indentation too)
        le = text.find("\n", e)
        if le != -1:
            widened.append((ls, le + 1))
        elif ls > 0:
            widened.append((ls - 1, n))  # last line: eat the newline before it
        else:
            widened.append((0, n))
    widened.sort()
    merged: list[tuple[int, int]] = []
    for s, e in widened:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def paragraph_removals(
    text: str, frequent: Container[int], min_chars: int
) -> tuple[list[Replacement], int]:
    """Replacements deleting every frequent paragraph, and how many paragraphs matched."""
    hits = [(s, e) for s, e, h in paragraph_hashes(text, min_chars) if h in frequent]
    if not hits:
        return [], 0
    reps = [Replacement(s, e, "", KIND) for s, e in removal_spans(text, hits)]
    return reps, len(hits)
