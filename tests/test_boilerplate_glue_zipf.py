"""The glue fixer's dict-read Zipf lookup for lower-case ASCII words gives exactly the float
``wordfreq.zipf_frequency`` gives (words of both lists, words missing from them)."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import get_frequency_dict, zipf_frequency

from saring.boilerplate.glue import GlueFixer, lower_ascii_zipf


def _lower_words(lang: str) -> list[str]:
    return [w for w in get_frequency_dict(lang, "best") if w.isascii() and w.isalpha() and w.islower()]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_listed_words_sampled_across_the_list(lang: str) -> None:
    words = _lower_words(lang)
    assert len(words) > 10_000
    step = max(1, len(words) // 3000)  # every frequency band, most common to rarest
    freqs = get_frequency_dict(lang, "best")
    for w in itertools.islice(words, 0, None, step):
        assert lower_ascii_zipf(freqs, w) == zipf_frequency(w, lang), w


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14), st.sampled_from(["id", "en"]))
def test_any_lower_word(word: str, lang: str) -> None:
    assert lower_ascii_zipf(get_frequency_dict(lang, "best"), word) == zipf_frequency(word, lang)


def test_fixer_uses_it_only_for_lower_ascii_words() -> None:
    fixer = GlueFixer((frozenset(), ()))
    fixer.setup()
    rnd = random.Random(7)
    words = ["dan", "Indonesia", "youtube", "iPhone", "café", "abc123", "", "bbm", "xqzt", "DAN", "o'clock"]
    words += ["".join(rnd.choice("abcdeiklmnoprstuy") for _ in range(rnd.randint(2, 9))) for _ in range(200)]
    for w in words:
        for lang in ("id", "en"):
            assert fixer.zipf(w, lang) == zipf_frequency(w, lang), (w, lang)
