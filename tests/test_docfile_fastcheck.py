"""The document-file reader's one-pass schema check (``docfile._is_document``) only ever says
"fine" where the reference check (``docfile_problem``) finds no problem, so ``read_docs`` gives
the same documents and the same error documents as checking every line with the reference;
``read_records`` gives the checked record where ``read_docs`` gives a document."""

from __future__ import annotations

import math
from pathlib import Path

import orjson
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.io import docfile as D

GOOD = {"id": "ok", "text": "halo dunia", "metadata": {"url": "x"},
        "edits": [{"step": "s", "kind": "k", "start": 0, "end": 2, "before": "ha", "after": "Ha",
                   "confidence": 0.5}],
        "annotations": {"q": {"v": 1}}, "flags": [{"kind": "f"}], "decision": {"status": "kept"}}

_ODD = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.integers(2**61, 2**1100),
                 st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=3),
                 st.lists(st.integers(0, 2), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))
_EDIT_KEYS = ("step", "kind", "start", "end", "before", "after", "confidence", "field")
_TOP_KEYS = ("id", "text", "metadata", "edits", "annotations", "flags", "decision")


@st.composite
def _records(draw: st.DrawFn) -> object:
    """GOOD with a few fields replaced by odd values or removed, at the top level, in an edit,
    in the annotations, flags or decision."""
    rec = orjson.loads(orjson.dumps(GOOD))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(["top", "edit", "ann", "flag", "dec", "extra_edit"]))
        if where == "top":
            key = draw(st.sampled_from(_TOP_KEYS))
            if draw(st.booleans()):
                rec.pop(key, None)
            else:
                rec[key] = draw(_ODD)
        elif where == "edit" and isinstance(rec.get("edits"), list) and rec["edits"]:
            e = rec["edits"][0]
            if isinstance(e, dict):
                key = draw(st.sampled_from(_EDIT_KEYS))
                if draw(st.booleans()):
                    e.pop(key, None)
                else:
                    e[key] = draw(_ODD)
        elif where == "extra_edit" and isinstance(rec.get("edits"), list):
            rec["edits"].append(draw(_ODD))
        elif where == "ann" and isinstance(rec.get("annotations"), dict):
            rec["annotations"][draw(st.text(max_size=2))] = draw(_ODD)
        elif where == "flag" and isinstance(rec.get("flags"), list):
            rec["flags"].append(draw(st.one_of(_ODD, st.fixed_dictionaries({"kind": _ODD}))))
        elif where == "dec" and isinstance(rec.get("decision"), dict):
            rec["decision"]["status"] = draw(st.one_of(_ODD, st.sampled_from(["kept", "rejected", "error"])))
    return rec


def _reference(rec: object) -> str | None:
    try:
        return D.docfile_problem(rec)
    except Exception as exc:  # noqa: BLE001 - the reader turns these into error documents too
        return f"raised {type(exc).__name__}"


@settings(max_examples=3000, deadline=None)
@given(_records())
def test_the_fast_check_never_accepts_what_the_reference_rejects(rec: object) -> None:
    if D._is_document(rec):
        assert _reference(rec) is None
        Document.from_dict(rec)  # type: ignore[arg-type]  # a record that passes converts


def test_the_fast_check_accepts_the_common_record() -> None:
    assert D._is_document(GOOD)
    assert D._is_document({**GOOD, "edits": [], "flags": [], "annotations": {}})


def _old_parse(line: bytes, path: Path, n: int) -> Document:
    """``_parse`` as it was before the fast check: the reference on every line."""
    rec: object = None
    try:
        rec = orjson.loads(line)
        why = D.docfile_problem(rec)
        if why is None:
            return Document.from_dict(rec)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001
        why = f"{type(exc).__name__}: {exc}"
    return D._bad_line(rec, why, path, n)


@settings(max_examples=60, deadline=None)
@given(st.lists(_records(), min_size=1, max_size=30))
def test_read_docs_and_read_records_match_the_reference_reader(tmp_path_factory, recs: list[object]) -> None:
    path = tmp_path_factory.mktemp("df") / "docs.jsonl.zst"
    lines = []
    for r in recs:
        try:
            lines.append(orjson.dumps(r))
        except TypeError:  # an int orjson cannot write: a line of the crafted kind instead
            lines.append(b'{"id": 1e999999}')
    lines.append(b'{"id": "x", "edits": [{"start": ' + str(2**70).encode() + b'}]}')
    path.write_bytes(zstandard.ZstdCompressor().compress(b"\n".join(lines) + b"\n\n"))
    want = [_old_parse(line, path, n) for n, line in enumerate(lines, 1)]
    got = list(D.read_docs(path))
    assert [d.to_dict() for d in got] == [d.to_dict() for d in want]
    light = list(D.read_records(path))
    assert len(light) == len(want)
    for r, w in zip(light, want, strict=True):
        if isinstance(r, dict):
            assert Document.from_dict(r).to_dict() == w.to_dict()
        else:
            assert r.to_dict() == w.to_dict()


def test_nan_and_huge_numbers_go_to_the_reference() -> None:
    e = GOOD["edits"][0]
    assert not D._is_document({**GOOD, "edits": [{**e, "confidence": math.nan}]})
    assert not D._is_document({**GOOD, "edits": [{**e, "start": 2**70, "end": 2**70 + 2}]})
    assert not D._is_document({**GOOD, "edits": [{**e, "confidence": 1}]})  # int: reference says fine
    assert D.docfile_problem({**GOOD, "edits": [{**e, "confidence": 1}]}) is None
