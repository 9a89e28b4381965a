"""A base for the small value types of the ``check`` path (a Problem, a DateSpan, ...).

They would be frozen dataclasses, but importing ``dataclasses`` pulls in ``inspect`` and building
each class runs generated code: together a fifth of ``itinerary check``'s start-up. A subclass
lists its fields in ``__slots__`` and sets them in its own typed ``__init__``; this base gives
what the dataclass did: equality and hashing by field values, a readable repr, and no
assignment after construction.
"""

from __future__ import annotations


class Value:
    """Immutable record: equal when of the same type with equal fields."""

    __slots__: tuple[str, ...] = ()

    def _set(self, **fields: object) -> None:
        """Set the fields once, from ``__init__`` (the only way past ``__setattr__``)."""
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._fields()))

    def __reduce__(self) -> tuple[object, ...]:  # copy and pickle, past ``__setattr__``
        return _rebuild, (type(self), self._fields())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({inner})"


def _rebuild(cls: type[Value], values: tuple[object, ...]) -> Value:
    obj = cls.__new__(cls)
    obj._set(**dict(zip(cls.__slots__, values, strict=True)))
    return obj
