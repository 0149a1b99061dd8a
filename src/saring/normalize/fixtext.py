"""ftfy where it can change something, and the name of every change, in time linear in the text.

``ftfy.fix_text`` cuts a text into segments (lines, and pieces of ``max_decode_length``) and runs
``fix_and_explain`` on each: 10-20 us per segment even when nothing changes, and the normalize
step then ran it a second time on every changed line to name the fix. On adversarial text (one
full-width character, lone surrogate or CJK character per line) that was 100-180 ms per 10 KB.

Here a segment goes through ftfy's whole loop only when it is *hard*: it holds a match of ftfy's
own badness regex (mojibake, what ftfy's encoding fixer looks for) or of its one anchored branch
at a line start, or an HTML entity, or it is a piece of a line cut at ``max_decode_length``.
Every other segment can only be changed by ftfy's character fixers (C1 controls, ligatures,
character width, surrogates, terminal escapes...), and each of those acts on one character, one
surrogate pair or one escape sequence, never across a newline. So a run of such segments is fixed
with one call of each fixer on the whole run, and each fixer's changed lines give the edit kinds,
in ftfy's order. The run is accepted only when its fixed lines are a fixed point of ftfy's loop
(no entity, no badness, the fixers change nothing more), which is exactly when ``fix_and_explain``
would stop after one round on each of them; otherwise its segments take the hard path.

The result is ``ftfy.fix_text`` (tests compare on generated and corpus text), and the kinds are
what ``fix_and_explain(line, explain=True)`` reports for each changed line.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import types
from re import _constants as re_constants
from re import _parser as re_parser
from typing import Any

import ftfy
from ftfy import ExplainedText, ExplanationStep, TextFixerConfig
from ftfy import _fix_encoding_one_step_and_explain as _ftfy_encoding_step
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.chardata import (
    CHARMAP_ENCODINGS,
    LIGATURES,
    UTF8_DETECTOR_RE,
    WIDTH_MAP,
    possible_encoding,
)

from saring.scan import class_positions, class_ranges, class_table, class_table_py

FTFY_CONFIG = TextFixerConfig(
    unescape_html="auto",  # only when the text holds no '<' (i.e. it is not HTML itself)
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,
    fix_character_width=True,
    uncurl_quotes=False,  # curly quotes are correct Indonesian typography, not damage
    fix_line_breaks=False,  # done in normalize's character pass, with its own edit kind
    fix_surrogates=True,
    remove_control_chars=False,  # done in normalize's character pass
    normalization=None,  # done in normalize's NFC pass
    explain=False,
)
FTFY_EXPLAIN_CONFIG = FTFY_CONFIG._replace(explain=True)

# Cheap gate in front of ftfy: the characters its non-mojibake fixers act on (entities, ANSI
# escapes, C1 controls, ligatures, full/half-width forms, surrogates). Mojibake itself is
# gated by ftfy's own ``is_bad`` (one regex search over the whole text), which is exactly the
# test ftfy applies per line before trying any re-decoding.
ENTITY_RE = re.compile(r"&#?[0-9A-Za-z]{1,24};")


def _class_of(codepoints: list[int]) -> str:
    """A regex character class body of ``codepoints`` as ranges."""
    spans: list[list[int]] = []
    for c in sorted(codepoints):
        if spans and c == spans[-1][1] + 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in spans)


# the keys of ftfy's own ligature and width tables (not the unmapped half-width gaps, which
# would send text that cannot change through the fixers)
FTFY_CHARS_RE = re.compile(
    "[\x1b\x80-\x9f\ud800-\udfff" + _class_of([*LIGATURES, *WIDTH_MAP]) + "]"
)


def _class_table(pattern: re.Pattern[str]) -> Any:
    """The compiled scan's table of a one-class pattern (``saring.scan.class_positions``), or
    None (no kernel, or a pattern it cannot read): then the regex scans."""
    ranges = class_ranges(pattern)
    if ranges is None or class_table is class_table_py:
        return None
    return class_table(ranges)


_FTFY_CHARS_T = _class_table(FTFY_CHARS_RE)


def ftfy_trigger(text: str) -> bool:
    """HTML entities (only when '&' occurs at all) or characters a non-mojibake fixer acts on."""
    if "&" in text and ENTITY_RE.search(text) is not None:
        return True
    if not text.isascii():
        if _FTFY_CHARS_T is not None:
            if class_positions(text, _FTFY_CHARS_T, 0, 1):
                return True
        elif FTFY_CHARS_RE.search(text) is not None:
            return True
    return "\x1b" in text


# Mojibake of UTF-8 always contains the character a lead byte decodes to (Â-ô in Windows-1252,
# Cyrillic or box drawing in other code pages), never only curly quotes, dashes or NBSP. So
# ftfy's ``is_bad`` (a large regex, ~2,000 news docs/s on its own) is only run on short windows
# around characters outside this everyday set, which most Indonesian news text never leaves.
_UNSAFE_RE = re.compile(r"[^\x00-\x7f\xa0“”‘’–—…•°·×]")
_WINDOW = 8
_UNSAFE_LIMIT = 4000


def looks_mojibake(text: str) -> bool:
    """``ftfy.badness.is_bad`` restricted to windows around unusual characters."""
    if (
        not class_positions(text, _WITNESS_T, 0, 1) if _WITNESS_T is not None
        else _WITNESS_RE.search(text) is None
    ):  # no match of the badness regex is possible
        return False
    windows = []
    end = -1
    # the unsafe characters' offsets (one character each: a match ends one after its start),
    # by the compiled class scan when built; the loop below never reads past the 4,002nd
    unsafe = (
        class_positions(text, _UNSAFE_T, 0, _UNSAFE_LIMIT + 2) if _UNSAFE_T is not None
        else (m.start() for m in _UNSAFE_RE.finditer(text))
    )
    for count, p in enumerate(unsafe):
        s, e = max(0, p - _WINDOW), p + 1 + _WINDOW
        if s <= end and windows:
            windows[-1] = (windows[-1][0], e)
        else:
            windows.append((s, e))
        end = e
        if len(windows) > 200 or count > _UNSAFE_LIMIT:
            # many unusual characters (or windows): the whole text's is_bad, searched only
            # around its witness characters (``has_bad``, equal to is_bad)
            return has_bad(text)
    return bool(windows) and is_bad("\n".join(text[s:e] for s, e in windows))


# ftfy's badness regex has one anchored branch (``^[ÃÂ][ ]``, start of the segment); every other
# branch matches the same characters wherever they are (no other anchor, boundary or look-around),
# so a line holds a match of ``is_bad`` only if a match of the regex over the whole text touches it.
CARET_BAD_RE = re.compile(r"^[ÃÂ] ", re.MULTILINE)


def _badness_witnesses() -> tuple[re.Pattern[str], int]:
    """A class of the non-ASCII characters of ftfy's badness regex, and its longest match.

    Every branch of the regex has an element that only matches such characters (checked here on
    ftfy's own pattern), so every match holds one of them, within the longest match's width of
    the match's ends: matches are only looked for around them. CJK, emoji, Thai or Ethiopic text
    holds none, and skips the regex (~150 ns per character) altogether."""
    parsed = re_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    (op, (_, branches)), = parsed.data
    assert op == re_constants.BRANCH
    chars: set[int] = set()
    for branch in branches:
        witness = False
        for item_op, av in branch.data:
            s: set[int] = set()
            if item_op == re_constants.LITERAL:
                s = {av}
            elif item_op == re_constants.IN:
                if any(o not in (re_constants.LITERAL, re_constants.RANGE) for o, _ in av):
                    continue  # negated, or \s / \w: matches anything
                for o, a in av:
                    s.update([a] if o == re_constants.LITERAL else range(a[0], a[1] + 1))
            wide = {c for c in s if c > 0x7F}
            chars |= wide
            witness |= bool(s) and wide == s
        if not witness:
            raise RuntimeError("ftfy's badness regex changed: a branch needs no non-ASCII character")
    return re.compile("[" + _class_of(sorted(chars)) + "]"), parsed.getwidth()[1]


_WITNESS_RE, _BAD_WIDTH = _badness_witnesses()
_WITNESS_T = _class_table(_WITNESS_RE)
_UNSAFE_T = _class_table(_UNSAFE_RE)


def _witnesses(text: str) -> list[int]:
    """Offsets of the witness characters (one character per match of ``_WITNESS_RE``): by the
    compiled class scan when built (a regex over the class's ~300 ranges tests them one by one
    at every character of the text)."""
    if _WITNESS_T is not None:
        return class_positions(text, _WITNESS_T, 0, len(text))
    return [m.start() for m in _WITNESS_RE.finditer(text)]


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged windows around the badness regex's witness characters: every match lies in one."""
    w = _BAD_WIDTH
    n = len(text)
    found = _witnesses(text)
    if len(found) * w > n // 2:  # dense: the windows would cover most of it
        return [(0, n)] if n else []
    out: list[tuple[int, int]] = []
    win_s = win_e = -1
    for p in found:
        if p - w + 1 <= win_e:
            win_e = min(n, p + w)
            continue
        if win_e > 0:
            out.append((win_s, win_e))
        win_s, win_e = max(0, p - w + 1), min(n, p + w)
    if win_e > 0:
        out.append((win_s, win_e))
    return out


def bad_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the matches of ftfy's badness regex (searched in each window) and of its anchored
    branch at each line start. A line holds a match of ``is_bad`` only if one of them touches it:
    a match of the line is a match of the text (no anchor but the caret), inside one window, and
    the leftmost-first search of that window finds it or one that overlaps it."""
    if text.isascii():
        return []
    finditer = BADNESS_RE.finditer
    spans = [x.span() for s, e in _windows(text) for x in finditer(text, s, e)]
    spans += [x.span() for x in CARET_BAD_RE.finditer(text)]
    return spans


def has_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searching only the windows around witness characters."""
    if text.isascii():
        return False
    search = BADNESS_RE.search
    return any(search(text, s, e) for s, e in _windows(text))


def ftfy_may_change(text: str) -> bool:
    """Could ``ftfy.fix_and_explain`` change this segment?"""
    return ftfy_trigger(text) or (
        not text.isascii() and (has_bad(text) or CARET_BAD_RE.search(text) is not None)
    )


# ftfy's fixers after its encoding fixer, in the order of its loop, that act on one character,
# one surrogate pair or one escape sequence (never across a newline). ``fix_line_breaks`` (which
# changes lines) is not among them: with it on, every segment takes the hard path.
_LOCAL_FIXERS = ("fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes",
                 "fix_surrogates", "remove_terminal_escapes", "remove_control_chars")

# ftfy explanation steps -> our edit kind names.
FTFY_KIND = {
    "unescape_html": "html_entity",
    "remove_terminal_escapes": "terminal_escape",
    "fix_c1_controls": "c1_control",
    "fix_latin_ligatures": "ligature",
    "fix_character_width": "width",
    "fix_surrogates": "surrogate",
    "restore_byte_a0": "mojibake",
    "replace_lossy_sequences": "mojibake",
    "decode_inconsistent_utf8": "mojibake",
}


def kind_of_plan(plan: list[tuple[str, str]] | None) -> str:
    """An ftfy explanation as our edit kind (``normalize:a+b``, steps in order, no repeats)."""
    kinds: list[str] = []
    for action, param in plan or ():
        if action in ("encode", "decode", "transcode"):
            k = "mojibake"
        elif action == "apply":
            k = FTFY_KIND.get(param, param)
        else:
            k = str(param)
        if k not in kinds:
            kinds.append(k)
    return "normalize:" + ("+".join(kinds) if kinds else "ftfy")


def ftfy_kind(before: str, _after: str = "") -> str:
    """Name an ftfy change by re-running it with explanations (the slow path, one line)."""
    return kind_of_plan(fix_and_explain(before, FTFY_EXPLAIN_CONFIG).explanation)


def ftfy_kind_from(named: dict[str, str]):
    """``ftfy_kind``, read from ``named`` (``fix_text_explained``'s) where it holds the line."""
    if not named:
        return ftfy_kind
    get = named.get
    return lambda before, _after="": get(before) or ftfy_kind(before)


def _segment_bounds(text: str, max_len: int) -> list[int]:
    """Start of every segment, as ``ftfy.fix_text`` cuts them, and ``len(text)``."""
    lines = text.split("\n")
    if max(map(len, lines)) < max_len:  # no line is cut: segments are lines
        bounds = list(itertools.accumulate(map((1).__add__, map(len, lines)), initial=0))
        if not lines[-1]:  # the text ends with a newline (or is empty): no last segment
            return bounds[:-1]
        bounds[-1] = len(text)
        return bounds
    bounds = [0]
    n = len(text)
    pos = 0
    while pos < n:
        brk = text.find("\n", pos) + 1 or n
        pos = min(brk, pos + max_len)
        bounds.append(pos)
    return bounds


def _hard_segments(text: str, bounds: list[int]) -> set[int]:
    """Indices of the segments that need ftfy's whole loop (see the module docstring)."""
    spans = bad_spans(text)
    if "&" in text:
        spans += [m.span() for m in ENTITY_RE.finditer(text)]
    hard: set[int] = set()
    k = 0  # the segment of the last span (spans mostly come in text order)
    for s, e in spans:
        if not bounds[k] <= s < bounds[k + 1]:
            k = bisect.bisect_right(bounds, s) - 1
        hard.add(k)
        if e > bounds[k + 1]:  # a match across a line end: every segment it touches
            hard.update(range(k + 1, bisect.bisect_right(bounds, e - 1)))
    last_seg = len(bounds) - 2
    for k in range(last_seg):
        if text[bounds[k + 1] - 1] != "\n":  # a line cut at max_decode_length: both pieces
            hard.update((k, k + 1))
    return hard


def _local_fixers(config: TextFixerConfig) -> list[str] | None:
    """The character fixers ``config`` turns on, or None when the fast path does not apply."""
    if config.fix_line_breaks or config.normalization is not None:
        return None
    return [f for f in _LOCAL_FIXERS if getattr(config, f)]


# what each character fixer acts on: a fixer is called only on text holding one of them
_FIXER_GATES = {
    "fix_c1_controls": re.compile("[\x80-\x9f]"),
    "fix_latin_ligatures": re.compile("[" + _class_of(list(LIGATURES)) + "]"),
    "fix_character_width": re.compile("[" + _class_of(list(WIDTH_MAP)) + "]"),
    "fix_surrogates": re.compile("[\ud800-\udfff]"),
    "remove_terminal_escapes": re.compile("\x1b"),
}


def _gated(name: str):
    """ftfy's fixer ``name``, called only on text holding a character it acts on: the same result.
    (``str.translate`` with ftfy's ligature and width dicts raises and clears a KeyError for every
    character the dict lacks, ~1 us each: a 3,000-character mojibake line paid ~6 ms per call.)"""
    fixer = ftfy.FIXERS[name]
    table = _class_table(_FIXER_GATES[name])
    if table is None:
        search = _FIXER_GATES[name].search
        return lambda text: text if search(text) is None else fixer(text)
    return lambda text: fixer(text) if class_positions(text, table, 0, 1) else text


# ftfy's fixers after its encoding fixer, in the order of ``ftfy.fix_and_explain``'s loop (6.x)
_LOOP_FIXERS = ("fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes",
                "fix_line_breaks", "fix_surrogates", "remove_terminal_escapes", "remove_control_chars")
# the two translate fixers gated (equal results: ``test_gated_fixers_equal_ftfys``)
_FAST = {"fix_latin_ligatures": _gated("fix_latin_ligatures"),
         "fix_character_width": _gated("fix_character_width")}
_NO_EXPLAIN = TextFixerConfig(explain=False)  # what ftfy's ``fix_encoding`` reads without one


def _own_globals(function: Any, **names: Any) -> Any:
    """A copy of ftfy's ``function`` reading ``names`` in place of its module's globals of those
    names: ftfy's module itself is never changed (nothing to restore, nothing other callers or
    threads could see)."""
    namespace = {**vars(ftfy), **names}
    return types.FunctionType(function.__code__, namespace, function.__name__,
                              function.__defaults__, function.__closure__)


# ftfy's one step of encoding repair, its opening test (ASCII, or not ``is_bad``: nothing to do)
# asked of ``has_bad`` (``is_bad`` searched around witness characters, equal): ftfy's whole
# badness regex over every text its loop sees was ~2/3 of a single-line mojibake document's cost.
_encoding_step = _own_globals(_ftfy_encoding_step, is_bad=has_bad)


def _fix_encoding(text: str, config: TextFixerConfig) -> ExplainedText:
    """``ftfy.fix_encoding_and_explain``'s loop over :func:`_encoding_step`."""
    if not config.fix_encoding:
        return ExplainedText(text, [])
    plan_so_far: list[ExplanationStep] = []
    while True:
        prev = text
        text, plan = _encoding_step(text, config)
        if plan is not None:
            plan_so_far.extend(plan)
        if text == prev:
            return ExplainedText(text, plan_so_far)


def _loop_fixers(config: TextFixerConfig) -> list[tuple[str, Any]]:
    """The fixers ``config`` switches on, in ftfy's loop order, ``_FAST``'s in place of ftfy's."""
    return [(name, _FAST.get(name) or ftfy.FIXERS[name]) for name in _LOOP_FIXERS
            if getattr(config, name)]


def fix_and_explain(text: str, config: TextFixerConfig) -> ExplainedText:
    """``ftfy.fix_and_explain(text, config)`` (for a config without ``normalization``): ftfy's
    loop written out, calling ftfy's fixers as ``config`` switches them, ``_FAST``'s gated ones
    for the translate fixers, and ftfy's encoding step reading ``has_bad`` (``_encoding_step``).
    Nothing of ftfy's is replaced, even for the call: other users of ftfy (other threads included) and an
    exception in the middle leave ftfy as it is (``test_normalize_ftfy_once.py``)."""
    if config.normalization is not None:  # not ours: ftfy's own loop
        return ftfy.fix_and_explain(text, config)
    if config.unescape_html == "auto" and "<" in text:
        config = config._replace(unescape_html=False)
    steps: list[ExplanationStep] | None = [] if config.explain else None
    fixers = _loop_fixers(config)
    unescape = ftfy.FIXERS["unescape_html"] if config.unescape_html else None
    while True:
        origtext = text
        if unescape is not None:
            fixed = unescape(text)
            if steps is not None and fixed != text:
                steps.append(ExplanationStep("apply", "unescape_html"))
            text = fixed
        if config.fix_encoding:
            if steps is None:  # ftfy's ``fix_encoding(text)``: the default config's switches
                text = _fix_encoding(text, _NO_EXPLAIN)[0]
            else:
                text, encoding_steps = _fix_encoding(text, config)
                steps.extend(encoding_steps)
        for name, fixer in fixers:
            fixed = fixer(text)
            if steps is not None and fixed != text:
                steps.append(ExplanationStep("apply", name))
            text = fixed
        if text == origtext:
            return ExplainedText(text, steps)


def _fixer_may_change(name: str, text: str) -> bool:
    gate = _FIXER_GATES.get(name)
    return gate is None or gate.search(text) is not None


def _chain(text: str, fixers: list[str]) -> str:
    for name in fixers:
        if _fixer_may_change(name, text):
            text = ftfy.FIXERS[name](text)
    return text


def _fix_run(run: str, fixers: list[str], kinds: dict[str, str]) -> str | None:
    """A run of segments none of which is hard, fixed by one call of each character fixer, with
    the kind of each changed line put in ``kinds``; None when that is not what ftfy would give."""
    if not (FTFY_CHARS_RE.search(run) or "\x1b" in run) and not (
        "uncurl_quotes" in fixers or "remove_control_chars" in fixers
    ):
        return run
    lines0 = run.split("\n")
    if "uncurl_quotes" not in fixers and "remove_control_chars" not in fixers:
        few = _few_lines(run, lines0)
        if few is not None:  # only these lines hold a character a fixer acts on: fix just them
            fixed = _fix_run("\n".join(map(lines0.__getitem__, few)), fixers, kinds)
            if fixed is None:
                return None
            out = lines0[:]
            for i, line in zip(few, fixed.split("\n"), strict=True):
                out[i] = line
            return "\n".join(out)
    return _fix_lines(run, lines0, fixers, kinds)


def _few_lines(run: str, lines: list[str]) -> list[int] | None:
    """Indices of the lines holding a character a fixer acts on, when they are under one in
    eight of many lines (the fixers then read only them); else None."""
    if len(lines) < 64 or len(FTFY_CHARS_RE.findall(run)) * 8 >= len(lines):
        return None
    starts = list(itertools.accumulate(map((1).__add__, map(len, lines)), initial=0))
    return sorted({bisect.bisect_right(starts, m.start()) - 1 for m in FTFY_CHARS_RE.finditer(run)})


def _fix_lines(run: str, lines0: list[str], fixers: list[str], kinds: dict[str, str]) -> str | None:
    """``_fix_run`` on the whole run (its lines given)."""
    stages: list[tuple[str, list[int]]] = []  # (fixer, indices of the lines it changed)
    cur, cur_lines = run, lines0
    for name in fixers:
        if not _fixer_may_change(name, cur):
            continue
        new = ftfy.FIXERS[name](cur)
        if new == cur:
            continue
        new_lines = new.split("\n")
        if len(new_lines) != len(cur_lines):
            return None
        stages.append((name, changed_lines(cur_lines, new_lines)))
        cur, cur_lines = new, new_lines
    if not stages:
        return run
    if len(stages) == 1:
        idx = stages[0][1]
        changed: dict[int, tuple[str, ...]] = dict.fromkeys(idx, (stages[0][0],))
    else:
        changed = {}
        for name, idx in stages:
            for i in idx:
                changed[i] = (*changed.get(i, ()), name)
        idx = sorted(changed)
    # one round of fix_and_explain on each changed line gave its fixed line; a second round
    # changes nothing exactly when the fixed lines hold no entity, no badness and are a fixed
    # point of the character fixers (the unchanged lines passed every fixer unchanged)
    # (each distinct fixed line once: the checks are per line)
    fixed = "\n".join(dict.fromkeys(map(cur_lines.__getitem__, idx)))
    if ftfy_may_change_hard(fixed) or _chain(fixed, fixers) != fixed:
        return None
    if len(stages) == 1:
        kind = kind_of_plan([("apply", stages[0][0])])
        kinds.update(zip(map(lines0.__getitem__, idx), itertools.repeat(kind)))
    else:
        named = {names: kind_of_plan([("apply", n) for n in names]) for names in set(changed.values())}
        kinds.update([(lines0[i], named[names]) for i, names in changed.items()])
    return cur


def changed_lines(old: list[str], new: list[str]) -> list[int]:
    """Indices where two equally long lists of lines differ (C loops, no Python per line)."""
    return list(itertools.compress(itertools.count(), map(operator.ne, old, new)))


def ftfy_may_change_hard(text: str) -> bool:
    """An entity, a badness match or an anchored-branch match (per line) in ``text``."""
    return ("&" in text and ENTITY_RE.search(text) is not None) or (
        not text.isascii() and (has_bad(text) or CARET_BAD_RE.search(text) is not None)
    )


def slow_work(chunk: str) -> int:
    """Deterministic estimate of ftfy's costly work on ``chunk``: 0 when it is not mojibake or
    decodes whole from one of ftfy's single-byte encodings (its first, cheap plan), else the number
    of UTF-8-like sequences its ``decode_inconsistent_utf8`` re-fixes one by one, each with trial
    encodings (~0.1-1 ms each; on crafted text one every few characters)."""
    if chunk.isascii() or not has_bad(chunk):
        return 0
    for encoding in CHARMAP_ENCODINGS:
        if possible_encoding(chunk, encoding):
            raw = chunk.encode(encoding)
            try:
                raw.decode("utf-8-variants" if 0xED in raw or 0xC0 in raw else "utf-8")
                return 0
            except UnicodeDecodeError:
                pass
    return sum(1 for _ in UTF8_DETECTOR_RE.finditer(chunk))


class Budget:
    """ftfy work one text may still cost, and the lines refused when it would overdraw.

    Two pools: ``slow``, sequences re-decoded one by one (``slow_work``: a line that is mojibake
    throughout and never decodes whole), and ``group_chars``, characters of lines fixed together
    in coarse mode (crafted text with more broken lines than ``max_calls``; ftfy reads ~1 us per
    character of such text). Real documents stay far inside both (checked over every document of
    the shared corpora); a crafted one gets what fits, the rest is left as it is and counted."""

    def __init__(self, slow: int, group_chars: int) -> None:
        self.slow = slow
        self.group_chars = group_chars
        self.refused_lines = 0
        self.hard_changed = False  # whether ftfy's whole loop changed a segment (this pass)
        # text this pass left where every change was checked to be a fixed point of ftfy's loop
        self.fixed_point: str | None = None
        self.all_soft = False  # the last pass found no segment that needed ftfy's whole loop

    def allows(self, chunk: str, group: bool) -> bool:
        if group and len(chunk) > self.group_chars:
            ok = False
        else:
            work = slow_work(chunk)
            ok = work <= self.slow
            if ok:
                self.slow -= work
                self.group_chars -= len(chunk) if group else 0
        if not ok:
            self.refused_lines += chunk.count("\n") + (not chunk.endswith("\n"))
        return ok


# A line's last character after which its newline is inert for ftfy's loop: ASCII that no step of
# the loop consumes or changes (not a space: ``restore_byte_a0`` and ``UTF8_DETECTOR_RE``; not
# ``?`` or ``\x1a``: lossy sequences; not ``;``: entities; not a letter: terminal escapes; and
# ftfy's width and ligature maps have no ASCII key), so every text the loop sees ends with it.
# Then the newline joins no match of a regex the loop uses (only ``BADNESS_RE``'s ``[Œœ][^A-Za-z]``
# and ``\s`` branches can match a newline, and only after a non-ASCII character), no UTF-8-like
# run spans the whole text (``decode_inconsistent_utf8`` compares their lengths), and a byte
# string ending in an ASCII byte decodes (UTF-8 or ftfy's variants) with or without "\n" after
# it alike: ``fix_and_explain(line + "\n")`` is ``fix_and_explain(line)`` plus "\n", plan and all.
NEWLINE_INERT_AFTER = frozenset("0123456789.,!\"')]}:-/%*+=<>@^_`|~$#&[({\\")


def newline_inert(segment: str) -> bool:
    """``segment`` is one line and its newline (see ``NEWLINE_INERT_AFTER``)."""
    return len(segment) > 1 and segment[-1] == "\n" and segment[-2] in NEWLINE_INERT_AFTER


def _fix_hard(text: str, s: int, e: int, lt: int, config: TextFixerConfig, kinds: dict[str, str],
              budget: Budget | None, named: dict[str, str] | None = None) -> str:
    """One segment through ftfy's loop, as ``ftfy.fix_text`` would run it. A segment that is a
    whole last line (no newline after it: nothing differs between it and the line the edit kind
    is asked for) is named by this same run's explanation; so is, in ``named``, a whole line
    whose newline is inert (``newline_inert``): it runs without its newline, with explanations,
    and the kind ``ftfy_kind`` would give it is not asked of ftfy's loop a second time."""
    segment = text[s:e]
    if not ftfy_may_change(segment):
        return segment
    whole = e == len(text) and (s == 0 or text[s - 1] == "\n") and not segment.endswith("\n")
    if budget is not None and not budget.allows(segment, group=False):
        return segment
    # ftfy switches "auto" html unescaping off from the first segment with "<" on
    no_html = 0 <= lt < e and config.unescape_html == "auto"
    run = config._replace(unescape_html=False) if no_html else config
    if config == FTFY_CONFIG:
        if whole and not (no_html and "&" in segment and "<" not in segment):
            fixed, plan = fix_and_explain(segment, run._replace(explain=True))
            if fixed != segment:
                kinds[segment] = kind_of_plan(plan)
            if budget is not None and fixed != segment:
                budget.hard_changed = True
            return fixed
        if (named is not None and (not no_html or "<" in segment) and (s == 0 or text[s - 1] == "\n")
                and newline_inert(segment)):
            # the run ftfy_kind would make: same config ("auto" sees the same "<")
            line = segment[:-1]
            fixed_line, plan = fix_and_explain(line, FTFY_EXPLAIN_CONFIG)
            if fixed_line != line:
                named[line] = kind_of_plan(plan)
                if budget is not None:
                    budget.hard_changed = True
            return fixed_line + "\n"
    fixed = fix_and_explain(segment, run)[0]
    if budget is not None and fixed != segment:
        budget.hard_changed = True
    return fixed


def _fix_group(text: str, s: int, e: int, lt: int, kinds: dict[str, str], budget: Budget | None) -> str:
    """Several segments (lines) as one ftfy segment, named by its one explanation (coarse mode)."""
    chunk = text[s:e]
    if not ftfy_may_change(chunk) or (budget is not None and not budget.allows(chunk, group=True)):
        return chunk
    config = FTFY_EXPLAIN_CONFIG
    if 0 <= lt < e:
        config = config._replace(unescape_html=False)
    fixed, plan = fix_and_explain(chunk, config)
    if fixed != chunk:
        if budget is not None:
            budget.hard_changed = True
        kind = kind_of_plan(plan)
        old, new = chunk.split("\n"), fixed.split("\n")
        pairs = zip(old, new, strict=True) if len(old) == len(new) else ((a, "") for a in old)
        for a, b in pairs:
            if a != b:
                kinds.setdefault(a, kind)
    return fixed


def _groups(hard: list[int], max_calls: int | None) -> list[tuple[int, int]]:
    """Hard segments as (first, last) ranges: one each, or at most ``max_calls`` ranges of
    consecutive hard segments (and the segments between them) when there are more."""
    if max_calls is None or len(hard) <= max_calls:
        return [(h, h) for h in hard]
    size = -(-len(hard) // max(1, max_calls))
    return [(hard[i], hard[min(i + size, len(hard)) - 1]) for i in range(0, len(hard), size)]


def fix_text_explained(
    text: str, config: TextFixerConfig = FTFY_CONFIG, max_calls: int | None = None,
    budget: Budget | None = None, named: dict[str, str] | None = None,
) -> tuple[str, dict[str, str]]:
    """``ftfy.fix_text(text, config)``, and the edit kind of the lines it fixed without running
    ftfy's whole loop on them (original line -> kind; name other changed lines by ``ftfy_kind``).

    ``max_calls`` bounds the calls of ftfy's whole loop: when more segments are hard (crafted
    text: one mojibake word per line), consecutive hard segments are fixed together in at most
    that many calls, each named by its own explanation. That is ftfy on longer segments, not
    ``ftfy.fix_text`` any more; the normalize step sets it far above what real text needs.
    With a ``budget``, a hard segment (or group) that would overdraw it is left as it is and
    counted in ``budget.refused_lines``. With ``named``, the kinds ``ftfy_kind`` would give some
    other changed lines are put there (``_fix_hard``): a fallback for ``ftfy_kind``, not more
    entries of the returned kinds (which win over it, as they win over ``ftfy_kind``)."""
    bounds = _segment_bounds(text, config.max_decode_length)
    fixers = _local_fixers(config)
    n_seg = len(bounds) - 1
    hard = list(range(n_seg)) if fixers is None else sorted(_hard_segments(text, bounds))
    groups = _groups(hard, None if fixers is None or config != FTFY_CONFIG else max_calls)
    if budget is not None:
        budget.all_soft = not hard
    lt = text.find("<") if config.unescape_html == "auto" else -1
    kinds: dict[str, str] = {}
    out: list[str] = []
    start = 0
    for a, b in [*groups, (n_seg, n_seg)]:
        if start < a:  # segments start..a-1 are soft
            run = text[bounds[start] : bounds[a]]
            fixed = None if fixers is None else _fix_run(run, fixers, kinds)
            if fixed is not None:
                out.append(fixed)
            else:
                out += [_fix_hard(text, bounds[k], bounds[k + 1], lt, config, kinds, budget, named)
                        for k in range(start, a)]
        if a == b < n_seg:
            out.append(_fix_hard(text, bounds[a], bounds[a + 1], lt, config, kinds, budget, named))
        elif a < b:
            out.append(_fix_group(text, bounds[a], bounds[b + 1], lt, kinds, budget))
        start = b + 1
    return "".join(out), kinds


def fix_text_segments(text: str, config: TextFixerConfig = FTFY_CONFIG) -> str:
    """``ftfy.fix_text(text, config)`` (see ``fix_text_explained``)."""
    return fix_text_explained(text, config)[0]


__all__ = [
    "FTFY_CONFIG",
    "FTFY_EXPLAIN_CONFIG",
    "fix_text_explained",
    "fix_text_segments",
    "ftfy_kind",
    "ftfy_kind_from",
    "ftfy_trigger",
    "looks_mojibake",
]
