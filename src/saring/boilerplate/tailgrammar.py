"""Grammars of the page below the text: notes about the page itself, related blocks, widgets.

The shape rows (``shape.tsv``) know a tail line by its words; the tail is better known by
what its lines *say about the page* and by their *order*, which every outlet shares:

- a **page note** is a sentence whose subject is the page or its data (``Artikel ini
  merupakan bagian dari ...``, ``Data harga di atas tidak dapat dijadikan acuan ...``,
  ``Liputan ini ... Hubungi tim kami``), an affiliate disclosure (``... komisi dari tautan
  afiliasi ...``) or a question put to the reader followed by a call (``Suka ringkasan ini?
  Teruskan ke teman kamu.``, ``Sudah mencoba resep ini? Tag @x di Instagram!``). Such a
  sentence ends the text as the last paragraph of many pages; it is taken off the end of the
  body (one or more, from the bottom up) so the furniture around it is read as tail;
- a **related block** is a heading of two to four title-case words ending in a related word
  (``Resep Lainnya``, ``Renungan Sebelumnya``, ``Laporan Khusus Lainnya``, ``Baca
  Selanjutnya``) directly followed by a headline-shaped line (capitalised, 2-16 words, no
  final stop): the heading opens the tail block, which takes the headlines below it;
- a **rating widget**: a short line of three to five stars (``★★★★☆``, ``4.8 dari 126
  ulasan``) or the ``Beri nilai <x> ini`` prompt over it;
- a **noun credit**: ``<Noun> oleh: <Name>`` (``Renungan oleh: Tim Kerasulan``), colon required;
- a **call**: a media, shop, app or contact verb first (``Saksikan``, ``Beli``, ``Download``,
  ``Ikuti``, ``Jangan lewatkan ...``) and a channel in the line (an app
  store, a shop or platform name, a domain, an @handle, a phone number, ``selengkapnya``, ``di
  sini``): the outlet sending the reader elsewhere, never the story's own words. Taken off the
  end of the body like a page note, and dropped as a tail line (it does not open the block: a
  body list may follow a call);
- a **related block above a short last paragraph**: a line that opens a tail block followed by
  two or more teaser headlines, then one short "paragraph" (a comment form's ``Save my name,
  email ...``, a newsletter pitch, an about-us line): that sentence is the footer, not the
  text, and the tail starts above the block.

Every class here opens the tail block (``shape._tail_block``). Only lines below the last body
paragraph are read (a note paragraph is one of them once taken off the end); between
paragraphs nothing here applies.
"""

from __future__ import annotations

import bisect
import re

from saring.boilerplate.analysis import Lines
from saring.boilerplate.placeholders import PLACEHOLDERS

