"""Repetition rules on >= 50-word clean Indonesian paragraphs of registers language ID found
hard (issue 17, session 17, langpii15), and on writer B's clean paragraphs.

Why: session 16 found clean Indonesian lines of some registers (sermons, SMS/chat, forum posts,
announcements) rejected by language ID; the same registers repeat by nature (``Ya Allah`` in a
prayer, ``sdh`` in a chat, a group admin's reminders), so the quality step's repetition rules
are checked on them too. ``CLEAN`` is hand-written for this set (no corpus text; every sentence
of >= 20 characters checked absent from the shared corpora), halves by position: even index =
``dev``, odd = ``heldout``. ``SPAM`` are repetitive guards that must stay rejected. Writer B's
paragraphs (``writer_b``): the body lines of each page of the session-16 blind boilerplate set
and the clean text of each page of the blind repair pages, when >= 50 words.

    SARING_CACHE_DIR=... python -m evaluation.quality.repetition17 [--quiet]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CLEAN: tuple[tuple[str, str], ...] = (
    (
        "sermon",
        (
            "Jamaah salat Jumat yang berbahagia, pada siang hari ini khatib mengajak diri sendiri dan "
            "hadirin sekalian untuk menjaga lisan. Banyak perselisihan di kampung kita bermula dari "
            "kata-kata yang diucapkan tanpa dipikirkan lebih dulu. Orang yang beriman berkata baik "
            "atau diam. Maka sebelum menulis di grup percakapan, sebelum membalas komentar tetangga, "
            "tanyakan kepada hati kita apakah kata itu membawa kebaikan."
        ),
    ),
    (
        "sms",
        (
            "Bu, sy sdh sampai di terminal tp bus ke Wonosari blm ada. Katanya jam 3 baru berangkat. "
            "Nanti sy kabari lg kalau sdh naik ya. Tolong bilang ke bapak jgn jemput di pertigaan, "
            "sy turun di depan puskesmas aja soalnya bawa kardus dua. Oh iya, oleh-oleh buat adik "
            "sdh sy beli, bakpia sama keripik. Hp sy baterainya tinggal sedikit, jd jgn telp dulu."
        ),
    ),
    (
        "forum",
        (
            "Mau tanya, gan. Motor ane matic tahun 2017, tiap pagi susah dinyalakan padahal aki baru "
            "diganti bulan lalu. Sudah coba ganti busi juga, hasilnya sama. Kalau sudah jalan sepuluh "
            "menit normal lagi, tidak ada brebet. Apa ini masalah injektor atau sensor suhu? Bengkel "
            "dekat rumah bilang harus bongkar throttle body, biayanya lumayan. Ada yang pernah kena "
            "masalah serupa? Terima kasih sebelumnya."
        ),
    ),
    (
        "announcement",
        (
            "Diberitahukan kepada seluruh warga RW 07 bahwa kerja bakti membersihkan saluran air "
            "akan dilaksanakan pada hari Minggu pukul tujuh pagi. Setiap rumah diharapkan mengirim "
            "minimal satu orang dan membawa cangkul atau sapu lidi. Bagi warga yang berhalangan "
            "hadir, mohon menyampaikan kepada ketua RT masing-masing. Konsumsi disediakan oleh ibu-ibu "
            "PKK. Atas perhatian dan kerja samanya kami ucapkan terima kasih."
        ),
    ),
    (
        "prayer",
        (
            "Ya Allah, lapangkanlah rezeki kami dan berkahilah usaha kami. Ya Allah, sembuhkanlah "
            "saudara-saudara kami yang sedang sakit, dan berilah kesabaran kepada keluarga yang "
            "merawatnya. Ya Allah, ampunilah orang tua kami, sayangilah mereka sebagaimana mereka "
            "menyayangi kami di waktu kecil. Jadikanlah anak-anak kami penyejuk mata, rajin belajar, "
            "dan berbakti kepada sesama. Kabulkanlah doa kami, ya Tuhan semesta alam."
        ),
    ),
    (
        "chat",
        (
            "Guys, besok kumpul jam 8 di kampus ya, jgn telat. Yg bawa proyektor si Rendi, yg bawa "
            "kabel HDMI aku. Slide bagian metode blm selesai, nanti malam aku kerjain. Kalau ada yg "
            "mau nambahin data survei langsung masukin aja ke folder bersama, jgn dikirim lewat chat "
            "biar gak ketumpuk. Presentasinya cuma lima belas menit, jd masing-masing ngomong "
            "tiga menit aja. Semangat!"
        ),
    ),
    (
        "review",
        (
            "Barang sampai dalam tiga hari, bungkusnya rapi pakai bubble wrap tebal. Blendernya "
            "kokoh, suaranya tidak terlalu bising dibanding punya saya yang lama. Sudah dicoba untuk "
            "jus alpukat dan bumbu halus, hasilnya lembut. Minusnya kabel agak pendek jadi harus "
            "dekat stopkontak. Penjual ramah dan cepat membalas pertanyaan. Semoga awet, nanti saya "
            "kabari lagi kalau sudah dipakai sebulan."
        ),
    ),
    (
        "legal",
        (
            "Menimbang bahwa terdakwa di persidangan telah mengakui perbuatannya dan menyatakan "
            "menyesal, serta berjanji tidak akan mengulanginya lagi. Menimbang bahwa terdakwa belum "
            "pernah dihukum dan merupakan tulang punggung keluarga. Menimbang bahwa perbuatan "
            "terdakwa telah meresahkan masyarakat di sekitar pasar. Menimbang bahwa berdasarkan "
            "pertimbangan tersebut majelis hakim berpendapat pidana yang dijatuhkan sudah sesuai "
            "dengan rasa keadilan."
        ),
    ),
    (
        "sports",
        (
            "Babak kedua baru berjalan lima menit ketika tuan rumah mendapat tendangan sudut. Bola "
            "melambung ke tiang jauh, disundul bek tengah, tetapi masih bisa ditepis kiper. Serangan "
            "balik cepat dari sayap kiri membuat pertahanan tuan rumah kocar-kacir. Umpan tarik "
            "mendatar disambar penyerang tamu, gol! Skor berubah menjadi satu sama, dan suporter "
            "tamu di tribun utara bernyanyi tanpa henti."
        ),
    ),
    (
        "minutes",
        (
            "Rapat dibuka pukul sembilan oleh kepala desa. Agenda pertama membahas perbaikan jalan "
            "usaha tani sepanjang delapan ratus meter. Peserta sepakat pekerjaan dilakukan swadaya "
            "dengan bantuan material dari dana desa. Agenda kedua membahas jadwal pembagian air "
            "irigasi pada musim kemarau. Diputuskan pembagian bergilir setiap tiga hari per blok "
            "sawah. Rapat ditutup pukul sebelas dengan doa bersama."
        ),
    ),
    (
        "recipe",
        (
            "Cuci bersih daun singkong, lalu rebus sampai empuk dan tiriskan. Haluskan bawang merah, "
            "bawang putih, cabai, kemiri, dan sedikit kunyit. Tumis bumbu halus sampai harum, "
            "masukkan serai dan daun salam. Tuang santan encer, aduk terus supaya tidak pecah. "
            "Masukkan daun singkong, tambahkan garam dan gula secukupnya. Setelah mendidih, tuang "
            "santan kental dan masak sebentar. Sajikan hangat dengan nasi."
        ),
    ),
    (
        "newsletter",
        (
            "Kabar sekolah bulan ini: siswa kelas lima meraih juara dua lomba cerdas cermat tingkat "
            "kecamatan. Perpustakaan kini buka sampai pukul tiga sore setiap Selasa dan Kamis. Orang "
            "tua yang ingin menyumbang buku bacaan anak dapat menitipkannya di ruang guru. Ujian "
            "tengah semester dimulai tanggal dua belas, mohon anak-anak dibantu mengatur waktu "
            "belajar di rumah dan cukup tidur."
        ),
    ),
    (
        "condolence",
        (
            "Innalillahi wa inna ilaihi rajiun. Telah berpulang ke rahmatullah ayahanda kami, Bapak "
            "Suparman bin Kartorejo, pada hari Rabu dini hari dalam usia tujuh puluh dua tahun. "
            "Jenazah disalatkan di masjid kampung setelah zuhur dan dimakamkan di pemakaman umum "
            "desa. Kami mohon dimaafkan segala kesalahan almarhum semasa hidupnya. Terima kasih atas "
            "doa dan kehadiran bapak ibu sekalian."
        ),
    ),
    (
        "qna",
        (
            "Pertanyaan: apakah surat keterangan tidak mampu masih bisa dipakai untuk mendaftar "
            "sekolah? Jawaban: bisa, selama surat itu diterbitkan oleh kelurahan dalam enam bulan "
            "terakhir. Pertanyaan: bagaimana jika kartu keluarga belum diperbarui? Jawaban: "
            "pendaftar tetap dapat mendaftar, tetapi wajib membawa bukti pengajuan perubahan dari "
            "dinas kependudukan. Pertanyaan lain dapat disampaikan ke meja layanan."
        ),
    ),
    (
        "travel",
        (
            "Kami berangkat dari dermaga sebelum subuh, menumpang perahu nelayan yang biasa mengantar "
            "ikan ke pulau seberang. Laut masih tenang, hanya sesekali ombak kecil memercik ke "
            "dalam perahu. Matahari muncul perlahan di balik bukit, langit berubah jingga. Di pulau "
            "itu tidak ada penginapan, jadi kami menginap di rumah kepala dusun yang dengan senang "
            "hati menyediakan tikar dan kopi."
        ),
    ),
    (
        "wa_group",
        (
            "Assalamualaikum bapak ibu wali murid kelas tiga. Mengingatkan besok anak-anak memakai "
            "baju olahraga dan membawa bekal sendiri karena ada kegiatan jalan sehat keliling desa. "
            "Mohon anak diantar paling lambat pukul tujuh. Bagi yang belum mengumpulkan formulir "
            "izin, bisa dititipkan besok pagi. Untuk iuran kaos kegiatan sudah lunas semua, terima "
            "kasih banyak. Wassalamualaikum."
        ),
    ),
)

SPAM: tuple[tuple[str, str], ...] = (
    ("stuffing", " ".join(["obat kuat herbal asli murah"] * 14)),
    ("line_x8", "\n".join(["PROMO AKHIR TAHUN DISKON SAMPAI 70 PERSEN KLIK LINK DI BIO"] * 8)),
    (
        "sentence_x6",
        " ".join(["Dapatkan saldo gratis setiap hari hanya dengan mengunduh aplikasi ini."] * 6),
    ),
    (
        "pasted_x3",
        "\n\n".join(
            [
                "Jual tanah kavling siap bangun di pinggir jalan provinsi, sertifikat hak milik, bebas "
                "banjir, dekat sekolah dan pasar, harga nego tipis, hubungi pemilik langsung tanpa "
                "perantara, survei lokasi bisa setiap hari."
            ]
            * 3
        ),
    ),
)


def clean(half: str) -> list[tuple[str, str]]:
    """(genre, text) of one half: ``dev`` (even indices) or ``heldout`` (odd)."""
    want = 0 if half == "dev" else 1
    return [c for i, c in enumerate(CLEAN) if i % 2 == want]


def spam(half: str) -> list[tuple[str, str]]:
    want = 0 if half == "dev" else 1
    return [c for i, c in enumerate(SPAM) if i % 2 == want]


def writer_b(min_words: int = 50) -> list[tuple[str, str]]:
    """(source, text) of writer B's clean paragraphs of >= ``min_words`` words."""
    from evaluation.repair.unseen import pages_in

    out = []
    path = ROOT / "evaluation" / "blind16" / "boilerplate_blind16.txt"
    body: list[str] = []
    for ln in [*path.read_text(encoding="utf-8").splitlines(), "### end"]:
        if ln.startswith("###"):
            if len(" ".join(body).split()) >= min_words:
                out.append(("boilerplate_b", "\n".join(body)))
            body = []
        elif ln.startswith("B "):
            body.append(ln[2:])
    for page in pages_in(ROOT / "evaluation" / "blind16" / "data" / "repair_pages_blind16.txt"):
        text = " ".join(_unmark(ln) for ln in page)
        if len(text.split()) >= min_words:
            out.append(("repair_pages_b", text))
    return out


