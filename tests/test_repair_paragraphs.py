"""Revision-duplicate paragraphs: which copy is kept, what is recorded, what is left alone."""

from __future__ import annotations

from saring.document import Document
from saring.repair.step import Repair

A = ("Menteri Luar Negeri tiba di Jakarta pada hari Rabu untuk membahas kerja sama perdagangan "
     "dan keamanan kawasan dengan para pejabat tinggi pemerintah Indonesia.")
B = A.replace("Rabu", "Kamis")
OTHER = "Pertemuan itu berlangsung tertutup dan tidak ada pernyataan resmi setelahnya."
GLUED = "Kunjungan itu juga membahas Jepangbantuan militer dan Jepangkapal patroli baru."


def run(text: str, **kw) -> Document:
    s = Repair(**kw)
    s.ensure_setup()
    doc = Document(id="p", text=text)
    s.process(doc)
    return doc


def test_revision_removed_when_document_shows_mt_damage() -> None:
    text = "\n".join([A, OTHER, GLUED, B])
    doc = run(text)
    kinds = [e.kind for e in doc.edits]
    assert kinds.count("revision_duplicate") == 1
    assert B not in doc.text and A in doc.text
    ann = doc.annotations["repair"]
    assert ann["revision_conflicts"] == [["Rabu", "Kamis"]]
    [removed] = ann["removed_paragraphs"]
    assert removed["text"] == B and removed["reason"] == "revision_duplicate"
    assert doc.undo() == text


def test_less_damaged_copy_is_kept() -> None:
    damaged = A.replace("pejabat tinggi pemerintah Indonesia", "Indonesiapejabat tinggi pemerintah")
    text = "\n".join([damaged, OTHER, GLUED, B])
    doc = run(text)
    lines = doc.text.split("\n")
    assert B in lines  # the clean later copy is kept
    assert not any(ln.startswith("Menteri Luar Negeri tiba di Jakarta pada hari Rabu") for ln in lines)
    assert doc.annotations["repair"]["revision_conflicts"] == [["Kamis", "Rabu"]]


def test_without_mt_evidence_near_duplicates_are_only_flagged() -> None:
    text = "\n".join([A, OTHER, B])
    doc = run(text)
    assert doc.text == text
    [flag] = doc.flags
    assert flag["kind"] == "revision_duplicate" and flag["conflicts"] == [["Rabu", "Kamis"]]
    forced = run(text, revision_needs_evidence=False)
    assert forced.text == "\n".join([A, OTHER])


def test_exact_duplicate_removed_last_line() -> None:
    text = "\n".join([A, OTHER, A])
    doc = run(text)
    assert doc.text == "\n".join([A, OTHER])
    assert [e.kind for e in doc.edits] == ["duplicate_paragraph"]
    assert doc.undo() == text


def test_templated_lists_and_short_lines_are_kept() -> None:
    items = [f"{i}. Tim nomor {i} dikenakan sanksi denda sebesar Rp {i}0.000.000 karena suporter "
             f"menyalakan suar di dalam stadion pada laga pekan ke-{i}." for i in range(1, 5)]
    short = ["Baca juga: berita lain", "Baca juga: berita lain"]
    text = "\n".join(items + short + [GLUED])
    doc = run(text)
    assert [e.kind for e in doc.edits if not e.kind.startswith("mt_")] == []


def test_dedup_can_be_disabled() -> None:
    text = "\n".join([A, OTHER, A])
    assert run(text, dedup_paragraphs=False).text == text


def test_flag_offsets_follow_paragraph_removal() -> None:
    lone = "Mereka membahas Rusiakredensialitas diplomatik kemarin."
    text = "\n".join([A, OTHER, A, lone])
    doc = run(text)
    assert [e.kind for e in doc.edits] == ["duplicate_paragraph"]
    [flag] = doc.flags
    assert doc.text[flag["start"] : flag["end"]] == flag["text"] == "Rusiakredensialitas diplomatik"


def test_triplicate_at_end_removes_both_copies_and_stays_idempotent() -> None:
    text = "\n".join([OTHER, A, A, A])
    doc = run(text)
    assert doc.text == "\n".join([OTHER, A])
    assert [e.kind for e in doc.edits] == ["duplicate_paragraph", "duplicate_paragraph"]
    assert doc.undo() == text
    assert run(doc.text).edits == []


SAR = ("Tim SAR gabungan akhirnya menemukan tujuh korban longsor di Desa Sukaraja pada Selasa "
       "sore setelah pencarian panjang.")
