"""Exact fast paths of the repair step: where a rule can fire, found without walking the text in Python.

Most news documents hold no glue and no duplicate paragraph, yet the step used to walk every
capitalised token, every gazetteer prefix and every paragraph in Python to learn that. Three
scans answer the same questions in one C pass each (``saring.repair._c_repair``):

* :func:`site_matches`: the matches of the gazetteer trie regex (``res.site_re.finditer``),
  found by walking the same trie in C and re-matched with the regex at each start;
* :func:`token_matches`: the capitalised tokens ``find_entity_sites`` examines (``TOKEN`` at a
  token start, not a known word as a whole), re-matched with ``TOKEN``;
* :func:`maybe_duplicates`: False only when ``find_duplicates`` can find no candidate pair.

They change *how* the step runs, never what it decides: each function here also holds the
pure-Python reference (used under ``SARING_PURE_PYTHON=1``, without a compiler, or when the
mirrored rule changed: the regex patterns are compared with the ones the kernel mirrors, and a
mismatch falls back to the reference). ``tests/test_repair_fastscan.py`` compares kernel and
reference on adversarial text and the whole step, gated and ungated, on real and generated glue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from saring.compiled import load
from saring.repair import paragraphs as P
from saring.repair.resources import Resources, _trie_regex

_kernel: Any = load("saring.repair._c_repair")

# The regex tails the kernel mirrors (``resources.build_site_pattern`` after the trie and
# ``names.TOKEN``): any change to them turns the kernel off for that scan.
SITE_TAIL = (
    r"(?:(?P<glue>(?:[a-z]{3,40}|[A-Z][a-z]{1,39})(?:-[a-z]{2,40})?)(?![\w@/\-])"
    r"(?!\.[A-Za-z0-9])(?!://)"
    r"|(?P<suf>n|i|an|se|['’]s)(?= [A-Za-z]))"
)
TOKEN_PATTERN = r"[A-Z][A-Za-z]{5,50}(?![\w@\-'’])(?!\.[A-Za-z0-9])"

_tables: dict[int, Any] = {}  # id(site_re) -> (site_re, trie table or None)


def kernel() -> Any:
    """The compiled kernel module, or None (tests swap ``_kernel`` to run both paths)."""
    return _kernel


def site_entities(res: Resources) -> list[str]:
    """The gazetteer names the site regex starts with (as ``resources.parse_data`` selects them)."""
    return sorted({e for e in res.gazetteer if len(e) >= 4 or (e.isupper() and len(e) >= 3)})


def _site_table(res: Resources) -> Any:
    """The kernel's trie for ``res.site_re``, or None when the regex is not the one it mirrors."""
    site_re = res.site_re
    hit = _tables.get(id(site_re))
    if hit is not None and hit[0] is site_re:
        return hit[1]
    ents = site_entities(res)
    table = None
    if site_re.pattern == _expected_site_pattern(ents) and site_re.flags == re.UNICODE:
        table = _kernel.site_table(ents)
    _tables[id(site_re)] = (site_re, table)
    return table


def _expected_site_pattern(ents: list[str]) -> str:
    """The site regex the kernel's trie mirrors for ``ents``. Building the trie pattern costs
    ~10 ms, so it is kept in the resource cache (keyed by the data files, resources.py and this
    file, like the resources themselves) instead of being rebuilt by every process."""
    from saring.repair import resources
    from saring.resource_cache import load_cached

    files = sorted(p for p in resources.DATA_DIR.iterdir() if p.is_file())
    files.append(Path(resources.__file__))

    def build() -> dict:
        return {"ents": ents, "pattern": "(?P<ent>" + _trie_regex(ents) + ")" + SITE_TAIL}

    cached = load_cached("repair_sites", build, files)
    if cached.get("ents") != ents:  # (other resources than the files': built, not cached)
        return build()["pattern"]
    return str(cached["pattern"])


def site_starts_py(text: str, res: Resources) -> list[int]:
    """Reference: where ``res.site_re.finditer`` matches."""
    return [m.start() for m in res.site_re.finditer(text)]


