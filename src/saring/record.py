"""Plain record classes: what ``@dataclass`` gave the classes on ``saring clean``'s path
(equality, repr, hashing and immutability when frozen), without importing :mod:`dataclasses`.

Why: ``import dataclasses`` pulls in ``inspect``, ``ast``, ``dis`` and ``tokenize`` (~29 M
instructions), and the decorator compiles every class's generated methods from source at import
(~2 M instructions per class, ~4 M per frozen one): together ~25% of ``saring clean``'s start-up
beyond Python's own. A record class lists its fields in ``_fields`` (in declaration order) and
writes its ``__init__`` by hand (so its signature and defaults read as before and creating one
costs what the generated one did); this base derives the rest from ``_fields``:

- ``__eq__``: same class and equal field tuples (else ``NotImplemented``), as a dataclass's;
- ``__repr__``: ``Name(field=value, ...)`` over ``_fields`` minus ``_no_repr``;
- ``__hash__``: ``None`` (unhashable, as ``eq=True``), or for :class:`FrozenRecord` the hash
  of the field tuple, as ``frozen=True``;
- ``__match_args__``: the fields, for ``match`` statements.

A subclass keeps or drops ``__dict__`` as it did: it declares ``__slots__`` (the fields) where
the dataclass had ``slots=True`` and none where it had not.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, ClassVar


class FrozenRecordError(AttributeError):
    """Assigning to or deleting a field of a :class:`FrozenRecord` (an ``AttributeError``, as
    ``dataclasses.FrozenInstanceError`` is)."""


def _values_getter(fields: tuple[str, ...]) -> Any:
    """A function returning the tuple of ``fields``' values of an object (a 1-tuple for one
    field, ``()`` for none, as a dataclass compares and hashes them)."""
    if not fields:
        return lambda obj: ()
    if len(fields) == 1:
        one = attrgetter(fields[0])
        return lambda obj: (one(obj),)
    return attrgetter(*fields)


class Record:
    """Base of plain record classes (see the module docstring)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _no_repr: ClassVar[frozenset[str]] = frozenset()
    _values: ClassVar[Any] = staticmethod(lambda obj: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._values = staticmethod(_values_getter(cls._fields))
        cls.__match_args__ = cls._fields

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._values(self) == self._values(other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value: unhashable

    def __repr__(self) -> str:
        shown = (f"{f}={getattr(self, f)!r}" for f in self._fields if f not in self._no_repr)
        return f"{type(self).__qualname__}({', '.join(shown)})"


class FrozenRecord(Record):
    """A :class:`Record` whose fields cannot change after ``__init__`` (which sets them with
    ``object.__setattr__``, as a frozen dataclass's does); hashable by its field values."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r}")

    def __setstate__(self, state: Any) -> None:
        """Unpickling and ``copy``: the default state is ``__dict__`` and/or a dict of slot
        values; set them past :meth:`__setattr__`."""
        dict_state, slot_state = state if isinstance(state, tuple) else (state, None)
        for part in (dict_state, slot_state):
            for name, value in (part or {}).items():
                object.__setattr__(self, name, value)
