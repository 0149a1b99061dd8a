"""Hand-written template families for ``template18.py`` (session 18, template17).

Every family is one template (a headline line, then paragraphs) and two to four fillings of it
that differ only in facts: dates, day names, times, figures, amounts, place names in one slot.
Each filling is a different document (another day's schedule, another region's release). Names,
places and outlets are invented (grepped absent from ``/work/shared/corpora``).
"""

from __future__ import annotations

FAMILIES: dict[str, tuple[str, list[dict[str, str]]]] = {
    "sim-keliling-watugendis": (
        "Jadwal Layanan SIM Keliling Kota Watugendis {hari} {tgl}\n"
        "Satuan Lalu Lintas Polres Watugendis membuka layanan SIM Keliling di beberapa titik kota "
        "pada {hari} ({tgl}). Layanan hanya melayani perpanjangan SIM A dan SIM C yang masa "
        "berlakunya belum habis.\n"
        "Petugas mulai melayani pada pukul {buka} dan menutup loket pukul {tutup} WITA. Pemohon "
        "diminta membawa KTP asli, SIM lama, dan fotokopi keduanya sebelum mengantre di lokasi.\n"
        "Lokasi pertama berada di halaman {lok1}, sedangkan lokasi kedua berada di pelataran "
        "{lok2}. Setiap lokasi melayani paling banyak seratus pemohon per hari.\n"
        "Biaya perpanjangan mengikuti tarif penerimaan negara bukan pajak yang berlaku, ditambah "
        "biaya pemeriksaan kesehatan dan tes psikologi di lokasi yang sama.",
        [
            {
                "hari": "Senin",
                "tgl": "14/9/2026",
                "buka": "08.00",
                "tutup": "12.00",
                "lok1": "Pasar Induk Tarakanita",
                "lok2": "Taman Kota Gunungrejo",
            },
            {
                "hari": "Selasa",
                "tgl": "15/9/2026",
                "buka": "08.00",
                "tutup": "12.00",
                "lok1": "Kantor Pos Sembilan Jaya",
                "lok2": "Terminal Watugendis Lama",
            },
            {
                "hari": "Rabu",
                "tgl": "16/9/2026",
                "buka": "08.00",
                "tutup": "12.00",
                "lok1": "Pasar Induk Tarakanita",
                "lok2": "Taman Kota Gunungrejo",
            },
        ],
    ),
    "cuaca-tanjung-rawi": (
        "Prakiraan Cuaca Tanjung Rawi {hari}, {tgl} Desember 2026\n"
        "Stasiun Meteorologi Tanjung Rawi memperkirakan cuaca di wilayah kota pada {hari} "
        "({tgl}/12/2026) {kondisi} sejak pagi hingga sore hari.\n"
        "Suhu udara diperkirakan berkisar antara {smin} hingga {smax} derajat Celsius dengan "
        "kelembapan udara antara 70 dan 95 persen. Angin bertiup dari arah barat laut.\n"
        "Warga yang beraktivitas di pesisir diminta mewaspadai gelombang setinggi {gel} meter di "
        "perairan selatan, terutama bagi perahu nelayan berukuran kecil.\n"
        "Informasi cuaca terbaru dapat dipantau melalui kanal resmi stasiun meteorologi setiap "
        "tiga jam sekali selama masa peralihan musim.",
        [
            {
                "hari": "Kamis",
                "tgl": "3",
                "kondisi": "berawan tebal",
                "smin": "24",
                "smax": "31",
                "gel": "1,5",
            },
            {
                "hari": "Jumat",
                "tgl": "4",
                "kondisi": "hujan ringan",
                "smin": "24",
                "smax": "30",
                "gel": "2",
            },
            {
                "hari": "Sabtu",
                "tgl": "5",
                "kondisi": "cerah berawan",
                "smin": "25",
                "smax": "31",
                "gel": "1,5",
            },
        ],
    ),
    "harga-cabai-pasar-selorejo": (
        "Harga Cabai di Pasar Sirnawetan {arah} pada {hari}\n"
        "Harga cabai rawit di Pasar Sirnawetan {arah} menjadi Rp{rawit} per kilogram pada {hari} "
        "({tgl}), menurut pantauan Dinas Perdagangan Kabupaten Sirnawetan.\n"
        "Cabai merah keriting dijual Rp{keriting} per kilogram, sedangkan bawang merah bertahan "
        "di kisaran Rp32.000 per kilogram di tingkat pengecer.\n"
        "Kepala Bidang Perdagangan, Wirastuti Handayani, mengatakan pasokan dari petani di lereng "
        "gunung {pasokan} sehingga harga di tingkat pedagang ikut berubah.\n"
        "Dinas berencana menggelar operasi pasar bila harga cabai rawit terus bergerak jauh dari "
        "harga acuan selama lebih dari sepekan.",
        [
            {
                "arah": "naik",
                "hari": "Senin",
                "tgl": "2/11/2026",
                "rawit": "64.000",
                "keriting": "48.000",
                "pasokan": "berkurang karena hujan deras",
            },
            {
                "arah": "turun",
                "hari": "Kamis",
                "tgl": "5/11/2026",
                "rawit": "58.000",
                "keriting": "48.000",
                "pasokan": "mulai pulih setelah panen",
            },
            {
                "arah": "naik",
                "hari": "Senin",
                "tgl": "9/11/2026",
                "rawit": "61.000",
                "keriting": "46.000",
                "pasokan": "berkurang karena hujan deras",
            },
        ],
    ),
    "kelulusan-sma-lembah-sarindu": (
        "Hasil Seleksi Masuk SMA Negeri {no} Lembah Sarindu Diumumkan\n"
        "Panitia penerimaan peserta didik baru SMA Negeri {no} Lembah Sarindu mengumumkan hasil "
        "seleksi jalur zonasi pada Jumat (10/7/2026) melalui papan pengumuman sekolah.\n"
        "Dari {daftar} pendaftar, sebanyak {terima} calon siswa dinyatakan diterima dan wajib "
        "melakukan daftar ulang paling lambat Rabu (15/7/2026).\n"
        "Nilai terendah yang diterima pada jalur ini adalah {nilai}, sedangkan jarak rumah terjauh "
        "calon siswa yang diterima mencapai {jarak} kilometer dari sekolah.\n"
        "Calon siswa yang tidak diterima masih dapat mendaftar melalui jalur prestasi yang dibuka "
        "pada pekan berikutnya sesuai jadwal dinas pendidikan.",
        [
            {"no": "2", "daftar": "412", "terima": "180", "nilai": "81,4", "jarak": "3,2"},
            {"no": "5", "daftar": "398", "terima": "180", "nilai": "79,9", "jarak": "4,1"},
        ],
    ),
    "bansos-kementerian-daerah": (
        "Penyaluran Bantuan Pangan di Kabupaten {kab} Capai {persen} Persen\n"
        "Penyaluran bantuan pangan beras tahap kedua di Kabupaten {kab} telah mencapai {persen} "
        "persen dari total alokasi hingga akhir pekan ini.\n"
        "Kepala Dinas Sosial Kabupaten {kab}, {kadis}, mengatakan sebanyak {kpm} keluarga "
        "penerima manfaat tercatat di daerahnya, masing-masing menerima sepuluh kilogram beras.\n"
        "Menurut dia, penyaluran di kecamatan yang jauh dari gudang masih terkendala akses jalan "
        "yang rusak, sehingga petugas harus mengangkut beras dengan kendaraan kecil.\n"
        "Kementerian meminta seluruh daerah menuntaskan penyaluran tahap kedua sebelum akhir bulan "
        "agar tahap berikutnya dapat dimulai sesuai jadwal nasional.",
        [
            {
                "kab": "Lembah Kaliwangi",
                "persen": "87",
                "kadis": "Sutrisno Adiwarna",
                "kpm": "24.310",
            },
            {
                "kab": "Pesisir Ranggamas",
                "persen": "92",
                "kadis": "Maria Lusiana Tampubolon",
                "kpm": "18.905",
            },
            {
                "kab": "Hulu Sungai Rawit",
                "persen": "74",
                "kadis": "Ahmad Zulkarnain Effendi",
                "kpm": "31.122",
            },
        ],
    ),
    "liga-kampung-tarung": (
        "{tuan} Tundukkan {tamu} {skor} di Stadion Bukit Tarung\n"
        "{tuan} meraih kemenangan {skor} atas {tamu} dalam lanjutan Liga Nusantara Timur pekan "
        "ke-{pekan} di Stadion Bukit Tarung, {hari} sore.\n"
        "Gol pembuka dicetak {pencetak} pada menit ke-{menit} setelah menerima umpan silang dari "
        "sisi kanan pertahanan lawan.\n"
        "Pelatih tuan rumah mengatakan timnya tampil disiplin sepanjang laga dan mampu menjaga "
        "keunggulan hingga peluit panjang dibunyikan wasit.\n"
        "Hasil ini membuat tim tuan rumah naik ke peringkat {peringkat} klasemen sementara dengan "
        "selisih dua poin dari pemuncak klasemen.",
        [
            {
                "tuan": "Persitarung",
                "tamu": "PS Kali Biru",
                "skor": "2-0",
                "pekan": "7",
                "hari": "Sabtu",
                "pencetak": "Rendy Malaiholo",
                "menit": "23",
                "peringkat": "tiga",
            },
            {
                "tuan": "Persitarung",
                "tamu": "Gema Selatan FC",
                "skor": "2-1",
                "pekan": "9",
                "hari": "Minggu",
                "pencetak": "Yosias Kareth",
                "menit": "41",
                "peringkat": "dua",
            },
            {
                "tuan": "Persitarung",
                "tamu": "PS Kali Biru",
                "skor": "3-0",
                "pekan": "16",
                "hari": "Sabtu",
                "pencetak": "Rendy Malaiholo",
                "menit": "12",
                "peringkat": "dua",
            },
        ],
    ),
    "berita-duka-paguyuban": (
        "Berita Duka: {nama} Berpulang\n"
        "Keluarga besar Paguyuban Warga Lereng Sindara berduka atas berpulangnya {nama} pada "
        "{hari} ({tgl}) pukul {jam} WIB di {tempat} dalam usia {usia} tahun.\n"
        "Almarhum disemayamkan di rumah duka di {rumah} dan akan dimakamkan pada hari berikutnya "
        "di pemakaman umum setempat setelah salat zuhur.\n"
        "Pengurus paguyuban mengajak seluruh anggota untuk mendoakan almarhum dan memberikan "
        "penghiburan kepada keluarga yang ditinggalkan.\n"
        "Informasi lebih lanjut dapat ditanyakan kepada sekretariat paguyuban melalui pengurus "
        "rukun warga masing-masing.",
        [
            {
                "nama": "Bapak Sardjito Wirakusumo",
                "hari": "Selasa",
                "tgl": "6/10/2026",
                "jam": "04.30",
                "tempat": "RSUD Sindara",
                "usia": "78",
                "rumah": "Jalan Kenari Wangi 12",
            },
            {
                "nama": "Ibu Suparmi Handoyo",
                "hari": "Kamis",
                "tgl": "22/10/2026",
                "jam": "21.15",
                "tempat": "rumahnya",
                "usia": "81",
                "rumah": "Jalan Kenari Wangi 30",
            },
        ],
    ),
    "pemadaman-listrik-gunungrejo": (
        "Jadwal Pemeliharaan Jaringan Listrik di Gunungrejo {hari}\n"
        "Perusahaan listrik negara Unit Layanan Gunungrejo akan melakukan pemeliharaan jaringan "
        "pada {hari} ({tgl}) mulai pukul {mulai} hingga {selesai} WIB.\n"
        "Selama pemeliharaan, aliran listrik di wilayah {wilayah} akan padam sementara. Pelanggan "
        "diminta menyiapkan kebutuhan air dan mengisi daya peralatan sebelum pemadaman.\n"
        "Manajer unit layanan mengatakan pemeliharaan dilakukan untuk mengganti isolator dan "
        "memangkas pohon yang mendekati kabel tegangan menengah.\n"
        "Pelanggan yang membutuhkan informasi dapat menghubungi layanan pengaduan selama 24 jam "
        "atau aplikasi pelanggan resmi perusahaan.",
        [
            {
                "hari": "Rabu",
                "tgl": "7/10/2026",
                "mulai": "09.00",
                "selesai": "15.00",
                "wilayah": "Desa Sumberlintang dan Dusun Kedung Wetan",
            },
            {
                "hari": "Kamis",
                "tgl": "8/10/2026",
                "mulai": "09.00",
                "selesai": "15.00",
                "wilayah": "Kelurahan Pandanrejo Kidul",
            },
            {
                "hari": "Sabtu",
                "tgl": "10/10/2026",
                "mulai": "08.00",
                "selesai": "14.00",
                "wilayah": "Desa Sumberlintang dan Dusun Kedung Wetan",
            },
        ],
    ),
    "kurs-bank-sentral-mingguan": (
        "Nilai Tukar Rupiah Ditutup {arah} pada {hari}\n"
        "Nilai tukar rupiah terhadap dolar Amerika Serikat ditutup {arah} ke level Rp{kurs} per "
        "dolar pada perdagangan {hari} ({tgl}), menurut catatan Bursa Valas Nusantara.\n"
        "Analis pasar uang Damar Prasetyanto mengatakan pergerakan rupiah dipengaruhi data "
        "inflasi dan arah suku bunga yang ditunggu pelaku pasar sepanjang pekan.\n"
        "Kurs referensi yang diumumkan siang harinya berada di level Rp{ref} per dolar, "
        "sementara imbal hasil surat utang tenor sepuluh tahun berada di {yield} persen.\n"
        "Pelaku pasar masih akan mencermati rilis neraca perdagangan pada pekan depan sebelum "
        "mengambil posisi baru.",
        [
            {
                "arah": "melemah",
                "hari": "Senin",
                "tgl": "19/10/2026",
                "kurs": "16.412",
                "ref": "16.398",
                "yield": "6,81",
            },
            {
                "arah": "menguat",
                "hari": "Selasa",
                "tgl": "20/10/2026",
                "kurs": "16.377",
                "ref": "16.401",
                "yield": "6,79",
            },
        ],
    ),
    "vaksinasi-puskesmas-keliling": (
        "Jadwal Imunisasi Anak di Puskesmas Keliling Kecamatan {kec}\n"
        "Dinas Kesehatan Kabupaten Sindangraya menjadwalkan imunisasi anak dengan puskesmas "
        "keliling di Kecamatan {kec} pada {hari} ({tgl}).\n"
        "Kegiatan dimulai pukul {jam} WITA di {lokasi} dan menyasar anak usia di bawah lima tahun "
        "yang belum menerima imunisasi dasar lengkap.\n"
        "Orang tua diminta membawa buku kesehatan ibu dan anak agar petugas dapat mencatat jenis "
        "vaksin yang sudah dan belum diterima anak.\n"
        "Dinas kesehatan menargetkan cakupan imunisasi dasar lengkap di kabupaten itu mencapai "
        "95 persen pada akhir tahun.",
        [
            {
                "kec": "Batu Lontong",
                "hari": "Senin",
                "tgl": "2/11/2026",
                "jam": "08.30",
                "lokasi": "balai desa Tanjung Sinar",
            },
            {
                "kec": "Sungai Pandak",
                "hari": "Rabu",
                "tgl": "4/11/2026",
                "jam": "08.30",
                "lokasi": "posyandu Melati Rawa",
            },
            {
                "kec": "Batu Lontong",
                "hari": "Senin",
                "tgl": "16/11/2026",
                "jam": "09.00",
                "lokasi": "balai desa Pulau Keramba",
            },
        ],
    ),
    "kapal-penyeberangan-selat-rawi": (
        "Jadwal Kapal Penyeberangan Pelabuhan Ranggamas {hari}\n"
        "Kapal penyeberangan dari Pelabuhan Ranggamas menuju Pulau Sindala berangkat pada {hari} "
        "({tgl}) pukul {berangkat} WIB, menurut pengumuman syahbandar setempat.\n"
        "Kapal yang dijadwalkan melayani rute ini adalah KMP {kapal} dengan kapasitas 300 "
        "penumpang dan 40 kendaraan roda empat.\n"
        "Penumpang diminta tiba di pelabuhan paling lambat satu jam sebelum keberangkatan untuk "
        "membeli tiket dan melalui pemeriksaan barang bawaan.\n"
        "Syahbandar dapat menunda keberangkatan bila tinggi gelombang di selat melebihi batas aman "
        "pelayaran bagi kapal penyeberangan.",
        [
            {"hari": "Jumat", "tgl": "13/11/2026", "berangkat": "07.00", "kapal": "Bahari Sindala"},
            {
                "hari": "Sabtu",
                "tgl": "14/11/2026",
                "berangkat": "13.00",
                "kapal": "Tirta Ranggamas",
            },
        ],
    ),
    "lelang-jabatan-pemkab": (
        "Hasil Seleksi Terbuka Jabatan {jabatan} Kabupaten Sindangraya\n"
        "Panitia seleksi terbuka jabatan pimpinan tinggi pratama Kabupaten Sindangraya "
        "mengumumkan tiga nama terbaik untuk jabatan {jabatan} pada {hari} ({tgl}).\n"
        "Peraih nilai tertinggi adalah {nama} dengan nilai akhir {nilai}, disusul dua peserta lain "
        "yang nilainya terpaut tipis.\n"
        "Ketiga nama itu akan diserahkan kepada bupati sebagai pejabat pembina kepegawaian untuk "
        "dipilih salah satunya sesuai ketentuan yang berlaku.\n"
        "Panitia menegaskan seluruh tahapan seleksi dilakukan secara terbuka dan hasilnya dapat "
        "diakses masyarakat melalui laman resmi pemerintah kabupaten.",
        [
            {
                "jabatan": "Kepala Dinas Pendidikan",
                "hari": "Senin",
                "tgl": "7/9/2026",
                "nama": "Hendrikus Lamabelawa",
                "nilai": "84,25",
            },
            {
                "jabatan": "Kepala Dinas Perhubungan",
                "hari": "Senin",
                "tgl": "7/9/2026",
                "nama": "Nurhasanah Pulungan",
                "nilai": "82,70",
            },
            {
                "jabatan": "Kepala Badan Keuangan Daerah",
                "hari": "Kamis",
                "tgl": "10/9/2026",
                "nama": "Theresia Wulandari Kolo",
                "nilai": "85,10",
            },
        ],
    ),
    "panen-padi-kelompok-tani": (
        "Panen Raya Padi di Desa {desa} Hasilkan {ton} Ton per Hektare\n"
        "Kelompok tani di Desa {desa}, Kecamatan Lereng Sindara, menggelar panen raya padi pada "
        "{hari} ({tgl}) bersama penyuluh pertanian kecamatan.\n"
        "Hasil ubinan menunjukkan produktivitas mencapai {ton} ton gabah kering panen per hektare "
        "dari lahan seluas {luas} hektare yang ditanami varietas unggul.\n"
        "Ketua kelompok tani mengatakan hasil panen tahun ini lebih baik berkat saluran irigasi "
        "yang diperbaiki sebelum musim tanam dimulai.\n"
        "Gabah hasil panen akan dijual ke penggilingan setempat dan sebagian disimpan di lumbung "
        "desa sebagai cadangan pangan warga.",
        [
            {
                "desa": "Wonosindang",
                "ton": "6,8",
                "hari": "Selasa",
                "tgl": "24/3/2026",
                "luas": "45",
            },
            {
                "desa": "Kedungsarirejo",
                "ton": "7,2",
                "hari": "Kamis",
                "tgl": "26/3/2026",
                "luas": "38",
            },
        ],
    ),
    "festival-kuliner-tahunan": (
        "Festival Kuliner Pesisir Ranggamas {tahun} Digelar {tanggal}\n"
        "Pemerintah Kabupaten Pesisir Ranggamas kembali menggelar Festival Kuliner Pesisir pada "
        "{tanggal} di {lokasi}.\n"
        "Festival tahun ini diikuti {peserta} pelaku usaha kuliner yang menyajikan olahan ikan, "
        "kerang, dan rumput laut khas pesisir selatan.\n"
        "Kepala Dinas Pariwisata mengatakan festival ditargetkan mendatangkan {pengunjung} "
        "pengunjung selama tiga hari penyelenggaraan.\n"
        "Panitia juga menyiapkan lomba memasak untuk ibu rumah tangga dan pertunjukan musik "
        "tradisional setiap malam di panggung utama.",
        [
            {
                "tahun": "2025",
                "tanggal": "12-14 September 2025",
                "lokasi": "Pantai Kalimaya",
                "peserta": "120",
                "pengunjung": "15.000",
            },
            {
                "tahun": "2026",
                "tanggal": "11-13 September 2026",
                "lokasi": "Pantai Kalimaya",
                "peserta": "150",
                "pengunjung": "20.000",
            },
        ],
    ),
}

