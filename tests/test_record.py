"""``saring.record``: the plain classes that replaced ``@dataclass`` on ``saring clean``'s path
behave as the dataclasses did (equality, hashing, repr, frozen fields, pickling, copying,
per-instance default containers)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saring.document import Decision, Document, Edit, Replacement
from saring.record import FrozenRecord, Record
from saring.repair.damage import SiteStats
from saring.repair.glue import Plan, Site
from saring.repair.names import Glued
from saring.repair.paragraphs import DupPair, Para
from saring.step import Reject, StageOutput, StepStats


@dataclasses.dataclass(slots=True)
class EditDC:  # what Edit was
    step: str
    kind: str
    start: int
    end: int
    before: str
    after: str
    confidence: float = 1.0
    field: str | None = None


@dataclasses.dataclass(slots=True, frozen=True)
class RejectDC:  # what Reject was
    reason: str
    value: Any = None
    threshold: Any = None


def _same_shape(record: Any, dc: Any) -> None:
    """``record`` compares, hashes and prints as the dataclass ``dc`` with the same values."""
    assert record._fields == tuple(f.name for f in dataclasses.fields(dc))
    assert repr(record).replace(type(record).__qualname__, "X") == repr(dc).replace(
        type(dc).__qualname__, "X")
    assert type(record).__match_args__ == type(dc).__match_args__


values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.floats(allow_nan=False))


@given(st.text(max_size=5), st.text(max_size=5), st.integers(), st.integers(), st.text(max_size=5),
       st.text(max_size=5), st.floats(allow_nan=False), st.none() | st.text(max_size=5))
def test_edit_is_its_dataclass(step: str, kind: str, start: int, end: int, before: str,
                               after: str, confidence: float, field: str | None) -> None:
    args = (step, kind, start, end, before, after, confidence, field)
    a, b, dc = Edit(*args), Edit(*args), EditDC(*args)
    _same_shape(a, dc)
    assert a == b and not (a != b)
    assert a != EditDC(*args) and a != args  # another class: NotImplemented, as a dataclass
    b.start = start + 1
    assert a != b
    with pytest.raises(TypeError):
        hash(a)  # eq without frozen: unhashable
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a
    assert Edit(step, kind, start, end, before, after) == Edit(*args[:6], 1.0, None)


@given(st.text(max_size=5), values, values)
def test_reject_is_its_frozen_dataclass(reason: str, value: Any, threshold: Any) -> None:
    a, dc = Reject(reason, value, threshold), RejectDC(reason, value, threshold)
    _same_shape(a, dc)
    assert hash(a) == hash(dc) == hash(Reject(reason, value, threshold))
    assert {a, Reject(reason, value, threshold)} == {a}
    with pytest.raises(AttributeError):
        a.reason = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del a.value
    for twin in (pickle.loads(pickle.dumps(a)), copy.copy(a), copy.deepcopy(a)):
        assert twin == a and twin is not a and type(twin) is Reject


def test_default_containers_are_each_instances_own() -> None:
    d1, d2 = Document("a", "t"), Document("a", "t")
    assert d1 == d2 and d1.decision == Decision() and d1.decision is not d2.decision
    d1.metadata["k"] = 1
    d1.edits.append(Edit("s", "k", 0, 1, "t", "u"))
    assert d2.metadata == {} and d2.edits == [] and d1 != d2
    s1, s2 = StepStats(), StepStats()
    s1.rejected["r"] += 1
    assert s2.rejected == Counter() and s1 != s2
    assert DupPair(0, 1, 0.9, True).conflicts is not DupPair(0, 1, 0.9, True).conflicts
    assert StageOutput([], s1).deferred is None


def test_slots_and_dicts_as_before() -> None:
    """``slots=True`` dataclasses stay slotted (no ``__dict__``), the others keep one."""
    for cls, args in ((Edit, ("s", "k", 0, 1, "a", "b")), (Replacement, (0, 1, "a", "k")),
                      (Decision, ()), (Document, ("i", "t")), (Site, (0, 1, "e", "glue", 1, "r", 0.5)),
                      (Plan, (0, 1, "a", "k", 0.5, "s", 1, False)), (Para, (0, 0, 1, "t", frozenset())),
                      (DupPair, (0, 1, 0.5, False)), (Reject, ("r",))):
        obj = cls(*args)
        assert not hasattr(obj, "__dict__"), cls
        with pytest.raises(AttributeError):
            obj.not_a_field = 1
    for cls in (StepStats, SiteStats):
        assert hasattr(cls(), "__dict__")


def test_glued_is_frozen_and_hashable() -> None:
    args = ("t", "AbcDef", 0, 6, "Abc", "Def", 0, True, "", False, False, False, True, True)
    g = Glued(*args)
    assert g == Glued(*args) and hash(g) == hash(Glued(*args)) and g.right == "Def"
    with pytest.raises(AttributeError):
        g.known = False  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(g)) == g


def test_a_record_with_one_or_no_field() -> None:
    class One(FrozenRecord):
        _fields = ("x",)
        __slots__ = _fields

        def __init__(self, x: int) -> None:
            object.__setattr__(self, "x", x)

    class Empty(Record):
        __slots__ = ()

    assert One(3) == One(3) != One(4) and hash(One(3)) == hash((3,)) and repr(One(3)) == \
        "test_a_record_with_one_or_no_field.<locals>.One(x=3)"
    assert Empty() == Empty() and repr(Empty()).endswith("Empty()")
