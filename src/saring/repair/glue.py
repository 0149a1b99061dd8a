"""Machine-translation link glue: find entity glue sites, score them, plan the repair.

The page translator translated each link text alone (``Russia`` -> ``Rusia``) and glued it back
without a space, losing the English suffix. Forms handled (see ``notes/repair.md``):

* ``Rusiakredensial diplomatik`` (lower glue) and ``RusiaSeorang pemimpin`` (camel glue);
* ``RusiaChina, Jepang`` (list comma lost);
* ``Rusian Presiden`` / ``Rusia's kapal`` (stray English suffix kept with a space).

Only an entity from the gazetteer can start a site (one trie regex scan per document, so clean text
costs almost nothing). Every site gets a confidence from simple, explainable features; the repair
moves the entity after the noun phrase it modified, which is Indonesian word order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from saring.record import Record
from saring.repair.fastscan import match_starts, match_texts, site_matches
from saring.repair.resources import (
    BAD_BEFORE,
    DEMONYM,
    PLACE_HEADS,
    REGION_DEMONYM,
    SUFFIX_LIKE,
    Resources,
)

WORD_AT = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# meN-/ber-/di-/ter-/per- verb shapes; whether it really is a verb is checked against the lexicon.
ME_VERB = re.compile(r"^me(?:ng|ny|m|n|l|r|w|y)[a-z]{3,}$")
ROOT_PREFIX = re.compile(r"^(?:di|ber|ter|per|diper|memper)([a-z]{4,})$")
VERB_SUFFIX = re.compile(r"(?:kan|i|an)$")
VERBAL_ENDINGS = ("kan", "nya", "lah")  # (``mendamaikan``, ``meningkatnya``: verbs and their nominals)
SENT_END_CHARS = frozenset(".!?\n")
OPENERS = frozenset("“‘(«[")
CLOSERS = frozenset("”’)»]")
# "Liputan6.com, JakartaKita": a scraped dateline glued to the first word (boilerplate's job).
DATELINE_BEFORE = re.compile(r"(?:\.(?:com|co\.id|id|net|org)|\b[A-Z]{4,}[a-z]*)\s*,\s*$")
# Lower+Capital joins of ordinary words ("pertandinganBerkat"): paragraphs or links glued by a
# scraper. Several of them mean a document's CamelCase entity glue is scrape damage too.
SCRAPE_CAMEL = re.compile(r"[a-z]{3}[A-Z][a-z]{2}")
# A sentence glued to the next without a space ("Yogyakarta.Di", "(6/1).Suyudi"): a scraper's
# paragraph join; the page translator keeps sentence spacing.
SENT_JOIN = re.compile(r"[a-z)][.!?][A-Z][a-z]{2}")
# List items or table cells glued by a scraper: a number with its unit glued to the next word
# ("19Lcrash", "825mmpenghadang", "18LAprilia"), an acronym glued to a lower-case word ("KYBkaliper")
ITEM_JOIN = re.compile(r"\d(?:[a-z]{1,2}|[A-Z])(?:[a-z]{3,}|[A-Z][a-z]{2,})|\b[A-Z]{2,5}[a-z]{4,}")
# A closing bracket glued to the next word ("Ride Control (APRC)traction", "(KRT)pas"): spec lists
# and link lists a scraper flattened; translators and writers keep the space.
PAREN_JOIN = re.compile(r"[)\]][a-z]{2,}")
# Two lower-case words glued ("Sementaragaji", "kosongkit"): a scraper that strips links glues
# ordinary words too; the page translator glues only at a linked name.
LOWER_TOKEN = re.compile(r"(?<![\w\-@#/.])[a-z]{8,30}(?![\w\-@/])")
# words regional outlets put after a place name, written solid (Acehkini, Kaltimpost, Jatimnet,
# Riauonline, Sumselupdate): never a translated noun phrase glued to the place
OUTLET_TAILS = frozenset("kini terkini news post pos net online today update times ekspres".split())
LIST_BEFORE = re.compile(r",\s*$")
# prepositions and conjunctions the closed-class list (which also bars glue) lacks: a noun
# phrase ends before them ("kiper | sepanjang babak kedua")
NP_END = frozenset("sepanjang seusai sesuai semenjak sehabis sembari sewaktu semalam lusa kelak setiap"
                   # se- + a measure noun: a preposition of amount (``aset | senilai Rp450 miliar``)
                   " senilai seharga sebesar sebanyak seluas setinggi seberat sedalam sejauh selama".split())
TIME_NOUNS = frozenset("hari pekan minggu bulan tahun malam pagi siang sore abad".split())
TIME_AFTER = re.compile(r" (?:lalu|ini|depan|itu|kemarin|berikutnya|sebelumnya|ke-\d+)\b")
# "diskon | akhir pekan ini": a time noun's edge word opens the adverbial, not a modifier
TIME_EDGE = re.compile(r"(?:akhir|awal|pertengahan|penghujung) (?:hari|pekan|minggu|bulan|tahun|abad)\b")
# a derived head noun (pe(N)-/per-/ke- ... or -an): pemadaman, penyidik, kebijakan
# ordinals follow the noun they number (``edisi pertama``, ``musim ketiga``): in the phrase, although
# ``pertama`` reads as a ter-/per- verb shape and the others as pre-head numerals
ORDINALS = frozenset("pertama kedua ketiga keempat kelima keenam ketujuh kedelapan kesembilan kesepuluh"
                     " terakhir".split())
# a Roman numeral numbers the lower-case noun before it (``anggota komisi IV``, ``kelas XII``):
# it closes the phrase, like an ordinal, although it is written in capitals
ROMAN = re.compile(r"(?=[IVX])X{0,2}(?:IX|IV|V?I{0,3})")
# after the numeral: the text's end, punctuation, or a lower-case word (never a further name)
AFTER_ROMAN = re.compile(r"(?:$|[^\w\s]| [a-z])")
DERIVED_NOUN = re.compile(r"(?:(?:pe[mn]?|peng|peny|per|ke)[a-z]{5,}|[a-z]{5,}an)")
LIST_NEXT = re.compile(r"\s*(?:,|dan\b|serta\b|atau\b)")
NAME_LIST_NEXT = re.compile(r"(?:,| dan| serta| atau) [A-Z][a-z]")  # a list of names goes on


class Site(Record):
    """One suspected glue site in the text (offsets in the text the scan ran on)."""

    _fields = ("start", "end", "entity", "form", "rest_start", "right", "confidence", "line",
               "no_move", "cap", "scrape", "needs_evidence", "name", "subject")
    __slots__ = _fields
    start: int  # start of the entity
    end: int  # end of the glued token (or of the stray suffix)
    entity: str
    form: str  # "glue" | "camel" | "list" | "suffix"
    rest_start: int  # where the modified noun phrase starts
    right: str  # the glued word (glue/camel/list) or the next word (suffix)
    confidence: float
    line: int
    no_move: bool  # split only: the glue looks like a scrape join, not a translated link
    cap: float  # evidence never lifts a weak form above this
    scrape: bool  # looks like a scraper's join, not MT: split only, not MT damage
    needs_evidence: int  # other confident MT glue sites needed in the document to repair
    name: bool  # found on a name outside the gazetteer (``saring.repair.names``)
    subject: bool  # a sentence-initial name with its role noun glued (moved, not split)

    def __init__(self, start: int, end: int, entity: str, form: str, rest_start: int, right: str,
                 confidence: float, line: int = 0, no_move: bool = False, cap: float = 0.99,
                 scrape: bool = False, needs_evidence: int = 0, name: bool = False,
                 subject: bool = False) -> None:
        self.start = start
        self.end = end
        self.entity = entity
        self.form = form
        self.rest_start = rest_start
        self.right = right
        self.confidence = confidence
        self.line = line
        self.no_move = no_move
        self.cap = cap
        self.scrape = scrape
        self.needs_evidence = needs_evidence
        self.name = name
        self.subject = subject


class Plan(Record):
    """What to do at a site: the replacement span/text and the kind of edit."""

    _fields = ("start", "end", "after", "kind", "confidence", "split_after", "split_end", "moved",
               "order_confidence")
    __slots__ = _fields
    start: int
    end: int
    after: str
    kind: str
    confidence: float
    split_after: str  # the split-only fallback text for [start, split_end)
    split_end: int
    moved: bool
    order_confidence: float

    def __init__(self, start: int, end: int, after: str, kind: str, confidence: float,
                 split_after: str, split_end: int, moved: bool, order_confidence: float = 1.0) -> None:
        self.start = start
        self.end = end
        self.after = after
        self.kind = kind
        self.confidence = confidence
        self.split_after = split_after
        self.split_end = split_end
        self.moved = moved
        self.order_confidence = order_confidence


def _next_word(text: str, pos: int) -> str:
    m = WORD_AT.match(text, pos)
    return m.group() if m else ""


# demonym remnants too short to be taken after a region anywhere: before a lower-case noun only
REGION_SHORT_DEMONYM = frozenset("n an ian i".split())
FLAG_CONF = 0.5  # shown to a reviewer, never applied (the step's flag floor)


def _noun_after(text: str, pos: int, res: Resources) -> bool:
    """A lower-case Indonesian noun at ``pos`` (annotated news or its contexts say noun)."""
    w = _next_word(text, pos)
    return w.islower() and (w in res.pos_nouns or w in res.context_nouns) and not res.englishish(w)


# A compass point written solid (``Jalan Tol Lingkar Baratdaya``, ``Kampung Timurlaut``): one word
# of a name, never a linked ``Barat`` with a glued noun (no translation glues "power" or "sea" to
# a direction). Lead, session 16: pages_traps17b's three false edits.
COMPASS_SOLID = frozenset({("barat", "daya"), ("barat", "laut"), ("timur", "laut")})


def score_site(text: str, m: re.Match[str], res: Resources, moved_before: bool = False) -> Site | None:
    """Turn a regex hit into a scored :class:`Site`, or ``None`` when it is a real word
    (``moved_before``: a suffix site's move puts its entity right before the token)."""
    ent, glue, suf = m.group("ent"), m.group("glue"), m.group("suf")
    start, end = m.start(), m.end()
    last_word = ent.rsplit(" ", 1)[-1]
    token = last_word + (glue or suf or "")
    if token in res.brands or token.lower() in res.brands_lower:
        return None
    etype = res.gazetteer.get(ent, "other")
    if glue in DEMONYM and text[end : end + 1] == " " and text[end + 1 : end + 2].isalpha():
        glue, suf = None, glue  # "Jepangese pemerintah", "Brasilian juara": a demonym remnant
    if glue is not None:
        if res.known(token) or (last_word.lower(), glue) in COMPASS_SOLID:
            return None
        if glue[0].isupper():
            return _score_camel(text, start, end, ent, glue, res, moved_before)
        return _score_lower(start, end, ent, glue, res)
    return _score_suffix(text, start, end, ent, suf, token, etype, res, moved_before)


CAP_RUN_BEFORE = re.compile(r"[A-Z][\w\-]* [A-Z][\w\-]* $")  # two capitalised words right before


def _score_camel(text: str, start: int, end: int, ent: str, glue: str, res: Resources,
                 moved_before: bool = False) -> Site | None:
    """``RusiaSeorang``/``RusiaChina``; scraped datelines (``Liputan6.com, JakartaKita``) are skipped."""
    low = glue.lower()
    line_start = text.rfind("\n", 0, start) + 1
    if DATELINE_BEFORE.search(text, max(line_start, start - 40), start):
        return None
    rest = end - len(glue)
    em = res.entity_re.match(text, rest)
    if em is not None:  # "RusiaChina, Jepang", "InggrisKorea Selatan tapi"
        in_list = LIST_NEXT.match(text, em.end()) is not None or LIST_BEFORE.search(
            text, max(0, start - 3), start) is not None
        return Site(start, end, ent, "list", rest, glue, 0.92 if in_list else 0.7)
    if (NAME_LIST_NEXT.match(text, end) and res.strict_name(glue) and not res.englishish(low)
            and glue not in res.org_heads and ent not in res.org_heads
            and not _after_headline(text, max(line_start, start - 80), start, res)):
        return Site(start, end, ent, "list", rest, glue, 0.92)  # "SurabayaMalang, Kediri"
    if res.englishish(low):
        return None  # "JakartaNotebook", "RusiaToday": an English-looking name, not a glue
    if low in res.not_heads and (end == len(text) or text[end] in ".!?\n"):
        return None  # "laman IndonesiaBaik.": an adjective ending the sentence is part of a name
    headline = _after_headline(text, max(line_start, start - 80), start, res)
    if not headline and CAP_RUN_BEFORE.search(text, max(line_start, start - 60), start) is None and (
            is_verb(low, res) or low in res.pos_adjs) and text[end : end + 1] == " " and is_verb(
            _next_word(text, end + 1).lower(), res):
        return None  # "Komunitas JakartaBersepeda mengadakan", "Kampanye BaliBersih mengajak": a verb
        # follows, so the token is the clause's subject: a slogan or a brand, one name (a translated
        # link glues a noun; after a Title-Case headline or two capitalised words it is a scraper's
        # join: "Lawan Australia dan BahrainTampil mendominasi", "Pelatih Timnas IndonesiaGagal membawa")
    label = 0.3 if text[end : end + 1] == ":" else 0.0  # "Persipura JayapuraPelatih: ..." heading
    verb = False
    if low in res.pre_head or low in res.stop or glue in res.title_firsts:
        conf = 0.9
    elif is_verb(low, res) and not moved_before and _lower_word_before(text, max(line_start, start - 30), start, res):
        conf, verb = FLAG_CONF, True  # "kaus bertuliskan JakartaBerlari": a translated link's
        # glued word heads a noun phrase, never a verb; in running text a slogan or a brand
    elif (low in res.lexicon and res.common_lower(low)) or ("-" in low and res.known(low)):
        conf = 0.8
    else:
        conf = 0.5
    # "Banjir Rob Pesisir JakartaPersonel": a headline joined to the next block by a scraper. It
    # is still split (so a second run finds nothing: idempotent) but never moved or counted as MT.
    return Site(start, end, ent, "camel", rest, glue, round(conf - label, 3),
                no_move=headline, scrape=headline, cap=FLAG_CONF if verb else 0.99)


def _headline_word(w: str, res: Resources) -> bool:
    """A Title-Case word that is not an entity, title or glued token."""
    return (
        w[0].isupper() and not any(c.isupper() for c in w[1:]) and w not in res.gaz_words
        and w not in res.title_firsts and w.lower() not in res.pre_head
        and res.site_re.match(w) is None
    )


def _after_headline(text: str, lo: int, hi: int, res: Resources) -> bool:
    """Do the words before ``hi`` read as a Title-Case headline ("Timnas Indonesia Kalah dari")?

    Among the last six words, closed-class words are ignored (headlines keep them lower-case);
    at least three of the remaining words must be Title-Case, and at least three quarters.
    """
    words = [w for w in WORD_AT.findall(text, lo, hi)[-6:] if w.lower() not in res.stop]
    caps = sum(_headline_word(w, res) or w in res.gaz_words for w in words)
    return caps >= 3 and caps >= 0.75 * len(words)


def _score_lower(start: int, end: int, ent: str, glue: str, res: Resources) -> Site | None:
    """``Rusiakredensial``: a known (or long unknown) lower-case word glued to an entity."""
    low = glue
    if low in SUFFIX_LIKE or res.englishish(low):
        return None
    if low in OUTLET_TAILS:
        return None  # Aceh|kini, Riau|online, Kaltim|post: regional outlets are named this way
    zipf = res.lexicon.get(low)
    cap = 0.99
    if zipf is None and "-" in low and res.known(low):  # anak-anak, mata-mata
        zipf = min(res.lexicon.get(p, 0.0) for p in low.split("-"))
        cap = 0.99 if reduplicates(low) else 0.6  # (prec18 s18: ``Peru|dang-undangan`` is one word)
    if zipf is not None:
        strong = len(low) >= 5 and zipf >= 3.5
        conf = 0.65 + (0.1 if len(low) >= 5 else 0.0) + (0.1 if zipf >= 3.5 else 0.0)
        if len(low) == 3:
            conf -= 0.05 if zipf >= 4.5 else 0.15  # tim, ibu, gol are common; 3 letters are risky
            if _demonym_opening(ent, low):
                cap = 0.6  # never repaired: "Teater Kenya|nan", a name coined on the demonym (Kenyan-an)
        if len(ent) <= 4 and not strong:
            conf -= 0.1  # short names start many words: Mali|boro, Peru|gia, Bali|tung
            cap = 0.6 if len(low) <= 3 else cap  # Mali|hah: never repaired, whatever the evidence
        if ent.isupper() and len(low) >= 5 and (res.head_noun(low, 0.1) or DERIVED_NOUN.fullmatch(low)):
            # no word starts with capitals: an acronym glued to a head noun (PLN|pemadaman)
            conf = max(conf, 0.8)
        return Site(start, end, ent, "glue", end - len(glue), glue, round(conf, 3), cap=cap)
    short_entity = 0.15 if len(ent) <= 4 else 0.0
    if len(low) >= 5:
        return Site(start, end, ent, "glue", end - len(glue), glue, round(0.5 - short_entity, 3))
    return None


RHYME = 3  # letters a reduplication's halves share: a root, or a rhyme at the end (``sayur-mayur``)


def reduplicates(word: str) -> bool:
    """Is the hyphenated lower-case ``word`` a reduplication of its own (``anak-anak``,
    ``kata-katanya``, ``sayur-mayur``)? A glued word is a whole word; a tail that does not repeat the
    first half (``dang-undangan`` in ``Perudang-undangan``) repeats a root that starts inside the
    capitalised part, so the token is one hyphenated word and the split would cut it."""
    first, _, tail = word.partition("-")
    if not first or not tail or "-" in tail:
        return True  # (not two halves: no evidence either way)
    shared_root = any(first[-k:] == tail[:k] for k in range(RHYME, len(first) + 1))  # (sebaik-baiknya)
    rhyme = first[-RHYME:] == tail[-RHYME:]  # (gotong-royong, tolong-menolong)
    alternation = first[0] == tail[0] and len(first) == len(tail)  # (bolak-balik, warna-warni)
    return shared_root or rhyme or alternation


def _demonym_opening(ent: str, glue: str) -> bool:
    """Does the token open with the place's English demonym (``Kenya|nan`` = ``Kenyan`` + ``an``,
    ``Irak|ian``)? Then the three letters glued are no head but the end of a word coined on it."""
    return (glue[0] == "n" and ent[-1] in "ai") or glue.startswith(("an", "ia", "es"))


def _shared_word(word: str, res: Resources) -> bool:
    """A lower-case word Indonesian uses as much as English (``diplomat``: Zipf id 3.6, en 3.7;
    not ``leader``, ``will``, ``team``), seen in lower case in the news layer."""
    low = word.lower()
    return word[0].islower() and res.lower_count.get(low, 0) >= 50 and (
        res.zipf_en.get(low, 0.0) <= res.lexicon.get(low, 0.0) + 0.5)


def _score_suffix(
    text: str, start: int, end: int, ent: str, suf: str, token: str, etype: str, res: Resources,
    moved_before: bool = False,
) -> Site | None:
    """``Rusian Presiden`` / ``Rusia's kapal``: a country name with an English suffix left over."""
    if etype != "country" and not (etype == "region" and suf in REGION_DEMONYM):
        if not (etype == "region" and suf in REGION_SHORT_DEMONYM and not res.known(token)
                and _noun_after(text, end + 1, res)):
            return None  # (Papua|n, Kashmir|i: only before a lower-case noun, "Papuan ukiran")
    if suf == "se" and not ent.endswith("e"):
        return None  # Suriname|se (Surinamese); "-ese" on other names is a glue of its own
    if _name_before(text, start, res):
        return None  # "Ibu Rina Irani": the token continues a person's name (an English
        # demonym stands before the noun it modifies, never after another name word)
    nxt = _next_word(text, end + 1)
    if nxt.islower() and not moved_before and _noun_before(text, start, res):
        return None  # "tari Balinese kontemporer": the demonym already follows the noun it
        # modifies (Indonesian order); the translator's remnant stands before its noun (not when
        # the suffix site before moves its name right before this token: idempotent)
    english_word = suf[0] not in "'’" and res.known(token)  # Korean, Japanese, Israeli: real words
    nlow = nxt.lower()
    if not nxt or res.englishish(nxt) and (english_word or suf[0] in "'’" or not _shared_word(nxt, res)):
        return None  # "Korean Air", "Asian Games", "Indonesian Idol": English names, leave them
        # (but "Ekuadorian diplomat": no English word, before a word both languages use alike)
    weak_cap = 0.6 if (english_word or suf != "n") and nxt[0].isupper() and nxt not in res.title_firsts else 0.99
    if nlow in res.stop or nlow not in res.lexicon:
        return Site(start, end, ent, "suffix", end + 1, nxt, 0.3 if english_word else 0.6, cap=min(weak_cap, 0.6))
    if english_word:
        # "Indonesian pasar": an English demonym before a lower-case Indonesian noun is glue;
        # before a capitalised word it may be a name ("Indonesian Idol"), so only flag, unless
        # the word is an Indonesian title ("Australian Perdana Menteri").
        conf = 0.8 if nxt[0].islower() or nxt in res.title_firsts else 0.55
    else:
        conf = 0.9 if nxt[0].islower() else 0.85
    # "Indonesian Film", "Indonesia's Next": a capitalised non-title after an English-looking
    # form may be a name; evidence elsewhere does not make it a glue.
    return Site(start, end, ent, "suffix", end + 1, nxt, min(conf, weak_cap), cap=weak_cap)


NAME_WORD_LOWER = 20  # a name's word is rarely written in lower case in the news layer (rina 1)
WORD_JUST_BEFORE = re.compile(r"(?<![\w\-])([A-Z][a-z]+) $")


LOWER_RIGHT_BEFORE = re.compile(r"(?<![\w\-])([a-z]{3,}) $")


def _lower_word_before(text: str, lo: int, start: int, res: Resources) -> bool:
    """A lower-case content word right before ``start`` (``kaus bertuliskan JakartaBerlari``):
    running text, not a list of Title-Case headlines a scraper joined (``Buat IsraelBerdasarkan``,
    ``Australia dan BahrainTampil``)."""
    m = LOWER_RIGHT_BEFORE.search(text, lo, start)
    return m is not None and m.group(1) not in res.stop


def _noun_before(text: str, start: int, res: Resources) -> bool:
    """A lower-case noun of the language right before ``start`` (annotated news or its contexts
    say noun; no verb, stop word or English word): ``tari Balinese``, ``kuda Andalusian``."""
    m = LOWER_RIGHT_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    w = m.group(1)
    return (w in res.pos_nouns or w in res.context_nouns) and w not in res.stop and not (
        res.englishish(w) or is_verb(w, res))


def _name_before(text: str, start: int, res: Resources) -> bool:
    """A capitalised word right before ``start`` that is a name's word: not at a sentence start
    (``Kemarin``), not a day or month (``pada Kamis``), not a title (``Presiden``), not a
    closed-class word."""
    m = WORD_JUST_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    w = m.group(1)
    low = w.lower()
    return not (_sentence_initial(text, m.start(1)) or low in res.days or low in res.stop
                or w in res.title_firsts or low in res.pre_head
                or res.lower_count.get(low, 0) >= NAME_WORD_LOWER  # "Futsal", "Diikuti": words
                or not res.corpus_name(w) or _glued_token(w, res))  # a name the corpus layer
    # writes ("Rina"), not a glued token ("Rusiayang", "Utarayang", "Indonesiayang": the corpora
    # hold that one capitalised too), which a repair changes: the guard must not depend on it


def _glued_token(word: str, res: Resources) -> bool:
    """Is ``word`` a gazetteer name with a closed-class word glued to its end (``Indonesia|yang``)?
    Such a token is the translator's glue, whatever the corpora's capitalised counts say."""
    return any(word[:-k] in res.gazetteer and word[-k:] in res.stop for k in range(2, min(len(word) - 2, 8)))


MOVED_PHRASE = re.compile(r"(?: [a-z]+)+ ")  # lower-case words between a suffix site and the next token
# sites whose repair may put their name right before the next token (``Jepangpemerintah pemerintah
# Rusian``: the glue's move gives ``pemerintah pemerintah Jepang Rusian``; decide on that, idempotent)
MOVING_FORMS = frozenset(("suffix", "glue", "camel"))


def find_sites(text: str, res: Resources) -> list[Site]:
    """All scored sites in ``text`` (before document-level evidence)."""
    sites: list[Site] = []
    for m in site_matches(text, res):  # res.site_re.finditer(text), the kernel's fast path
        i = m.start()
        if i and (text[i - 1].isalnum() or text[i - 1] in BAD_BEFORE):
            continue
        # "Rusian pemerintah RusiaTiba": the move gives "pemerintah Rusia RusiaTiba", no lower-case
        # word before the token; decide on that text, as the second pass will (idempotent; a
        # glued name moves the same way: "Jepangpemerintah pemerintah Rusian")
        moved = bool(sites) and sites[-1].form in MOVING_FORMS and MOVED_PHRASE.fullmatch(text, sites[-1].end, i) is not None
        s = score_site(text, m, res, moved)
        if s is not None:
            sites.append(s)
    return sites


# Capitalised standalone words (names seen in this document) and capitalised unknown tokens that
# may be such a name with a word glued on ("Putinpresiden", "NATOAnggota" is left to the gazetteer).
CAP_WORD = re.compile(r"(?<![\w@#/.\-])[A-Z][a-z]{2,}(?![\w\-])")
CAP_TOKEN = re.compile(r"(?<![\w@#/.\-])[A-Z][a-z]{2,}(?:[a-z]{3,}|[A-Z][a-z]{2,})(?![\w@\-])(?!\.[A-Za-z])")


NEWLINE = re.compile("\n")
# Six letters from a capital: the shortest token ``repeated`` is asked about (TOKEN, CAP_TOKEN)
CAP_WINDOW = re.compile(r"(?=([A-Z][A-Za-z]{5}))")
ASCII_CAP = re.compile(r"[A-Z][A-Za-z]{5,}")
# the window index costs about a hundred counts of one token: a document counts its first
# tokens one by one (real pages ask about a few dozen) and builds the index only past these
PLAIN_COUNTS = 100


class Repeats:
    """``text.count(tok) > 1`` for one document's capitalised tokens, memoised.

    Hostile pages ask about thousands of distinct tokens, and a count in the whole text per
    token made a 1 MB page cost 20 ms per 10 KB. Past :data:`PLAIN_COUNTS` tokens: every
    occurrence of an ASCII token that starts with a capital starts at a capital whose six-letter
    window equals the token's first six, so one count of those windows answers "once" exactly;
    only a shared window scans the text, stopping at the second (non-overlapping, as
    ``str.count``) occurrence.
    """

    __slots__ = ("_seen", "_windows", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[str, bool] = {}
        self._windows: Counter[str] | None = None

    def __call__(self, tok: str) -> bool:
        r = self._seen.get(tok)
        if r is None:
            r = self._seen[tok] = self._count(tok)
        return r

    def _count(self, tok: str) -> bool:
        text = self.text
        if len(self._seen) <= PLAIN_COUNTS or not ASCII_CAP.fullmatch(tok):
            return text.count(tok) > 1
        if self._windows is None:
            self._windows = Counter(CAP_WINDOW.findall(text))
        if self._windows[tok[:6]] < 2:
            return False
        first = text.find(tok)
        return first >= 0 and text.find(tok, first + len(tok)) >= 0


def repeated(text: str, tok: str, memo: Repeats | None = None) -> bool:
    """``tok`` occurs more than once in ``text`` (pass one :class:`Repeats` per document: hostile
    text asks about thousands of tokens, and counting each time made a page quadratic)."""
    return (Repeats(text) if memo is None else memo)(tok)


def find_name_sites(text: str, res: Resources, taken: set[int]) -> list[Site]:
    """Glue on names linked in *this* document (persons, organisations) but not in the gazetteer.

    A capitalised word seen standalone at least twice here (``Putin``) that also starts an unknown
    token with a known word of 4+ letters after it (``Putinpresiden``) is a candidate; confidence
    starts below the repair threshold and rises only with the document's other glue evidence.
    """
    seen = Counter(CAP_WORD.findall(text))
    names = {
        w for w, c in seen.items()
        if c >= 2 and len(w) >= 4 and not res.common_lower(w) and w.lower() not in res.stop
        and w not in PLACE_HEADS and w not in res.org_heads  # "Tanjung Rawa": a head, not a name
    }
    if not names:
        return []
    out = []
    memo = Repeats(text)
    for m in CAP_TOKEN.finditer(text):
        tok, start = m.group(), m.start()
        if start in taken or res.known(tok) or tok in res.brands:
            continue
        site = None
        for i in range(len(tok) - 4, 3, -1):  # longest name first, 4+ letters after it
            name, rest = tok[:i], tok[i:]
            if name not in names:
                continue
            low = rest.lower()
            if low in SUFFIX_LIKE or res.englishish(low) or low not in res.lexicon:
                break
            form = "camel" if rest[0].isupper() else "glue"
            if form == "camel" and not res.common_lower(low):
                break
            site = Site(start, m.end(), name, form, start + i, rest, 0.55)
            break
        # counted last (a count in the whole text): a repeated compound ("Tarumanegara") is a
        # lexicalised name, not glue
        if site is not None and not repeated(text, tok, memo):
            out.append(site)
    return out


def two_words(tok: str, res: Resources) -> bool:
    """No word, but two frequent lower-case words glued (``Sementaragaji``, 4+ letters each): a
    scraper's join, never a name part. A rare compound or an unlisted derivation is not one."""
    low = tok.lower()
    if len(low) < 8 or res.known(low):
        return False
    return any(res.lower_count.get(low[:i], 0) >= 300 and res.lower_count.get(low[i:], 0) >= 300
               for i in range(4, len(low) - 3))


def word_joins(text: str, res: Resources, limit: int = 2) -> int:
    """Lower-case tokens that are two common words glued (:func:`two_words`), up to ``limit``."""
    n = 0
    for tok in match_texts(LOWER_TOKEN, text):  # LOWER_TOKEN.findall(text), in C
        n += two_words(tok, res)
        if n >= limit:
            break
    return n


def mark_scrape_joins(text: str, sites: list[Site], min_joins: int = 3,
                      min_name_joins: int = 2, res: Resources | None = None) -> None:
    """In documents with scrape joins, glue is split but never reordered nor counted as MT.

    Joins are lower+Capital boundaries (``pertandinganBerkat``) other than the sites themselves;
    with ``min_joins`` of them CamelCase glue is a scrape join too. A scraper that strips links
    glues *both* sides of the link text (``dariBandara Kualanamumenuju``, ``pengusahaJusuf``);
    the page translator only glues the side after it. With ``min_name_joins`` joins, glue after a
    name outside the gazetteer is link stripping too, already in Indonesian order (``Yolla
    Yulianapensiun``): never moved. Closing brackets glued to a word and two common lower-case
    words glued (``Sementaragaji``, with ``res``) are such joins too, and so is a line with three
    or more glued names outside the gazetteer (``Kawasakisistem ... Samcorantai ...
    Renthalpelindung``: a spec list flattened by a scraper; translated prose has a link or two).
    """
    if not sites:
        return
    own = {m.start() for s in sites for m in SCRAPE_CAMEL.finditer(text, s.start, s.end)}
    # (match_starts(X, text): the starts of X.finditer(text), in C for these patterns)
    joins: list = [k for k in match_starts(SCRAPE_CAMEL, text) if k not in own]
    joins += match_starts(SENT_JOIN, text)
    joins += [k for k in match_starts(ITEM_JOIN, text) if not any(s.start <= k < s.end for s in sites)]
    joins += match_starts(PAREN_JOIN, text)
    named = [s.start for s in sites if s.name and s.form == "glue"]
    newlines = [m.start() for m in NEWLINE.finditer(text)] if named else []
    per_line = Counter(bisect_left(newlines, k) for k in named)  # line number: one scan, not one per site
    joins += [None] * sum(max(0, n - 2) * 2 for n in per_line.values())  # a flattened list
    if res is not None and len(joins) < max(min_joins, min_name_joins) and any(
            s.form == "camel" or (s.name and s.form == "glue") for s in sites):
        joins += [None] * word_joins(text, res)
    for s in sites:
        if (s.form == "camel" and len(joins) >= min_joins) or (
                s.name and s.form in ("glue", "camel") and len(joins) >= min_name_joins):
            s.no_move = s.scrape = True


def require_mt_fingerprint(sites: list[Site], res: Resources, text: str = "") -> None:
    """CamelCase glue is reordered only where the translator's own fingerprint is present.

    A stray demonym suffix (``Rusian Presiden``) is produced by the page translator and by no
    scraper. Without one, ``IndonesiaKomisi`` or ``SuriahPresiden`` on scraped news is a headline
    or paragraph join (every such reorder we read on the news scrapes was wrong), so it is split
    only; a quantifier after the entity (``RusiaSeorang pemimpin``) still moves.
    """
    if any(s.form == "suffix" for s in sites):
        return
    # lower-case glue the translator left elsewhere here (not a scraper's): evidence for a name's
    # CamelCase glue as strong as for lower-case glue
    lower = any(s.form == "glue" and s.confidence >= 0.8 and not s.scrape for s in sites)
    for s in sites:
        if s.form == "camel" and s.right.lower() not in res.pre_head:
            if s.needs_evidence and not lower:  # a name outside the gazetteer: flag the move only
                s.cap = s.confidence = min(s.confidence, 0.7)
            elif not s.needs_evidence and not s.name and not camel_in_running_text(text, s, res):
                s.no_move = True  # (names checked by ``_camel_needs``)


# Running text around a name: a lower-case word before it (over up to four capitalised words of
# a longer name: ``menerima Kedutaan Besar ChiliUndangan``) and lower-case text after the glued word.
RUNNING_BEFORE = re.compile(r"(?<![\w\-])([A-Za-z][a-z]{2,})(?: [A-Z][a-z]+){0,4} $")
WORD_RIGHT_BEFORE = re.compile(r"(?<![\w\-])([A-Za-z][a-z]{2,}) $")
LOWER_AFTER = re.compile(r" [a-z]{2,}\b(?!-)")
# Punctuation or a speech verb right after the token: a name ends there (``Reza Aliwarga,``).
NAME_END = re.compile(r"\s*(?:[,.;:()\[\]\-–—\"”]|$| (?:mengatakan|menyebut|menjelaskan|menambahkan|"
                      r"mengungkapkan|menyatakan|kata|ujar|tutur|ucap)\b)")
# "di BaliHarga", "dari Rantauprapat": after a locative preposition a name is a place, often a
# scraped headline join
LOCATIVES = frozenset("di ke dari menuju asal daerah wilayah".split())
SENT_START = frozenset(".!?\n“\"(")


def sentence_start(text: str, pos: int) -> bool:
    """Only spaces between ``pos`` and the line start or a sentence-ending mark."""
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in SENT_START


def in_running_text(text: str, start: int, end: int, res: Resources, *, initial_ok: bool = False,
                    over_name: bool = False) -> bool:
    """Is the glued name ``text[start:end]`` inside running text (one check for the gazetteer's
    CamelCase rule and the names' strong per-site evidence)?

    A scraper's headline or paragraph join (``IndonesiaKomisi``, ``di BaliHarga``, ``Kekuatan
    Instagram MarketingSebuah thread``) has a capitalised word, a line start or a locative before
    the name, or no lower-case text after it. Running text: a word right before the name (over the
    capitalised words of a longer name) that is lower case and a word or verb (``mengeluhkan``,
    ``menyoraki``), not a locative preposition, a direction or auxiliary, or a name written in
    lower case; with ``initial_ok`` (lower-case glue on a multi-word name) also a common
    sentence-initial word (``Kenaikan Wijaya Karya Beton|harga``). After the glued word: lower-case
    text, no punctuation or speech verb (the name would end the phrase). ``over_name``: ``start`` is
    a gazetteer entity, possibly the last words of a longer name not yet extended.
    """
    m = (RUNNING_BEFORE if over_name else WORD_RIGHT_BEFORE).search(text, max(0, start - 80), start)
    if m is None:
        return False
    w = m.group(1)
    low = w.lower()
    if low in LOCATIVES or low in res.not_heads or res.strict_name(w):
        return False
    if w[0].islower():
        ok = low in res.lexicon or is_verb(low, res)
    else:
        ok = initial_ok and sentence_start(text, m.start(1)) and res.lower_count.get(low, 0) >= 300
    return ok and bool(LOWER_AFTER.match(text, end)) and not NAME_END.match(text, end)


def camel_in_running_text(text: str, s: Site, res: Resources) -> bool:
    """``menerima Kedutaan Besar ChiliUndangan untuk``: CamelCase glue on a gazetteer name inside
    running text (:func:`in_running_text`) before a common noun that heads names (rate >= 0.1) or
    a derived noun, as strong as lower-case glue."""
    low = s.right.lower()
    if not text or res.lower_count.get(low, 0) < 100 or low in res.not_heads or is_verb(low, res):
        return False
    if not (res.head_noun(low, 0.1) or DERIVED_NOUN.fullmatch(low)):
        return False
    return in_running_text(text, s.start, s.end, res, over_name=True)


def add_evidence(sites: list[Site], confident: float = 0.8) -> None:
    """Raise confidences with evidence elsewhere in the same document (never other documents).

    One translator glues many links: each *other* confident site adds 0.15 (up to 0.45), the same
    entity glued to two or more different words adds 0.05.
    """
    strong = [s for s in sites if s.confidence >= confident and not s.scrape]
    per_entity: dict[str, set[str]] = {}
    for s in sites:
        per_entity.setdefault(s.entity, set()).add(s.right.lower())
    for s in sites:
        others = len(strong) - (1 if s.confidence >= confident and not s.scrape else 0)
        boost = 0.15 * min(3, others)
        if len(per_entity[s.entity]) >= 2:
            boost += 0.05
        if s.confidence >= 0.3:
            s.confidence = round(min(s.cap, max(s.confidence, min(0.99, s.confidence + boost))), 3)
        if others < s.needs_evidence:
            s.confidence = min(s.confidence, 0.7)  # a flag: nothing else here looks translated


# ---------------------------------------------------------------- noun phrase and word order
def is_verb(w: str, res: Resources) -> bool:
    """Cheap verb test: bare verb list, or a meN-/di-/ber-/ter- shape over a known root."""
    if w in res.bare_verbs:
        return True
    if w in res.prefix_nouns or w in res.pos_nouns:
        return False  # "perkara", "berkas": a verb's shape, tagged a noun in annotated news
    if w.startswith("per") and w.endswith("an") and not w.endswith("kan"):
        return False  # the per-...-an confix makes nouns (pernyataan, perusahaan, pertemuan)
    if w.startswith("ber") and len(w) >= 8 and w[2:] in res.lexicon:
        return True  # ber- before an r-initial root drops one r: berencana = ber + rencana
    if ME_VERB.match(w) and len(w) >= 6:
        # (not a noun whose letters happen to read as meN- + root, ``menantu``, ``mercusuar``:
        # corpus contexts say noun and no verbal suffix or clitic ends it)
        return w not in res.context_nouns or w.endswith(VERBAL_ENDINGS)
    m = ROOT_PREFIX.match(w)
    if m:
        root = m.group(1)
        if root in res.lexicon:
            return True
        bare = VERB_SUFFIX.sub("", root)
        return len(bare) >= 4 and bare in res.lexicon
    return False


def _np_word_ok(w: str, res: Resources, first: bool) -> bool:
    low = w.lower()
    if low in res.stop or is_verb(low, res) or (first and low in res.not_heads):
        return False
    if not first and not w[0].islower():
        return False
    if low in res.lexicon:
        return True
    return first and len(low) >= 4 and low not in res.other  # the glued word may be rare


PAIR_NEXT = re.compile(r" ([a-z]{3,})\b(?!-)")


def _opens_pair(text: str, m: re.Match[str], res: Resources) -> bool:
    """The head word ``m`` and the next word make a compound writers open with a head noun
    (``perdana menteri``: ``head_pairs.tsv``): the head is a noun, whatever its shape says
    (``per-`` + ``dana`` reads as a verb)."""
    nxt = PAIR_NEXT.match(text, m.end())
    return nxt is not None and pair_head(m.group().lower(), nxt.group(1), res)


def pair_head(first: str, nxt: str, res: Resources) -> bool:
    """``first nxt`` is a compound of ``head_pairs.tsv`` opened by a noun: not by a closed-class
    word, a bare verb or a meN-/di- verb (``bakal menjadi``, ``menolak rencana`` are counted there
    too: the list keeps every pair whose first word is seen before names), and ``nxt`` no verb.
    (``per-``/``ter-``/``ber-`` shapes stay: ``perdana``, ``tersangka``, ``berkas`` are nouns.)"""
    if first in res.stop or first in res.not_heads or first in res.bare_verbs or ME_VERB.match(first):
        return False
    di = ROOT_PREFIX.match(first)
    if di is not None and first.startswith("di") and di.group(1) in res.lexicon:
        return False
    return not is_verb(nxt, res) and res.head_pair(f"{first} {nxt}")


def _roman_closes(text: str, m: re.Match[str]) -> bool:
    """A Roman numeral after a lower-case noun ends the phrase with it (``komisi IV | meminta``)."""
    return (
        ROMAN.fullmatch(m.group()) is not None
        and text[m.start() - 2 : m.start() - 1].islower()
        and AFTER_ROMAN.match(text, m.end()) is not None
    )


def noun_phrase(text: str, pos: int, res: Resources, max_content: int = 3) -> tuple[int, int, bool]:
    """Extent of the noun phrase starting at ``pos``: (end, n_words, boundary_clear).

    Pre-head quantifiers (``seorang``, ``para``) are taken first, then a head and at most two
    modifiers; the phrase ends at punctuation, a line end, a closed-class word, a verb or a
    capitalised word. ``boundary_clear`` is False when it stopped only because of the length cap.
    """
    end, n, n_content, first = pos, 0, 0, True
    while True:
        m = WORD_AT.match(text, pos)
        if m is None:
            return end, n, True
        w = m.group()
        low = w.lower()
        if low in res.pre_head and n_content == 0 and (first or w[0].islower()):
            pass
        elif n_content and (low in TIME_NOUNS and TIME_AFTER.match(text, m.end())
                            or TIME_EDGE.match(text, m.start())):
            return end, n, True  # "survei | bulan lalu", "perkebunan | abad ke-18": a time adverbial
        elif low in NP_END:
            return end, n, True
        elif n_content and _roman_closes(text, m):
            return m.end(), n + 1, True
        elif n_content >= max_content:
            return end, n, not _np_word_ok(w, res, False)
        elif n_content and low in ORDINALS and w[0].islower():
            n_content += 1
        elif n_content and max_content < 3 and low.endswith("nya") and len(low) > 5:
            return end, n, True  # "kuasa hukum | kliennya tidak": a new subject
        elif not (_np_word_ok(w, res, first) or (n_content == 0 and _opens_pair(text, m, res))):
            return end, n, True
        else:
            n_content += 1
        end, n, first = m.end(), n + 1, False
        if low.endswith("nya") and len(low) > 5:
            return end, n, True
        if text[end : end + 1] != " ":
            return end, n, True
        pos = end + 1


def _name_phrase(text: str, pos: int, res: Resources) -> tuple[int, int, bool]:
    """The noun phrase a name's glued head opens: the head and one modifier (``direktur
    keuangan``; the MT order puts the clause right after it), or a third word when annotated news
    tags it an adjective and the phrase clearly ends after it (``mobil listrik murah | sejak``), or
    a verb follows it at once (``emiten batu bara | turun``: the MT clause starts at the verb)."""
    chain = _pair_chain(text, pos, res)
    if chain is not None:
        return chain[0], chain[1], True
    end, n, clear = noun_phrase(text, pos, res, 2)
    if clear or n != 2:
        return end, n, clear
    end3, n3, clear3 = noun_phrase(text, pos, res, 3)
    last = text[end + 1 : end3].lower()
    if n3 == 3 and text[pos:end3].lower() in res.titles_lower:
        return end3, n3, clear3  # "menteri luar negeri": a title is one head, never cut
    if n3 == 3 and clear3 and last in res.pos_adjs and (
            end3 == len(text) or not text[end3].isalnum()):
        return end3, n3, True
    if n3 == 3 and clear3 and _verb_after(text, end3, res):
        return end3, n3, True  # "emiten batu bara | turun": a verb closes a three-noun head
    return end, n, clear


PAIR_CHAIN_MAX = 4
CLEAR_AFTER = re.compile(r"$|[,.;:!?)]| [a-z]+\b")


def _pair_chain(text: str, pos: int, res: Resources) -> tuple[int, int] | None:
    """A head of three or four words each two of which are a compound writers write
    (``pakar hukum | hukum tata | tata negara``, ``wakil wali | wali kota``: ``head_pairs.tsv``),
    ending clearly (punctuation, a closed-class word or a verb next): (end, words), or None.
    The planner's two-word cap would tear such a head (``pakar hukum X tata negara``)."""
    m = WORD_AT.match(text, pos)
    if m is None:
        return None
    prev, end, n = m.group().lower(), m.end(), 1
    while n < PAIR_CHAIN_MAX:
        nxt = PAIR_NEXT.match(text, end)
        if nxt is None or not pair_head(prev, nxt.group(1), res):
            break
        prev, end, n = nxt.group(1), nxt.end(), n + 1
    after = CLEAR_AFTER.match(text, end)
    if n < 3 or after is None:
        return None
    word = after.group()[1:]
    return (end, n) if not word or word in res.stop or is_verb(word, res) else None


def _verb_after(text: str, end: int, res: Resources) -> bool:
    """Does a lower-case verb open the clause right after ``end`` (the phrase's edge is sure)?"""
    m = WORD_AT.match(text, end + 1) if text[end : end + 1] == " " else None
    return m is not None and m.group()[0].islower() and is_verb(m.group(), res)


def _title_extent(text: str, pos: int, res: Resources) -> int:
    """End of a (possibly multi-word) capitalised title starting at ``pos``, or -1."""
    m = WORD_AT.match(text, pos)
    if m is None or m.group() not in res.title_firsts:
        return -1
    best = m.end() if m.group() in res.titles else -1
    words, cur = [m.group()], m.end()
    for _ in range(2):
        if text[cur : cur + 1] != " ":
            break
        m2 = WORD_AT.match(text, cur + 1)
        if m2 is None:
            break
        words.append(m2.group())
        cur = m2.end()
        if " ".join(words) in res.titles:
            best = cur
    return best


def _sentence_initial(text: str, start: int) -> bool:
    """Does a sentence start at ``start``: line start, after . ! ? or an opening quote."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] in SENT_END_CHARS or text[i] in OPENERS:
        return True
    if text[i] in CLOSERS or text[i] in "\"'":
        if text[i] in "\"'" and (i == 0 or text[i - 1] in " \n"):
            return True  # a straight quote opening a quotation
        j = i - 1
        while j >= 0 and (text[j] in CLOSERS or text[j] in "\"'"):
            j -= 1
        return j >= 0 and text[j] in SENT_END_CHARS
    return False


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def plan_repair(text: str, site: Site, res: Resources) -> Plan:
    """The repair for one site: list comma, title swap, or move after the noun phrase.

    Falls back to a plain split (entity, space, word) when the noun phrase is unclear; the plan's
    confidence is the site's confidence times the word-order confidence.
    """
    ent, conf = site.entity, site.confidence
    if site.form == "suffix":
        split_end, split_after = site.end, ent  # drop the stray "n" / "'s"
        kind_split = "mt_suffix_drop"
    else:
        split_end = site.end
        split_after = ent + " " + text[site.rest_start : site.end]
        kind_split = "mt_glue_split"
    fallback = Plan(site.start, split_end, split_after, kind_split, conf, split_after, split_end, False)
    if site.form == "list":
        after = ent + ", " + site.right
        return Plan(site.start, site.end, after, "mt_list_comma", conf, after, site.end, False)
    if site.no_move:
        return fallback
    initial = _sentence_initial(text, site.start)
    rs = site.rest_start
    # Title heads keep their capital and take the entity right after them.
    t_end = _title_extent(text, rs, res)
    if t_end > 0 and site.name and site.form == "camel" and not re.match(r" [A-Z]", text[t_end : t_end + 2]):
        t_end = -1  # "SulselbarDirektur keuangan": the translator's capital, not a title before a name
    if t_end > 0:
        after = text[rs:t_end] + " " + ent
        kind = "mt_suffix_reorder" if site.form == "suffix" else "mt_glue_reorder"
        return Plan(site.start, t_end, after, kind, round(conf * 0.95, 3), split_after, split_end,
                    True, 0.95)
    first = site.right
    if site.form == "camel" and not site.subject and not text[text.rfind("\n", 0, site.start) + 1 : site.start].strip():
        return fallback  # line-initial CamelCase is mostly a scraped dateline: split only
    if site.form == "camel" and not (
        first.lower() in res.pre_head or res.lower_count.get(first.lower(), 0) >= 100
        or (site.name and site.needs_evidence == 0)  # a head noun checked by names._needs
    ):
        # EntityWord with a capitalised name after it (JakartaPramono, Korea UtaraKim) is a glued
        # headline or dateline, not a translated modifier: split only. Names are rarely seen in
        # lower case in the news layer (pramono 8, kim 3); common nouns are (pemimpin 914).
        return fallback
    if site.form == "camel" or (site.form == "suffix" and first[:1].isupper()):
        if first.lower() not in res.lexicon:
            return fallback
    # a name's head takes at most one modifier (direktur keuangan, pelatih kepala): the MT order
    # puts the clause right after it (``Bank Xdirektur keuangan laba bersih naik``)
    np_end, n_words, clear = (_name_phrase if site.name else noun_phrase)(text, rs, res)
    if n_words == 0:
        return fallback
    phrase = text[rs:np_end]
    if first[:1].isupper():
        phrase = phrase[:1].lower() + phrase[1:]
    if initial:
        phrase = _cap(phrase)
    order_conf = (0.95 if n_words <= 3 else 0.85) if clear else 0.6
    if site.name and not clear and n_words == 2:
        order_conf = 0.8  # a name's head and one modifier (kepala cabang | kredit macet ...)
    if site.name and re.match(r" [A-Z][a-z]", text[np_end : np_end + 3]):
        # "Ferry Juliantonopengganti Budi Arie": an apposition between two people, not a
        # modifier (a country keeps the move: "kiper Brasil Alisson Becker" is Indonesian)
        order_conf = 0.6
    kind = "mt_suffix_reorder" if site.form == "suffix" else "mt_glue_reorder"
    return Plan(
        site.start, np_end, phrase + " " + ent, kind, round(conf * order_conf, 3),
        split_after, split_end, True, order_conf,
    )
