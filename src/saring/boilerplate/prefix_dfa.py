"""A sound "which of these regexes can match here?" test: a DFA of a superset of their languages.

Why: the dateline gate (``dateline.any_rule_gate``) is one backtracking regex tried at the
start of each head line; most head lines are titles that match no rule, and each failure costs
~20 k instructions (~10 us) of backtracking through the 1-4 word place prefixes of ~20 rules.
A deterministic automaton reads each character once and stops at the first character no rule
can take (``Bupati Sleman Resmikan ...``: the lower-case word after the capitalised ones).

The automaton accepts a *superset* of what each regex matches at a position, so "no" is exact
("the regex cannot match here") and "yes" means "ask the regex". Its states carry the set of
patterns (a bit mask) whose relaxed form ends there: :func:`rule_mask_py` runs it over the text
and returns every pattern that may match at a position (the dateline rules then try only those
regexes), :func:`may_match_py` stops at the first. The superset comes from three relaxations,
each of which only adds strings:

- look-arounds and anchors (``(?=\\S)``, ``(?<=[ \\t])``, ``(?!DPR\\b)``, ``\\b``) are dropped;
- a bounded repeat ``x{m,n}`` becomes ``m`` copies of ``x`` then ``x*`` (``x?`` when
  ``n = m + 1``), so the automaton does not count;
- the ASCII upper-case letters, the lower-case letters and the digits are each one input class
  (a pattern that takes one of them takes all of them), so outlet names (``KOMPAS``,
  ``Liputan6``) collapse into their shapes.

Atomic groups and possessive repeats match a subset of their plain forms, so they are read as
plain. A back-reference makes the language non-regular: no automaton is built (None).
Characters: every code point below 256 and each one the pattern names has an input class
computed by ``re`` itself; any other character ends the test with "yes" (ask the regex).

``spec`` is one bytes object (the layout in :func:`_pack`) that the C kernel
``_c_dateline.may_match`` / ``rule_mask`` reads; :func:`may_match_py` / :func:`rule_mask_py` are
its pure-Python reference.
"""

from __future__ import annotations

import re
import struct
from re import _constants as _C  # noqa: PLC2701 - the parse tree's opcodes
from re import _parser  # noqa: PLC2701 - the stdlib's own parse of the pattern
from typing import Any

MAX_STATES = 30000  # a larger automaton is not built (the regex alone is used)
_MAX_COPIES = 8  # x{m,n} with m > 8 is read as 8 copies then x* (a superset)
_MAX_SPECIALS = 512
_HEADER = struct.Struct("<IIII")  # classes, states, special code points, patterns
MAX_PATTERNS = 64  # one bit each in a state's mask


class Unsupported(Exception):
    """The pattern holds a construct the automaton cannot over-approximate (a back-reference)."""


class _Nfa:
    """A Thompson automaton: epsilon edges and edges on one parsed character item."""

    def __init__(self, global_flags: int) -> None:
        self.eps: list[list[int]] = []
        self.edges: list[list[tuple[int, int]]] = []  # (item index, target)
        self.items: list[tuple[tuple[Any, Any], int]] = []  # (parsed item, flags)
        self._item_ids: dict[tuple[str, int], int] = {}
        self.flags = global_flags

    def new(self) -> int:
        self.eps.append([])
        self.edges.append([])
        return len(self.eps) - 1

    def seq(self, data: list, flags: int, a: int) -> int:
        for item in data:
            a = self.node(item, flags, a)
        return a

    def node(self, item: tuple[Any, Any], flags: int, a: int) -> int:
        """Add ``item`` after state ``a``; the state its matches end in."""
        op, av = item
        if op in (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN):
            key = (repr(item), flags)
            k = self._item_ids.get(key)
            if k is None:
                k = self._item_ids[key] = len(self.items)
                self.items.append((item, flags))
            b = self.new()
            self.edges[a].append((k, b))
            return b
        if op is _C.SUBPATTERN:
            _group, add, remove, sub = av
            return self.seq(sub.data, (flags | add) & ~remove, a)
        if op is _C.ATOMIC_GROUP:
            return self.seq(av.data, flags, a)
        if op is _C.BRANCH:
            b = self.new()
            for alt in av[1]:
                s = self.new()
                self.eps[a].append(s)
                self.eps[self.seq(alt.data, flags, s)].append(b)
            return b
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            for _ in range(min(lo, _MAX_COPIES)):
                a = self.seq(sub.data, flags, a)
            if hi == lo and lo <= _MAX_COPIES:
                return a
            if hi == lo + 1:  # one optional copy
                b = self.new()
                self.eps[a].append(b)
                self.eps[self.seq(sub.data, flags, a)].append(b)
                return b
            s = self.new()  # any number more
            self.eps[a].append(s)
            self.eps[self.seq(sub.data, flags, s)].append(s)
            return s
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            return a  # a condition dropped: never fewer strings
        raise Unsupported(str(op))


