"""Unicode and whitespace normalization, every change logged as a small, named edit.

Why a step of its own: every later step (boilerplate rules, repair, langid, dedup shingles)
matches on characters, so mojibake, NBSP, ``\\r`` separators and zero-width junk must be gone
first, and must be gone *explainably* (edit kinds like ``normalize:nbsp``), not by one opaque
whole-text rewrite.

Passes, in order (each only when it can change something):

1. ftfy (mojibake, HTML entities, C1 controls, ligatures, full-width forms) with an explicit
   config; skipped on ASCII text without ``&`` (the common clean case). Changed lines are
   re-explained with ``ftfy.fix_and_explain`` to name the fix in the edit kind.
2. NFC, only when ``unicodedata.is_normalized`` says the text is not already NFC.
3. One regex pass over characters: line separators, NBSP-like spaces, zero-width
   characters, control characters, and bidirectional embedding/override/isolate controls
   (U+202A-U+202E, U+2066-U+2069; kind ``normalize:bidi_control``), which can make displayed
   text differ from its characters ("Trojan Source") and carry no meaning in Indonesian text.
4. One regex pass over layout: trailing/leading spaces, runs of spaces, runs of blank lines,
   and the document's outer whitespace.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from saring.compiled import load
from saring.document import Document, Replacement
from saring.normalize.fixtext import (
    FTFY_CONFIG,
    FTFY_EXPLAIN_CONFIG,
    Budget,
    changed_lines,
    fix_text_explained,
    fix_text_segments,
    ftfy_kind,
    ftfy_kind_from,
    ftfy_trigger,
    looks_mojibake,
)
from saring.step import MapStep, Reject

# Pass 3: character-level classes. C1 controls (\x80-\x9f) are left to ftfy first (they are
# usually Windows-1252 bytes decoded as Latin-1); any that remain are removed here.
_CHAR_RE = re.compile(
    r"(?P<newline>\r\n?|[\u2028\u2029\x85])"
    r"|(?P<formfeed>[\x0b\x0c])"
    r"|(?P<control>[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f])"
    r"|(?P<zero_width>[\u200b\u200e\u200f\u2060\ufeff\u00ad\u180e])"
    r"|(?P<bidi_control>[\u202a-\u202e\u2066-\u2069])"
    r"|(?P<nbsp>[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000])"
)
_CHAR_AFTER = {"newline": "\n", "formfeed": "\n", "control": "", "zero_width": "", "nbsp": " ",
               "bidi_control": ""}

# Pass 4: layout. Alternation order matters: a blank-line run wins over trailing spaces,
# trailing spaces over a space run. Every repeat consumes a fixed character, so matching is
# linear even on adversarial input.
_LAYOUT_RE = re.compile(
    r"(?P<blank_lines>\n(?:[ \t]*\n)+)"
    r"|(?P<trailing_space>[ \t]+(?=\n))"
    r"|(?P<leading_space>(?<=\n)[ \t]+)"
    r"|(?P<space_run>[ \t]{2,}|\t)"
)

_FTFY_CONFIG = FTFY_CONFIG  # names kept for callers and tests
_FTFY_EXPLAIN_CONFIG = FTFY_EXPLAIN_CONFIG
_ftfy_trigger = ftfy_trigger
_looks_mojibake = looks_mojibake
_ftfy_kind = ftfy_kind
# ftfy's whole loop runs on at most this many segments, plus one per this many characters; past
# that (crafted text, one mojibake word per line) consecutive hard lines are fixed together
_FTFY_CALLS = 16
_FTFY_CALL_CHARS = 200
# ... and re-decodes at most this many UTF-8-like sequences one by one, plus one per this many
# characters (``fixtext.slow_work``), and in coarse mode reads at most this many characters plus
# one per this many; lines past that stay as they are and the document is flagged ``ftfy_budget``
_FTFY_SLOW = 64
_FTFY_SLOW_CHARS = 100
_FTFY_GROUP = 256
_FTFY_GROUP_CHARS = 10
__all__ = ["Normalize", "common_affixes", "common_affixes_py", "diff_replacements", "fix_text_segments"]


def common_affixes_py(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix of ``a`` and ``b``
    (the reference: one character at a time)."""
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


