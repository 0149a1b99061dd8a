"""Language resources for the repair step, read once from ``saring/data/repair``.

All lists are data files (built or hand-curated, see ``scripts/build_repair_data.py``); this module
only parses them and compiles the entity-prefix regex. ``load_resources()`` is cached per process,
so every worker pays the ~0.1 s load once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from saring.record import FrozenRecord

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "repair"

# Right halves that are suffixes/clitics, not words: "Indonesianya", "Jakartakan", "Baliwan".
SUFFIX_LIKE = frozenset(
    "nya lah kah pun kan wan wati isme ian ese ans nis ist ism ite ana ani ina ers ern".split()
)


# English demonym endings left after a linked country name (Japan|ese, Brazil|ian, Pakistan|i).
DEMONYM = frozenset("n an ian ese lese nese vian i".split())
# remnants long enough to be taken after a region too (Bali|nese: Balinese), never a bare "n"/"i"
REGION_DEMONYM = frozenset("nese ese".split())

# Heads of place names made of common words (Desa Karang|langit, Kampung Sukamaju): a common
# left part under them is a place, not an organisation glued to a word (Bank Mandiri|direktur).
PLACE_HEADS = frozenset(
    "Kota Kabupaten Provinsi Desa Kelurahan Kecamatan Dusun Kampung Gunung Pulau Sungai Danau Teluk Selat Pantai Jalan"
    " Gang Tanjung Bukit Kali Pasar Taman Gerbang".split())
# A site must start a token: these characters right before it mean hashtag, handle, URL or word.
BAD_BEFORE = frozenset("@#/.=&?'’-_")


# columns of ``pos_id.tsv`` (scripts/build_repair_pos.py)
NOUN, VERB, ADJ = 0, 1, 2
POS_SHARE = 0.8  # a word tagged this part of speech in >= 80% of its uses is one ...
POS_MIN_USES = 3  # ... when tagged at least this often
NAME_HEAD_RATE = 0.15  # opens names this often per lower-case use (0.1 took "Pendapatan" before "Citilink")


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _trie_regex(words: list[str]) -> str:
    """A regex alternation built as a trie, so matching costs one branch per character.

    Longer continuations are tried first (``Korea Utara`` before ``Korea``); the pattern has no
    nested quantifiers, so it cannot backtrack catastrophically.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


@lru_cache(maxsize=4)
def _compiled(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``; the entity trie's program comes from the resource cache (its
    compile costs 6-28 ms per process), checked to be this pattern's."""
    from saring.resource_cache import load_cached

    def build() -> dict:
        return {"pattern": pattern, "re": re.compile(pattern)}

    files = sorted(p for p in DATA_DIR.iterdir() if p.is_file())
    cached = load_cached("repair_entity_re", build, files)
    rx = cached.get("re")
    if cached.get("pattern") != pattern or not isinstance(rx, re.Pattern) or rx.pattern != pattern:
        return re.compile(pattern)  # (another pattern than the data files give: not cached)
    return rx


