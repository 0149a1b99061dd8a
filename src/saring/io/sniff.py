"""What compression a stream uses, from its first bytes; a module of its own so that
``saring clean`` can refuse compressed input without importing the readers (zstandard, xxhash,
bz2, lzma: ~20 ms of start-up)."""

from __future__ import annotations

import re

COMPRESSION_NAMES = {"gz": "gzip", "zst": "zstd", "bz2": "bzip2", "xz": "xz"}

_GZIP_MAGIC = b"\x1f\x8b\x08"  # ID1 ID2 and CM=8 (deflate, the only method RFC 1952 defines)
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_XZ_MAGIC = b"\xfd7zXZ\x00"
_BZ2_MAGIC = re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)")


def compression_of(head: bytes) -> str | None:
    """The compression of a stream from its first bytes (gzip, zstd, bzip2, xz) or None."""
    if head.startswith(_GZIP_MAGIC):
        return "gz"
    if head.startswith(_ZSTD_MAGIC):
        return "zst"
    if head.startswith(_XZ_MAGIC):
        return "xz"
    if _BZ2_MAGIC.match(head):
        return "bz2"
    return None