# a page note: the page or its text as the subject, and what it says of itself ...
_NOTE_SUBJECT = (
    r"(?:Artikel|Tulisan|Liputan|Berita|Konten|Ringkasan|Resep|Buletin|Rilis)"
    r"(?:[ \t][a-z]{2,15})?[ \t]ini"
)
_NOTE_PREDICATE = (
    r"(?:merupakan|adalah) bagian dari|hanya untuk tujuan|bukan pengganti|tidak menggantikan|"
    r"(?:telah|sudah) tayang di|(?:diproduksi|dibuat) oleh|mengandung tautan|(?:dapat|bisa) diunduh|"
    r"(?:akan )?terus diperbarui|(?:akan )?diperbarui secara berkala"
)
# ... or the page's data that is no basis for a deal ("Data harga di atas tidak dapat ...")
_DATA_NOTE = (
    r"(?:Data|Harga|Informasi)(?:[ \t][a-z]{2,15})?[ \t](?:ini|di atas)[ \t]"
    r"tidak[ \t](?:dapat|bisa|boleh)[ \t]dijadikan[ \t](?:acuan|patokan|dasar|pedoman)"
)
_SELF_RE = re.compile(rf"{_NOTE_SUBJECT}\b[^\n]{{0,60}}?\b(?:{_NOTE_PREDICATE})|{_DATA_NOTE}")
_SELF_FIRST = frozenset(
    "Artikel Tulisan Liputan Berita Konten Ringkasan Resep Buletin Rilis Data Harga Informasi".split()
)
_AFFILIATE_RE = re.compile(r"[^\n]{0,80}\bkomisi\b[^\n]{0,60}\b(?:tautan|link) afiliasi")
# a question to the reader, then a call: share it, forward it, tag us, contact us
_ASK_RE = re.compile(
    r"[A-Z][^?\n]{3,60}\?[ \t](?:Bagikan|Teruskan|Tag|Tandai|Share|Hubungi|Kirimkan)\b[^?\n]{0,80}"
)
# title case only: an all-caps "PROMO KFC MENARIK LAINNYA" on real pages is a subheading of the
# text (the all-caps related headers every outlet prints are shape rows with their own words)
_RELATED_WORDS = frozenset("Lainnya Sebelumnya Selanjutnya Berikutnya Terkait".split())
_HEAD_WORD_RE = re.compile(r"[A-Z][\w&'’-]{0,20}")
_STARS_RE = re.compile(r"[^\n★☆]{0,30}[★☆]{3,5}[^\n★☆]{0,40}")
_RATE_RE = re.compile(r"(?:Beri|Berikan)[ \t](?:nilai|rating|penilaian|ulasan)\b[^\n.]{0,40}")
# a credit labelled by any noun, colon required ("Renungan oleh: Tim Kerasulan Kitab Suci")
_NOUN_CREDIT_RE = re.compile(
    r"[A-Z][a-z]{3,14}[ \t]oleh[ \t]{0,3}:[ \t]{0,3}[A-Z][\w.'’-]{0,25}(?:[ \t][A-Z][\w.'’-]{0,25}){0,5}"
)
# a call: a verb that sends the reader to the outlet's media, shop, app or inbox ...
_CALL_FIRST = frozenset(
    "Saksikan Tonton Dengarkan Simak Beli Belanja Cek Cari Download Unduh Install Instal "
    "Dapatkan Kirim Kirimkan Ikuti Langganan Berlangganan Langgan Daftarkan Klik "
    "Kunjungi Watch Listen Buy Shop Subscribe Follow Get Visit".split()
)
# ... of which a paragraph at the end of the body may be only a media call: a release's last
# sentence "Kunjungi laman x.go.id ..." / "Informasi lebih lanjut ..." is its text (writer A)
_MEDIA_CALL_FIRST = frozenset(
    "Saksikan Tonton Dengarkan Simak Ikuti Langganan Berlangganan Langgan Watch Listen Subscribe "
    "Follow".split()
)
# ... and names the outlet itself: "Ikuti akun Instagram resmi BPBD ..." is the story's advice
_SELF_CALL_RE = re.compile(r"(?i:\b(?:kami|us|our)\b)")
_CALL_LEAD_RE = re.compile(r"Jangan[ \t](?:lewatkan|lupa)\b")
# ... and a channel: a store, shop or platform, a domain, a handle, a phone, "selengkapnya di"
# ("Simak selengkapnya <topic>" with nothing below is the text's lead-in to a part cut off)
_CALL_CUE_RE = re.compile(
    r"(?i:\b(?:selengkapnya[ \t](?:hanya[ \t])?(?:di|lewat|melalui)[ \t]|di[ \t]?sini|here|play[ \t]?store|app[ \t]?store|google[ \t]play|"
    r"tokopedia|shopee|lazada|blibli|bukalapak|traveloka|agoda|spotify|podcast|aplikasi)\b)|"
    r"(?i:\b(?:google[ \t]news|whats[ \t]?app|telegram|instagram|facebook|twitter|tiktok|youtube|"
    r"linkedin)\b)|@\w|\w\.(?:com|id|net|org|tv|my)\b|\d{3,}[- ]?\d{3,}"
)
# ... but not a lead-in to what follows ("Simak jadwalnya selengkapnya di bawah ini.")
_LEAD_IN_RE = re.compile(r"(?i:\b(?:di[ \t]?bawah|berikut|below|following)\b)")
# a rating line: "Rating: 4.8 dari 5 (36 ulasan)"
_SCORE_RE = re.compile(
    r"(?:(?:Rating|Nilai|Skor|Penilaian)[ \t]?:?[ \t]?)?\d(?:[.,]\d)?[ \t]?(?:dari|/|out of)"
    r"[ \t]?(?:5|10)\b(?:[ \t]?\(?\d{1,6}[ \t](?:ulasan|review|reviews|suara|votes|penilaian)\)?)?"
)
# a blog post's footer: "Posted by Pak RT at 8:14 PM", "Diposting oleh X di 19.42 2 komentar:"
_POSTED_RE = re.compile(
    r"(?:Posted by|Diposting oleh|Dikirim oleh|Dipublikasikan oleh)[ \t]"
    rf"{PLACEHOLDERS['{NAME}']}[ \t](?:at|di|pada)[ \t](?:{PLACEHOLDERS['{DATE}']},?[ \t])?"
    rf"{PLACEHOLDERS['{TIME}']}(?:[ \t](?:No comments|Tidak ada komentar|\d{{1,4}}"
    r"[ \t](?:comments?|komentar)):?)?"
)
_POSTED_FIRST = frozenset(("Posted", "Diposting", "Dikirim", "Dipublikasikan"))
# a shop card: "Kebaya Kutubaru Brokat Sage Rp289.000 Beli"
_SHOP_CARD_RE = re.compile(
    r"[A-Z][^\n]{2,80}?[ \t]Rp[ \t.]?\d{1,3}(?:[.,]\d{3}){1,3}(?:,-)?[ \t]"
    r"(?:Beli(?:[ \t]Sekarang)?|Buy(?:[ \t]Now)?|Shop|Lihat[ \t]Produk)"
)
# a page's version links and pagers: "Lihat Versi Lengkap", "Muat Lebih Banyak", "Galeri Foto (12)"
_PAGER_RE = re.compile(
    r"(?:Lihat[ \t])?(?:Versi|Tampilan)[ \t](?i:lengkap|desktop|web|non-amp|asli|mobile)|"
    r"(?:Muat|Tampilkan)[ \t](?i:lebih banyak)|Load[ \t](?i:more)|"
    r"(?:Galeri(?:[ \t]Foto)?|Foto|Video|Gallery|Photos?)[ \t]?\(\d{1,3}\)"
)
_PAGER_FIRST = frozenset(
    "Lihat Versi Tampilan Muat Tampilkan Load Galeri Foto Video Gallery Photo Photos".split()
)
# a labelled hashtag row ("TAGS #kebaya #wisuda") and a "you are reading" bar
_TAG_ROW_RE = re.compile(
    r"(?i:tags?|tagar|topik|label)[ \t]?:?[ \t]?#\w[\w-]{0,40}(?:[ \t,]{1,3}#\w[\w-]{0,40}){0,20}"
)
_READING_RE = re.compile(
    r"(?:Kamu|Anda)[ \t]sedang[ \t]membaca[ \t]?:[^\n]{0,160}|(?:You are|Now)[ \t]reading[ \t]?:[^\n]{0,160}"
)
_READING_FIRST = frozenset(("Kamu", "Anda", "You", "Now"))
# what this module drops that a short header line over it belongs to ("SHOP THE LOOK")
_WIDGET_ROWS = frozenset(("tail_call", "shop_card"))
# the outlet's own name over a tagline or under a section ("Sinar Tani - Media Pertanian
# Terdepan", "Warta Terkini | Swara Lor", "Solopos.com Espos Plus"): a part names the host
_SEPARATORS = ("|", " - ", "–", "—", "·", "•")
_PARTS_RE = re.compile(r"[ \t]*(?:[|–—·•]|[ \t]-[ \t])[ \t]*")
_TLD_END_RE = re.compile(r"\.(?:co\.id|com|id|net|org|tv|fm|my|web\.id|or\.id)$")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]")
# outlet rules that drop a related list's teasers with its header
_TEASER_RULES = frozenset(("pilihan_redaksi", "lihat_juga", "baca_juga"))
# the shape classes of the kept lines: line -> (class, zone, opens a block)
Found = dict[int, tuple[str, str, bool]]
# classes of this module that open the tail block below them
OPENERS = frozenset({"page_note", "related_block", "rating", "tail_credit"})


