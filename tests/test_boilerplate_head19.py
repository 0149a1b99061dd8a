"""Session-19 grammars of the head's end and of the lines between body paragraphs
(``saring.boilerplate.betweengrammar``) and the new head menu shapes (``headgrammar``): glued and
blank-separated menus, the site named by its host, the tagline under it, a lone byline; button
lines, pagers, teaser links, comment blocks and captions between paragraphs.

Every page here is invented for saring (outlets, places and people made up); none of the text
is in ../shared/corpora or in evaluation/. Each furniture shape has a body or headline twin
that must stay.
"""

from __future__ import annotations

from saring.boilerplate.betweengrammar import is_widget, names_host
from saring.boilerplate.headgrammar import is_glued_menu, is_spaced_menu
from saring.boilerplate.step import Boilerplate
from tests import test_boilerplate_shape as shape_tests

P1 = "Warga Desa Kalirembang menanam seribu bibit mangrove di pesisir utara pada Minggu pagi."
P2 = "Kegiatan itu diikuti pelajar, nelayan dan relawan dari tiga kecamatan di sekitar muara."
P3 = "Kepala desa berharap mangrove menahan abrasi yang setiap tahun menggerus tambak warga."
P4 = "Dinas lingkungan hidup berjanji mengirim lima ribu bibit lagi sebelum musim hujan tiba."
HEADLINE = "Warga Kalirembang Tanam Seribu Bibit Mangrove di Pesisir Utara"
URL = "https://www.warta-kalirembang.id/lingkungan/2026/12/warga-tanam-seribu-bibit-mangrove"

step = shape_tests.step  # the same module-scoped set-up fixture


def lines_after(step: Boilerplate, lines: list[str], url: str | None = URL) -> list[str]:
    """The page's lines left after the step (undo checked by the shared runner)."""
    doc = shape_tests.run(step, "\n".join(lines), url)
    return [ln for ln in doc.text.split("\n") if ln]


def removed(step: Boilerplate, lines: list[str], url: str | None = URL) -> list[str]:
    """The page's lines the step took off."""
    left = lines_after(step, lines, url)
    return [ln for ln in lines if ln and ln not in left]


# ---- head menus: glued and blank-separated -------------------------------------------------


def test_glued_menu_shape():
    assert is_glued_menu("KabarNewsLifestyleKulinerWisataAcara")
    assert is_glued_menu("OtoMobilMotorTipsHarga BekasEvent")
    assert not is_glued_menu("Cara Unduh Video TikTok dan YouTube di iPhone Tanpa Aplikasi")
    assert not is_glued_menu("WhatsApp Rilis Fitur Baru")  # two glue points, three spaces


def test_spaced_menu_shape():
    assert is_spaced_menu("Profil  Anggota  Komisi  Produk Hukum  Agenda  Kontak")
    assert not is_spaced_menu("Profil  Anggota  Komisi")  # three items: too few
    assert not is_spaced_menu("Rapat  Komisi digelar  Senin  pagi.")  # a sentence
    assert not is_spaced_menu("Agenda  Rapat  2027  Kontak")  # a digit


def test_glued_and_spaced_menus_dropped_in_head_only(step):
    page = [
        "Warta Kalirembang",
        "BerandaLingkunganPesisirPertanianOpini",
        HEADLINE,
        P1,
        P2,
        "Dermaga  Tambak  Kebun  Sawah  Pasar",  # between paragraphs: a list, kept
        P3,
    ]
    gone = removed(step, page)
    assert "BerandaLingkunganPesisirPertanianOpini" in gone
    assert "Dermaga  Tambak  Kebun  Sawah  Pasar" not in gone
    assert HEADLINE not in gone


# ---- the site named by its host, its tagline, a lone byline --------------------------------


def test_names_host():
    assert names_host("WARTA KALIREMBANG", URL)
    assert names_host("Politeknik Negeri Kalirembang", "https://pnkalirembang.ac.id/berita/x")
    assert names_host("DPRD KOTA SUNGAI LEMBAYUNG", "https://dprd-sungailembayung.go.id/b/x")
    assert not names_host("Warga Kalirembang Tanam Mangrove", URL)
    assert not names_host("Warta Kalirembang.", URL)  # a sentence end
    assert not names_host("Warta Kalirembang", None)
    assert names_host("Suara Kalirembang FM 101.7", "https://suarakalirembangfm.id/warta/x")
    assert not names_host("101.7", "https://suarakalirembangfm.id/warta/x")


def test_opinion_byline_with_footnote_mark(step):
    page = ["Ketika Mangrove Jadi Benteng Terakhir", "Oleh Ratna Sulistyowati *)", P1, P2, P3]
    assert removed(step, page, "https://x.id/opini/ketika-mangrove-jadi-benteng-terakhir") == [
        "Oleh Ratna Sulistyowati *)"
    ]


def test_host_named_site_and_tagline(step):
    page = [
        "Warta Kalirembang",
        "Kabar kecil dari pesisir kami",
        HEADLINE,
        "by Ratna Sulistyowati",
        P1,
        P2,
        P3,
    ]
    gone = removed(step, page)
    assert gone == ["Warta Kalirembang", "Kabar kecil dari pesisir kami", "by Ratna Sulistyowati"]


