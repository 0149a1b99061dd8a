"""Page furniture recognised by the shape of a line, not by the outlet that printed it.

Outlet rules (``rules.tsv``) know the pages of the outlets in our corpora; other outlets print
the same kinds of furniture in other words and layouts. This pass marks a line as furniture by

- its vocabulary and form (``shape.tsv``): a credit ``Label: Name`` in any spacing, a team
  label, a follow-us-on-a-platform line, a related/trending header, a see-all link, a
  copyright notice, a date stamp, a breadcrumb, a share/comment widget, a tag line...;
- its position: *head* lines above the first body paragraph and *tail* lines below the last one
  may be furniture in more ways (a bare date, a section label, the outlet's own name) than lines
  between paragraphs (only the unambiguous classes there);
- its neighbours: in the tail, everything below the first furniture line that opens a block (a
  related header, a credit, a footer) is furniture; in the head, a short label directly above
  other furniture is a section label.

A *body paragraph* is a line of at least 8 words ending like a sentence, or any line of 200+
characters, that no furniture class matches. A document without one is left to the outlet rules
(lists, verse, tweets: shape says nothing there).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from saring.boilerplate.analysis import Lines
from saring.boilerplate.betweengrammar import mark_between
from saring.boilerplate.dispatch import SHORT, LineAlternation
from saring.boilerplate.headgrammar import mark_grammar
from saring.boilerplate.linescan import ProseFilter
from saring.boilerplate.placeholders import PLACEHOLDERS
from saring.boilerplate.tailgrammar import OPENERS, drop_trailing_notes, footer_sentence, mark_tail

ZONES = ("any", "edge", "head", "tail")
# outlet rules (rules.tsv) whose lines open a footer block like an anchor class does (not ads or
# scroll prompts, which also sit between paragraphs and list items)
_FOOTER_RULES = frozenset(
    {
        "byline",
        "copyright",
        "social_cta",
        "follow_us",
        "share_bar",
        "syndication_footer",
        "pilihan_redaksi",
        "read_more",
        "label_line",
        "source_footer",
        "lihat_juga",
        "cnn_footer",
    }
)
# dropped lines that open a tail block: footer rules and the tail grammar's openers
_BLOCK_RULES = _FOOTER_RULES | OPENERS
_CONTINUES_RE = re.compile(r"[,.;:)\]a-z]")
# a bare source line: a credit only directly above the credits that open the tail
_SOURCE_RE = re.compile(
    r"(?i:sumber)[ \t]?:[ \t]?[A-Z][\w.'’&-]{0,30}(?:[ \t][\w.'’&-]{1,30}){0,5}"
)
# two to four capitalised words: a byline without its label
_NAME_LINE_RE = re.compile(r"[A-Z][a-z.'’-]{1,20}(?: [A-Z][a-z.'’-]{0,20}){1,3}")
_LABEL_START_RE = re.compile(PLACEHOLDERS["{LABEL}"] + r"[ \t]{0,3}[:：]")
_BULLETS = frozenset("•·▪►▸■◆")  # not "-" or "*": body lists use those
_SMALL_WORDS = frozenset(
    "di ke dari dan yang untuk dengan ini itu pada dalam atau hingga soal usai saat bagi vs oleh "
    "tak tidak bisa akan sudah agar kian makin karena jadi".split()
)
_TLD_RE = re.compile(r"\.(?:co\.id|or\.id|go\.id|ac\.id|com\.my|com|id|net|co|my|org|info)$", re.I)
_HEADER_CLASSES = frozenset({"related", "next", "see_all", "share", "platform", "team"})
_ENDS = frozenset('.!?"”’)…')
# an imperative inside reported speech is body text ("Ikuti akun Instagram BMKG," kata dia.)
# first words of the furniture lines that can be long or end like a sentence (follow calls,
# copyright and reuse notices, captions, author bios, disclaimers, comment-form notes)
_LONG_FIRST_WORDS = frozenset(
    "ikuti follow dapatkan simak cek gabung bergabung baca copyright hak hakcipta dilarang foto "
    "keterangan alamat disclaimer penulis sumber subscribe jangan yuk ayo klik kunjungi unduh "
    "download install pantau dengarkan saksikan tonton salurkan sumbangkan donasikan ralat koreksi "
    "lanjutkan suka tautan dukung".split()
)
# classify's "long or sentence-shaped line" test (shared with the kernel's candidate pass)
_PROSE = ProseFilter(
    max_len=120,
    ends="".join(sorted(_ENDS)),
    min_spaces=11,
    first_words=_LONG_FIRST_WORDS,
    lstrip='*(["“',
    rstrip=":",
    marks=("©", "eserved", "anggung jawab", "anggungjawab"),
)
_LOWER_MONTH_RE = re.compile(
    r"\b(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b"
)
_PLATFORM_RE = re.compile(PLACEHOLDERS["{PLATFORM}"])
_SENTENCE_BREAK_RE = re.compile(r"[.!?] [A-Z]")
# what makes a call to follow the outlet's own: "kami", "berita"/"artikel", Google News, a domain
# (the site's own name is checked separately against the url)
_SELF_REF_RE = re.compile(
    r"(?i:\b(?:kami|kita|us|our|berita|artikel|google news)\b)"
    r"|\b[A-Za-z][\w-]{1,30}\.(?:com|id|co|net|my)\b"
)
_SPEECH_RE = re.compile(r"\b(?:kata|ujar|ucap|jelas|imbau|pinta|tegas|ungkap|pesan)(?:nya)?\b")
# what makes a listen/watch call the outlet's own ("Dengarkan siaran langsung RRI ...")
_MEDIA_REF_RE = re.compile(r"(?i:streaming|selengkapnya|siaran langsung|live|podcast|lainnya)")


@dataclass(frozen=True, slots=True)
class ShapeRule:
    cls: str
    zone: str
    anchor: bool
    pattern: str


def load_shape_rules(path: Path) -> list[ShapeRule]:
    """Parse ``shape.tsv``; a bad row raises ``ValueError`` naming it."""
    rules: list[ShapeRule] = []
    rows = [
        ln.split("\t")
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ][1:]
    for row in rows:
        if len(row) != 4 or row[1] not in ZONES or row[2] not in ("0", "1"):
            raise ValueError(f"{path}: bad shape row {row[:3]}")
        pattern = row[3]
        for key, value in PLACEHOLDERS.items():
            pattern = pattern.replace(key, value)
        re.compile(pattern)
        rules.append(ShapeRule(row[0], row[1], row[2] == "1", pattern))
    return rules


def _is_call_to_follow(line: str, brands: frozenset[str]) -> bool:
    """A follow-us line is one short sentence that points at the outlet or its feed (``kami``,
    its name, its domain, Google News); "Ikuti akun Instagram BPBD untuk info banjir" and a
    body sentence that starts with "Cek" and mentions WhatsApp are not."""
    if len(line) > 160 or _SENTENCE_BREAK_RE.search(line) or _SPEECH_RE.search(line):
        return False
    m = _PLATFORM_RE.search(line)
    # the platform comes within a few words of the call ("Ikuti berita X.com di Google News")
    if m is None or line.count(" ", 0, m.start()) > 8:
        return False
    if _SELF_REF_RE.search(line):
        return True
    key = letters_key(line)
    return any(len(b) >= 4 and b in key for b in brands)


def _is_media_call(line: str, brands: frozenset[str]) -> bool:
    """A listen/watch call of a radio or TV site ("Saksikan berita selengkapnya di tvOne dan
    streaming di ..."): one short line without a sentence end that points at the outlet (its
    name, a domain, ``kami``/``berita``, streaming); "Saksikan siaran itu di TVRI pada Sabtu."
    in a body is a sentence and reported speech never counts."""
    if (
        len(line) > 160
        or line[-1] in _ENDS
        or _SENTENCE_BREAK_RE.search(line)
        or _SPEECH_RE.search(line)
    ):
        return False
    if _SELF_REF_RE.search(line) or _MEDIA_REF_RE.search(line):
        return True
    key = letters_key(line)
    return any(len(b) >= 4 and b in key for b in brands)


def _in_zone(zone: str, head: bool, tail: bool) -> bool:
    """May a class of this zone apply to a line in the head, the tail or between paragraphs?"""
    return (
        zone == "any"
        or (zone == "edge" and (head or tail))
        or (zone == "head" and head)
        or (zone == "tail" and tail)
    )


def _title_like(text: str) -> bool:
    """A headline: 4-25 words, no final period, most words capitalised."""
    text = text.strip()
    words = text.split()
    if not 4 <= len(words) <= 25 or text[-1] in ".,;:":
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and sum(w[0].isupper() or w[0].isdigit() for w in content) >= 0.7 * len(
        content
    )


def _headline(text: str) -> bool:
    """A headline in title or sentence case: 4-25 words, starts with a capital or digit, no
    final period."""
    return (
        4 <= len(text.split()) <= 25
        and text[-1] not in ".,;:"
        and (text[0].isupper() or text[0].isdigit())
    )


_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]")
# classes that are furniture only next to other furniture of the tail or one another (a lone
# hashtag line closing a tweet is its text)
_RUN_CLASSES = frozenset({"hashtag"})


# headers whose lines below are not the text: an author's bio, a reference list
_UNDER_HEADERS = frozenset({"bio", "refs"})


_URL_RE = re.compile(r"https?://|www\.")
_ENDS_IN_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\)?\.?$")


def _citation(s: str) -> bool:
    """A reference: a link, a bracketed source, "Author. Title.", a title or a line ending in
    its year; never a line with quotes (a fact-check's verdict under a misplaced "Referensi")."""
    if _URL_RE.search(s) or s.startswith("["):
        return True
    if any(q in s for q in '"“”'):
        return False
    first, dot, rest = s.partition(". ")
    return bool(
        (dot and len(first.split()) <= 8 and first[:1].isupper() and rest[:1].isupper())
        or _ENDS_IN_YEAR_RE.search(s)
        or _title_case(s.rstrip("."), 12)
    )


def _drop_false_refs(
    lines: Lines,
    nonblank: list[int],
    found: dict[int, tuple[str, str, bool]],
    drop: dict[int, str],
) -> None:
    """A reference header counts only when every line below it is furniture or a citation;
    its lines then are no body paragraphs."""
    refs = [i for i, meta in found.items() if meta[0] == "refs"]
    if not refs:
        return
    ok = True  # every line below the one read is furniture or a citation (one pass upwards)
    for j in reversed(nonblank[bisect.bisect_left(nonblank, min(refs)) :]):
        if j in found and found[j][0] == "refs" and not ok:
            del found[j]
        ok = ok and (j in found or j in drop or _citation(lines[j].strip()))


def _last_paragraph(
    lines: Lines, paragraphs: list[int], found: dict[int, tuple[str, str, bool]]
) -> int:
    """The last body paragraph: the author's bio under an "about the author" header is not one,
    nor a reference under a "Referensi:" header,
    nor the one or two sentences that describe an organisation under "Tentang X" (a press
    release's boilerplate: "X adalah ..."; a "Tentang X" subheading over body text is not)."""
    last = paragraphs[-1]
    if len(found) and last > paragraphs[0]:
        bio = [
            i for i, meta in found.items() if meta[0] in _UNDER_HEADERS and paragraphs[0] < i < last
        ]
        if bio:
            return paragraphs[bisect.bisect_left(paragraphs, bio[0]) - 1]
        about = [i for i, meta in found.items() if meta[0] == "about" and paragraphs[0] < i < last]
        if about:
            k = bisect.bisect_left(paragraphs, about[0])
            if len(paragraphs) - k <= 2 and all(
                _DESCRIBES_RE.search(lines[j]) for j in paragraphs[k:]
            ):
                return paragraphs[k - 1]
    return last


def _bios(lines: Lines, nonblank: list[int], paragraphs: list[int], drop: dict[int, str]) -> None:
    """A one-line author bio directly under the byline, above the text or below it
    ("Warga Klungkung yang suka menulis tentang laut."): starts with a role word, at most 14
    words, not speech, with furniture or nothing below it; never the text's only paragraphs."""
    first, last = paragraphs[0], paragraphs[-1]
    for j in [j for j, why in drop.items() if why in _CREDIT_DROPS]:
        if drop[j] == "section_label" and not _NAME_LINE_RE.fullmatch(lines[j].strip()):
            continue  # a label over a headline, not a name over a bio
        k = bisect.bisect_right(nonblank, j)
        if k >= len(nonblank) or (i := nonblank[k]) in drop or first < i < last:
            continue
        if i in (first, last) and (len(paragraphs) < 3 or i == first):
            continue
        s = lines[i].strip()
        words = s.split()
        if (
            len(words) > 14
            or words[0].lower().strip(",.") not in _ROLE_WORDS
            or _QUOTES_RE.search(s)
            or _title_like(s)
        ):
            continue
        if k + 1 < len(nonblank) and nonblank[k + 1] not in drop:
            continue
        drop[i] = "bio"


def _named_bios(
    lines: Lines, nonblank: list[int], paragraphs: list[int], drop: dict[int, str]
) -> None:
    """A bio that opens with the name a credit line of this page gave ("Penulis: Nur Aini" ...
    "Nur Aini adalah penulis lepas di Cirebon."): directly under a credit, or the text's last
    line with only furniture below it; never the first paragraph, never speech."""
    names = {
        m.group(1)
        for j, why in drop.items()
        if why in _CREDIT_DROPS
        for m in _CREDITED_NAME_RE.finditer(lines[j])
    }
    if not names or len(paragraphs) < 3:
        return
    last = paragraphs[-1]
    for k, i in enumerate(nonblank):
        if i in drop:
            continue
        s = lines[i].strip()
        m = _BIO_OPENING_RE.match(s)
        if m is None or m.group(1) not in names or len(s.split()) > 30 or _QUOTES_RE.search(s):
            continue
        under_credit = k > 0 and drop.get(nonblank[k - 1]) in _CREDIT_DROPS
        closing = i == last and all(n in drop for n in nonblank[k + 1 :])
        if i == paragraphs[0] and not under_credit:
            continue
        if under_credit or closing:
            drop[i] = "bio"


# the name in a credit line ("Penulis: Nur Aini", "Ditulis oleh Andi Saputra")
_CREDITED_NAME_RE = re.compile(
    r"(?:^|[|•·,][ \t]?)\(?(?:(?i:penulis|editor|kontributor|reporter)[ \t]?:[ \t]?|"
    r"(?:(?:Ditulis|Diposting|Posted)[ \t])?(?:Oleh|oleh|By)[ \t]?:?[ \t])"
    r"([A-Z][\w'’-]{1,20}(?:[ \t][A-Z][\w'’-]{1,20}){0,3})"
)
# a bio's opening: a name, then "adalah"/"merupakan" or a comma and a lower-case word
_BIO_OPENING_RE = re.compile(
    r"([A-Z][\w'’-]{1,20}(?:[ \t][A-Z][\w'’-]{1,20}){0,3})(?:[ \t](?:adalah|merupakan)[ \t]|,[ \t](?=[a-z]))"
)
_DESCRIBES_RE = re.compile(r"\b(?:adalah|merupakan|didirikan)\b")
# first words of a one-line author bio (a role, not a name or a subject)
_ROLE_WORDS = frozenset(
    "mahasiswa mahasiswi dosen guru penulis warga pegiat alumnus alumni peneliti wartawan "
    "jurnalis pengajar pemerhati pensiunan staf pustakawan penyuka pencinta pecinta pengamat "
    "praktisi aktivis relawan santri karyawan pegawai blogger penggemar".split()
)
_CREDIT_DROPS = frozenset({"credit", "byline", "section_label", "team"})
_QUOTES_RE = re.compile(r"[\"“”]|\b(?:kata|ujar|ucap|jelas|ungkap)(?:nya)?\b")


def _title_case(s: str, most: int) -> bool:
    """2..``most`` words, every content word capitalised, no end mark: a name or a header."""
    words = s.split()
    return (
        2 <= len(words) <= most
        and s[-1] not in ".,;:!?"
        and all(w[0].isupper() or w[0].isdigit() for w in words if w.lower() not in _SMALL_WORDS)
    )


def _widget_header(s: str) -> bool:
    """A widget's header: one to three words, capitalised, ending in a colon or in title case
    ("Infaq dan Sedekah", "Susunan Pemain:")."""
    if len(s) > 30 or not s[0].isupper():
        return False
    if any(c in s[:-1] for c in ".,;:!?"):
        return False
    return 1 <= len(s.split()) <= 3 if s[-1] == ":" else _title_case(s, 3)


def _site_name_over(lines: Lines, head: list[int], drop: dict[int, str]) -> bool:
    """The text's first line is the publisher's name ("Badan Pengawas Obat dan Makanan") when
    it is a title-case name of 4-6 words over other furniture and a longer headline follows
    (1-3 words are section labels already)."""
    s = lines[head[0]].strip()
    if not 4 <= len(s.split()) <= 6 or not _title_case(s, 6):
        return False
    n = len(s.split())
    return any(
        j not in drop and len(t := lines[j].strip()) and _headline(t) and len(t.split()) > n
        for j in head[2:]
    )


def _drop_runs(runs: list[int], nonblank: list[int], found: dict, drop: dict[int, str]) -> None:
    """Drop each run-class line whose previous or next non-blank line is furniture too."""
    marked = set(runs)
    for i in runs:
        k = bisect.bisect_left(nonblank, i)
        near = [nonblank[j] for j in (k - 1, k + 1) if 0 <= j < len(nonblank)]
        if any(j in marked or j in drop for j in near):
            drop[i] = found[i][0]


@functools.lru_cache(maxsize=4096)
def brand_keys(site: str | None, host: str | None) -> frozenset[str]:
    """Letters-only names the outlet may print for itself: the labels of its host and site
    (``jogjapolitan.harianjogja.com`` -> jogjapolitan, harianjogja). Memoised: a pure function
    of two strings, asked once per document of the same few sites."""
    keys: set[str] = set()
    for name in (host, site):
        if not name:
            continue
        for label in name.lower().split(".")[:-1]:
            key = _NOT_ALNUM_RE.sub("", label)
            if len(key) >= 2 and key not in ("www", "com", "net", "org", "amp", "co", "go", "or"):
                keys.add(key)
    return frozenset(keys)


@functools.lru_cache(maxsize=4096)
def brand_firsts(brands: frozenset[str]) -> frozenset[str]:
    """The first characters, in both cases, of ``brands``: ``letters_key`` keeps an ASCII letter
    or digit that starts a line as its first character (lower-cased), so a line starting with
    one outside this set cannot be a brand's name (a pure function of the per-site set)."""
    return frozenset(c for b in brands if b for c in (b[0], b[0].upper()))


def _next_kept(lines: list[str], i: int, drop: dict[int, str]) -> str:
    """The next kept non-blank line after line ``i``, left-stripped ("" when there is none)."""
    for j in range(i + 1, len(lines)):
        if j not in drop and lines[j].strip():
            return lines[j].lstrip()
    return ""


# every ASCII character: itself when a lower-case letter or digit, else deleted (a table
# missing a character would pay a raised and cleared KeyError per character)
_ASCII_KEY = {
    c: (chr(c) if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else None) for c in range(128)
}


def letters_key(line: str) -> str:
    """The lower-case letters and digits of ``line`` (``_NOT_ALNUM_RE.sub("", line.lower())``):
    an ASCII lower-cased line by ``str.translate`` (~3x cheaper than the regex substitution)."""
    low = line.lower()
    if low.isascii():
        return low.translate(_ASCII_KEY)
    return _NOT_ALNUM_RE.sub("", low)


class ShapeFurniture:
    """Marks furniture lines of one document by shape (see the module docstring)."""

    def __init__(self, rules: list[ShapeRule], *, max_chars: int = 300) -> None:
        self.max_chars = max_chars
        self._meta: dict[str, tuple[str, str, bool]] = {}
        alts = []
        for k, r in enumerate(rules):
            group = f"{r.cls}__{k}"
            self._meta[group] = (r.cls, r.zone, r.anchor)
            alts.append((group, r.pattern))
        # see classify: the kernel skips the lines it rejects before any class
        self._alt = LineAlternation(alts, max_len=max_chars, prose=_PROSE) if alts else None

    @property
    def alt(self) -> LineAlternation | None:
        """The classes as one line alternation (``dispatch.line_candidates`` scans with it)."""
        return self._alt

    def classify(
        self,
        line: str,
        brands: frozenset[str] = frozenset(),
        cands: tuple[int, ...] | None = None,
    ) -> tuple[str, str, bool] | None:
        """(class, zone, anchor) of the first furniture class the whole line matches
        (``cands``: the only classes that can, from ``dispatch.line_candidates``)."""
        if self._alt is None or len(line) > self.max_chars:
            return None
        if _PROSE.rejects(line):
            return None  # a long or sentence-shaped line is furniture only in a few shapes
        group = self._alt.match(line) if cands is None else self._alt.match_among(line, cands)
        if group is None:
            return None
        meta = self._meta[group]
        if meta[0] == "follow" and not _is_call_to_follow(line, brands):
            return None
        if meta[0] == "listen" and not _is_media_call(line, brands):
            return None
        if meta[0] == "date" and _LOWER_MONTH_RE.search(line):
            return None  # all-lower-case text (court rulings): a date there is body text
        if meta[0] in _HEADER_CLASSES and line.lstrip()[0].islower():
            return None  # widget headers are capitalised; "berita pilihan" is running text
        return meta

    def mark(
        self,
        lines: Lines,
        drop: dict[int, str],
        brands: frozenset[str],
        cands: list | None = None,
        url: object = None,
    ) -> None:
        """Add furniture lines to ``drop`` (line index -> class); ``cands``: per line the
        classes that can match its stripped text (``dispatch.line_candidates``), or None;
        ``url``: the page's url (the head grammar reads its sections and slug)."""
        found, paragraphs, nonblank = self._classify_lines(lines, drop, brands, cands)
        _drop_false_refs(lines, nonblank, found, drop)
        if not paragraphs:
            for i, (cls, zone, _a) in found.items():
                if zone == "any":
                    drop[i] = cls
            return
        first, last = paragraphs[0], _last_paragraph(lines, paragraphs, found)
        last = drop_trailing_notes(lines, paragraphs, last, drop, found, brands)
        if last != first:
            last = footer_sentence(lines, nonblank, paragraphs, last, found, drop, _BLOCK_RULES)
        runs: list[int] = []
        for i, (cls, zone, _a) in found.items():
            if _in_zone(zone, i < first, i > last):
                if cls in _RUN_CLASSES:
                    runs.append(i)
                else:
                    drop[i] = cls
        if runs:
            _drop_runs(runs, nonblank, found, drop)
        tail = nonblank[bisect.bisect_right(nonblank, last) :]
        head = nonblank[: bisect.bisect_left(nonblank, first)]
        mark_grammar(lines, head, tail, drop, url)
        mark_tail(lines, tail, drop, brands)
        self._trailing_teasers(lines, tail, drop)
        self._head_labels(lines, head, drop)
        self._tail_block(lines, tail, found, drop)
        mark_between(
            lines, head, nonblank[len(head) : len(nonblank) - len(tail)], paragraphs, drop, url
        )
        if drop:
            _bios(lines, nonblank, paragraphs, drop)
            _named_bios(lines, nonblank, paragraphs, drop)

    def _classify_lines(
        self,
        lines: Lines,
        drop: dict[int, str],
        brands: frozenset[str],
        cands: list | None,
    ) -> tuple[dict[int, tuple[str, str, bool]], list[int], list[int]]:
        """The furniture class of each kept line that has one, the body paragraphs and every
        non-blank line (dropped or not), in one pass over the lines."""
        text_lines = lines.lines
        found: dict[int, tuple[str, str, bool]] = {}
        paragraphs: list[int] = []
        nonblank: list[int] = []
        possible = None
        firsts = brand_firsts(
            brands
        )  # a line starting with another ASCII letter or digit names no brand
        if cands is None and self._alt is not None:
            possible = self._alt.short_filter(lines.text)
        for i, ln in enumerate(text_lines):
            s = ln.strip()
            if not s:
                continue
            nonblank.append(i)
            if i in drop:
                continue
            if cands is not None:
                c = cands[i]  # None: no class can match the line
                meta = None if c is None else self.classify(s, brands, c)
            elif possible is None or len(s) > SHORT or possible(s):
                meta = self.classify(s, brands)
            else:
                meta = None  # no rule starts with its first character, fits and finds its marks
            # (a top-level domain needs its ".": without one the substitution changes nothing)
            if (
                meta is None
                and brands
                and len(s) <= 40
                and (s[0] in firsts or not (s[0].isascii() and s[0].isalnum()))
                and letters_key(_TLD_RE.sub("", s) if "." in s else s) in brands
            ):
                nxt = _next_kept(text_lines, i, drop)
                if not nxt or not _CONTINUES_RE.match(nxt):  # not a link split out of a sentence
                    meta = ("outlet_name", "edge", True)
            if meta is not None:
                found[i] = meta
            elif len(s) >= 200 or (s[-1] in _ENDS and s.count(" ") >= 7):
                paragraphs.append(i)
        return found, paragraphs, nonblank

    @staticmethod
    def _head_labels(lines: Lines, head: list[int], drop: dict[int, str]) -> None:
        """Short capitalised section labels (one to three words) directly above other head
        furniture (a credit, a date stamp, another label), or above the headline when furniture
        sits right below the headline or right above the label (a title page's "ABSTRAK" over
        the thesis title and its author is not a label); a bare name between head furniture
        and the first paragraph is a byline."""
        if (
            len(head) >= 2
            and head[-2] in drop
            and head[-1] not in drop
            and _NAME_LINE_RE.fullmatch(lines[head[-1]].strip())
        ):
            drop[head[-1]] = "credit"  # an author's name between the date stamp and the text
        below_is_furniture = False
        headline = 0  # the line below is a headline: 2 with furniture under it, 1 without
        for k in range(len(head) - 1, -1, -1):
            i = head[k]
            if i in drop:
                below_is_furniture, headline = True, 0
                continue
            s = lines[i].strip()
            words = s.split()
            if len(words) >= 4:  # the headline (kept) is transparent: a label may sit above it
                headline = (2 if below_is_furniture else 1) if _headline(s) else 0
                below_is_furniture = False
                continue
            short = (
                len(s) <= 30
                and len(words) <= 3
                and s[-1] not in ".,;:!?"
                and "," not in s
                and s[0].isupper()
            )
            if short and (
                below_is_furniture or headline == 2 or (headline == 1 and k and head[k - 1] in drop)
            ):
                drop[i] = "section_label"
                below_is_furniture = True
            else:
                below_is_furniture = False
            headline = 0
        if (
            len(head) >= 3
            and head[0] not in drop
            and head[1] in drop
            and _site_name_over(lines, head, drop)
        ):
            drop[head[0]] = "site_name"

    @staticmethod
    def _trailing_teasers(lines: Lines, tail: list[int], drop: dict[int, str]) -> None:
        """Bulleted headlines at the very end (``• Sleman Siapkan TPST Baru di Minggir``), with
        nothing but furniture below them: related links without a header. A bulleted list
        followed by body-like lines is left alone."""
        for i in reversed(tail):
            if i in drop:
                continue
            s = lines[i].strip()
            if s[0] not in _BULLETS or not _title_like(s[1:]):
                break
            drop[i] = "related"

    @staticmethod
    def _tail_block(
        lines: Lines,
        tail: list[int],
        found: dict[int, tuple[str, str, bool]],
        drop: dict[int, str],
    ) -> None:
        """Below the last paragraph, every line after the first block-opening furniture line
        (related header, credit, footer...) is furniture: teaser headlines, their timestamps,
        the outlet's address."""
        opened = False
        source = -1  # the kept tail line above, when it is a bare "Sumber: X" (block not open)
        above = before = -1  # the tail lines above (-1: the last paragraph)
        for i in tail:
            if opened and i not in drop:
                drop[i] = "tail_block"
            else:
                opens = i in drop and (
                    found[i][2] if i in found else drop[i] in _FOOTER_RULES or drop[i] in OPENERS
                )
                if source >= 0 and (opens or _LABEL_START_RE.match(lines[i].lstrip())):
                    drop[source] = "credit"  # "Sumber: Dinas Kesehatan" over "Penulis: admin"
                if opens:
                    opened = True
                    if (
                        above >= 0
                        and above not in drop
                        and (before < 0 or before in drop)
                        and _widget_header(lines[above].strip())
                    ):  # "Susunan Pemain:" over a share bar, not a list's last item
                        drop[above] = "widget_header"
                elif i not in drop:
                    s = lines[i].strip()
                    source = i if s[:1] in "Ss" and _SOURCE_RE.fullmatch(s) else -1
            above, before = i, above
