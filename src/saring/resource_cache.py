"""Parsed language resources cached on disk, so a process does not parse data files again.

Why: ``saring clean`` on one paragraph spent most of its start-up parsing the repair data files
into dicts and sets and compiling two large trie regexes (~90 ms of ~170 ms); every worker of a
run pays the same at set-up. :func:`load_cached` stores what a ``build()`` function returns (a
dict of plain values: str, int, float, tuples, lists, dicts, sets, frozensets, compiled regexes)
with :mod:`marshal` in the user's cache folder, keyed by the content hashes of the data files,
the builder's own source file and the Python version. Any change to one of them gives another
key, so a stale entry is never read; it is replaced by the next build.

Compiled regexes are stored as their compiled program (what ``re`` hands to ``_sre.compile``),
so loading one costs microseconds instead of re-running ``re``'s pure-Python compiler. The
program format is private to each CPython version: the key includes the interpreter version and
``_sre.MAGIC``, a loaded program is rebuilt only through ``_sre.compile`` (the constructor
``re.compile`` itself ends in), and when anything about it fails the pattern is compiled the
ordinary way.

Where: ``$SARING_CACHE_DIR``, else ``$XDG_CACHE_HOME/saring``, else ``~/.cache/saring``.
``SARING_NO_CACHE=1`` turns reading and writing off. An unwritable folder, a corrupt or
truncated file (CRC-checked) all fall back to ``build()``; results are the same either way.
"""

from __future__ import annotations

import gc
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

FORMAT = b"SARC1"  # file header; bump when the layout below changes
_REGEX = "__regex__"  # payload key holding the compiled regexes
TABLES = "__tables__"  # build() key of str -> value dicts to read in place (saring.table)
_TABLE_INDEX = "__table_index__"  # payload key: offsets of those tables in the .tables file


