"""Whole-line alternations that try, for each line, only the rules that can start with its first
character and fit its length.

The line rules (``rules.tsv``) and the shape classes (``shape.tsv``) are each one alternation of
40-80 named rules matched against whole lines. One combined regex tries every alternative at
every line, ~10-20 us per short line whatever it holds, so a page of many short lines cost
~40 ms per 10 KB. Here the first characters each rule can start with are read off the parsed
pattern (``re._parser``, the stdlib's own parse tree), and each line is tried against the rules
that can start with its first character and whose match width fits the line, one by one, in
rule order. That gives the same rule as the combined regex: for a line that does not start with
a space or tab, the combined regex also takes the first alternative (in order) that can match
the whole line. Lines starting with a space or tab use the combined regex itself.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from re import _constants as sre  # noqa: PLC2701 - the stdlib's parse-tree opcodes
from re import _parser  # noqa: PLC2701 - the stdlib regex parser (getwidth, parse tree)
from typing import Any

from saring.boilerplate import linescan
from saring.compiled import load
from saring.scan import needles_present

_K = load("saring.boilerplate._c_boiler")  # needle_starts in one C call
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_MAX_CACHED = 65_536
_SHORT = 100  # lines up to this length get their candidate list cached per (first char, length)
SHORT = _SHORT
_MEMO_LEN = 160  # results for lines up to this length are remembered (furniture lines repeat) ...
_MEMO_SIZE = 20_000  # ... in a memo cleared when it holds this many (a pure function's memo)
_MISSING = object()


class _Unknown(Exception):
    """A construct whose first characters are not worked out: the rule is tried on every line."""


def _one_char(body: str, flags: int) -> str:
    """A one-character pattern under the flags in force where it occurs."""
    if flags & (sre.SRE_FLAG_LOCALE | sre.SRE_FLAG_VERBOSE):
        raise _Unknown
    inline = ("i" if flags & sre.SRE_FLAG_IGNORECASE else "") + ("a" if flags & sre.SRE_FLAG_ASCII else "")
    return f"(?{inline}:{body})" if inline else f"(?:{body})"


def _char_class(items: list, flags: int) -> str:
    parts: list[str] = []
    for op, av in items:
        if op is sre.NEGATE:
            parts.insert(0, "^")
        elif op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _Unknown
    return _one_char("[" + "".join(parts) + "]", flags)


def _wide_class(items: list) -> bool:
    """A class that may match a non-ASCII character (negated, categories, non-ASCII items)."""
    for op, av in items:
        if op is sre.LITERAL and av < 128 or op is sre.RANGE and av[1] < 128:
            continue
        return True
    return False


def _first(seq: list, flags: int, out: list[str], wide: list[bool] | None = None) -> bool:
    """Append to ``out`` one-character patterns covering every character a non-empty match of
    ``seq`` can start with; return whether ``seq`` can match the empty string. ``wide[0]``
    is set when one of them may be a non-ASCII character (ignore-case counts as may)."""
    ci = flags & sre.SRE_FLAG_IGNORECASE
    for op, av in seq:
        if op is sre.LITERAL:
            out.append(_one_char(re.escape(chr(av)), flags))
            if wide is not None and (ci or av >= 128):
                wide[0] = True
            return False
        if op is sre.NOT_LITERAL:
            out.append(_one_char(f"[^{re.escape(chr(av))}]", flags))
            if wide is not None:
                wide[0] = True
            return False
        if op is sre.ANY:
            out.append(_one_char("(?s:.)", flags))
            if wide is not None:
                wide[0] = True
            return False
        if op is sre.IN:
            out.append(_char_class(av, flags))
            if wide is not None and (ci or _wide_class(av)):
                wide[0] = True
            return False
        if op is sre.BRANCH:
            nullable = False
            for alt in av[1]:
                nullable |= _first(alt, flags, out, wide)
            if not nullable:
                return False
        elif op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            if not _first(sub, (flags | add) & ~remove, out, wide):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _first(av, flags, out, wide):
                return False
        elif op in _REPEATS:
            lo, hi, sub = av
            if hi == 0:
                continue
            if not _first(sub, flags, out, wide) and lo > 0:
                return False
        elif op in _ZERO_WIDTH:
            continue  # a lookaround or anchor constrains, never consumes: over-inclusive is safe
        else:
            raise _Unknown
    return True


def _parsed(pattern: str | _parser.SubPattern) -> _parser.SubPattern:
    """The parse tree of ``pattern`` (a tree is passed through: one parse serves every walk)."""
    return pattern if isinstance(pattern, _parser.SubPattern) else _parser.parse(pattern)


def first_chars(pattern: str | _parser.SubPattern, wide: list[bool] | None = None) -> str | None:
    """A pattern matching exactly one character, covering every character a non-empty match of
    ``pattern`` can start with (it may cover more); None when any character may start one.
    ``wide[0]`` is set when a non-ASCII character may start one (always when None is returned)."""
    parsed = _parsed(pattern)
    out: list[str] = []
    try:
        _first(list(parsed), parsed.state.flags, out, wide)
    except _Unknown:
        if wide is not None:
            wide[0] = True
        return None
    return "|".join(dict.fromkeys(out)) if out else "(?!)"


def first_literals(pattern: str, limit: int = 4) -> str | None:
    """The characters every non-empty match of ``pattern`` starts with, when they are at most
    ``limit`` plain literals outside ignore-case (``(`` of ``\\((?:Foto|...)``), else None.
    A position holding none of them cannot start a match (``needle_starts``)."""
    parsed = _parser.parse(pattern)
    out: list[str] = []
    try:
        if _first(list(parsed), parsed.state.flags, out):
            return None  # may match the empty string: any position may start a match
    except _Unknown:
        return None
    chars: list[str] = []
    for one in dict.fromkeys(out):
        items = list(_parser.parse(one))
        while len(items) == 1 and items[0][0] is sre.SUBPATTERN and items[0][1][1] == items[0][1][2] == 0:
            items = list(items[0][1][3])
        if len(items) != 1 or items[0][0] is not sre.LITERAL:
            return None
        chars.append(chr(items[0][1]))
    return "".join(dict.fromkeys(chars)) if 0 < len(chars) <= limit else None


def _literal_set(items: list, flags: int) -> frozenset[str] | None:
    """The characters of a small literal-only class (``[:：|]``), else None."""
    if flags & sre.SRE_FLAG_IGNORECASE or len(items) > 4:
        return None
    chars = set()
    for op, av in items:
        if op is not sre.LITERAL:
            return None
        chars.add(chr(av))
    return frozenset(chars)


def _required(seq: list, flags: int) -> set[frozenset[str]]:
    """Character sets every match of ``seq`` holds a character of: literals and small literal
    classes outside ignore-case; a branch contributes what all its alternatives require, a
    repeat only when it must run at least once."""
    req: set[frozenset[str]] = set()
    for op, av in seq:
        if op is sre.LITERAL:
            if not flags & sre.SRE_FLAG_IGNORECASE:
                req.add(frozenset(chr(av)))
        elif op is sre.IN:
            chars = _literal_set(av, flags)
            if chars:
                req.add(chars)
        elif op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            req |= _required(sub, (flags | add) & ~remove)
        elif op is sre.ATOMIC_GROUP:
            req |= _required(av, flags)
        elif op is sre.BRANCH:
            alts = [_required(alt, flags) for alt in av[1]]
            if alts:
                req |= set.intersection(*alts)
        elif op in _REPEATS and av[0] >= 1:
            req |= _required(av[2], flags)
    return req


def required_marks(pattern: str | _parser.SubPattern, limit: int = 2) -> tuple[str, ...]:
    """Up to ``limit`` sets of punctuation/symbol characters (as strings) such that every match
    of ``pattern`` holds a character of each (``@`` of an e-mail line, ``:`` or ``：`` of a
    credit): a line without one cannot match, and substring tests are far cheaper than a
    failing regex. Letters and blanks are too common to rule lines out."""
    parsed = _parsed(pattern)
    req = _required(list(parsed), parsed.state.flags)
    marks = sorted(
        "".join(sorted(chars)) for chars in req
        if not any(ch.isalnum() or ch.isspace() for ch in chars)
    )
    marks.sort(key=len)  # single characters first: the strongest tests
    return tuple(marks[:limit])


def required_literal(pattern: str) -> str:
    r"""The longest run of literal characters every match of ``pattern`` holds in a row
    (``(ANTARA`` of ``(?P<place>...)\s?\((?P<outlet>ANTARA(?: News)?)\)``), or ``""``. Only
    characters matched one after another in the top-level sequence count (groups that must
    match are read through; a repeat, branch, class or assertion ends a run), outside
    ignore-case: so a text without the run cannot hold a match."""
    parsed = _parser.parse(pattern)
    runs = [""]
    _literal_runs(list(parsed), parsed.state.flags, runs)
    return max(runs, key=len)


def _literal_runs(seq: list, flags: int, runs: list[str]) -> None:
    for op, av in seq:
        if op is sre.LITERAL and not flags & sre.SRE_FLAG_IGNORECASE:
            runs[-1] += chr(av)
        elif op is sre.SUBPATTERN and av[1] == av[2] == 0:
            _literal_runs(av[3], flags, runs)
        else:
            runs.append("")


def _walk_literals(seq, chars: set[str], ranges: list[tuple[int, int]]) -> None:
    for op, av in seq:
        if op is sre.LITERAL or op is sre.NOT_LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            ranges.append(av)
        elif op is sre.IN:
            _walk_literals(av, chars, ranges)
        else:
            for part in av if isinstance(av, (tuple, list)) else (av,):
                if isinstance(part, _parser.SubPattern):
                    _walk_literals(part, chars, ranges)
                elif isinstance(part, list) and part and isinstance(part[0], _parser.SubPattern):
                    for sub in part:
                        _walk_literals(sub, chars, ranges)


class CharSignature:
    """Most characters of a script the rules never name (CJK, Thai, emoji...) start exactly the
    same rules: whether a rule's first-character class holds such a character depends only on
    whether it is alphanumeric, a decimal digit or a space (``\\w``, ``\\d``, ``\\s``, negations,
    ``.``). ``key(c)`` is ``c`` itself for ASCII, for every character some rule names (a literal,
    a class range, their case variants, characters with multi-character case mappings) and
    otherwise that triple, so caches keyed by it stay small on text of many distinct
    characters."""

    def __init__(self, patterns: list[str] | list[_parser.SubPattern]) -> None:
        chars: set[str] = set()
        ranges: list[tuple[int, int]] = []
        for pattern in patterns:
            _walk_literals(_parsed(pattern), chars, ranges)
        named = chars | {chr(i) for i in range(128)}
        self._lower = frozenset(x.lower() for x in named) | named
        self._upper = frozenset(x.upper() for x in named) | named
        # the class ranges reaching beyond ASCII, merged: a flat sorted list of bounds, so a
        # code point is inside some range iff bisect_right gives an odd index
        merged: list[list[int]] = []
        for lo, hi in sorted((lo, hi) for lo, hi in ranges if hi >= 128):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self._bounds = [x for lo, hi in merged for x in (lo, hi + 1)]

    def key(self, c: str) -> str | tuple[bool, bool, bool]:
        if c.isascii():
            return c
        lo, up = c.lower(), c.upper()
        if lo == c == up:  # uncased (CJK, emoji, most scripts): one membership test, one bisect
            if c in self._lower or c in self._upper or (
                self._bounds and bisect.bisect_right(self._bounds, ord(c)) & 1
            ):
                return c
            return (c.isalnum(), c.isdecimal(), c.isspace())
        if len(lo) != 1 or len(up) != 1 or lo in self._lower or up in self._upper:
            return c
        bounds = self._bounds
        if bounds and (
            bisect.bisect_right(bounds, ord(c)) & 1
            or bisect.bisect_right(bounds, ord(lo)) & 1
            or bisect.bisect_right(bounds, ord(up)) & 1
        ):
            return c
        return (c.isalnum(), c.isdecimal(), c.isspace())


def match_width(pattern: str | _parser.SubPattern) -> tuple[int, int]:
    """Shortest and longest possible match (the longest is capped by ``re`` at MAXREPEAT)."""
    lo, hi = _parsed(pattern).getwidth()
    return lo, hi


class LineAlternation:
    """``fullmatch`` of ``[ \\t]*(?:(?P<name0>p0)|(?P<name1>p1)|...)[ \\t]*`` on one line,
    returning the name of the rule that matched (``Match.lastgroup`` of the combined regex)."""

    def __init__(
        self, named: list[tuple[str, str]], *, max_len: int | None = None,
        prose: linescan.ProseFilter | None = None,
    ) -> None:
        self._named = named
        # lines (stripped) longer than this are never asked about: the caller rejects them
        # first, so the kernel spec caps every rule's width there and the kernel skips them;
        # so does a line the caller's ``prose`` filter rejects (the kernel gives it no candidates)
        self._max_len = max_len
        self._prose = prose
        self._full: re.Pattern[str] | None = None
        self._rules: list[tuple[str, re.Pattern[str], int, int, tuple[str, ...]]] = []
        always: list[int] = []
        lookaheads: list[str] = []
        self._masked: list[int] = []
        self._other = 0  # bit k: rule k may start with a non-ASCII character
        self._dnfs: list[Any] = []  # linescan.needle_dnf per rule
        trees = []
        for k, (name, pattern) in enumerate(named):
            parsed = _parser.parse(pattern)  # one parse for every walk below
            trees.append(parsed)
            lo, hi = match_width(parsed)
            need = required_marks(parsed)
            self._rules.append((name, re.compile(rf"(?:{pattern})[ \t]*"), lo, hi, need))
            wide = [False]
            cls = first_chars(parsed, wide)
            self._other |= wide[0] << k
            self._dnfs.append(linescan.needle_dnf(parsed, need))
            if cls is None:
                always.append(k)
            else:
                self._masked.append(k)
                lookaheads.append(f"(?=({cls})|)")
        self._always = frozenset(always)
        self._sig = CharSignature(trees)
        # one match of this regex on a character says which rules can start with it
        self._mask = re.compile("".join(lookaheads)) if lookaheads else None
        self._by_char: dict[Any, tuple[tuple[str, re.Pattern[str], int, int, tuple[str, ...]], ...]] = {}
        self._by_len: dict[tuple[Any, int], tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]] = {}
        self._memo: dict[str, str | None] = {}
        self._single_marks = frozenset(m for r in self._rules for m in r[4] if len(m) == 1)
        # (key, length) -> what ``short_filter`` needs to know about the rules that fit there
        self._by_req: dict[tuple[Any, int], bool | tuple[frozenset[str], ...]] = {}
        self._spec: tuple | None = None  # linescan.kernel_spec, built on first use
        self._kspec: Any = None  # its compiled form (_c_boiler.line_spec)

    @property
    def full(self) -> re.Pattern[str]:
        """The combined regex (compiled on first use: only lines starting with a blank need it)."""
        if self._full is None:
            alts = "|".join(f"(?P<{name}>{pattern})" for name, pattern in self._named)
            self._full = re.compile(rf"[ \t]*(?:{alts})[ \t]*")
        return self._full

    def _candidates(self, key: Any, ch: str) -> tuple[tuple[str, re.Pattern[str], int, int, tuple[str, ...]], ...]:
        """Rules that can start with ``ch`` (cached under its ``CharSignature`` key)."""
        cands = self._by_char.get(key)
        if cands is None:
            cands = self._rules_starting_with(ch)
            if len(self._by_char) < _MAX_CACHED:
                self._by_char[key] = cands
        return cands

    def _rules_starting_with(self, c: str) -> tuple[tuple[str, re.Pattern[str], int, int, tuple[str, ...]], ...]:
        return tuple(self._rules[k] for k in self._indices_starting_with(c))

    def _indices_starting_with(self, c: str) -> list[int]:
        ok = set(self._always)
        if self._mask is not None:
            groups = self._mask.match(c).groups()  # type: ignore[union-attr]  # all optional
            ok.update(k for k, g in zip(self._masked, groups, strict=True) if g is not None)
        return sorted(ok)

    def _fitting(self, key: Any, ch: str, n: int) -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
        """Rules that can start with ``ch`` and match exactly ``n`` characters (short lines)."""
        cands = tuple(
            (name, rx, need) for name, rx, lo, hi, need in self._candidates(key, ch) if lo <= n <= hi
        )
        if len(self._by_len) < _MAX_CACHED:
            self._by_len[(key, n)] = cands
        return cands

    def kernel_spec(self) -> tuple:
        """The rule set as ``linescan.kernel_spec`` describes it (built on first use)."""
        if self._spec is None:
            ascii_masks = []
            for c in range(128):
                ascii_masks.append(sum(1 << k for k in self._indices_starting_with(chr(c))))
            cap = self._max_len
            widths = [(lo, hi if cap is None else min(hi, cap)) for _name, _rx, lo, hi, _need in self._rules]
            self._spec = linescan.kernel_spec(self._dnfs, ascii_masks, self._other, widths, self._prose)
        return self._spec

    def kernel(self) -> Any:
        """The compiled ``kernel_spec`` (``_c_boiler.line_spec``), or None when the kernel is
        not built or the rule set is too large for it (callers then use :meth:`match`)."""
        if self._kspec is None:
            if _K is None or len(self._rules) > 64:
                return None
            *spec, prose = self.kernel_spec()
            self._kspec = _K.line_spec(*spec, None if prose is None else prose.spec())
        return self._kspec

    def match_among(self, line: str, cands: tuple[int, ...]) -> str | None:
        """:meth:`match` for a line whose possible rules are ``cands`` (``line_candidates``):
        the first of them, in rule order, that matches the whole line."""
        short = len(line) <= _MEMO_LEN
        if short:
            name = self._memo.get(line, _MISSING)
            if name is not _MISSING:
                return name  # type: ignore[return-value]
        name = None
        rules = self._rules
        for k in cands:
            rule = rules[k]
            if rule[1].fullmatch(line) is not None:
                name = rule[0]
                break
        if short:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[line] = name
        return name

    def match(self, line: str) -> str | None:
        """Name of the first rule (in rule order) matching the whole line, or None."""
        if len(line) > _MEMO_LEN:
            return self._match(line)
        memo = self._memo
        if line in memo:
            return memo[line]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        name = memo[line] = self._match(line)
        return name

    def short_filter(self, text: str) -> Callable[[str], bool]:
        """For the lines of ``text``: ``possible(line)`` is False when no rule can match the line,
        judged from its first character and length alone plus the single characters the rules
        need (``required_marks``) that occur nowhere in ``text``. Only for lines of at most
        ``SHORT`` characters with no blank at either end (the lines ``match`` answers from the
        (first character, length) lists); one dict look-up per line, no memo, no regex."""
        present = frozenset(m for m in self._single_marks if m in text)
        by_req, sig = self._by_req, self._sig
        seen: dict[tuple[Any, int], bool] = {}  # this text's answers (lines repeat shapes)

        def possible(line: str) -> bool:
            ch = line[0]
            kn = (ch if ch.isascii() else sig.key(ch), len(line))
            ok = seen.get(kn)
            if ok is None:
                reqs = by_req.get(kn)
                if reqs is None:
                    reqs = self._requirements(kn[0], ch, kn[1])
                ok = seen[kn] = (
                    reqs if isinstance(reqs, bool) else any(map(present.issuperset, reqs))
                )
            return ok

        return possible

    def _requirements(self, key: Any, ch: str, n: int) -> bool | tuple[frozenset[str], ...]:
        """For ``short_filter``, shared by every text: ``False`` when no rule can start with
        ``ch`` and match ``n`` characters, ``True`` when one of those needs no single mark,
        else the single marks each of them needs (a line is possible when the text holds all
        the marks of one of them). Multi-character mark sets are not checked here (``match``
        does)."""
        fitting = self._by_len.get((key, n))
        if fitting is None:
            fitting = self._fitting(key, ch, n)
        reqs: set[frozenset[str]] = set()
        found: bool | tuple[frozenset[str], ...] = False
        for _name, _rx, need in fitting:
            req = frozenset(m for m in need if len(m) == 1)
            if not req:
                found = True
                break
            reqs.add(req)
        else:
            if reqs:
                found = tuple(reqs)
        if len(self._by_req) >= _MAX_CACHED:
            self._by_req.clear()  # a pure memo: pages of many distinct first characters
        self._by_req[(key, n)] = found
        return found

    def _match(self, line: str) -> str | None:
        ch = line[:1]
        if not ch or ch == " " or ch == "\t":
            m = self.full.fullmatch(line)
            return None if m is None else m.lastgroup
        key = ch if ch.isascii() else self._sig.key(ch)
        n = len(line)
        if n <= _SHORT and line[-1] != " " and line[-1] != "\t":
            fitting = self._by_len.get((key, n))
            if fitting is None:
                fitting = self._fitting(key, ch, n)
            for name, rx, need in fitting:
                if need and not _holds(line, need):
                    continue
                if rx.fullmatch(line) is not None:
                    return name
            return None
        core = n if line[-1] not in " \t" else len(line.rstrip(" \t"))
        for name, rx, lo, hi, need in self._candidates(key, ch):
            if lo > n or hi < core:
                continue
            if need and not _holds(line, need):
                continue
            if rx.fullmatch(line) is not None:
                return name
        return None


def line_candidates(
    text: str, alts: tuple[tuple[LineAlternation, bool], ...],
) -> tuple[list[tuple[int, ...] | bool | None], ...] | None:
    """For each (alternation, strip) pair, ``linescan.line_candidates_py`` of the text, in one
    compiled pass over it; None when the kernel cannot serve one of them."""
    specs = []
    for alt, strip in alts:
        spec = alt.kernel()
        if spec is None:
            return None
        specs.append((spec, strip))
    return _K.line_candidates(text, tuple(specs))


def needles_in(text: str, needles: tuple[str, ...]) -> int:
    """``saring.scan.needles_present(text, needles)`` (bit i: ``needles[i] in text``); for an
    ASCII text with the kernel, needle by needle at memchr speed (``_c_boiler.needles_in``):
    the span needles are mostly absent, and one table look-up per character for all of them
    costs more. Wider texts (curly quotes) keep the one-pass scan, which is cheaper there."""
    if _K is not None and type(needles) is tuple and text.isascii():
        return _K.needles_in(text, needles)
    return needles_present(text, needles)


def _holds(line: str, need: tuple[str, ...]) -> bool:
    """The line holds a character of every set in ``need``."""
    for chars in need:
        if len(chars) == 1:
            if chars not in line:
                return False
        elif not any(ch in line for ch in chars):
            return False
    return True



_NEEDLE_MAX_OFFSET = 64  # a needle further from every match's start is not worth a candidate list


def needle_offset(pattern: str, needles: tuple[str, ...]) -> int | None:
    """``D`` such that every match of ``pattern`` holds one of ``needles`` starting at most ``D``
    characters after the match's start, or None when that is not worked out (ignore-case,
    constructs read as unknown, a needle further than ``_NEEDLE_MAX_OFFSET``).

    Read off the parse tree: the top-level sequence is walked while adding up the longest width
    of each item (assertions and anchors add none); a run of literals holding a needle ends the
    walk, a branch does when every alternative holds one (the largest of their offsets), a group
    or a repeat that must run does when its body holds one. So a match can only start within
    ``D`` characters before an occurrence of a needle (``finditer_near``)."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE | sre.SRE_FLAG_LOCALE):
        return None
    if not needles or "" in needles or parsed.getwidth()[0] == 0:
        return None
    try:
        found = _needle_at(list(parsed), needles, 0, parsed.state)
    except _Unknown:
        return None
    return found if found is not None and found <= _NEEDLE_MAX_OFFSET else None


def _needle_at(seq: list, needles: tuple[str, ...], hi: int, state: Any) -> int | None:
    """Offset bound of a needle in every match of ``seq`` starting at most ``hi`` characters
    after the match's start; None when ``seq`` need not hold one."""
    i = 0
    while i < len(seq):
        op, av = seq[i]
        if hi > _NEEDLE_MAX_OFFSET:
            return None
        if op is sre.LITERAL:
            j, run = i, ""
            while j < len(seq) and seq[j][0] is sre.LITERAL:
                run += chr(seq[j][1])
                j += 1
            at = [run.find(nd) for nd in needles if nd in run]
            if at:
                return hi + min(at)
            if j < len(seq) and seq[j][0] is sre.BRANCH:
                # the parser moves a prefix common to all alternatives out of the branch
                # ("Baca|BACA" -> "B" + "aca|ACA"): read the run with each alternative
                offs = [_needle_at(seq[i:j] + list(alt), needles, hi, state) for alt in seq[j][1][1]]
                if all(o is not None for o in offs):
                    return max(offs)  # type: ignore[type-var]
            hi += len(run)
            i = j
            continue
        found = None
        if op is sre.BRANCH:
            offs = [_needle_at(list(alt), needles, hi, state) for alt in av[1]]
            if all(o is not None for o in offs):
                found = max(offs)  # type: ignore[type-var]
        elif op is sre.SUBPATTERN:
            _group, add, _remove, sub = av
            if add & sre.SRE_FLAG_IGNORECASE:
                raise _Unknown
            found = _needle_at(list(sub), needles, hi, state)
        elif op in _REPEATS and av[0] >= 1:
            found = _needle_at(list(av[2]), needles, hi, state)
        elif op not in (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.IN, sre.ANY, sre.NOT_LITERAL,
                        sre.CATEGORY, sre.BRANCH, sre.SUBPATTERN, *_REPEATS):
            raise _Unknown
        if found is not None:
            return found
        if op not in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            hi += _parser.SubPattern(state, [seq[i]]).getwidth()[1]
        i += 1
    return None


def needle_starts(
    text: str, needles: tuple[str, ...], offset: int, limit: int, firsts: str | None = None,
) -> list[int] | None:
    """:func:`needle_starts_py` in one C call when the kernel is built (same list, same None)."""
    if _K is not None and type(needles) is tuple and _NEG_BIG < offset < _BIG and _NEG_BIG < limit < _BIG:
        return _K.needle_starts(text, needles, offset, limit, firsts)
    return needle_starts_py(text, needles, offset, limit, firsts)


_BIG = 2**62  # the kernel takes offsets and limits as Py_ssize_t
_NEG_BIG = -_BIG  # (a constant: ``-_BIG`` in the test negates a big int on every call)


def needle_starts_py(
    text: str, needles: tuple[str, ...], offset: int, limit: int, firsts: str | None = None,
) -> list[int] | None:
    """The positions where a match of a pattern with ``needle_offset`` ``offset`` can start in
    ``text`` (within ``offset`` characters before an occurrence of a needle), sorted; None when
    there would be more than ``limit`` of them (a plain scan is then cheaper). ``firsts``
    (``first_literals`` of the pattern) keeps only the positions holding one of them; at most
    ``limit`` needle occurrences are looked at either way (a text of many ``)`` and no ``(``)."""
    starts: set[int] = set()
    seen = 0
    for nd in needles:
        k = text.find(nd)
        while k >= 0:
            seen += 1
            if seen > limit:
                return None
            lo = max(0, k - offset)
            if firsts is None:
                starts.update(range(lo, k + 1))
            else:
                for ch in firsts:
                    j = text.find(ch, lo, k + 1)
                    while j >= 0:
                        starts.add(j)
                        j = text.find(ch, j + 1, k + 1)
            if len(starts) > limit:
                return None
            k = text.find(nd, k + 1)
    return sorted(starts)


def finditer_at(rx: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``list(rx.finditer(text))`` when every match starts at one of ``starts`` (sorted) and
    none is empty: the scan goes on at the end of each match, as ``finditer`` does."""
    out = []
    pos = 0
    for c in starts:
        if c < pos:
            continue
        m = rx.match(text, c)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


# ---------------------------------------------------------------- possessive repeats
_ENUM_LIMIT = 4096  # a repeated class with more characters than this is left greedy


def _class_chars(item: tuple, flags: int) -> list[str] | None:
    """The characters a one-character item (a literal or a class of literals and ranges)
    matches, outside ignore-case/locale; None when that is not a small plain set."""
    if flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_LOCALE):
        return None
    op, av = item
    if op is sre.LITERAL:
        return [chr(av)]
    if op is not sre.IN:
        return None
    return linescan.class_members(av, _ENUM_LIMIT)


def _firsts_of(seq: list, flags: int) -> tuple[list[str], bool]:
    """One-character patterns covering what a non-empty match of ``seq`` can start with, and
    whether it may match the empty string (lookarounds read as empty: over-inclusive);
    a construct ``_first`` does not know counts as "any character"."""
    out: list[str] = []
    try:
        nullable = _first(seq, flags, out)
    except _Unknown:
        return ["(?s:.)"], True
    return out, nullable


def _possessify(seq: list, flags: int, follow: tuple[list[str], bool], changed: list[int]) -> None:
    """Make greedy repeats of one character class possessive where no match can give a
    character back: the class is disjoint from every character the rest of the pattern can
    start with there, and the rest cannot match the empty string. Backtracking into such a
    repeat leaves a class character in front of a continuation that cannot start with it, so
    every successful path already takes the repeat's longest run: the same matches, the same
    groups, fewer failed paths."""
    after = follow
    for k in range(len(seq) - 1, -1, -1):
        op, av = seq[k]
        if op is sre.MAX_REPEAT:
            lo, hi, sub = av
            items = list(sub)
            if len(items) == 1 and not after[1] and _disjoint(items[0], flags, after[0]):
                seq[k] = (sre.POSSESSIVE_REPEAT, av)
                changed[0] += 1
            else:
                _possessify_body(items, sub, flags, after, hi, changed)
        elif op in (sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _possessify_body(list(av[2]), av[2], flags, after, av[1], changed)
        elif op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            _possessify(sub.data if isinstance(sub, _parser.SubPattern) else sub,
                        (flags | add) & ~remove, after, changed)
        elif op is sre.ATOMIC_GROUP:
            _possessify(av.data if isinstance(av, _parser.SubPattern) else av, flags, after, changed)
        elif op is sre.BRANCH:
            for alt in av[1]:
                _possessify(alt.data if isinstance(alt, _parser.SubPattern) else alt, flags, after, changed)
        # lookarounds are left as they are: inside one, what follows is not the pattern's rest
        firsts, nullable = _firsts_of([seq[k]], flags)
        after = (firsts + after[0], after[1]) if nullable else (firsts, False)


def _possessify_body(
    items: list, sub: Any, flags: int, after: tuple[list[str], bool], hi: int, changed: list[int],
) -> None:
    """Recurse into a repeat's body: after it comes another round of the body or the rest."""
    firsts, nullable = _firsts_of(items, flags)
    inner = ((firsts if hi > 1 else []) + after[0], after[1] or nullable)
    _possessify(sub.data if isinstance(sub, _parser.SubPattern) else sub, flags, inner, changed)


def _disjoint(item: tuple, flags: int, firsts: list[str]) -> bool:
    """No character of the one-character ``item`` is matched by any pattern in ``firsts``."""
    chars = _class_chars(item, flags)
    if chars is None:
        return False
    if not firsts:
        return True
    rx = re.compile("|".join(dict.fromkeys(firsts)))
    return not any(rx.match(c) for c in chars)


def possessive(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], int]:
    """``pattern`` compiled with its safe greedy one-class repeats made possessive
    (``_possessify``), and how many were changed. It matches exactly where and what
    ``re.compile(pattern)`` matches (same spans and groups); it only fails faster. Its
    ``.pattern`` is ``pattern`` itself (the language is the same), so it pickles as the plain
    regex and reads as the rule that was written."""
    import _sre  # noqa: PLC2701 - what re._compiler.compile calls with the compiled code
    from re import _compiler  # noqa: PLC2701 - compiles a parse tree

    parsed = _parser.parse(pattern, flags)
    changed = [0]
    _possessify(parsed.data, parsed.state.flags, ([], True), changed)
    if not changed[0]:
        return re.compile(pattern, flags), 0
    try:  # the stdlib's private compile steps (3.11-3.13); if they change, the plain regex
        code = _compiler._code(parsed, flags)  # noqa: SLF001
        index = parsed.state.groupdict
        names: list[str | None] = [None] * parsed.state.groups
        for name, i in index.items():
            names[i] = name
        rx = _sre.compile(pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, index, tuple(names))
    except (AttributeError, TypeError):
        return re.compile(pattern, flags), 0
    return rx, changed[0]