def _unmark(line: str) -> str:
    """The clean sentence of a marked repair line: ``{phrase} [[Name]]`` -> ``phrase Name``."""
    import re

    return re.sub(r"\{([^}]*)\} \[\[([^\]]*)\]\]", r"\1 \2", line)


def main() -> None:
    """Per text: repetition rules that fail (with what they name), other quality rules that
    fail, the quality step's verdict; a summary per group."""
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from bench_quality_repetition import failures

    from saring.document import Document
    from saring.quality.fineweb import FineWebQuality
    from saring.quality.gopher import GopherQuality, GopherRepetition
    from saring.quality.step import QualityFilter
    from saring.step import run_steps

    quiet = "--quiet" in sys.argv
    rep, fw, gq, qf = GopherRepetition(), FineWebQuality(), GopherQuality(), QualityFilter()
    groups = {"dev": clean("dev"), "heldout": clean("heldout"), "writer_b": writer_b()}
    for name, texts in groups.items():
        rejected = unnamed = step_rejected = 0
        for genre, text in texts:
            rf = failures(rep, text) + failures(fw, text, True)
            other = failures(fw, text, False) + failures(gq, text)
            doc = next(iter(run_steps([qf], [Document("x", text, {"lang_detected": "id"})], {})))
            rejected += bool(rf)
            unnamed += any(r[3] is None for r in rf)
            step_rejected += doc.status != "kept"
            if not quiet and (name != "heldout" or "--show-heldout" in sys.argv):
                print(
                    f"{name} {genre:14s} words={len(text.split()):3d} repetition={rf} "
                    f"other={[o[:3] for o in other]} step={doc.status} {doc.decision.reason}"
                )
        print(
            f"== {name}: clean {len(texts)}, rejected by a repetition rule {rejected} "
            f"(without a named repeat {unnamed}); rejected by the quality step {step_rejected}"
        )
    for half in ("dev", "heldout"):
        caught = sum(bool(failures(rep, t) + failures(fw, t, True)) for _g, t in spam(half))
        print(f"== spam {half}: caught by a repetition rule {caught} / {len(spam(half))}")


if __name__ == "__main__":
    main()
