"""Which whole-line rules a line can match at all, for every line of a text in one pass.

``LineAlternation.match`` answers one line at a time from its first character and length; on a
news document most lines (body paragraphs) still reach a few failing regexes (``caption_credit``
starts with ``[^\\n]``, so it fits every line up to its width), and Python pays a call, a memo
look-up and the dispatch per line twice (line rules, shape classes). Here each rule also gets
the strings every match of it must hold (``needle_dnf``: per top-level alternative, sets of
literal runs of which one must occur), and one pass over the text (``line_candidates``: the
compiled kernel ``_c_boiler.line_candidates`` or :func:`line_candidates_py`, its reference)
returns, per line, the rules that start with its first character, fit its length and find their
strings. Python then visits only lines with a candidate, trying only those rules, in order.

Exact because every filter only removes rules that cannot match: a literal outside
ignore-case must occur as written; an ignore-case ASCII literal must occur in the line *folded*
(``fold``: ASCII lower-case, and the non-ASCII characters ``re`` matches to an ASCII letter
under ignore-case, K (Kelvin) -> k, U+0130 -> i, U+0131 -> i, U+017F -> s, mapped to it; any
other character folds to ``\\x80``, which no needle holds). ``tests/test_boilerplate_linescan.py``
checks the folding against ``re`` on every code point.
"""

from __future__ import annotations

from dataclasses import dataclass
from re import _constants as sre  # noqa: PLC2701 - the stdlib's parse-tree opcodes
from re import _parser  # noqa: PLC2701 - the stdlib regex parser
from typing import Any

Needle = tuple[str, bool]  # (text, ignore-case: the text is lower-case ASCII, matched folded)
Conj = tuple[frozenset[Needle], ...]  # every set must have one of its needles in the line
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_CLASS_MAX = 16  # a literal class with more characters than this gives no needle set
_KEEP = 3  # needle sets kept per alternative (the longest needles are the most selective)
_BIG = 2**62
_FOLD_EXTRA = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def class_members(items: list, limit: int) -> list[str] | None:
    """The characters of a parsed class made only of literals and ranges, at most ``limit`` of
    them; None for negation, categories or more characters."""
    chars: list[str] = []
    for iop, iav in items:
        if iop is sre.LITERAL:
            chars.append(chr(iav))
        elif iop is sre.RANGE and iav[1] - iav[0] < limit:
            chars.extend(chr(c) for c in range(iav[0], iav[1] + 1))
        else:
            return None  # negation, categories, huge ranges
        if len(chars) > limit:
            return None
    return chars


def fold_char(c: str) -> str:
    """One character as the ignore-case needles see it (see the module docstring)."""
    if c.isascii():
        return c.lower()
    extra = _FOLD_EXTRA.get(c)
    if extra is not None:
        return extra
    low = c.lower()
    return low if len(low) == 1 and low.isascii() else "\x80"


def fold(text: str) -> str:
    """``text`` folded character by character (same length)."""
    return "".join(map(fold_char, text))


def _score(s: frozenset[Needle]) -> tuple[int, int]:
    return (min(len(t) for t, _ in s), -len(s))


def _sets(seq: list, flags: int, out: list[frozenset[Needle]]) -> None:
    """Append needle sets such that every match of ``seq`` holds a needle of each."""
    run: list[str] = []
    run_ci = False

    def flush() -> None:
        if run:
            out.append(frozenset({("".join(run), run_ci)}))
            run.clear()

    for op, av in seq:
        ci = bool(flags & sre.SRE_FLAG_IGNORECASE)
        if op is sre.LITERAL:
            c = chr(av)
            if ci and not c.isascii():
                flush()
                continue
            if run and ci != run_ci:
                flush()
            run.append(c.lower() if ci else c)
            run_ci = ci
            continue
        flush()
        if op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            _sets(list(sub), (flags | add) & ~remove, out)
        elif op is sre.ATOMIC_GROUP:
            _sets(list(av), flags, out)
        elif op in _REPEATS and av[0] >= 1:
            _sets(list(av[2]), flags, out)
        elif op is sre.IN and not ci:
            chars = class_members(list(av), _CLASS_MAX)
            if chars:
                out.append(frozenset((c, False) for c in chars))
        elif op is sre.BRANCH:
            union: set[Needle] = set()
            for alt in av[1]:
                sub_sets: list[frozenset[Needle]] = []
                _sets(list(alt), flags, sub_sets)
                if not sub_sets:
                    break  # an alternative without a needle: the branch gives no set
                union |= max(sub_sets, key=_score)
            else:
                out.append(frozenset(union))
    flush()


def _best(sets: list[frozenset[Needle]]) -> Conj:
    """The ``_KEEP`` most selective sets (longest shortest needle), cheapest (fewest needles)
    first: a line failing one of them costs fewer needle tests."""
    return tuple(sorted(sorted(set(sets), key=_score, reverse=True)[:_KEEP], key=len))