def site_matches(text: str, res: Resources) -> Iterable[re.Match[str]]:
    """``res.site_re.finditer(text)``: the same matches (a match at a start found by the kernel
    is the regex's own match there: the pattern has no lookbehind)."""
    pre = _gates_of(text, res)
    if pre is not None:
        starts = pre[0]
    else:
        table = _site_table(res) if _kernel is not None else None
        if table is None:
            return res.site_re.finditer(text)
        starts = _kernel.site_starts(text, table)
    match = res.site_re.match
    return [match(text, p) for p in starts]  # type: ignore[misc]


def token_starts_py(text: str, token_re: re.Pattern[str], lexicon: dict[str, float],
                    not_before: frozenset[str]) -> list[int]:
    """Reference: starts of ``token_re`` matches at a token start whose lower case is unknown."""
    out = []
    for m in token_re.finditer(text):
        k = m.start()
        if k and (text[k - 1].isalnum() or text[k - 1] in not_before):
            continue
        if m.group().lower() not in lexicon:
            out.append(k)
    return out


@lru_cache(maxsize=8)
def _chars(chars: frozenset[str]) -> str:
    return "".join(sorted(chars))


def token_matches(text: str, token_re: re.Pattern[str], res: Resources,
                  not_before: frozenset[str]) -> Iterator[re.Match[str]] | list[re.Match[str]]:
    """``token_re.finditer(text)``, or, with the kernel, only its matches at a token start that
    are no known word (the ones ``find_entity_sites`` goes on to examine; it still checks both)."""
    if _kernel is None or token_re.pattern != TOKEN_PATTERN or token_re.flags != re.UNICODE:
        return token_re.finditer(text)
    match = token_re.match
    starts = _kernel.token_starts(text, res.lexicon, _chars(not_before))
    return [match(text, k) for k in starts]  # type: ignore[misc]


# The regex ``name_tokens`` mirrors by shape (``names.LEFT``, the left part of a split).
LEFT_PATTERN = r"(?:[A-Z][a-z]{2,}|[A-Z]{2,})$"
_name_ctx: dict[int, Any] = {}  # id(res) -> (res, the kernel's context tuple)
_NAME_NOT_BEFORE = ""  # set with the first context: names.NOT_BEFORE as a string, names.TOKEN.match
_TOKEN_MATCH: Any = None
_NAMES: Any = None


def _names_ctx(res: Resources) -> tuple | None:
    """What ``name_tokens`` reads of ``res`` and of ``names`` (None when ``TOKEN`` or ``LEFT``
    is not the pattern the kernel mirrors). Its dict memoises ``names._right_ok`` per right
    part: a pure function of the part and of the read-only resources (bounded by the lexicon:
    only parts whose lower case the lexicon knows are asked), so no answer depends on which
    documents came before."""
    global _NAMES, _NAME_NOT_BEFORE, _TOKEN_MATCH
    hit = _name_ctx.get(id(res))
    if hit is not None and hit[0] is res and hit[2] is _NAMES.TOKEN and hit[3] is _NAMES.LEFT:
        return hit[1]  # type: ignore[no-any-return]
    from saring.repair import names as N

    _NAMES = N
    if (N.TOKEN.pattern != TOKEN_PATTERN or N.TOKEN.flags != re.UNICODE
            or N.LEFT.pattern != LEFT_PATTERN or N.LEFT.flags != re.UNICODE):
        return None
    _NAME_NOT_BEFORE, _TOKEN_MATCH = _chars(N.NOT_BEFORE), N.TOKEN.match
    table = _kernel.lexicon_table  # (ASCII words as C tables: no str built, no SipHash per lookup)
    ctx = (table(set(res.corpus_names) | res.brands), table(res.world_words | res.brands_lower),
           table(N.QUANTIFIER_TAILS), N.QUANTIFIERS, {}, N._right_ok, N._acronym_camel, res,
           table(res.other), table(res.lexicon))
    _name_ctx[id(res)] = (res, ctx, N.TOKEN, N.LEFT)
    return ctx


