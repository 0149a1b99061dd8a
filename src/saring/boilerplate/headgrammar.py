"""Grammars of the lines above the first and below the last body paragraph: menus, meta lines
and the site name over a menu.

The shape rows (``shape.tsv``) know a line by its words; a page's head is better known by its
*structure*, which every outlet shares whatever it calls its sections:

- a **menu** is a run of at least three short capitalised items between ``|``/``•``/``·``
  separators (``Kajian | Fikih | Tokoh | Donasi``), or a run of capitalised words opening with
  the home item (``Beranda Profil Berita Layanan Kontak``): no sentence, no digits, no date;
- a **meta line** is a row of segments between separators, each one a credit (``Oleh X``,
  ``Tim X``, ``Penulis: X``, ``Kategori: X``), a stamp (``Diperbarui: <date>``, ``Dilihat:
  <count>``), a bare name (head only, at most one), a date (Gregorian or Hijri), a time or a
  count (``4 min read``, ``1.022 views``), with at least one date, time, count or stamp among
  them (``Admin Disdik | 5 November 2026 | 1.022 views``); in the tail a credit, stamp or count
  must be one of them (``Tanggal: 19 Juni – 19 Juli`` is an event's details, any label but a
  page's own credits and stamps makes the row text);
- the **site name** (and its tagline) are the name-shaped lines between the top of the page and
  a menu: the menu is the evidence that the page's chrome starts there;
- a **section menu without separators or home item** (``News Regional Kisah Seleb Bola``) looks
  like a title-case headline by its words alone, so it needs the page's own evidence: one of its
  items is a section of the url's path (``/gaya-hidup/``) or the active section printed under it
  (a label line or breadcrumb item), and it shares fewer than two words with the url's slug (the
  slug names the headline);
- a head **date row without separators** (``Minggu, 6 Desember 2026 08:00 WIB``, ``Redaksi 6
  Desember 2026 0 Views``) and a head **photo caption** that ends in its credit (``... (Foto:
  X/Y)``, ``... Foto: X``, ``... (AGENCY/Name)``).

Menus are read in the head only, meta rows in the head and the tail (a list between or below
the paragraphs is never a menu here); a line the grammar does not fully parse is left alone.
"""

from __future__ import annotations

import re

from saring.boilerplate.analysis import Lines
from saring.boilerplate.placeholders import PLACEHOLDERS

