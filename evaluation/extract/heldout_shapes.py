"""Held-out page shapes, written apart from the tuned outlet shapes and never used for tuning.

Blog (WordPress-like), an old table layout, an AMP page and a class-less page where the
furniture sits in plain paragraphs; furniture text differs from the tuned shapes too.
"""

from __future__ import annotations

import random
from html import escape as esc

SITES = ["infowarga.example", "beritakita.example", "lensakota.example", "catatanku.example"]
WIDGET_POSTS = ["Resep Sambal Matah Khas Bali", "Tips Merawat Sepeda Motor di Musim Hujan",
                "Lima Pantai Tersembunyi di Selatan Jawa", "Cara Mengurus Paspor secara Online",
                "Mengenal Tradisi Sekaten di Yogyakarta", "Harga Emas Hari Ini Naik Tipis"]


class Collect:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, s: str) -> str:
        self.lines.append(s)
        return esc(s)


def blog(title: str, body: list[str], rng: random.Random, f: Collect, site: str) -> str:
    posts = rng.sample(WIDGET_POSTS, 4)
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="UTF-8"><title>{esc(title)} | {esc(site)}</title>'
        f'<meta name="description" content="{esc(body[0][:120])}"></head><body class="single-post">'
        f'<div id="masthead"><p class="site-title">{f(site)}</p><p class="site-description">{f("Catatan harian seputar kota")}</p>'
        f'<ul id="menu-utama"><li>{f("Home")}</li><li>{f("Tentang Kami")}</li><li>{f("Kirim Tulisan")}</li></ul></div>'
        f'<div id="primary"><article class="post"><h1 class="entry-title">{esc(title)}</h1>'
        f'<div class="entry-meta">{f("Diposting pada 3 Februari 2026 oleh admin")}</div>'
        f'<div class="entry-content">{"".join(f"<p>{esc(p)}</p>" for p in body)}</div>'
        f'<footer class="entry-footer">{f("Kategori: Kabar Kota")} {f("Tinggalkan komentar")}</footer></article>'
        f'<nav class="post-navigation"><a>{f("« " + posts[0])}</a> <a>{f(posts[1] + " »")}</a></nav>'
        f'<div id="respond"><h3>{f("Tinggalkan Balasan")}</h3><p>{f("Alamat email Anda tidak akan dipublikasikan.")}</p>'
        f'<textarea></textarea><input type="submit" value="Kirim Komentar"></div></div>'
        f'<div id="secondary"><section class="widget"><h2>{f("Pos-pos Terbaru")}</h2><ul>'
        f'{"".join(f"<li>{f(x)}</li>" for x in posts[2:])}</ul></section>'
        f'<section class="widget"><h2>{f("Arsip")}</h2><ul><li>{f("Februari 2026")}</li><li>{f("Januari 2026")}</li></ul></section></div>'
        f'<div class="site-info">{f("Dibuat dengan WordPress | Tema oleh Seseorang")}</div></body></html>')


def table_portal(title: str, body: list[str], rng: random.Random, f: Collect, site: str) -> str:
    posts = rng.sample(WIDGET_POSTS, 3)
    paras = "<br><br>".join(esc(p) for p in body)
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(title)}</title></head>'
        f'<body bgcolor="#ffffff"><table width="100%"><tr><td colspan="2"><font size="5">{f(site.upper())}</font><br>'
        f'<marquee>{f("Selamat datang di portal berita warga. Kirim berita Anda lewat surel redaksi.")}</marquee></td></tr>'
        f'<tr><td width="20%" valign="top"><b>{f("MENU")}</b><br>{f("Depan")}<br>{f("Politik")}<br>{f("Olahraga")}<br>{f("Buku Tamu")}</td>'
        f'<td valign="top"><font size="4"><b>{esc(title)}</b></font><br><i>{f("Senin, 12 Januari 2026 - 08:40")}</i><br><br>'
        f'<font face="Verdana" size="2">{paras}</font><br><br>'
        f'<b>{f("Berita Lainnya:")}</b><br>{"<br>".join(f(x) for x in posts)}</td></tr>'
        f'<tr><td colspan="2"><center>{f("Hak Cipta 2026. Dilarang mengutip tanpa izin.")}</center></td></tr></table></body></html>')


def amp(title: str, body: list[str], rng: random.Random, f: Collect, site: str) -> str:
    posts = rng.sample(WIDGET_POSTS, 3)
    mid = max(1, len(body) // 2)
    paras = [f"<p>{esc(p)}</p>" for p in body]
    inline = f'<p><em>{f("Simak juga: " + posts[0])}</em></p>'
    return (
        f'<!doctype html><html amp lang="id"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'<link rel="canonical" href="https://{site}/read/{rng.randrange(10**6)}"></head><body>'
        f'<header class="amp-header"><a>{f(site)}</a><button>{f("Menu")}</button></header>'
        f'<div class="amp-wp-article"><h1 class="amp-wp-title">{esc(title)}</h1>'
        f'<div class="amp-wp-meta">{f("Reporter: Dimas Prasetyo")}</div>'
        f'<div class="amp-wp-article-content">{"".join(paras[:mid])}{inline}{"".join(paras[mid:])}'
        f'<p>{f("(dpr/ags)")}</p></div>'
        f'<div class="amp-related-posts"><h3>{f("Artikel Terkait")}</h3><ul>{"".join(f"<li>{f(x)}</li>" for x in posts[1:])}</ul></div>'
        f'</div><footer class="amp-wp-footer"><p>{f("Kembali ke atas")}</p><p>{f("© 2026 " + site)}</p></footer></body></html>')


def classless(title: str, body: list[str], rng: random.Random, f: Collect, site: str) -> str:
    posts = rng.sample(WIDGET_POSTS, 2)
    paras = [f"<p>{esc(p)}</p>" for p in body]
    paras.insert(1, f"<p>{f('Baca Juga: ' + posts[0])}</p>")
    paras.append(f"<p>{f('Simak video pilihan berikut ini:')}</p>")
    paras.append(f"<p>{f('Ikuti berita terkini dari ' + site + ' di Google News, klik di sini')}</p>")
    return (
        f'<html><head><title>{esc(title)}</title></head><body>'
        f'<div><a>{f("Masuk")}</a> <a>{f("Daftar")}</a></div>'
        f'<div><h1>{esc(title)}</h1>{"".join(paras)}</div>'
        f'<div><p>{f("Artikel ini telah tayang dengan judul " + posts[1])}</p></div>'
        f'<div>{f("Tentang Kami")} · {f("Iklan")} · {f("Syarat dan Ketentuan")}</div></body></html>')


SHAPES = {"blog": blog, "table_portal": table_portal, "amp": amp, "classless": classless}


def heldout_page(title: str, body: list[str], rng: random.Random, shape: str) -> tuple[str, list[str]]:
    f = Collect()
    site = rng.choice(SITES)
    return SHAPES[shape](title, body, rng, f, site), f.lines
