"""Glue on any linked name, not only gazetteer places: ``Telkomselpelanggan``, ``Bank
Mandiridirektur``, ``Prabowo Subiantokebijakan``, ``Bank NagariLaporan``.

A capitalised token that is not a word is split where its right part is a common lower-case
Indonesian word (longest such part). Whether the left part is a name is decided from evidence, each
kind adding confidence (see ``notes/repair.md``):

* the document: the left part also stands alone (twice) elsewhere in this document;
* name lists: a gazetteer word, an acronym, or a word wordfreq knows that the news layer almost
  never writes in lower case (:meth:`Resources.name_like`);
* a multi-word name: capitalised words before it (``Bank``, ``Prabowo``), which also move with it.

Guards (no site at all): a left part that is a common word and not part of a longer name
(``Bukalapak``, ``Sukabumi``), a right part that commonly ends compound names (``Banyuwangi``,
``Adiputra``) unless the document shows the left part alone, brands, English-looking parts.
The left part must be a known name or stand alone in the document: on clean news, names ending in
word-like syllables (``Bayu Pra|dana``, ``Danau Keli|mutu``) are everywhere. A site is repaired
only when the document shows other translator glue (one other confident site for a known name, two
for an unknown one); otherwise it is flagged. The right part must be a frequent lower-case word of 5+ letters.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice
from typing import Any

from saring.record import FrozenRecord
from saring.repair import scorer
from saring.repair.fastscan import FEW_RUN_COUNTS, name_tokens, run_count, token_matches
from saring.repair.glue import (
    DATELINE_BEFORE,
    NAME_END,
    WORD_AT,
    Repeats,
    Site,
    _after_headline,
    in_running_text,
    is_verb,
    noun_phrase,
    pair_head,
    repeated,
    sentence_start,
    two_words,
)
from saring.repair.paragraphs import NUMBER_WORDS
from saring.repair.resources import BAD_BEFORE, PLACE_HEADS, SUFFIX_LIKE, Resources
from saring.repair.whole import adjective_end, tears_title, whole_name

# A capitalised token; the token-start check is done in Python (a lookbehind would disable the
# regex engine's first-character scan, as in ``build_site_regex``).
TOKEN = re.compile(r"[A-Z][A-Za-z]{5,50}(?![\w@\-'’])(?!\.[A-Za-z0-9])")
NOT_BEFORE = frozenset("@#/.-'’_")
LEFT = re.compile(r"(?:[A-Z][a-z]{2,}|[A-Z]{2,})$")
WORD_RUN = re.compile(r"[\w\-]+")
# a capitalised word of a name: Bank, BUMDes, Nur'aini, Al-Mubarak, or an initial (R., Hj., Dr.)
WORD_BEFORE = re.compile(r"([A-Z][a-z]{1,9}-[A-Z][a-z]+|[A-Z][a-z]+(?:['’][a-z]{2,})?|[A-Z]{2,}(?:[a-z]{2}(?= ))?"
                         r"|(?<![\w.])(?:[A-Z]|Dr|Drs|Ir|Hj|Prof)\.) $")
INITIAL_END = re.compile(r"(?<![\w.])(?:[A-Z]|Dr|Drs|Ir|Hj|Prof)\. $")  # its dot ends no sentence
# a number inside a name after a capitalised word (Kodim 1422 Lasusua, Yonif 731 Kabaresi)
NUMBER_BEFORE = re.compile(r"(?<![\w.,])\d{1,4} $")
LOWER_WORD_BEFORE = re.compile(r"(?<![\w\-])[a-z]{2,} $")
# A derived noun (pe-/pem-/pen-/peng-/peny-/per-/ke- prefix or -an suffix, 7+ letters): the head
# nouns a possessive link modified (pelanggan, kebijakan, karyawan, pernyataan). Names do end in
# short roots (Pra|dana, Keli|mutu, Leuwi|panjang), almost never in such derivations.
DERIVED = re.compile(r"(?:(?:pe[mn]?|peng|peny|per|ke)[a-z]{5,}|[a-z]{5,}an)")
MAX_NAME_WORDS = 5  # capitalised words of a name
MAX_INNER = 2  # lower-case words inside it (van der, dan)
# whole-name searches per document and occurrences looked at per search (real pages: <= 25 sites)
MAX_ELSEWHERE_CHECKS = 64
MAX_ELSEWHERE = 20
MAX_LONG_NAME_WORDS = 7  # ... under an organisation head (Koperasi Unit Desa Sumber Rejeki Lamuru)
# Unknown capitalised tokens examined per document: each costs a count in the whole text, so a
# hostile page of distinct glued names would be quadratic. Real pages: at most 327 (gikirima).
MAX_CANDIDATES = 2000
# ... and at most this many glue sites found on them (real pages: at most 25, a github_scrapes
# article of 24 KB; a page of hundreds of glued invented names gets a flag, not more work)
MAX_NAME_SITES = 100
# Share of a word's uses followed by a name in its phrase above which it is a head noun (the
# corpus rates of heads and of name-final syllables overlap; see notes/repair.md)
HEAD_RATE = 0.065
STRONG_HEAD_RATE = 0.1
# a right part of 5+ letters wordfreq rates this frequent is a word, whatever the news layer saw
RIGHT_ZIPF = 3.8
SHORT_HEAD_RATE = 0.065  # a 4-letter glued head (data, izin, foto) must head names this often
STRONG_ZIPF = 3.8  # wordfreq ``id`` Zipf of a glued word strong evidence accepts (~1 in 160k words)
STRONG_HEAD_MIN = 0.02  # followed by a name at least this often: a noun that heads names at all
ROLE_RATE = 0.2  # a word followed by a name in a fifth of its uses: pemain, ketua, pelatih
# "dari Rantauprapat", "di Sungailiat": an unknown name after a locative preposition is a place
LOCATIVE_BEFORE = re.compile(r"(?<![\w\-])(?:[Dd]i|[Kk]e|[Dd]ari|menuju|[Aa]sal|[Dd]aerah|[Ww]ilayah) $")
# a name introduced as a name ("nama sebenarnya X", "bernama X", "alias X"): X is whole
NAMED_BEFORE = re.compile(r"(?<![\w\-])(?:nama|bernama|dinamai|dinamakan|julukan|alias|panggilan)"
                          r"(?: [a-z]+)? $")
ENGLISH_ZIPF = 3.5
WORD_BEFORE_ANY = re.compile(r"(?<![\w\-])([A-Za-z][a-z]{2,}) $")
LABEL_AFTER = re.compile(r"(?: [a-z]+){0,3}:")
# The glued token is followed by a capitalised word or a Roman numeral: it sits inside a name.
NAME_AFTER = re.compile(r" (?:[A-Z][a-z]|[IVX]+\b)")
_sentence_start = sentence_start


def extend_name(text: str, start: int, res: Resources, whole: bool = False) -> tuple[int, bool]:
    """Start of the multi-word name ending with the word at ``start`` (``Bank Mandiri``), and
    whether its left boundary is clear.

    Walks left over capitalised words; stops at days and months, at closed-class words, and at a
    sentence-initial common word (``Menurut``) unless it heads names (``Bank``, ``Universitas``).
    ``whole``: the word at ``start`` opens a gazetteer name (``Cina``), complete in itself.
    A capitalised word it cannot take (``TerpilihKelenteng Tuban``) leaves the boundary unclear:
    the name must then not be moved, or a move would tear it (``Kelenteng periode Tuban``).
    """
    pos, inner_left = start, MAX_INNER
    for _ in range(MAX_NAME_WORDS - 1):
        m = WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if m is None and inner_left:
            inner = _inner_word(text, pos, res, whole)
            if inner == 0:
                return pos, False  # "Sains dan Teknologi Boreo": which words the name has is unclear
            if inner is not None:
                inner_left -= 1
                pos = inner
                m = WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if m is None:
            title = _title_before(text, pos, res)
            if title is not None:
                return title  # "memuji Rahasia di |Balik Kabut Merapi|tokoh": a title, not a place
            m = _number_inside(text, pos, res)
            if m is None:
                brand = _code_inside(text, pos, res)
                if brand is not None:
                    return brand, True  # "memuji Zentrix Q9 Ultra|layar": brand, code and model word
                return pos, _lower_before(text, pos) and not _number_in_name(text, pos, res) and (
                    not _particle_before(text, pos))
        w, k = m.group(1), m.start(1)
        if k > 0 and (text[k - 1].isalnum() or text[k - 1] in BAD_BEFORE):
            return pos, False
        if w.lower() in res.days or w in res.days or (w.lower() in res.stop and w not in res.org_heads):
            # a closed-class word capitalised inside running text belongs to a name ("Kementerian
            # Dalam Negeri X"): the name's extent is then unclear (a move would tear it)
            # ("Bayangan di Atas Awan|musim": after a lower-case closed-class word that follows a
            # capitalised one, it is inside a title: unclear too)
            day = w in res.days or w.lower() in res.days
            return pos, not _title_inside(text, k, res) and not (day and _name_word_before(text, k, res)) and (
                day or _sentence_start(text, k) or not _cap_word_before(text, k) or not text[k - 1 : k] == " ")
        initial = _sentence_start(text, k) and not INITIAL_END.search(text, max(0, k - 6), k)
        if initial and two_words(w, res):
            return pos, False  # "Sementaragaji PNS|daerah": a glued pair of words, not a name
        # a sentence-initial common word ("Kemarin", "Warga") ends the name; names also occur in
        # lower case in the news layer (URL slugs: "prabowo" 127 times), so the bar is high
        lc = res.lower_count.get(w.lower(), 0)
        if initial and w not in res.org_heads and (
                lc >= 300 or (lc >= 50 and DERIVED.fullmatch(w.lower())) or w.lower() in res.not_heads):
            # ... but a noun that heads names ("Pesantren Miftahul Ulum Karangsembung|Pengasuh")
            # may open this one: which words the name has is then unclear (a move would tear it),
            # unless an organisation head opens the run after it ("Rapat |Badan Pengelola ...")
            return pos, not _heads_names(w, res) or _org_opens(text, pos, res)
        pos = k
        if initial:
            return pos, True
    # the longest name taken: its boundary is clear when no capitalised word precedes it
    # ("mengeluhkan Rumah Sakit Citra Medika Halmahera|pelayanan")
    m = WORD_BEFORE.search(text, max(0, pos - 40), pos)
    if m is None:
        return pos, _lower_before(text, pos)
    if _initial_common(text, m, res):
        return pos, not _heads_names(m.group(1), res) or _org_opens(text, pos, res)  # "Kemarin |Tim Esports Naga Biru Saktiwara|manajer"
    return _long_org_name(text, pos, res)


ORG_OPENER = re.compile(r"[A-Z][a-z]+")


def _org_opens(text: str, pos: int, res: Resources) -> bool:
    """Does an organisation head (``Badan``, ``Yayasan``, ``PT``) open the name at ``pos``? An
    organisation's name starts at its head: a common sentence-initial noun before it (``Rapat``,
    ``Laporan``) is the sentence's, not the name's."""
    m = ORG_OPENER.match(text, pos)
    return m is not None and m.group() in res.org_heads


def _initial_common(text: str, m: re.Match[str], res: Resources) -> bool:
    """The capitalised word ``m`` before a name is a sentence's first word that writers use in
    lower case often (``Kemarin``, ``Warga``): a capital of the sentence, not of the name."""
    w, k = m.group(1), m.start(1)
    if k > 0 and (text[k - 1].isalnum() or text[k - 1] in BAD_BEFORE):
        return False
    if not _sentence_start(text, k) or INITIAL_END.search(text, max(0, k - 6), k) or w in res.org_heads:
        return False
    lc = res.lower_count.get(w.lower(), 0)
    return lc >= 300 or (lc >= 50 and DERIVED.fullmatch(w.lower()) is not None) or w.lower() in res.not_heads


TITLE_INSIDE = re.compile(r"(?<![\w\-])[A-Z][a-z]+ ([a-z]{2,5}) $")


def _title_inside(text: str, k: int, res: Resources) -> bool:
    """A capitalised word at ``k`` right after a lower-case closed-class word that follows a
    capitalised word (``Bayangan di |Atas Awan``): a title with lower-case words inside it, whose
    first words the name walk cannot see past."""
    m = TITLE_INSIDE.search(text, max(0, k - 20), k)
    return m is not None and m.group(1) in res.stop


# lower-case words inside a title after its first word (``Rahasia di Balik Kabut Merapi``, ``Gerimis
# di Kota Lembayungan``, ``Lorong Waktu dari Timur``)
TITLE_LINK = re.compile(r"(?<![\w\-])([A-Z][a-z]{2,}) (di|ke|dari|dalam|untuk|tanpa|tentang|yang) $")


def _title_before(text: str, pos: int, res: Resources) -> tuple[int, bool] | None:
    """A title whose first word is a capitalised common word before a lower-case preposition
    before ``pos`` (``memuji Rahasia di |Balik Kabut Merapi``): the name starts at that word
    (clear after a lower-case word), or its boundary is unclear (a sentence start, a capitalised
    word before it). Moving the words after the preposition alone would tear the title. A name,
    a name's head or a title before the preposition (``bertemu Ahmad di |Hotel Sahid``,
    ``Presiden di |Istana``) is a person or organisation somewhere: ``None``."""
    m = TITLE_LINK.search(text, max(0, pos - 30), pos)
    if m is None:
        return None
    w, k = m.group(1), m.start(1)
    low = w.lower()
    if (low not in res.lexicon or low in res.stop or low in res.days or res.corpus_name(w)
            or _heads_names(w, res) or w in res.title_firsts or w in res.org_heads):
        return None
    if _sentence_start(text, k) or not LOWER_WORD_BEFORE.search(text, max(0, k - 30), k):
        return pos, False
    return k, True


def _heads_names(word: str, res: Resources) -> bool:
    """A capitalised common noun that opens names (``Bank``, ``Pesantren``, ``Hotel``): the
    organisation list, or a word the corpus layer writes capitalised before a name often
    (``name_heads.tsv``)."""
    if word in res.org_heads:
        return True
    low = word.lower()
    # a common noun only: not a name (``Indonesia``, ``Agus`` also occur in lower case in URL
    # slugs), not English (``Government``), not a person's title (``Asisten Komisioner``)
    return (low in res.name_heads and (low in res.pos_nouns or low in res.context_nouns)
            and not res.englishish(low) and word not in res.title_firsts)


def _number_inside(text: str, pos: int, res: Resources) -> re.Match[str] | None:
    """The capitalised word before a number right before ``pos`` (``Kodim 1422|Lasusua``): the
    number is inside the name. Not after a word (``Januari 2024 Bank``, a headline's ``Tewaskan 4
    Orang``) unless it heads organisations (``Polres``)."""
    num = NUMBER_BEFORE.search(text, max(0, pos - 6), pos)
    if num is None:
        return None
    m = WORD_BEFORE.search(text, max(0, num.start() - 40), num.start())
    w = m.group(1) if m else ""
    if m is None or w.endswith(".") or w.lower() in res.days or (
            res.lower_count.get(w.lower(), 0) >= 50 and w not in res.org_heads):
        return None  # "Januari 2024", "Orang 4 Orang|Pihak": a word, not a name's head
    if not LOWER_WORD_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1)):
        return None  # "Bongkar 300 Meter ...|Potongan": a Title-Case headline, not running text
    return m


# a brand and a model code right before a name's word (``Zentrix Q9 |Ultra``, ``Ravello GT5 |Sport``)
CODE_INSIDE = re.compile(r"(?<![\w\-])([A-Z][a-z]{2,}) [A-Z]{1,3}\d{1,4} $")


CODE_RIGHT_BEFORE = re.compile(r"(?<![\w\-])[A-Z]{1,3}\d{1,4} $")  # "Solvane X3 |Pro|baterai"


def _code_inside(text: str, pos: int, res: Resources) -> int | None:
    """Start of the brand when a model code (capitals and digits) stands between a brand and the
    word at ``pos`` in running text (``memuji Zentrix Q9 Ultra|layar``): the code is inside the
    product's name, whose left boundary the lower-case word before the brand makes clear. Not
    after a common word (``Tipe A4 ...``) or a locative, and not at a sentence start (a headline)."""
    m = CODE_INSIDE.search(text, max(0, pos - 30), pos)
    if m is None or _common(m.group(1), res) or res.known(m.group(1)) and not res.strict_name(m.group(1)):
        return None
    k = m.start(1)
    before = LOWER_WORD_BEFORE.search(text, max(0, k - 30), k)
    if before is None or LOCATIVE_BEFORE.search(text, max(0, k - 12), k):
        return None
    return k


def _number_in_name(text: str, pos: int, res: Resources) -> bool:
    """A number right before ``pos`` with a capitalised word before it that is no day or month
    (``SMP Negeri 3|Lembang Jaya`` at a sentence start, where ``_number_inside`` cannot tell a
    name from a headline): the number may be inside the name, so its boundary is unclear (a
    move would tear it: ``SMP Negeri 3 kepala sekolah Lembang Jaya``)."""
    num = NUMBER_BEFORE.search(text, max(0, pos - 6), pos)
    if num is None:
        return False
    m = WORD_BEFORE.search(text, max(0, num.start() - 40), num.start())
    if m is None or m.group(1).lower() in res.days:
        return False
    k = m.start(1)  # "Lebih 200 China|kapal", "Sebanyak 10 Indonesia|negara": a common word
    # alone before the number is a quantity's; inside a run of capitalised words or a rare word
    # ("SMP Negeri 3", "Kodim 1422") it is a name's
    return res.lower_count.get(m.group(1).lower(), 0) < 100 or (k >= 2 and text[k - 1] == " " and _cap_word_before(text, k))


def _long_org_name(text: str, pos: int, res: Resources) -> tuple[int, bool]:
    """A name longer than :data:`MAX_NAME_WORDS` is taken only when an organisation word opens it
    right after running text (``mengeluhkan Koperasi Unit Desa Sumber Rejeki Lamuru``, ``sebagai
    Ikatan Alumni Sekolah Tinggi Teknik Pamanukan``); otherwise its boundary is unclear."""
    unclear = pos
    for _ in range(MAX_LONG_NAME_WORDS - MAX_NAME_WORDS):
        m = WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if m is None:
            break
        k = m.start(1)
        if k > 0 and (text[k - 1].isalnum() or text[k - 1] in BAD_BEFORE):
            break
        pos = k
        if m.group(1) in res.org_heads and m.group(1) not in res.title_firsts:
            if WORD_BEFORE.search(text, max(0, pos - 40), pos) is None and _lower_before(text, pos) and (
                    not _sentence_start(text, pos)):
                return pos, True
    return unclear, False


# Lower-case words inside a person's name (``Abdul Karim bin Yusran``, ``Pieter van Houtema``,
# ``Maria de Fatima Soares``, ``Johannes van der Mark``): never an Indonesian word before a name.
NAME_PARTICLES = frozenset("bin binti van von de da der den dos das del della du ten ter los las".split())
INNER_BEFORE = re.compile(r"(?<![\w\-])([a-z]+|&) $")


def _inner_word(text: str, pos: int, res: Resources, whole: bool = False) -> int | None:
    """A lower-case word inside the name that starts at ``pos``, between capitalised words.

    Returns where the name goes on (the start of that word), ``None`` when the word before ends
    the name, or ``0`` when the boundary is unclear. ``dan``/``&`` joins words of one name only
    under an organisation word before it (``Institut Sains dan Teknologi Boreo``); it ends the
    name when the name already opens with an organisation word (``Sorowolo dan Kabupaten
    Malawu``) or is a whole gazetteer name (``whole``: ``Malaysia dan Cina``); else the name may
    go on over it (``Sains dan Teknologi Boreo``) and its boundary is unclear."""
    m = INNER_BEFORE.search(text, max(0, pos - 8), pos)
    if m is not None and m.group(1) in NAME_PARTICLES:
        return _particle_run(text, m)
    if m is None or not WORD_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return None
    w = m.group(1)
    if w not in ("dan", "&"):
        return None
    opener = text[pos : text.find(" ", pos)] if text.find(" ", pos) > 0 else text[pos:]
    name_opened = opener in res.org_heads and opener not in res.title_firsts
    first, pos = "", m.start()
    for _ in range(MAX_NAME_WORDS - 1):  # the capitalised words before it, no recursion
        c = WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if c is None:
            break
        first, pos = c.group(1), c.start(1)
    if first in res.org_heads and first not in res.title_firsts and not name_opened:
        return m.start()
    return None if name_opened or whole else 0


def _particle_run(text: str, m: re.Match[str]) -> int | None:
    """Start of the particles before a surname (``van den |Hoevelaar``, ``bin |Yusran``) when a
    capitalised word precedes them; ``None`` when none does (the name walk then stops there)."""
    start = m.start()
    prev = INNER_BEFORE.search(text, max(0, start - 8), start)
    if prev is not None and prev.group(1) in NAME_PARTICLES:
        start = prev.start()  # two particles: "van der", "van den", "de los"
    return start if WORD_BEFORE.search(text, max(0, start - 40), start) else None


def _particle_before(text: str, pos: int) -> bool:
    """A name particle right before ``pos`` that the walk could not take (``karya van |Gogh``):
    the surname's name goes on to the left, so its boundary is unclear."""
    m = INNER_BEFORE.search(text, max(0, pos - 8), pos)
    return m is not None and m.group(1) in NAME_PARTICLES


