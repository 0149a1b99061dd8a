"""Write examples/bad_input.jsonl: a JSON Lines file with one bad record of each kind.

Generated (not hand-edited) because some lines hold raw bytes (NUL, invalid UTF-8) that
editors and diff tools mangle. Run: python scripts/make_bad_input.py
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "examples" / "bad_input.jsonl"

LINES: list[bytes] = [
    b'{"id": "baik-1", "text": "Warga Desa Sukamaju bergotong royong memperbaiki jembatan bambu yang rusak diterjang banjir pekan lalu."}',
    b'{"id": "rusak-json", "text": "Kalimat ini tidak pernah ditutup dengan tanda kutip',
    b'{"id": "tanpa-teks", "judul": "Rapat warga ditunda"}',
    b'{"id": "teks-angka", "text": 12345}',
    b'{"id": "ada-nul", "text": "Teks dengan bait NUL\x00 di tengah"}',
    b'{"id": "bukan-utf8", "text": "Caf\xe9 di Bandung buka 24 jam"}',
    b"",
    b'["bukan", "objek", "json"]',
    b'{"id": "baik-2", "text": "Pemerintah kabupaten membuka pendaftaran pelatihan kerja gratis bagi pemuda lulusan SMA dan SMK."}',
]


def main() -> None:
    OUT.write_bytes(b"\n".join(LINES) + b"\n")
    print(f"wrote {OUT} ({len(LINES)} lines)")


if __name__ == "__main__":
    main()