def _item_regex(item: tuple[Any, Any], flags: int) -> re.Pattern[str]:
    """One parsed character item compiled alone, with the flags in force where it stood."""
    from re import _compiler  # noqa: PLC2701 - compiles a parse tree

    state = _parser.State()
    state.flags = flags
    return _compiler.compile(_parser.SubPattern(state, [item]), flags)


def _specials(items: list[tuple[tuple[Any, Any], int]]) -> list[int]:
    """Code points of 256 and above the items name (literals, class members, small ranges)."""
    out: set[int] = set()
    for (op, av), _flags in items:
        members = av if op is _C.IN else [(op, av)] if op in (_C.LITERAL, _C.NOT_LITERAL) else []
        for sop, sav in members:
            if sop in (_C.LITERAL, _C.NOT_LITERAL) and sav >= 256:
                out.add(sav)
            elif sop is _C.RANGE and sav[1] >= 256:
                lo, hi = max(sav[0], 256), sav[1]
                if hi - lo >= _MAX_SPECIALS:
                    raise Unsupported("a wide range above U+00FF")
                out.update(range(lo, hi + 1))
    if len(out) > _MAX_SPECIALS:
        raise Unsupported("too many named code points")
    return sorted(out)


def _merged(ch: str) -> str | None:
    """The merged input class of an ASCII letter or digit (see the module docstring)."""
    if "A" <= ch <= "Z":
        return "upper"
    if "a" <= ch <= "z":
        return "lower"
    if "0" <= ch <= "9":
        return "digit"
    return None


def build_spec(patterns: str | list[str], flags: int = 0) -> bytes | None:
    """The packed automaton of a superset of each pattern's ``re.compile(p, flags).match``
    language (one pattern or a list: bit ``k`` of a state's mask is pattern ``k``), or None when
    a pattern cannot be over-approximated or the automaton grows too large."""
    if isinstance(patterns, str):
        patterns = [patterns]
    if not patterns or len(patterns) > MAX_PATTERNS:
        return None
    nfa = _Nfa(0)
    start = nfa.new()
    ends: list[int] = []
    try:
        for pattern in patterns:
            parsed = _parser.parse(pattern, flags)
            first = nfa.new()
            nfa.eps[start].append(first)
            ends.append(nfa.seq(parsed.data, parsed.state.flags, first))
        specials = _specials(nfa.items)
    except Unsupported:
        return None
    tests = [_item_regex(item, fl) for item, fl in nfa.items]
    alphabet = [*range(256), *specials]
    classes: dict[Any, int] = {}
    class_of: list[int] = []
    takes: list[list[bool]] = []  # takes[class][item]: the item accepts some member of the class
    for cp in alphabet:
        ch = chr(cp)
        row = [t.fullmatch(ch) is not None for t in tests]
        sig = _merged(ch) or tuple(row)
        c = classes.get(sig)
        if c is None:
            c = classes[sig] = len(takes)
            takes.append(row)
        else:
            takes[c] = [x or y for x, y in zip(takes[c], row, strict=True)]
        class_of.append(c)
    if len(takes) > 255:
        return None
    trans, masks = _determinize(nfa, start, ends, takes)
    if trans is None:
        return None
    return _pack(class_of, specials, masks, trans, len(takes), len(patterns))


