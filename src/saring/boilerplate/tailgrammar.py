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
- a **noun credit**: ``<Noun> oleh: <Name>`` (``Renungan oleh: Tim Kerasulan``), colon required.

Every class here opens the tail block (``shape._tail_block``). Only lines below the last body
paragraph are read (a note paragraph is one of them once taken off the end); between
paragraphs nothing here applies.
"""

from __future__ import annotations

import re

from saring.boilerplate.analysis import Lines

# a page note: the page or its text as the subject, and what it says of itself ...
_NOTE_SUBJECT = (
    r"(?:Artikel|Tulisan|Liputan|Berita|Konten|Ringkasan|Resep|Buletin|Rilis)"
    r"(?:[ \t][a-z]{2,15})?[ \t]ini"
)
_NOTE_PREDICATE = (
    r"(?:merupakan|adalah) bagian dari|hanya untuk tujuan|bukan pengganti|tidak menggantikan|"
    r"(?:telah|sudah) tayang di|(?:diproduksi|dibuat) oleh|mengandung tautan|"
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
# classes of this module that open the tail block below them
OPENERS = frozenset({"page_note", "related_block", "rating", "tail_credit"})


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


def drop_trailing_notes(
    lines: Lines, paragraphs: list[int], last: int, drop: dict[int, str]
) -> int:
    """Take page notes off the end of the body (bottom up, never the first paragraph);
    return the new last paragraph."""
    k = len(paragraphs) - 1 if paragraphs[-1] == last else paragraphs.index(last)
    while k > 0 and is_note(lines[paragraphs[k]].strip()):
        drop[paragraphs[k]] = "page_note"
        k -= 1
    return paragraphs[k]


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


def mark_tail(lines: Lines, tail: list[int], drop: dict[int, str]) -> None:
    """Page notes, related blocks, rating widgets and noun credits among the kept lines of the
    tail (a related heading counts only when the tail line right below it is a kept headline)."""
    for k, i in enumerate(tail):
        if i in drop:
            continue
        s = lines[i].strip()
        if is_note(s):
            drop[i] = "page_note"
        elif ("★" in s or "☆" in s) and _STARS_RE.fullmatch(s):
            drop[i] = "rating"
        elif s[:4] == "Beri" and _RATE_RE.fullmatch(s):
            drop[i] = "rating"
        elif " oleh" in s and _NOUN_CREDIT_RE.fullmatch(s):
            drop[i] = "tail_credit"
        elif (
            k + 1 < len(tail)
            and s[s.rfind(" ") + 1 :] in _RELATED_WORDS
            and _related_heading(s)
            and tail[k + 1] not in drop
            and _headline_shaped(lines[tail[k + 1]].strip())
        ):
            drop[i] = "related_block"
