"""Plain records: the light classes starlint runs on.

``Record`` gives equality, ``repr`` and ``to_dict`` from a class's ``__slots__``.
``DataRecord`` is a record of validated file data (rule packs, frameworks,
themes): built from the plain data the pydantic schemas of ``validation.py``
produce, with the same field names and defaults, but without importing pydantic —
so the check path never pays for pydantic, and a file whose bytes were validated
before is not validated again (see ``validation.load``).
"""

from __future__ import annotations

from typing import Any, ClassVar


class Record:
    __slots__ = ()

    def _fields(self) -> tuple[str, ...]:
        """The fields that make the record: its slots, unless it names them (`_public`)."""
        return getattr(type(self), "_public", None) or type(self).__slots__

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in self._fields()}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n) for n in self._fields())

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields())})"


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a named tuple (Evidence)
        return dict(value._asdict())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class DataRecord(Record):
    """Validated data: fields are ``__slots__``, defaults in ``_defaults`` (lists are
    copied), and ``_nested`` names the record type of a field's value (or of each item
    of a list).  Read-only by convention; hashable by identity, like the frozen models
    they stand for (caches key on them)."""

    __slots__ = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _nested: ClassVar[dict[str, type[DataRecord]]] = {}

    def __init__(self, **values: Any) -> None:
        for name in type(self).__slots__:
            if name in values:
                value = values.pop(name)
            elif name in self._defaults:
                value = self._defaults[name]
                value = list(value) if isinstance(value, list) else value
            else:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")
            setattr(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}: unknown field(s) {', '.join(sorted(values))}")

    __hash__ = object.__hash__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return Record.__eq__(self, other)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DataRecord:
        values = dict(data)
        for name, kind in cls._nested.items():
            value = values.get(name)
            if isinstance(value, list):
                values[name] = [kind.from_data(v) for v in value]
            elif isinstance(value, dict):
                values[name] = kind.from_data(value)
        return cls(**values)


class LocalText(DataRecord):
    """A text in both languages starlint speaks."""

    __slots__ = ("en", "ko")

    def get(self, language: str) -> str:
        return self.ko if language == "ko" else self.en