def _lower_before(text: str, pos: int) -> bool:
    """Nothing name-like right before ``pos``: a line start, punctuation or a lower-case word."""
    prev = text[max(0, pos - 2) : pos - 1] if pos >= 2 and text[pos - 1] == " " else ""
    if prev.isdigit():  # "Lumetra Z5|Mark III": a model code inside the name, not "pada 2019"
        return not _cap_word_before(text, pos)
    return not prev.isalpha() or not _cap_word_before(text, pos)


def _name_word_before(text: str, pos: int, res: Resources) -> bool:
    """A capitalised word (no day or time word) right before the day or time word at ``pos``:
    the time word is inside a title (``Obrolan Pagi Kota Kembang``, ``Dapur Sore Bersama X``),
    so the name's extent is unclear; ``pada Senin |Bank X``, ``Jumat Pagi |X`` end a name."""
    j = text.rfind(" ", 0, pos - 1)
    tok = text[j + 1 : pos - 1]
    return pos >= 2 and text[pos - 1] == " " and tok[:1].isupper() and tok.isalpha() and not (
        tok.lower() in res.days or tok.lower() in res.stop or _sentence_start(text, j + 1))  # ("Sejak Senin |Dinas")


def _cap_word_before(text: str, pos: int) -> bool:
    """Is the token before ``pos`` (separated by one space) capitalised somewhere?"""
    j = text.rfind(" ", 0, pos - 1)
    tok = text[j + 1 : pos - 1]
    return any(c.isupper() for c in tok)


def _right_ok(right: str, res: Resources) -> bool:
    low = right.lower()
    if right[0].isupper() and not right[1:].islower() or right[0].islower() and not right.islower():
        return False  # (``Karangsen|aLokasi``: a cut before a CamelCase boundary is no word)
    if low in res.stop or low in SUFFIX_LIKE or low in res.not_heads or low not in res.lexicon:
        return False
    if low[:2] in ("di", "ke") and low[2:] in res.stop:
        return False  # "didalam", "keatas": a preposition written solid, never a head noun
    if res.englishish(low):
        return _loan_noun(low, res)  # "label", "editor": only where a capitalised run ends (_run_site)
    # a frequent word, a head noun, a derived noun; or a rarer noun (only under an organisation's
    # name, see ``name_site``); or any noun of the language (only where a capitalised run in
    # running text ends, ``_run_site``). (The checks above ``low[:2]`` are the ones the kernel's
    # ``right_ok`` mirrors.)
    return _right_ok_common(right, res) or _short_noun(low, res) or (
        (_rare_noun(low, res) or _run_noun(low, res) or _plain_noun(low, res)) and (
            right[0].islower() or not res.corpus_name(right)))
    # (a plain noun, ``_plain_noun``, is taken only where a run ends on a coined word: ``name_site``)


def _right_ok_common(right: str, res: Resources) -> bool:
    """``_right_ok`` but for rarer nouns, past its first rejections (asked only after them)."""
    low = right.lower()
    if len(low) >= 5 and (res.lower_count.get(low, 0) >= 100 or (
            (right[0].islower() or not res.corpus_name(right) or _role_noun(low, res))
            and res.lexicon[low] >= RIGHT_ZIPF and (DERIVED.fullmatch(low) or res.head_noun(low, HEAD_RATE)))):
        return True  # the news layer is small: wordfreq knows heads "tagihan", "bendahara" too
        # (a capitalised part writers use as a name is not one: Fair|Kemayoran)
    if _derived_from_root(low, res) and (right[0].islower() or not res.corpus_name(right)):
        return True  # antrean = antre + -an, timbangan: rarer nouns, but visibly derived
    if _chief_noun(low, res):
        return True  # kapolres, wakapolsek: the chief of an office, a role that heads a phrase
    # short or rarer heads that names are glued to (juru, izin, tim, rektor): only a frequent head
    rate = res.head_rate.get(low, 0.0)
    if len(low) == 4 and rate >= STRONG_HEAD_MIN and res.lower_count.get(low, 0) >= 300 and res.lexicon[
            low] >= STRONG_ZIPF + 0.5:
        return True  # gaya, ahli: a candidate; ``_guarded`` takes it only with strong evidence
    min_rate = 0.2 if len(low) <= 3 else SHORT_HEAD_RATE if len(low) == 4 else HEAD_RATE
    return rate >= min_rate and res.lower_count.get(low, 0) >= (
        300 if len(low) <= 4 else 30)


def _chief_noun(low: str, res: Resources) -> bool:
    """``ka``/``waka`` + an office that heads names (``kapolres``, ``wakapolsek``): Indonesian makes
    the chief's title from the office's short name; a word of the lexicon, so no coined tail."""
    if low[:2] == "ka":
        office = low[2:]
    elif low[:4] == "waka":
        office = low[4:]
    else:
        return False
    return len(office) >= 4 and office.capitalize() in res.org_heads and low in res.lexicon


SHORT_NOUN_ZIPF = 5.0  # wordfreq ``id`` Zipf of a three-letter noun glued where a run ends (~1 in 10k words)


def _short_noun(low: str, res: Resources) -> bool:
    """A three-letter noun of the language as frequent as ``air``, ``sel``, ``bus`` (annotated news
    says noun, the news layer writes it lower case 50+ times) that fewer than 20 corpus names end
    in (not ``mas``, ``tas``, ``nah``). Only where a capitalised run ends on a long unknown word
    (``_short_noun_site``): three letters end many names."""
    return (len(low) == 3 and low in res.pos_nouns and res.lexicon.get(low, 0.0) >= SHORT_NOUN_ZIPF
            and res.lower_count.get(low, 0) >= 50 and low not in res.stop and low not in res.not_heads
            and not is_verb(low, res) and not res.englishish(low) and res.names_ending(low, 20) < 20)


SHORT_LEFT = 7  # letters of the unknown word a three-letter noun is glued to


def _short_noun_site(g: Glued, res: Resources) -> bool:
    """``PDAM Tirta Wiramandala|air keruh``, ``Lapas Kelas IIB Watusampan|sel``: a three-letter
    noun (``_short_noun``) after a name's last word of 7+ letters that no lexicon or corpus name
    knows; a vowel-initial noun only after a vowel (``-a|air``: no name has that hiatus, while
    ``Ryan|air``, ``Aljaz|air`` end in consonants). Short abbreviations (``Tel|kom|sel``,
    ``Sum|sel``) and known names (``Telkomsel``) are left alone."""
    left, low = g.left, g.right.lower()
    return (len(left) >= SHORT_LEFT and left[1:].islower() and _short_noun(low, res)
            and left.lower() not in res.lexicon and not res.corpus_name(left) and not res.name_like(left)
            and (low[0] not in VOWELS or left[-1] in VOWELS))


def _role_noun(low: str, res: Resources) -> bool:
    """A noun that heads names often (``bendahara`` 0.16: writers put it before a person's name)
    and annotated news or its corpus contexts call a noun: capitalised, it is a role glued
    CamelCase (``Partai Nusa Bangkit|Bendahara``) even though writers also capitalise it as a name."""
    return res.head_noun(low, STRONG_HEAD_RATE) and (low in res.pos_nouns or low in res.context_nouns)


RUN_NOUN_ZIPF = 3.5  # wordfreq ``id`` Zipf of a noun glued where a capitalised run ends (~1 in 300k words)
RUN_LEFT_ZIPF = 3.0  # ... of the name's last word left of the join (a word of its own)
LOAN_ZIPF = 4.0  # ... of a loan noun English writes as often (``label``, ``editor``: ~1 in 100k words)
SHORT_RUN_NOUN_ZIPF = 4.0  # ... of a 4-letter noun glued after a long coined word (``Gitaswara|juri``)
COINED_LONG = 8  # letters of a coined last word a 4-letter noun may follow (not ``ASIOP Apac|inti``)


def _run_noun(low: str, res: Resources) -> bool:
    """A noun of the language, whatever names it heads in the news layer (``kios``, ``atap``,
    ``teleskop``): annotated news or its corpus contexts call it a noun, wordfreq knows it well
    (Zipf >= 3.5), and it is no verb, name tail, adjective-like not-head or stop word.
    Each new evaluation set brought head nouns the news layer's head rate had never seen; the
    word class is what a possessive link's glued head has in common. Not a word writers
    capitalise mid-sentence as often as not (``Marga`` 250 times, ``marga`` 10: ``PT Citra
    Wangsa|marga`` is a name), nor one 3+ corpus names end in (``Rachm|awan``, ``Sabri|awan``).
    (A function of the word alone: ``_right_ok`` memoises it, and names ending in such words
    never reach the name checks.)"""
    person = _person_noun(low, res)
    return (len(low) >= 4 and (low in res.pos_nouns or low in res.context_nouns or person)
            and res.lexicon.get(low, 0.0) >= (PERSON_NOUN_ZIPF if person else RUN_NOUN_ZIPF)
            and low not in res.name_tails and low not in res.not_heads and low not in res.stop
            and not is_verb(low, res) and res.names_ending(low) < 3
            and (not res.corpus_name(low.capitalize()) or _role_noun(low, res)))
    # (a role writers capitalise before a person's name, ``Komandan``, is a corpus name too: it
    # still heads the phrase, ``Regu Pemadam Tujuh|komandan``)


PERSON_NOUN_ZIPF = 3.0  # wordfreq ``id`` Zipf of a person noun told by its shape (~1 in a million words)
# Dutch and English loan endings of words for people's trades (``apoteker``, ``kondektur``,
# ``montir``, ``pianis``)
PERSON_ENDINGS = ("er", "ur", "ir", "is")  # (not "-or": machines end in it as often, ``kompresor``, ``traktor``)
VERBAL_PREFIXES = ("me", "ber", "ter", "di")  # (``terukur``, ``bertutur``: verbs and adjectives)
# the ``peN-`` prefixes of agent nouns and the root letter each may have absorbed (``peny|elam`` <- selam)
AGENT_PREFIXES = (("peny", "s"), ("peng", "k"), ("peng", ""), ("pem", "p"), ("pem", ""), ("pen", "t"),
                  ("pen", ""), ("pe", ""))


def _person_noun(low: str, res: Resources) -> bool:
    """A word for a person by its shape, which no annotated list needs to have seen: an agent noun
    ``peN-`` + a root of the language (``penyelam`` <- ``selam``, ``penagih`` <- ``tagih``), or a
    loan ending in a trade's suffix (``apoteker``, ``kondektur``). 6+ letters, no
    adjective. Every evaluation set brings the trades of its own domain; the shape is general."""
    if len(low) < 6 or low in res.pos_adjs:
        return False
    if low.endswith(PERSON_ENDINGS):
        return not low.startswith(VERBAL_PREFIXES) and res.lower_count.get(low, 0) >= 1
    return AGENT_NOUN.fullmatch(low) is not None and any(
        low.startswith(pre) and res.lexicon.get(lost + low[len(pre):], 0.0) >= PERSON_NOUN_ZIPF
        and len(low) - len(pre) + len(lost) >= 4 for pre, lost in AGENT_PREFIXES)


def _loan_noun(low: str, res: Resources) -> bool:
    """A noun English writes as often as Indonesian (``label``, ``editor``, ``menu``): annotated
    Indonesian news tags it a noun and wordfreq ``id`` has it often."""
    return low in res.pos_nouns and res.lexicon.get(low, 0.0) >= LOAN_ZIPF and _run_noun(low, res)


