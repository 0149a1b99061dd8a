"""What a repetition rule found repeated, looked at again only when the rule fails (issue 17).

The Gopher and FineWeb repetition rules measure repeated n-grams and lines over every token and
line, punctuation included. On short clean texts the repeats they find can be layout, not
content: the borders of a table pasted as text (``+-------+------+``), stanza marks (``***``,
``~ ~ ~``), the blank signature lines of a letter (``(..........)``). Those repeat, but nothing a
reader would call repeated content does. So when a repetition rule fails, the failing measure
is taken again with layout left out (an n-gram with no word token, a line with no letter or
digit, is not a repeat), and the document is rejected only if it still fails; the repeat that
decided is named (``"per kilogram ," x5``) for the rejected document's annotations.

These run only when a rule fails (about 2% of raw web documents), and look in Python only at the
positions where an n-gram repeats (found by the compiled n-gram classes when built).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import filterfalse, islice
from operator import itemgetter
from typing import Any, NamedTuple

import regex

from saring.analysis import Analysis, _kernel_of, count
from saring.quality.textstats import top_ngrams

# Longest repeated text quoted in a description.
_QUOTE = 60


# A character that is not layout: not punctuation, space, control/format, math or modifier
# symbol, box drawing, block element or geometric shape (letters, digits, emoji are text).
_TEXT_CHAR = regex.compile(r"[^\p{P}\p{Z}\p{C}\p{Sm}\p{Sk}\u2500-\u25FF]")


# The ASCII characters that are layout (punctuation, symbols but currency, space, controls).
_ASCII_LAYOUT = "".join(chr(i) for i in range(128) if _TEXT_CHAR.match(chr(i)) is None)


def is_word(token: str) -> bool:
    """A token (or line) with a character that is not layout: a letter, a digit, an emoji. The
    tokenizer's punctuation tokens, table borders (``+-----+``), stanza marks (``***``) and
    blank or whitespace-only lines (``" "``, ``"\\r"``) have none."""
    # plain words and numbers, then ASCII by a C-level strip; the regex decides the rest
    if token.isalnum():
        return True
    if token.isascii():
        return token.strip(_ASCII_LAYOUT) != ""
    return _TEXT_CHAR.search(token, None, None, False) is not None


def layout_tokens(distinct: Iterable[str]) -> set[str]:
    """The layout tokens among ``distinct`` tokens (no letter, digit or other text character);
    the plain words and numbers are passed over by a C-level ``str.isalnum`` filter."""
    return {t for t in filterfalse(str.isalnum, distinct) if not is_word(t)}


def layout_free(tokens: list[str], distinct: Iterable[str], n: int) -> bool:
    """No n-gram of ``tokens`` is made of layout tokens only, and no token is a drawn line
    (:func:`_is_rule`): then the content measures equal Gopher's and need no recount (prose
    has no run of ``n`` punctuation tokens for the n-gram sizes the rules use). ``distinct``:
    the distinct tokens, classified once each; the run test is one C-level pass."""
    layout = layout_tokens(distinct)
    if not layout:
        return True
    if any(len(t) >= _RULE_MIN for t in layout):
        return False
    return b"\x01" * n not in bytes(map(layout.__contains__, tokens))


# Layout characters in a row that make a drawn line or a blank (``.....``, ``_____``, ``-----``);
# shorter runs are punctuation (``...``, ``?!``, ``--``).
_RULE_MIN = 5


def _is_rule(token: str) -> bool:
    """A drawn line or a blank to fill in: ``_RULE_MIN`` or more layout characters, not text."""
    return len(token) >= _RULE_MIN and not is_word(token)


def repeated_starts(tokens: list[str], n: int) -> list[int]:
    """Where the n-grams of ``tokens`` that occur more than once start, in text order (from
    :func:`~saring.quality.textstats.top_ngrams`: the compiled n-gram classes when built), so
    that only repeated positions are looked at in Python."""
    return top_ngrams(tokens, [n])[1]


def _content(gram: tuple[str, ...], memo: dict[str, bool]) -> bool:
    """The n-gram holds a word token (``memo``: :func:`is_word` by token, filled as needed)."""
    for t in gram:
        w = memo.get(t)
        if w is None:
            w = memo[t] = is_word(t)
        if w:
            return True
    return False


def gram_chars(gram: tuple[str, ...]) -> int:
    """The characters an n-gram counts for: its space-joined length (Gopher's), less the drawn
    lines and blanks in it (``Kuasa , ( ________`` counts as ``Kuasa , (``)."""
    kept = [t for t in gram if not _is_rule(t)]
    return len(" ".join(kept))


def top_content_ngram(tokens: list[str], starts: list[int], n: int) -> tuple[int, str, int]:
    """(characters, text, count) of the most frequent repeated n-gram holding a word token
    (ties: the first seen, as ``Counter.most_common``) among the n-grams at ``starts`` (every
    repeated position: :func:`repeated_starts`): the top n-gram measure (length x count) with
    layout left out (n-grams without a word token; drawn lines inside one, see
    :func:`gram_chars`); (0, "", 0) when no such n-gram repeats."""
    memo: dict[str, bool] = {}
    grams = (tuple(tokens[p : p + n]) for p in starts)
    counts = Counter(g for g in grams if _content(g, memo))
    if not counts:
        return 0, "", 0
    gram, count = counts.most_common(1)[0]
    return gram_chars(gram) * count, " ".join(gram), count


def most_repeated_ngram(tokens: list[str], n: int) -> tuple[str, int]:
    """(text, count) of the most frequent n-gram holding a word token that occurs more than
    once in ``tokens`` (a short head of a text: every n-gram is counted), or ("", 0)."""
    memo: dict[str, bool] = {}
    counts = Counter(zip(*(tokens[i:] for i in range(n)), strict=False))
    if not counts:
        return "", 0
    gram, count = max(counts.items(), key=itemgetter(1))  # the first seen of the most frequent
    if count < 2:
        return "", 0
    if _content(gram, memo):
        return " ".join(gram), count
    for gram, count in counts.most_common():
        if count < 2:
            break
        if _content(gram, memo):
            return " ".join(gram), count
    return "", 0


def first_repeated_ngram(tokens: list[str], n: int) -> tuple[str, str]:
    """(text, count) of the first n-gram holding a word token that is seen a second time,
    reading from the start, with its count over all ``tokens`` (:func:`count_ngram`); ("",
    "0") if none repeats. On a repetitive text the second sighting comes early (legal texts:
    ~150 tokens in), so a long text is not read whole."""
    memo: dict[str, bool] = {}
    seen: set[tuple[str, ...]] = set()
    for gram in zip(*(islice(tokens, k, None) for k in range(n)), strict=False):
        if gram in seen and _content(gram, memo):
            return " ".join(gram), count_ngram(tokens, gram)
        seen.add(gram)
    return "", "0"


# Tokens in which :func:`count_ngram` counts (a longer text gets "at least" counts).
_COUNT_SPAN = 2048


def count_ngram(tokens: list[str], gram: tuple[str, ...]) -> str:
    """Occurrences (overlapping) of ``gram`` in the first ``_COUNT_SPAN`` tokens, as text with
    ``+`` when the text is longer (at least that many), found from the n-gram's longest token
    (usually the rarest) by C-level ``list.index``."""
    k = max(range(len(gram)), key=lambda i: len(gram[i]))
    anchor, want, n = gram[k], list(gram), len(gram)
    end = min(len(tokens), _COUNT_SPAN)
    count, i = 0, k - 1
    while True:
        try:
            i = tokens.index(anchor, i + 1, end)
        except ValueError:
            return f"{count}+" if len(tokens) > end else str(count)
        if i >= k and tokens[i - k : i - k + n] == want:
            count += 1


def dup_content_chars(tokens: list[str], starts: list[int], n: int) -> int:
    """Gopher's greedy duplicate n-gram characters (left to right, a repeat counts its
    characters and skips ``n`` positions; skipped n-grams are not remembered), a layout n-gram
    counting for nothing and a drawn line inside one for nothing (:func:`gram_chars`). Only
    repeated n-grams can count, so the scan visits their ``starts`` (:func:`repeated_starts`)."""
    memo: dict[str, bool] = {}
    seen: set[tuple[str, ...]] = set()
    chars = next_free = 0
    for p in starts:
        if p < next_free:
            continue
        gram = tuple(tokens[p : p + n])
        if gram in seen:
            if _content(gram, memo):
                chars += gram_chars(gram)
            next_free = p + n
        else:
            seen.add(gram)
    return chars


def gopher_lines(lines: list[str]) -> list[str]:
    """Gopher's lines (``re.split(r"\\n+", text)``, :func:`~saring.quality.textstats.split_lines`)
    from the text's ``text.split("\\n")``, already made: the empty lines go, except the first and
    the last (a regex split of a court text costs ~60 instructions a character)."""
    if len(lines) < 2:
        return list(lines)
    return [lines[0], *filter(None, lines[1:-1]), lines[-1]]


def line_repeats(lines: Iterable[str], *, blank: bool) -> tuple[int, int, tuple[str, int] | None]:
    """(repeats, characters of the repeats) of the lines without a letter or digit, first
    occurrences excluded (what a duplicate-line measure counts that is layout), and the most
    repeated line that holds one with its count (ties: the first seen; None if none repeats).
    ``blank``: whether the measure counts blank lines (Gopher's lines keep whitespace-only
    ones; FineWeb's are the non-blank lines). One count of the lines; each distinct line is
    classified once (a court text has thousands)."""
    n_layout = chars = 0
    top, top_count = "", 1
    for line, c in count(lines).items():  # by first occurrence
        if is_word(line):
            if c > top_count:
                top, top_count = line, c
        elif blank or line.strip():
            n_layout += c - 1
            chars += (c - 1) * len(line)
    return n_layout, chars, ((top, top_count) if top_count > 1 else None)


class TypeView(NamedTuple):
    """A text as the compiled kernel made its tokens: type ids (``info``) and the distinct
    tokens they index (``types``), with the layout among them: the second look then runs on
    ids, without the list of every token (a court text: thousands)."""

    kernel: Any
    info: Any
    types: list[str]
    layout: list[int]  # ids of the layout types (no letter, digit or other text character)
    flags: bytes  # one byte a type, 1 for layout; b"" when there is none


def type_view(st: Analysis) -> TypeView | None:
    """The :class:`TypeView` of a text the kernel tokenized, else None (the token-list path).
    The plain words are passed over in C (a type with a letter or digit is a word)."""
    info = st.token_info
    types = st.distinct_tokens
    if info is None or not isinstance(types, list):
        return None
    k = _kernel_of(info)
    layout = [i for i in k.no_alnum(types) if not is_word(types[i])]
    flags = b""
    if layout:
        marks = bytearray(len(types))
        for i in layout:
            marks[i] = 1
        flags = bytes(marks)
    return TypeView(k, info, types, layout, flags)


def view_layout_free(view: TypeView, n: int) -> bool:
    """:func:`layout_free` on a :class:`TypeView` (the run test over the ids, in C)."""
    if not view.layout:
        return True
    if any(len(view.types[i]) >= _RULE_MIN for i in view.layout):
        return False
    return not view.kernel.layout_run(view.info, view.flags, n)


def view_repeated_starts(view: TypeView, n: int) -> list[int]:
    """:func:`repeated_starts` from the text's own ids (no re-interning of its tokens)."""
    return view.kernel.ngrams(view.info, [n], (), True)[2]


def view_first_repeated_ngram(view: TypeView, n: int) -> tuple[str, str]:
    """:func:`first_repeated_ngram` on a :class:`TypeView`: the same gram and count, found
    and counted over the type ids in C."""
    found = view.kernel.first_repeat(view.info, view.types, n, view.flags, _COUNT_SPAN)
    if found is None:
        return "", "0"
    gram, count, more = found
    return " ".join(gram), f"{count}+" if more else str(count)


def quote(text: str, count: int | str) -> str:
    """``"text" xN``, the text cut to a readable length."""
    text = " ".join(text.split())
    if len(text) > _QUOTE:
        text = text[: _QUOTE - 3] + "..."
    return f'"{text}" x{count}'
