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

import ftfy
from ftfy import TextFixerConfig
from ftfy.badness import is_bad

from saring.document import Document, Replacement
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

_FTFY_CONFIG = TextFixerConfig(
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
    fix_line_breaks=False,  # done in pass 3, with its own edit kind
    fix_surrogates=True,
    remove_control_chars=False,  # done in pass 3
    normalization=None,  # done in pass 2
    explain=False,
)
_FTFY_EXPLAIN_CONFIG = _FTFY_CONFIG._replace(explain=True)

# Cheap gate in front of ftfy: the characters its non-mojibake fixers act on (entities, ANSI
# escapes, C1 controls, ligatures, full/half-width forms, surrogates). Mojibake itself is
# gated by ftfy's own ``is_bad`` (one regex search over the whole text), which is exactly the
# test ftfy applies per line before trying any re-decoding.
_ENTITY_RE = re.compile(r"&#?[0-9A-Za-z]{1,24};")
_FTFY_CHARS_RE = re.compile(
    r"[\x1b\x80-\x9f\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06\u3000"
    r"\uff01-\uffee\ud800-\udfff]"
)


def _ftfy_trigger(text: str) -> bool:
    """HTML entities (only when '&' occurs at all) or characters a non-mojibake fixer acts on."""
    return ("&" in text and _ENTITY_RE.search(text) is not None) or (
        not text.isascii() and _FTFY_CHARS_RE.search(text) is not None
    ) or ("\x1b" in text)

# Mojibake of UTF-8 always contains the character a lead byte decodes to (Â-ô in Windows-1252,
# Cyrillic or box drawing in other code pages), never only curly quotes, dashes or NBSP. So
# ftfy's ``is_bad`` (a large regex, ~2,000 news docs/s on its own) is only run on short windows
# around characters outside this everyday set, which most Indonesian news text never leaves.
_UNSAFE_RE = re.compile(r"[^\x00-\x7f\xa0“”‘’–—…•°·×]")
_WINDOW = 8


def _looks_mojibake(text: str) -> bool:
    """``ftfy.badness.is_bad`` restricted to windows around unusual characters."""
    windows = []
    end = -1
    for count, m in enumerate(_UNSAFE_RE.finditer(text)):
        s, e = max(0, m.start() - _WINDOW), m.end() + _WINDOW
        if s <= end and windows:
            windows[-1] = (windows[-1][0], e)
        else:
            windows.append((s, e))
        end = e
        if len(windows) > 200 or count > 4000:
            return is_bad(text)  # many unusual characters (or windows): test the whole text
    return bool(windows) and is_bad("\n".join(text[s:e] for s, e in windows))


# ftfy's badness regex has one anchored branch (``^[ÃÂ][ ]``, start of the segment); every other
# branch matches the same characters wherever they are, so a block of segments none of which is
# bad is exactly a block where ``is_bad`` and this per-line check both fail.
_CARET_BAD_RE = re.compile(r"^[ÃÂ] ", re.MULTILINE)
_BLOCK = 8  # segments tested together before testing them one by one


def _ftfy_may_change(text: str) -> bool:
    """Could ``ftfy.fix_and_explain`` change this segment (or some segment of this block)?"""
    return _ftfy_trigger(text) or (
        not text.isascii() and (is_bad(text) or _CARET_BAD_RE.search(text) is not None)
    )


def fix_text_segments(text: str, config: TextFixerConfig = _FTFY_CONFIG) -> str:
    """``ftfy.fix_text(text, config)``, with a segment (line) handed to ftfy only when it can
    change: its segments (lines, cut at ``max_decode_length``) and its sticky switch of
    ``unescape_html="auto"`` off from the first segment holding ``<`` on. A segment without an
    entity, escape or character a non-mojibake fixer acts on (``_ftfy_trigger``) and that ftfy's
    own ``is_bad`` finds clean (or is ASCII) comes out of ``fix_and_explain`` unchanged: every
    fixer of the config is a no-op on it, and the encoding fixer returns such text as it is.
    Blocks of ``_BLOCK`` segments are tested first. One mojibake line then costs one ftfy call
    instead of one per line of the document (~10-20 us each, 100+ ms per 10 KB on many short
    lines)."""
    bounds: list[int] = [0]
    n = len(text)
    while bounds[-1] < n:
        pos = bounds[-1]
        brk = text.find("\n", pos) + 1 or n
        bounds.append(min(brk, pos + config.max_decode_length))
    lt = text.find("<") if config.unescape_html == "auto" else -1
    no_html = config._replace(unescape_html=False)
    out: list[str] = []
    for b in range(0, len(bounds) - 1, _BLOCK):
        block = bounds[b : b + _BLOCK + 1]
        if not _ftfy_may_change(text[block[0] : block[-1]]):
            out.append(text[block[0] : block[-1]])
            continue
        for s, e in itertools.pairwise(block):
            segment = text[s:e]
            if _ftfy_may_change(segment):
                # ftfy switches "auto" html unescaping off from the first segment with "<" on
                segment = ftfy.fix_and_explain(segment, no_html if 0 <= lt < e else config)[0]
            out.append(segment)
    return "".join(out)


