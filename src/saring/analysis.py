"""One shared analysis per document text version: lines, paragraphs, tokens, classes, hashes.

Every step used to split and tokenize the text again. :func:`analyse` returns the
:class:`Analysis` of a text, computed lazily (each view is built the first time a step asks for
it) and cached for as long as the text does not change, so the steps that run one after another
on a document share the work::

    from saring.analysis import analyse

    a = analyse(doc.text)          # or analyse(doc)
    a.tokens, a.token_spans        # word/punctuation tokens (quality's tokenizer) and offsets
    a.lines, a.line_starts         # text.split("\\n") and where each line starts
    a.line_spans                   # (start, end) of every non-blank line, trimmed
    a.paragraphs                   # blocks separated by blank lines (quality's split)
    a.n_alpha, a.n_symbol          # token classes
    a.memo                         # a step's own derived data, keyed by (step name, what)

**Invalidation.** The cache is keyed by the text object: every edit (``Document.apply``)
builds a new string, so an edited document never sees the analysis of its old text; the steps
that read one unchanged text share its analysis, and a different text never does (an equal
text made separately gets an equal analysis of its own). It holds the last few hundred texts
(a batch of documents goes through one step before the next: ``saring.step.run_steps``) and is
a pure memo of the text: nothing of one document can leak into another's result.

**Compiled kernel.** When ``saring._c_analysis`` is built (``saring.compiled``), the tokens,
their spans and classes come from it in one pass (the same regex, matched by hand in C; equal
tokens share one ``str``), and quality's n-gram counts read its token ids. The pure-Python code
below is the reference; ``tests/test_analysis_kernel.py`` compares the two.

**Contract for consumers.** Views are read-only (lists are shared: never mutate them). Anything
a step derives goes into :attr:`Analysis.memo` under a key that names the step. Offsets are in
the text the analysis was made for; after an edit, call :func:`analyse` again.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Hashable, Iterable
from itertools import accumulate, compress, filterfalse
from typing import Any

from saring import compiled

try:  # the C helper behind Counter (CPython); same semantics in pure Python otherwise
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover

    def _count_elements(mapping: dict[Any, int], iterable: Iterable[Any]) -> None:
        get = mapping.get
        for x in iterable:
            mapping[x] = get(x, 0) + 1


__all__ = ["Analysis", "analyse", "clear_cache", "count"]

# A token made only of non-word characters (a punctuation token); a letter anywhere in a token.
_SYMBOL_TOKEN_RE = re.compile(r"[^\w\s]+")
_ALPHA_CHAR_RE = re.compile(r"[^\W\d_]")
_ALPHA_RUN_RE = re.compile(r"[^\W\d_]+")
_PARA_SPLIT_RE = re.compile(r"\n{2,}")
# ... on tokens one per line: a line that is a punctuation token; a line holding a letter
_SYMBOL_LINE_RE = re.compile(r"(?m)^[^\w\s]++$")
_ALPHA_LINE_RE = re.compile(r"[^\W\d_][^\n]*+")

_token_re: list[re.Pattern[str]] = []  # built on first use (it reads quality's tokenizer data)

# The compiled kernel (None: not built, or SARING_PURE_PYTHON=1) and its tokenizer config.
_kernel: Any = compiled.load("saring._c_analysis")
_kernel_config: list[Any] = []


def kernel() -> Any:
    """The compiled kernel module, or None (tests swap ``_kernel`` to run both paths)."""
    return _kernel


def _config() -> Any:
    """The kernel's tokenizer config: :data:`TOKEN_RE`'s word lists, built on first use."""
    if not _kernel_config:
        from saring.quality.textstats import kernel_words, load_tokenizer_words

        _kernel_config.append(_kernel.make_config(*kernel_words(load_tokenizer_words())))
    return _kernel_config[0]


def _kernel_of(info: Any) -> Any:
    """The kernel that made ``info`` (tests swap :data:`_kernel` out after tokenizing)."""
    return _kernel if _kernel is not None else sys.modules["saring._c_analysis"]


def token_re() -> re.Pattern[str]:
    """The shared word/punctuation tokenizer (``saring.quality.textstats.TOKEN_RE``)."""
    if not _token_re:
        from saring.quality.textstats import TOKEN_RE

        _token_re.append(TOKEN_RE)
    return _token_re[0]


def count(items: Iterable[Hashable]) -> dict[Any, int]:
    """``Counter(items)`` as a plain dict, without Counter's Python-level constructor overhead."""
    counts: dict[Any, int] = {}
    _count_elements(counts, items)
    return counts


