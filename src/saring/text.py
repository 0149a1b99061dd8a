"""Shared fast tokenization, so every step counts words the same way (no spaCy)."""

from __future__ import annotations

import re

# A word: letters/digits with inner hyphens or apostrophes (negara-negara, Jum'at).
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
# Sentence end: . ! ? … followed by space/closing quote or end.
SENT_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")


def words(text: str) -> list[str]:
    """Word tokens of ``text`` (Unicode-aware, punctuation dropped)."""
    return WORD_RE.findall(text)


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs: lines separated by newlines (news scrapes use single newlines)."""
    return [p for p in (s.strip() for s in text.split("\n")) if p]
