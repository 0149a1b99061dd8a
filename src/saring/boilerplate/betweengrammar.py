"""Grammars of the page's widgets between body paragraphs and at the end of the head.

The shape rows and the head grammar know furniture by its words or by the chrome at the top of
a page; what an outlet drops *into* the text (a pager, a comment thread, a teaser link, a
photo's zoom button) and the last widgets over the text are known here by a small grammar:

- a **widget line** is made only of the verbs of a page's buttons and the objects they act on
  (``Jump to Recipe Print Recipe``, ``Cetak Resep Pin Simpan``, ``Suka Balas``, ``Lihat Versi
  Lengkap``, ``zoom-in``), a count allowed at its end (``Suka 3``); a one-word button is a
  widget by itself only when it answers a comment (``Balas``, ``Reply``), otherwise only next
  to other furniture (``Daftar`` under ``Login``);
- a **pager** is a run of ascending page numbers (``1 2 3``, or ``1`` / ``2`` on lines of their
  own) next to other furniture (``Halaman selanjutnya``);
- a **teaser link** is a reading cue, a colon and another article's headline (``Read more:
  Harga Solar Nelayan Kembali Langka``);
- a **comment block**: a member's counters (``Bergabung: Sep 2026 Pesan: 12``), a post number
  (``#2``) and the short lines between such chrome, or under a reply button down to the
  comment's date (``Balas`` / ``Kusnadi Arabika`` / ``Sesepuh`` / ``4 Des 2026``);
- a **photo caption** closed by its credit (``... dini hari. (Outlet.com/Name)``) that reads as
  the first "paragraph" (a long caption ends like a sentence); between paragraphs a captioned
  line stays whole (session 18's convention: only its credit may go);
- in the head only: a search box's placeholder (``Cari berita...``), a short line between two
  furniture lines, and the site's tagline under its name (``Cerita sehari-hari dari kampung
  kami``) when the url's slug names the line below it and none of its words.

A line the grammar does not fully parse is left alone; no rule reads another document.
"""

from __future__ import annotations

import bisect
import re

from saring.boilerplate.analysis import Lines
from saring.boilerplate.headgrammar import is_head_caption, url_words
from saring.boilerplate.placeholders import PLACEHOLDERS

# the verbs of a page's buttons (Indonesian and English)
_VERBS = frozenset(
    "balas reply suka like likes laporkan report kutip quote bagikan share cetak print simpan "
    "save pin unduh download salin copy perbesar zoom zoom-in zoom-out jump lompat tutup close "
    "lihat view tampilkan sembunyikan hide show embed login masuk daftar register".split()
)
# the objects such a button acts on
_OBJECTS = frozenset(
    "to ke ini this resep recipe artikel article foto photo gambar image halaman page link "
    "tautan versi version lengkap full selengkapnya komentar comment comments balasan replies "
    "postingan post".split()
)
_BUTTON_WORDS = _VERBS | _OBJECTS
# a one-word button that is a widget wherever it stands: the answer under a comment
_REPLY = frozenset("balas reply suka like likes laporkan report kutip quote".split())
_COUNT_RE = re.compile(r"\(?\d{1,6}\)?")
_PAGER_RE = re.compile(r"(?:[«‹<][ \t]?)?\d{1,3}(?:[ \t]{1,3}\d{1,3}){0,11}(?:[ \t]?[»›>])?")
_NUM_RE = re.compile(r"\d+")
_CUE_RE = re.compile(
    r"(?i:read more|read also|also read|see also|baca juga|baca pula|simak juga|lihat juga|"
    r"tonton juga|baca|simak)[ \t]?:[ \t]?"
)
_SEARCH_RE = re.compile(r"(?:Cari|CARI|Search|SEARCH|Ketik|Telusuri)\b[^.!?\n]{0,40}(?:\.{3}|…)")
# a member's counters under the name in a thread: two "Label: value" of a forum profile
_STATS_RE = re.compile(
    r"\b(?:Bergabung|Joined|Gabung|Posts?|Pesan|Messages|Reputasi|Reputation|Poin|Points)[ \t]?:"
)
_POST_NO_RE = re.compile(r"#\d{1,5}")
_DATE_RE = re.compile(rf"(?:{PLACEHOLDERS['{WEEKDAY}']},?[ \t])?{PLACEHOLDERS['{DATE}']}")
_ENDS = frozenset(".!?,;:")
_COMMENT = frozenset(("comment_widget", "comment_meta", "comment_stats"))
_WORD3_RE = re.compile(r"[a-z]{3,}")
# a byline alone: "by Salsabila Rahma", "Oleh Hendra W." (no date: the meta grammar wants one)
_BYLINE_RE = re.compile(
    r"(?:[Bb]y|BY|[Oo]leh|OLEH)[ \t]?:?[ \t][A-Z][\w.'’-]{0,25}(?:[ \t][A-Z][\w.'’-]{0,25}){0,3}"
    r"(?:[ \t]?\*{1,3}\)?)?"  # an opinion's footnote mark ("Oleh X *)")
)
_LETTERS_RE = re.compile(r"[a-z0-9]+")


