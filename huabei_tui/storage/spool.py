"""The purchases of an import waiting for the user's "yes", kept on disk instead of in memory.

A million-row export holds about a quarter of a million Huabei purchases. Held as objects from the read to the
save they took ~200 MB; here each is written, as the line of JSON it will have in its part (``codec.purchase_line``),
to an anonymous temporary file beside the data file as soon as it is read. What stays in memory is bounded by the
calendar, not the rows: the net of each day (all the bills need) and the refunds (a few in a hundred, which the
preview and the plans look at one by one).

Why an anonymous file (``tempfile.TemporaryFile``: on Linux it never has a name): it cannot be seen, opened or
left behind by anyone. A cancelled preview, an error, a ``kill -9`` or a power cut leave nothing to clean up and no
file a read could mistake for data; closing it (or the process ending) is its removal. On confirm its lines are
copied into a real part by ``parts.write`` (temporary name, fsync, link to the final name, the data file saved
after it), so the store's guarantees are exactly those of any other import.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import IO

from huabei_tui.domain.dates import shanghai_date
from huabei_tui.domain.ledger import Purchase
from huabei_tui.domain.money import Fen
from huabei_tui.domain.textsafe import has_controls, sanitize
from huabei_tui.storage.codec import purchase_from_doc
from huabei_tui.storage.errors import StoreWriteError, reason_for_oserror

#: Lines buffered before one write: one system call per few hundred kilobytes.
_FLUSH_LINES = 4096
_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined] - as ``codec.purchase_line``


class PurchaseSpool:
    """Purchases appended one by one, read back in the same order, never all in memory.

    Works where an import's ``ImportBatch.purchases`` list did: ``append``, ``len``, iteration (which decodes
    the lines again, a chunk at a time). ``per_day`` and ``refunds`` are kept as the rows arrive, so the save and
    the preview need not read the file back.
    """

    def __init__(self, folder: Path | None, *, in_memory: bool = False) -> None:
        """``folder``: where the anonymous file goes (the data file's folder: the disk the import will be saved
        on, not a ``/tmp`` that may be memory); None, or a folder that does not exist yet: the system's.

        ``in_memory``: the same lines in memory instead (``on_disk`` False) — for rows that came out of a zip,
        whose contents must not reach the disk before the user says yes (about 170 bytes a purchase, against
        the ~900 of keeping rows and records as objects)."""
        if folder is not None and not folder.is_dir():
            folder = None
        self._folder = folder or Path(tempfile.gettempdir())
        self.on_disk = not in_memory
        try:
            # Kept open for the spool's life (closed by ``close``), so no context manager.
            self._file: IO[bytes] | None = io.BytesIO() if in_memory else tempfile.TemporaryFile(  # noqa: SIM115
                dir=folder, prefix=".huabei-import-")
        except OSError as error:
            raise StoreWriteError(self._folder, *reason_for_oserror(error)) from error
        self._buffer: list[str] = []
        self._texts: list[str] = []  # the buffered rows' order numbers and descriptions
        self._refunds_checked = 0  # refunds before this one were in a chunk already checked
        self._count = 0
        #: Day → sum of the purchases that are neither refunds nor instalment purchases (``ImportedTotals``).
        self.per_day: dict[date, Fen] = defaultdict(int)
        self._refunds: list[Purchase] = []

    def append(self, purchase: Purchase) -> None:
        """Add one purchase; its text is cleaned of control characters first, as every imported text is."""
        self.add(purchase.order_no, purchase.time, purchase.amount, purchase.description, purchase.refund,
                 purchase.installments)

    def add(self, order_no: str, time: datetime, amount: Fen, description: str = "", refund: bool = False,
            installments: int | None = None, day: date | None = None) -> None:
        """``append`` without a ``Purchase`` to make first (one per row of a big import: the importer calls this);
        ``day``: the Shanghai day of ``time`` when the caller has it already.

        The line is the part's own (``"<n>": {...},``), numbered as the part will number it, so a save into a line
        with no stored purchase copies the file as it is (``body``).
        """
        self._count += 1
        self._texts += (order_no, description)  # searched for control characters a chunk at a time (``_flush``)
        # ``_line``, written out here: one call less for each of a quarter of a million rows.
        buffer = self._buffer
        buffer.append(f'"{self._count}": {{"order_no": {_json_string(order_no)}, "time": "{time.isoformat()}", '
                      f'"amount": {int(amount)}, "description": {_json_string(description)}, '
                      f'"refund": {"true" if refund else "false"}, '
                      f'"installments": {"null" if installments is None else int(installments)}}},')
        if refund:
            self._refunds.append(Purchase(order_no, time, amount, description, refund, installments))
        elif not installments:
            if day is None:
                day = time.date() if time.tzinfo is None else shanghai_date(time)
            self.per_day[day] += amount
        if len(buffer) >= _FLUSH_LINES:
            self._flush()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def body(self) -> Iterator[bytes]:
        """The rows as a part's body, a block at a time (``parts.write``'s ``body``, with ``len(self)`` rows)."""
        handle = self._rewind()
        while block := handle.read(1 << 20):
            yield block
        handle.seek(0, 2)

    def __iter__(self) -> Iterator[Purchase]:
        """The purchases again, decoded a chunk of lines at a time."""
        handle = self._rewind()
        while True:
            chunk = handle.readlines(1 << 20)  # a few thousand lines, split at C speed
            if not chunk:
                break
            docs = json.loads(b"[" + b",".join(line[line.index(b": ") + 2:].rstrip().rstrip(b",")
                                               for line in chunk) + b"]")
            yield from map(purchase_from_doc, docs)
        handle.seek(0, 2)

    def _rewind(self) -> IO[bytes]:
        handle = self._open()
        self._flush()
        handle.seek(0)
        return handle

    def close(self) -> None:
        """Let the file go (it had no name, so this removes it); reading it afterwards is an error."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._buffer.clear()

    @property
    def closed(self) -> bool:
        return self._file is None

    def _open(self) -> IO[bytes]:
        if self._file is None:
            raise ValueError("the import's purchases were let go (the preview was closed)")
        return self._file

    @property
    def refunds(self) -> list[Purchase]:
        """The refunds, as objects: few, and looked at one by one (orphans, plans); their text already clean."""
        self._check_texts()
        return self._refunds

    def _check_texts(self) -> None:
        """The buffered rows (and the refunds among them) cleaned if any of their text holds a control character:
        one search over a chunk's text instead of one per row."""
        if self._texts and has_controls("".join(self._texts)):
            # A rare file with control characters in its text (an escape sequence in a merchant's name): the rows
            # of this chunk are cleaned as every imported text is (``checks.clean_imported``).
            self._buffer = [_cleaned(line) for line in self._buffer]
            fresh = self._refunds[self._refunds_checked:]
            self._refunds[self._refunds_checked:] = [
                replace(p, order_no=sanitize(p.order_no), description=sanitize(p.description)) for p in fresh]
        self._texts.clear()
        self._refunds_checked = len(self._refunds)

    def _flush(self) -> None:
        self._check_texts()
        if self._buffer:
            handle = self._open()
            try:
                handle.write(("\n".join(self._buffer) + "\n").encode("utf-8"))
            except OSError as error:  # a full disk while reading: a store error (nothing was saved), not "cannot read"
                raise StoreWriteError(self._folder, *reason_for_oserror(error)) from error
            self._buffer.clear()

    def __del__(self) -> None:  # the file goes with the object whatever happens to the preview
        if getattr(self, "_file", None) is not None:
            self.close()


def _line(number: int, order_no: str, time: str, amount: Fen, description: str, refund: bool,
          installments: int | None) -> str:
    """One purchase as its part's line: ``codec.purchase_line`` numbered, with the comma that follows it."""
    inst = "null" if installments is None else str(int(installments))
    return (f'"{number}": {{"order_no": {_json_string(order_no)}, "time": "{time}", "amount": {int(amount)}, '
            f'"description": {_json_string(description)}, "refund": {"true" if refund else "false"}, '
            f'"installments": {inst}}},')


def _cleaned(line: str) -> str:
    """``line`` with its order number and description cleaned of control characters (the rest as it was)."""
    number, _, rest = line.partition(": ")
    doc = json.loads(rest[:-1])
    order_no, description = doc["order_no"], doc["description"]
    if not has_controls(order_no + description):
        return line
    return _line(int(number.strip('"')), sanitize(order_no), doc["time"], doc["amount"], sanitize(description),
                 doc["refund"], doc["installments"])