_DATE = PLACEHOLDERS["{DATE}"]
_TIME = PLACEHOLDERS["{TIME}"]
_WEEKDAY = PLACEHOLDERS["{WEEKDAY}"]
_NAME = r"[A-Z][\w.'’-]{0,25}(?:[ \t][A-Z][\w.'’-]{0,25}){0,4}"
# a menu item: one to four capitalised words ("Jadwal & Skor", "Harga HP", "PPID")
_ITEM_RE = re.compile(r"[A-Z][\w'’&-]{0,20}(?: (?:[A-Z][\w'’&-]{0,20}|&)){0,3}")
_MENU_SEP_RE = re.compile(r"[|•·]")
_HOME = frozenset(("Home", "HOME", "Beranda", "BERANDA"))
_HOME_STARTS = tuple(_HOME)
# the items a site's menu names besides its sections: two of them make a run of words a menu
# ("Beranda Profil Berita Kontak"), not a headline that opens with "Beranda" (a porch)
_NAV_WORDS = frozenset(
    "berita profil kontak contact about tentang galeri gallery indeks index layanan pengumuman "
    "unduhan download agenda video foto opini redaksi artikel blog akademik publikasi ppid "
    "informasi login masuk".split()
)
# a capitalised word or "&" (a space-separated menu's items)
_CAP_WORD_RE = re.compile(r"(?:[A-Z][\w'’-]{0,20}|&)")
# the separators of a meta line: a bar, a bullet, a middot, a spaced dash or slash
# (each pattern opens with its separator: one opening with optional blanks is tried at every
# position of the line, ~10x slower)
_META_SEP_RE = re.compile(r"[|•·]|(?<=[ \t])[-–—/](?=[ \t])")
_HIJRI = r"\d{1,2}[ \t][A-Z][a-z']{2,12}(?:[ \t][A-Z][a-z']{2,12})?[ \t]1[34]\d\d(?:[ \t]?H)?"
_DATE_SEG_RE = re.compile(
    rf"(?:{_WEEKDAY},?[ \t])?(?:{_DATE}|{_HIJRI})(?:,?[ \t](?:(?i:pukul)[ \t])?{_TIME})?"
)
_TIME_SEG_RE = re.compile(_TIME)
_COUNT_SEG_RE = re.compile(
    r"\d[\d.,]{0,9}[ \t]?(?i:views|kali dilihat|kali dibaca|dilihat|dibaca|pembaca)"
    r"|\d{1,3}[ \t](?i:min|mins|menit)[ \t](?i:read|baca|membaca)|\d[\d.,]{0,9}[ \t](?i:kali)"
)
_CREDIT_SEG_RE = re.compile(
    rf"(?:(?i:oleh|by|ditulis oleh|diposting oleh|posted by|written by)[ \t]?:?[ \t]|"
    rf"(?:Tim|TIM|Admin|ADMIN)[ \t]){_NAME}"
)
# "Label: value" with a short label and a short value ("Kategori: Berita Daerah")
_LABELLED_RE = re.compile(r"([A-Z][\w]{1,20}(?:[ \t][\w]{1,20}){0,2})[ \t]?:[ \t]?(\S.{0,40})")
# labels of a page's own stamps and credits; any other label ("Tanggal:", "Lokasi:") may be an
# event's details in the text
_STAMP_LABELS = frozenset(
    "diperbarui diterbitkan dipublikasikan diposting diunggah published updated posted "
    "dilihat dibaca views".split()
)
_CREDIT_LABEL_RE = re.compile(
    PLACEHOLDERS["{LABEL}"]
    + r"|(?i:diposting oleh|posted by|ditulis oleh|kategori|category|foto|photo|video)"
)
_NAME_SEG_RE = re.compile(_NAME)
# a date and a name with no separator ("2 November 2026 Humas Polres X"), head only
_DATE_NAME_RE = re.compile(rf"{_DATE}[ \t]{_NAME}")
# "Posted by: Redaksi on: 10/11/2026": a credit then the date it was posted on
_POSTED_ON_RE = re.compile(
    rf"(?i:posted by|diposting oleh|ditulis oleh)[ \t]?:?[ \t]{_NAME}[ \t](?i:on|pada)[ \t]?:?[ \t]"
    rf"{_DATE}(?:,?[ \t]{_TIME})?"
)
# the outlet named as part of a media group ("X.com adalah bagian dari Grup Y"), tail only
_GROUP_RE = re.compile(
    r"[A-Z][\w.-]{1,30}\.(?:com|id|co\.id|net|co)[ \t](?:adalah|merupakan)[ \t]bagian dari[ \t]"
    r"[^\n]{1,80}"
)
_ENDS = frozenset(".!?,;:")
# first characters of a meta row without a separator ("Posted by: X on: <date>", "<date> Name")
_META_OPENERS = frozenset("PpDd0123456789")
_DIGIT_RE = re.compile(r"\d")
# a date row without separators: [name] date [time] [count] ("Redaksi 6 Desember 2026 0 Views");
# each name word possessive (a space must follow it: giving back characters never helps)
_NAME_ATOMIC = r"[A-Z][\w.'’-]{0,25}+(?:[ \t][A-Z][\w.'’-]{0,25}+){0,4}"
_BARE_DATE_ROW_RE = re.compile(
    rf"(?:(?P<name>{_NAME_ATOMIC})[ \t])?{_DATE_SEG_RE.pattern}"
    rf"(?:[ \t](?P<count>{_COUNT_SEG_RE.pattern}))?"
)
# a photo credit closing a head line: "(Foto: Dok. X)", "Foto: Freepik", "(AGENCY/Name P.)"
_CREDIT_END_RE = re.compile(
    r"(?:\((?:[Ff]oto|FOTO|Photo|Dok\.?)[ \t]?:[ \t]?[^()\n]{2,60}\)"
    r"|\b(?:[Ff]oto|FOTO|Photo)[ \t]?:[ \t]?[A-Z][\w.]{1,30}(?:[ \t/][A-Z][\w.]{0,30}){0,3}"
    r"|\([A-Z][A-Za-z0-9.]{1,30}/[A-Z][^()\n]{1,40}\))$"
)
_WORD_RE = re.compile(r"[a-z0-9]+")
_LOWER_WORD_RE = re.compile(r"(?:^|[ \t])[a-z]")
_RULE_CHARS = "-=_*~–—"
# the last words a date row without separators can end in (after a time or a count)
_ROW_ENDS = (
    "WIB", "WITA", "WIT", "MYT", "SGT", "AM", "PM", "am", "pm", "pagi", "petang", "malam",
    "iews", "kali", "dilihat", "dibaca", "pembaca", "read", "baca", "membaca",
)  # fmt: skip


