"""Write web test data: outlet-shaped HTML pages and WARC files (all text written by us).

Pages are shaped like Indonesian news outlets (menus, "Baca juga" blocks, related lists, share
bars, comments, cookie banners, ads, footers) around a body given by the caller, and every page
comes with its labels: which lines are body and which are furniture. The evaluation in
``evaluation/extract/`` wraps bodies read from ../shared/corpora at run time; the tests and the
shipped example use the bodies written below.

    python scripts/make_web_fixtures.py examples/crawl.warc.gz      # the shipped example WARC
"""

from __future__ import annotations

import html
import io
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ----------------------------------------------------------------------------- our own text
BODIES: list[tuple[str, list[str]]] = [
    ("Warga Desa Sukamaju Bangun Jembatan Bambu Secara Gotong Royong", [
        "Warga Desa Sukamaju di Kabupaten Garut membangun jembatan bambu sepanjang dua puluh meter secara gotong royong selama tiga hari terakhir.",
        "Jembatan itu menggantikan jembatan lama yang hanyut diterjang banjir bulan lalu, sehingga anak-anak harus memutar sejauh lima kilometer untuk pergi ke sekolah.",
        "Kepala desa mengatakan bahan bambu diambil dari kebun warga sendiri, sedangkan tali ijuk dan paku dibeli dari iuran sukarela setiap keluarga.",
        "Pemerintah kabupaten berjanji akan membangun jembatan beton permanen tahun depan setelah anggaran perubahan disetujui dewan.",
    ]),
    ("Harga Cabai di Pasar Tradisional Turun Menjelang Akhir Bulan", [
        "Harga cabai merah keriting di sejumlah pasar tradisional turun sekitar lima belas persen dibandingkan pekan sebelumnya.",
        "Pedagang menyebut pasokan dari petani di dataran tinggi kembali normal setelah musim hujan mereda dan jalan distribusi dapat dilalui truk.",
        "Seorang ibu rumah tangga mengaku lega karena kini bisa membeli cabai dalam jumlah cukup untuk kebutuhan warung makannya.",
        "Dinas perdagangan setempat akan terus memantau harga kebutuhan pokok hingga menjelang hari raya agar tidak terjadi lonjakan mendadak.",
        "Menurut catatan dinas, harga bawang merah dan bawang putih relatif stabil dalam sebulan terakhir.",
    ]),
    ("Perpustakaan Keliling Sambangi Sekolah di Pulau Terpencil", [
        "Sebuah kapal perpustakaan keliling mulai menyambangi sekolah-sekolah dasar di gugusan pulau kecil yang belum memiliki perpustakaan.",
        "Setiap kunjungan membawa sekitar seribu buku cerita, buku pelajaran, dan majalah anak yang dapat dipinjam selama dua minggu.",
        "Para guru menyambut baik program ini karena minat baca siswa meningkat sejak kapal pertama kali bersandar di dermaga desa.",
        "Relawan yang mengelola kapal berharap lebih banyak donatur ikut menyumbangkan buku bacaan yang sesuai untuk usia sekolah dasar.",
    ]),
]

NAV = ["Beranda", "Berita", "Nasional", "Daerah", "Ekonomi", "Olahraga", "Hiburan", "Teknologi",
       "Otomotif", "Kesehatan", "Video", "Foto", "Indeks"]
HEADLINES = [
    "Pemkot Gelar Operasi Pasar Murah di Lima Kecamatan",
    "Tim Sepak Bola Pelajar Lolos ke Babak Final Tingkat Provinsi",
    "Jalan Provinsi Rusak Parah, Warga Tanam Pohon Pisang",
    "Festival Kuliner Nusantara Digelar Akhir Pekan Ini",
    "Ribuan Pelari Ikuti Lomba Maraton di Pusat Kota",
    "BMKG Prakirakan Hujan Lebat di Sebagian Wilayah",
    "Petani Kopi Panen Raya, Harga Biji Kopi Naik",
    "Bus Sekolah Gratis Mulai Beroperasi Senin Depan",
    "Pameran Batik Tulis Tarik Ribuan Pengunjung",
    "Kereta Api Tambahan Disiapkan untuk Libur Panjang",
]
COMMENTS = [
    "Semoga cepat selesai, kasihan anak-anak sekolah.",
    "Mantap, salut untuk warga yang kompak!",
    "Kapan di daerah kami ada program seperti ini?",
]
OUTLETS = [("Kabar Nusantara", "kabarnusantara.example"), ("Warta Harian", "wartaharian.example"),
           ("Suara Daerah", "suaradaerah.example"), ("Radar Pesisir", "radarpesisir.example"),
           ("Info Kabupaten", "infokabupaten.example")]