def _names_host(s: str, brands: frozenset[str]) -> bool:
    """Does a part of a short line (or its first word, when spelled as a domain) spell the
    host's name (or its start or end, six letters or more: ``Swara Lor`` on swaralor-fm.com)?
    A bare first word is not enough: a village site's name starts its place-date lines."""
    if not brands or len(s) > 60 or s[-1] in ".?!" or s.count(" ") > 7:
        return False
    if any(sep in s for sep in _SEPARATORS):
        parts = _PARTS_RE.split(s)
    else:  # no separator: only a first word spelled as a domain ("Solopos.com")
        first = s[: s.find(" ")] if " " in s else s
        if "." not in first or not _TLD_END_RE.search(first.lower()):
            return False
        parts = [first]
    for part in parts:
        key = _NON_ALNUM_RE.sub("", _TLD_END_RE.sub("", part.lower()))
        if key in brands or (
            len(key) >= 6
            and any(b != key and (b.startswith(key) or b.endswith(key)) for b in brands)
        ):
            return True
    return False


def is_note(s: str) -> bool:
    """A sentence about the page itself, an affiliate disclosure or a question-and-call (each
    regex behind a cheap test: this runs on every kept tail line)."""
    if len(s) > 400 or not s[:1].isupper():
        return False
    if s[: s.find(" ")] in _SELF_FIRST and _SELF_RE.match(s):
        return True
    if "komisi" in s and _AFFILIATE_RE.match(s):
        return True
    return "?" in s and _ASK_RE.fullmatch(s.rstrip()) is not None