class Analysis:
    """Lazily computed views of one text, shared by every step that reads the same text."""

    __slots__ = (
        "text", "memo", "_tokens", "_spans", "_n_symbol", "_symbol_chars", "_n_alpha",
        "_lines", "_line_starts", "_line_spans", "_paragraphs", "_lower", "_info", "_types",
        "_token_chars", "_n_tokens", "_n_newlines",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.memo: dict[object, object] = {}  # per-step derived data, keyed by (step, what)
        self._tokens: list[str] | None = None
        self._spans: list[tuple[int, int]] | None = None
        self._n_symbol = -1
        self._symbol_chars = 0
        self._n_alpha = -1
        self._lines: list[str] | None = None
        self._line_starts: list[int] | None = None
        self._line_spans: list[tuple[int, int]] | None = None
        self._paragraphs: list[str] | None = None
        self._lower: str | None = None
        self._info: Any = None  # the kernel's token ids and spans (None: pure Python)
        self._types: list[str] | None = None  # distinct tokens by first occurrence (kernel)
        self._token_chars = -1  # sum(map(len, tokens)), from the kernel (-1: not known)
        self._n_tokens = -1  # len(tokens) (-1: not tokenized yet)
        self._n_newlines = -1  # text.count("\n") (-1: not counted yet)

    # ------------------------------------------------------------------ tokens
    @property
    def tokenized(self) -> bool:
        """Whether the text is already tokenized (a consumer may then use the tokens, their
        number, classes and distinct tokens for free)."""
        return self._n_tokens >= 0

    def _tokenize(self) -> None:
        """Tokenize once. The kernel makes the distinct tokens, ids and counts but not the list
        of every token (most readers want only counts and distinct tokens): :attr:`tokens`
        builds that list from the ids when asked."""
        if _kernel is not None:
            (self._n_tokens, self._types, self._info, self._n_alpha, self._n_symbol,
             self._symbol_chars, self._token_chars) = _kernel.tokenize(_config(), self.text, True)
        else:
            self._tokens = token_re().findall(self.text)
            self._n_tokens = len(self._tokens)

    @property
    def tokens(self) -> list[str]:
        """Word and punctuation tokens (``TOKEN_RE``: spaCy-like, see ``quality.textstats``)."""
        if self._tokens is None:
            if self._n_tokens < 0:
                self._tokenize()
            if self._tokens is None:  # the kernel's: built from its ids and distinct tokens
                self._tokens = _kernel_of(self._info).token_list(self._info, self._types)
        return self._tokens  # type: ignore[return-value]

    @property
    def n_tokens(self) -> int:
        """``len(tokens)``, without building the token list."""
        if self._n_tokens < 0:
            self._tokenize()
        return self._n_tokens

    @property
    def token_info(self) -> Any:
        """The kernel's token ids and spans (``saring._c_analysis``), or None without it."""
        if self._n_tokens < 0:
            self._tokenize()
        return self._info

    @property
    def token_spans(self) -> list[tuple[int, int]]:
        """``[start, end)`` of each token of :attr:`tokens`, in the same order."""
        if self._spans is None:
            info = self.token_info
            if info is not None:
                self._spans = _kernel_of(info).spans(info)
            else:
                self._spans = [m.span() for m in token_re().finditer(self.text)]
        return self._spans

    @property
    def types(self) -> set[str]:
        """Distinct tokens."""
        types = self.memo.get("types")
        if types is None:
            toks = self.tokens
            types = self.memo["types"] = set(toks if self._types is None else self._types)
        return types  # type: ignore[return-value]

    @property
    def distinct_tokens(self) -> Any:
        """The distinct tokens, as cheap as they come: the kernel's list (by first occurrence),
        else :attr:`types`. For set operations whose answer does not depend on order."""
        if self._n_tokens < 0:
            self._tokenize()
        return self._types if self._types is not None else self.types

    def _count_classes(self) -> None:
        """Alpha / symbol token counts.

        Most tokens are plain words: ``str.isalpha`` settles them at C speed (an all-letter token
        has a letter and is no symbol). Only the rest (punctuation, numbers, hyphenated or mixed
        tokens) is classified per distinct type through a bounded cache, or, when there are many,
        in bulk by C-level passes (same classes).
        """
        toks = self.tokens
        others = list(filterfalse(str.isalpha, toks))
        n_alpha = len(toks) - len(others)
        n_symbol = symbol_chars = 0
        if len(others) > _MANY_TYPES:
            # many (pages of distinct code points or of punctuation: ~400 k per MB): classified
            # all at once by the same character classes as :func:`_classify`. One-character
            # tokens on their concatenation (a run of matches is one regex match); longer ones
            # one per line (no token holds a newline), by :func:`_classify_re`'s regexes.
            ones = "".join(others)
            multi = ""
            if len(ones) != len(others):  # not all of one character (no token is empty)
                lens = list(map(len, others))
                ones = "".join(compress(others, map((1).__eq__, lens)))
                multi = "\n".join(compress(others, map((1).__ne__, lens)))
            n_alpha += sum(map(len, _ALPHA_RUN_RE.findall(ones)))
            n_sym1 = sum(map(len, _SYMBOL_TOKEN_RE.findall(ones)))
            n_symbol += n_sym1
            symbol_chars += n_sym1
            if multi:
                syms = _SYMBOL_LINE_RE.findall(multi)
                n_symbol += len(syms)
                symbol_chars += sum(map(len, syms))
                n_alpha += len(_ALPHA_LINE_RE.findall(multi))
        else:
            rest = count(others)
            if len(_CLASS) > _MAX_TYPES:
                _CLASS.clear()
            for t, k in rest.items():
                c = _CLASS.get(t)
                if c is None:
                    c = _CLASS[t] = _classify(t)
                if c == _ALPHA_WORD:
                    n_alpha += k
                elif c > 0:
                    n_symbol += k
                    symbol_chars += c * k
        self._n_alpha = n_alpha
        self._n_symbol = n_symbol
        self._symbol_chars = symbol_chars

    @property
    def n_symbol(self) -> int:
        """Tokens made only of punctuation/symbols."""
        if self._n_symbol < 0:
            self._count_classes()
        return self._n_symbol

    @property
    def n_alpha(self) -> int:
        """Tokens containing at least one letter."""
        if self._n_alpha < 0:
            self._count_classes()
        return self._n_alpha

    @property
    def word_chars(self) -> int:
        """Characters in non-symbol tokens."""
        if self._n_symbol < 0:
            self._count_classes()
        if self._token_chars < 0:
            self._token_chars = sum(map(len, self.tokens))
        return self._token_chars - self._symbol_chars

    # ------------------------------------------------------------------ lines and paragraphs
    @property
    def lower(self) -> str:
        """``text.lower()``."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def _line_view(self) -> None:
        """:attr:`lines` and :attr:`line_starts` together: one compiled pass when the kernel is
        built (``text.split`` compares every character in a loop and the Python offsets cost
        ~500 instructions a line; the kernel finds newlines by ``memchr``), else the split
        alone (:attr:`line_starts` then sums the lengths: the reference)."""
        if _kernel is not None:
            self._lines, self._line_starts = _kernel.line_view(self.text)
        else:
            self._lines = self.text.split("\n")

    @property
    def lines(self) -> list[str]:
        """``text.split("\\n")`` (empty lines included, so line ``i`` is the i-th line)."""
        if self._lines is None:
            self._line_view()
        return self._lines  # type: ignore[return-value]

    @property
    def n_newlines(self) -> int:
        """``text.count("\\n")``: counted once (free once :attr:`lines` exists: one more line
        than newlines; a step that counted the lines another way may record it with
        :meth:`know_newlines`)."""
        if self._n_newlines < 0:
            self._n_newlines = (len(self._lines) - 1 if self._lines is not None
                                else self.text.count("\n"))
        return self._n_newlines

    def know_newlines(self, n: int) -> None:
        """Record ``text.count("\\n")`` found by a caller's own scan of this text (e.g. quality's
        compiled line counts), so :attr:`n_newlines` does not count again."""
        self._n_newlines = n

    @property
    def line_starts(self) -> list[int]:
        """Offset of the first character of each line of :attr:`lines`."""
        if self._line_starts is None and self._lines is None:
            self._line_view()
        if self._line_starts is None:  # 0, then each line's length + 1 (its newline) summed
            self._line_starts = line_starts_py(self.lines)
        return self._line_starts

    @property
    def line_spans(self) -> list[tuple[int, int]]:
        """``[start, end)`` of every non-blank line, trimmed of surrounding whitespace."""
        if self._line_spans is None:
            out: list[tuple[int, int]] = []
            for s, line in zip(self.line_starts, self.lines, strict=True):
                stripped = line.strip()
                if stripped:
                    lead = s + len(line) - len(line.lstrip())
                    out.append((lead, lead + len(stripped)))
            self._line_spans = out
        return self._line_spans

    @property
    def paragraphs(self) -> list[str]:
        """Blocks of ``text.strip()`` separated by runs of 2+ newlines (Gopher's paragraphs)."""
        if self._paragraphs is None:
            self._paragraphs = _PARA_SPLIT_RE.split(self.text.strip())
        return self._paragraphs


def line_starts_py(lines: list[str]) -> list[int]:
    """Where each of ``lines`` (``text.split("\\n")``) starts in the text: the reference of
    the kernel's ``line_view``."""
    return list(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))