def cache_dir() -> Path | None:
    """The folder for cached resources, or None when caching is turned off."""
    if os.environ.get("SARING_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("SARING_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "saring"


def _sre_magic() -> str:
    try:
        import _sre

        return f"{_sre.MAGIC}.{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return "none"


def _hasher() -> Any:
    """BLAKE2b straight from its built-in module: ``hashlib`` would also load OpenSSL (~4 ms of
    start-up) for nothing here."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - every CPython build has it
        from hashlib import blake2b
    return blake2b(digest_size=16)


def cache_key(name: str, sources: Iterable[Path]) -> str:
    """Hash of the sources' names and contents, the Python version and this file's format."""
    h = _hasher()
    for part in (FORMAT.decode(), name, sys.version, sys.implementation.cache_tag or "", _sre_magic()):
        h.update(part.encode() + b"\0")
    for path in sorted(Path(p) for p in sources):
        data = path.read_bytes()
        h.update(f"{path.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _stamp(name: str, files: Iterable[Path]) -> str:
    """What the files' metadata says about them: path, size, inode, and modification and change
    times in nanoseconds. Rewriting a file changes its ctime (which no tool can set back), so
    equal stamps mean the content hashed before is still there."""
    h = _hasher()
    h.update(f"{FORMAT.decode()}\0{name}\0{sys.version}\0".encode())
    for path in sorted(Path(p) for p in files):
        st = os.stat(path)
        h.update(f"{path}\0{st.st_size}\0{st.st_ino}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0".encode())
    return h.hexdigest()


def _stamped_key(folder: Path, name: str, files: list[Path]) -> str:
    """:func:`cache_key` without reading the files when their stamp (:func:`_stamp`) is the one
    recorded with the key in ``<name>.stamp`` (~2-3 ms of reading and hashing 1.4 MB saved at
    every start); otherwise the content is hashed and the pair recorded."""
    stamp = _stamp(name, files)
    record = folder / f"{name}.stamp"
    try:
        got_stamp, _, got_key = record.read_text("ascii").partition(" ")
        if got_stamp == stamp and len(got_key) == 32:
            return got_key
    except (OSError, UnicodeDecodeError):
        pass
    key = cache_key(name, files)
    _write_atomic(folder, record, f"{stamp} {key}".encode("ascii"))
    return key


# ----------------------------------------------------------------------------- regexes
def regex_program(pattern: re.Pattern[str]) -> tuple[Any, ...] | None:
    """What ``_sre.compile`` needs to rebuild ``pattern`` without ``re``'s compiler, checked
    to give an equal pattern (``==`` compares the compiled programs); None if unavailable."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        flags = int(pattern.flags)  # the final flags: parsing with them gives the same program
        parsed = _parser.parse(pattern.pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        program = (pattern.pattern, flags | parsed.state.flags, [int(c) for c in code],
                   parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if regex_from_program(program) != pattern:
            return None
        return program
    except Exception:  # noqa: BLE001 - another Python's internals: just do not cache it
        return None


def regex_from_program(program: tuple[Any, ...]) -> re.Pattern[str]:
    import _sre

    pattern, flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


# ----------------------------------------------------------------------------- store / load
def _shared_values(value: Any, seen: dict[tuple[type, str], Any]) -> Any:
    """``value`` with equal strings, floats, ints and tuples of them replaced by one object
    each, so that marshal writes the repeats as back-references and loading creates each once
    (a lexicon's 35k zipf values hold a few hundred distinct numbers; the members of distinct
    tuples are shared the same way). Strings too: repair's entry holds 147k strings of which
    89k are distinct (the same word is a key of several tables and a member of word lists);
    shared, loading builds and hashes each once (``str`` caches its hash), not once per table.
    Exact: keyed by type and ``repr`` (``0.0`` and ``-0.0`` stay apart); dicts, lists and tuples
    keep their type and order."""
    def one(v: Any) -> Any:
        t = type(v)
        if t is str:
            return seen.setdefault((str, v), v)
        if t in (float, int):
            return seen.setdefault((t, repr(v)), v)
        if t is tuple and all(type(x) in (float, int) for x in v):
            # members shared too: 25k distinct (count, count) pairs hold ~1.7k distinct ints
            return seen.setdefault((tuple, repr(v)), tuple(one(x) for x in v))
        if t in (tuple, list):  # not sets: rebuilt, a set may iterate in another order
            return t(one(x) for x in v)
        if t is dict:  # nested dicts too (repair's ``maps`` holds its tables)
            return {one(k): one(x) for k, x in v.items()}
        return v

    return one(value)


def _encode(fields: dict[str, Any]) -> bytes:
    seen: dict[tuple[type, str], Any] = {}
    plain = {k: _shared_values(v, seen) for k, v in fields.items() if not isinstance(v, re.Pattern)}
    regexes: dict[str, Any] = {}
    for k, v in fields.items():
        if isinstance(v, re.Pattern):
            regexes[k] = regex_program(v) or (v.pattern, int(v.flags))
    plain[_REGEX] = regexes
    payload = marshal.dumps(plain)
    return FORMAT + zlib.crc32(payload).to_bytes(4, "little") + payload


def _decode(blob: bytes) -> dict[str, Any] | None:
    n = len(FORMAT)
    if blob[:n] != FORMAT or len(blob) < n + 4:
        return None
    payload = memoryview(blob)[n + 4:]  # no copy of the ~2 MB (crc32 and marshal take views)
    if zlib.crc32(payload) != int.from_bytes(blob[n:n + 4], "little"):
        return None
    collecting = gc.isenabled()
    gc.disable()  # ~100k new containers: no point in collecting while they are created
    try:
        fields = marshal.loads(payload)
    finally:
        if collecting:
            gc.enable()
    if not isinstance(fields, dict) or not isinstance(fields.get(_REGEX), dict):
        return None
    for k, prog in fields.pop(_REGEX).items():
        if len(prog) == 2:  # stored as source: compile here
            fields[k] = re.compile(prog[0], prog[1])
            continue
        try:
            fields[k] = regex_from_program(prog)
        except Exception:  # noqa: BLE001 - fall back to re's compiler
            fields[k] = re.compile(prog[0], prog[1])
    return fields


def _write_atomic(folder: Path, path: Path, blob: bytes) -> bool:
    """Write ``path`` whole or not at all (temp file + rename); False when it cannot be written
    (read-only home, full disk...: the next process parses or hashes again)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return False


def _write(folder: Path, name: str, path: Path, blob: bytes) -> None:
    if not _write_atomic(folder, path, blob):
        return
    try:
        for old in [*folder.glob(f"{name}-*.marshal"), *folder.glob(f"{name}-*.tables")]:
            if old.stem != path.stem:  # earlier versions of the same resources
                old.unlink(missing_ok=True)
    except OSError:
        pass


def load_cached(name: str, build: Callable[[], dict[str, Any]], sources: Iterable[Path]) -> dict[str, Any]:
    """``build()``'s result, from the cache when the same sources built it before.

    ``sources`` are the data files ``build`` reads; the file ``build`` is defined in and this
    module are added (a change to the parsing or storing code invalidates the entry too). ``name`` names the entry
    (``repair``); one entry per name is kept.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    files = [Path(p) for p in sources]
    code_file = getattr(getattr(build, "__code__", None), "co_filename", None)
    if code_file and os.path.exists(code_file):
        files.append(Path(code_file))
    files.append(Path(__file__))  # and this module's way of storing them
    files.append(Path(__file__).with_name("table.py"))  # and the tables' layout
    try:
        key = _stamped_key(folder, name, files)
    except OSError:
        return build()
    path = folder / f"{name}-{key}.marshal"
    try:
        fields = _decode(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        fields = None
    if fields is not None and _TABLE_INDEX in fields:
        fields = _open_tables(fields, path.with_suffix(".tables"))
    if fields is not None:
        return fields
    fields = build()
    stored = _store_tables(fields, folder, path.with_suffix(".tables"))
    try:
        blob = _encode(stored)
    except ValueError:  # a value marshal cannot store: nothing cached
        return fields
    _write(folder, name, path, blob)
    return fields


# ----------------------------------------------------------------------------- mapped tables
def _table_type() -> Any:
    try:
        from saring._c_table import Table
    except ImportError:
        return None
    return Table


def _store_tables(fields: dict[str, Any], folder: Path, tables_path: Path) -> dict[str, Any]:
    """``fields`` as the marshal entry stores them: with the C kernel, the dicts under
    ``__tables__`` go to ``tables_path`` (one buffer each, see :mod:`saring.table`) and the
    entry keeps their offsets; without it (or when one cannot be encoded exactly) they stay
    dicts in the entry."""
    tables = fields.get(TABLES)
    if not tables or _table_type() is None:
        return fields
    from saring.table import encode

    blob, index = bytearray(), {}
    for tname, table in tables.items():
        buf = encode(table)
        if buf is None:
            return fields
        blob += b"\0" * (-len(blob) % 8)
        index[tname] = (len(blob), len(buf))
        blob += buf
    if not _write_atomic(folder, tables_path, bytes(blob)):
        return fields
    stored = {k: v for k, v in fields.items() if k != TABLES}
    stored[_TABLE_INDEX] = (index, len(blob))
    return stored


def _open_tables(fields: dict[str, Any], tables_path: Path) -> dict[str, Any] | None:
    """The entry's ``__tables__`` as C tables over the mapped ``tables_path`` (shared by every
    process that maps it: no object is built per key); None (a cache miss) when the file is
    absent, of another size or not a table file, or the kernel is gone."""
    import mmap

    index, size = fields.pop(_TABLE_INDEX)
    table_type = _table_type()
    if table_type is None:
        return None
    try:
        with open(tables_path, "rb") as f:
            if os.fstat(f.fileno()).st_size != size:
                return None
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(mapped)
        fields[TABLES] = {t: table_type(view[off:off + n]) for t, (off, n) in index.items()}
    except (OSError, ValueError):
        return None
    return fields
