"""A capitalised office or body phrase glued after the name it belongs before (issue 17).

The translator puts a linked name first and glues it to the phrase that modifies it. When that
phrase is an office (``Drs. Anak Agung Gde Wiranata|Wakil Gubernur``) or a state body's full name
(``LPTN|Lembaga Penjamin Ternak Nasional``), the phrase keeps its capitals, so the glue is a camel
seam inside one token. A camel seam alone is weak (brands, scraped headlines); two kinds of
document-internal evidence make it strong enough to move the phrase back before the name:

* **acronym**: the initials of the capitalised words after the seam spell the all-caps word the
  name is or opens (``DRD Bumi Sawerigading|Dewan Riset Daerah``) — the text defines the acronym;
* **office**: the word after the seam opens an office (``offices.tsv``, counted in the corpora
  after speech verbs, or a title of ``titles.txt``) and the name before the seam is a titled
  person (``H.``, ``Drs.``, ``Prof. Dr.`` ...), or an untitled name of two or more uncommon words
  before a multi-word title (``Matthias Kroeger-Lindqvist|Duta Besar``).

Either way the phrase must end clearly (a lower-case word or punctuation after at most
``MAX_PHRASE`` words), so its extent is known. The sites are ``form="office"``; their plan is
:func:`office_plan` (phrase, space, name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from saring.document import Replacement
from saring.repair.fastscan import name_tokens_py, prescan
from saring.repair.glue import Plan, Site, _sentence_initial, is_verb
from saring.repair.resources import DATA_DIR, Resources

CAMEL = re.compile(r"(?<=[A-Za-z])[A-Z][a-z]{2,}(?![\w\-])")
PHRASE_WORD = re.compile(r"(?:[A-Z][a-z]+|[A-Z]{2,6}|[IVX]{1,4})(?![\w\-])")
CONNECTORS = frozenset("dan untuk serta atas".split())
CONNECTOR = re.compile(r"([a-z]+) ")
NAME_PART = re.compile(r"(?:[A-Z][a-z]+-)?[A-Z][a-z]{2,}")
ACRONYM_REACH = 48  # characters left of the seam an acronym opening the name may start at
LOWER_NEXT = re.compile(r" [a-z]")
NEXT_WORD = re.compile(r" ([a-z]+)(?![\w\-])")
CLEAR_END = re.compile(r"(?: [a-z]|[,.;:)!?]| ?$| ?\n)")
ABBREV = re.compile(r"(?:Prof|Dr|Drs|Dra|Ir|Hj|H|dr|KH)\.")
LEFT_WORD = re.compile(
    r"(?:Prof|Dr|Drs|Dra|Ir|Hj|H|dr|KH)\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,6}|bin|binti|van|von|de|der"
)
MAX_PHRASE = 5  # capitalised words of an office phrase (Kepala Dinas Perikanan Kabupaten Alor)
MAX_TOKEN = 64  # characters of a live name token read for seams (names.TOKEN: at most 51)
MAX_WORD = 40  # letters of one word of a name (look-back bound)
MAX_NAME = 7  # words of the name left of the seam, titles included (Prof. Dr. Ir. H. ...)
COMMON_NAME_WORD = 200  # news-layer lower-case uses of a word that is no name word (Kunjungan)
TITLED_CONFIDENCE = 0.9
ACRONYM_CONFIDENCE = 0.95
UNTITLED_CONFIDENCE = 0.85
ORDER_CONFIDENCE = 0.95


@lru_cache(maxsize=1)
def office_openers() -> frozenset[str]:
    """Capitalised office openers of ``offices.tsv`` (built by ``evaluation/repair/build_offices.py``)
    and the first words of the multi-word titles of ``titles.txt`` (``Duta Besar``, ``Wali Kota``;
    its one-word entries mix offices and place types, and ``Ibu Kota`` is a place)."""
    text = (DATA_DIR / "offices.tsv").read_text(encoding="utf-8")
    built = {ln.split("\t")[0] for ln in text.splitlines() if ln and not ln.startswith("#")}
    titles = (DATA_DIR / "titles.txt").read_text(encoding="utf-8").splitlines()
    multi = {t.split(" ")[0] for t in titles if " " in t and not t.startswith(("#", "Ibu "))}
    return frozenset(built | multi)


def _phrase_words(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """Spans of the capitalised words (and inner connectors) from ``pos``, at most ``limit``."""
    out: list[tuple[int, int]] = []
    cur = pos
    while len(out) < limit:
        m = PHRASE_WORD.match(text, cur)
        if m is None:
            break
        out.append((m.start(), m.end()))
        nxt = text.find(" ", m.end(), m.end() + 1)
        if nxt < 0:
            break
        conn = CONNECTOR.match(text, nxt + 1, nxt + 9)
        cur = nxt + 1 + (len(conn.group()) if conn and conn.group(1) in CONNECTORS else 0)
    return out


def _initials_end(text: str, pos: int, acronym: str) -> int:
    """End of the phrase from ``pos`` whose capitalised words' initials spell ``acronym``, or -1."""
    words = _phrase_words(text, pos, len(acronym))
    if len(words) != len(acronym):
        return -1
    if "".join(text[s] for s, _e in words) != acronym:
        return -1
    if any(text[s:e].isupper() for s, e in words):
        return -1  # an acronym inside the phrase: not the expansion of this one
    return words[-1][1]


