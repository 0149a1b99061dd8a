"""Hand-written held-out pages (text and markup written by us), each with its line labels."""

from __future__ import annotations

PAGES: list[dict] = [
    {
        "shape": "hand_pemda",
        "title": "Pemerintah Kabupaten Buka Pendaftaran Beasiswa Mahasiswa Berprestasi",
        "body": [
            "Pemerintah kabupaten kembali membuka pendaftaran beasiswa bagi mahasiswa berprestasi dari keluarga kurang mampu untuk tahun anggaran ini.",
            "Beasiswa diberikan kepada dua ratus mahasiswa yang sedang menempuh pendidikan sarjana di perguruan tinggi negeri maupun swasta.",
            "Calon penerima wajib melampirkan kartu tanda mahasiswa, transkrip nilai terakhir, dan surat keterangan tidak mampu dari kelurahan.",
            "Berkas dapat diserahkan langsung ke kantor dinas pendidikan setiap hari kerja mulai pukul delapan pagi hingga pukul tiga sore.",
        ],
        "furniture": ["Portal Resmi Pemerintah Kabupaten", "Profil Daerah", "Layanan Publik",
                      "PPID", "Pengumuman", "Dilihat 1.204 kali", "Unduh Lampiran (PDF)",
                      "Alamat: Jalan Merdeka Nomor 1", "Jumlah Pengunjung Hari Ini: 311"],
        "html": """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Pemerintah Kabupaten Buka Pendaftaran Beasiswa Mahasiswa Berprestasi</title></head>
<body><div class="navbar"><span class="brand">Portal Resmi Pemerintah Kabupaten</span>
<ul><li><a href="/profil">Profil Daerah</a></li><li><a href="/layanan">Layanan Publik</a></li><li><a href="/ppid">PPID</a></li></ul></div>
<div class="content"><ol class="crumbs"><li>Pengumuman</li></ol>
<h2>Pemerintah Kabupaten Buka Pendaftaran Beasiswa Mahasiswa Berprestasi</h2><small>Dilihat 1.204 kali</small>
<div class="isi"><p>Pemerintah kabupaten kembali membuka pendaftaran beasiswa bagi mahasiswa berprestasi dari keluarga kurang mampu untuk tahun anggaran ini.</p>
<p>Beasiswa diberikan kepada dua ratus mahasiswa yang sedang menempuh pendidikan sarjana di perguruan tinggi negeri maupun swasta.</p>
<p>Calon penerima wajib melampirkan kartu tanda mahasiswa, transkrip nilai terakhir, dan surat keterangan tidak mampu dari kelurahan.</p>
<p>Berkas dapat diserahkan langsung ke kantor dinas pendidikan setiap hari kerja mulai pukul delapan pagi hingga pukul tiga sore.</p>
<p><a href="/files/beasiswa.pdf">Unduh Lampiran (PDF)</a></p></div></div>
<div class="bawah"><p>Alamat: Jalan Merdeka Nomor 1</p><p>Jumlah Pengunjung Hari Ini: 311</p></div></body></html>""",
    },
    {
        "shape": "hand_forum",
        "title": "Tanya: Cara Menanam Cabai di Pot agar Berbuah Lebat",
        "body": [
            "Saya baru mulai menanam cabai rawit di pot ukuran sedang di teras rumah, tetapi tanamannya tinggi dan daunnya banyak namun bunganya sedikit sekali.",
            "Apakah ada yang punya pengalaman soal pupuk yang cocok, dan seberapa sering tanaman cabai di pot sebaiknya disiram ketika musim kemarau?",
        ],
        "furniture": ["Forum Tani Kota", "Masuk", "Daftar Akun", "Subforum: Tanaman Hias dan Sayur",
                      "Balasan (2)", "Laporkan", "Suka", "Aturan Forum", "Hubungi Moderator"],
        "html": """<html><head><title>Tanya: Cara Menanam Cabai di Pot agar Berbuah Lebat</title></head><body>
<div id="top"><b>Forum Tani Kota</b> <a>Masuk</a> <a>Daftar Akun</a></div>
<div id="thread"><div class="path">Subforum: Tanaman Hias dan Sayur</div>
<h1>Tanya: Cara Menanam Cabai di Pot agar Berbuah Lebat</h1>
<div class="post first"><div class="msg">Saya baru mulai menanam cabai rawit di pot ukuran sedang di teras rumah, tetapi tanamannya tinggi dan daunnya banyak namun bunganya sedikit sekali.<br><br>
Apakah ada yang punya pengalaman soal pupuk yang cocok, dan seberapa sering tanaman cabai di pot sebaiknya disiram ketika musim kemarau?</div>
<div class="tools"><a>Laporkan</a> <a>Suka</a></div></div>
<h3>Balasan (2)</h3></div>
<div id="foot"><a>Aturan Forum</a> <a>Hubungi Moderator</a></div></body></html>""",
    },
    {
        "shape": "hand_resep",
        "title": "Resep Sayur Asem Jakarta yang Segar",
        "body": [
            "Sayur asem adalah masakan berkuah yang segar dan cocok disantap bersama ikan asin serta sambal terasi pada siang hari.",
            "Siapkan satu buah jagung manis, segenggam kacang panjang, labu siam, melinjo, dan asam jawa secukupnya.",
            "Rebus air hingga mendidih, lalu masukkan bumbu halus, asam jawa, dan jagung, kemudian masak hingga jagung setengah matang.",
            "Tambahkan sayuran lainnya, beri garam dan gula merah, lalu masak sebentar sampai semua sayuran empuk dan rasanya seimbang.",
        ],
        "furniture": ["Dapur Mama Rini", "Resep", "Tips Dapur", "Tentang", "Cetak Resep",
                      "Simpan ke Favorit", "Waktu memasak: 45 menit", "Porsi: 4 orang",
                      "Resep Populer Minggu Ini", "Ayam Goreng Lengkuas", "Perkedel Kentang",
                      "Berlangganan resep terbaru lewat surel"],
        "html": """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Resep Sayur Asem Jakarta yang Segar</title></head><body>
<header><h2>Dapur Mama Rini</h2><a>Resep</a> | <a>Tips Dapur</a> | <a>Tentang</a></header>
<div class="recipe"><h1>Resep Sayur Asem Jakarta yang Segar</h1>
<div class="recipe-tools"><a>Cetak Resep</a> <a>Simpan ke Favorit</a></div>
<ul class="recipe-info"><li>Waktu memasak: 45 menit</li><li>Porsi: 4 orang</li></ul>
<p>Sayur asem adalah masakan berkuah yang segar dan cocok disantap bersama ikan asin serta sambal terasi pada siang hari.</p>
<p>Siapkan satu buah jagung manis, segenggam kacang panjang, labu siam, melinjo, dan asam jawa secukupnya.</p>
<p>Rebus air hingga mendidih, lalu masukkan bumbu halus, asam jawa, dan jagung, kemudian masak hingga jagung setengah matang.</p>
<p>Tambahkan sayuran lainnya, beri garam dan gula merah, lalu masak sebentar sampai semua sayuran empuk dan rasanya seimbang.</p></div>
<div class="popular"><h3>Resep Populer Minggu Ini</h3><ul><li>Ayam Goreng Lengkuas</li><li>Perkedel Kentang</li></ul></div>
<div class="subscribe">Berlangganan resep terbaru lewat surel</div></body></html>""",
    },
]