def _run_site(g: Glued, res: Resources) -> bool:
    """The token ends a run of capitalised words inside running text, and its lower-case (or
    CamelCase) tail is a noun of the language (``_run_noun``): ``menyegel Koperasi Nelayan Sumber
    Lautan|kios pada``, ``menyita Kravon Analytics|data dari``. Writers capitalise words inside a
    sentence only in a name, and a name does not end in a lower-case noun, so the boundary is in
    the token. Only when the run is an organisation's or a coined name (opened by an organisation
    word, a common noun, or a word no lexicon knows): a person's or a
    place's name ends in word-like syllables (``Sultan Ageng Tirta|yasa``, ``Desa Gajah|mati``),
    so not under a title or a place head, and not after a role noun."""
    if not (g.head_word and g.clear) or g.left.isupper() or g.head_word in res.title_firsts:
        return False
    if not (g.org or g.coined or (g.opened and g.head_word not in PLACE_HEADS) or _run_opener(g.head_word, res)
            or _acronym_opener(g) or _english_last(g, res)):
        return False
    low, left = g.right.lower(), g.left.lower()
    if g.right[0].islower() and g.name_start + len(g.head_word) + 1 == g.start and res.lexicon.get(
            left, 0.0) >= RUN_LEFT_ZIPF and not _english_word(g.left, res) and not _modifier_after(g, res):
        return False  # a one-word name under its opener is written solid from two words as often
        # as not (``Toko Sinar|kasir membuka``, ``PT Sari|roti menerima``): only a glued head that
        # goes on with its phrase tells (``Perkebunan Nusantara|kebun teh``); a coined or English
        # word is a name's own
    if g.head_word in ESTATE_HEADS:
        return False  # housing estates are places, named solid from words (``Perumahan Griya Pesona|kolektor``)
    short = _short_noun_site(g, res)
    if not (short or _run_noun(low, res) or _plain_noun(low, res)):
        return False
    if not (short or g.alone or res.corpus_name(g.left) or (
            res.lexicon.get(left, 0.0) >= RUN_LEFT_ZIPF and not res.englishish(left)) or _english_word(g.left, res) or (
            len(left) >= 6 and (left in res.other or res.englishish(left) or (
                left not in res.lexicon and (len(low) >= 5 or len(left) >= COINED_LONG and res.lexicon.get(
                    low, 0.0) >= SHORT_RUN_NOUN_ZIPF))))):
        return False  # the name's last word is a word or a name of its own (``Lautan|kios``), an
        # English word (``Westbury Rovers|klub``) or a long coined word before a long noun
        # (``Persiwak Wakatani|spanduk``), not syllables of a foreign word (``Takayuki Nishi|gaya``,
        # ``ASIOP Apac|inti``, ``Institut Neuro|sains``)
    text, s = g.text, g.name_start
    if any(w in PLACE_HEADS for w in text[s : g.start].split()) or _sentence_start(text, s) or _role_before(
            text, s, res):
        return False
    # (CamelCase after a sentence's first word only on a run of 2+ words before the token: a
    # headline joined to the next paragraph is a name alone, ``Persib BandungPelatih``)
    initial_ok = g.right[0].islower() or text.count(" ", s, g.start) >= 1
    return in_running_text(text, s, g.end, res, initial_ok=initial_ok) or _run_after_place_prep(g, res)


ACRONYM_OPENER = re.compile(r"[A-Z]{2,4}")
# an abbreviated honorific or degree title that opens a person's name (``Ir.``, ``Hj.``, ``Dr.``)
TITLE_ABBREV = re.compile(r"(?:Dr|Drs|Dra|Ir|H|Hj|Prof)\.")
TITLED_LEFT = 6  # letters of the surname a noun is glued to under an abbreviated title
ESTATE_HEADS = frozenset("Perumahan Perum Komplek Kompleks".split())


def _titled_person(g: Glued, res: Resources) -> bool:
    """``mewawancarai Ir. Bambang Taruna Wijaksara|ajudan``: under an abbreviated title the name is a
    person's, its extent clear, and its last word a surname of 6+ letters no lexicon knows; a noun
    of 5+ letters no corpus name ends in (not ``-putra``, ``-wati``: ``Hj. Siti Rahma|wati`` is one
    surname) glued to it is the translated possessive's head. Only in running text."""
    if not (g.clear and TITLE_ABBREV.fullmatch(g.head_word)) or not g.left[1:].islower():
        return False
    left, low = g.left.lower(), g.right.lower()
    if len(left) < TITLED_LEFT or left in res.lexicon or len(low) < 5 or g.text.count(" ", g.name_start, g.start) < 2:
        return False
    if low in res.name_tails or res.names_ending(low) or is_verb(low, res) or res.englishish(low):
        return False
    return _right_ok(g.right, res) and in_running_text(g.text, g.name_start, g.end, res, initial_ok=True)


def _modifier_after(g: Glued, res: Resources) -> bool:
    """The glued word goes on with a modifier (``kebun teh``, ``novel terbaru``): a lower-case
    content word after the token that is no verb (a verb there makes the token the clause's
    subject, which a name written solid is as often)."""
    m = NEXT_WORD.match(g.text, g.end)
    return m is not None and m.group(1) not in res.stop and not is_verb(m.group(1), res)


def _english_last(g: Glued, res: Resources) -> bool:
    """``memindahkan Rimbun Data Hub|server``, ``Ladangku Analytics|Kepala produk``: a run of 2+
    words opened by a word that is no English one and ended by an English word (``_english_word``):
    a company or service named in Indonesian with an English last word, which is whole (no
    syllable of it is glued), so a noun of the language glued after it is the head."""
    low = g.left.lower()
    english = _english_word(g.left, res) or (len(low) >= 5 and low not in res.lexicon and res.englishish(low))
    return (g.name_start < g.start and english and g.left[1:].islower()
            and not res.englishish(g.head_word.lower()) and g.head_word[1:].islower())


def _acronym_opener(g: Glued) -> bool:
    """``memprotes PO Sinar Kahyangan Trans|kondektur``, ``KMP Dewi Samudrasari|nakhoda``: an
    acronym of a kind of organisation or vessel opening a run of 2+ more words (3+ for CamelCase
    glue: an acronym and a word or two glued CamelCase is a scraper's join as often, ``KTP
    Elektronik|Rumah``). People's and places' names do not open with an acronym."""
    if ACRONYM_OPENER.fullmatch(g.head_word) is None:
        return False
    words = g.text.count(" ", g.name_start, g.start)
    return words >= 2 if g.right[0].islower() else words >= 3  # (CamelCase: a run of 3+ words after it)


PLACE_PREP_BEFORE = re.compile(r"(?<![\w\-])(?:di|ke|dari) $")


def _run_after_place_prep(g: Glued, res: Resources) -> bool:
    """``berenang di Curug Cikalamaya|kolam saat``: a run after ``di``/``ke``/``dari`` is in
    running text when a word of it comes before the preposition; only for a lower-case glued noun
    (a scraper's headline join, ``di BaliHarga``, glues a capitalised word) after a wholly unknown
    word (``_unknown_part``): places are written solid from words (``di Perumahan Griya
    Kebon|jeruk``, ``Kedai Kopi Kapal|layar``, ``Madrasah Aliyah Tanjung|batu``)."""
    p = PLACE_PREP_BEFORE.search(g.text, max(0, g.name_start - 5), g.name_start)
    return (p is not None and g.right[0].islower() and _unknown_part(g.left, res)
            and in_running_text(g.text, p.start(), g.end, res))


def _unknown_part(word: str, res: Resources) -> bool:
    """A name's word of 5+ letters that no lexicon or English list knows and no corpus name starts
    with: not a word a place or shop name is written solid from."""
    low = word.lower()
    return len(low) >= 5 and low not in res.lexicon and not res.names_starting(word) and not res.englishish(low)


def _noun_opener(word: str, res: Resources) -> bool:
    """A common noun opening a capitalised run mid-sentence (``Kedai``, ``Bioskop``, ``Penerbit``):
    the run names a thing of that kind, whatever the corpus layer's list of name openers has seen.
    Not a title (``Sultan``), a place head or an English word."""
    low = word.lower()
    return ((low in res.pos_nouns or low in res.context_nouns) and word not in res.title_firsts
            and word not in PLACE_HEADS and not res.englishish(low))


def _run_opener(word: str, res: Resources) -> bool:
    """A noun opening a capitalised run mid-sentence, tagged (``_noun_opener``) or not
    (``_untagged_noun``, ``_shaped_noun``); at a sentence start only tagged ones count (``Insya Allah|bulan``)."""
    base, dash, again = word.partition("-")
    if dash and base == again:
        word = base  # a reduplicated noun, plural (``Undang-Undang Cipta Pesisir|pasal``)
    return _noun_opener(word, res) or (
        word not in res.title_firsts and word not in PLACE_HEADS and (
            _untagged_noun(word, res) or _shaped_noun(word, res)))


# loan-noun endings of things and institutions (``Sekuritas``, ``Akuarium``, ``Asosiasi``)
NOUN_ENDINGS = ("itas", "ium", "asi", "isme", "tur", "ika", "orat", "iat")  # (Direktorat, Sekretariat)


def _shaped_noun(word: str, res: Resources) -> bool:
    """A word of the language (Zipf >= 3.0) whose shape makes it a noun, whatever the lists say:
    derived (``Galangan`` = galang + -an, ``Pelelangan``) or a loan noun's ending (``Sekuritas``,
    ``Akuarium``). Such a word opening a capitalised run names a thing of its kind even when
    names also end in it (``Mandiri Sekuritas``), unlike a person's first name."""
    low = word.lower()
    return (word[1:].islower() and res.lexicon.get(low, 0.0) >= DERIVED_ZIPF and not is_verb(low, res)
            and low not in res.pos_adjs and low not in res.stop
            and (_derived_from_root(low, res) or low.endswith(NOUN_ENDINGS)))


OPENER_ZIPF = 3.4  # wordfreq ``id`` Zipf of a word no list tags opening a run (``tarekat``: ~1 in 400k words)


def _untagged_noun(word: str, res: Resources) -> bool:
    """A word of the language that no annotated list tags (``Penerbit``, ``Bangsal``, ``Paroki``,
    ``Tarekat``: the news layer has a handful of lower-case uses) and that is no verb, adjective,
    stop word, not-head or name: opening a capitalised run, it is the kind of thing named."""
    low = word.lower()
    if not word[1:].islower():
        return False  # an acronym ("KTP Elektronik|Rumah tangga") is a name's word, not a noun
    return (res.lexicon.get(low, 0.0) >= OPENER_ZIPF and low not in res.stop and low not in res.pos_adjs
            and low not in res.not_heads and not is_verb(low, res) and not res.corpus_name(word))


DERIVED_ZIPF = 3.0  # wordfreq ``id`` Zipf of a derived noun and of its root (~1 in a million words)
NOUN_ZIPF = 3.0  # ... and of a rarer noun told by its contexts


def _rare_noun(low: str, res: Resources) -> bool:
    """A noun of 5+ letters the news layer has too few uses of for a head rate (``nakhoda``,
    ``kurator``, ``prasasti``): annotated news or its corpus contexts say noun
    (``nouns_context.tsv``), wordfreq knows it, its shape is no verb's."""
    return (len(low) >= 5 and (low in res.context_nouns or low in res.pos_nouns)
            and res.lexicon.get(low, 0.0) >= NOUN_ZIPF and not is_verb(low, res)
            and res.names_ending(low) < 3)  # (names end in "marga", "alam": Satria|marga)


# the confix prefixes of ``-an`` nouns and the root letter each may have absorbed (peN-: pem|p,
# pen|t, peng|k, peny|s): ke|tekun|an, pen|dangkal|an, pem|bangun|an, pe|latih|an, per|tani|an
CONFIX = (("peny", "s"), ("peng", "k"), ("peng", ""), ("pem", "p"), ("pem", ""), ("pen", "t"),
          ("pen", ""), ("per", ""), ("pe", ""), ("ke", ""))


def _derived_from_root(low: str, res: Resources) -> bool:
    """A noun made by ``-an`` (or a ``ke-``/``peN-``/``per-`` ... ``-an`` confix) from a word
    wordfreq knows (``antre|an``, ``timbang|an``, ``ke|tekun|an``), 7+ letters, both the noun and
    its root frequent enough to be words, not ``-kan`` (a verb)."""
    if not (len(low) >= 7 and low.endswith("an") and not low.endswith("kan")
            and res.lexicon.get(low, 0.0) >= DERIVED_ZIPF) or is_verb(low, res):
        return False
    base = low[:-2]
    if res.lexicon.get(base, 0.0) >= DERIVED_ZIPF:
        return True
    return any(base.startswith(pre) and len(base) - len(pre) + len(lost) >= 4
               and res.lexicon.get(lost + base[len(pre):], 0.0) >= DERIVED_ZIPF for pre, lost in CONFIX)


# two-letter regnal numbers a name may end in (``Raja Sinduwarsa IV|rombongan``; longer ones,
# ``VII``, pass the 3-letter minimum of a left part)
ROMAN2 = frozenset("II IV VI IX XI XV XX".split())


def _split(tok: str, res: Resources) -> int:
    """Index of the split giving the longest acceptable right part, or 0."""
    for i in range(2 if tok[:2] in ROMAN2 else 3, len(tok) - 2):
        left, right = tok[:i], tok[i:]
        if LEFT.match(left) and _right_ok(right, res):
            if right[0].isupper() and not left[-1].islower() and not _acronym_camel(left, right, res):
                continue
            return i
    return 0


PLAIN_NOUN_ZIPF = 3.5  # wordfreq ``id`` Zipf of a root word no list tags (``lonceng`` 4.0, ``mimbar`` 3.7)
AFFIX_ENDS = ("nya", "ku", "mu", "lah", "kah", "pun", "kan")  # clitics, particles and the verbs' -kan
AFFIX_STARTS = ("ber", "ter", "di", "se", "ke")  # verbal, adverbial and numeral prefixes (meN- verbs: ``is_verb``)
PLAIN_LEFT = 6  # letters of the coined word a plain noun is split from


def _plain_noun(low: str, res: Resources) -> bool:
    """A word of the language no annotated list has seen (``lonceng``, ``mimbar``, ``genangan``):
    every set brings nouns of its own domain that annotated news never tagged. Wordfreq knows it
    (Zipf >= 3.5); it is tagged no adjective, verb, stop word, not-head or name tail, it carries
    no clitic, particle or verbal affix, is no English word and no name's word. Only where a
    capitalised run in running text ends on a coined word (``_run_site``, ``_plain_split``): there
    writers end a name, so a word of the language after it is the head the link left behind."""
    return (len(low) >= 5 and res.lexicon.get(low, 0.0) >= PLAIN_NOUN_ZIPF and low not in res.pos_adjs
            and low not in res.stop and low not in res.not_heads and low not in res.name_tails
            and not low.endswith(AFFIX_ENDS) and not low.startswith(AFFIX_STARTS) and not is_verb(low, res)
            and not res.englishish(low) and res.names_ending(low) < 3 and not res.corpus_name(low.capitalize()))


def _tagged_split(tok: str, i: int, res: Resources) -> int:
    """``_split`` took a plain noun (``_plain_noun``): a shorter right part a list tags wins
    (``Tirtasekar|atap``, not ``Tirtaseka|ratap``); else the plain noun stands only after a coined
    word of 6+ letters (no Indonesian or English word). 0: no split."""
    for j in range(i + 1, len(tok) - 2):
        if LEFT.match(tok[:j]) and _right_ok(tok[j:], res) and not _plain_only(tok[j:], res):
            return j
    left = tok[:i].lower()
    return i if len(left) >= PLAIN_LEFT and left not in res.lexicon and not res.englishish(left) else 0
    # (not after an English word or surname: ``Metode Sharpe|reksa dana``)


def _plain_only(right: str, res: Resources) -> bool:
    """``_right_ok`` holds for ``right`` only as a plain noun."""
    low = right.lower()
    return _plain_noun(low, res) and not (
        _right_ok_common(right, res) or _short_noun(low, res) or _rare_noun(low, res) or _run_noun(low, res)
        or res.englishish(low))


def _plain_only_token(tok: str, res: Resources) -> bool:
    """``_split`` holds for ``tok`` only through a plain noun (``_plain_only``), and it is no
    CamelCase pair: the scorer was trained and checked on the tokens the walk kept before plain
    nouns; on the others it edited words that were never glue (``Deklarasi Anti|radikalisme``,
    ``Metode Sharpe|reksa dana`` on real text). Asked only when the scorer found a site (rare)."""
    if scorer.CAMEL_TOKEN.fullmatch(tok):
        return False
    for i in range(2 if tok[:2] in ROMAN2 else 3, len(tok) - 2):
        left, right = tok[:i], tok[i:]
        if LEFT.match(left) and _right_ok(right, res) and not _plain_only(right, res):
            if right[0].isupper() and not left[-1].islower() and not _acronym_camel(left, right, res):
                continue
            return False
    return True


CUT_WORD_ZIPF = 3.0  # wordfreq ``id`` Zipf of a longer glued word the split would cut


def _cuts_word(tok: str, i: int, res: Resources) -> bool:
    """A longer lower-case tail of the token is a word too (``Plus|kompresor`` when the split
    took ``Pluskomp|resor``: ``kompresor`` is rarer than the lists ``_right_ok`` asks): which word
    was glued is unclear, and moving the shorter one would tear the longer."""
    if not tok[i:].islower():
        return False
    return any(LEFT.match(tok[:j]) and res.lexicon.get(tok[j:].lower(), 0.0) >= CUT_WORD_ZIPF
               for j in range(3, i) if tok[j].islower() and len(tok) - j >= 5)


CROSS_LETTERS = 6  # letters of a word the split point may not cut


def _crossed(tok: str, i: int, res: Resources) -> bool:
    """A more frequent word of the language runs across the split point (``Rasaloka|kamera|men``
    split as ``Rasalokakame|ramen``): the glued word is longer than the lexicon knows
    (``kameramen``), and the shorter tail is a piece of it, not the head."""
    right = res.lexicon.get(tok[i:].lower(), 0.0)
    low = tok.lower()
    for j in range(max(3, i - 8), i):
        if not tok[j].islower():
            continue
        for end in range(i + 1, min(len(tok), j + 12) + 1):
            if end - j >= CROSS_LETTERS and res.lexicon.get(low[j:end], 0.0) > right and not res.englishish(low[j:end]):
                return True
    return False