def _quantifier_shape(tok: str) -> bool:
    """``names._quantifier_site``'s checks on the token alone (the text decides the rest)."""
    from saring.repair import names as N

    if tok[-3:].lower() not in N.QUANTIFIER_TAILS:
        return False
    for q in N.QUANTIFIERS:
        if tok.lower().endswith(q) and len(tok) - len(q) >= 5:
            break
    else:
        return False
    left, right = tok[: len(tok) - len(q)], tok[len(tok) - len(q) :]
    return bool(N.LEFT.match(left) and (right.islower() or right[1:].islower()))


def name_tokens_py(text: str, res: Resources, taken: set[int]) -> tuple[list[int], int]:
    """Reference of the kernel's ``name_tokens``: of the tokens ``token_starts_py`` finds, not in
    ``taken`` (how many: the second value), the starts of those ``find_entity_sites`` could make
    a site of: list-shaped ones (``list_site`` reads the text), and the ones ``name_site``'s
    checks on the token alone keep (``_quantifier_site``'s shape, or a split by ``_split``)."""
    from saring.repair import names as N

    starts, unknown = [], 0
    seconds = [m.start() for m in N._second_parts(text, res)]  # (``Okafor-|Lindgren``: names.second_part)
    for k in sorted([*token_starts_py(text, N.TOKEN, res.lexicon, N.NOT_BEFORE), *seconds]):
        if k in taken:
            continue
        unknown += 1
        tok = N.TOKEN.match(text, k).group()  # type: ignore[union-attr]
        if N.list_shaped(text, k, tok):
            starts.append(k)
            continue
        if tok in res.corpus_names or tok.lower() in res.world_words or tok in res.brands or (
                tok.lower() in res.brands_lower):
            continue
        if _quantifier_shape(tok) or demonym_live_py(text, k + len(tok), tok, res) or N._split(tok, res):
            starts.append(k)
    return starts, unknown


def demonym_live_py(text: str, end: int, tok: str, res: Resources) -> bool:
    """Reference of the kernel's ``demonym_live``: a space and a lower-case letter after the
    token, and a demonym reading (``names._demonym_bases``) whose base a table knows: a corpus
    name or brand, a lexicon word, or (for the readings English words may vouch for) a
    ``res.other`` word; a superset of ``names._place_base``."""
    from saring.repair import names as N

    if text[end : end + 1] != " " or not ("a" <= text[end + 1 : end + 2] <= "z"):
        return False
    for base, english in N._demonym_bases(tok):
        low = base.lower()
        if base in res.corpus_names or base in res.brands or low in res.lexicon or (english and low in res.other):
            return True
    return False


def name_tokens(text: str, res: Resources, taken: set[int], max_unknown: int,
                max_live: int) -> list[re.Match[str]] | None:
    """The ``TOKEN`` matches ``find_entity_sites`` could make a site of, in order, or None (walk
    every token): no kernel, a mirrored pattern changed, or a scan bound could bind (more than
    ``max_unknown`` unknown tokens, or ``max_live`` kept ones: the step then flags where it
    stopped, which only the full walk knows). Every token left out would have cost one unit of
    the candidate budget and given no site, so with neither bound reached the sites are the
    same."""
    if _kernel is None:
        return None
    ctx = _names_ctx(res)
    if ctx is None:
        return None
    global _code
    pre = _gates_of(text, res) if not taken else None
    if pre is not None:  # (the one-call scan's answer: nothing taken)
        starts, unknown, code, _hyphen = pre[1]
    else:
        starts, unknown, code, _hyphen = _kernel.name_tokens(text, res.lexicon, _NAME_NOT_BEFORE, taken, ctx)
    _code = (text, code)
    if unknown > max_unknown or len(starts) >= max_live:
        return None
    match = _TOKEN_MATCH
    return [match(text, k) for k in starts]


