"""A multi-word name whose last word is joined from an ordinary word is one name, not a glued head.

``Pasar Tanahabang``, ``Toko Sinarterang``, ``Warung Pakdemuda``: the rules can read the joined
token as a name (``Pasar Tanah``) glued to a lower-case head (``abang``) and move the head before
it. Two kinds of evidence say the token is whole, and a site with either is capped to a flag
(``names._capped_surname``, which every name site passes: the rules', the scorer's and the page
lift's):

* the corpora write the capitalised sequence whole far more often than split (``Tanah Abang``
  158 times, ``Tanah abang`` almost never): ``cap_sequences.txt``, built by
  ``evaluation/repair/build_cap_sequences.py``;
* inside a title-case run, an adjective (``terang``, ``muda``, ``nikmat``: ``pos_adjs``) or a word
  that ends compound names and heads no name (``jaya``: ``name_tails``) with no noun after it heads
  no noun phrase, so it cannot be the head the translator glued after the name
  (``muda Warung Pakde`` is no Indonesian phrase); it is the name's last word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from saring.repair.resources import DATA_DIR

if TYPE_CHECKING:
    from saring.repair.glue import Site
    from saring.repair.resources import Resources

NEXT_WORD = re.compile(r" ([a-z]{3,})\b")  # (= names.NEXT_WORD: the lower-case word after a token)
# a title-case reduplicated word (``Anak-Anak``, ``Kupu-Kupu``) ending right before a name: the case of its
# second half says it is a title's word, not an ordinary sentence-initial ``Anak-anak``
TITLE_REDUP_BEFORE = re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+)-([A-Z][a-z]+) $")
# the capitalised word right before a token, one space between (the name run it continues)
CAP_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“]))([A-Z][a-z]+) $")
BEFORE_WINDOW = 40  # characters searched back for that word


@lru_cache(maxsize=1)
def cap_sequences() -> frozenset[str]:
    """Lower-case name sequences the corpora write whole (``tanah abang``, ``toko sinar terang``)."""
    text = (DATA_DIR / "cap_sequences.txt").read_text(encoding="utf-8")
    return frozenset(ln for ln in text.splitlines() if ln and not ln.startswith("#"))


def _word_before(text: str, start: int) -> str | None:
    """The capitalised word right before ``start`` (``Pasar`` before ``Tanahabang``), else None."""
    m = CAP_BEFORE.search(text, max(0, start - BEFORE_WINDOW), start)
    return m.group(1) if m is not None and m.end() == start else None


def whole_name(text: str, s: Site, res: Resources, shape: bool = True) -> bool:
    """Is the token that glue site ``s`` splits one name word (``Tanah|abang``, ``Sinar|terang``)?
    ``shape=False``: the corpus counts only, for gazetteer glue (``Limited Indonesia|baru saja``,
    ``drama China|terbaru``: a known place joined to an adjective is the translator's glue in real
    text; a shop named after one writes it apart)."""
    if s.form != "glue" or not s.right[:1].islower():
        return False  # (a camel seam, ``Baliem TimurFestival``, is the translator's)
    # the token's start: its name's last word
    tok = max(s.start, text.rfind(" ", s.start, s.rest_start) + 1)
    left, right = text[tok : s.rest_start].lower(), s.right.lower()
    if not left.isalpha():
        return False
    seqs = cap_sequences()
    if f"{left} {right}" in seqs:
        return True
    before = _word_before(text, tok)
    if before is None:
        return False
    if f"{before.lower()} {left} {right}" in seqs:
        return True
    return shape and _last_adjective(text, s.end, right, res)


def adjective_end(text: str, s: Site, res: Resources) -> bool:
    """A glue site whose glued word is an adjective ending a title-case run (``Pasar Jakarta|indah
    sejak``): whatever the token is, that word heads no phrase, so it never moves before the name."""
    if s.form != "glue" or not s.right[:1].islower():
        return False
    tok = max(s.start, text.rfind(" ", s.start, s.rest_start) + 1)
    if _word_before(text, tok) is None:
        return False
    return _last_adjective(text, s.end, s.right.lower(), res)


def _last_adjective(text: str, end: int, right: str, res: Resources) -> bool:
    """``Warung Pakde|muda terkenal``, ``Toko Bandung|jaya menjual``: an adjective, or a word that ends
    compound names (``name_tails.txt``) and heads no name's phrase, glued at the end of a title-case
    run with no noun after it heads nothing (``muda Warung Pakde`` is no phrase). Before a noun it
    may open the moved phrase (``Valdoria|mantan bendahara``: ``mantan`` comes before its noun)."""
    if right in res.pos_nouns:
        return False
    if right not in res.pos_adjs and (right not in res.name_tails or res.head_noun(right)):
        return False
    nxt = NEXT_WORD.match(text, end)
    return nxt is None or not (nxt.group(1) in res.pos_nouns or nxt.group(1) in res.context_nouns)


def tears_title(text: str, s: Site) -> bool:
    """``Anak-Anak Pelabuhan Kupang|novel``: a title-case reduplicated word right before the site's
    name belongs to the same title (an ordinary word would be written ``Anak-anak``); moving the
    glued word before the site's name would put it inside the title, a broken name: split only."""
    if s.form not in ("glue", "camel") or s.start < 2 or text[s.start - 1] != " ":
        return False
    m = TITLE_REDUP_BEFORE.search(text, max(0, s.start - BEFORE_WINDOW), s.start)
    return m is not None and m.end() == s.start and m.group(1).lower() == m.group(2).lower()