def _shorter_word(tok: str, i: int, res: Resources) -> bool:
    """A tail one or two vowels shorter is a glued head too, and a more frequent word
    (``Karangsena|lokasi`` read as ``Karangsen|alokasi``): where the name ends is unclear, and a
    move would tear its last letters off; flag, never move."""
    right = tok[i:]
    if not right.islower():
        return False
    zipf = res.lexicon.get(right, 0.0)
    return any(len(tok) - j >= 4 and set(tok[i:j]) <= VOWELS and res.lexicon.get(tok[j:], 0.0) > zipf
               and _right_ok(tok[j:], res) for j in (i + 1, i + 2))
    # (vowels only: a name ends in them, ``Karangsena``; a consonant is a prefix, ``pe|tugas``)


def _long_tail_site(text: str, m: re.Match[str], i: int, res: Resources, memo: DocMemo | None) -> Site | None:
    """``Antam|tersebut``, ``Salzburg|berhasil``: when the shorter split cuts a longer word
    (``Antamter|sebut``), the longer tail is the glued word if it is a function word or a verb
    (a scraper joined a name to the next words of running text, which a translated link never
    glues) and what is left is a name (a corpus name, a name word wordfreq knows, or standing
    alone in this document). Split in place, never moved: a scraper's join, no MT evidence.
    A three-letter name only before a function word (``Ayu|sudah``, ``Utd|secara``; ``Toko
    Bangunan Sumber|batu`` is no ``Sum|berbatu``, though ``Sum`` is a corpus name)."""
    tok = m.group()
    j = next((j for j in range(3, i) if tok[j].islower() and len(tok) - j >= 5 and LEFT.match(tok[:j])
              and res.lexicon.get(tok[j:], 0.0) >= CUT_WORD_ZIPF), 0)
    if not j:
        return None
    left, right = tok[:j], tok[j:]
    if not (right in res.stop or is_verb(right, res) and not right.startswith("per") and j > 3) or right in res.pos_nouns:
        return None  # ("Nungki Teja|permana,": a per- shape is a name's word as often as a verb)
    if text[m.end() : m.end() + 1] != " ":
        return None  # the sentence goes on after a joined word; a name's word ends a clause too
    if not (res.corpus_name(left) or res.name_like(left) or _stands_alone(text, left, memo)):
        return None
    start = m.start()
    return Site(start, m.end(), left, "glue", start + j, right, 0.8, no_move=True, scrape=True, name=True)


def _acronym_camel(left: str, right: str, res: Resources) -> bool:
    """``BPKTPencairan``: an acronym glued to a capitalised derived noun or strong head noun of
    5+ letters (``KPKPenyidik`` is a headline join as often: the site still needs running text)."""
    low = right.lower()
    return left.isupper() and len(low) >= 5 and right[1:].islower() and (
        DERIVED.fullmatch(low) is not None or res.head_noun(low, STRONG_HEAD_RATE))


def _common(word: str, res: Resources) -> bool:
    """A common lower-case word. Stricter than ``Resources.common_lower``: names also occur in
    lower case in the news layer (URL slugs, handles: ``subianto`` 65 times)."""
    w = word.lower()
    return res.lower_count.get(w, 0) >= 100 or res.lexicon.get(w, 0.0) >= 5.0


def _word_glue(tok: str, res: Resources) -> bool:
    """``Gempaberkekuatan``: a common word glued to a word (not a name): left to other checks."""
    low = tok.lower()
    for i in range(4, len(low) - 2):
        if _common(low[:i], res) and res.known(low[i:]):
            return True
    return False


def _stands_alone(text: str, word: str, memo: DocMemo | None = None) -> bool:
    """Seen standalone at least twice here (once is too little: ``find_name_sites`` agrees)."""
    if memo is not None:
        return memo.standalone(word) >= 2
    return len(re.findall(r"(?<![\w\-])" + re.escape(word) + r"(?![\w\-])", text)) >= 2


def _name_elsewhere(text: str, name_start: int, end: int, memo: DocMemo | None) -> bool:
    """The multi-word name ``text[name_start:end]`` (``Kestrel Dynamics``) also occurs whole
    elsewhere in this document, not glued to a word: the document shows where the name ends.
    Asked only when its last word stands alone somewhere (one count in the memo's word runs)."""
    name = text[name_start:end]
    last = name.rsplit(" ", 1)[-1]
    if memo is not None:
        if memo.standalone(last) < 1 or memo.elsewhere_budget <= 0:
            return False
        memo.elsewhere_budget -= 1  # a hostile page of distinct glued names: bounded finds
    k = text.find(name)
    for _ in range(MAX_ELSEWHERE):
        if k < 0:
            break
        after = text[k + len(name) : k + len(name) + 1]
        before = text[k - 1 : k] if k else ""
        if k != name_start and not (after.isalnum() or after == "-") and not (before.isalnum() or before == "-"):
            return True
        k = text.find(name, k + 1)
    return False


SPLIT_FORMS = frozenset({"glue", "camel"})  # site forms whose repair splits a word off the token


class DocMemo:
    """Per-document counts the name scan asks for many times, computed once (hostile pages glue
    thousands of names; counting in the whole text per site made them quadratic)."""

    __slots__ = ("_asked", "_runs", "elsewhere_budget", "glued", "repeated", "text")

    def __init__(self, text: str, glued: dict[int, int] | None = None) -> None:
        self.text = text
        # end of a glued token -> start of its glued word (``Rusia|yang``: 9 -> 5), for the rules
        # that read the word before a token: the repair splits it off in this pass (``glued_before``)
        self.glued = dict(glued or {})
        self.elsewhere_budget = MAX_ELSEWHERE_CHECKS  # whole-name searches (``_name_elsewhere``)
        self.repeated = Repeats(text)  # token -> occurs more than once (``glue.repeated``)
        self._runs: Counter[str] | None = None
        self._asked = 0  # standalone() questions answered by a search (see fastscan.FEW_RUN_COUNTS)

    def standalone(self, word: str) -> int:
        """Occurrences of ``word`` (letters) with no word character or hyphen on either side:
        maximal ``[\\w-]`` runs equal to it."""
        if self._runs is None:
            self._asked += 1
            if self._asked <= FEW_RUN_COUNTS:  # a few questions: searched, no index of every word
                return run_count(self.text, word)
            self._runs = Counter(WORD_RUN.findall(self.text))
        return self._runs[word]


class Glued(FrozenRecord):
    """What one capitalised token tells about itself and its surroundings (``Bank Sulselbar|direktur``)."""

    _fields = ("text", "tok", "start", "end", "left", "right", "name_start", "clear", "head_word",
               "headed", "opened", "coined", "alone", "known")
    __slots__ = _fields
    text: str
    tok: str
    start: int  # of the token
    end: int
    left: str  # the name part of the token
    right: str  # the glued word
    name_start: int  # of the (multi-word) name the token ends
    clear: bool  # the name's left boundary is clear
    head_word: str  # first word of a multi-word name, else ""
    headed: bool  # under an organisation or place head (Bank, Universitas, Kota)
    opened: bool  # ... or under a common noun the corpus writes capitalised before names (Hotel)
    coined: bool  # opened by a word no lexicon knows (Kalvindo Energi)
    alone: bool  # the left part stands alone elsewhere in the document
    known: bool  # the left part is a known name (lists or this document)

    def __init__(self, text: str, tok: str, start: int, end: int, left: str, right: str,
                 name_start: int, clear: bool, head_word: str, headed: bool, opened: bool,
                 coined: bool, alone: bool, known: bool) -> None:
        set_ = object.__setattr__  # frozen: past FrozenRecord.__setattr__, as a dataclass does
        set_(self, "text", text)
        set_(self, "tok", tok)
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "left", left)
        set_(self, "right", right)
        set_(self, "name_start", name_start)
        set_(self, "clear", clear)
        set_(self, "head_word", head_word)
        set_(self, "headed", headed)
        set_(self, "opened", opened)
        set_(self, "coined", coined)
        set_(self, "alone", alone)
        set_(self, "known", known)

    @property
    def org(self) -> bool:
        """Headed by an organisation word, not a place word (Desa Karang|langit is a village)."""
        return self.headed and self.head_word not in PLACE_HEADS


def _glued(text: str, m: re.Match[str], i: int, res: Resources, memo: DocMemo | None = None) -> Glued:
    tok, start = m.group(), m.start()
    first = hyphen_start(text, start)  # (``Amara Okafor-|Lindgren``: the name walk starts at ``Okafor-``)
    name_start, clear = extend_name(text, first, res)
    head_word = text[name_start:first].split(" ", 1)[0] if name_start < first else ""
    alone = _stands_alone(text, tok[:i], memo)
    low = tok[i:].lower()
    # the whole name elsewhere shows where it ends; it makes a known name only before a head noun
    # ("Korean Look|sejalan" on a link-stripped page is no possessive link)
    shown = not alone and name_start < start and (_derived_from_root(low, res) or res.head_noun(
        low, HEAD_RATE)) and _name_elsewhere(text, name_start, start + i, memo)
    return Glued(
        text, tok, start, m.end(), tok[:i], tok[i:], name_start, clear, head_word,
        head_word in res.org_heads,
        bool(head_word) and _heads_names(head_word, res),
        bool(head_word) and head_word.lower() not in res.lexicon and not res.known(head_word),
        alone or shown, alone or shown or res.strict_name(tok[:i]))


# legal forms that close a firm's name (``PT ... Tbk``, ``... Ltd``): the name's end is certain
LEGAL_ENDS = frozenset("Tbk Ltd Inc Corp Bhd LLC Plc Ltda GmbH".split())


def _guarded(g: Glued, res: Resources) -> bool:
    """Shapes that are names or words, not glue: no site at all."""
    left, right, text = g.left, g.right, g.text
    listed = res.strict_name(left)
    if len(left) < 4 and not (g.alone or left.isupper() or left in LEGAL_ENDS and g.org or CODE_RIGHT_BEFORE.search(text, max(0, g.start - 12), g.start) or (
            listed and len(right) >= 6 and WORD_BEFORE.search(text, max(0, g.start - 40), g.start)) or (
            len(right) >= 5 and res.zipf_en.get(left.lower(), 0.0) >= ENGLISH_WORD_ZIPF and _run_site(g, res))):
        return True  # Rio|dingin, Sem|bilang; but "Fadli Zon|pengikut", and a run ending in a short
        # English word ("memprotes Lintas Awan Air|layanan")
    if _sentence_start(text, g.start) and (left.lower() in res.lexicon or not g.head_word) and not g.known:
        return True  # "Fluktuasiharga emas": a word capitalised by the sentence start; a one-word
        # unknown "name" there is a solid compound as often ("Pramu|niaga", "Purna|jual")
    if not (left in LEGAL_ENDS and g.org) and (len(right) <= 4 and not (g.known or g.org) or len(right) <= 3 and not (g.alone or g.org and (g.known or _phrase_after(g, res)))
            or len(right) == 4 and res.head_rate.get(right.lower(), 0.0) < SHORT_HEAD_RATE) and not (
            len(right) == 4 and (_strong(g, res) or _run_site(g, res)) or _short_noun_site(g, res) and _run_site(g, res)
            or _paired(g, res)):
        return True  # a short head only on a known name (Primera: Prim|era), a rarer one only
        # with strong evidence (Prasetyo|gaya); a 3-letter one under an organisation word only on
        # a known name or before the rest of its phrase ("Universitas Tadulako|tim peneliti"; but
        # "diikuti Universitas Halm|era dan" was moved on clean text); a frequent one where a run
        # ends on a long unknown word (``Bendungan Kalisogara|air``, ``_short_noun_site``); a legal
        # form ends a firm's name for certain, whatever follows (``PT Sarana Jaya Tbk|laba``); a
        # short head opening a compound with the next word, after a multi-word name (``Curug
        # Sanghyang Lawe|air terjun``, ``Port Halvorsen|kota pelabuhan``: ``_opens_pair``)
    if (_common(left, res) or _word_glue(g.tok, res)) and not (
            g.known or g.org or g.coined or _name_word(g, res) or _strong(g, res) or _run_site(g, res)):
        return True  # Bukalapak, Sukabumi, Gempaber|kekuatan; but "Bank Mandiri|direktur"
    if _compound_subject(g, res):
        return True
    if g.name_start < g.start and left in g.text[g.name_start : g.start].split():
        return True  # "Toko Kainindah dan Kainindah|batik": the walk crossed "dan" into a second
        # name of one family; a translator's glue never repeats the name's own word
    if _branch_place(g, res):
        return True
    if not g.head_word and _bare_head(left, res):
        return True
    if left in PLACE_HEADS and (not g.head_word or ACRONYM_OPENER.fullmatch(g.head_word) and g.name_start + len(
            g.head_word) + 1 == g.start):
        return True  # Tanjung|pandan, Sungai|liat, Kota|baru: a place head written solid with its
        # name (not the last word of a longer name: "Kementerian Desa|program"), even when the
        # document has it before other names ("Tanjung Rawa"): a place head is never the name
    return right.lower() in res.name_tails and not g.alone  # Banyuwangi, Adiputra, Tulungagung


BARE_HEAD_LOWER = 100  # news-layer lower-case uses of a head noun that is a common word (pasar, toko)


def _bare_head(word: str, res: Resources) -> bool:
    """``melalui PasarPelosok``, ``TokoKita``: an organisation head that is a common noun is no
    name by itself (it needs a name after it: ``Pasar Minggu``), so a one-word "name" made of it
    and a glued word is a brand written solid, not a link with its head glued (the rules' and the
    scorer's sites alike)."""
    return word in res.org_heads and res.lower_count.get(word.lower(), 0) >= BARE_HEAD_LOWER


# words after which an organisation names its branch by a place (``BPD X Cabang Lubukdalang``)
BRANCH_WORDS = frozenset("Cabang Unit Perwakilan Wilayah Kantor".split())


def _branch_place(g: Glued, res: Resources) -> bool:
    """``Cabang Lubuk|dalang``: after a branch word comes a place, and a place whose first part is
    a word of its own (``lubuk``, ``batu``, ``air``) is written solid as often as not; a coined
    first part (``Cabang Tanjungmerapi|kepala``) is still a name with its head glued."""
    before = g.text[max(g.name_start, g.start - 11) : g.start].rsplit(" ", 2)
    return (len(before) >= 2 and before[-1] == "" and before[-2] in BRANCH_WORDS
            and res.lexicon.get(g.left.lower(), 0.0) >= COMPOUND_LEFT_ZIPF)


AGENT_NOUN = re.compile(r"(?:pe|pem|pen|peng|peny|per)[a-z]{3,}(?<!an)")  # pemilik, penari: a person's role
CAP_RUN_BEFORE = re.compile(r"(?<![\w\-])(?:[A-Z][a-z]+ )+$")
COMPOUND_LEFT_ZIPF = 3.0  # wordfreq ``id`` Zipf of a name's last word that is a word of its own
KIND_BEFORE = re.compile(r"(?<![\w\-])([A-Z][a-z]+) ([a-z]{3,}) $")  # "Toko roti ", "Warung makan "


def _compound_subject(g: Glued, res: Resources) -> bool:
    """``Bengkel Jaya|motor menerima``, ``Koperasi Tunas|harapan membagikan``: a name
    opening the sentence whose last token is two Indonesian words written solid, the document
    showing neither alone. Shops and cooperatives are named that way (``Sinarjaya``,
    ``Tunasharapan``) as often as a translator glues a head there, and the edit would move the
    "head" to the front of the sentence. Not when the glued word is a person's role or title
    (``Bank Mandiri|direktur mengatakan``: writers put those before a name, ``ROLE_RATE``; an
    agent noun ``Toko Emas Sinar Abadi|pemilik melapor``)."""
    low = g.left.lower()
    right = g.right.lower()
    if not g.right[0].islower() or is_verb(right, res):
        return False  # ("Wakil Ketua|Komisi", "Marcella Santoso|mengaku": a scraper's join)
    run = CAP_RUN_BEFORE.search(g.text, max(0, g.name_start - 60), g.name_start)
    first, opener = g.name_start, g.head_word
    kind = KIND_BEFORE.search(g.text, max(0, g.name_start - 40), g.name_start)
    if kind and not run and kind.group(1) in res.org_heads and not is_verb(kind.group(2), res):
        # "Toko roti French Corner Sangkar|alam tutup": a head and its kind noun, then the name
        first, opener = kind.start(), kind.group(1)
    if run:  # "Hotel Grand Puri|wisata": a run a name's opener opens ("Kenaikan Wijaya Karya
        # Beton|harga": a noun heading the sentence); any noun before an adjective ("Aplikasi
        # Kasir|pintar": a glued head is a noun, never an adjective)
        word = run.group().split(" ", 1)[0]
        if word in res.org_heads or word.lower() in res.name_heads or (
                right in res.pos_adjs and _noun_opener(word, res)):
            first, opener = run.start(), word
    if not (opener in res.org_heads or _noun_opener(opener, res)):
        return False  # the name is a shop's or an organisation's ("Insya Allah|bulan" is none)
    return not g.alone and _sentence_start(g.text, first) and (
        res.lexicon.get(low, 0.0) >= COMPOUND_LEFT_ZIPF and not res.englishish(low)) and not (
        right in res.titles_lower or (res.head_noun(right, ROLE_RATE) and right not in res.pos_adjs)
        or _opens_title(g, res) or AGENT_NOUN.fullmatch(right))
    # (an adjective heads many names, ``Terang Bulan``, but is no role: ``Toko Sinar|terang``)