_AFFIX_LOOP_MAX = 24


def common_affixes(a: str, b: str) -> tuple[int, int]:
    """:func:`common_affixes_py` by bisection on slice comparisons (C speed): equal prefixes
    (suffixes) of length m imply equal ones of every shorter length, so the longest is found
    comparing O(log n) slices whose lengths halve; a mojibake line of thousands of characters
    fixed near its end no longer costs a Python loop step per character."""
    la, lb = len(a), len(b)
    n = min(la, lb)
    if n <= _AFFIX_LOOP_MAX:  # short lines: the character loop beats the slices
        return common_affixes_py(a, b)
    lo, hi = 0, n  # a[:lo] == b[:lo]; no common prefix is longer than hi
    while lo < hi:
        mid = (lo + hi + 1) >> 1
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    p = lo
    lo, hi = 0, n - p  # the same for suffixes, not overlapping the prefix
    while lo < hi:
        mid = (lo + hi + 1) >> 1
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return p, lo


# Above this many changed lines, and more than one per _DENSE_LINE_CHARS characters (crafted
# text: one full-width character or mojibake word per line), a whole-line pass logs one edit per
# run of changed lines at most _DENSE_GAP lines apart, its kinds joined by "+", instead of one
# per line: the edit log and the time to build it stay proportional to the text.
_DENSE_LINES = 64
_DENSE_LINE_CHARS = 32
_DENSE_GAP = 8