def is_call(
    s: str, verbs: frozenset[str] = _CALL_FIRST, brands: frozenset[str] = frozenset()
) -> bool:
    """A call to watch, buy, download or follow elsewhere (24 words at most; the verb set is
    tested before the regexes): a channel in the line, or the host's own name (``Saksikan
    berita terbaru LayarNusa ... hanya di LayarNusa TV.`` on layarnusa.tv)."""
    if len(s) > 200 or not s[:1].isupper():
        return False
    first = s[: s.find(" ")].rstrip(",:!")
    if first not in verbs and not (first == "Jangan" and _CALL_LEAD_RE.match(s)):
        return False
    return (
        s.count(" ") < 24
        and s[-1] != ":"
        and (_CALL_CUE_RE.search(s) is not None or _spells_host(s, brands))
        and _LEAD_IN_RE.search(s) is None
    )


def _spells_host(s: str, brands: frozenset[str]) -> bool:
    """Does the line spell a host label of five letters or more among its letters?"""
    if not brands:
        return False
    key = _NON_ALNUM_RE.sub("", s.lower())
    return any(len(b) >= 5 and b in key for b in brands)


def _furniture_below(lines: Lines, i: int, found: Found, drop: dict[int, str]) -> bool:
    """Is the next non-blank line below ``i`` furniture (or is there none)? A call over kept
    lines introduces them ("Simak ulasan selengkapnya ..." over a price list)."""
    text = lines.lines
    for j in range(i + 1, len(text)):
        if text[j].strip():
            return j in found or j in drop
    return True