def _phrase_after(g: Glued, res: Resources) -> bool:
    """A lower-case content word right after the token: a short glued head goes on with its
    phrase (``tim peneliti``), a name's last syllables do not (``Halmera dan``, ``Halmera,``)."""
    m = NEXT_WORD.match(g.text, g.end)
    return m is not None and m.group(1) not in res.stop


def _rare_noun_site(g: Glued, res: Resources) -> bool:
    """A rarer noun (``_rare_noun``) is glue only on an organisation's or facility's name
    (``Museum Maritim Tanjung Welang|kurator``; not ``Kebon|jeruk``, ``Pramu|niaga``) whose last
    word is no word of its own (``Satria|marga``) nor English (``Institut Neuro|sains``)."""
    if len(g.right) == 3:
        return False  # (a three-letter noun only where a run ends, ``_short_noun_site``)
    english = _english_word(g.left, res)  # "Wirabahari Lines|nakhoda": a company's English last word
    opened = g.org or (g.opened and g.head_word not in PLACE_HEADS) or (g.coined and english) or _acronym_opener(g)
    left = g.left.lower()
    # (CamelCase marks the boundary itself: a common word may end the name, "Toko Bangunan Jaya
    # Baru|Kasir", when the name has 3+ words and follows running text)
    camel_end = g.right[0].isupper() and g.clear and g.text.count(" ", g.name_start, g.start) >= 2 and (
        _word_before(g.text, g.name_start, res) and not _sentence_start(g.text, g.name_start))
    return opened and (res.lexicon.get(left, 0.0) < NOUN_ZIPF or camel_end or english) and (
        english or not res.englishish(left))


ENGLISH_WORD_ZIPF = 3.5  # wordfreq ``en`` Zipf of a name's English last word (``Lines``, ``Seeds``, ``Air``)


def _english_word(word: str, res: Resources) -> bool:
    """A whole English word (or its plural) more English than Indonesian, 3+ letters, not upper
    case: names of companies, clubs and services end in them (``Wirabahari Lines``, ``Agrisemi
    Seeds``, ``Lintas Awan Air``, ``Starlume Seven``), and a word glued after one is no syllable of
    it. Not a fragment English lists have (``Institut Neuro|sains``: ``neuro`` is no word)."""
    low = word.lower()
    if len(low) < 3 or word.isupper():
        return False
    en = res.zipf_en.get(low, 0.0) or (res.zipf_en.get(low[:-1], 0.0) if low.endswith("s") else 0.0)
    return en >= ENGLISH_WORD_ZIPF and en >= res.lexicon.get(low, 0.0)


PLACE_HEADS_LOWER = frozenset(w.lower() for w in PLACE_HEADS)
STREET_HEADS = frozenset("Jalan Gang Pasar Taman Gerbang".split())
PLACE_NOUN_ZIPF = 3.8  # wordfreq ``id`` Zipf of a noun glued to a place name no list knows


def _place_noun_site(g: Glued, res: Resources) -> bool:
    """``Sungai Kalimbu|muara``, ``Pantai Lakuwari|bibir``: a frequent noun (annotated news or its
    corpus contexts say noun, ``_rare_noun``) glued to a name under a place head, where the name's
    own word is no word at all (wordfreq has never seen it, no corpus name starts with it, 5+
    letters) and no name ends in the noun. A place written solid starts with a word or a word
    names start with (``Kebon|jeruk``, ``Bojong|gede``, ``Purwo|sari``, ``Karang|asem``), so a
    wholly unknown first part and a whole frequent noun after it is a name and a glued word."""
    if not (g.head_word in PLACE_HEADS and g.clear and g.start > g.name_start):
        return False
    low = g.right.lower()
    if not _unknown_part(g.left, res):
        return False
    if g.text.count(" ", g.name_start, g.start) > 2 or NAME_AFTER.match(g.text, g.end):
        return False  # (a longer name, or a capitalised word after it: the token is inside one)
    if low in PLACE_HEADS_LOWER or g.right in res.org_heads or g.right.capitalize() in res.org_heads:
        return False  # "Pasar Prawiro|taman": a place head ends solid place names
    return (_rare_noun(low, res) and res.lexicon.get(low, 0.0) >= PLACE_NOUN_ZIPF
            and res.names_ending(low) == 0 and low not in res.name_tails and not res.englishish(low))


def _name_word(g: Glued, res: Resources) -> bool:
    """A common word ending a multi-word name mid-sentence (``mengutip Adhi Karya|laporan``,
    ``Kapal Cepat Lautan Biru|jadwal``): writers capitalise a common word inside running text only
    in a name, so the left part is the name's last word, and the glued part a head noun
    (``laporan``, ``jadwal``) with lower-case text after it. Not under place heads (``Desa
    Gajah|mati``, ``Kebon|jeruk`` are one word) and not after a locative (``di Tanjung|pandan``)."""
    if not (g.head_word and g.clear) or g.head_word in PLACE_HEADS or g.left.lower() in res.not_heads:
        return False
    low = g.right.lower()
    if not (DERIVED.fullmatch(low) or res.head_noun(low, HEAD_RATE)):
        return False
    text, s = g.text, g.name_start
    return (not _sentence_start(text, s) and _word_before(text, s, res)
            and not LOCATIVE_BEFORE.search(text, max(0, s - 12), s)
            and not (NAME_AFTER.match(text, g.end) or NAME_END.match(text, g.end)))


# goods a store or brand family names its branches by, written solid after the family's name
# (``Toko Kain Wiraduta`` .. ``Toko Kain Wiradutabatik``); hand-picked trade goods
GOODS_TAILS = frozenset(
    "batik kopi roti sutera sutra songket tenun beras pangan teh susu kue jamu madu kain sarung rotan "
    "bambu mebel keramik gerabah".split())


def _solid_title(g: Glued, res: Resources) -> bool:
    """``menunggu album Hujan|bulan``, ``grup Lampu|minyak``: a one-word name made of two common
    words right after a lower-case noun that heads names is that noun's title (albums, novels,
    motifs, groups are named solid from two words); a translated possessive glues its head to a
    name, and a common word there is one only when a list or this document knows it as a name."""
    if g.head_word or g.known or not (_common(g.left, res) or res.lexicon.get(g.left.lower(), 0.0) >= COMPOUND_LEFT_ZIPF
                                      and not (res.name_like(g.left) or res.corpus_name(g.left))):
        return False
    m = WORD_BEFORE_ANY.search(g.text, max(0, g.start - 30), g.start)
    if m is None or not m.group(1)[0].islower():
        return False
    word = m.group(1)
    return res.head_noun(word, STRONG_HEAD_MIN) and not is_verb(word, res)


def _family_branch(g: Glued, memo: DocMemo | None) -> bool:
    """``Toko Kain Wiraduta ... Toko Kain Wiraduta|batik``: a trade good glued to a name whose last
    word the document also writes free is a branch of one store or brand family as often as a
    translated possessive (``batik Toko Kain Wiraduta``): flag at most."""
    if g.right.lower() not in GOODS_TAILS:
        return False
    if memo is not None:
        return memo.standalone(g.left) >= 1
    return re.search(r"(?<![\w\-])" + re.escape(g.left) + r"(?![\w\-])", g.text) is not None


def name_site(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None = None) -> Site | None:
    """A scored site for one capitalised token, or ``None`` (``memo``: this document's counts)."""
    tok = m.group()
    if tok in res.corpus_names or tok.lower() in res.world_words:
        return None  # writers use the whole token as a name (Herlambang, Prakerja, Fujifilm)
    if tok in res.brands or tok.lower() in res.brands_lower:
        return None
    d = demonym_site(text, m, res, memo)
    if d is not None:
        return d  # (before ``known``: English demonyms are English words, ``Crimean``)
    if res.known(tok) or repeated(text, tok, None if memo is None else memo.repeated):
        return None  # a repeated token ("CAT Watuputih" five times) is a lexicalised name
    q = _quantifier_site(text, m, res)
    if q is not None:
        return q
    i = _split(tok, res)
    if not i:
        return None
    if _cuts_word(tok, i, res):
        # "Halvaro K40 Pluskomp|resor": the glued word is the end of a longer word
        return _long_tail_site(text, m, i, res, memo)
    if _plain_only(tok[i:], res):
        i = _tagged_split(tok, i, res)
    if not i or _crossed(tok, i, res):
        return None
    shifted = _shorter_word(tok, i, res)
    g = _glued(text, m, i, res, memo)
    if text[g.start - 1 : g.start] == "-" and not (_second_part_head(g, res) or _strong(g, res)):
        return None
    titled = _titled_person(g, res)
    run = titled or _run_site(g, res)
    if _guarded(g, res) or (not _right_ok_common(g.right, res) and not _rare_noun_site(g, res)
                            and not _place_noun_site(g, res) and not run
                            and not _paired(g, res)):
        return None
    if not run and res.englishish(g.right.lower()):
        return None  # (a loan noun is a glued head only where a capitalised run ends)
    if g.left.isupper() and g.right[0].isupper() and not in_running_text(text, g.name_start, g.end, res):
        return None  # "Piala AFFBabak", "NEWSPenyidik": a headline or label joined by a scraper
    named = res.name_like(g.left) or res.corpus_name(g.left) or (
        res.lower_count.get(g.left.lower(), 0) < 100 and g.left.lower() in res.lexicon
        and not res.englishish(g.left))
    camel = g.right[0].isupper()
    conf = 0.6 + 0.15 * (g.alone + named + bool(g.head_word)) - (0.05 if camel else 0.0)
    site = Site(g.name_start, g.end, text[g.name_start : g.start + i], "camel" if camel else "glue",
                g.start + i, g.right, round(min(conf, 0.95), 3))
    site.needs_evidence = 0 if titled else _needs(g, res)
    if g.head_word in STREET_HEADS and not g.alone and g.right.lower() in PLACE_HEADS_LOWER:
        # "Pasar Prawiro|taman": under a street or market head a place head ends solid
        # neighbourhood names as often as it is glued (not under "Kabupaten Mamasa|jalan utama")
        site.needs_evidence = max(site.needs_evidence, 1)
    site.subject = camel and site.needs_evidence == 0 and _sentence_start(text, g.name_start) and _subject_title(g, res)
    if camel and not site.subject:
        site.needs_evidence = max(site.needs_evidence, _camel_needs(text, g.name_start, g.end, res))
    site.name = True
    site.no_move = not g.clear
    low = g.right.lower()
    if shifted or (_flag_only(g, res) and not run) or _solid_title(g, res) or _family_branch(g, memo) or (camel and not (DERIVED.fullmatch(low) or res.head_noun(low, HEAD_RATE))
                                            and not _verb_before(text, g.name_start, res) and not run):
        # (CamelCase on a word that heads no phrase, not the object of a verb: "Toko daring
        # SerbaMurah" is a brand made of two words, whatever other glue the page shows)
        site.cap = site.confidence = min(site.confidence, 0.7)
    if site.needs_evidence == 0:
        site.confidence = max(site.confidence, 0.8)
    return site




# English demonym remnants after a place name no list knows, in the order tried: ``-nese`` after a
# vowel (Manado|nese), ``-n`` after ``a`` (Andalusia|n, before ``-ian``: Bavaria|n), ``-ese`` after a
# consonant (Sichuan|ese), ``-an`` (Ohio|an), ``-ian`` (Brazil|ian), ``-i`` after a consonant
# (Rajasthan|i). The kernel keeps such a token when a table knows a base (``fastscan.demonym_live_py``).
VOWELS = frozenset("aeiou")
TIME_NOUNS = frozenset("pekan tahun bulan hari jam menit detik abad dekade musim waktu kali".split())
LOWER_NEXT = re.compile(r" ([a-z]{3,})(?![\w\-])")
LOWER_RIGHT_BEFORE = re.compile(r"(?<![\w\-])([a-z]{2,}) $")
LOWER_WORD = re.compile(r"[a-z]{2,29}")


def _demonym_bases(tok: str) -> list[tuple[str, bool]]:
    """(base, may a word list vouch for it) for each demonym reading of ``tok``, base of 4+
    letters. English words name bases only for ``-n``/``-ese``/``-i`` (``Crimea|n``,
    ``Kurdistan|i``): ``Guard|ian`` is a word, not a place."""
    out = []
    low = tok.lower()
    if low.endswith("nese") and low[-5] in VOWELS:
        out.append((tok[:-4], True))
    if low.endswith("n") and low[-2] == "a":
        out.append((tok[:-1], True))
    if low.endswith("ese") and low[-4] not in VOWELS:
        out.append((tok[:-3], True))
    if low.endswith("an") and low[-3] != "i":
        out.append((tok[:-2], False))
    if low.endswith("ian"):
        out.append((tok[:-3], False))
    if low.endswith("i") and low[-2] not in VOWELS:
        out.append((tok[:-1], True))
    return [(b, w) for b, w in out if len(b) >= 4]


def _place_base(base: str, english_ok: bool, res: Resources) -> bool:
    """Evidence that ``base`` is a place name: the corpus layer writes it as a name, wordfreq knows
    it and the news layer (almost) never writes it in lower case, or (``english_ok``) it is an
    English word no Indonesian lexicon has (``Crimea``, ``Sichuan``, ``Kurdistan``; ``other`` also
    holds regions English writes with an ``-n`` demonym, ``Dalmatia``: ``demonym_bases.txt``)."""
    low = base.lower()
    return res.corpus_name(base) or (low in res.lexicon and res.lower_count.get(low, 0) < 3 and not (
        res.englishish(low))) or (english_ok and low in res.other)


def _repaired_word_before(text: str, start: int, memo: DocMemo | None) -> str | None:
    """The lower-case word right before ``start``, as the repaired text will read: a word glued
    to the token before (``Rusia|yang Jakartan``), which this pass splits off, counts as the word
    (otherwise the second pass would see ``Rusia yang Jakartan`` and decide anew: not idempotent)."""
    before = LOWER_RIGHT_BEFORE.search(text, max(0, start - 30), start)
    if before is not None:
        return before.group(1)
    rest = None if memo is None or text[start - 1 : start] != " " else memo.glued.get(start - 1)
    if rest is None or not LOWER_WORD.fullmatch(text, rest, start - 1):
        return None
    return text[rest : start - 1]


# verbs whose first object is the recipient (a person) and the second the thing given or made
DOUBLE_OBJECT = frozenset("memberi mengirimi menawari menghadiahi mengajari membelikan membuatkan membawakan"
                          " membacakan memasakkan menjahitkan".split())


def demonym_site(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None = None) -> Site | None:
    """``mempelajari Andalusian tari``: a region's English demonym (the page translator's link
    leaves ``-n``, ``-ese``, ``-i`` after the name) before the lower-case noun it modifies, the
    region one no list knows. The order is the evidence: in Indonesian the demonym follows the
    noun (``kuda Andalusian jantan``, ``syal Kashmiri buatan``), so the word before must be running
    text that is no noun (a verb or preposition), and the word after a noun of the language."""
    tok, start, end = m.group(), m.start(), m.end()
    nxt = LOWER_NEXT.match(text, end)
    if nxt is None:
        return None
    bases = [b for b, en in _demonym_bases(tok) if _place_base(b, en, res)]
    if not bases:
        return None
    base = max(bases, key=len)  # the shortest remnant: Ambon|ese, not Ambo|nese
    noun = nxt.group(1)
    if not ((noun in res.pos_nouns or noun in res.context_nouns) and not res.englishish(noun)
            and noun not in res.stop and noun not in res.days and noun not in TIME_NOUNS and not is_verb(noun, res)):
        return None  # ("bertemu Julian pekan lalu": a time phrase follows a person's name)
    prev = _repaired_word_before(text, start, memo)
    if prev is None:
        return None
    if prev in res.pos_nouns or prev in res.context_nouns or res.englishish(prev) or prev in DOUBLE_OBJECT:
        return None  # "kuda Andalusian jantan": the demonym modifies the noun before it;
        # "memberi Valerian hadiah": a double-object verb's recipient, a person, comes first
    site = Site(start, end, base, "suffix", end + 1, noun, 0.85, cap=0.9)
    site.name = True
    if _ian_unclear(tok, base, res):
        site.cap = site.confidence = 0.7
    return site


def _ian_unclear(tok: str, base: str, res: Resources) -> bool:
    """``Karelian``: ``Karel|ian`` (a person's name the lists know) or ``Karelia|n`` (a region
    they do not)? A ``-ian`` reading is sure only on a place the gazetteer knows (``Iran|ian``,
    ``Kanada|ian``); else a wrong base would tear the name: flag, never move."""
    return tok.lower().endswith("ian") and len(base) == len(tok) - 3 and base not in res.gazetteer


# counting words a translated link glues to the name before the head noun ("X's three ships" ->
# "Xtiga kapal", "X's supporters" -> "Xpara pendukung")
QUANTIFIERS = tuple(sorted("para seorang sebuah beberapa sejumlah dua tiga empat lima enam tujuh delapan"
                           " sembilan sepuluh puluhan ratusan ribuan".split(), key=len, reverse=True))
