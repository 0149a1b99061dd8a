"""A learned line classifier for boilerplate (issue 17 experiment; nothing here is wired into
``src/saring``).

Question: the boilerplate rules were tuned round by round on page sets written by the rule
writer and gain little on a set written by someone else. Does a model of line *shapes* (no outlet
names), trained on several writing rounds, generalise to a round it never saw?

- ``features.py``: per-line features (length, final punctuation, character shares, separators,
  position from top / bottom and relative to the first / last prose paragraph, neighbours' form,
  function-class vocabulary taken read-only from ``src/saring/data/boilerplate`` with every
  outlet, brand and agency token removed, and optionally the rule step's verdict).
- ``data.py``: the hand-written page sets ``evaluation/boilerplate/unseen/*.txt`` grouped by
  writing round (tune/heldout = round1, *14* = round2, *15* = round3, *16* = round4) and the
  labelled corpus lines (``bench/data/boilerplate/labels.tsv``, own group, needs the corpora).
- ``model.py``: L2 logistic regression in numpy (Newton), JSON weights.
- ``loro.py``: the leave-one-round-out table, ``--fit`` (writes ``model.json``), ``--score FILE``.

Run from the repository root with ``SARING_CACHE_DIR`` set:
``python evaluation/boilerplate/learned/loro.py``. Results: notes/boilerplate.md, Session 16
(learned14).
"""