def needle_dnf(pattern: str | _parser.SubPattern, marks: tuple[str, ...] = ()) -> tuple[Conj, ...] | None:
    """Per top-level alternative of ``pattern``, needle sets every match of that alternative
    satisfies (each set has a needle in the match); None when some alternative has none (the
    rule is then tried on every line its first character and width allow). ``marks``
    (``dispatch.required_marks``: characters every match holds one of) join every alternative."""
    parsed = pattern if isinstance(pattern, _parser.SubPattern) else _parser.parse(pattern)
    flags = parsed.state.flags
    if flags & (sre.SRE_FLAG_LOCALE | sre.SRE_FLAG_VERBOSE):
        return None
    seq = list(parsed)
    while len(seq) == 1 and seq[0][0] is sre.SUBPATTERN:
        _group, add, remove, sub = seq[0][1]
        flags = (flags | add) & ~remove
        seq = list(sub)
    at = next((k for k, (op, _av) in enumerate(seq) if op is sre.BRANCH), None)
    common: list[frozenset[Needle]] = [frozenset((c, False) for c in m) for m in marks]
    if at is None:
        alts = [seq]
    else:
        alts = [list(alt) for alt in seq[at][1][1]]
        _sets(seq[:at], flags, common)
        _sets(seq[at + 1:], flags, common)
    out: list[Conj] = []
    for alt in alts:
        sets = list(common)
        _sets(alt, flags, sets)
        if not sets:
            return None
        out.append(_best(sets))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ProseFilter:
    """The shape pass's "long or sentence-shaped line" test (``ShapeFurniture.classify``): such
    a line is furniture only when its first word is one of ``first_words`` or it holds one of
    ``marks``. :meth:`rejects` is that test; :meth:`surely_rejects` is the part of it the
    kernel applies (a first word with a non-ASCII character is never rejected there: ASCII
    lower-casing is all it does), so a line it rejects gets no candidates at all."""

    max_len: int  # a longer line is "long"
    ends: str  # a line ending in one of these ...
    min_spaces: int  # ... with at least this many spaces is sentence-shaped
    first_words: frozenset[str]  # lower-case ASCII
    lstrip: str  # the first word (up to the first space) stripped of these on the left ...
    rstrip: str  # ... and of these on the right
    marks: tuple[str, ...]

    def first_word(self, line: str) -> str:
        return line.split(" ", 1)[0].lstrip(self.lstrip).rstrip(self.rstrip)

    def rejects(self, line: str) -> bool:
        """A prose-like line whose first word and marks do not make it furniture (one call:
        ``classify`` asks it of every line with a candidate class)."""
        if len(line) <= self.max_len and (line[-1] not in self.ends or line.count(" ") < self.min_spaces):
            return False
        for m in self.marks:
            if m in line:
                return False
        return self.first_word(line).lower() not in self.first_words

    def surely_rejects(self, line: str) -> bool:
        """:meth:`rejects` for a line whose first word is ASCII, False otherwise."""
        return self.first_word(line).isascii() and self.rejects(line)

    def spec(self) -> tuple:
        """The filter as ``_c_boiler.line_spec`` takes it."""
        return (self.max_len, self.ends, self.min_spaces, tuple(sorted(self.first_words)),
                self.lstrip, self.rstrip, self.marks)


def kernel_spec(
    dnfs: list[tuple[Conj, ...] | None], ascii_masks: list[int], other_mask: int,
    widths: list[tuple[int, int]], prose: ProseFilter | None = None,
) -> tuple:
    """What ``_c_boiler.line_spec`` (and :func:`line_candidates_py`) take: the first-character
    masks (bit k: rule k can start with the character; ``other_mask`` for every non-ASCII
    character), the (shortest, longest) width per rule, per rule its DNF as needle indices
    (None: no needle filter), the needles and the ``ProseFilter`` (or None): a line it
    :meth:`~ProseFilter.surely_rejects` gets no candidates."""
    needles: dict[Needle, int] = {}
    ids: list[tuple[tuple[tuple[int, ...], ...], ...] | None] = []
    for dnf in dnfs:
        if dnf is None:
            ids.append(None)
            continue
        ids.append(tuple(
            tuple(tuple(needles.setdefault(nd, len(needles)) for nd in sorted(s)) for s in conj)
            for conj in dnf
        ))
    # widths clipped to what a Py_ssize_t holds (no line is longer)
    widths = [(min(lo, _BIG), min(hi, _BIG)) for lo, hi in widths]
    return (tuple(ascii_masks), other_mask, tuple(widths), tuple(ids), tuple(needles), prose)


def _present(nd: Needle, line: str, folded: list[str | None]) -> bool:
    text, ci = nd
    if not ci:
        return text in line
    if folded[0] is None:
        folded[0] = fold(line)
    return text in folded[0]


def line_candidates_py(spec: tuple, text: str, strip: bool) -> list[tuple[int, ...] | bool | None]:
    """Per line of ``text`` (split on ``\\n``): None when no rule can match it (or it is blank),
    True when the caller must use ``LineAlternation.match`` (``strip`` off and the line starts
    with a space or tab), else the indices of the rules that can, in rule order. With
    ``strip`` the line is first stripped as ``str.strip()`` does (the shape pass)."""
    ascii_masks, other_mask, widths, dnfs, needles, prose = spec
    out: list[tuple[int, ...] | bool | None] = []
    for line in text.split("\n"):
        if strip:
            line = line.strip()
        if not line:
            out.append(None)
            continue
        ch = line[0]
        if not strip and ch in " \t":
            out.append(True)
            continue
        if prose is not None and prose.surely_rejects(line):
            out.append(None)
            continue
        mask = ascii_masks[ord(ch)] if ch.isascii() else other_mask
        n = len(line)
        core = len(line.rstrip(" \t"))
        folded: list[str | None] = [None]
        cands = []
        k = 0
        while mask:
            if mask & 1:
                lo, hi = widths[k]
                if lo <= n and core <= hi and _dnf_holds(dnfs[k], needles, line, folded):
                    cands.append(k)
            mask >>= 1
            k += 1
        out.append(tuple(cands) if cands else None)
    return out


def _dnf_holds(dnf: Any, needles: tuple[Needle, ...], line: str, folded: list[str | None]) -> bool:
    if dnf is None:
        return True
    return any(
        all(any(_present(needles[i], line, folded) for i in s) for s in conj) for conj in dnf
    )