QUANTIFIER_TAILS = frozenset(q[-3:] for q in QUANTIFIERS)
QUANTIFIER_SET = frozenset(QUANTIFIERS)
NEXT_WORD = re.compile(r" ([a-z]{3,})\b")


def _quantifier_site(text: str, m: re.Match[str], res: Resources) -> Site | None:
    """``Haruto Kameyamapara pendukung``, ``Samudra Jaya Abaditiga kapal``: a quantifier glued to
    a name, then a lower-case noun (annotated news tags it a noun, or it heads names): the
    quantifier opens the moved noun phrase. The name is whole (5+ letters, no word, few corpus
    names end in the quantifier) and sits in running text."""
    tok, start = m.group(), m.start()
    if tok[-3:].lower() not in QUANTIFIER_TAILS:
        return None  # (most tokens: one set lookup)
    for q in QUANTIFIERS:
        if tok.lower().endswith(q) and len(tok) - len(q) >= 5:
            break
    else:
        return None
    i = len(tok) - len(q)
    left, right = tok[:i], tok[i:]
    nxt = NEXT_WORD.match(text, m.end())
    if not (LEFT.match(left) and (right.islower() or right[1:].islower())) or nxt is None:
        return None
    noun = nxt.group(1)
    if not (noun in res.pos_nouns or res.head_noun(noun, HEAD_RATE)) or is_verb(noun, res):
        return None
    if res.names_ending(q) >= 3 or _sentence_start(text, start):
        return None
    name_start, clear = extend_name(text, start, res)
    if not clear or (_common(left, res) and (name_start == start or right[0].isupper())) or not in_running_text(
            text, name_start, m.end(), res):
        return None  # (a common word is a name's last word only after its other words, and never
        # with CamelCase: "Jaya Abaditiga kapal", but "Politik DaerahBeberapa hari" is a heading join)
    site = Site(name_start, m.end(), text[name_start : start + i], "camel" if right[0].isupper() else "glue",
                start + i, right, 0.8)
    site.name = True
    return site


SPEECH_AFTER = re.compile(r" [a-z]")
PUNCT_AFTER = re.compile(r"[,.;:!?]")
PAREN_WORDS = re.compile(r" \([a-z]{3}")


def _name_ends(g: Glued, res: Resources) -> bool:
    """Does the name end the phrase right after the token (``Reza Hadiwarga,``, ``Danis
    Sumadilaga mengatakan``)? Then the glued part may be the name's own last syllables.

    Not when the token ends a clause (comma or full stop, no speech verb) and its glued part is
    what a possessive link leaves and no name ends in: a derived noun of 7+ letters on a known,
    coined or organisation-headed name (``memamerkan Sofia Marquez|lukisan,``), or a strong head noun on an
    organisation (``dengan Klub Renang Tirta Malawu|pelatih,``), with running text before the name.
    """
    text, end = g.text, g.end
    if not NAME_END.match(text, end):
        return False
    if SPEECH_AFTER.match(text, end) or not (PUNCT_AFTER.match(text, end) or PAREN_WORDS.match(text, end)):
        return True  # a speech verb, a dash, a bracket with a number (Syamsinar (24)): the name
        # ends there; a bracketed remark in words (gudang (bekas markas)) is like a comma
    low = g.right.lower()
    derived = len(low) >= 7 and DERIVED.fullmatch(low) is not None and low not in res.name_tails
    ok = (derived and (g.known or g.org or g.coined)) or (g.org and res.head_noun(low, STRONG_HEAD_RATE))
    return not (ok and g.clear and _word_before(g.text, g.name_start, res)
                and not LOCATIVE_BEFORE.search(text, max(0, g.name_start - 12), g.name_start))


def _flag_only(g: Glued, res: Resources) -> bool:
    """Shapes where other glue in the document is no evidence either: flag at most.

    ``dari Rantauprapat``: an unknown place name after a locative preposition; ``Reza
    Hadiwarga, ...``, ``Pemain Hendra Wijayalaga mencetak``: a person's name, introduced or
    ending the phrase; ``Lokawisata Baturraden``: inside a longer name; ``nama sebenarnya Nur
    Amirah Filzah Badioe|zaman``: a name being introduced is whole. (An organisation's name
    after a noun that precedes names, ``Sidang Ikatan Apoteker ...``, is no person introduced.)
    """
    text, s = g.text, g.name_start
    # (not when the glued word opens a compound with the next word: ``ke Port Halvorsen|kota
    # pelabuhan``, a place name does not end in the first half of one, ``_opens_pair``)
    place = not (g.known or g.headed) and LOCATIVE_BEFORE.search(text, max(0, s - 12), s) and not _paired(g, res)
    # "Itpro|portal", "Lucas|film": an unknown name and a glued part English writes too: an
    # English compound brand as likely as glue
    english = not (g.known or g.headed) and res.zipf_en.get(g.right.lower(), 0.0) >= ENGLISH_ZIPF and not (
        g.head_word and _shared_noun(g.right, res))
    return bool(place or english or _name_ends(g, res) or NAME_AFTER.match(text, g.end)
                or _role_before(text, s, res) and not g.org or NAMED_BEFORE.search(text, max(0, s - 30), s))



SHARED_LOWER = 300  # news-layer lower-case uses of a noun both languages write (film 1056, data 3088)


def _shared_noun(word: str, res: Resources) -> bool:
    """A noun Indonesian writes as much as English (``film``, ``data``, ``video``: Zipf ``id`` at
    least ``en``'s, hundreds of lower-case uses): after a multi-word name it is the translator's
    glued head as often as any Indonesian noun, not a sign of an English compound brand."""
    low = word.lower()
    return res.lower_count.get(low, 0) >= SHARED_LOWER and res.lexicon.get(low, 0.0) >= res.zipf_en.get(low, 0.0)


def _strong(g: Glued, res: Resources) -> bool:
    """Evidence at the site itself strong enough to repair it with no other translator glue here.

    Every part must look like link glue and nothing like a compound name (``Bayu Pra|dana``,
    ``Indo|mobil``, ``Desa Gajah|mati``, ``Proyek ... Kedung|larangan`` on clean news):
    * the glued word is a common lower-case Indonesian word (news layer >= 100 lower-case uses,
      wordfreq ``id`` Zipf >= 3.8), a noun that heads names (or a derived noun), not a verb, and
      few names end in it (``dana``, ``mati``, ``rawan`` end many: a name tail);
    * the left part is a whole name: 4+ letters (5+ for a one-word name), not an acronym, and
      few corpus names start with it (``Pra``, ``Indo``, ``Kedung`` start many);
    * the name sits in running text: a common word in lower case before it (not a locative
      preposition, not a role noun: ``Pemain Hendra Wijayalaga``), a clear left boundary, and
      lower-case text right after the token;
    * CamelCase glue, which scrapers make too (list items, headlines), only on a left part that
      is no common word or after a verb taking it as its object (``menyegel Bumi Aksara
      PanganGudang`` yes, ``dengan KTP ElektronikRumah tangga`` no).
    """
    low, left, text, s = g.right.lower(), g.left, g.text, g.name_start
    if not g.clear or left.isupper() or len(left) < (4 if g.head_word else 5):
        return False
    if g.right[0].isupper() and _common(left, res) and not _verb_before(text, s, res):
        return False  # "dengan KTP ElektronikRumah tangga": list items a scraper joined
    short = len(low) <= 4
    if res.lower_count.get(low, 0) < (300 if short else 100) or res.lexicon.get(low, 0.0) < (
            STRONG_ZIPF + (0.5 if short else 0.0)) or (short and len(left) < 6):
        return False
    if (low in res.name_tails or low in res.not_heads or low in NUMBER_WORDS or is_verb(low, res)
            or res.englishish(low)):
        return False  # (Berita|satu: a numeral ends outlet names, it heads no phrase)
    if not (res.head_noun(low, STRONG_HEAD_MIN) or DERIVED.fullmatch(low)):
        return False
    if res.names_ending(low) >= 3 or res.names_starting(left) >= 3:
        return False
    return in_running_text(text, s, g.end, res, initial_ok=bool(g.head_word) and g.right[0].islower()
                           ) and not _role_before(text, s, res)


def _verb_before(text: str, start: int, res: Resources) -> bool:
    """A lower-case verb right before the name (``menyegel``, ``dipimpin``): the name opens its
    object or agent, so the capitalised word glued to it is no list item or headline."""
    m = WORD_BEFORE_ANY.search(text, max(0, start - 30), start)
    return m is not None and m.group(1)[0].islower() and is_verb(m.group(1), res)


def _needs(g: Glued, res: Resources) -> int:
    """How many other translator glues the document must show before this site is repaired.

    "Bayu Pradana", "Danau Kelimutu": names end in word-like syllables. The glued word of a
    translated possessive link is the *head* of the phrase the name modified (``direktur``,
    ``layanan``, ``pelatih``: words writers put before names, ``head_nouns.tsv``) or a derived
    noun; syllables names end in (``ambang``, ``rawan``, ``putih``) rarely are. A head glued to a
    known name (corpus, gazetteer, this document) or to a name headed by an organisation word
    (``Universitas Tadulako``) needs nothing else; an unknown name one other glue. Never without
    evidence: a name at a sentence start (``Fluktuasiharga``: a capitalised common word) or with
    a capitalised word right after it (``Makoarmada I``, ``Lokawisata Baturraden``: the token is
    inside a longer name). (A multi-word name alone is no evidence: "Proyek Pengendalian Banjir
    Kedung|larangan" is one name.)
    """
    if _strong(g, res) or _run_site(g, res):
        return 0
    text, start, end, low = g.text, g.name_start, g.end, g.right.lower()
    paired = _paired(g, res)
    derived = DERIVED.fullmatch(low) is not None or _opens_title(g, res) or paired
    # (a rarer noun glued to an organisation's name heads its phrase as well: "Museum ...|kurator")
    place_noun = _place_noun_site(g, res)
    head = res.head_noun(low, HEAD_RATE) or derived or place_noun or (
        _rare_noun(low, res) and _rare_noun_site(g, res))
    if not head:
        return 1 if g.known else 2
    # "Reza Aliwarga, ...", "Syamsinar (24)", "Danis Sumadilaga mengatakan": a person's or
    # place's name ends the phrase; translated glue goes on with the rest of the sentence
    initial = _sentence_start(text, start)
    subject = initial and _subject_title(g, res)
    shape_ok = not (NAME_AFTER.match(text, end) or _name_ends(g, res)
                    or (g.left.isupper() and not derived and not _regnal(g))  # BRI|syariah, PNS|daerah
                    or (initial and not subject))
    strong = derived or res.head_noun(low, STRONG_HEAD_RATE)
    # an unknown name needs a strong head and running lower-case text before it (Subulus|salam
    # under "Kota" is a city; "mengeluhkan Biznet|layanan" is glue)
    # (a name opened by a common noun the corpus capitalises before names, "Hotel", "Bumi", is
    # taken like an organisation's only when its last word is no common word: "Bumi Karya|laporan")
    opened = g.headed or (g.opened and not _common(g.left, res))
    unknown_ok = (opened and (strong or place_noun or g.head_word not in PLACE_HEADS)) or (
        (g.coined or strong and len(g.left) >= 5 and g.left.lower() not in res.lexicon)
        and (_word_before(text, start, res) or subject)
        and not LOCATIVE_BEFORE.search(text, max(0, start - 12), start))
    return 0 if shape_ok and (g.known or unknown_ok or paired) else 1


REGNAL = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")


def _regnal(g: Glued) -> bool:
    """A regnal number ending a multi-word name (``Sultan Hamengkara VII|kereta``): a name part,
    not an acronym's (``BRI|syariah``): a name goes on after an acronym as often as it ends."""
    return bool(g.head_word) and len(g.left) >= 2 and REGNAL.fullmatch(g.left) is not None


def _subject_title(g: Glued, res: Resources) -> bool:
    """``Yamashiro Seikidirektur utama datang``: a sentence-initial name with a lower-case title
    or role noun glued (a scraper's join starts the next paragraph with a capital, so lower-case
    glue there is the translator's) and a verb right after the noun phrase: the phrase is the
    sentence's subject, ``Direktur utama Yamashiro Seiki datang``."""
    if g.left.isupper() or not g.head_word or _word_glue(g.left, res):
        return False  # a multi-word name only ("Keberadaanhoaks|erupsi" is a scraper's join)
    if not g.right[0].islower() and not _camel_subject(g, res):
        return False
    low = g.right.lower()
    if not (_opens_title(g, res) or res.head_noun(low, ROLE_RATE) or _role_noun(low, res)) or is_verb(low, res):
        return False  # (a role noun at 0.1, annotated a noun: "Toko Emas Sinar Abadi|Pemilik")
    np_end, n, _clear = noun_phrase(g.text, g.start + len(g.left), res, 3)
    nxt = WORD_AT.match(g.text, np_end + 1) if g.text[np_end : np_end + 1] == " " else None
    return n > 0 and nxt is not None and nxt.group().islower() and is_verb(nxt.group(), res)


def _camel_subject(g: Glued, res: Resources) -> bool:
    """``Yayasan Pelita Kasih BangsaJuru bicara menolak``: CamelCase on a sentence-initial name
    is the translator's when the name is an organisation's (opened by a word that heads names:
    ``Yayasan``, ``Serikat``, ``Toko``), three words or more, and the rest of the line reads as
    its clause. A scraper joins a headline or a byline to the next paragraph; a headline that is
    nothing but an organisation's full name is rare."""
    if not g.clear or g.head_word in res.title_firsts:
        return False
    if g.opened and g.head_word not in PLACE_HEADS and g.text.count(" ", g.name_start, g.start) >= 2:
        return True
    # ... or a name none of whose words is a common word (``Margaret Okonkwo|Pengacara``, ``Orvane
    # Biolabs|Wakil direktur``): a headline or byline made of nothing but such a name is rare,
    # and a paragraph opening with a bare role noun and a verb ("Pengacara membantah") rarer
    if LIST_NUMBER_BEFORE.search(g.text, max(0, g.name_start - 8), g.name_start):
        return False  # "2026.1. Cahya SupriadiPemain muda berusia": a numbered heading joined
    words = PROPER_WORD.findall(g.text, g.name_start, g.start + len(g.left))
    return len(words) >= 2 and not any(
        _common(w, res) or w.lower() in res.pos_nouns or w.lower() in res.context_nouns
        or w.lower() in res.not_heads for w in words)


LIST_NUMBER_BEFORE = re.compile(r"\d[.)] ?$")
PROPER_WORD = re.compile(r"(?<![\w\-])[A-Z][a-z]+(?![\w\-])")


NEXT_WORDS = re.compile(r"(?: [A-Za-z]+){1,2}")


def _opens_title(g: Glued, res: Resources) -> bool:
    """The glued word and the words after it make a title (``KPPD|juru bicara``, ``wakil
    menteri``): a title is a head noun by definition, whatever its first word's own rate."""
    m = NEXT_WORDS.match(g.text, g.end)
    if m is None:
        return False
    words = [g.right.lower(), *m.group().lower().split()]
    titles = res.titles_lower
    return any(" ".join(words[:k]) in titles for k in (2, 3))


NEXT_LOWER = re.compile(r" ([a-z]{3,})\b(?!-)")


def _opens_pair(g: Glued, res: Resources) -> bool:
    """The glued word and the word after it make a compound writers open with a head noun
    (``Wielgorzecki|perdana menteri``, ``Selasih|pasar induk``: ``head_pairs.tsv``, counted in the
    corpora): a name does not end in the first half of a lexicalised compound whose second half
    follows, so the token is a name glued to its head phrase, as strong as a title."""
    m = NEXT_LOWER.match(g.text, g.end)
    return m is not None and pair_head(g.right.lower(), m.group(1), res)


def _paired(g: Glued, res: Resources) -> bool:
    """:func:`_opens_pair` on a multi-word name (``Tomasz Wielgorzecki``, ``Port Halvorsen``) whose
    last word is no common word: a one-word "name" is as often the last word of a longer one the
    walk did not take (``Embun Pagi Production|kuasa hukum``), and a common last word (``Adhi
    Karya|laporan keuangan``) keeps needing other evidence, as ``_needs`` says. Not inside a title
    with lower-case words (``Cahaya di |Balik Kabut|musim kedua``: the walk saw only its end)."""
    return (bool(g.head_word) and not _common(g.left, res) and _opens_pair(g, res)
            and not _title_inside(g.text, g.name_start, res))


def _role_before(text: str, start: int, res: Resources) -> bool:
    """A role noun right before the name (``Pemain``, ``Ketua``, ``penyanyi``): the name is a
    person introduced in Indonesian order, so what follows it is not a glued head."""
    m = WORD_BEFORE_ANY.search(text, max(0, start - 30), start)
    return m is not None and res.head_noun(m.group(1), ROLE_RATE) and not is_verb(m.group(1).lower(), res)


def _word_before(text: str, start: int, res: Resources) -> bool:
    """Running text before the name: a common word (``mengeluhkan``, ``Menurut``) right before it."""
    m = WORD_BEFORE_ANY.search(text, max(0, start - 30), start)
    if m is None:
        return False
    w = m.group(1)
    return (w.lower() in res.lexicon and res.lower_count.get(w.lower(), 0) >= 3
            and not res.strict_name(w))