def _determinize(
    nfa: _Nfa, start: int, ends: list[int], takes: list[list[bool]],
) -> tuple[list[list[int]] | None, list[int]]:
    """Subset construction over the input classes; state 0 is dead, state 1 the start; each
    state's mask has bit ``k`` when pattern ``k``'s end state is in its subset."""
    nclass = len(takes)

    def closure(states: set[int]) -> frozenset[int]:
        stack, out = list(states), set(states)
        while stack:
            for y in nfa.eps[stack.pop()]:
                if y not in out:
                    out.add(y)
                    stack.append(y)
        return frozenset(out)

    moves = [[[y for k, y in nfa.edges[x] if takes[c][k]] for c in range(nclass)]
             for x in range(len(nfa.eps))]
    first = closure({start})
    ids: dict[frozenset[int], int] = {frozenset(): 0, first: 1}
    order = [frozenset(), first]
    trans: list[list[int]] = [[0] * nclass]
    i = 1
    while i < len(order):
        row = []
        for c in range(nclass):
            nxt: set[int] = set()
            for x in order[i]:
                nxt.update(moves[x][c])
            key = closure(nxt) if nxt else frozenset()
            j = ids.get(key)
            if j is None:
                if len(order) >= MAX_STATES:
                    return None, []
                j = ids[key] = len(order)
                order.append(key)
            row.append(j)
        trans.append(row)
        i += 1
    return trans, [sum(1 << k for k, e in enumerate(ends) if e in s) for s in order]


def _pack(class_of: list[int], specials: list[int], masks: list[int],
          trans: list[list[int]], nclass: int, npatterns: int) -> bytes:
    """Layout: header (classes, states, special code points, patterns: u32 each); the class of
    each code point below 256 (u8 x 256); the special code points, ascending (u32 each); their
    classes (u8 each); padding to a multiple of 8; each state's pattern mask (u64); the
    transitions (u16, state-major: ``trans[state * classes + class]``)."""
    out = bytearray(_HEADER.pack(nclass, len(trans), len(specials), npatterns))
    out += bytes(class_of[:256])
    out += struct.pack(f"<{len(specials)}I", *specials)
    out += bytes(class_of[256:])
    out += b"\0" * (-len(out) % 8)
    out += struct.pack(f"<{len(masks)}Q", *masks)
    out += struct.pack(f"<{len(trans) * nclass}H", *(t for row in trans for t in row))
    return bytes(out)


def unpack(spec: bytes) -> tuple[dict[int, int], list[int], list[int], int, int]:
    """(class of each known code point, state masks, flat transitions, classes, patterns)."""
    nclass, nstates, nspecial, npatterns = _HEADER.unpack_from(spec, 0)
    off = _HEADER.size
    class_of = dict(enumerate(spec[off:off + 256]))
    off += 256
    cps = struct.unpack_from(f"<{nspecial}I", spec, off)
    off += 4 * nspecial
    class_of.update(zip(cps, spec[off:off + nspecial], strict=True))
    off += nspecial
    off += -off % 8
    masks = list(struct.unpack_from(f"<{nstates}Q", spec, off))
    off += 8 * nstates
    trans = list(struct.unpack_from(f"<{nstates * nclass}H", spec, off))
    return class_of, masks, trans, nclass, npatterns


_UNPACKED: dict[bytes, tuple[dict[int, int], list[int], list[int], int, int]] = {}


def _unpacked(spec: bytes) -> tuple[dict[int, int], list[int], list[int], int, int]:
    got = _UNPACKED.get(spec)
    if got is None:
        if len(_UNPACKED) >= 16:
            _UNPACKED.clear()
        got = _UNPACKED[spec] = unpack(spec)
    return got


def may_match_py(spec: bytes, text: str, pos: int) -> bool:
    """False when no prefix of ``text[pos:]`` is in the automaton's language (then no pattern
    can match at ``pos``); True otherwise, or at a character the automaton does not know.
    A negative ``pos`` counts as 0, as ``Pattern.match`` takes it."""
    class_of, masks, trans, nclass, _n = _unpacked(spec)
    state = 1
    if masks[state]:
        return True
    for ch in text[max(pos, 0):]:
        c = class_of.get(ord(ch))
        if c is None:
            return True
        state = trans[state * nclass + c]
        if state == 0:
            return False
        if masks[state]:
            return True
    return False


def rule_mask_py(spec: bytes, text: str, pos: int) -> int:
    """The patterns (bit ``k``: pattern ``k``) with a prefix of ``text[pos:]`` in their relaxed
    language: every pattern that can match at ``pos`` has its bit. -1 (unknown: any pattern may
    match) at a character the automaton does not know."""
    class_of, masks, trans, nclass, _n = _unpacked(spec)
    state, seen = 1, masks[1]
    for ch in text[max(pos, 0):]:
        c = class_of.get(ord(ch))
        if c is None:
            return -1
        state = trans[state * nclass + c]
        if state == 0:
            break
        seen |= masks[state]
    return seen
