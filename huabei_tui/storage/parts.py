"""Parts: files of rows kept beside the data file, written once and never changed.

Imported purchases grow to hundreds of thousands of rows while everything else the user keeps (settings, bills,
payments, ticks, contacts) stays a few kilobytes. Keeping both in one file made every small save rewrite, back
up and decode them all. So the rows of an import go into a *part*: a file of their own in ``data.json.parts/``,
written in one go when the import is saved and never touched again. The data file (the small one) lists the
parts it relies on, each by name, SHA-256, size and row count (``PartRef``), and is saved after them; so

* a save that adds no rows (a payment, a tick) rewrites and backs up only the small file;
* a crash between writing a part and saving the data file leaves a part nobody refers to (removed later by
  ``collect``), and the data file as it was: nothing lost, nothing mixed;
* a backup of the small file is a backup of everything, because the parts it names are kept as long as any
  backup (or a damaged copy kept by ``restore``) names them: restoring one brings back a consistent pair;
* a part that was changed or truncated since it was written is noticed by its hash before any row is used.

Each part is itself a TinyDB file — ``{"_meta": {"1": {...}}, "<table>": {"1": {...}, "2": {...}}}`` — with
one document per line, so TinyDB (or a person) can open it, and this module can stream it a chunk of lines at a
time (bounded memory) or skip to a page without decoding what comes before it.

Everything here assumes the store's lock is held while writing or collecting (see ``store.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from huabei_tui.storage import atomic
from huabei_tui.storage.atomic import FILE_MODE, ensure_dir, fsync_dir, temp_prefix, unique_stamped_name

Doc = dict[str, Any]

#: Format of a part file (its own ``_meta``), independent of the data file's schema.
PART_FORMAT = 1
#: Lines decoded at once when streaming a part: big enough for ``json.loads`` to run at C speed, small enough
#: that a million-row part never sits in memory as objects.
CHUNK_ROWS = 4096
_BUFFER = 1 << 20

#: ``<table>.<UTC stamp>.<first 12 hex of the SHA-256>.json``: sortable by age, unique, and recognisable in any
#: file (even a damaged one) that names it, which is how ``collect`` knows what is still needed.
_NAME_RE = re.compile(rb"[a-z][a-z0-9_]{0,40}\.\d{8}T\d{12}Z\.[0-9a-f]{12}\.json")
_TABLE_RE = re.compile(r"[a-z][a-z0-9_]{0,40}")


class PartDamaged(Exception):
    """A part is missing, or its bytes are not those it was saved with; ``reason`` is a ``store.reason.*`` key."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class PartRef:
    """What the data file knows about one part: enough to find it, check it and count its rows unopened."""

    table: str
    name: str
    sha256: str
    size: int
    rows: int

    def to_doc(self) -> Doc:
        return {"table": self.table, "file": self.name, "sha256": self.sha256, "size": self.size, "rows": self.rows}

    @classmethod
    def from_doc(cls, doc: Any) -> PartRef:
        """Raise ``ValueError`` for anything but a reference this module could have written."""
        if not isinstance(doc, dict):
            raise ValueError("a part reference is not an object")
        table, name, digest = doc.get("table"), doc.get("file"), doc.get("sha256")
        size, rows = doc.get("size"), doc.get("rows")
        if not (isinstance(table, str) and _TABLE_RE.fullmatch(table)):
            raise ValueError(f"bad part table {table!r}")
        if not (isinstance(name, str) and _NAME_RE.fullmatch(name.encode()) and name.startswith(table + ".")):
            raise ValueError(f"bad part name {name!r}")
        if not (isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest) and name.split(".")[-2] == digest[:12]):
            raise ValueError(f"bad part hash {digest!r}")
        if type(size) is not int or type(rows) is not int or size < 0 or rows < 0:
            raise ValueError("bad part size or row count")
        return cls(table, name, digest, size, rows)


def parts_dir(path: Path) -> Path:
    """Where the parts of the data file ``path`` live: ``<name>.parts`` beside it."""
    return path.with_name(path.name + ".parts")