class Resources(FrozenRecord):
    """Everything the repair logic looks up; plain sets/dicts for O(1) membership."""

    _fields = ("lexicon", "zipf_en", "lower_count", "other", "gazetteer", "gaz_first",
               "gaz_words", "brands", "brands_lower", "stop", "pre_head", "titles",
               "title_firsts", "titles_lower", "bare_verbs", "pos_nouns", "pos_adjs",
               "context_nouns", "not_heads", "prefix_nouns", "days", "org_heads", "name_heads",
               "name_tails", "corpus_names", "head_rate", "name_lines", "name_lines_rev", "head_pairs",
               "world_words", "site_re", "entity_pattern")

    lexicon: dict[str, float]  # Indonesian known words -> zipf (id)
    zipf_en: dict[str, float]  # English zipf of lexicon words that are also English
    lower_count: dict[str, int]  # times seen in lower case in the news corpus layer
    other: frozenset[str]  # English/Malay words not in the Indonesian lexicon, regions (demonym_bases.txt)
    gazetteer: dict[str, str]  # entity name -> type (country, region, city, org)
    gaz_first: frozenset[str]  # first words of gazetteer names ("Korea" of "Korea Utara")
    gaz_words: frozenset[str]  # every word of every gazetteer name
    brands: frozenset[str]
    brands_lower: frozenset[str]
    stop: frozenset[str]
    pre_head: frozenset[str]
    titles: frozenset[str]
    title_firsts: frozenset[str]
    titles_lower: frozenset[str]  # "juru bicara": a glued word opening a title is a head
    bare_verbs: frozenset[str]
    pos_nouns: frozenset[str]  # tagged a noun in >= 80% of 3+ uses in annotated news (pos_id.tsv)
    pos_adjs: frozenset[str]  # ... an adjective
    context_nouns: frozenset[str]  # rarer nouns told by their neighbours (nouns_context.tsv)
    not_heads: frozenset[str]  # directions, auxiliaries, adverbs: never a noun-phrase head
    prefix_nouns: frozenset[str]
    days: frozenset[str]
    org_heads: frozenset[str]  # capitalised heads of multi-word names (Bank, Universitas, Kota)
    name_heads: frozenset[str]  # common nouns writers capitalise to open names (pesantren, hotel)
    name_tails: frozenset[str]  # words that end compound names (wangi, sari, putra)
    corpus_names: dict[str, tuple[int, int]]  # capitalised token -> (mid-sentence count, lower count)
    head_rate: dict[str, float]  # lower-case word -> share of uses followed by a name in its NP
    name_lines: str  # corpus names, lower case, sorted, one per line between newlines
    name_lines_rev: str  # the same names reversed, sorted (suffix counts)
    head_pairs: str  # lower-case compounds opened by a head noun, sorted lines (head_pairs.tsv)
    world_words: frozenset[str]  # words wordfreq knows that look like name + word (fujifilm)
    site_re: re.Pattern[str]
    entity_pattern: str  # a whole gazetteer name at a position, compiled on first use

    def __init__(self, lexicon: dict[str, float], zipf_en: dict[str, float],
                 lower_count: dict[str, int], other: frozenset[str], gazetteer: dict[str, str],
                 gaz_first: frozenset[str], gaz_words: frozenset[str], brands: frozenset[str],
                 brands_lower: frozenset[str], stop: frozenset[str], pre_head: frozenset[str],
                 titles: frozenset[str], title_firsts: frozenset[str],
                 titles_lower: frozenset[str], bare_verbs: frozenset[str],
                 pos_nouns: frozenset[str], pos_adjs: frozenset[str],
                 context_nouns: frozenset[str], not_heads: frozenset[str],
                 prefix_nouns: frozenset[str], days: frozenset[str], org_heads: frozenset[str],
                 name_heads: frozenset[str], name_tails: frozenset[str],
                 corpus_names: dict[str, tuple[int, int]], head_rate: dict[str, float],
                 name_lines: str, name_lines_rev: str, head_pairs: str, world_words: frozenset[str],
                 site_re: re.Pattern[str], entity_pattern: str) -> None:
        """Every field by name (``_resources``); frozen, as the dataclass was."""
        values = locals()
        for name in self._fields:
            object.__setattr__(self, name, values[name])

    @property
    def entity_re(self) -> re.Pattern[str]:
        """``entity_pattern`` compiled (a few glue sites need it; compiling costs ~6 ms)."""
        return _compiled(self.entity_pattern)

    def englishish(self, word: str) -> bool:
        """More English than Indonesian ("Games", "behind", "Ocean"), so not a glue half."""
        w = word.lower()
        if w in self.other:
            return True
        en = self.zipf_en.get(w, 0.0)
        return en > 0.0 and en >= self.lexicon.get(w, 0.0)

    def common_lower(self, word: str, min_count: int = 3) -> bool:
        """Seen as a lower-case common word (a capitalised ``Denis`` is a name, ``Seorang`` is not)."""
        w = word.lower()
        return self.lower_count.get(w, 0) >= min_count or self.lexicon.get(w, 0.0) >= 5.0

    def name_like(self, word: str) -> bool:
        """A word known as a name: a gazetteer word, an acronym, or a word wordfreq knows that the
        news layer (almost) never shows in lower case (``Citilink``, ``Bawaslu``, ``Meranti``)."""
        if word in self.gaz_words or (len(word) >= 2 and word.isupper()):
            return True
        w = word.lower()
        return w in self.lexicon and self.lower_count.get(w, 0) < 3 and not self.englishish(w)

    def corpus_name(self, word: str) -> bool:
        """Writers use ``word`` as a name: seen capitalised mid-sentence more often than in lower
        case in the corpus layer (``Sritex``, ``Telkomsel``, ``Subianto``; not ``Rakyat``)."""
        cl = self.corpus_names.get(word)
        return cl is not None and cl[0] >= 3 and cl[0] >= cl[1]

    def strict_name(self, word: str) -> bool:
        """A name from the lists, strictly: an acronym (``BPJS``, not ``TENGAH``), a corpus name
        writers rarely write in lower case (``Sritex``, ``Malang``; not ``Islami``, ``Ketua``), a
        gazetteer word, or a 5+ letter word wordfreq knows but the news layer never writes in lower
        case (not ``Mako``, ``Loka``: syllables of longer names)."""
        if word.isupper():  # writers put acronyms in lower case only in slugs (pln, kpk)
            return 2 <= len(word) <= 5 and self.lower_count.get(word.lower(), 0) < 50
        cl = self.corpus_names.get(word)
        if cl is not None and cl[0] >= 5 and cl[0] >= 10 * cl[1]:
            return True
        return word in self.gaz_words or (len(word) >= 5 and self.name_like(word))

    def names_starting(self, prefix: str, limit: int = 3) -> int:
        """Corpus names (up to ``limit``) that start with ``prefix`` and go on for 3+ letters:
        a left part many names start with is a compound-name element (``Indo``mobil, ``Pra``dana,
        ``Kedung``larangan), not a whole name glued to a word."""
        return _count_prefixed(self.name_lines, prefix.lower(), limit)

    def names_ending(self, suffix: str, limit: int = 3) -> int:
        """Corpus names (up to ``limit``) ending in ``suffix`` after 3+ letters (Pra|dana,
        Warda|dana): a word many names end in is a name tail, not a glued head."""
        return _count_prefixed(self.name_lines_rev, suffix.lower()[::-1], limit)

    def head_pair(self, pair: str) -> bool:
        """``pair`` (two lower-case words, one space) is a compound writers open with a head noun
        (``perdana menteri``, ``air terjun``): a line of ``head_pairs`` (a binary search)."""
        i = _first_line_from(self.head_pairs, pair)
        return self.head_pairs.startswith(pair + "\n", i + 1)

    def head_noun(self, word: str, min_rate: float = 0.08) -> bool:
        """A noun that heads phrases a name modifies (``direktur``, ``layanan``, ``pelatih``):
        followed by a name in at least ``min_rate`` of its uses in the corpus layer."""
        return self.head_rate.get(word.lower(), 0.0) >= min_rate

    def known(self, word: str) -> bool:
        """Is ``word`` (any case) a real word: Indonesian, reduplicated, clitic form or English/Malay."""
        w = word.lower()
        if w in self.lexicon or w in self.other:
            return True
        if "-" in w:
            parts = w.split("-")
            return all(p in self.lexicon or p in self.other for p in parts if p)
        for clitic in ("nya", "lah", "kah", "pun", "ku", "mu"):
            if w.endswith(clitic) and w[: -len(clitic)] in self.lexicon and len(w) > len(clitic) + 2:
                return True
        return False