# The scrape-join patterns of ``glue.mark_scrape_joins`` / ``word_joins`` the kernel scans for
# (``join_starts(text, which)``): a pattern not listed here is scanned by the regex.
JOIN_PATTERNS = {
    r"[a-z]{3}[A-Z][a-z]{2}": 0,  # SCRAPE_CAMEL
    r"[a-z)][.!?][A-Z][a-z]{2}": 1,  # SENT_JOIN
    r"\d(?:[a-z]{1,2}|[A-Z])(?:[a-z]{3,}|[A-Z][a-z]{2,})|\b[A-Z]{2,5}[a-z]{4,}": 2,  # ITEM_JOIN
    r"[)\]][a-z]{2,}": 3,  # PAREN_JOIN
    r"(?<![\w\-@#/.])[a-z]{8,30}(?![\w\-@/])": 4,  # LOWER_TOKEN
}


def _join_code(regex: re.Pattern[str]) -> int | None:
    if _kernel is None or regex.flags != re.UNICODE:
        return None
    return JOIN_PATTERNS.get(regex.pattern)


# The last text's four join lists (``join_all``: one walk for the four patterns that
# ``mark_scrape_joins`` asks about one after the other). Keyed by the str object itself, which the
# memo holds, so an equal id is the same text: a pure function's answer, never another document's.
_joins: tuple[str, tuple[list[int], ...]] | None = None
_code: tuple[str, bool] | None = None  # the last text name_tokens walked: code_possible's answer


def match_starts(regex: re.Pattern[str], text: str) -> list[int]:
    """``[m.start() for m in regex.finditer(text)]`` (one C pass for the scrape-join patterns)."""
    global _joins
    code = _join_code(regex)
    if code is None or code == 4:
        return [m.start() for m in regex.finditer(text)]
    if _joins is None or _joins[0] is not text:
        _joins = (text, _kernel.join_all(text))
    return list(_joins[1][code])


def forget() -> None:
    """Drop the memos of the last text (the step calls it when a document is done)."""
    global _joins, _code, _pre
    _joins = _code = _pre = None


# The last text's gates from one kernel call (``scan``: the site starts, ``name_tokens`` with
# nothing taken and the duplicate gate, from one copy of the text): (text, res, answer), keyed by
# the str object itself (held here) and the resources, dropped by ``forget()``.
_pre: tuple[str, Resources, tuple] | None = None
_gate_args: dict[int, tuple] = {}  # id(res) -> (res, TOKEN, LEFT, CODE_GLUE, the scan's arguments or None)


def _scan_args(res: Resources) -> tuple | None:
    """``scan``'s arguments after the text, or None when a pattern it mirrors changed (then each
    gate runs on its own, as before)."""
    hit = _gate_args.get(id(res))
    if hit is not None and hit[0] is res and _NAMES is not None and hit[1] is _NAMES.TOKEN and (
            hit[2] is _NAMES.LEFT and hit[3] is _NAMES.CODE_GLUE):
        return hit[4]  # type: ignore[no-any-return]
    table, ctx = _site_table(res), _names_ctx(res)
    from saring.repair import names as N

    k, max_posting = P.candidate_pairs.__defaults__ or (4, 50)
    args = None
    if table is not None and ctx is not None and N.CODE_GLUE.pattern == CODE_PATTERN and (
            N.CODE_GLUE.flags == re.UNICODE) and _hyphen_mirrored(N):
        args = (table, res.lexicon, _NAME_NOT_BEFORE, ctx, P.MIN_CHARS, P.MIN_WORDS, k, max_posting)
    _gate_args[id(res)] = (res, N.TOKEN, N.LEFT, N.CODE_GLUE, args)
    return args


def prescan(text: str, res: Resources) -> tuple | None:
    """``(site starts, name_tokens' (starts, unknown, code, hyphen) with nothing taken, dup gate)`` of
    ``text`` from one kernel call, memoised for this text until ``forget()``; None without the
    kernel or when a mirrored pattern changed. ``site_matches``, ``name_tokens``,
    ``code_glue_possible`` and ``maybe_duplicates`` answer from it for the same text."""
    global _pre
    if _kernel is None:
        return None
    pre = _pre
    if pre is not None and pre[0] is text and pre[1] is res:
        return pre[2]
    args = _scan_args(res)
    if args is None:
        return None
    got = _kernel.scan(text, *args)
    _pre = (text, res, got)
    return got  # type: ignore[no-any-return]


