"""A CamelCase seam before an ordinary head noun is the translator's glue (camel19, session 19).

``Pelaksanaan Kartu Nelayan Sejahtera MandiriProgram bantuan masih tersendat``: the rules find
the name site but cap it at a flag (``glue.require_mt_fingerprint``: a name outside the gazetteer
glued CamelCase needs other MT glue in the document, because a scraper's headline join looks the
same). The seam itself is strong evidence when the part after it is an *ordinary* word that heads
the phrases names modify: the corpus layer writes it in lower case far more often than
capitalised mid-sentence (``program``, ``klub``, ``film``, ``aplikasi``; not ``Ketua``,
``Festival``, which open names and titles), and the glued name sits in running text (a word before
it that is not a headline's, lower-case text after the head). Such a site is lifted to an edit;
its move still needs the plan's own word-order confidence (``step.Repair._decide``).

Pure per document; no state. Only sites the rules already found are read (no new site, no new
split point), so the name's extent is the name walk's (``names.extend_name``), and a site whose
extent is unclear (``no_move``) stays a flag.
"""

from __future__ import annotations

from saring.repair import names as N
from saring.repair.glue import Site, in_running_text, is_verb, plan_repair
from saring.repair.resources import Resources

FLAG_MIN = 0.5  # a flag already (``step.FLAG_MIN``): the rules saw glue here
LIFT_CONFIDENCE = 0.8  # an edit (``Repair.min_confidence`` 0.75), as a confident rules site
HEAD_ZIPF = 3.5  # wordfreq ``id`` Zipf of the glued head (~1 in 300k words)
HEAD_LOWER = 30  # lower-case uses in the news layer: an ordinary word writers do write
CAP_SHARE = 0.35  # capitalised mid-sentence uses per lower-case use, at most (no name opener)
HEAD_RATE = 0.03  # followed by a name in 3% of its uses: a noun that heads linked names at all
OPENER_HEAD_RATE = 0.1  # ... a tenth, for a word that also opens names (``Rumah`` Sakit, ``Klub``)
CLEAR_ORDER = 0.85  # the plan's word-order confidence where the phrase's end is clear


def ordinary_head(word: str, res: Resources) -> bool:
    """``word`` (the glued part after the seam) is an ordinary Indonesian noun that heads the
    phrases a name modifies, and writers rarely capitalise it mid-sentence: its capital is the
    translator's, not a name's or a title's."""
    low = word.lower()
    if res.lexicon.get(low, 0.0) < HEAD_ZIPF or res.englishish(low) or low in res.titles_lower:
        return False
    lower = res.lower_count.get(low, 0)
    rate = OPENER_HEAD_RATE if word[:1].upper() + word[1:] in res.org_heads else HEAD_RATE
    if lower < HEAD_LOWER or not res.head_noun(low, rate) or is_verb(low, res):
        return False
    cap = res.corpus_names.get(word[:1].upper() + word[1:])
    return cap is None or cap[0] <= CAP_SHARE * max(cap[1], lower)


def _liftable(text: str, s: Site, res: Resources) -> bool:
    """A CamelCase name site in running text before an ordinary head noun, whose name's extent
    the walk found clear; not a name introduced (``bernama``), after a locative (``di``: a place,
    often a headline join) or before another name."""
    if s.form != "camel" or not s.name or s.scrape or s.no_move or s.subject:
        return False
    if " " not in s.entity:
        return False  # one word before the seam: a brand of two words (``KilatKargo``) as often
    if not FLAG_MIN <= s.confidence < LIFT_CONFIDENCE or not ordinary_head(s.right, res):
        return False
    k = s.start
    if N.LOCATIVE_BEFORE.search(text, max(0, k - 12), k) or N.NAMED_BEFORE.search(
        text, max(0, k - 30), k
    ):
        return False
    if N.NAME_AFTER.match(text, s.end):
        return False
    return in_running_text(text, s.start, s.end, res, initial_ok=True) and _clear_move(text, s, res)


def _clear_move(text: str, s: Site, res: Resources) -> bool:
    """The move the lifted site would make puts the name after a phrase whose end is clear
    (``klub sepak|bola mundur`` is not: a lifted site never splits a phrase)."""
    needs, s.needs_evidence = s.needs_evidence, 0  # (as lifted: ``plan_repair`` reads it)
    plan = plan_repair(text, s, res)
    s.needs_evidence = needs
    return plan.moved and plan.order_confidence >= CLEAR_ORDER


def lift_kind_seams(text: str, sites: list[Site], res: Resources) -> None:
    """Lift the flagged CamelCase name sites whose seam opens an ordinary head noun (in place).

    Run after ``glue.add_evidence``: a lifted site is evidence for itself only; it neither opens
    the name scan (``find_name_sites``) nor raises the document's other sites."""
    for s in sites:
        if _liftable(text, s, res):
            s.needs_evidence = 0
            s.cap = max(s.cap, LIFT_CONFIDENCE)
            s.confidence = LIFT_CONFIDENCE
