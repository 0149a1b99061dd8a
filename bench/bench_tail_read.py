"""Cost of reading one input file cut into tail parts vs whole (issue 15; run under callgrind).

    valgrind --tool=callgrind python bench/bench_tail_read.py skip|whole|parts FILE

``whole``: every record of FILE as one shard reads it; ``parts``: the cut pass
(``split.cut_in``, 4 parts) plus every part's read (``split.read_part``), as a run of >= 8
shards reads its smallest files; ``skip``: imports only (subtract it). Prints the record count,
which must be the same for both.
"""

from __future__ import annotations

import sys

from saring.executors import split
from saring.io.readers import ReaderConfig, read_source, source_for_file


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    src, cfg, n = source_for_file(path), ReaderConfig(), 0
    if mode == "whole":
        n = sum(1 for _ in read_source(src, cfg))
    elif mode == "parts":
        parts = split.cut_in(src, "bench", split.TAIL_PARTS, None)
        n = sum(1 for p in parts for _ in split.read_part(src, cfg, p))
    print(mode, n)


if __name__ == "__main__":
    main()