def _gates_of(text: str, res: Resources | None) -> tuple | None:
    """The memoised scan of this very text (and resources), else None."""
    pre = _pre
    if pre is None or pre[0] is not text or (res is not None and pre[1] is not res) or _kernel is None:
        return None
    return pre[2]


def quiet(text: str, res: Resources) -> bool:
    """True only when the repair step has nothing to do for ``text``: no site start, no name
    token that could give a site (within the candidate bound, so no bound is flagged), no model
    code glue and no duplicate-paragraph candidate. Then ``repair_glue`` finds no site and flags
    nothing and ``remove_duplicates`` is not called (exact: the same gates, one call). The walk
    also answers :func:`hyphen_code_possible` (a coined name's numbered code glued to a word, which
    no token of the name scan holds): a text where it may match is not quiet."""
    pre = prescan(text, res)
    if pre is None:
        return False
    sites, (starts, unknown, code, hyphen), dup = pre
    N = _NAMES
    return (not sites and not starts and not code and not hyphen and dup is False
            and unknown <= N.MAX_CANDIDATES and N.MAX_NAME_SITES > 0)


# ``names.CODE_GLUE``, the pattern ``code_possible`` answers for (whether it matches anywhere:
# at each ASCII capital right before a ``\d``, the pattern's forced tail).
CODE_PATTERN = r"([A-Z]{1,4}\d{1,5})([A-Z]?[a-z]{4,30})(?!\w)"


def code_glue_possible(text: str) -> bool:
    """False only when ``names.CODE_GLUE`` does not match in ``text`` (then ``code_sites`` finds
    nothing; reference: :func:`code_possible_py`). True without the kernel."""
    if _kernel is None:
        return True
    N = _NAMES
    if N is None:
        from saring.repair import names as N
    if N.CODE_GLUE.pattern != CODE_PATTERN or N.CODE_GLUE.flags != re.UNICODE:
        return True
    if _code is not None and _code[0] is text:  # (name_tokens' walk answered it)
        return _code[1]
    pre = _gates_of(text, None)
    if pre is not None:
        return bool(pre[1][2])
    return bool(_kernel.code_possible(text))


# ``names.HYPHEN_CODE_GLUE`` and ``names.CODED_WORD``, the patterns the walk's hyphen gate mirrors:
# ``hyphen_code_sites`` takes a match only with a coined word ending right at its hyphen, i.e. where
# HYPHEN_GATE matches (the ``\n?``: ``CODED_WORD``'s ``$`` also matches before a final newline of
# the window it searches).
HYPHEN_PATTERNS = (r"-(\d{1,4})([A-Z]?[a-z]{4,30})(?![\w\-])", r"(?<![\w\-'’])[A-Z](?:[a-z]{2,29})?$")
HYPHEN_GATE = re.compile(r"(?<![\w\-'’])[A-Z](?:[a-z]{2,29})?\n?-\d{1,4}[A-Z]?[a-z]{4,30}(?![\w\-])")


def _hyphen_mirrored(N: Any) -> bool:
    """The patterns the kernel's hyphen gate mirrors are unchanged."""
    return (N.HYPHEN_CODE_GLUE.pattern, N.CODED_WORD.pattern) == HYPHEN_PATTERNS and (
        N.HYPHEN_CODE_GLUE.flags == N.CODED_WORD.flags == re.UNICODE)


def hyphen_code_possible(text: str) -> bool:
    """False only when ``names.hyphen_code_sites`` finds nothing in ``text``: from the memoised
    walk of this very text (``quiet``'s, one kernel call), else the regex (reference:
    :func:`hyphen_possible_py`, the kernel's fourth ``name_tokens`` value)."""
    pre = _gates_of(text, None)
    if pre is not None:  # (a scan ran only with the patterns mirrored: ``_scan_args``)
        return bool(pre[1][3])
    from saring.repair import names as N

    return N.HYPHEN_CODE_GLUE.search(text) is not None


def hyphen_possible_py(text: str) -> bool:
    """Reference of ``name_tokens``' fourth value (whether HYPHEN_GATE matches)."""
    return HYPHEN_GATE.search(text) is not None


