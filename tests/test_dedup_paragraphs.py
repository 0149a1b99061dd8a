"""Normalisation for hashing and paragraph removal edits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.dedup.exact import exact_hash, paragraph_hash
from saring.dedup.normalize import hash_tokens, line_spans
from saring.dedup.paragraphs import KIND, paragraph_hashes, paragraph_removals, removal_spans
from saring.document import Document


def test_normalisation_ignores_case_accents_digits_and_punctuation() -> None:
    a = "Harga Kopi di Café itu naik 25% pada 2024!"
    b = "harga kopi di cafe itu -- naik 31 % pada 1999"
    assert hash_tokens(a) == hash_tokens(b)
    assert exact_hash(hash_tokens(a)) == exact_hash(hash_tokens(b))
    assert exact_hash(hash_tokens("harga kopi naik")) != exact_hash(hash_tokens("harga teh naik"))
    assert exact_hash([]) == 0
    assert paragraph_hash("  Baca   JUGA: Berita 1 ") == paragraph_hash("baca juga berita 7")


def test_paragraph_hashes_skip_short_lines_and_match_per_line_hash() -> None:
    text = "Jakarta -\n  Pemerintah menaikkan harga BBM mulai pekan depan.  \n\nOke."
    got = paragraph_hashes(text, min_chars=20)
    assert len(got) == 1
    s, e, h = got[0]
    assert text[s:e] == "Pemerintah menaikkan harga BBM mulai pekan depan."
    assert h == paragraph_hash(text[s:e])


FOOTER = "Ikuti berita terbaru kami setiap hari melalui kanal resmi redaksi."


def test_removal_deletes_whole_lines_and_undo_restores() -> None:
    text = f"Judul berita hari ini\n{FOOTER}\nIsi berita yang penting sekali.\n  {FOOTER}"
    doc = Document("d", text)
    reps, hits = paragraph_removals(text, {paragraph_hash(FOOTER)}, min_chars=20)
    assert hits == 2
    doc.apply("dedup", reps)
    assert doc.text == "Judul berita hari ini\nIsi berita yang penting sekali."
    assert {e.kind for e in doc.edits} == {KIND}
    assert doc.original_text() == text


def test_adjacent_removals_merge() -> None:
    text = "aaaa\nbbbb\ncccc\ndddd"
    spans = [(5, 9), (10, 14)]
    assert removal_spans(text, spans) == [(5, 15)]
    assert removal_spans(text, [(15, 19)]) == [(14, 19)]  # last line eats the newline before it
    assert removal_spans("only", [(0, 4)]) == [(0, 4)]


LINE = st.sampled_from(["", "  ", "Kalimat pendek.", FOOTER, "Berita utama tentang banjir di kota."])


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=10))
def test_removing_frequent_lines_leaves_exactly_the_other_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    reps, _ = paragraph_removals(text, {paragraph_hash(FOOTER)}, min_chars=20)
    doc = Document("d", text)
    doc.apply("dedup", reps)
    kept = [text[s:e] for s, e in line_spans(text) if text[s:e] != FOOTER]
    assert [doc.text[s:e] for s, e in line_spans(doc.text)] == kept
    assert doc.original_text() == text


TRICKY = "Aa1٣²½ﬁ™é\u0301\u00a0\u2019\u2026_-\n\t𝒂😭İẞ"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), st.text(alphabet=TRICKY, max_size=60)))
def test_translate_fast_path_equals_reference(text: str) -> None:
    from saring.dedup import normalize as n

    assert n.normalize_for_hash(text).split() == n._slow(text).split()
    assert n.normalize_for_hash(text).count("\n") == text.count("\n")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalised_lines_align_with_original_lines(text: str) -> None:
    from saring.dedup.normalize import normalized_lines

    assert len(normalized_lines(text)) == text.count("\n") + 1