def part_path(path: Path, ref: PartRef) -> Path:
    return parts_dir(path) / ref.name


def names_in(raw: bytes) -> set[str]:
    """Every part name mentioned in ``raw`` (a data file, a backup, a damaged copy that no longer parses)."""
    return {match.decode() for match in _NAME_RE.findall(raw)}


# -- writing -------------------------------------------------------------------------------------------------

def write(path: Path, table: str, docs: Iterable[Any], *, encode: Callable[[Any], str] | None = None,
          body: tuple[Iterable[bytes], int] | None = None) -> PartRef:
    """Write ``docs`` as a new part of ``path``'s table ``table``; return its reference.

    The rows are streamed to a temporary file (memory stays flat however many there are), fsynced, given their
    final name (which never replaces an existing file) and the folder fsynced: the part is complete on disk before
    the data file can name it. On any error the temporary file is removed and the error propagates (the caller
    turns it into ``StoreWriteError``). ``encode`` turns one document into JSON on one line (default: ``json``).

    ``body`` instead of ``docs``: (blocks of bytes, row count) of rows already in the part's form, each line
    ``"<n>": {...},`` numbered from 1 (``spool.PurchaseSpool`` keeps them so): copied as they are, the last
    comma dropped. An import of a million rows then costs a copy, not a million encodings.
    """
    if not _TABLE_RE.fullmatch(table):
        raise ValueError(f"bad table name for a part: {table!r}")
    folder = parts_dir(path)
    if not folder.is_dir():
        ensure_dir(folder)
        fsync_dir(folder.parent)  # the folder's own entry is durable before any data file can name a part in it
    encode = encode or json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    temp = folder / f"{temp_prefix(path)}{os.getpid()}-{os.urandom(4).hex()}"
    digest = hashlib.sha256()
    size = rows = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(temp, flags, FILE_MODE)
        try:
            if hasattr(os, "fchmod"):
                with contextlib.suppress(OSError):
                    os.fchmod(fd, FILE_MODE)

            def put(text: str) -> None:
                nonlocal size
                data = text.encode("utf-8")
                digest.update(data)
                size += len(data)
                atomic.write_all(fd, data)  # looked up on the module: the fault tests replace it

            def put_bytes(data: bytes) -> None:
                nonlocal size
                digest.update(data)
                size += len(data)
                atomic.write_all(fd, data)

            meta = json.dumps({"1": {"part": PART_FORMAT, "table": table}})
            put(f'{{"_meta": {meta},\n"{table}": {{')
            if body is None:
                batch: list[str] = []
                separator = "\n"
                for doc in docs:
                    rows += 1
                    batch.append(f'"{rows}": {encode(doc)}')
                    if len(batch) == CHUNK_ROWS:
                        put(separator + ",\n".join(batch))
                        separator = ",\n"
                        batch.clear()
                if batch:
                    put(separator + ",\n".join(batch))
            else:
                blocks, rows = body
                held = b""  # the last two bytes seen: the comma and line end after the last row are dropped
                for block in blocks:
                    if not block:
                        continue
                    if not held:
                        put_bytes(b"\n")
                    data = held + block
                    held = data[-2:]
                    put_bytes(data[:-2])
                if held != (b",\n" if rows else b""):
                    raise ValueError("a part's body does not end its last row")
            put("\n}}\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        hexdigest = digest.hexdigest()
        target = unique_stamped_name(folder, f"{table}.{{stamp}}.{hexdigest[:12]}.json")
        try:
            os.link(temp, target)  # never replaces a file, unlike a rename
        except FileExistsError:
            raise
        except OSError:
            os.rename(temp, target)  # no hard links here; the name is fresh and we hold the lock
        fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    return PartRef(table, target.name, hexdigest, size, rows)


def remove(path: Path, refs: Iterable[PartRef]) -> None:
    """Delete parts no data file refers to (written by a save that then failed); best effort."""
    for ref in refs:
        with contextlib.suppress(OSError):
            os.unlink(part_path(path, ref))


# -- checking and reading ------------------------------------------------------------------------------------

def check_present(path: Path, ref: PartRef) -> None:
    """Cheap check on every read: the part is there with its size (its hash is checked when rows are read)."""
    try:
        size = os.stat(part_path(path, ref)).st_size
    except FileNotFoundError:
        raise PartDamaged(ref.name, "part_missing") from None
    except OSError:
        raise PartDamaged(ref.name, "part_unreadable") from None
    if size != ref.size:
        raise PartDamaged(ref.name, "part_changed")


def verify(path: Path, ref: PartRef) -> None:
    """The part's bytes are exactly those it was saved with (its SHA-256), or ``PartDamaged``."""
    check_present(path, ref)
    digest = hashlib.sha256()
    try:
        with open(part_path(path, ref), "rb") as handle:
            while chunk := handle.read(_BUFFER):
                digest.update(chunk)
    except OSError:
        raise PartDamaged(ref.name, "part_unreadable") from None
    if digest.hexdigest() != ref.sha256:
        raise PartDamaged(ref.name, "part_changed")


def iter_docs(path: Path, ref: PartRef, *, start: int = 0, stop: int | None = None,
              check: bool = True) -> Iterator[Doc]:
    """The part's documents ``start`` to ``stop`` (row indexes, 0-based), a chunk of lines decoded at a time.

    With ``check`` the whole file is hashed first, so no row of a changed part is ever used (the caller is
    about to trust them: an import deciding what is new, an export). A page read for a screen skips the hash:
    it shows rows, it decides nothing, and hashing a big part for every page would defeat paging.
    """
    if check:
        verify(path, ref)
    else:
        check_present(path, ref)
    stop = ref.rows if stop is None else min(stop, ref.rows)
    if start >= stop:
        return
    try:
        with open(part_path(path, ref), "rb", buffering=_BUFFER) as handle:
            handle.readline()  # {"_meta": …,
            handle.readline()  # "<table>": {
            lines = islice(handle, start, stop)
            while chunk := list(islice(lines, CHUNK_ROWS)):
                # Each line is `"<id>": {...},`: drop the id and the comma, decode the chunk as one JSON array.
                body = b",".join(line[line.index(b": ") + 2:].rstrip().rstrip(b",") for line in chunk)
                docs = json.loads(b"[" + body + b"]")
                if not all(isinstance(doc, dict) for doc in docs):
                    raise ValueError("a row is not an object")
                yield from docs
    except FileNotFoundError:
        raise PartDamaged(ref.name, "part_missing") from None
    except (OSError, ValueError):
        raise PartDamaged(ref.name, "part_changed") from None


# -- housekeeping --------------------------------------------------------------------------------------------

def collect(path: Path, keep: set[str], others: Callable[[], Iterable[Path]]) -> list[str]:
    """Delete parts of ``path`` that nothing refers to any more; return the names deleted.

    ``keep`` are the names the data file refers to now. Only when some part is not among them are ``others``
    read (backups, damaged copies): a part any of them names is kept, found by its name's pattern in the raw
    bytes, so even a copy that no longer parses protects the parts it relied on. Temporary files are left to
    ``atomic.clean_temp_files``. Best effort: failures leave a file for next time.
    """
    folder = parts_dir(path)
    try:
        present = {entry.name for entry in os.scandir(folder)
                   if entry.is_file(follow_symlinks=False) and _NAME_RE.fullmatch(entry.name.encode())}
    except OSError:
        return []
    unreferenced = present - keep
    if not unreferenced:
        return []
    for other in others():
        try:
            unreferenced -= names_in(other.read_bytes())
        except OSError:
            return []  # a copy we cannot read might name them: keep everything
        if not unreferenced:
            return []
    removed = []
    for name in sorted(unreferenced):
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
            removed.append(name)
    if removed:
        fsync_dir(folder)
    return removed