def _sorted_lines(words: set[str]) -> str:
    """``words`` sorted, one per line, with a newline before the first and after the last.

    Why one string: the disk cache loads one string in microseconds, where a tuple of 25k
    strings (or sorting them on first use, ~20 ms) weighed on every ``saring clean``; lookups
    stay a binary search (:func:`_first_line_from`)."""
    return "\n" + "\n".join(sorted(words)) + "\n"


def _first_line_from(lines: str, prefix: str) -> int:
    """The newline before the first line of :func:`_sorted_lines` that is >= ``prefix`` (the
    final newline when none is): a binary search over character positions."""
    lo, hi = 0, len(lines) - 1  # newlines; every line starting before lo is < prefix
    while lo < hi:
        start = lines.rfind("\n", lo, (lo + hi) // 2 + 1)
        end = lines.find("\n", start + 1)
        if lines[start + 1:end] < prefix:
            lo = end
        else:
            hi = start
    return lo


def _count_prefixed(lines: str, prefix: str, limit: int) -> int:
    """Lines of :func:`_sorted_lines` starting with ``prefix`` and at least 3 characters
    longer, counted up to ``limit``: sorted lines sharing a prefix are adjacent."""
    n, i = 0, _first_line_from(lines, prefix)
    while n < limit:
        end = lines.find("\n", i + 1)
        if end < 0 or not lines.startswith(prefix, i + 1):
            break
        n += end - i - 1 >= len(prefix) + 3
        i = end
    return n


def build_site_pattern(entities: list[str]) -> str:
    """Entity followed by a glued word (lower or Capitalised) or a stray suffix.

    The token-start condition (no hashtag, handle, URL path, hyphen or letter before) is checked
    by the caller with :data:`BAD_BEFORE`: a lookbehind here would disable the regex engine's
    first-character scan and double the cost on clean text. The lookahead excludes domains
    (``CNNIndonesia.com``), digits and longer CamelCase chains.
    """
    trie = _trie_regex(sorted(set(entities)))
    return (
        r"(?P<ent>" + trie + r")"
        r"(?:(?P<glue>(?:[a-z]{3,40}|[A-Z][a-z]{1,39})(?:-[a-z]{2,40})?)(?![\w@/\-])"
        r"(?!\.[A-Za-z0-9])(?!://)"
        r"|(?P<suf>n|i|an|se|['’]s)(?= [A-Za-z]))"
    )


def build_site_regex(entities: list[str]) -> re.Pattern[str]:
    """:func:`build_site_pattern`, compiled."""
    return re.compile(build_site_pattern(entities))


def parse_data() -> dict:
    """Every field of :class:`Resources` but the regexes, parsed from the text files, and the
    two trie patterns (``site``, ``entity``)."""
    lexicon: dict[str, float] = {}
    zipf_en: dict[str, float] = {}
    lower_count: dict[str, int] = {}
    floats: dict[str, float] = {}  # one object per distinct value (smaller, faster to copy)
    for ln in _lines("lexicon_id.tsv"):
        w, zi, ze, lc = (ln.split("\t") + ["0", "0", "0"])[:4]
        lexicon[w] = floats.setdefault(zi, float(zi))
        if float(ze) > 0:
            zipf_en[w] = floats.setdefault(ze, float(ze))
        if int(lc):
            lower_count[w] = int(lc)
    gazetteer: dict[str, str] = {}
    for ln in _lines("gazetteer.tsv"):
        parts = ln.split("\t")
        gazetteer[parts[0]] = parts[1] if len(parts) > 1 else "other"
    # Entities that may start a glue: at least 4 characters, or an all-caps acronym (NATO, PBB).
    ents = [e for e in gazetteer if len(e) >= 4 or (e.isupper() and len(e) >= 3)]
    brands = _lines("brands.txt")
    corpus_names: dict[str, tuple[int, int]] = {}
    for ln in _lines("names_corpus.tsv"):
        w, cap, _docs, low = ln.split("\t")
        corpus_names[w] = (int(cap), int(low))
    head_rate: dict[str, float] = {}
    for ln in _lines("head_nouns.tsv"):
        w, n, k = ln.split("\t")
        if int(n) >= 30:
            head_rate[w] = round(int(k) / int(n), 3)
    pos: dict[int, list[str]] = {NOUN: [], ADJ: []}
    for ln in _lines("pos_id.tsv"):  # only the two word sets the rules ask about (small to load)
        w, *counts = ln.split("\t")
        uses = [int(c) for c in counts[:4]]
        for kind, words in pos.items():
            if sum(uses) >= POS_MIN_USES and uses[kind] >= POS_SHARE * sum(uses):
                words.append(w)
    name_heads = []  # opens / lower-case uses >= NAME_HEAD_RATE (name_heads.tsv)
    for ln in _lines("name_heads.tsv"):
        w, opens, low, _docs = ln.split("\t")
        if int(opens) >= NAME_HEAD_RATE * int(low):
            name_heads.append(w)
    titles = _lines("titles.txt")
    sets = {
        # (with regions whose English demonym adds -n, Dalmatia: a demonym reading's base is vouched
        # for by ``other``, here and in the kernel's ``demonym_live``)
        "other": _lines("words_other.txt") + _lines("demonym_bases.txt"),
        "gaz_first": [e.split(" ")[0] for e in gazetteer],
        "gaz_words": [w for e in gazetteer for w in e.split(" ")],
        "brands": brands,
        "brands_lower": [b.lower() for b in brands],
        "stop": _lines("stop.txt"),
        "pre_head": _lines("pre_head.txt"),
        "titles": titles,
        "title_firsts": [t.split(" ")[0] for t in titles],
        "titles_lower": [t.lower() for t in titles],
        "bare_verbs": _lines("bare_verbs.txt"),
        "pos_nouns": pos[NOUN],
        "pos_adjs": pos[ADJ],
        "context_nouns": [ln.split("\t", 1)[0] for ln in _lines("nouns_context.tsv")],
        "not_heads": _lines("not_heads.txt"),
        "prefix_nouns": _lines("prefix_nouns.txt"),
        "days": _lines("days.txt"),
        "org_heads": _lines("org_heads.txt"),
        "name_heads": name_heads,
        "name_tails": _lines("name_tails.txt"),
        "world_words": _lines("wordfreq_tokens.txt") if (DATA_DIR / "wordfreq_tokens.txt").exists() else [],
    }
    names = {w.lower() for w in corpus_names}
    return {
        "maps": {"lexicon": lexicon, "zipf_en": zipf_en, "lower_count": lower_count,
                 "gazetteer": gazetteer, "corpus_names": corpus_names, "head_rate": head_rate},
        "texts": {"name_lines": _sorted_lines(names),
                  "name_lines_rev": _sorted_lines({w[::-1] for w in names}),
                  "head_pairs": _sorted_lines({ln.split("\t", 1)[0] for ln in _lines("head_pairs.tsv")})},
        "sets": sets,
        "site": build_site_pattern(ents),
        "entity": "(?:" + _trie_regex(sorted(gazetteer)) + r")(?![\w\-])",
    }


def _cacheable() -> dict:
    """:func:`parse_data` with the site regex compiled: what the disk cache stores (it keeps
    compiled regexes as their programs, so a cached load skips ``re``'s compiler too)."""
    data = parse_data()
    data["site_re"] = re.compile(data.pop("site"))
    data[TABLES] = {k: data["maps"].pop(k) for k in MAPPED}
    return data


def _resources(data: dict) -> Resources:
    return Resources(
        **data["maps"], **data.get(TABLES, {}), **data["texts"], **{k: frozenset(v) for k, v in data["sets"].items()},
        site_re=data["site_re"], entity_pattern=data["entity"],
    )


# The largest tables, read in place from the cache when the C kernel is there
# (saring.table): the same lookups, no objects built per key at load or copied per worker.
MAPPED = ("lexicon", "lower_count", "zipf_en", "corpus_names", "head_rate")
TABLES = "__tables__"  # = saring.resource_cache.TABLES (not imported: only a cache load needs it)


@lru_cache(maxsize=1)
def load_resources() -> Resources:
    """The parsed data files: once per process, and parsed only once per version of the files
    and of this module (the parsed result is cached on disk, ``saring.resource_cache``)."""
    from saring.resource_cache import load_cached

    files = sorted(p for p in DATA_DIR.iterdir() if p.is_file())
    return _resources(load_cached("repair", _cacheable, files))
