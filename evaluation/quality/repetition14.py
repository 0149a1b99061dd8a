"""Clean Indonesian paragraphs with natural repetition, and repetitive spam as guards (issue 17,
session 14): the evaluation set of the quality step's repetition rules.

Every clean text is hand-written for this set (no corpus text), at least 50 words, in a genre
whose normal form repeats: legal articles (``Pasal 1 ayat (1)``), liturgy and prayers with
responses, recipes, sports results, pantun and song lyrics with a refrain, lists of names, tables
pasted as text, schedules. None of them should be rejected by a repetition rule that found no
repetition; the spam guards (keyword stuffing, one line or sentence many times, a paragraph
pasted twice) must stay rejected by a repetition rule.

Halves by position: even index = ``tune`` (the rules were looked at on these), odd = ``heldout``.
"""

from __future__ import annotations

CLEAN: tuple[tuple[str, str], ...] = (
    ("legal", (
        "Pasal 3\n(1) Setiap orang yang mendirikan bangunan wajib memiliki persetujuan bangunan "
        "gedung dari pemerintah kabupaten.\n(2) Persetujuan sebagaimana dimaksud pada ayat (1) "
        "diberikan setelah pemohon memenuhi persyaratan teknis dan administratif.\n(3) Persyaratan "
        "teknis sebagaimana dimaksud pada ayat (2) meliputi rencana tapak, gambar struktur, dan "
        "kajian dampak lalu lintas bagi bangunan yang luasnya lebih dari lima ratus meter persegi.\n"
        "(4) Ketentuan lebih lanjut mengenai tata cara pemberian persetujuan diatur dengan "
        "Peraturan Bupati."
    )),
    ("legal", (
        "Dalam Peraturan Daerah ini yang dimaksud dengan:\n1. Daerah adalah Kabupaten Lembah Hijau.\n"
        "2. Pemerintah Daerah adalah Bupati sebagai unsur penyelenggara pemerintahan daerah.\n"
        "3. Bupati adalah Bupati Lembah Hijau.\n4. Dinas adalah dinas yang membidangi urusan "
        "perikanan.\n5. Nelayan kecil adalah orang yang mata pencahariannya melakukan penangkapan "
        "ikan untuk memenuhi kebutuhan hidup sehari-hari.\n6. Kapal perikanan adalah kapal, perahu, "
        "atau alat apung lain yang dipergunakan untuk melakukan penangkapan ikan."
    )),
    ("legal", (
        "Pasal 12 ayat (1) menyebutkan bahwa retribusi dipungut di wilayah daerah tempat pelayanan "
        "diberikan, sedangkan Pasal 12 ayat (2) mengatur bahwa retribusi yang terutang dilunasi "
        "paling lambat tiga puluh hari sejak diterbitkannya surat ketetapan. Adapun Pasal 12 ayat "
        "(3) memberi wewenang kepada kepala daerah untuk menunda pembayaran apabila wajib "
        "retribusi mengalami bencana alam atau kesulitan keuangan yang dapat dibuktikan."
    )),
    ("legal", (
        "Menimbang:\na. bahwa pasar rakyat merupakan sarana perekonomian yang perlu dilindungi dan "
        "diberdayakan;\nb. bahwa pengelolaan pasar rakyat di daerah belum tertata dengan baik "
        "sehingga perlu diatur kembali;\nc. bahwa berdasarkan pertimbangan sebagaimana dimaksud "
        "dalam huruf a dan huruf b, perlu menetapkan Peraturan Daerah tentang Penataan dan "
        "Pemberdayaan Pasar Rakyat;\nMengingat:\n1. Undang-Undang tentang Pemerintahan Daerah;\n"
        "2. Undang-Undang tentang Perdagangan."
    )),
    ("legal", (
        "Pasal 27\n(1) Pelanggaran terhadap ketentuan Pasal 5 ayat (2), Pasal 9 ayat (1), dan "
        "Pasal 14 ayat (3) dikenai sanksi administratif.\n(2) Sanksi administratif sebagaimana "
        "dimaksud pada ayat (1) berupa:\na. teguran lisan;\nb. teguran tertulis;\nc. penghentian "
        "sementara kegiatan;\nd. pencabutan izin.\n(3) Tata cara pengenaan sanksi administratif "
        "sebagaimana dimaksud pada ayat (2) diatur dengan Peraturan Bupati."
    )),
    ("liturgy", (
        "Pemimpin: Tuhan, kasihanilah kami.\nUmat: Tuhan, kasihanilah kami.\nPemimpin: Kristus, "
        "kasihanilah kami.\nUmat: Kristus, kasihanilah kami.\nPemimpin: Tuhan, kasihanilah kami.\n"
        "Umat: Tuhan, kasihanilah kami.\nPemimpin: Marilah kita mohon pengampunan atas segala dosa "
        "yang telah kita lakukan dalam pikiran, perkataan, dan perbuatan, supaya kita layak "
        "merayakan perjamuan ini dengan hati yang bersih dan penuh syukur."
    )),
    ("liturgy", (
        "Ya Allah, ampunilah dosa kami dan dosa kedua orang tua kami. Ya Allah, sayangilah mereka "
        "sebagaimana mereka menyayangi kami sewaktu kecil. Ya Allah, lapangkanlah rezeki kami, "
        "sehatkanlah badan kami, dan jauhkanlah kami dari segala marabahaya. Ya Allah, terimalah "
        "amal ibadah kami selama bulan ini dan pertemukanlah kami kembali dengan bulan yang penuh "
        "berkah pada tahun yang akan datang. Amin ya rabbal alamin."
    )),
    ("liturgy", (
        "Untuk para pemimpin bangsa, semoga mereka bekerja dengan jujur dan adil, marilah kita "
        "mohon.\nKabulkanlah doa kami, ya Tuhan.\nUntuk para petani dan nelayan yang menghadapi "
        "musim sulit, semoga hasil kerja mereka mencukupi, marilah kita mohon.\nKabulkanlah doa "
        "kami, ya Tuhan.\nUntuk saudara kita yang sakit dan kesepian, semoga mereka mendapat "
        "penghiburan, marilah kita mohon.\nKabulkanlah doa kami, ya Tuhan."
    )),
    ("liturgy", (
        "Om Swastyastu. Pada hari suci ini umat berkumpul di pura sejak pagi untuk menghaturkan "
        "banten. Pemangku memercikkan tirta kepada setiap keluarga, lalu umat melakukan "
        "persembahyangan bersama dengan sikap tenang. Setelah kramaning sembah selesai, umat "
        "menerima bija dan tirta, kemudian duduk sejenak mendengarkan dharma wacana tentang "
        "pentingnya menjaga keseimbangan antara manusia, alam, dan Sang Pencipta. Om Santih, "
        "Santih, Santih, Om."
    )),
    ("recipe", (
        "Bahan:\n- 500 gram daging sapi, potong dadu\n- 2 sendok makan kecap manis\n- 1 sendok "
        "makan gula merah sisir\n- 1 sendok teh garam\n- 1 sendok teh ketumbar bubuk\n- 3 lembar "
        "daun salam\n- 2 batang serai, memarkan\nCara membuat:\n1. Tumis bumbu halus sampai harum.\n"
        "2. Masukkan daging, aduk sampai berubah warna.\n3. Tuang air, masak dengan api kecil "
        "sampai daging empuk dan kuah menyusut.\n4. Koreksi rasa, angkat, dan sajikan hangat."
    )),
    ("recipe", (
        "Untuk adonan kulit, campur 250 gram tepung terigu, 1 butir telur, 1 sendok makan minyak "
        "dan sejumput garam, lalu tambahkan air sedikit demi sedikit sampai adonan kalis. Untuk isi, "
        "tumis 200 gram ayam cincang dengan 2 siung bawang putih, 1 batang daun bawang, 1 sendok "
        "teh kecap asin dan 1 sendok teh minyak wijen. Ambil sedikit adonan, pipihkan, beri isi, "
        "lipat, lalu goreng dalam minyak panas sampai kuning kecokelatan."
    )),
    ("recipe", (
        "Sambal matah khas Bali cukup mudah dibuat di rumah. Iris tipis 10 butir bawang merah, 5 "
        "batang serai bagian putihnya, 10 buah cabai rawit, dan 3 lembar daun jeruk. Campurkan "
        "semua irisan dalam mangkuk, tambahkan setengah sendok teh garam, setengah sendok teh gula, "
        "dan sedikit terasi bakar. Siram dengan 4 sendok makan minyak kelapa panas, beri perasan "
        "jeruk limau, aduk rata, lalu sajikan bersama ikan bakar atau ayam goreng."
    )),
    ("recipe", (
        "Kue lapis pelangi\n1. Campur 400 ml santan, 150 gram gula pasir, dan 1/2 sendok teh garam, "
        "masak sampai gula larut.\n2. Masukkan 200 gram tepung beras dan 50 gram tepung tapioka, "
        "aduk sampai licin.\n3. Bagi adonan menjadi lima bagian, beri pewarna merah, kuning, hijau, "
        "biru, dan ungu.\n4. Kukus lapis pertama selama 5 menit, tuang lapis kedua, kukus lagi 5 "
        "menit, dan ulangi sampai adonan habis.\n5. Dinginkan sebelum dipotong."
    )),
    ("sports", (
        "Hasil pekan ke-12 Liga Kampung Sejahtera:\nMerpati FC 2-1 Garuda Muda\nBintang Timur 0-0 "
        "Putra Desa\nSinar Jaya 3-2 Tunas Harapan\nElang Perkasa 1-1 Rajawali United\nPutra "
        "Pantai 0-2 Macan Kumbang\nKlasemen sementara masih dipimpin Sinar Jaya dengan 28 poin, "
        "unggul dua angka atas Merpati FC yang menyimpan satu laga tunda. Pekan depan, kedua tim "
        "bertemu di Lapangan Balai Desa pada Minggu sore."
    )),
    ("sports", (
        "Tim bulu tangkis kabupaten meraih hasil bagus pada hari pertama. Di tunggal putra, Arif "
        "menang 21-15, 21-18. Di tunggal putri, Laras menang 21-12, 19-21, 21-17. Ganda putra "
        "Bagus/Yoga menang 21-19, 21-16, sedangkan ganda putri Nia/Rosa kalah 18-21, 21-23. Ganda "
        "campuran Dimas/Vina menutup hari dengan kemenangan 21-14, 21-10. Pelatih mengatakan para "
        "pemain masih perlu memperbaiki pertahanan di depan net."
    )),
    ("sports", (
        "Klasemen akhir grup B turnamen futsal pelajar:\n1. SMA Negeri 2 - 3 main - 7 poin\n2. "
        "SMK Bina Karya - 3 main - 6 poin\n3. SMA Harapan Bangsa - 3 main - 4 poin\n4. MA Al-Ikhlas - "
        "3 main - 0 poin\nDua tim teratas lolos ke babak perempat final yang digelar di GOR kecamatan "
        "mulai Kamis. Panitia meminta setiap sekolah membawa suporter secukupnya dan menjaga "
        "ketertiban selama pertandingan berlangsung."
    )),
    ("sports", (
        "Lomba lari sepuluh kilometer diikuti 600 peserta. Juara pertama kategori putra diraih "
        "Yosias dengan waktu 33 menit 12 detik, juara kedua Markus dengan 33 menit 40 detik, dan "
        "juara ketiga Hendra dengan 34 menit 5 detik. Pada kategori putri, juara pertama Wulan "
        "dengan 38 menit 51 detik, juara kedua Maria dengan 39 menit 20 detik, dan juara ketiga "
        "Sinta dengan 40 menit 2 detik."
    )),
    ("poetry", (
        "Buah cempedak di luar pagar,\nambil galah tolong jolokkan;\nsaya budak baru belajar,\nkalau "
        "salah tolong tunjukkan.\nPergi ke pasar membeli tebu,\ntebu dibeli di ujung jalan;\nilmu "
        "dicari janganlah jemu,\nbekal hidup di masa depan.\nAir surut di tepi kali,\nanak itik "
        "berenang ke hulu;\nbudi baik dikenang kembali,\njasa guru takkan berlalu."
    )),
    ("poetry", (
        "Di ujung desa ada sungai kecil,\nairnya jernih mengalir pelan.\nKembalilah pulang, "
        "kembalilah pulang,\nrumah menunggu di balik hujan.\nDi tepi sawah ada pondok tua,\ntempat "
        "ibu menanak nasi.\nKembalilah pulang, kembalilah pulang,\npintu terbuka sampai nanti.\nDi "
        "bawah langit yang mulai senja,\nburung kembali ke sarangnya.\nKembalilah pulang, kembalilah "
        "pulang,\nhati ibu selalu setia."
    )),
    ("poetry", (
        "Hujan turun di kota kami, hujan turun di atap sekolah, hujan turun di pundak para penjual "
        "koran yang berteduh di halte. Kami menunggu dengan sabar, sebab hujan selalu membawa kabar: "
        "sawah akan hijau lagi, sumur akan penuh lagi, dan anak-anak akan berlari lagi di pematang "
        "sambil tertawa. Esok pagi matahari datang, dan kota kami bangun dengan bau tanah basah."
    )),
    ("poetry", (
        "Kalau ada sumur di ladang,\nboleh kita menumpang mandi;\nkalau ada umur yang panjang,\n"
        "boleh kita berjumpa lagi.\nJalan-jalan ke Kota Tua,\njangan lupa membeli roti;\nwalau kita "
        "berpisah berdua,\nnama sahabat tersimpan di hati.\nKapal berlayar ke Pulau Seribu,\nsinggah "
        "sebentar di Tanjung Priok;\nsampai di sini pantun dariku,\nsemoga berjumpa di lain hari esok."
    )),
    ("names", (
        "Daftar peserta pelatihan menjahit angkatan kedua: 1. Siti Aminah, 2. Siti Rohmah, 3. Siti "
        "Nurjanah, 4. Nur Aini, 5. Nur Hasanah, 6. Dewi Sartika, 7. Dewi Lestari, 8. Sri Wahyuni, "
        "9. Sri Mulyani, 10. Rina Marlina. Pelatihan berlangsung selama dua minggu di balai desa "
        "mulai pukul delapan pagi, dan setiap peserta mendapat mesin jahit pinjaman dari dinas."
    )),
    ("names", (
        "Kelompok 1: Ahmad, Budi, Citra, dan Dodi.\nKelompok 2: Eka, Fajar, Gita, dan Hadi.\nKelompok "
        "3: Indah, Joko, Kiki, dan Lukman.\nKelompok 4: Maya, Nanda, Oki, dan Putri.\nSetiap "
        "kelompok mengerjakan satu tema proyek tentang lingkungan sekolah, lalu mempresentasikan "
        "hasilnya di depan kelas pada hari Jumat. Ketua kelompok bertanggung jawab mengumpulkan "
        "laporan tertulis kepada wali kelas."
    )),
    ("names", (
        "Penerima beasiswa tahun ini berasal dari berbagai kecamatan, yaitu Andreas Sihombing dari "
        "Balige, Maria Sihombing dari Laguboti, Yohanes Simanjuntak dari Porsea, Ruth Simanjuntak "
        "dari Balige, Daniel Napitupulu dari Silaen, dan Debora Napitupulu dari Laguboti. Mereka "
        "akan menerima bantuan biaya kuliah selama empat tahun dengan syarat menjaga indeks "
        "prestasi dan aktif dalam kegiatan sosial di kampung halaman."
    )),
    ("table", (
        "Kecamatan | Laki-laki | Perempuan | Jumlah\nSukamaju | 12.450 | 12.310 | 24.760\nSukarame | "
        "9.870 | 10.020 | 19.890\nSukasari | 15.330 | 15.110 | 30.440\nSukajadi | 8.640 | 8.700 | "
        "17.340\nJumlah | 46.290 | 46.140 | 92.430\nData di atas berasal dari pencatatan dinas "
        "kependudukan pada akhir semester pertama dan belum memasukkan penduduk yang pindah datang "
        "setelah bulan Juni. Pembaruan data berikutnya akan diumumkan oleh kantor kecamatan pada awal "
        "tahun depan."
    )),
    ("table", (
        "Jadwal pelajaran kelas 5:\nSenin: Matematika, Bahasa Indonesia, IPA\nSelasa: Matematika, "
        "IPS, Seni Budaya\nRabu: Bahasa Indonesia, IPA, Pendidikan Agama\nKamis: Matematika, Bahasa "
        "Inggris, Olahraga\nJumat: Pendidikan Agama, Bahasa Indonesia, Pramuka\nOrang tua diminta "
        "memastikan anak membawa buku sesuai jadwal dan pakaian olahraga pada hari Kamis, serta bekal air minum "
        "karena kegiatan dimulai sejak pagi."
    )),
    ("table", (
        "Harga kebutuhan pokok di Pasar Baru hari ini: beras medium Rp12.500 per kilogram, beras "
        "premium Rp14.800 per kilogram, gula pasir Rp17.000 per kilogram, minyak goreng Rp16.500 per "
        "liter, telur ayam Rp28.000 per kilogram, cabai merah Rp45.000 per kilogram, dan bawang "
        "merah Rp36.000 per kilogram. Pedagang menyebut harga cabai naik karena pasokan dari daerah "
        "sentra berkurang setelah hujan deras."
    )),
    ("table", (
        "Jadwal imsakiyah pekan ini untuk wilayah kota: Senin imsak 04.21, subuh 04.31, magrib "
        "17.52; Selasa imsak 04.21, subuh 04.31, magrib 17.52; Rabu imsak 04.22, subuh 04.32, "
        "magrib 17.53; Kamis imsak 04.22, subuh 04.32, magrib 17.53. Warga di kecamatan pesisir "
        "diminta menyesuaikan waktu dua menit lebih awal sesuai arahan kantor kementerian agama."
    )),
    ("schedule", (
        "Prakiraan cuaca besok: Medan cerah berawan, suhu 23 sampai 32 derajat. Padang hujan "
        "ringan, suhu 22 sampai 30 derajat. Pekanbaru cerah berawan, suhu 24 sampai 34 derajat. "
        "Palembang hujan ringan, suhu 23 sampai 33 derajat. Jambi berawan, suhu 23 sampai 33 "
        "derajat. Masyarakat diimbau waspada terhadap potensi hujan disertai angin kencang pada "
        "sore hari, terutama di wilayah pegunungan dan pesisir barat."
    )),
    ("schedule", (
        "Kereta lokal berangkat dari stasiun kota pukul 05.30, 07.15, 09.00, 11.45, 14.20, dan 17.05. "
        "Dari arah sebaliknya, kereta berangkat pukul 06.10, 08.05, 10.30, 13.00, 15.40, dan 18.25. "
        "Penumpang diminta datang paling lambat lima belas menit sebelum keberangkatan, membawa "
        "kartu identitas, dan memindai kode tiket di gerbang masuk. Pada hari libur "
        "nasional jadwal dapat berubah dan diumumkan di papan informasi."
    )),
    ("speech", (
        "Bapak dan ibu sekalian, kita berkumpul di sini bukan untuk meratapi banjir, melainkan untuk "
        "bangkit bersama. Kita bangun kembali rumah yang rusak, kita bersihkan kembali sekolah yang "
        "terendam, dan kita tanam kembali sawah yang gagal panen. Kita tidak sendiri: pemuda desa "
        "sudah bergerak, ibu-ibu sudah membuka dapur umum, dan para donatur sudah mengirim bantuan."
    )),
    ("speech", (
        "Terima kasih kepada panitia yang telah bekerja keras. Terima kasih kepada para guru yang "
        "mendampingi siswa sejak pagi. Terima kasih kepada orang tua yang datang dari jauh. Dan "
        "terima kasih kepada anak-anakku semua yang sudah tampil dengan berani. Apa pun hasil "
        "lomba hari ini, kalian sudah belajar hal yang paling penting, yaitu bekerja sama dan "
        "menghargai teman."
    )),
    ("faq", (
        "Tanya: Apakah pendaftaran bisa dilakukan secara daring?\nJawab: Bisa, melalui laman resmi "
        "sekolah.\nTanya: Apakah ada biaya pendaftaran?\nJawab: Tidak ada biaya apa pun.\nTanya: "
        "Kapan pengumuman hasil seleksi?\nJawab: Pengumuman dilakukan pada minggu ketiga bulan Juli.\n"
        "Tanya: Apakah siswa dari luar kota boleh mendaftar?\nJawab: Boleh, dengan kuota paling "
        "banyak lima persen dari daya tampung."
    )),
    ("faq", (
        "Langkah mengurus akta kelahiran: pertama, siapkan surat keterangan lahir dari bidan atau "
        "rumah sakit; kedua, siapkan kartu keluarga dan buku nikah orang tua; ketiga, isi formulir "
        "di kantor desa; keempat, serahkan berkas ke dinas kependudukan; kelima, tunggu pemberitahuan "
        "melalui pesan singkat. Akta biasanya selesai dalam tujuh hari kerja dan tidak dipungut "
        "biaya."
    )),
    ("minutes", (
        "Notulen rapat RT 05. Rapat dibuka pukul 19.30 oleh Ketua RT. Agenda pertama, iuran "
        "kebersihan tetap Rp20.000 per bulan. Agenda kedua, jadwal ronda dibagi per gang: Gang Mawar "
        "hari Senin dan Kamis, Gang Melati hari Selasa dan Jumat, Gang Kenanga hari Rabu dan Sabtu. "
        "Agenda ketiga, kerja bakti dilaksanakan Minggu pertama setiap bulan. Rapat ditutup pukul "
        "21.10."
    )),
    ("minutes", (
        "Hasil rekapitulasi suara di tingkat desa: TPS 01 calon nomor 1 memperoleh 112 suara dan "
        "calon nomor 2 memperoleh 98 suara; TPS 02 calon nomor 1 memperoleh 87 suara dan calon "
        "nomor 2 memperoleh 131 suara; TPS 03 calon nomor 1 memperoleh 140 suara dan calon nomor 2 "
        "memperoleh 76 suara. Saksi kedua calon menandatangani berita acara tanpa keberatan."
    )),
    ("poetry", (
        "Pagi di Pelabuhan\n***\nPerahu-perahu pulang membawa ikan dan cerita,\nnelayan tua "
        "menambatkan tali dengan tangan yang pecah-pecah.\n***\nAnak-anak berlari di dermaga,\n"
        "menghitung kapal yang datang satu per satu,\nsementara ibu-ibu menawar harga di bawah "
        "tenda biru.\n***\nMatahari naik perlahan di atas bukit,\ndan pelabuhan kecil itu kembali "
        "sibuk seperti hari kemarin.\n***"
    )),
    ("letter", (
        "Demikian berita acara serah terima barang ini dibuat dengan sebenarnya untuk dipergunakan "
        "sebagaimana mestinya bagi kedua belah pihak. Barang yang diserahkan telah diperiksa bersama dan dinyatakan dalam "
        "keadaan baik serta lengkap sesuai daftar terlampir, termasuk kunci, buku petunjuk, dan kartu garansi.\nYang Menyerahkan,\n\n\n"
        "(..............................)\nYang Menerima,\n\n\n(..............................)\n"
        "Mengetahui, Kepala Desa,\n\n\n(..............................)"
    )),
    ("table", (
        "Rekap kehadiran rapat koperasi bulan ini:\n+------------+-------+-------+\n| Dusun      "
        "| Hadir | Izin  |\n+------------+-------+-------+\n| Krajan     | 34    | 3     |\n"
        "+------------+-------+-------+\n| Sumberejo  | 28    | 5     |\n+------------+-------+-------+\n"
        "| Ngadirejo  | 19    | 2     |\n+------------+-------+-------+\nAnggota yang tidak hadir "
        "tanpa keterangan akan dihubungi pengurus sebelum rapat tahunan, karena keputusan tentang "
        "pembagian sisa hasil usaha memerlukan persetujuan sebagian besar anggota."
    )),
    ("form", (
        "FORMULIR PENGADUAN MASYARAKAT\nNama pelapor : ........................................\n"
        "Alamat : ........................................\n........................................\n"
        "Uraian pengaduan : ........................................\n"
        "........................................\n........................................\n"
        "Pengaduan akan ditindaklanjuti paling lambat empat belas hari kerja sejak formulir diterima "
        "oleh petugas. Pelapor berhak mengetahui perkembangan penanganan dan identitas pelapor dijaga "
        "kerahasiaannya sesuai ketentuan yang berlaku di lingkungan pemerintah kabupaten, termasuk "
        "terhadap pihak yang diadukan."
    )),
    ("letter", (
        "Surat kuasa ini diberikan untuk keperluan pengambilan dokumen kependudukan di kantor dinas "
        "dan tidak dapat dialihkan kepada pihak lain. Apabila di kemudian hari terdapat kekeliruan, "
        "pemberi kuasa bersedia bertanggung jawab sepenuhnya dan menerima akibat hukumnya. Surat ini berlaku sampai tanggal tiga puluh "
        "bulan berjalan.\n"
        "Pemberi Kuasa,\n\n\n(________________________)\nPenerima Kuasa,\n\n\n"
        "(________________________)\nSaksi,\n\n\n(________________________)"
    )),
    ("poetry", (
        "Doa Seorang Petani\n~ ~ ~\nTuhan, turunkan hujan secukupnya di sawah kami yang retak,\n"
        "jangan terlalu deras sampai tanggul jebol dan padi rebah.\n~ ~ ~\nTuhan, jauhkan hama dari "
        "batang-batang muda,\nbiar bulir tumbuh bernas dan lumbung kembali penuh.\n~ ~ ~\nDan bila "
        "panen tiba, ajari kami berbagi dengan tetangga yang gagal panen.\n~ ~ ~"
    )),
)