def diff_replacements(old: str, new: str, kind_of, dense: bool = False,
                      known: dict[str, str] | None = None) -> list[Replacement]:
    """Minimal-ish replacements turning ``old`` into ``new``: one per changed line when the line
    structure is kept, else one trimmed span. ``kind_of(before_line, after_line)`` names each,
    unless ``known`` names the before line. With ``dense``, many changed lines are grouped into
    runs (see ``_DENSE_LINES``)."""
    reps: list[Replacement] = []
    known = known or {}
    old_lines = old.split("\n")
    new_lines = new.split("\n")
    if len(old_lines) == len(new_lines):
        if dense:
            changed = changed_lines(old_lines, new_lines)
            if len(changed) > max(_DENSE_LINES, len(old) // _DENSE_LINE_CHARS):
                return _dense_replacements(old_lines, new_lines, changed, kind_of, known)
            # few changed lines: visit only them (offsets from one C-level prefix sum)
            starts = list(itertools.accumulate(map((1).__add__, map(len, old_lines)), initial=0))
            for i in changed:
                a, b = old_lines[i], new_lines[i]
                p, s = common_affixes(a, b)
                kind = known.get(a) or kind_of(a, b)
                reps.append(Replacement(starts[i] + p, starts[i] + len(a) - s, b[p : len(b) - s], kind))
            return reps
        pos = 0
        for a, b in zip(old_lines, new_lines, strict=True):
            if a != b:
                p, s = common_affixes(a, b)
                kind = known.get(a) or kind_of(a, b)
                reps.append(Replacement(pos + p, pos + len(a) - s, b[p : len(b) - s], kind))
            pos += len(a) + 1
        return reps
    p, s = common_affixes(old, new)
    return [Replacement(p, len(old) - s, new[p : len(new) - s], known.get(old) or kind_of(old, new))]


def join_kinds(kinds) -> str:
    """``normalize:a+b`` and ``normalize:b+c`` -> ``normalize:a+b+c`` (first-seen order)."""
    parts: dict[str, None] = {}
    for k in kinds:
        parts.update(dict.fromkeys(k.removeprefix("normalize:").split("+")))
    return "normalize:" + "+".join(parts)


def _dense_replacements(old_lines: list[str], new_lines: list[str], changed: list[int],
                        kind_of, known: dict[str, str]) -> list[Replacement]:
    """One replacement per run of changed lines at most ``_DENSE_GAP`` lines apart."""
    starts = list(itertools.accumulate(map((1).__add__, map(len, old_lines)), initial=0))
    # a run ends where the next changed line is more than _DENSE_GAP lines on
    ends = [k for k, (x, y) in enumerate(itertools.pairwise(changed), 1) if y - x > _DENSE_GAP]
    reps = []
    for r0, r1 in itertools.pairwise([0, *ends, len(changed)]):
        i0, i1 = changed[r0], changed[r1 - 1]
        a = "\n".join(old_lines[i0 : i1 + 1])
        b = "\n".join(new_lines[i0 : i1 + 1])
        p, s = common_affixes(a, b)
        olds = list(map(old_lines.__getitem__, changed[r0:r1]))
        kinds = dict.fromkeys(map(known.get, olds))
        if None in kinds:  # lines no one named yet
            del kinds[None]
            kinds.update(dict.fromkeys(kind_of(x, new_lines[i]) for x, i in zip(olds, changed[r0:r1], strict=True)
                                       if x not in known))
        reps.append(Replacement(starts[i0] + p, starts[i0] + len(a) - s, b[p : len(b) - s],
                                join_kinds(kinds)))
    return reps


# Rounds of all passes while they still change the text. Chains need a removal to expose
# each next fix (zero-width -> accent joins -> mojibake -> zero-width -> accent): hypothesis
# found one needing 4 rounds; real documents settle in 1-2. The cap only guards against a
# pass pair undoing each other.
_MAX_ROUNDS = 8


def _nfc_kind(_a: str, _b: str) -> str:
    return "normalize:nfc"


# Above this many character fixes, and more than one per _DENSE_RATIO characters, the character
# pass logs one edit per changed line (kinds joined by "+") instead of one per character.
_DENSE_MIN = 64
_DENSE_RATIO = 8


def _char_table() -> tuple[dict[int, str | None], dict[int, None], dict[str, re.Pattern[str]]]:
    """``str.translate`` tables equivalent to ``_CHAR_RE`` on single characters (``\r\n`` is
    replaced before), one that deletes every such character (to count them), and a pattern
    per class (to name the kinds of a changed line)."""
    table: dict[int, str | None] = {}
    classes: dict[str, list[str]] = {}
    every = "".join(map(chr, range(0x10000)))  # the classes are all in the BMP; no "\r\n" here
    for m in _CHAR_RE.finditer(every):
        if m.lastgroup:
            table[ord(m.group())] = _CHAR_AFTER[m.lastgroup] or None
            classes.setdefault(m.lastgroup, []).append(m.group())
    pats = {k: re.compile("[" + "".join(re.escape(c) for c in v) + "]") for k, v in classes.items()}
    return table, dict.fromkeys(table), pats


_CHAR_TABLE, _CHAR_DELETE, _CHAR_CLASS_RES = _char_table()


def _char_scan() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One character class holding every character ``_CHAR_RE`` acts on (a single-class scan,
    several times faster than the six-group alternation), and per character its replacement
    and edit kind, both read off ``_CHAR_RE`` itself."""
    every = "".join(map(chr, range(0x10000)))
    fix = {m.group(): (_CHAR_AFTER[m.lastgroup], "normalize:" + m.lastgroup)
           for m in _CHAR_RE.finditer(every) if m.lastgroup}
    return re.compile("[" + "".join(re.escape(c) for c in fix) + "]"), fix


_CHAR_SCAN_RE, _CHAR_FIX = _char_scan()
_CHAR_SET = "".join(_CHAR_FIX)

# The compiled scans (``_c_normalize.c``): the same offsets as ``_CHAR_SCAN_RE`` and the same
# matches as ``_LAYOUT_RE``, one C pass each; None when not built (then the regexes run).
_K = load("saring.normalize._c_normalize")


def char_positions_re(text: str, limit: int) -> list[int]:
    """Offsets of the first ``limit`` characters the character pass acts on (the reference)."""
    return [m.start() for m in itertools.islice(_CHAR_SCAN_RE.finditer(text), limit)]


def layout_matches_re(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, group name)`` of every match of ``_LAYOUT_RE`` (the reference)."""
    return [(m.start(), m.end(), m.lastgroup) for m in _LAYOUT_RE.finditer(text)]  # type: ignore[misc]


def layout_fixes_re(text: str, keep_newlines: int) -> list[tuple[int, int, str]]:
    """:func:`layout_matches_re` less the ``blank_lines`` matches made only of newlines, at most
    ``keep_newlines`` of them: the matches ``_pass_layout`` makes no replacement for (the
    reference of the kernel's ``layout_fixes``)."""
    return [
        (s, e, g) for s, e, g in layout_matches_re(text)
        if not (g == "blank_lines" and e - s <= keep_newlines and text.count("\n", s, e) == e - s)
    ]


def char_positions(text: str, limit: int) -> list[int]:
    """:func:`char_positions_re`, by the kernel when built."""
    if _K is not None:
        return _K.char_positions(text, _CHAR_SET, limit)
    return char_positions_re(text, limit)


def _char_kinds(before: str, _after: str) -> str:
    return "normalize:" + "+".join(k for k, r in sorted(_CHAR_CLASS_RES.items()) if r.search(before))


class Normalize(MapStep):
    """Repair Unicode damage and normalize whitespace; each change is a named edit.

    Parameters switch passes off (all on by default). ``max_blank_lines`` bounds runs of empty
    lines (news scrapes separate paragraphs by one newline or one blank line).
    """

    name = "normalize"
    PROVIDES = ("n_edits", "kinds")

    @dataclass(frozen=True, kw_only=True)
    class Config(MapStep.Config):
        ftfy: bool = True
        nfc: bool = True
        characters: bool = True
        layout: bool = True
        max_blank_lines: int = 1

        def __post_init__(self) -> None:
            if self.max_blank_lines < 0:
                raise ValueError("max_blank_lines must be >= 0")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        self.use_ftfy = c.ftfy
        self.max_blank_lines = max_blank_lines = c.max_blank_lines
        self._blank_after = "\n" * (max_blank_lines + 1)

    # ------------------------------------------------------------------ passes
    def _pass_ftfy(self, doc: Document, budget: Budget) -> None:
        text = doc.text
        if budget.refused_lines:
            return  # an earlier round left lines it could not afford: crafted text, not again
        fp = budget.fixed_point
        if text is fp or (
            fp is not None and budget.all_soft and len(text) < len(fp) and fp.startswith(text)
            and fp[len(text):].isspace()
        ):
            # ftfy's own output, every change checked to be a fixed point of its loop (and, when
            # no line needed ftfy's whole loop, with only trailing whitespace trimmed since:
            # dropping a line's end can only remove badness, never create it or an entity)
            return
        budget.hard_changed = False
        if not _ftfy_trigger(text) and (text.isascii() or not _looks_mojibake(text)):
            return
        named: dict[str, str] = {}  # lines fixed with their kind at hand (no second ftfy run)
        fixed, kinds = fix_text_explained(
            text, max_calls=_FTFY_CALLS + len(text) // _FTFY_CALL_CHARS, budget=budget, named=named
        )
        if fixed != text:
            reps = diff_replacements(text, fixed, ftfy_kind_from(named), dense=True, known=kinds)
            doc.apply(self.label, reps)
            if not budget.hard_changed:
                budget.fixed_point = doc.text

    def _pass_nfc(self, doc: Document) -> None:
        text = doc.text
        # (text below U+0100 is NFC: every Latin-1 letter with a mark is its own composition and
        # no Latin-1 character combines; one kernel call instead of NFC's quick check per character)
        if text.isascii() or (_K is not None and _K.one_byte(text)) or unicodedata.is_normalized("NFC", text):
            return
        fixed = unicodedata.normalize("NFC", text)
        doc.apply(self.label, diff_replacements(text, fixed, _nfc_kind, dense=True))

    def _pass_characters(self, doc: Document) -> None:
        text = doc.text
        # at most this many fixes log one edit each (see _DENSE_MIN / _DENSE_RATIO)
        limit = max(_DENSE_MIN, len(text) // _DENSE_RATIO)
        found = char_positions(text, limit + 1)
        if not found:
            return
        if len(found) <= limit:
            reps = []
            for s in found:
                after, kind = _CHAR_FIX[text[s]]
                # "\r\n" is one newline fix, as in _CHAR_RE
                e = s + 2 if after == "\n" and text.startswith("\r\n", s) else s + 1
                reps.append(Replacement(s, e, after, kind))
        else:
            # Dense junk (one character in a few is a control/zero-width/bidi character: crafted
            # or binary-ish input): one edit per changed line instead of one per character, so
            # the edit log, and the time to build it, stay proportional to the text. The
            # translation gives exactly what the per-match replacements give.
            fixed = text.replace("\r\n", "\n").translate(_CHAR_TABLE)
            reps = diff_replacements(text, fixed, _char_kinds)
        if reps:
            doc.apply(self.label, reps)

    def _layout_inner(self, text: str) -> bool:
        """Substring tests (C speed) that a layout fix inside the text is possible: every match of
        ``_LAYOUT_RE`` that changes something holds one of them. Most clean texts fail all."""
        return (
            "  " in text or "\t" in text or " \n" in text or "\n " in text
            or self._blank_after + "\n" in text
        )

    def _pass_layout(self, doc: Document) -> None:
        text = doc.text
        if not text:
            return
        if _K is not None:
            # one C pass finds the matches: cheaper than the substring tests that prove there
            # are none; it leaves out the paragraph breaks within the allowed blank lines (one
            # per paragraph in news text), for which the loop below makes no replacement
            matches = _K.layout_fixes(text, len(self._blank_after))
            if not matches and not text[0].isspace() and not text[-1].isspace():
                return
        else:
            inner = self._layout_inner(text)
            if not inner and not text[0].isspace() and not text[-1].isspace():
                return
            matches = layout_matches_re(text) if inner else []
        reps: list[Replacement] = []
        blank_after = self._blank_after
        for start, end, g in matches:
            if g == "blank_lines":
                group = text[start:end]
                newlines = group.count("\n")
                if newlines <= len(blank_after):
                    # within the allowed blank lines: only drop the spaces on the empty lines
                    cleaned = "\n" * newlines
                    if cleaned != group:
                        reps.append(Replacement(start, end, cleaned, "normalize:trailing_space"))
                    continue
                reps.append(Replacement(start, end, blank_after, "normalize:blank_lines"))
            elif g == "space_run":
                reps.append(Replacement(start, end, " ", "normalize:space_run"))
            else:
                reps.append(Replacement(start, end, "", "normalize:" + g))
        # outer whitespace, measured with str.strip (regex \s+\Z can be quadratic)
        n = len(text)
        head = n - len(text.lstrip())
        if head == n:
            if n:
                reps = [Replacement(0, n, "", "normalize:outer_space")]
        else:
            tail = n - len(text.rstrip())
            reps = [r for r in reps if r.start >= head and r.end <= n - tail]
            if head:
                reps.append(Replacement(0, head, "", "normalize:outer_space"))
            if tail:
                reps.append(Replacement(n - tail, n, "", "normalize:outer_space"))
        if reps:
            doc.apply(self.label, reps)

    # ------------------------------------------------------------------ step
    def process(self, doc: Document) -> Reject | None:
        n0 = len(doc.edits)
        # ftfy's costly work for this document, shared by the rounds
        n = len(doc.text)
        budget = Budget(_FTFY_SLOW + n // _FTFY_SLOW_CHARS, _FTFY_GROUP + n // _FTFY_GROUP_CHARS)
        # A fix can expose another (removing a zero-width char joins mojibake bytes or a letter
        # and its accent; ftfy can decode to a line separator): repeat while changing.
        for _ in range(_MAX_ROUNDS):
            before = len(doc.edits)
            if self.use_ftfy:
                self._pass_ftfy(doc, budget)
            if self.config.nfc:
                self._pass_nfc(doc)
            if self.config.characters:
                self._pass_characters(doc)
            if self.config.layout:
                self._pass_layout(doc)
            if len(doc.edits) == before:
                break
        if budget.refused_lines:  # mojibake left as it is: too costly to re-decode (crafted text)
            doc.flag(self.label, "ftfy_budget", lines=budget.refused_lines)
        made = doc.edits[n0:]
        if made:
            doc.annotate(self.label, n_edits=len(made), kinds=dict(Counter(e.kind for e in made)))
        else:
            doc.annotate(self.label, n_edits=0)
        return None