def names_host(s: str, url: object) -> bool:
    """The page's top line is the site's name spelled by its host: every label of the host
    (``dprd-tanahrimba``) is a run of the line's words (``DPRD KABUPATEN TANAH RIMBA``), or the
    host is the initials of the first words and the rest in full (``utsawang``: ``Universitas
    Teluk Sawang``). 1-6 words, no sentence end."""
    if not isinstance(url, str) or "://" not in url or len(s) > 60 or s[-1] in _ENDS:
        return False
    words = _LETTERS_RE.findall(s.lower())
    while words and words[-1].isdigit():  # a radio's frequency after its name ("X FM 98.4")
        words.pop()
    if not 2 <= len(words) <= 6:
        return False
    host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    labels = [x for x in host.split(".") if x and x != "www"]
    if len(labels) < 2:
        return False
    core = labels[0]
    joined = "".join(words)
    parts = [x for x in core.split("-") if x]
    if len(parts) >= 2 and all(len(x) >= 3 and x in joined for x in parts):
        return all(_run_of(words, x) for x in parts)
    key = core.replace("-", "")
    if key[0] != words[0][0] or not key.endswith(words[-1]):  # the first letter, the last word
        return False
    return any(
        "".join(w[0] for w in words[:k]) + "".join(words[k:]) == key for k in range(len(words))
    )


def _run_of(words: list[str], part: str) -> bool:
    """Is ``part`` the concatenation of consecutive words?"""
    for a in range(len(words)):
        acc = ""
        for w in words[a:]:
            acc += w
            if acc == part:
                return True
            if not part.startswith(acc):
                break
    return False


def mark_between(
    lines: Lines,
    head: list[int],
    between: list[int],
    paragraphs: list[int],
    drop: dict[int, str],
    url: object = None,
) -> None:
    """Drop the widgets of the head's end and of the lines between the first and the last
    body paragraph (module docstring). ``between``: the non-blank lines from the first to the
    last paragraph; ``paragraphs``: the body paragraphs (never dropped, but a caption). Only
    the lines that are neither paragraphs nor dropped are read; most pages have none between
    their paragraphs and no kept head line, and cost a bisect (no set, no sort, no call)."""
    text = lines.lines
    if len(paragraphs) >= 3:
        t = text[paragraphs[0]]
        if t.endswith(")") or (t[-1:].isspace() and t.rstrip().endswith(")")):
            _first_caption(t, paragraphs[0], drop)
    # every line between the paragraphs a paragraph (most pages): nothing to read there
    if not between or bisect.bisect_right(paragraphs, between[-1]) == len(between):
        kept: list[int] = []
    else:
        kept = sorted(set(between).difference(paragraphs, drop))
    for i in kept:
        t = text[i]
        if ":" in t or (len(t) <= 64 and t.lstrip().split(" ", 1)[0].lower() in _BUTTON_WORDS):
            kind = _between_kind(t.strip())  # a colon: stats or a teaser; else a button line
            if kind is not None:
                drop[i] = kind
    if not head and not kept:
        return
    if head:
        _mark_head(text, head, drop, url)
    # the neighbour rules need a dropped line in the zone (the grammar's comment chrome is
    # only ever on zone lines); ``drop`` holds a few lines, the zone many
    lo, hi = (head or between)[0], (between or head)[-1]
    if not any(lo <= i <= hi for i in drop):
        return
    rest = {i for i in head if i not in drop}  # head lines are never paragraphs
    rest.update(i for i in kept if i not in drop)  # ``drop`` only grew since ``kept``
    if rest:
        _neighbours(text, head + between, rest, drop)