def _camel_needs(text: str, start: int, end: int, res: Resources) -> int:
    """CamelCase on a name: a scraper's join (a headline or a label before it, ``KukarPelatih:``)
    unless running lower-case text surrounds it."""
    if LABEL_AFTER.match(text, end) or _sentence_start(text, start):
        return 2  # "Mitra KukarPelatih:", "LRT JabodebekJadwal keberangkatan awal:" (a label)
    line_start = text.rfind("\n", 0, start) + 1
    if DATELINE_BEFORE.search(text, max(line_start, start - 40), start):
        return 2  # "Liputan6.com, JemberPendidikan ..." (a scraped dateline)
    if _after_headline(text, max(line_start, start - 80), start, res):
        return 2
    return 0


# two names whose comma was lost, inside a list: the next item is capitalised, or the second
# name (up to 2 more capitalised words) ends with ", dan"/", serta" (``Kecamatan TolanduKecamatan
# Moramo Utara, dan``: only parallel names under one head, see ``list_site``)
LIST_TOKEN = re.compile(r"([A-Z][a-z]{3,})([A-Z][a-z]{3,}|[A-Z]{2,4}(?= [A-Z]))"
                        r"(?=(?:, (?:dan |serta )?| dan | serta )[A-Z]|(?: [A-Z][a-z]{2,}){0,4}, (?:dan|serta) )")
# (second item: a word, or an acronym opening a longer name, ``KaryasukaKUD Margasuli, dan``)
LIST_SHAPE = re.compile(r"[A-Z][a-z]{3,}(?:[A-Z][a-z]{3,}|[A-Z]{2,4})")
ACRONYM_ITEM_AFTER = re.compile(r" [A-Z]")


def list_shaped(text: str, k: int, tok: str) -> bool:
    """Could :data:`LIST_TOKEN` match the token ``tok`` at ``k`` (the kernel's ``list_shaped``)?
    Two capitalised words, or a word and an acronym before a further capitalised word."""
    if LIST_SHAPE.fullmatch(tok) is None:
        return False
    return tok[-1].islower() or ACRONYM_ITEM_AFTER.match(text, k + len(tok)) is not None


LIST_NEXT_ITEM = re.compile(r"(?:, (?:dan |serta )?| dan | serta )[A-Z]")


def list_site(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None = None) -> Site | None:
    """``TarakanNunukan dan Malinau``: two names whose list comma was lost, inside a list of names."""
    tok, left, right = m.group(), m.group(1), m.group(2)
    if res.known(tok) or tok in res.brands or tok.lower() in res.brands_lower or repeated(
            text, tok, None if memo is None else memo.repeated):
        return None
    parallel = ((right in res.org_heads or right in PLACE_HEADS) and _same_head_before(text, m.start(), right)
                ) or _two_named_items(text, m, res)
    if left in res.org_heads or right in res.org_heads and not parallel:
        return None  # PolresSukabumi, BankMandiri: one name (but "Desa SukaDesa Jaya, dan": two)
    unknown = [not (res.known(p) or res.common_lower(p, 1) or p in res.corpus_names or res.strict_name(p))
               for p in (left, right)]
    if not parallel and not LIST_NEXT_ITEM.match(text, m.end()) and not (
            all(unknown) and (_lower_before(text, m.start()) or _name_after_running_text(text, m.start(), res))):
        return None  # "Team CatalunyaCaixa Repsol Suter, dan": a brand inside a longer name (but
        # "di LasibelaLasolo Jaya, dan": two names no list knows, after running text)
    line_start = text.rfind("\n", 0, m.start()) + 1
    lo = max(line_start, m.start() - 80)
    # (a first item of several words after running text is no headline: the words before it are
    # judged, "dilayani |Pelayaran Tirta Sagarindo|Wirabahari Lines, dan")
    hi = extend_name(text, m.start(), res)[0] if _name_after_running_text(text, m.start(), res) else m.start()
    if DATELINE_BEFORE.search(text, lo, m.start()) or _after_headline(text, lo, hi, res):
        return None  # "Liputan6.com, JakartaBenfica dan ...", a headline joined to the next line
    if all(unknown):  # Palopo|Masamba: known to no list at all, capitalised in a list of names
        site = Site(m.start(), m.end(), left, "list", m.start() + len(left), right, 0.8)
        site.name = True
        return site
    for part in (left, right) if not parallel else ():  # (parallel heads: two names by shape)
        if res.englishish(part):
            return None  # GrabExpress, EastWest: a brand
        if res.strict_name(part) or parallel:
            continue  # (an unknown part beside a known name is a brand as often: TribratanewsPolri)  # Surabaya|Malang: "malang" is a word, but writers capitalise it 15x as often
        if res.englishish(part) or res.common_lower(part) or not res.name_like(part):
            return None  # PlayStation, SariWangi, ConocoPhilips: a brand or a word, not two names
    site = Site(m.start(), m.end(), left, "list", m.start() + len(left), right, 0.8)
    site.name = True
    return site


def _two_named_items(text: str, m: re.Match[str], res: Resources) -> bool:
    """Two multi-word names of a list, the comma lost between them, each visibly a name of its
    own: after running text, the first item opens with an organisation word or a common noun
    and the second with another (``diikuti Universitas Halmera|Institut Teknologi Sagara, dan``,
    ``di Kedai Lintang|Toko Buku Aruvanta, dan``), or the first ends in an English word and the
    second is a word no lexicon knows (``mempertemukan Calderbrook Town|Whitmore Albion, dan``:
    English-looking club and company names end in ``Town``, ``Labs``, ``Capital``). A brand
    inside one name (``Team Catalunya|Caixa Repsol``) has a name, not a word, before the join."""
    left, right = m.group(1), m.group(2)
    if not _name_after_running_text(text, m.start(), res):
        return False
    name_start, _clear = extend_name(text, m.start(), res)
    head = text[name_start : m.start()].split(" ", 1)[0]
    if right in res.org_heads or _run_opener(right, res):
        # two names of one kind ("diikuti Semen Batu Karangrejanta|Semen Kapurwangi, dan") or
        # of two kinds, each opened by an organisation word or a noun, or the first of 3+ words
        # after running text (``diikuti Samudera Biru Logistics|Kilat Antar Express, dan``: a
        # noun opening a name inside one is rarer than a list item)
        return (head == right or head in res.org_heads or _run_opener(head, res)
                or text.count(" ", name_start, m.start()) >= 2)
    if _two_people(text, m, name_start, res):
        return True
    unknown_right = not res.known(right) and right not in res.corpus_names and not res.name_like(right)
    return unknown_right and ((res.englishish(left) and res.known(left)) or (
        right.lower() not in res.lexicon and _english_item_end(text, m.end(), res)
        and text.count(" ", name_start, m.start()) >= 2))


ITEM_REST = re.compile(r"((?: [A-Z][a-z]{2,}){1,3}),")
SURNAME_AFTER = re.compile(r" [A-Z][a-z]{2,}")


def _two_people(text: str, m: re.Match[str], name_start: int, res: Resources) -> bool:
    """``adalah Henrikke Solvangsrud|Jorge Esquivel Barraza, dan``: a word no list knows glued to
    a name the lists know (a given name, a region: ``PT Nikel Laut Bandawisa|Sulawesi Copper
    Resources, dan``), each item of two or more words (a word before the join, one after the
    known name): two items of a list. A name's own CamelCase joins a short particle
    (``McDonald``, ``DeLuca``), never a coined word to a known name that opens more words."""
    left, right = m.group(1), m.group(2)
    return (name_start < m.start() and res.strict_name(right) and not res.englishish(right.lower())
            and not (res.known(left) or res.common_lower(left, 1) or left in res.corpus_names)
            and SURNAME_AFTER.match(text, m.end()) is not None)




def _english_item_end(text: str, end: int, res: Resources) -> bool:
    """The list item the token's second part opens ends in an English word before its comma
    (``Diveloka Adventures,``): English-looking company names end in such words, and a coined
    word opening one is a name of its own, not the end of the first item."""
    m = ITEM_REST.match(text, end)
    return m is not None and _english_word(m.group(1).rsplit(" ", 1)[-1], res)


def _name_after_running_text(text: str, start: int, res: Resources) -> bool:
    """The first list item is a multi-word name (``dihadiri Westbury Rovers|Harlow Athletic, dan``)
    whose words the name walk takes with a clear boundary, after a lower-case word of running
    text (not at a sentence start, where a headline may precede)."""
    name_start, clear = extend_name(text, start, res)
    return (clear and name_start < start and not _sentence_start(text, name_start)
            and LOWER_WORD_BEFORE.search(text, max(0, name_start - 30), name_start) is not None)


def _same_head_before(text: str, start: int, head: str) -> bool:
    """The name before ``start`` opens with ``head`` too (``Kecamatan Tolandu|Kecamatan Moramo``):
    a list of parallel names, not one name."""
    return text.endswith(head + " ", max(0, start - len(head) - 1), start)


def second_part(text: str, k: int) -> bool:
    """Does the token at ``k`` follow a hyphen that ends a capitalised word of 3+ letters
    (``Amara Okafor-|Lindgren``)? The second part of a hyphenated surname or place, which a
    translator glues like any name's last word. The token scans skip every other token after
    ``-`` (``anti-Korupsi``, ``Trans-Sumatera``, ``SEA-Games``). (Mirrored by the kernel's
    ``second_part``.)"""
    if k < 4 or text[k - 1] != "-":
        return False
    j = k - 2
    while j >= 0 and "a" <= text[j] <= "z":
        j -= 1
    if k - 2 - j < 2 or j < 0 or not "A" <= text[j] <= "Z":
        return False
    c = text[j - 1] if j else " "
    return not (c.isalnum() or c in "_-'’")


def _second_parts(text: str, res: Resources) -> list[re.Match[str]]:
    """``TOKEN`` matches after a hyphenated word's hyphen (``second_part``) that no lexicon
    knows: for the walk over every token, which ``token_matches`` leaves them out of."""
    out = []
    k = text.find("-")
    while k >= 0:
        if text[k + 1 : k + 2].isupper() and second_part(text, k + 1):
            m = TOKEN.match(text, k + 1)
            if m is not None and m.group().lower() not in res.lexicon:
                out.append(m)
        k = text.find("-", k + 1)
    return out


def _second_part_head(g: Glued, res: Resources) -> bool:
    """A hyphenated name's second part is glue only before a role or head noun (``Okafor-
    Lindgren|suami``): pairs of places and sides are hyphenated too (``Kuto Baro-Baitus|salam``,
    ``Asia-Pasifik|dibuka``), and their second part ends in syllables or meets the next word."""
    low = g.right.lower()
    return len(g.left) >= 5 and (res.head_noun(low, STRONG_HEAD_RATE) or DERIVED.fullmatch(low) is not None) and (
        not is_verb(low, res) and low not in res.name_tails)


def hyphen_start(text: str, start: int) -> int:
    """Start of the hyphenated word whose second part begins at ``start`` (``Okafor-|Lindgren``),
    else ``start``."""
    if not second_part(text, start):
        return start
    j = start - 2
    while "a" <= text[j] <= "z":
        j -= 1
    return j  # (the capital ``second_part`` found)


# A person's title, honorific or rank in (or just before) a name run: the run's last word is a
# surname (``Hj. Nurlaela Pasaribuan``, ``Kapolsek AKP Suroso Tirtakota``, ``Ahmad bin Yusuf``)
PERSON_TITLE = re.compile(
    r"(?<![\w.])(?:(?:Hj|Hjh|H|Dr|Ir|Drs|Dra|Prof|Pdt|drg|dr|KH|Ust|Sdr|Sdri)\.|AKP|AKBP|Kompol|Kombes|Iptu|Ipda"
    r"|Aiptu|Aipda|Bripka|Brigpol|Briptu|Bripda|Bharada|Kapten|Mayor|Letkol|Kolonel|Serka|Serma|Pelda|Ibu|Bu"
    r"|Bapak|Pak|Ki|Nyi|Haji|Hajah|Kiai|Kyai|Ustaz|Ustazah|Romo|Andi|Daeng|Datuk|Datuak|Sutan|Teuku|Tengku"
    r"|bin|binti) ")
SURNAME_LEFT = 5  # a left part shorter than this is a syllable of a surname, not a whole one
PERSON_WINDOW = 12  # characters before the name run a title may stand in (``Ibu Sri ...``)


def _surname_element(text: str, m: re.Match[str], s: Site, res: Resources) -> bool:
    """``Hj. Nurlaela Pasa|ribuan``, ``Ir. Gumilar Sastra|kota``: under a person's title the name's
    last word is a surname, and a left part other corpus names go on from (``Cakra``, ``Tirta``,
    ``Hadi``) or too short to be a surname (``Pasa``) makes the token one compound surname as
    likely as a glued head. A false split tears a clean name (and the step's own output would be
    edited again), so such a site is a flag at most, whatever the rules, the scorer or the page
    say. Whole surnames no corpus name extends (``Wijaksara|ajudan``) keep their verdict."""
    k = s.rest_start - m.start()
    if s.form != "glue" or not 0 < k < len(m.group()) or not s.right[:1].islower():
        return False
    if not PERSON_TITLE.search(text, max(0, s.start - PERSON_WINDOW), m.start()):
        return False
    left = m.group()[:k]
    return len(left) < SURNAME_LEFT or res.names_starting(left) >= ELEMENTS


ELEMENTS = 2  # corpus names a part must start (left) or end (right) in to be a name element


def _two_elements(text: str, m: re.Match[str], s: Site, res: Resources) -> bool:
    """``Stasiun Jakarta|kota``, ``Sutrisno Hadi|putra``: both parts are name elements (other corpus
    names start with the left part and end in the right one), so the token reads as one
    compound name at least as well as a name with a glued head, when no modifier follows."""
    k = s.rest_start - m.start()
    if not (s.form == "glue" and 0 < k < len(m.group()) and s.right[:1].islower()):
        return False
    nxt = NEXT_WORD.match(text, m.end())
    if nxt is not None and nxt.group(1) not in res.stop and not is_verb(nxt.group(1), res):
        return False  # (``Sukma Bangsa Mulia|dana abadi``: a modifier follows, the head's phrase goes on)
    words = text[s.start : m.end()].split(" ")
    if len(words) < 2 or words[0] in PLACE_HEADS or words[0] in res.org_heads:
        return False  # (``Desa Lorulung Raya|warga``: a place's or body's people are its glued head;
        # ``di Solo|kota yang``: a one-word place name is the glued head's as often)
    low = s.right.lower()
    if low in res.stop or not (low in res.pos_nouns or res.head_noun(low, HEAD_RATE)):
        return False  # (``Al Ghazali|sudah``: a closed-class word is no name element)
    return res.names_ending(s.right) >= ELEMENTS and res.names_starting(m.group()[:k]) >= ELEMENTS


def _lone_quantifier(text: str, m: re.Match[str], s: Site, res: Resources) -> bool:
    """``Hj. Nurjannah Simbolon|ratusan,``: a quantifier opens a noun phrase; glued with no noun
    after it (a comma, a verb) it moves alone and heads nothing, so the token is one word."""
    if s.form != "glue" or s.right.lower() not in QUANTIFIER_SET:
        return False
    nxt = NEXT_WORD.match(text, m.end())
    if nxt is None:
        return True
    noun = nxt.group(1)
    return not (noun in res.pos_nouns or res.head_noun(noun, HEAD_RATE)) or is_verb(noun, res)


def _capped_surname(text: str, m: re.Match[str], s: Site, res: Resources) -> Site:
    """``s`` made a flag when it would split a compound name: a titled person's surname, two name
    elements, a quantifier that heads nothing, or a name the corpora write whole (``whole.py``);
    split only where a move would put the glued word inside a title (``whole.tears_title``)."""
    if tears_title(text, s):
        s.no_move = True
    if s.confidence <= 0.7 or is_verb(s.right.lower(), res) or _opens_compound(text, m, s, res):
        return s  # (a verb ends no name: ``Ayatollah Khamenei|dilaporkan`` is glue)
    if (_surname_element(text, m, s, res) or _two_elements(text, m, s, res) or _lone_quantifier(text, m, s, res)
            or _place_for_person(text, m, s, res) or _place_on_place(text, m, s, res) or whole_name(text, s, res)):
        s.cap = s.confidence = 0.7
    return s


def _place_glue(m: re.Match[str], s: Site) -> str | None:
    """The glued word of a glue site when it is a lower-case place head (``kota``, ``bukit``, ``pasar``)."""
    k = s.rest_start - m.start()
    low = s.right.lower()
    if s.form != "glue" or not 0 < k < len(m.group()) or not s.right[:1].islower():
        return None
    return low if low in PLACE_HEADS_LOWER else None


def _place_for_person(text: str, m: re.Match[str], s: Site, res: Resources) -> bool:
    """``Ir. Poltak Siregar|bukit``: a titled person is headed by a role or a relation, never by a
    place noun (no ``bukit Ir. ...``), so under a person's title a place head glued to the
    surname is the end of a compound surname (``Siregarbukit``) as likely as glue: a flag. (An agent
    noun before the name is no such evidence: ``Penduduk Nusa Lembayung|pulau`` is a place's people.)"""
    if _place_glue(m, s) is None:
        return False
    return PERSON_TITLE.search(text, max(0, s.start - PERSON_WINDOW), m.start()) is not None