# syndicated copies: (family, sibling index, edits) - another outlet's copy of one filling
COPIES: list[tuple[str, int, tuple[str, ...]]] = [
    ("sim-keliling-watugendis", 0, ("dateline", "typos")),
    ("sim-keliling-watugendis", 1, ("updated", "drop_last")),
    ("cuaca-tanjung-rawi", 1, ("dateline_date", "typos")),
    ("harga-cabai-pasar-selorejo", 0, ("words", "dateline")),
    ("harga-cabai-pasar-selorejo", 2, ("updated", "editor")),
    ("kelulusan-sma-lembah-sarindu", 0, ("dateline_date", "drop_last")),
    ("bansos-kementerian-daerah", 1, ("typos", "editor")),
    ("liga-kampung-tarung", 0, ("dateline", "words")),
    ("berita-duka-paguyuban", 0, ("updated",)),
    ("pemadaman-listrik-gunungrejo", 1, ("dateline_date", "editor")),
    ("kurs-bank-sentral-mingguan", 0, ("dateline", "typos")),
    ("vaksinasi-puskesmas-keliling", 2, ("updated", "typos")),
    ("kapal-penyeberangan-selat-rawi", 0, ("dateline_date", "drop_last")),
    ("lelang-jabatan-pemkab", 1, ("dateline", "editor")),
    ("panen-padi-kelompok-tani", 0, ("words", "updated")),
    ("festival-kuliner-tahunan", 1, ("dateline_date", "typos")),
]