def _first_caption(t: str, first: int, drop: dict[int, str]) -> None:
    """A long photo caption closed by its credit reads as the first paragraph (``t``, which
    ends in ``)``)."""
    if is_head_caption(t.strip()):
        drop[first] = "caption"


def _between_kind(s: str) -> str | None:
    """The class of one kept line between paragraphs, by its shape alone, or None."""
    if len(s) > 200:
        return None
    if len(s) > 60 or s[-1] in _ENDS:
        return _teaser(s)
    if is_widget(s, alone=True):
        return "comment_widget"
    if ":" in s and len(_STATS_RE.findall(s)) >= 2:
        return "comment_stats"
    return _teaser(s) if ":" in s else None


def _teaser(s: str) -> str | None:
    """A reading cue, a colon and a headline-shaped title (no final stop, 3-25 words)."""
    if s.find(":", 3, 16) < 0:  # the cue is 4-13 characters long
        return None
    m = _CUE_RE.match(s)
    if m is None:
        return None
    title = s[m.end() :]
    words = title.split()
    if 3 <= len(words) <= 25 and title[0].isupper() and title[-1] not in ".,;:":
        return "teaser"
    return None


def is_widget(s: str, alone: bool) -> bool:
    """A line of button verbs and their objects (a count may close it); ``alone``: no
    furniture next to it, so a one-word line must be a reply button."""
    words = s.lower().split()
    if not words or len(words) > 6 or words[0] not in _BUTTON_WORDS:
        return False
    if len(words) > 1 and _COUNT_RE.fullmatch(words[-1]):
        words = words[:-1]
    if not _BUTTON_WORDS.issuperset(words) or _VERBS.isdisjoint(words):
        return False
    return len(words) > 1 or not alone or words[0] in _REPLY


def _mark_head(text: list[str], head: list[int], drop: dict[int, str], url: object) -> None:
    """The head's widgets: a search placeholder, a button line, a lone byline the slug does not
    name, the site named by its host, a short line between two furniture lines (the slug names
    no word of it), and the tagline under the site name."""
    slug: frozenset[str] | None = None  # the url's slug words, read when a line needs them
    for i in head:
        if i not in drop:
            s = text[i].strip()
            if len(s) <= 60 and (
                (s[-1] in ".…" and _SEARCH_RE.fullmatch(s))
                or (s.split(" ", 1)[0].lower() in _BUTTON_WORDS and is_widget(s, alone=True))
            ):
                drop[i] = "widget"
            elif s[0] in "bBoO" and len(s) <= 60 and _BYLINE_RE.fullmatch(s):
                slug = url_words(url)[1] if slug is None else slug
                if len(slug.intersection(_WORD3_RE.findall(s.lower()))) < 2:
                    drop[i] = "credit"
    if head[0] not in drop and names_host(text[head[0]].strip(), url):
        drop[head[0]] = "site_name"
    for k in range(1, len(head) - 1):
        i = head[k]
        if i not in drop and head[k - 1] in drop and head[k + 1] in drop:
            s = text[i].strip()
            if _short(s, 3, 30):
                slug = url_words(url)[1] if slug is None else slug
                if not slug.intersection(_WORD3_RE.findall(s.lower())):
                    drop[i] = "widget"
    if len(head) >= 3 and head[0] in drop and head[1] not in drop:
        _tagline(text, head, drop, url)


def _short(s: str, words: int, chars: int) -> bool:
    """A short line without a sentence end (a label, a name, a button)."""
    return len(s) <= chars and s[-1] not in _ENDS and len(s.split()) <= words


def _tagline(text: list[str], head: list[int], drop: dict[int, str], url: object) -> None:
    """The second head line under the dropped site name is its tagline when the url's slug
    (three or more words) names none of its words and the line below is furniture or named by
    the slug (the headline)."""
    s = text[head[1]].strip()
    if not s[0].isupper() or not (
        (_short(s, 8, 80) and not any(c.isdigit() for c in s)) or _items_line(s)
    ):
        return
    slug = url_words(url)[1]
    if len(slug) < 3 or slug.intersection(_WORD3_RE.findall(s.lower())):
        return
    below = head[2]
    if below in drop or len(slug.intersection(_WORD3_RE.findall(text[below].lower()))) >= 2:
        drop[head[1]] = "tagline"


