"""Find real list articles for the line model's negatives (read by hand, stored by id only).

    python evaluation/boilerplate/learned/negatives.py START STOP   # docs [START, STOP) per corpus

Prints, for the news corpora of ``wired.REAL_FILES`` (documents outside the real-text check,
which reads the first few hundred), every kept line the fitted model scores >= 0.3 that sits in a
run of >= 3 lines with the same list marker or of short lines, with its neighbours, plus its
corpus, id, line index and hash: the lines read and judged body go to ``negatives.tsv`` (file,
id, line, hash; never the text).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from evaluation.boilerplate.labelled import line_hash
from evaluation.boilerplate.learned.wired import DATA_FILE, REAL_FILES, read_corpus
from saring.boilerplate import learned as L
from saring.boilerplate.step import Boilerplate
from saring.document import Document
from saring.normalize.step import Normalize


def in_list(page: L.Page, i: int) -> bool:
    """The line is in a run of >= 3 lines with the same list marker, or of short lines."""
    pre = L._prefix(page.text(i))
    if pre and L._run_len(page, i, pre) >= 3:
        return True
    near = (page.prev(i), page.prev(page.prev(i)), page.next(i), page.next(page.next(i)))
    return sum(0 < len(page.text(j)) and page.text(j).count(" ") < L.SHORT_WORDS for j in near) >= 2


def main() -> int:
    start, stop = int(sys.argv[1]), int(sys.argv[2])
    norm, bp = Normalize(), Boilerplate(learned="off")
    norm.ensure_setup()
    bp.ensure_setup()
    model = L.LineModel.load(DATA_FILE)
    for file in REAL_FILES:
        for k, rec in enumerate(read_corpus(file, stop)):
            if k < start:
                continue
            doc = Document(str(rec["id"]), rec["text"], {"url": rec.get("url") or ""})
            norm.process(doc)
            res = bp.analyse(doc)
            lines = res.lines.lines
            page = L.Page.of(lines, res.drop)
            for i, p in model.scores(lines, res.drop, set()).items():
                if p >= 0.3 and in_list(page, i):
                    ctx = " || ".join(x[:70] for x in lines[max(0, i - 1) : i + 2])
                    print(f"{file}\t{doc.id}\t{i}\t{line_hash(lines[i])}\t{p:.2f}\t{ctx}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
