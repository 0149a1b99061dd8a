"""What a repetition rule found repeated, looked at again only when the rule fails (issue 17).

The Gopher and FineWeb repetition rules measure repeated n-grams and lines over every token and
line, punctuation included. On short clean texts the repeats they find can be layout, not
content: the borders of a table pasted as text (``+-------+------+``), stanza marks (``***``,
``~ ~ ~``), the blank signature lines of a letter (``(..........)``). Those repeat, but nothing a
reader would call repeated content does. So when a repetition rule fails, the failing measure
is taken again with layout left out (an n-gram with no word token, a line with no letter or
digit, is not a repeat), and the document is rejected only if it still fails; the repeat that
decided is named (``"per kilogram ," x5``) for the rejected document's annotations.

These functions run only on a rule's failure (under 1% of documents), so they are plain Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

# Longest repeated text quoted in a description.
_QUOTE = 60


def is_word(token: str) -> bool:
    """A token with a letter or digit (the tokenizer's punctuation and symbol tokens have none)."""
    return any(ch.isalnum() for ch in token)


def _is_rule(token: str) -> bool:
    """A run of three or more symbols without a letter or digit (``____``, ``.....``, ``***``,
    ``-----``): a drawn line or a blank to fill in, not text."""
    return len(token) >= 3 and not is_word(token)


def _content_grams(tokens: Sequence[str], n: int) -> list[tuple[str, ...] | None]:
    """The n-grams of ``tokens`` by start, ``None`` for those without a word token."""
    words = [is_word(t) for t in tokens]
    grams: list[tuple[str, ...] | None] = []
    for i in range(len(tokens) - n + 1):
        grams.append(tuple(tokens[i : i + n]) if any(words[i : i + n]) else None)
    return grams


def gram_chars(gram: tuple[str, ...]) -> int:
    """The characters an n-gram counts for: its space-joined length (Gopher's), less the drawn
    lines and blanks in it (``Kuasa , ( ________`` counts as ``Kuasa , (``)."""
    kept = [t for t in gram if not _is_rule(t)]
    return len(" ".join(kept))


def _most_repeated(items: Iterable[tuple[str, ...] | str | None]) -> tuple[tuple[str, ...] | str, int] | None:
    """The most frequent item occurring at least twice (ties: the first seen, as
    ``Counter.most_common``), ignoring ``None``; None when nothing repeats."""
    counts = Counter(x for x in items if x is not None)
    if not counts:
        return None
    item, count = counts.most_common(1)[0]
    return (item, count) if count > 1 else None


def top_content_ngram(tokens: Sequence[str], n: int) -> tuple[int, str, int]:
    """(characters, text, count) of the most frequent repeated n-gram holding a word token:
    the top n-gram measure (length x count) with layout left out (n-grams without a word token;
    drawn lines inside one, see :func:`gram_chars`); (0, "", 0) when no such n-gram repeats."""
    found = _most_repeated(_content_grams(tokens, n))
    if found is None:
        return 0, "", 0
    gram, count = found
    return gram_chars(gram) * count, " ".join(gram), count


def dup_content_chars(tokens: Sequence[str], n: int) -> int:
    """Gopher's greedy duplicate n-gram characters (left to right, a repeat counts its
    characters and skips ``n`` positions) with layout n-grams never counted as repeats."""
    grams = _content_grams(tokens, n)
    seen: set[tuple[str, ...]] = set()
    chars = 0
    i = 0
    while i < len(grams):
        gram = grams[i]
        if gram is None:
            i += 1
        elif gram in seen:
            chars += gram_chars(gram)
            i += n
        else:
            seen.add(gram)
            i += 1
    return chars


def layout_line_repeats(lines: Iterable[str], *, blank: bool) -> tuple[int, int]:
    """(repeats, characters of the repeats) of the lines without a letter or digit, first
    occurrences excluded: what a duplicate-line measure counts that is layout. ``blank``:
    whether the measure counts blank lines (Gopher's lines keep whitespace-only ones; FineWeb's
    are the non-blank lines)."""
    counts = Counter(line for line in lines if not is_word(line) and (blank or line.strip()))
    repeats = sum(c - 1 for c in counts.values())
    chars = sum((c - 1) * len(line) for line, c in counts.items())
    return repeats, chars


def top_content_line(lines: Iterable[str]) -> tuple[str, int] | None:
    """The most repeated line that holds a letter or digit, with its count; None if none repeats."""
    found = _most_repeated(line for line in lines if is_word(line))
    return None if found is None else (str(found[0]), found[1])


def quote(text: str, count: int) -> str:
    """``"text" xN``, the text cut to a readable length."""
    text = " ".join(text.split())
    if len(text) > _QUOTE:
        text = text[: _QUOTE - 3] + "..."
    return f'"{text}" x{count}'
