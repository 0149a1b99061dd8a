"""Shared mechanics of the blind writers' runners (``evaluation/blind16`` .. ``blind20``).

Why: every round's runner repeated the same code (running a tree's saring, scoring pages with
``evaluation/boilerplate/unseen.py``, a dedup set through ``saring run`` / ``saring dedup``,
repair cases / pages / traps, PII, language ID and quality tables); a fix in one copy never
reached the others. Each runner now keeps only its set's specifics (paths, kinds, table rows).

The runners put this folder's parent (``evaluation/``) at the end of ``sys.path`` and import the
kit as ``blindkit``, so the kit is always this checkout's, whichever tree is scored; the kit
imports ``saring`` and the tree's scorers (``evaluation.*``) only inside its functions.
"""
