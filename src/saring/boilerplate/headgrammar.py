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
  a menu: the menu is the evidence that the page's chrome starts there.

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
    PLACEHOLDERS["{LABEL}"] + r"|(?i:diposting oleh|posted by|ditulis oleh|kategori|category)"
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


def is_menu(s: str) -> bool:
    """A navigation menu: >= 3 capitalised items between separators, or >= 4 capitalised
    words opening with the home item; no digits (a date row or a score is not a menu)."""
    if len(s) > 200 or s[-1] in _ENDS or _DIGIT_RE.search(s):
        return False
    if "|" not in s and "•" not in s and "·" not in s:
        return s.split(" ", 1)[0] in _HOME and _home_menu(s)
    items = _MENU_SEP_RE.split(s)
    return len(items) >= 3 and all(_ITEM_RE.fullmatch(it.strip()) for it in items)


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


def mark_grammar(lines: Lines, head: list[int], tail: list[int], drop: dict[int, str]) -> None:
    """Drop menus and meta rows in the head, meta rows and a media-group line in the tail (a
    tail run of capitalised items may be a list of the text), and the name lines above a head
    menu."""
    menus = []
    for i in head:
        if i not in drop:
            s = lines[i].strip()
            sep = _has_separator(s)  # (``in`` checks only: most head lines are titles)
            if (sep or s.startswith(_HOME_STARTS)) and is_menu(s):
                drop[i] = "menu"
                menus.append(i)
            elif (sep or s[0] in _META_OPENERS) and is_meta(s, True):
                drop[i] = "meta"
    for i in tail:
        if i not in drop:
            s = lines[i].strip()
            if (_has_separator(s) or s[0] in "PpDd") and is_meta(s, False):
                drop[i] = "meta"
            elif " bagian dari " in s and _GROUP_RE.fullmatch(s):
                drop[i] = "group"
    if menus:
        _site_above(lines, head, menus[-1], drop)


def _site_above(lines: Lines, head: list[int], menu: int, drop: dict[int, str]) -> None:
    """The lines above the last head menu are the page's chrome when each is furniture or
    name-shaped (the site name, its tagline)."""
    above = [i for i in head if i < menu]
    if all(i in drop or _name_shaped(lines[i].strip()) for i in above):
        for i in above:
            drop.setdefault(i, "site_name")