# ftfy explanation steps -> our edit kind names.
_FTFY_KIND = {
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


def common_affixes(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix of ``a`` and ``b``."""
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


def diff_replacements(old: str, new: str, kind_of) -> list[Replacement]:
    """Minimal-ish replacements turning ``old`` into ``new``: one per changed line when the line
    structure is kept, else one trimmed span. ``kind_of(before_line, after_line)`` names each."""
    reps: list[Replacement] = []
    old_lines = old.split("\n")
    new_lines = new.split("\n")
    if len(old_lines) == len(new_lines):
        pos = 0
        for a, b in zip(old_lines, new_lines, strict=True):
            if a != b:
                p, s = common_affixes(a, b)
                reps.append(Replacement(pos + p, pos + len(a) - s, b[p : len(b) - s], kind_of(a, b)))
            pos += len(a) + 1
        return reps
    p, s = common_affixes(old, new)
    return [Replacement(p, len(old) - s, new[p : len(new) - s], kind_of(old, new))]


def _ftfy_kind(before: str, after: str) -> str:
    """Name an ftfy change by re-running it with explanations (only on changed lines)."""
    kinds: list[str] = []
    explained = ftfy.fix_and_explain(before, config=_FTFY_EXPLAIN_CONFIG)
    for step in explained.explanation or ():
        action, param = step
        if action in ("encode", "decode", "transcode"):
            k = "mojibake"
        elif action == "apply":
            k = _FTFY_KIND.get(param, param)
        else:
            k = str(param)
        if k not in kinds:
            kinds.append(k)
    return "normalize:" + ("+".join(kinds) if kinds else "ftfy")


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
        self.nfc = c.nfc
        self.characters = c.characters
        self.layout = c.layout
        self.max_blank_lines = max_blank_lines = c.max_blank_lines
        self._blank_after = "\n" * (max_blank_lines + 1)

    # ------------------------------------------------------------------ passes
    def _pass_ftfy(self, doc: Document) -> None:
        text = doc.text
        if not _ftfy_trigger(text) and (text.isascii() or not _looks_mojibake(text)):
            return
        fixed = fix_text_segments(text)
        if fixed != text:
            doc.apply(self.label, diff_replacements(text, fixed, _ftfy_kind))

    def _pass_nfc(self, doc: Document) -> None:
        text = doc.text
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return
        doc.apply(self.label, diff_replacements(text, unicodedata.normalize("NFC", text), _nfc_kind))

    def _pass_characters(self, doc: Document) -> None:
        text = doc.text
        # at most this many fixes log one edit each (see _DENSE_MIN / _DENSE_RATIO)
        limit = max(_DENSE_MIN, len(text) // _DENSE_RATIO)
        found = list(itertools.islice(_CHAR_SCAN_RE.finditer(text), limit + 1))
        if not found:
            return
        if len(found) <= limit:
            reps = []
            for m in found:
                s = m.start()
                after, kind = _CHAR_FIX[m.group()]
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

    def _layout_suspect(self, text: str) -> bool:
        """Substring tests (C speed) that a layout fix is possible; most clean texts fail all."""
        if not text:
            return False
        if text[0].isspace() or text[-1].isspace():
            return True
        return (
            "  " in text or "\t" in text or " \n" in text or "\n " in text
            or self._blank_after + "\n" in text
        )

    def _pass_layout(self, doc: Document) -> None:
        text = doc.text
        if not self._layout_suspect(text):
            return
        reps: list[Replacement] = []
        blank_after = self._blank_after
        for m in _LAYOUT_RE.finditer(text):
            g = m.lastgroup
            if g == "blank_lines":
                newlines = m.group().count("\n")
                if newlines <= len(blank_after):
                    # within the allowed blank lines: only drop the spaces on the empty lines
                    cleaned = "\n" * newlines
                    if cleaned != m.group():
                        reps.append(
                            Replacement(m.start(), m.end(), cleaned, "normalize:trailing_space")
                        )
                    continue
                reps.append(Replacement(m.start(), m.end(), blank_after, "normalize:blank_lines"))
            elif g == "space_run":
                reps.append(Replacement(m.start(), m.end(), " ", "normalize:space_run"))
            else:
                reps.append(Replacement(m.start(), m.end(), "", "normalize:" + g))
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
        # A fix can expose another (removing a zero-width char joins mojibake bytes or a letter
        # and its accent; ftfy can decode to a line separator): repeat while changing, <= 3 rounds.
        for _ in range(3):
            before = len(doc.edits)
            if self.use_ftfy:
                self._pass_ftfy(doc)
            if self.nfc:
                self._pass_nfc(doc)
            if self.characters:
                self._pass_characters(doc)
            if self.layout:
                self._pass_layout(doc)
            if len(doc.edits) == before:
                break
        made = doc.edits[n0:]
        if made:
            doc.annotate(self.label, n_edits=len(made), kinds=dict(Counter(e.kind for e in made)))
        else:
            doc.annotate(self.label, n_edits=0)
        return None