def _has_credit_marks(s: str) -> bool:
    """The marks every head caption's credit holds: a slash, ``oto``/``OTO``, ``Dok``."""
    return "/" in s or "oto" in s or "OTO" in s or "Dok" in s


_TIME_IN_RE = re.compile(r"[ \t]\d{1,2}[:.]\d{2}(?![\d./-])")
# the drop classes of a head navigation line: the page's chrome starts above it
_NAV_CLASSES = frozenset(("menu", "breadcrumb"))
_CRUMB_SEP_RE = re.compile(r"[ \t](?:[»›>/|])[ \t]")


def is_menu(s: str) -> bool:
    """A navigation menu: >= 3 capitalised items between separators, or >= 4 capitalised
    words opening with the home item; no digits (a date row or a score is not a menu)."""
    if len(s) > 200 or s[-1] in _ENDS or _DIGIT_RE.search(s):
        return False
    if "|" not in s and "•" not in s and "·" not in s:
        return s.split(" ", 1)[0] in _HOME and _home_menu(s)
    items = _MENU_SEP_RE.split(s)
    return len(items) >= 3 and all(_ITEM_RE.fullmatch(it.strip()) for it in items)


# a run of menu items printed without spaces: a lower-case letter glued to the capital of the
# next item ("NewsLifestyleCityFood", "MobilMotorTipsModifikasiHarga Bekas")
_GLUED_RE = re.compile(r"[a-z][A-Z]")
_SPACED_SEP_RE = re.compile(r"[ \t]{2,}")


def is_glued_menu(s: str) -> bool:
    """A menu whose items lost their separators in extraction: at least three items glued to
    one another, more glue points than spaces (a headline naming ``YouTube`` or ``iPhone`` has
    one or two and many spaces)."""
    if len(s) > 200:
        return False
    glued = len(_GLUED_RE.findall(s))
    return glued >= 3 and glued > s.count(" ")


def is_spaced_menu(s: str) -> bool:
    """A menu whose separators became runs of blanks: >= 4 capitalised items (one to four
    words each) between two or more blanks, no digit, no sentence end."""
    if len(s) > 200 or s[-1] in _ENDS or _DIGIT_RE.search(s):
        return False
    items = _SPACED_SEP_RE.split(s)
    return len(items) >= 4 and all(_ITEM_RE.fullmatch(it) for it in items)


def _home_menu(s: str) -> bool:
    """4-14 capitalised words after the home item, two of them a menu's usual items."""
    words = s.split()
    return (
        4 <= len(words) <= 14
        and all(_CAP_WORD_RE.fullmatch(w) for w in words)
        and sum(w.lower() in _NAV_WORDS for w in words[1:]) >= 2
    )


def _segment(seg: str) -> str | None:
    """The kind of one meta segment: date, time, count, credit, label, name (None: not meta)."""
    if _DATE_SEG_RE.fullmatch(seg):
        return "date"
    if _TIME_SEG_RE.fullmatch(seg):
        return "time"
    if _COUNT_SEG_RE.fullmatch(seg):
        return "count"
    if _CREDIT_SEG_RE.fullmatch(seg):
        return "credit"
    m = _LABELLED_RE.fullmatch(seg)
    if m:
        label = m.group(1)
        if label.split()[-1].lower() in _STAMP_LABELS:
            return "stamp" if _segment(m.group(2)) in ("date", "count", "time") else None
        return "credit" if _CREDIT_LABEL_RE.fullmatch(label) else "label"
    if _NAME_SEG_RE.fullmatch(seg):
        return "name"
    return None


def _has_separator(s: str) -> bool:
    """Does the line hold a menu or meta separator? (memchr-fast; the split's regex is not)"""
    return "|" in s or "•" in s or "·" in s or " - " in s or " – " in s or " — " in s or " / " in s