def drop_trailing_notes(
    lines: Lines,
    paragraphs: list[int],
    last: int,
    drop: dict[int, str],
    found: Found,
    brands: frozenset[str] = frozenset(),
) -> int:
    """Take page notes and the outlet's own media calls (``kami`` or its name in them) off the
    end of the body (bottom up, never the first paragraph); return the new last paragraph.
    ``found``: the shape classes of the kept lines (furniture before the zones apply)."""
    k = len(paragraphs) - 1 if paragraphs[-1] == last else paragraphs.index(last)
    while k > 0:
        s = lines[paragraphs[k]].strip()
        if is_note(s):
            drop[paragraphs[k]] = "page_note"
        elif (
            is_call(s, _MEDIA_CALL_FIRST, brands)
            and (_SELF_CALL_RE.search(s) or _spells_host(s, brands))
            and _furniture_below(lines, paragraphs[k], found, drop)
        ):
            drop[paragraphs[k]] = "tail_call"
        else:
            break
        k -= 1
    return paragraphs[k]


def footer_sentence(
    lines: Lines,
    nonblank: list[int],
    paragraphs: list[int],
    last: int,
    found: Found,
    drop: dict[int, str],
    block_rules: frozenset[str],
) -> int:
    """The last paragraph when it is a short sentence below a related block (an opener, then two
    or more teaser headlines and furniture only): the paragraph above it is the last. An opener is an anchor shape class (``found``) or a dropped line whose class
    is in ``block_rules``."""
    k = paragraphs.index(last)
    s = lines[last].strip()
    if k == 0 or len(s) >= 200 or s.count(" ") >= 30:
        return last
    gap = nonblank[
        bisect.bisect_right(nonblank, paragraphs[k - 1]) : bisect.bisect_left(nonblank, last)
    ]
    for n, j in enumerate(gap):
        if found[j][2] if j in found else drop.get(j) in block_rules:
            return paragraphs[k - 1] if _teasers_only(lines, gap[n + 1 :], found, drop) else last
    return last


def _teasers_only(lines: Lines, below: list[int], found: Found, drop: dict[int, str]) -> bool:
    """Two or more distinct teaser headlines (kept, or dropped by a related-list rule), other
    headline-shaped lines and furniture only: a scroll prompt is headline-shaped too but in
    capitals and repeated, a follow or download call or a shop card is no teaser, and a table
    cell or a sentence ends the block."""
    teasers: set[str] = set()
    for g in below:
        s = lines[g].strip()
        if g in found or g in drop:
            if drop.get(g) in _TEASER_RULES and _teaser(s):
                teasers.add(s)
        elif _teaser(s) and not is_call(s) and not _widget_class(s, frozenset()):
            teasers.add(s)
        elif not _headline_shaped(s):
            return False  # running text, a table cell: not a related block
    return len(teasers) >= 2


def _teaser(s: str) -> bool:
    """A teaser headline: 4-16 words, capitalised, not in capitals, no final stop or question."""
    n = s.count(" ") + 1
    return (
        4 <= n <= 16
        and (s[0].isupper() or s[0].isdigit())
        and s[-1] not in ".,;:?!"
        and not s.isupper()
    )


def _related_heading(s: str) -> bool:
    """Two to four capitalised words ending in a related word (``Resep Lainnya``)."""
    words = s.split()
    return (
        2 <= len(words) <= 4
        and words[-1] in _RELATED_WORDS
        and all(_HEAD_WORD_RE.fullmatch(w) for w in words[:-1])
    )


def _headline_shaped(s: str) -> bool:
    """A teaser headline: 2-16 words, capitalised, no final stop, no question."""
    n = len(s.split())
    return 2 <= n <= 16 and (s[0].isupper() or s[0].isdigit()) and s[-1] not in ".,;:?!"


