"""Build ``src/saring/data/repair/compiled.pickle``: the repair step's text data files, parsed.

The repair step reads 16 text files (about 1.4 MB: lexicon, names, gazetteer, lists) and builds
two trie regexes at every process start. The cache holds the parsed dicts, the sorted lists behind
its sets and the two regex patterns, keyed by a digest of the text files: ``load_resources`` uses
it only when the digest matches (otherwise it parses the text, so a stale cache can cost time but
never change an output; ``tests/test_repair_cache.py`` fails until the cache is rebuilt).

Run after any change to ``src/saring/data/repair/*`` (``build_repair_data.py`` and
``build_repair_names.py`` call it at their end): ``python scripts/build_repair_cache.py``.
"""

from __future__ import annotations

from saring.repair.resources import write_cache


def main() -> None:
    path = write_cache()
    print(f"{path} {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