def test_tagline_needs_the_slug(step):
    """The line under the site name stays when the slug names it (the headline) or when the
    url has no slug to tell them apart."""
    page = ["Warta Kalirembang", HEADLINE, "Kabar Warga", P1, P2, P3]
    assert HEADLINE not in removed(step, page)
    page = ["Warta Kalirembang", "Kabar kecil dari pesisir kami", HEADLINE, P1, P2, P3]
    assert "Kabar kecil dari pesisir kami" not in removed(step, page, "https://x.id/?p=12")


def test_byline_twins_stay(step):
    """A headline that opens with "Oleh-oleh" or "by" in running text is no byline."""
    for line in ("Oleh-oleh Khas Pesisir Kalirembang Laris Jelang Libur", "by the sea, kata warga"):
        assert line not in removed(step, [line, P1, P2, P3])


# ---- between paragraphs ----------------------------------------------------------------------


def test_widget_shape():
    assert is_widget("Lompat ke Resep Cetak Resep", alone=True)
    assert is_widget("Suka 12", alone=True) and is_widget("Balas", alone=True)
    assert not is_widget("Simpan", alone=True) and is_widget("Simpan", alone=False)
    assert not is_widget("Cetak Biru Kota", alone=True)
    assert not is_widget("Resep Ini", alone=False)  # no button verb


def test_teaser_links_between(step):
    page = [
        HEADLINE,
        P1,
        "Read more: Nelayan Kalirembang Keluhkan Solar Langka",
        P2,
        "SIMAK JUGA: Tambak Udang Terendam Rob",
        P3,
        "Baca: laporan lengkapnya ada di bawah ini",  # no headline after the cue: kept
        P4,
    ]
    gone = removed(step, page)
    assert gone == [
        "Read more: Nelayan Kalirembang Keluhkan Solar Langka",
        "SIMAK JUGA: Tambak Udang Terendam Rob",
    ]


def test_label_with_name_between_stays(step):
    """A "Label: Name" line of the text is no teaser: only a reading cue opens one."""
    page = [HEADLINE, P1, "Koordinator: Ratna Sulistyowati", "Relawan: Bayu Aji", P2, P3]
    assert removed(step, page) == []


def test_pager_between(step):
    page = [HEADLINE, P1, P2, "Halaman Selanjutnya", "1", "2", "Selanjutnya", P3, P4]
    gone = removed(step, page)
    assert "1" in gone and "2" in gone
    page = [HEADLINE, P1, "Halaman Selanjutnya", "1 2 3", "Pesisir yang terkikis", P2, P3]
    assert "1 2 3" in removed(step, page)


def test_numbers_of_the_text_stay(step):
    """A lone number between paragraphs (a list's number on its own line) stays, and so do
    numbers that do not count up."""
    page = [HEADLINE, P1, "1", P2, "2", P3, P4]
    assert removed(step, page) == []
    page = [HEADLINE, P1, "Halaman Selanjutnya", "3 1 2", P2, P3]
    assert "3 1 2" not in removed(step, page)


def test_comment_block(step):
    page = [
        HEADLINE,
        P1,
        P2,
        "Balas",
        "Sutrisno Pesisir",
        "Anggota Lama",
        "5 Des 2026",
        P3,
        "#2",
        "wong_kalirembang",
        "Member Baru",
        "Bergabung: Jan 2026 Pesan: 4",
        P4,
    ]
    gone = removed(step, page)
    assert gone == page[3:7] + page[8:12]


def test_short_lines_of_the_text_stay_between(step):
    """Subheadings and short lines between paragraphs with no comment chrome around them."""
    page = [HEADLINE, P1, "Sutrisno Pesisir", "Anggota Lama", "5 Des 2026", P2, "Bibit Lokal", P3]
    assert removed(step, page) == []


def test_caption_first_paragraph(step):
    cap = (
        "Relawan menanam bibit mangrove di pesisir utara Kalirembang, Minggu (7/12/2026) pagi. "
        "(WartaKalirembang.id/Ratna S.)"
    )
    page = [HEADLINE, "zoom-in", cap, P1, P2, P3]
    gone = removed(step, page)
    assert cap in gone and "zoom-in" in gone
    # a last paragraph closing with the agency's sign-off is the text
    signed = P4[:-1] + " (WK/Ratna)"
    assert signed not in removed(step, [HEADLINE, P1, P2, P3, signed])


def test_head_widgets(step):
    page = [
        "Warta Kalirembang",
        "Masuk",
        "Daftar",
        "Cari berita...",
        "Beranda | Lingkungan | Pesisir | Opini",
        HEADLINE,
        "Lompat ke Resep Cetak Resep",
        P1,
        P2,
        P3,
    ]
    gone = removed(step, page)
    assert "Daftar" in gone and "Cari berita..." in gone
    assert "Lompat ke Resep Cetak Resep" in gone
    assert HEADLINE not in gone