def is_meta(s: str, head: bool) -> bool:
    """A byline/date/meta row (see the module docstring); ``head``: a bare name may sit beside
    the date (in the tail, "date - Place" is a schedule and stays)."""
    if len(s) > 160 or not _DIGIT_RE.search(s):
        return False
    if not _has_separator(s):
        if _POSTED_ON_RE.fullmatch(s):
            return True
        return head and _DATE_NAME_RE.fullmatch(s) is not None
    segs = [g.strip() for g in _META_SEP_RE.split(s)]
    kinds = [_segment(g) for g in segs]
    if None in kinds or "label" in kinds:
        return False
    if not any(k in ("date", "time", "count", "stamp") for k in kinds):
        return False
    if head:
        return kinds.count("name") <= 1
    return "name" not in kinds and any(k in ("credit", "count", "stamp") for k in kinds)


def _name_shaped(s: str) -> bool:
    """A site name or tagline: 1-6 words, no sentence end, every word capitalised or small."""
    words = s.split()
    return (
        1 <= len(words) <= 6
        and s[-1] not in _ENDS
        and all(w[0].isupper() or w[0].isdigit() or w.islower() for w in words)
        and (words[0][0].isupper() or words[0][0].isdigit())
    )


UrlWords = tuple[tuple[str, ...], frozenset[str]]
NO_URL: UrlWords = ((), frozenset())