def _clear_after(text: str, end: int) -> bool:
    """Does the phrase end clearly at ``end``: a lower-case word, punctuation or line end next."""
    return CLEAR_END.match(text, end) is not None


def _word_start(text: str, end: int) -> int:
    """Start of the word ending at ``end`` (after a space or newline), or -1 past ``MAX_WORD``."""
    lo = max(0, end - MAX_WORD)
    start = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end)) + 1
    return start if start > lo or lo == 0 else -1


def _left_words(text: str, seam: int) -> list[tuple[int, int]]:
    """Spans of the name's words left of the seam (the glued token's left part first), nearest last;
    empty when the token is longer than a word (bounded look-back: no quadratic scan)."""
    tok_start = _word_start(text, seam)
    if tok_start < 0:
        return []
    out = [(tok_start, seam)]
    cur = tok_start
    while len(out) < MAX_NAME and cur >= 2 and text[cur - 1] == " ":
        start = _word_start(text, cur - 1)
        if start < 0 or not LEFT_WORD.fullmatch(text[start : cur - 1]):
            break
        out.append((start, cur - 1))
        cur = start
    return out[::-1]


def _acronym_site(text: str, seam: int, words: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(name start, phrase end) when the phrase after the seam spells the acronym the name opens."""
    for s, e in reversed(words[-4:]):
        if text[s:e].isupper() and 2 <= e - s <= 6:
            end = _initials_end(text, seam, text[s:e])
            if end > 0 and _clear_after(text, end):
                return s, end
            return None
        left = text[s:e]
        if s == words[-1][0] and re.fullmatch(r"[A-Z]{3,7}", left):  # LPTN|Lembaga: token = acronym
            end = _initials_end(text, seam, left)
            return (s, end) if end > 0 and _clear_after(text, end) else None
    return None


def _office_end(text: str, seam: int) -> int:
    """End of the office phrase opened at the seam when it ends clearly, else -1."""
    words = _phrase_words(text, seam, MAX_PHRASE + 1)
    if not words or len(words) > MAX_PHRASE:
        return -1
    end = words[-1][1]
    return end if _clear_after(text, end) else -1


def _common(word: str, res: Resources) -> bool:
    return res.lower_count.get(word.lower(), 0) >= COMMON_NAME_WORD


def _office_site(
    text: str, seam: int, words: list[tuple[int, int]], res: Resources
) -> tuple[int, int, float] | None:
    """(name start, phrase end, confidence) for an office phrase glued after a person's name."""
    opener = CAMEL.match(text, seam)
    if opener is None:
        return None
    word = opener.group()
    if word not in office_openers():
        return None
    left = text[words[-1][0] : seam]
    if not NAME_PART.fullmatch(left) or _common(left, res):
        return None
    end = _office_end(text, seam)
    if end < 0:
        return None
    titled = [s for s, e in words if ABBREV.fullmatch(text[s:e])]
    if titled:
        before = [w for w in words if w[0] < titled[0]]
        if before and (len(before) > 1 or not _sentence_initial(text, before[0][0])):
            return None  # a capitalised word before the title mid-sentence: an office already there
        return titled[0], end, TITLED_CONFIDENCE
    names = [(s, e) for s, e in words if not _common(text[s:e], res)]
    if len(names) < 2 or names != words[len(words) - len(names) :]:
        return None
    two = _phrase_words(text, seam, 2)
    if len(two) < 2 or " ".join(text[s:e] for s, e in two) not in res.titles:
        return None  # an untitled name needs a multi-word title (Duta Besar, Wali Kota)
    return names[0][0], end, UNTITLED_CONFIDENCE


def _acronym_near(text: str, seam: int, first: str) -> bool:
    """An all-caps word opening with ``first`` within the name's reach left of the seam (cheap
    pre-check before the name's words are read: ``str.find``, no regex)."""
    lo = max(0, seam - ACRONYM_REACH)
    i = text.find(first, lo, seam)
    while i >= 0:
        if text[i + 1 : i + 2].isupper() and (i == 0 or not text[i - 1].isalpha()):
            return True
        i = text.find(first, i + 1, seam)
    return False


def _live_starts(text: str, res: Resources) -> list[int]:
    """Starts of the name tokens the glue scan could make a site of (the kernel's walk, memoised
    for this text, or its Python reference): what ``fastscan.quiet`` checks."""
    pre = prescan(text, res)
    return list(pre[1][0]) if pre is not None else name_tokens_py(text, res, set())[0]


def _seams(text: str, live: list[int]) -> list[tuple[int, str]]:
    """Camel seams worth reading, (seam, word after it): inside a live name token (the kernel's
    memoised walk). A quiet document has none, so quiet stays exact; no scan of the whole text per
    character (an all-caps run glued to its expansion, ``LPTN|Lembaga``, is no live token: left,
    see the notes)."""
    out: dict[int, str] = {}
    for k in live:
        token = text[k : k + MAX_TOKEN].split(None, 1)[0]  # (a name token: at most 51 letters)
        if token[1:].islower():
            continue  # no capital inside (Rusiajawaban): no camel seam, no regex run
        for m in CAMEL.finditer(text, k, k + len(token)):
            out[m.start()] = m.group()
    return list(out.items())


def office_sites(text: str, res: Resources) -> list[Site]:
    """Office and acronym-body phrases glued after a name (camel seam), as ``office`` sites."""
    live = _live_starts(text, res)
    if not live:
        return []
    out: list[Site] = []
    openers = office_openers()
    for seam, word in _seams(text, live):
        acronym = _acronym_near(text, seam, word[0])
        if not acronym and word not in openers:
            continue
        site = _site_at(text, seam, word, acronym, res)
        if site is not None and not any(s.start < site.end and site.start < s.end for s in out):
            out.append(site)
    return out


def _site_at(text: str, seam: int, word: str, acronym: bool, res: Resources) -> Site | None:
    """The office site of one seam, or None."""
    words = _left_words(text, seam)
    if not words:
        return None
    found = _acronym_site(text, seam, words) if acronym else None
    conf = ACRONYM_CONFIDENCE
    if found is None:
        office = _office_site(text, seam, words, res) if word in office_openers() else None
        if office is None:
            return None
        found, conf = office[:2], office[2]
    start, end = found
    # an acronym's expansion that ends its line or clause is a definition (``PSBB Pemasukan
    # Sekarat ...``), not a translated modifier: split only
    split_only = conf == ACRONYM_CONFIDENCE and not LOWER_NEXT.match(text, end)
    site = Site(start, end, text[start:seam], "office", seam, word, conf, no_move=split_only)
    site.name = True
    return site


def office_plan(text: str, site: Site) -> Plan:
    """The phrase moved before the name (``Wakil Gubernur Drs. ... Wiranata``); split as fallback."""
    name, phrase = site.entity, text[site.rest_start : site.end]
    split = name + " " + phrase
    if site.no_move:
        return Plan(
            site.start, site.end, split, "mt_glue_split", site.confidence, split, site.end, False
        )
    conf = round(site.confidence * ORDER_CONFIDENCE, 3)
    return Plan(
        site.start,
        site.end,
        phrase + " " + name,
        "mt_glue_reorder",
        conf,
        split,
        site.end,
        True,
        ORDER_CONFIDENCE,
    )


def _noun_continues(text: str, end: int, res: Resources) -> bool:
    """A lower-case word after the phrase that is no verb and no closed-class word: the phrase is a
    lower-case head the translator capitalised (``Pakar|hukum tata negara``), not a whole office."""
    m = NEXT_WORD.match(text, end)
    return m is not None and m.group(1) not in res.stop and not is_verb(m.group(1), res)


def replace_overlapped(
    text: str,
    sites: list[Site],
    offices: list[Site],
    res: Resources,
    moves: Callable[[Site], Replacement | None],
) -> list[Site]:
    """``sites`` plus the office sites, each office site replacing the sites it overlaps unless one
    of them already moves the same span (the rules' lower-cased head, ``rektor``) or the phrase
    runs on in lower case (``Anggota|komisi IV``): then the rules' move stays."""
    if not offices:
        return sites
    kept = []
    for o in offices:
        reps = [r for s in sites if o.start < s.end and s.start < o.end and (r := moves(s))]
        same = any(r.start == o.start and r.end == o.end for r in reps)
        if not reps or not (same or _noun_continues(text, o.end, res)):
            kept.append(o)
    return [s for s in sites if not any(o.start < s.end and s.start < o.end for o in kept)] + kept
