"""``shape.letters_key`` (``str.translate`` on ASCII lines) equals the regex substitution it
replaced, on any text: ASCII punctuation and controls, Latin-1, characters whose lower case is
ASCII (KELVIN SIGN) or longer (İ), and astral characters."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.boilerplate.shape import _ASCII_KEY, letters_key

_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]")


def _reference(line: str) -> str:
    return _NOT_ALNUM_RE.sub("", line.lower())


def test_the_table_covers_every_ascii_character() -> None:
    assert sorted(_ASCII_KEY) == list(range(128))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text()
       | st.text(alphabet="Kompas.com KOMPAS-TV 12 \u212aİıſÉé😀_\t\x00"))
def test_letters_key_equals_the_regex(line: str) -> None:
    assert letters_key(line) == _reference(line)


def test_examples() -> None:
    assert letters_key("KOMPAS.com") == "kompascom"
    assert letters_key("Harian Jogja -- 2024!") == "harianjogja2024"
    assert letters_key("\u212aompas") == "kompas"  # KELVIN SIGN lower-cases to ASCII "k"
    assert letters_key("İstanbul") == _reference("İstanbul")
