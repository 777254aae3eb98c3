"""``Record``: an immutable value class that costs nothing to define, for the modules the first frame imports.

A frozen dataclass generates and compiles its ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and
``__setattr__`` when its class statement runs: 0.3–0.9 ms per class on this project's 2-core machine, paid on
every start by the ten or so classes the app imports before its first frame (the key registry, the key map, the
footer, the config reader; issue 15 goal 2). A ``Record`` subclass names its fields in ``__slots__`` and writes a
plain ``__init__`` that sets them with ``_init``; equality, hashing, ``repr`` and immutability come from here,
as a frozen dataclass's would: equal when of the same class with equal fields, hashable when every field is,
and any assignment after ``__init__`` raises ``AttributeError``.
"""

from __future__ import annotations

_set = object.__setattr__


class Record:
    """Base of small immutable values (see the module docstring); ``__slots__`` lists the fields."""

    __slots__ = ()

    def _init(self, **values: object) -> None:
        """Set the fields (only ``__init__`` may: the instance is immutable afterwards)."""
        for name, value in values.items():
            _set(self, name, value)

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self.__class__.__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__class__.__name__} is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[object, ...]:
        """Copied and pickled by its fields (``copy``/``pickle`` would otherwise set the slots one by one)."""
        return (_rebuild, (self.__class__, self._fields()))


def _rebuild(cls: type[Record], fields: tuple[object, ...]) -> Record:
    obj = object.__new__(cls)
    for name, value in zip(cls.__slots__, fields, strict=True):
        _set(obj, name, value)
    return obj