# Genuinely repetitive texts (hand-written): a repetition rule must reject each.
SPAM: tuple[tuple[str, str], ...] = (
    ("stuffing", " ".join(["jual obat herbal asli murah, obat herbal asli murah terpercaya,"] * 8)
     + " hubungi kami sekarang juga untuk pemesanan."),
    ("stuffing", "slot gacor hari ini " * 12 + "daftar slot gacor terpercaya dan situs slot gacor resmi "
     "dengan bonus slot gacor setiap hari untuk semua member slot gacor."),
    ("line", "\n".join(["Klik tautan di bawah ini untuk mendapatkan hadiah gratis sekarang juga!"] * 10)),
    ("line", "\n".join(["Promo spesial akhir tahun, diskon hingga 90 persen untuk semua produk."] * 6
                       + ["Stok terbatas, jangan sampai kehabisan.", "Belanja sekarang di toko kami."])),
    ("sentence", ("Kami menyediakan jasa pembuatan website murah dan profesional untuk usaha Anda. ") * 7),
    ("paragraph", ("Toko kami menjual pakaian anak dengan harga grosir untuk wilayah Jawa Tengah dan "
                   "sekitarnya. Pengiriman dilakukan setiap hari kerja melalui ekspedisi pilihan, dan "
                   "pembeli dapat membayar di tempat untuk pesanan pertama.\n") * 3),
    ("stuffing", "cara cepat kaya, cara cepat kaya tanpa modal, cara cepat kaya dari rumah, " * 6
     + "cara cepat kaya terbukti berhasil."),
    ("line", "\n".join(["Follow akun ini untuk info terbaru", "Like dan share ya kak"] * 6)),
)


def clean(half: str) -> list[tuple[str, str]]:
    """(genre, text) of one half: ``tune`` (even indices) or ``heldout`` (odd)."""
    want = 0 if half == "tune" else 1
    return [c for i, c in enumerate(CLEAN) if i % 2 == want]


def spam(half: str) -> list[tuple[str, str]]:
    want = 0 if half == "tune" else 1
    return [c for i, c in enumerate(SPAM) if i % 2 == want]
