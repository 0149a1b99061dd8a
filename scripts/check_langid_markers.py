"""Check saring's language markers against wordfreq (run by hand; a test runs the same check).

Why: a marker is only useful when its language uses it clearly more than the languages it is
meant to separate from. wordfreq has id, ms and en lists (no jv/su), so:
- id/ms markers must be >= MIN_GAP Zipf more frequent in their own language than in the other
  (a word absent from both small lists is kept: rare spellings such as ``kenderaan``);
- jv/su markers must not be common Indonesian (Zipf in ``id`` below MAX_ID_ZIPF);
- en markers must be >= EN_GAP Zipf more frequent in English than in Indonesian.
Multi-word markers are skipped: wordfreq scores a phrase by its words, not as a phrase.

Usage: python scripts/check_langid_markers.py   (prints failing markers, exit 1 if any)
"""

from __future__ import annotations

import sys

from saring.langid.lexicon import load_markers

MIN_GAP = 0.3  # wordfreq's ms list holds some Indonesian (subtitles), so gaps are compressed
MAX_ID_ZIPF = {"jv": 5.0, "su": 5.0}
EN_GAP = 1.5  # English function words occur in Indonesian text (quotes), far less often


def zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang, wordlist="small")


def failures() -> list[str]:
    """Markers that wordfreq contradicts, one line each."""
    bad: list[str] = []
    for m in load_markers():
        if " " in m.token:
            continue
        if m.lang in ("id", "ms"):
            other = "ms" if m.lang == "id" else "id"
            own, oth = zipf(m.token, m.lang), zipf(m.token, other)
            if (own or oth) and own - oth < MIN_GAP:
                bad.append(f"{m.lang}\t{m.token}\tzipf {m.lang}={own:.2f} {other}={oth:.2f}")
        elif m.lang == "en":
            gap = zipf(m.token, "en") - zipf(m.token, "id")
            if gap < EN_GAP:
                bad.append(f"en\t{m.token}\tzipf en-id={gap:.2f}")
        elif m.lang in MAX_ID_ZIPF:
            z = zipf(m.token, "id")
            if z >= MAX_ID_ZIPF[m.lang]:
                bad.append(f"{m.lang}\t{m.token}\tzipf id={z:.2f}")
    return bad


def main() -> int:
    bad = failures()
    for line in bad:
        print(line)
    print(f"{len(bad)} marker(s) contradicted by wordfreq", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