N_SHAPES = len(OUTLETS)


@dataclass
class Page:
    """A generated page with its line labels (body paragraphs, furniture lines, title)."""

    html: str
    url: str
    title: str
    body: list[str]
    furniture: list[str] = field(default_factory=list)
    shape: str = ""


def esc(s: str) -> str:
    return html.escape(s, quote=True)


class _Furn:
    """Collects furniture text while the page is built, so labels never drift from markup."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, s: str) -> str:
        self.lines.append(s)
        return esc(s)


def _common(rng: random.Random, f: _Furn, site: str) -> dict[str, str]:
    heads = rng.sample(HEADLINES, 6)
    return {
        "nav": "".join(f'<li><a href="/{n.lower()}">{f(n)}</a></li>' for n in rng.sample(NAV, 8)),
        "cookie": f(f"Kami menggunakan cookie untuk meningkatkan pengalaman Anda di {site}. Dengan melanjutkan, Anda menyetujui kebijakan privasi kami."),
        "share": "".join(f"<a>{f(x)}</a>" for x in ("Bagikan", "Facebook", "Twitter", "WhatsApp", "Salin Tautan")),
        "related": "".join(f'<li><a href="/r{i}">{f(h)}</a></li>' for i, h in enumerate(heads[:4])),
        "baca": heads[4],
        "baca2": heads[5],
        "comments": "".join(
            f'<div class="comment"><b>{f(u)}</b><p>{f(c)}</p></div>'
            for u, c in zip(("budi_s", "sitirahma", "anton77"), COMMENTS, strict=True)),
        "footer": f(f"Copyright © 2026 {site}. Hak cipta dilindungi undang-undang."),
        "footer_links": " | ".join(f(x) for x in ("Redaksi", "Pedoman Media Siber", "Kontak", "Karir")),
        "tags": " ".join(f'<a class="tag">{f(t)}</a>' for t in ("#gotongroyong", "#daerah", "#terkini")),
    }


def outlet_page(title: str, body: list[str], rng: random.Random, shape: int | None = None,
                date: str = "2026-03-14") -> Page:
    """One outlet-shaped page around ``body`` (shapes 0-4: five different markups)."""
    shape = rng.randrange(N_SHAPES) if shape is None else shape
    name, site = OUTLETS[shape]
    f = _Furn()
    c = _common(rng, f, site)
    slug = "-".join(re.sub(r"[^a-z0-9]+", " ", title.lower()).split()[:6]) or "artikel"
    url = f"https://www.{site}/berita/{slug}"
    byline = f(f"Penulis: Rina Wulandari | Editor: Agus Salim | {date.replace('-', '/')} 10:15 WIB")
    head = (f'<head><meta charset="utf-8"><title>{esc(title)} - {esc(name)}</title>'
            f'<meta property="og:site_name" content="{esc(name)}">'
            f'<meta property="article:published_time" content="{date}T10:15:00+07:00">'
            f'<link rel="canonical" href="{url}"></head>')
    paras = [f"<p>{esc(p)}</p>" for p in body]
    baca = f'<p><strong>{f("Baca juga:")}</strong> <a href="/b1">{f(c["baca"])}</a></p>'
    ad = f'<div class="ads">{f("ADVERTISEMENT")}</div><div class="ads-note">{f("SCROLL TO CONTINUE WITH CONTENT")}</div>'
    if shape == 0:  # semantic article, aside, inline "Baca juga" paragraph
        mid = len(paras) // 2
        article = "".join(paras[:mid]) + baca + "".join(paras[mid:])
        page = (f'<!DOCTYPE html><html lang="id">{head}<body>'
                f'<div id="cookie-banner">{c["cookie"]}</div>'
                f'<header><div class="logo">{f(name)}</div><nav><ul>{c["nav"]}</ul></nav></header>'
                f'<main><article><h1>{esc(title)}</h1><div class="byline">{byline}</div>'
                f'<div class="share">{c["share"]}</div>{article}'
                f'<div class="tags">{c["tags"]}</div></article>'
                f'<aside><h3>{f("Berita Terkait")}</h3><ul>{c["related"]}</ul></aside>'
                f'<section id="comments"><h3>{f("Komentar")}</h3>{c["comments"]}</section></main>'
                f'<footer><p>{c["footer_links"]}</p><p>{c["footer"]}</p></footer></body></html>')
    elif shape == 1:  # div soup, ads between paragraphs, related box inside the body
        mid = max(1, len(paras) - 2)
        related = (f'<div class="box-baca-juga"><span>{f("BACA JUGA")}</span>'
                   f'<ul>{"".join(f"<li><a>{f(h)}</a></li>" for h in (c["baca"], c["baca2"]))}</ul></div>')
        inner = "".join(paras[:1]) + ad + "".join(paras[1:mid]) + related + "".join(paras[mid:])
        page = (f'<html>{head}<body><div class="wrapper"><div class="top">'
                f'<div class="menu">{c["nav"]}</div></div>'
                f'<div class="container"><div class="detail"><h1 class="detail__title">{esc(title)}</h1>'
                f'<div class="detail__date">{byline}</div>'
                f'<div class="detail__body-text">{inner}</div>'
                f'<div class="detail__share">{c["share"]}</div></div>'
                f'<div class="sidebar"><div class="terpopuler"><h4>{f("Terpopuler")}</h4>'
                f'<ol>{c["related"]}</ol></div></div></div>'
                f'<div class="footer">{c["footer_links"]}<br>{c["footer"]}</div>'
                f'<div class="cookie-consent">{c["cookie"]}</div></div></body></html>')
    elif shape == 3:  # news theme on a CMS: td-* blocks, widgets, no <nav>/<aside>/<footer>
        mid = max(1, len(paras) // 2)
        inner = "".join(paras[:mid]) + baca + "".join(paras[mid:])
        page = (f'<html lang="id">{head}<body class="td-theme"><div class="td-header-wrap">'
                f'<div class="td-header-logo">{f(name)}</div><div class="td-header-menu"><ul class="sf-menu">{c["nav"]}</ul></div>'
                f'<div class="td-trending-now">{f("Trending:")} {f(c["baca2"])}</div></div>'
                f'<div class="td-main-content"><div class="td-post-header"><h1 class="entry-title">{esc(title)}</h1>'
                f'<div class="td-module-meta-info">{byline}</div></div>'
                f'<div class="td-post-sharing">{c["share"]}</div>'
                f'<div class="td-post-content">{inner}</div>'
                f'<div class="td-post-source-tags">{c["tags"]}</div>'
                f'<div class="td_block_related_posts"><h4 class="block-title">{f("Berita Terkait")}</h4><ul>{c["related"]}</ul></div>'
                f'<div class="td-comments-wrap">{c["comments"]}</div></div>'
                f'<div class="td-ss-main-sidebar"><div class="widget widget_recent_entries"><h4 class="widgettitle">{f("Terbaru")}</h4>'
                f'<ul><li>{f(HEADLINES[0])}</li><li>{f(HEADLINES[1])}</li></ul></div></div>'
                f'<div class="td-footer-wrapper">{c["footer_links"]}</div><div class="td-sub-footer-copy">{c["footer"]}</div>'
                f'<div class="cmplz-cookiebanner">{c["cookie"]}</div></body></html>')
    elif shape == 4:  # regional portal: table-free div soup, widgets, "Baca Juga" plain lines
        inner = "".join(p + (f'<p>{f("Baca Juga: " + c["baca"])}</p>' if i == 0 else "")
                        for i, p in enumerate(paras))
        page = (f'<html>{head}<body><div id="wrap"><div id="top-bar">{f("Selamat datang di " + name)} '
                f'<span class="tanggal">{f("Sabtu, 14 Maret 2026")}</span></div>'
                f'<div id="menu-utama"><ul>{c["nav"]}</ul></div>'
                f'<div id="konten"><div class="judul"><h1>{esc(title)}</h1></div>'
                f'<div class="post-meta">{byline}</div><div class="isi-berita">{inner}</div>'
                f'<div class="post-navigation"><a>{f("« Berita Sebelumnya")}</a> <a>{f("Berita Selanjutnya »")}</a></div>'
                f'<div class="kolom-komentar">{f("Tulis komentar Anda")} {c["comments"]}</div></div>'
                f'<div id="kanan"><div class="widget"><h3>{f("Berita Populer")}</h3><ul>{c["related"]}</ul></div>'
                f'<div class="widget"><h3>{f("Kategori")}</h3><ul><li>{f("Pemerintahan")}</li><li>{f("Pendidikan")}</li></ul></div></div>'
                f'<div id="bawah">{c["footer_links"]}<br>{c["footer"]}</div></div></body></html>')
    else:  # shape 2, tribun-like: dateline-free, "Baca:" lines, paging, comments widget
        inner = "".join(p + (baca if i == 1 else "") for i, p in enumerate(paras))
        page = (f'<!doctype html><html lang="id-ID">{head}<body>'
                f'<div id="header"><a class="brand">{f(name)}</a><ul class="nav">{c["nav"]}</ul></div>'
                f'<div id="article"><h1 id="arttitle">{esc(title)}</h1>'
                f'<div id="penulis">{byline}</div><div class="side-article txt-article">{inner}</div>'
                f'<div class="paging">{f("Halaman selanjutnya")}</div>'
                f'<div class="tagcloud">{c["tags"]}</div><div class="sharebar">{c["share"]}</div></div>'
                f'<div id="related"><h2>{f("Artikel Lainnya")}</h2><ul>{c["related"]}</ul></div>'
                f'<div id="disqus">{f("Tulis Komentar")} {c["comments"]}</div>'
                f'<div id="footer">{c["footer_links"]} {c["footer"]}</div></body></html>')
    return Page(page, url, title, list(body), f.lines, f"outlet{shape}")


# ----------------------------------------------------------------------------- special pages
SPAM_PAGE = (
    '<html lang="id"><head><title>SLOT GACOR HARI INI Daftar Situs Togel Terpercaya</title></head>'
    '<body><h1>Slot Gacor Maxwin Hari Ini</h1>'
    '<p>Daftar sekarang di situs slot gacor terpercaya, bonus new member 100 persen, deposit pulsa '
    'tanpa potongan, dijamin maxwin setiap hari. Hubungi admin via WhatsApp 081234567890.</p>'
    '<p>Situs togel online resmi dengan pasaran terlengkap, bandar togel terpercaya, link alternatif '
    'slot88 dan gacor4d selalu aktif 24 jam, jackpot terbesar menanti Anda.</p>'
    '<p>Main slot gacor sekarang juga dan raih kemenangan maxwin, daftar akun slot gacor gratis '
    'tanpa ribet, proses deposit dan withdraw super cepat.</p></body></html>'
)
BROKEN_HTML = (
    '<html><head><title>Halaman Rusak</title><body><div><p>Paragraf pertama tanpa penutup yang tetap '
    'berisi kalimat lengkap tentang pembangunan taman kota di tepi sungai.<div><p>Paragraf kedua '
    'juga tanpa penutup, menjelaskan bahwa taman itu akan dibuka untuk umum pada bulan depan.'
    '<table><tr><td>sel tanpa penutup<span>'
)


def huge_page(n_divs: int = 50_000) -> str:
    """A pathological page: very deep nesting plus a long body (for time/size limits)."""
    return ("<html><body>" + "<div>" * n_divs + "<p>kata " * 20_000 + "</div>" * n_divs
            + "</body></html>")


# ----------------------------------------------------------------------------- WARC writing
@dataclass
class WarcItem:
    """One HTTP exchange to write: a response (and, like crawlers do, its request)."""

    url: str
    body: bytes
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    extra_headers: list[tuple[str, str]] = field(default_factory=list)
    with_request: bool = True


def write_warc(path: str | Path, items: list[WarcItem], gzip: bool = True) -> int:
    """Write ``items`` as a WARC (warcinfo + request/response per item); returns record count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gzip)
    n = 0
    w.write_record(w.create_warcinfo_record(Path(path).name, {"software": "saring fixtures"}))
    n += 1
    reasons = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 500: "Error"}
    for it in items:
        if it.with_request:
            req = StatusAndHeaders(f"GET {it.url} HTTP/1.1", [("Host", "x")], is_http_request=True)
            w.write_record(w.create_warc_record(it.url, "request", http_headers=req))
            n += 1
        headers = [("Content-Type", it.content_type)] if it.content_type else []
        headers += it.extra_headers
        http = StatusAndHeaders(f"{it.status} {reasons.get(it.status, 'X')}", headers,
                                protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(it.url, "response", payload=io.BytesIO(it.body),
                                            http_headers=http))
        n += 1
    Path(path).write_bytes(buf.getvalue())
    return n