FILL = "Sementara itu, aparat setempat masih terus mengumpulkan keterangan dari para saksi di lokasi."


def test_short_changed_phrase_is_a_revision_with_its_conflict() -> None:
    for b, conflict in [
        (SAR.replace("tujuh", "sembilan"), ["tujuh", "sembilan"]),
        (SAR.replace("pencarian panjang", "pencarian selama tiga puluh jam"),
         ["panjang", "selama tiga puluh jam"]),
        (SAR.replace("Desa Sukaraja", "Kampung Cibeber Hilir"), ["Desa Sukaraja", "Kampung Cibeber Hilir"]),
    ]:
        doc = run("\n".join([SAR, FILL, b]), revision_needs_evidence=False)
        assert doc.text == "\n".join([SAR, FILL]), b
        assert doc.annotations["repair"]["revision_conflicts"] == [conflict]


def test_filled_in_templates_and_consecutive_lines_are_not_phrase_revisions() -> None:
    tpl = ("Layanan SIM keliling hari ini berada di {} mulai pukul 08.00 hingga 12.00 WIB untuk "
           "perpanjangan SIM A dan C bagi warga yang membawa KTP asli serta SIM lama.")
    places = ["Mal Ciputra Raya", "Kantor Pos Cikini Raya", "Taman Menteng Raya"]
    text = "\n".join([tpl.format(places[0]), FILL, tpl.format(places[1]), FILL, tpl.format(places[2])])
    doc = run(text, revision_needs_evidence=False)
    assert not any(e.kind == "revision_duplicate" for e in doc.edits)
    pair = "\n".join([SAR, SAR.replace("Desa Sukaraja", "Kampung Cibeber Hilir")])
    assert run(pair, revision_needs_evidence=False).text == pair  # adjacent: a list, not a revision


# written for session 14 (dedup12): the wider edit-region shapes and their near misses
PASAR = ("Wali kota meresmikan pasar rakyat yang baru selesai direnovasi dan meminta para pedagang "
         "menjaga kebersihan agar pembeli tidak beralih ke pasar modern.")
CABAI = ("Harga cabai rawit di pasar induk sempat menyentuh Rp 95.000 per kilogram sebelum turun "
         "perlahan setelah pasokan dari daerah sentra kembali normal.")


def test_an_added_clause_and_a_figure_with_its_unit_are_revisions() -> None:
    for a, b, conflict in [
        (PASAR, PASAR.replace("direnovasi dan", "direnovasi dengan anggaran Rp 8 miliar dan"),
         [["", "dengan anggaran Rp 8 miliar"]]),
        (CABAI, CABAI.replace("Rp 95.000 per kilogram", "Rp 1,1 juta per karung"),
         [["95 000", "1 1 juta"], ["kilogram", "karung"]]),
    ]:
        doc = run("\n".join([a, FILL, b]), revision_needs_evidence=False)
        assert doc.text == "\n".join([a, FILL]), b
        assert doc.annotations["repair"]["revision_conflicts"] == conflict


def test_replaced_clauses_without_figures_are_not_revisions() -> None:
    frame = ("\"{}\" kata Kepala Dinas Perhubungan, Agus Salim, di kantornya, Rabu siang.")
    quotes = ("Kami akan menambah armada bus sekolah untuk desa-desa terpencil mulai tahun depan,",
              "Tarif angkutan kota tidak akan dinaikkan sampai akhir tahun ini,")
    text = "\n".join([frame.format(quotes[0]), FILL, frame.format(quotes[1])])
    assert run(text, revision_needs_evidence=False).text == text
    # a clause longer than MAX_CLAUSE, and a changed phrase of 5-6 tokens without figures on both sides
    long_clause = PASAR.replace("direnovasi dan", "direnovasi oleh kontraktor lokal yang juga membangun terminal bus antarkota baru dan")
    text = "\n".join([PASAR, FILL, long_clause])
    assert run(text, revision_needs_evidence=False).text == text
    other = CABAI.replace("Rp 95.000 per kilogram", "harga tertinggi sepanjang musim hujan")
    text = "\n".join([CABAI, FILL, other])
    assert run(text, revision_needs_evidence=False).text == text
    # the same clause added to a lower-cased, unpunctuated record line (court records repeat
    # formulas with a clause more or less): not prose, only the four-token region applies
    rec = PASAR.lower().rstrip(".")
    text = "\n".join([rec, FILL, rec.replace("direnovasi dan", "direnovasi dengan anggaran rp 8 miliar dan")])
    assert run(text, revision_needs_evidence=False).text == text