def _items_line(s: str) -> bool:
    """5-20 capitalised items (a menu with a year or an acronym): no lower-case word."""
    words = s.split()
    return (
        5 <= len(words) <= 20
        and len(s) <= 200
        and s[-1] not in _ENDS
        and all(w[0].isupper() or w[0].isdigit() for w in words)
    )


def _neighbours(text: list[str], zone: list[int], rest: set[int], drop: dict[int, str]) -> None:
    """Lines that are furniture by their neighbours: one-word buttons and page numbers next to
    furniture, and the short lines of a comment block. ``rest``: the zone's lines that were
    neither paragraphs nor dropped when the pass began."""
    order = sorted(rest)
    pagers: list[tuple[int, int]] = []  # (position in the zone, line) of page-number lines
    for i in order:
        t = text[i]
        if len(t) > 48 or i in drop:
            continue
        s = t.strip()
        if not s or len(s) > 40:
            continue
        c = s[0]
        if c.isdigit() or c in "«‹<":
            if _PAGER_RE.fullmatch(s):
                pagers.append((bisect.bisect_left(zone, i), i))
            continue
        if c != "#" and s.split(" ", 1)[0].lower() not in _BUTTON_WORDS:
            continue
        k = bisect.bisect_left(zone, i)
        near = (k > 0 and zone[k - 1] in drop) or (k + 1 < len(zone) and zone[k + 1] in drop)
        if near and is_widget(s, alone=False):
            drop[i] = "widget"
        elif s[0] == "#" and near and _POST_NO_RE.fullmatch(s):
            drop[i] = "comment_meta"
    if pagers:
        _pagers(text, zone, pagers, drop)
    if not _COMMENT.isdisjoint(drop.values()):
        _comment_runs(text, zone, rest, drop)


def _pagers(
    text: list[str], zone: list[int], pagers: list[tuple[int, int]], drop: dict[int, str]
) -> None:
    """Runs of page-number lines with furniture above or below: ascending consecutive numbers,
    two or more of them, or one with furniture on both sides."""
    runs: list[list[tuple[int, int]]] = []
    for k, i in pagers:
        if runs and runs[-1][-1][0] == k - 1:
            runs[-1].append((k, i))
        else:
            runs.append([(k, i)])
    for run in runs:
        nums = [int(n) for _k, i in run for n in _NUM_RE.findall(text[i])]
        first, last = run[0][0], run[-1][0]
        above = first > 0 and zone[first - 1] in drop
        below = last + 1 < len(zone) and zone[last + 1] in drop
        ascending = all(b == a + 1 for a, b in zip(nums, nums[1:], strict=False))
        if ascending and ((len(nums) >= 2 and (above or below)) or (above and below)):
            for _k, i in run:
                drop[i] = "pager"


def _comment_runs(text: list[str], zone: list[int], rest: set[int], drop: dict[int, str]) -> None:
    """Up to four short lines (a member's name, rank, date) between two comment-chrome lines,
    or under a reply button down to a bare date; up to four above a member's counters."""
    chrome = sorted(bisect.bisect_left(zone, i) for i, c in drop.items() if c in _COMMENT)
    for k in chrome:
        if zone[k] in drop and drop[zone[k]] == "comment_stats":
            j = k - 1
            while j >= 0 and k - j <= 4 and zone[j] in rest and zone[j] not in drop:
                if not _short(text[zone[j]].strip(), 4, 40):
                    break
                drop[zone[j]] = "comment_meta"
                j -= 1
    for k in chrome:
        run = []
        j = k + 1
        while j < len(zone) and len(run) < 4:
            i = zone[j]
            if i not in rest or i in drop or not _short(text[i].strip(), 4, 40):
                break
            run.append(i)
            j += 1
        if not run:
            continue
        closed = j < len(zone) and drop.get(zone[j]) in _COMMENT
        if closed or _DATE_RE.fullmatch(text[run[-1]].strip()):
            for i in run:
                drop[i] = "comment_meta"