def write_wet(path: str | Path, texts: list[tuple[str, str]]) -> int:
    """Write a WET file: warcinfo + one ``conversion`` record per (url, text)."""
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    w.write_record(w.create_warcinfo_record(Path(path).name, {"software": "saring fixtures"}))
    for url, text in texts:
        w.write_record(w.create_warc_record(
            url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
            warc_content_type="text/plain",
            warc_headers_dict={"WARC-Identified-Content-Language": "ind"}))
    Path(path).write_bytes(buf.getvalue())
    return len(texts) + 1


def fixture_items(seed: int = 0) -> tuple[list[WarcItem], dict[str, object]]:
    """The fixture crawl: outlet pages, spam, non-HTML, broken, wrong charset, huge, redirect.

    Returns the items and what a reader must make of them (for the accounting tests).
    """
    rng = random.Random(seed)
    items: list[WarcItem] = []
    pages = [outlet_page(t, b, rng, shape=i % 3) for i, (t, b) in enumerate(BODIES)]
    for p in pages:
        items.append(WarcItem(p.url, p.html.encode("utf-8")))
    items.append(WarcItem("https://slot-gacor-maxwin.example/daftar-slot-gacor-togel",
                          SPAM_PAGE.encode()))
    items.append(WarcItem("https://wartaharian.example/img/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                          content_type="image/png"))
    items.append(WarcItem("https://wartaharian.example/rss", b"<rss></rss>",
                          content_type="application/rss+xml"))
    items.append(WarcItem("https://wartaharian.example/rusak", BROKEN_HTML.encode()))
    latin = ("<html><head><title>Kafe Baru</title></head><body><p>Kafe baru di pojok alun-alun "
             "menyajikan kopi dan café au lait dengan harga terjangkau untuk mahasiswa.</p>"
             "<p>Pemiliknya, seorang barista muda, ingin menjadikan tempat itu ruang berkumpul "
             "yang nyaman bagi warga kota.</p></body></html>")
    # header says iso-8859-1 but the bytes are UTF-8
    items.append(WarcItem("https://suaradaerah.example/kafe", latin.encode("utf-8"),
                          content_type="text/html; charset=iso-8859-1"))
    items.append(WarcItem("https://suaradaerah.example/besar", huge_page(2_000).encode()))
    items.append(WarcItem("http://kabarnusantara.example/lama", b"", status=301,
                          content_type=None,
                          extra_headers=[("Location", "https://www.kabarnusantara.example/baru")]))
    items.append(WarcItem("https://kabarnusantara.example/hilang", b"<html>Not found</html>",
                          status=404))
    expect = {"html_ok": len(pages) + 4, "not_html": 2, "http_status": 2,
              "responses": len(items), "pages": pages}
    return items, expect


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "examples/crawl.warc.gz")
    out.parent.mkdir(parents=True, exist_ok=True)
    items, _ = fixture_items()
    items = [it for it in items if "besar" not in it.url]  # keep the shipped example small
    n = write_warc(out, items)
    print(f"wrote {n} records to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