def url_words(url: object) -> UrlWords:
    """The url's path sections as lower-case word runs (``/gaya-hidup/`` -> ``gaya hidup``) and
    the words of its last segment (the slug, which names the headline)."""
    if not isinstance(url, str) or "://" not in url:
        return NO_URL
    path = url.split("://", 1)[1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
    parts = [q for q in path.lower().split("/") if q]
    if not parts:
        return NO_URL
    sections = tuple(
        " ".join(w) for q in parts[:-1] if len(w := _WORD_RE.findall(q)) <= 3 and not q.isdigit()
    )
    return sections, frozenset(_WORD_RE.findall(parts[-1].rsplit(".", 1)[0]))


def mark_grammar(
    lines: Lines, head: list[int], tail: list[int], drop: dict[int, str], url: object = None
) -> None:
    """Drop menus, meta rows and captions in the head, meta rows and a media-group line in the
    tail (a tail run of capitalised items may be a list of the text), and the name lines above
    a head menu. ``url``: the page's url (its words are read only when a line needs them)."""
    words: UrlWords | None = None
    for k, i in enumerate(head):
        if i in drop:
            continue
        s = lines[i].strip()
        kind = _head_kind(s, k + 1 == len(head) and k > 0 and head[k - 1] in drop)
        if kind is not None and kind[-1] == "?":  # the url's words (or the line below) decide
            if words is None:
                words = url_words(url)
            kind = _with_evidence(kind, s, lines, head[k + 1 : k + 2], words)
        if kind is not None:
            drop[i] = kind
    for i in tail:
        if i not in drop:
            s = lines[i].strip()
            if (_has_separator(s) or s[0] in "PpDd") and is_meta(s, False):
                drop[i] = "meta"
            elif " bagian dari " in s and _GROUP_RE.fullmatch(s):
                drop[i] = "group"
    nav = [i for i in head if drop.get(i) in _NAV_CLASSES]
    if nav:
        _site_above(lines, head, nav[-1], drop, (words or url_words(url))[1])


def _head_kind(s: str, last_under_furniture: bool) -> str | None:
    """The grammar class of one head line by its shape, or None; a class ending in ``?`` is a
    candidate the page's evidence must confirm (``_with_evidence``). Cheap tests first: most
    head lines are titles."""
    sep = _has_separator(s)  # (``in`` checks only)
    if (sep or s.startswith(_HOME_STARTS)) and is_menu(s):
        return "menu"
    if (sep or s[0] in _META_OPENERS) and is_meta(s, True):
        return "meta"
    if (s[-1] == ")" or ": " in s) and _has_credit_marks(s) and is_head_caption(s):
        return "caption"
    if "  " in s and is_spaced_menu(s):
        return "menu"
    if s[-1] not in _ENDS and is_glued_menu(s):
        return "menu"
    if s[0] in _RULE_CHARS:  # a drawn separator ("-----") between the head and the text
        return "rule" if last_under_furniture and len(s) >= 3 and not s.strip(_RULE_CHARS) else None
    if sep or len(s) > 160 or s[-1] in _ENDS:
        return None
    if _DIGIT_RE.search(s):  # a date row ends in a digit, a time zone or a count's word
        return "date?" if len(s) <= 120 and (s[-1].isdigit() or s.endswith(_ROW_ENDS)) else None
    if 2 <= s.count(" ") <= 15 and s[0].isupper() and not _LOWER_WORD_RE.search(s):
        return "menu?"
    return None


def _with_evidence(
    kind: str, s: str, lines: Lines, below: list[int], words: UrlWords
) -> str | None:
    """Confirm a candidate: a date row (``is_bare_date_row``), a section menu
    (``is_section_menu``, which reads the line below)."""
    if kind == "date?":
        return "meta" if is_bare_date_row(s, words[1]) else None
    return "menu" if is_section_menu(s, lines[below[0]].strip() if below else "", words) else None


def is_bare_date_row(s: str, slug: frozenset[str]) -> bool:
    """A date row without separators: a date with its time, or a name before a date and a
    count; a name before a date alone only when a slug is known and does not name the line
    (``Harga Emas Hari Ini 7 Desember 2026``, ``Renungan Harian Senin, 7 Desember 2026`` are
    titles; ``jakarta`` / ``20 januari 1989`` heads a letter)."""
    m = _BARE_DATE_ROW_RE.fullmatch(s)
    if m is None:
        return False
    if m.group("count") is not None:
        return True
    if m.group("name") is None:  # a date alone is a letter's date too: a clock makes it a stamp
        return _TIME_IN_RE.search(s, 8) is not None
    return len(slug) >= 2 and len(slug.intersection(_WORD_RE.findall(s.lower()))) < 2


def is_head_caption(s: str) -> bool:
    """A photo caption above the text: a capitalised sentence closed by its photo credit."""
    if len(s) > 300 or not s[0].isupper():
        return False
    m = _CREDIT_END_RE.search(s)
    return m is not None and m.start() >= 12 and s[: m.start()].rstrip()[-1:] in ".,"


def is_section_menu(s: str, below: str, url: UrlWords) -> bool:
    """A run of 5-16 capitalised section names without separators or home item, told from a
    title-case headline by the page's own evidence (module docstring)."""
    words = s.split()
    least = 3 if words[0] in _HOME else 5  # "HOME OLAHRAGA SEPAK BOLA": a path, home first
    if not least <= len(words) <= 16 or len(s) > 160 or s[-1] in _ENDS or _DIGIT_RE.search(s):
        return False
    if not all(_CAP_WORD_RE.fullmatch(w) for w in words):
        return False
    low = " " + " ".join(words).lower() + " "
    slug = url[1]
    if len(slug) >= 2 and len(slug.intersection(low.split())) >= 2:
        return False  # the slug names this line: the headline
    if any(f" {sec} " in low for sec in url[0]):
        return True
    return _names_item(low, below)


def _names_item(low: str, below: str) -> bool:
    """The line under it is the active section (1-3 words) or a breadcrumb with an item (not
    the home item) that is one of this line's items."""
    if not below or len(below) > 120:
        return False
    items = _CRUMB_SEP_RE.split(below) if _CRUMB_SEP_RE.search(below) else [below]
    if len(items) == 1 and len(below.split()) > 3:
        return False
    return any(
        1 <= len(it.split()) <= 3 and it not in _HOME and f" {it.lower()} " in low
        for it in (x.strip() for x in items)
    )


def _site_above(
    lines: Lines, head: list[int], menu: int, drop: dict[int, str], slug: frozenset[str]
) -> None:
    """The lines above the last head menu or breadcrumb are the page's chrome when each is
    furniture or name-shaped (the site name, its tagline) and the url's slug names none."""
    above = [i for i in head if i < menu]
    for i in above:
        if i not in drop:
            s = lines[i].strip()
            if not _name_shaped(s) or len(slug.intersection(_WORD_RE.findall(s.lower()))) >= 2:
                return
    for i in above:
        drop.setdefault(i, "site_name")