def code_possible_py(text: str) -> bool:
    """Reference of the kernel's ``code_possible`` (and of ``name_tokens``' third value)."""
    from saring.repair import names as N

    return N.CODE_GLUE.search(text) is not None


def n_breaks(text: str) -> int:
    """``text.count(" ") + text.count("\\n")`` (one C pass over the text as stored)."""
    if _kernel is None:
        return text.count(" ") + text.count("\n")
    return _kernel.breaks(text)  # type: ignore[no-any-return]


def match_texts(regex: re.Pattern[str], text: str) -> list[str]:
    """``regex.findall(text)`` of a pattern without groups (one C pass for ``LOWER_TOKEN``)."""
    if _join_code(regex) != 4:
        return [m.group() for m in regex.finditer(text)]
    return _kernel.join_starts(text, 4)  # type: ignore[no-any-return]


# ``DocMemo.standalone`` answers this many questions per document by searching, then indexes
# every word run (a hostile page asks thousands; a real page one to three).
FEW_RUN_COUNTS = 4
_WORD_RUN = re.compile(r"[\w\-]+")


def _run_char(c: str) -> bool:
    return c.isalnum() or c == "_" or c == "-"  # re's ``[\w\-]`` on str


def run_count(text: str, word: str) -> int:
    r"""``Counter(re.findall(r"[\w\-]+", text))[word]`` without the index: occurrences of
    ``word`` with no ``[\w-]`` character on either side (maximal runs cannot overlap)."""
    if not _WORD_RUN.fullmatch(word):
        return 0  # no maximal run equals it
    n, size, k = 0, len(word), text.find(word)
    while k >= 0:
        end = k + size
        if (k == 0 or not _run_char(text[k - 1])) and (end == len(text) or not _run_char(text[end])):
            n += 1
            k = text.find(word, end)
        else:
            k = text.find(word, k + 1)
    return n


def dup_maybe_py(text: str, lowered: str, min_chars: int, min_words: int, k: int,
                 max_posting: int) -> bool:
    """Reference of the kernel's duplicate gate (see ``_c_repair.c``): lines of ``min_chars``
    characters and ``min_words`` words (a superset of the prose paragraphs) sharing one of their
    ``k`` longest words and passing the size and Jaccard filter, or a crowded anchor."""
    bags = []
    for line, low in zip(text.split("\n"), lowered.split("\n"), strict=True):
        if len(line) >= min_chars:
            words = low.split()
            if len(words) >= min_words:
                bags.append(frozenset(words))
    postings: dict[str, list[int]] = {}
    for i, bag in enumerate(bags):
        for w in sorted(sorted(bag), key=len, reverse=True)[:k]:
            postings.setdefault(w, []).append(i)
    for ids in postings.values():
        if len(ids) > max_posting:
            return True
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = bags[ids[x]], bags[ids[y]]
                la, lb = len(a), len(b)
                if lb < 0.6 * la or la < 0.6 * lb:
                    continue
                inter = len(a & b)
                if inter >= 0.5 * (la + lb - inter):
                    return True
    return False


def maybe_duplicates(text: str) -> bool:
    """False only when ``paragraphs.find_duplicates`` finds no pair in ``text`` (then
    ``Repair.remove_duplicates`` changes nothing and returns ``[]``); True without the kernel.

    ``text.lower()`` has the text's lines, each lowered alone: ``str.lower`` maps no character
    to or from a newline, and the final-sigma rule never looks across one (a newline is neither
    cased nor case-ignorable)."""
    if _kernel is None:
        return True
    pre = _gates_of(text, None)
    if pre is not None and pre[2] is not None:  # (the one-call scan's gate on this very text)
        return bool(pre[2])
    k, max_posting = P.candidate_pairs.__defaults__ or (4, 50)
    # (lowered in the kernel unless the text holds U+0130 or U+03A3, whose lower case needs str.lower)
    answer = _kernel.dup_maybe(text, None, P.MIN_CHARS, P.MIN_WORDS, k, max_posting)
    if answer is None:
        answer = _kernel.dup_maybe(text, text.lower(), P.MIN_CHARS, P.MIN_WORDS, k, max_posting)
    return bool(answer)