def _place_on_place(text: str, m: re.Match[str], s: Site, res: Resources) -> bool:
    """``Kecamatan Tanjung|kota``, ``Stasiun Jakarta|kota``: a name its own place head opens takes
    no second place head before it (no ``kota Kecamatan ...``); the glued place word is the last
    part of a compound place name (``Tanjungkota``). People glued to a place (``Desa ...|warga``)
    are no place head and keep the rules' verdict."""
    if _place_glue(m, s) is None:
        return False
    first = text[s.start : m.end()].split(" ", 1)[0]
    return first != m.group() and _second_place_head(first, m.group()[: s.rest_start - m.start()], s.right, res)


def _second_place_head(first: str, left: str, right: str, res: Resources) -> bool:
    """Is ``left|right`` a compound place name under ``first``, a place head of its own (``Kecamatan
    Tanjung|kota``, ``Stasiun Jakarta|kota``)? ``right`` is a lower-case place head, other corpus
    names start with ``left`` and end in ``right`` (name elements, ``names_starting``/``_ending``).
    Writers do put a second place head before a headed name (``kota Bukit Merawan``, ``pantai
    Pulau ...``): only the two elements together tell the compound (``Merawan`` starts no name)."""
    if not (right[:1].islower() and right.lower() in PLACE_HEADS_LOWER):
        return False
    if not (first in PLACE_HEADS or first.lower() in res.name_heads):
        return False
    return res.names_starting(left) >= ELEMENTS and res.names_ending(right) >= ELEMENTS


def _opens_compound(text: str, m: re.Match[str], s: Site, res: Resources) -> bool:
    """``Sirait|wakil wali kota``: the glued word opens a counted compound with the next word; a
    name does not end in the first half of one, so the glue reading stands."""
    nxt = NEXT_WORD.match(text, m.end())
    return nxt is not None and res.head_pair(f"{s.right.lower()} {nxt.group(1)}")


def find_entity_sites(text: str, res: Resources, taken: set[int],
                      stopped: dict[str, Any] | None = None, glued: dict[int, int] | None = None) -> list[Site]:
    """Glue sites on capitalised tokens the gazetteer scan did not claim.

    The scan stops at :data:`MAX_CANDIDATES` unknown tokens or :data:`MAX_NAME_SITES` sites (a
    page of hundreds of glued names is no translated article; bounded cost); ``stopped`` then
    gets the bound, its limit and the offset where the scan stopped, for the step to flag.
    ``glued``: the gazetteer's glue sites, the end of each glued token -> where its glued word starts.
    """
    out: list[Site] = []
    memo = DocMemo(text, glued)
    budget = MAX_CANDIDATES
    # (fast path: only the tokens that can give a site, when no bound can bind; see fastscan)
    live = name_tokens(text, res, taken, MAX_CANDIDATES, MAX_NAME_SITES)
    if live is None:  # (the kernel's walk keeps hyphenated names' second parts; this one adds them)
        by_start = {m.start(): m for m in (*token_matches(text, TOKEN, res, NOT_BEFORE), *_second_parts(text, res))}
        tokens = [by_start[k] for k in sorted(by_start)]
    for m in live if live is not None else tokens:
        k = m.start()
        if k in taken or (k and (text[k - 1].isalnum() or text[k - 1] in NOT_BEFORE) and not second_part(text, k)):
            continue
        if m.group().lower() in res.lexicon:
            continue  # a known word or name as a whole (most capitalised tokens)
        budget -= 1
        if budget < 0 or len(out) >= MAX_NAME_SITES:
            if stopped is not None:
                bound, limit = (("candidates", MAX_CANDIDATES) if budget < 0
                                else ("sites", MAX_NAME_SITES))
                stopped.update(bound=bound, limit=limit, offset=k)
            break
        lm = LIST_TOKEN.match(text, m.start())
        if lm and lm.end() == m.end():
            s = list_site(text, lm, res, memo)
        elif (s := name_site(text, m, res, memo)) is not None:
            s = scorer.confirm(text, m, s, res, memo)  # (glue14 s16: the page vouches for a flag-only site)
        if s is None:
            s = scorer.site(text, m, res, memo)  # the general scorer, where the rules found nothing
            if s is not None and (_plain_only_token(m.group(), res) or s.start == m.start() and _bare_head(s.entity, res)):
                s = None  # (repair12: the scorer's gate as before plain nouns; see _plain_only_token)
        if s is not None:
            s = _capped_surname(text, m, s, res)
            if any(s.start <= t < m.start() for t in taken) or (out and s.start < out[-1].end):
                s.entity, s.start = m.group()[: s.rest_start - m.start()], m.start()
            out.append(s)
            if s.form in SPLIT_FORMS:
                memo.glued[s.end] = s.rest_start
    return out


# a product's model code glued to a lower-case word (``Kavora K12layar``): letters and digits, then
# 4+ lower-case letters; the brand is the capitalised word right before it
CODE_GLUE = re.compile(r"([A-Z]{1,4}\d{1,5})([A-Z]?[a-z]{4,30})(?!\w)")  # (token start checked in Python)
BRAND_BEFORE = re.compile(r"(?<![\w\-])([a-z]{3,}) ([A-Z][a-z]{2,}) $")
# Every CODE_GLUE match holds an ASCII capital right before a ``\d``: an ASCII digit, or a non-ASCII
# one (its UTF-8 lead byte). The UTF-8 bytes mapped to A (capital), 0 (digit), U (lead byte), space
# (else) say "no match" for most documents in a few us; CODE_GLUE's own scan costs ~30 us.
_CODE_MAP = bytes(
    65 if 65 <= b <= 90 else 48 if 48 <= b <= 57 else 85 if b >= 0xC0 else 32 for b in range(256))


def _code_possible(text: str) -> bool:
    shape = text.encode("utf-8", "surrogatepass").translate(_CODE_MAP)
    return b"A0" in shape or b"AU" in shape


def code_sites(text: str, res: Resources, taken: set[int]) -> list[Site]:
    """``Pembeli mengeluhkan Kavora K12layar yang ...``: a brand and its model code with the head
    noun of the translated possessive glued to the code. Taken when a lower-case word precedes
    the brand (running text), the glued part is a noun (head noun, derived or rarer noun, not a
    verb, not English) and lower-case text follows. The code ends the name, so the split point
    is unambiguous; writers never glue a word to a model code (``A320neo`` is a name: 3 letters)."""
    out: list[Site] = []
    if not _code_possible(text):
        return out
    for m in CODE_GLUE.finditer(text):
        k = m.start()
        if k in taken or (k and (text[k - 1].isalnum() or text[k - 1] in BAD_BEFORE)):
            continue
        low = m.group(2).lower()
        if not (res.head_noun(low, HEAD_RATE) or DERIVED.fullmatch(low) or _rare_noun(low, res)
                or low in res.pos_nouns) or is_verb(low, res) or res.englishish(low) or low in res.stop:
            continue
        b = BRAND_BEFORE.search(text, max(0, k - 40), k)
        if b is None or res.common_lower(b.group(2), 1) or b.group(1) in ("di", "ke", "dari"):
            continue  # (a brand is no common word; "di Kota B12..." is an address)
        if not SPEECH_AFTER.match(text, m.end()) and not PUNCT_AFTER.match(text, m.end()):
            continue
        start = b.start(2)
        camel = m.group(2)[0].isupper()
        site = Site(start, m.end(), text[start : m.start(2)], "camel" if camel else "glue", m.start(2),
                    m.group(2), 0.8)
        site.name = True
        out.append(site)
    return out


# a code of a coined name and digits (``Lintasbumi-5``, ``Garudasat-3``) glued to a word: the hyphen,
# 1-4 digits, then 4+ lower-case letters (or one capital and 3+): the digits end the name
HYPHEN_CODE_GLUE = re.compile(r"-(\d{1,4})([A-Z]?[a-z]{4,30})(?![\w\-])")
CODED_WORD = re.compile(r"(?<![\w\-'’])[A-Z](?:[a-z]{2,29})?$")  # (or a capital alone: ``Drone Elang K-17``)
MAX_HYPHEN_CODES = 32  # matches looked at per document (a page of hundreds is no translated article)


def hyphen_code_possible(text: str) -> bool:
    """Whether :data:`HYPHEN_CODE_GLUE` matches: the gate without the kernel (the step asks
    ``fastscan.hyphen_code_possible``, which the kernel's name walk answers)."""
    return HYPHEN_CODE_GLUE.search(text) is not None


def _coded_run(text: str, start: int, code: int, res: Resources) -> bool:
    """A code opened by one capital (``K-17``) ends a name only after a run of 2+ capitalised words
    opened by a noun or a coined word (``Drone Elang Laut K-17``, ``Tank Badak R-90``): a single
    word before it is a kind or a class (``Vitamin B-12``, ``Blok C-12``, ``Unit K-9``)."""
    words = text[start:code].split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and (
        _run_opener(words[0], res) or words[0].lower() not in res.lexicon)


def hyphen_code_sites(text: str, res: Resources, taken: set[int]) -> list[Site]:
    """``memeriksa Roket Lintasbumi-5mesin sebelum``: a coined name's numbered code with the head
    noun of the translated possessive glued to the digits. The digits end the name, so the split
    point is unambiguous; the name is taken only when it is one (a coined word no lexicon has,
    written after running text: ``Covid-19pandemi`` is a known word's heading join) and the glued
    part a noun of the language (no verb, English word or unit) with lower-case text after it."""
    out: list[Site] = []
    for m in islice(HYPHEN_CODE_GLUE.finditer(text), MAX_HYPHEN_CODES):
        word = CODED_WORD.search(text, max(0, m.start() - 30), m.start())
        if word is None or word.start() in taken:
            continue
        name, low = word.group(), m.group(2).lower()
        if len(name) > 1 and (name.lower() in res.lexicon or _common(name, res) or res.englishish(name)):
            continue  # (Covid-19, Tipe-5, Falcon-9: words or English names, not coined ones)
        if not (res.head_noun(low, HEAD_RATE) or _rare_noun(low, res) or low in res.pos_nouns
                or _plain_noun(low, res)) or is_verb(
                low, res) or res.englishish(low) or low in res.stop or low in TIME_NOUNS:
            continue
        if not SPEECH_AFTER.match(text, m.end()):
            continue
        start, clear = extend_name(text, word.start(), res)
        if not clear or not in_running_text(text, start, m.end(), res) or (len(name) == 1 and not _coded_run(
                text, start, word.start(), res)):
            continue
        site = Site(start, m.end(), text[start : m.start(2)], "camel" if m.group(2)[0].isupper() else "glue",
                    m.start(2), m.group(2), 0.8)
        site.name = True
        out.append(site)
    return out


# a name ending in a number (``KM Bahari Lestantya 9``, ``Kapal Tunda Segara Jayanti 12``) glued to a
# word: a capitalised word, a space, 1-3 digits, then 4+ lower-case letters (or one capital and 3+)
# (the word and space before the digits are checked in Python: a pattern opening with a bare digit
# class lets the regex engine skip to the digits; a look-behind or group first made it enter the
# matcher at every position, +20% instructions per news document)
NUMBER_GLUE = re.compile(r"\d\d?\d?([A-Z][a-z]{3,30}|[a-z]{4,30})(?![\w\-])")
MAX_NUMBER_GLUES = 16  # matches looked at per document


def _numbered_name(words: list[str], res: Resources) -> bool:
    """A run of 2+ capitalised words opened by an organisation or vessel word, a noun or an acronym
    (``KM``, ``Kapal``): a numbered unit or vessel. One word before the number is a kind or a
    count's subject (``Tahap 2``, ``Jilid 3``), a place head an address (``Jalan Melati 12``)."""
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not any(
        w in PLACE_HEADS for w in words) and (
        words[0] in res.org_heads or _run_opener(words[0], res) or ACRONYM_OPENER.fullmatch(words[0]) is not None)


def _number_head(low: str, res: Resources) -> bool:
    """The glued word is a noun of the language (no verb, English word, unit, count or time word)."""
    return (res.head_noun(low, HEAD_RATE) or _rare_noun(low, res) or low in res.pos_nouns) and not (
        is_verb(low, res) or res.englishish(low) or low in res.stop or low in TIME_NOUNS or low in NUMBER_WORDS)


def number_sites(text: str, res: Resources, taken: set[int]) -> list[Site]:
    """``Kemarin KM Bahari Lestantya 9anak buah kapal ditahan``: a numbered vessel or unit with the
    head noun of the translated possessive glued to its number. The number ends the name, so the
    split point is unambiguous; but scrapers join counts and words too (``2orang``), so the step
    asks only on a page with MT evidence (where it asks :func:`glue.find_name_sites`), and only
    after a numbered name (:func:`_numbered_name`) in running text with lower-case text after the
    glued word."""
    out: list[Site] = []
    for m in islice(NUMBER_GLUE.finditer(text), MAX_NUMBER_GLUES):
        k, low = m.start(), m.group(1).lower()
        if k < 2 or text[k - 1] != " " or not text[k - 2].isalpha():
            continue  # (a word and a space before the number: "Lestantya 9", not "2022" or "x12")
        if not SPEECH_AFTER.match(text, m.end()) or not _number_head(low, res):
            continue
        start, clear = extend_name(text, text.rfind(" ", 0, m.start() - 1) + 1, res)  # (from the word before the number)
        if start in taken or not clear or not _numbered_name(text[start : m.start()].split(), res):
            continue
        if not in_running_text(text, start, m.end(), res, initial_ok=True):
            continue
        site = Site(start, m.end(), text[start : m.start(1)], "camel" if m.group(1)[0].isupper() else "glue",
                    m.start(1), m.group(1), 0.8)
        site.name = True
        site.no_move = not _phrase_clear(text, m.start(1), res)
        out.append(site)
    return out


def _phrase_clear(text: str, pos: int, res: Resources) -> bool:
    """The glued head's phrase ends clearly (``awak | diperiksa``), not at the length cap (``anak
    buah | kapal``: a compound the move would tear): else split only."""
    return noun_phrase(text, pos, res, 2)[2]


# a person's academic degree after a comma (``Rudiyanto Prawiragema, S.H.``, ``M.Si.``, ``Ph.D.``)
# glued to a word: 2-3 dotted abbreviations, then 4+ lower-case letters (or one capital and 3+)
DEGREE_GLUE = re.compile(r", ((?:[A-Z][A-Za-z]{0,3}\.){2,3})([A-Z][a-z]{3,30}|[a-z]{4,30})(?![\w\-])")


def degree_sites(text: str, res: Resources, taken: set[int]) -> list[Site]:
    """``Klien memuji Rudiyanto Prawiragema, S.H.asisten yang teliti``: the degree ends the name,
    so the split point is unambiguous; the name before the comma is a person's (2+ capitalised
    words, extent clear, in running text) and the glued part a noun with lower-case text after it.
    Asked, like :func:`number_sites`, only on a page with MT evidence."""
    out: list[Site] = []
    for m in islice(DEGREE_GLUE.finditer(text), MAX_NUMBER_GLUES):
        low = m.group(2).lower()
        if not SPEECH_AFTER.match(text, m.end()) or not _number_head(low, res):
            continue
        comma = m.start()
        start, clear = extend_name(text, text.rfind(" ", 0, comma) + 1, res)
        words = text[start:comma].split()
        if start in taken or not clear or len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        if not in_running_text(text, start, m.end(), res, initial_ok=True):
            continue
        form = "camel" if m.group(2)[0].isupper() else "glue"
        site = Site(start, m.end(), text[start : m.start(2)], form, m.start(2), m.group(2), 0.8)
        site.name = True
        site.no_move = not _phrase_clear(text, m.start(2), res)
        out.append(site)
    return out


def extend_sites(text: str, sites: list[Site], res: Resources) -> None:
    """Gazetteer glue inside a longer name (``Kedutaan Besar Chiliundangan``) moves whole."""
    spans = [(s.start, s.end) for s in sites]
    compound: dict[tuple[str, str, str], bool] = {}  # (this call's: a page repeats its place names)
    for s in sites:
        if s.form in ("glue", "camel") and not s.no_move:
            start, clear = extend_name(text, s.start, res, whole=True)
            if any(a < s.start and b > start for a, b in spans):
                s.no_move = True  # never swallow another site (its token is glue, not a name)
                continue
            s.no_move = not clear
            if start < s.start:
                s.entity = text[start : s.start] + s.entity
                s.start = start
                key = (s.entity.split(" ", 1)[0], s.entity.rsplit(" ", 1)[-1], s.right)
                if key not in compound:
                    compound[key] = s.form == "glue" and _second_place_head(*key, res)
                if compound[key]:
                    s.cap = s.confidence = min(s.confidence, 0.7)  # (``Stasiun Jakarta|kota``, below)
            if whole_name(text, s, res, shape=False):  # (gazetteer glue in a joined name the corpora write whole)
                s.cap = s.confidence = min(s.confidence, 0.7)
            elif adjective_end(text, s, res):
                s.no_move = True  # (``Pasar Jakarta|indah``: an adjective heads no phrase; split only)