def mark_tail(
    lines: Lines, tail: list[int], drop: dict[int, str], brands: frozenset[str] = frozenset()
) -> None:
    """Page notes, related blocks, rating widgets, noun credits, blog/shop/pager widgets, the
    outlet's own name and calls among the kept lines of the tail (a related heading counts only
    when the tail line right below it is a kept headline)."""
    if not tail:
        return
    any_drop = False
    for k, i in enumerate(tail):
        if i in drop:
            any_drop = True
            continue
        s = lines[i].strip()
        cls = _shape_class(lines, tail, k, s, drop) or _widget_class(s, brands)
        if cls:
            drop[i] = cls
            any_drop = True
    if any_drop and _mark_calls(lines, tail, drop, brands):
        _mark_widget_headers(lines, tail, drop)


def _mark_widget_headers(lines: Lines, tail: list[int], drop: dict[int, str]) -> None:
    """A short header (one to four words, no sentence mark) directly over two or more calls or
    shop cards and nothing else before the next kept line: its section is furniture."""
    for k, i in enumerate(tail):
        if i in drop:
            continue
        s = lines[i].strip()
        if len(s) > 40 or s.count(" ") > 3 or s[-1] in ".,;:!?":
            continue
        rows = 0
        for j in tail[k + 1 :]:
            if drop.get(j) not in _WIDGET_ROWS:
                break
            rows += 1
        if rows >= 2:
            drop[i] = "widget_header"


def _mark_calls(
    lines: Lines, tail: list[int], drop: dict[int, str], brands: frozenset[str]
) -> bool:
    """Calls in a tail that has other furniture, each over furniture or the end (bottom up): a
    lone ``Unduh aplikasi X di Play Store`` under an article about the app may be its last
    line, and a call over kept lines introduces them. Did the tail get a widget row (a call or
    a shop card)?"""
    rows = False
    below_ok = True  # the tail line below the one read is furniture (or there is none)
    for i in reversed(tail):
        if i not in drop:
            below_ok = below_ok and is_call(lines[i].strip(), _CALL_FIRST, brands)
            if below_ok:
                drop[i] = "tail_call"
                rows = True
        else:
            below_ok = True
            rows = rows or drop[i] == "shop_card"
    return rows


def _widget_class(s: str, brands: frozenset[str]) -> str | None:
    """A blog post's footer, a share row of the blog platform, a shop card, a pager or version
    link, a labelled hashtag row, a reading bar, or the outlet's own name in a short line (each
    regex behind a first-word or character test)."""
    first = s[: s.find(" ")] if " " in s else s
    if first in _POSTED_FIRST and _POSTED_RE.fullmatch(s):
        return "tail_credit"
    if "BlogThis!" in s:
        return "share"
    if "Rp" in s and _SHOP_CARD_RE.fullmatch(s):
        return "shop_card"
    if first in _PAGER_FIRST and _PAGER_RE.fullmatch(s):
        return "pager"
    if "#" in s and _TAG_ROW_RE.fullmatch(s):
        return "tags"
    if first in _READING_FIRST and _READING_RE.fullmatch(s):
        return "reading_bar"
    return "site_name" if _names_host(s, brands) else None


def _shape_class(lines: Lines, tail: list[int], k: int, s: str, drop: dict[int, str]) -> str | None:
    """A page note, a rating, a noun credit, or a related heading over a kept headline."""
    if is_note(s):
        return "page_note"
    if ("★" in s or "☆" in s) and _STARS_RE.fullmatch(s):
        return "rating"
    if s[:4] == "Beri" and _RATE_RE.fullmatch(s):
        return "rating"
    if " oleh" in s and _NOUN_CREDIT_RE.fullmatch(s):
        return "tail_credit"
    if (" dari " in s or "/" in s or "out of" in s) and _SCORE_RE.fullmatch(s):
        return "rating"
    if (
        k + 1 < len(tail)
        and s[s.rfind(" ") + 1 :] in _RELATED_WORDS
        and _related_heading(s)
        and tail[k + 1] not in drop
        and _headline_shaped(lines[tail[k + 1]].strip())
    ):
        return "related_block"
    return None