# Class codes of non-plain token types, shared across documents (they repeat a lot; a pure
# function of the token, so no document state), bounded:
# -1 a token with a letter, 0 one without (numbers), n > 0 a punctuation token of length n.
_CLASS: dict[str, int] = {}
_ALPHA_WORD, _OTHER_WORD = -1, 0
_MAX_TYPES = 200_000
_MANY_TYPES = 2048  # beyond this many non-letter tokens (types), classify them in bulk


def _classify(t: str) -> int:
    if len(t) == 1:  # the regexes' answer from str predicates (re's \w is isalnum or "_",
        # \s isspace, \d isdecimal): pages of distinct single characters classify each one
        if t.isalnum():
            return _OTHER_WORD if t.isdecimal() else _ALPHA_WORD
        return _OTHER_WORD if t == "_" or t.isspace() else 1
    return _classify_re(t)


def _classify_re(t: str) -> int:
    if _SYMBOL_TOKEN_RE.fullmatch(t):
        return len(t)
    return _ALPHA_WORD if _ALPHA_CHAR_RE.search(t) else _OTHER_WORD


# The analyses of the last few texts, oldest first (the pipeline runs each step over a batch
# of documents before the next step: see ``saring.step.run_steps``), bounded by count and by
# characters. Keyed by the text object's identity (``id``): each entry holds its text, so no
# other live object has that id, and a hit is the very same string. Hashing the text instead
# read every character of each new text version (~4 instructions a character, two or three
# versions per document) only to find an equal string, which the pipeline never passes.
_CACHE: dict[int, Analysis] = {}
_CACHE_DOCS = 256
_CACHE_CHARS = 2 << 20  # ~ one batch of text: tokens of 2 M chars are ~25 MB
_cached_chars = [0]


def clear_cache() -> None:
    """Forget every cached analysis: tests, and the end of every segment task
    (``executors/segment.py``), or each worker would hold up to :data:`_CACHE_CHARS` of its last
    shard's analyses (tokens of 2 M chars: ~25 MB) through the dedup stage that follows."""
    _CACHE.clear()
    _cached_chars[0] = 0


def analyse(text: Any) -> Analysis:
    """The (cached) :class:`Analysis` of ``text`` (a ``str``, or anything with a ``text``
    attribute such as a ``Document``), reused while the text is the same string."""
    if not isinstance(text, str):
        text = text.text
    key = id(text)
    a = _CACHE.get(key)
    if a is not None:
        if a.text is text:
            return a
        del _CACHE[key]  # unreachable while the entry holds its text (ids are unique)
        _cached_chars[0] -= len(a.text)
    a = _CACHE[key] = Analysis(text)
    _cached_chars[0] += len(text)
    while len(_CACHE) > _CACHE_DOCS or (_cached_chars[0] > _CACHE_CHARS and len(_CACHE) > 1):
        _cached_chars[0] -= len(_CACHE.pop(next(iter(_CACHE))).text)
    return a
