"""Build ``src/saring/data/repair/pos_id.tsv``: parts of speech of lower-case Indonesian words.

Source: the hand-annotated part-of-speech dataset shipped inside the ``nlp-id`` package (kumparan,
MIT licence, ``nlp_id/data/dataset_postag.txt``: ~560k tokens of kumparan news stories, one
``word<TAB>tag`` per line, sentences separated by blank lines, tags NN VB JJ NNP ADV ...). Only
word statistics are kept (never text): for each word seen in lower case at least twice, how often
it was tagged noun (NN), verb (VB), adjective (JJ) or anything else, and how often a noun use was
directly followed by a proper noun (NNP): ``direktur | Bank``, ``mobil | Toyota``. The repair step
uses it where wordfreq has frequencies only: "is this glued word a noun", "does the noun phrase
end here" (``berkas perkara``: ``perkara`` is a noun, not a ``per-`` verb; ``mobil listrik
murah``: ``murah`` is an adjective modifier).

Run: ``pip download --no-deps nlp-id -d /tmp/nlpid`` then
``python scripts/build_repair_pos.py /tmp/nlpid/nlp_id-*.whl`` (or pass the dataset file itself;
with no argument an installed ``nlp_id`` package is used). Nothing is fetched at run time.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "saring" / "data" / "repair" / "pos_id.tsv"
MEMBER = "nlp_id/data/dataset_postag.txt"
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
MIN_USES = 2
KINDS = {"NN": 0, "VB": 1, "JJ": 2}


def _dataset(arg: str | None) -> str:
    if arg is None:
        import nlp_id  # type: ignore[import-not-found]

        return (Path(nlp_id.__file__).parent / "data" / "dataset_postag.txt").read_text(encoding="utf-8")
    p = Path(arg)
    if p.suffix == ".whl":
        with zipfile.ZipFile(p) as z:
            return io.TextIOWrapper(z.open(MEMBER), encoding="utf-8").read()
    return p.read_text(encoding="utf-8")


def count(text: str) -> dict[str, list[int]]:
    """word -> [noun, verb, adjective, other, noun uses followed by a proper noun]."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    prev: tuple[str, str] | None = None
    for line in text.splitlines():
        if not line.strip():
            prev = None
            continue
        word, _, tag = line.rpartition("\t")
        tag = tag.upper()
        if prev is not None and prev[1] == "NN" and tag == "NNP":
            stats[prev[0]][4] += 1
        if WORD.fullmatch(word):
            stats[word][KINDS.get(tag, 3)] += 1
            prev = (word, tag)
        else:
            prev = None
    return stats


def main() -> None:
    stats = count(_dataset(sys.argv[1] if len(sys.argv) > 1 else None))
    rows = sorted((w, s) for w, s in stats.items() if sum(s[:4]) >= MIN_USES)
    tags = Counter()
    for _, s in rows:
        tags[max(range(4), key=lambda i: s[i])] += 1
    OUT.write_text(
        "# word\tnoun\tverb\tadj\tother\tnoun_before_name: lower-case word uses by part of speech in the\n"
        "# nlp-id POS dataset (kumparan, MIT; scripts/build_repair_pos.py); words seen >= 2 times\n"
        + "".join(f"{w}\t" + "\t".join(map(str, s)) + "\n" for w, s in rows),
        encoding="utf-8",
    )
    print(f"{len(rows)} words; mostly noun {tags[0]}, verb {tags[1]}, adjective {tags[2]}, other {tags[3]}")


if __name__ == "__main__":
    main()
