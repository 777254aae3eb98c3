"""Imported rows as a lazy sequence: counted without reading, decoded only when a screen or an export asks.

A ledger read from the store carries its purchases as ``StoredRows``: the documents still in the data file
(``inline``: a file from before parts, until its next save) followed by those of each part, in the order they
were imported. ``len`` costs nothing (each part's row count is in the data file); iterating decodes a chunk of
rows at a time (``parts.iter_docs``), checking each part's hash first; ``rows[i:j]`` decodes only that page,
skipping whole parts by their counts. Nothing that shows a bill iterates them: bills use the stored totals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

from huabei_tui.storage.errors import StoreCorrupt
from huabei_tui.storage.parts import PartRef

T = TypeVar("T")
Doc = dict[str, Any]
#: ``Store.iter_part``: (ref, start=, stop=, check=) → the part's documents.
Reader = Callable[..., Iterator[Doc]]


class StoredRows(Sequence[T]):
    """The rows of one table, as stored: inline documents, then each part's (see the module docstring)."""

    def __init__(self, inline: Sequence[Doc], refs: tuple[PartRef, ...], reader: Reader | None,
                 decode: Callable[[Doc], T], path: Path | None = None) -> None:
        if refs and reader is None:
            raise ValueError("rows kept in parts need a reader")
        self._inline = inline
        self._refs = refs
        self._reader = reader
        self._decode = decode
        self._path = path or Path("?")
        self._length = len(inline) + sum(ref.rows for ref in refs)

    def __len__(self) -> int:
        return self._length

    def __repr__(self) -> str:
        return f"StoredRows({self._length} rows: {len(self._inline)} inline, {len(self._refs)} parts)"

    @property
    def refs(self) -> tuple[PartRef, ...]:
        return self._refs

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredRows):
            # The same documents in the same parts: parts never change, so their names stand for their rows.
            return self._refs == other._refs and self._inline == other._inline
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment] - equal by content, and mutable sources in tests

    def docs(self) -> Iterator[Doc]:
        """Every stored document, undecoded (each part's hash checked first): for scans that need one field."""
        yield from self._inline
        for ref in self._refs:
            assert self._reader is not None
            yield from self._reader(ref)

    def field_values(self, name: str) -> Iterator[Any]:
        """One field of every stored row, straight from the documents (a row without it is damaged)."""
        try:
            for doc in self.docs():
                yield doc[name]
        except KeyError:
            raise StoreCorrupt(self._path, "wrong_format", None) from ValueError(f"a stored row has no {name!r}")

    def fields(self, *names: str) -> Iterator[tuple[Any, ...]]:
        """Some fields of every stored row, as tuples, straight from the documents."""
        try:
            for doc in self.docs():
                yield tuple(doc[name] for name in names)
        except KeyError as missing:
            raise StoreCorrupt(self._path, "wrong_format", None) from ValueError(f"a stored row has no {missing}")

    def where(self, name: str, value: Any) -> Iterator[T]:
        """The rows whose field ``name`` is ``value`` (``where("refund", True)``), decoding only those."""
        decode = self._decode
        for doc in self.docs():
            if doc.get(name) == value:
                yield self._decoded(decode, doc)

    def __iter__(self) -> Iterator[T]:
        decode = self._decode
        for doc in self.docs():
            yield self._decoded(decode, doc)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if step != 1:
                return tuple(self.page(0, self._length))[index]
            return self.page(start, stop - start)
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("row index out of range")
        return self.page(index, 1)[0]

    def page(self, start: int, count: int) -> tuple[T, ...]:
        """Rows ``start`` … ``start + count - 1`` (fewer at the end), decoding only those.

        A page skips whole parts by their row counts and is read without hashing the part (it shows rows and
        decides nothing; the full reads that decide, an import's or an export's, check every part).
        """
        found: list[T] = []
        stop = min(start + max(count, 0), self._length)
        decode = self._decode
        offset = 0
        for doc in self._inline[start:stop]:
            found.append(self._decoded(decode, doc))
        offset = len(self._inline)
        for ref in self._refs:
            if offset >= stop:
                break
            end = offset + ref.rows
            if end > start:
                assert self._reader is not None
                first = max(start - offset, 0)
                last = min(stop - offset, ref.rows)
                found.extend(self._decoded(decode, doc) for doc in self._reader(ref, start=first, stop=last,
                                                                                check=False))
            offset = end
        return tuple(found)

    def _decoded(self, decode: Callable[[Doc], T], doc: Doc) -> T:
        try:
            return decode(doc)
        except StoreCorrupt:
            raise
        except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, IndexError) as exc:
            raise StoreCorrupt(self._path, "wrong_format", None) from ValueError(f"a stored row: {exc}")
