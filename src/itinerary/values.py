"""Bases for the small record types of the ``check`` path (a Problem, a DateSpan, a Resolution).

They would be dataclasses, but importing ``dataclasses`` pulls in ``inspect`` and building each
class runs generated code: together a fifth of ``itinerary check``'s start-up. A subclass lists
its fields in ``__slots__`` and sets them in its own typed ``__init__``; these bases give what
the dataclass did: equality by field values and a readable repr (``Record``), and for frozen
ones hashing and no assignment after construction (``Value``).
"""

from __future__ import annotations


class Record:
    """Mutable record: equal when of the same type with equal fields; unhashable, as a
    ``dataclass(eq=True)`` is."""

    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({inner})"


class Value(Record):
    """Immutable record: also hashable by its fields, and never assigned to after ``__init__``."""

    __slots__ = ()

    def _set(self, **fields: object) -> None:
        """Set the fields once, from ``__init__`` (the only way past ``__setattr__``)."""
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __hash__(self) -> int:  # type: ignore[override]  # frozen: hashable again
        return hash((type(self).__name__, self._fields()))

    def __reduce__(self) -> tuple[object, ...]:  # copy and pickle, past ``__setattr__``
        return _rebuild, (type(self), self._fields())


def _rebuild(cls: type[Value], values: tuple[object, ...]) -> Value:
    obj = cls.__new__(cls)
    obj._set(**dict(zip(cls.__slots__, values, strict=True)))
    return obj
