"""Importing Alipay exports, once for both front ends: read every file, preview, then one save or nothing.

``huabei import alipay`` and the app's import dialog are thin callers of the same two steps:
``Session.read_import`` reads and parses every file (all must be good) into an ``ImportPreview``, which the user
reads (``lines``); ``Session.commit_import`` saves its new records in one save. A file that cannot be read or is
not a good export raises ``ImportFileError``, which says which file and why, in either language. A path may be the
encrypted zip Alipay mails: ``password(path)`` gives its password (the command line reads a file, a variable or the
terminal; the dialog a masked field); a missing or wrong one is an ``ImportFileError`` whose ``cause`` is
``PasswordNeeded`` or ``WrongPassword``, so the dialog can ask again.

The read is streamed (``StreamedRead``): each row goes to its line's batch as it is read and the purchases to a
spool on disk, so a million-row export is read in flat memory; what is kept per Huabei row is its packed key for
telling duplicates (``ImportBatch.origins``). ``ImportPreview.of`` builds the same preview from rows in memory
(the tests compare the two; a payment method no line takes yet is read that way, its rows waiting for the answer).

Imported only by the import command and the dialog: the Alipay parser is not needed to show anything.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.lines import SKIP, CreditLine, Lines
from huabei_tui.domain.lines import unrouted as unrouted_methods
from huabei_tui.i18n import os_reason, tr
from huabei_tui.io.alipay import AlipayImportError, AlipayRow, ParsedExport, SkippedRow, SkippedRows
from huabei_tui.io.alipay_import import (
    ImportBatch,
    Review,
    add_counts,
    add_export,
    preview_lines,
    review_import,
    row_adder,
)
from huabei_tui.io.import_files import PasswordSource, Sinks, read_export_path
from huabei_tui.storage.spool import PurchaseSpool

#: ``progress(file_index, rows_done, rows_total)`` while files are read; it may raise to stop reading.
ReadProgress = Callable[[int, int, int], None]


class ImportFileError(InputError):
    """One of the files cannot be read, or is not (or no longer) a good Alipay export; nothing was imported."""

    def __init__(self, path: Path, cause: OSError | AlipayImportError) -> None:
        unreadable = isinstance(cause, OSError)
        super().__init__("file" if unreadable else "import", "file.unreadable" if unreadable else "import.file_error",
                         path=str(path))
        self.path = path
        self.cause = cause

    def reason(self, lang: str) -> str:
        """What went wrong, naming the file (and for a damaged file the line), without the field's name."""
        if isinstance(self.cause, OSError):
            return tr("file.unreadable", lang, path=str(self.path), reason=os_reason(self.cause, lang))
        return tr("import.file_error", lang, file=str(self.path), message=self.cause.message(lang))

    def message(self, lang: str) -> str:
        """The whole line, field name first, as ``describe_error`` gives every other input error."""
        return tr("error.field", lang, field=tr(f"field.{self.field}", lang), reason=self.reason(lang))


def read_exports(paths: Sequence[Path], progress: ReadProgress | None = None,
                 password: PasswordSource | None = None, sinks: Sinks | None = None) -> list[tuple[str, ParsedExport]]:
    """Read and parse every file, in order (a zip gives one entry per CSV in it, named ``zip/member``); the first
    bad one raises ``ImportFileError``. With ``sinks`` the rows go there as they are read (``read_export_path``)."""
    files: list[tuple[str, ParsedExport]] = []
    for index, path in enumerate(paths):
        def file_progress(done: int, total: int, index: int = index) -> None:
            if progress is not None:
                progress(index, done, total)

        try:
            found = read_export_path(path, password=password, progress=file_progress if progress else None,
                                     sinks=sinks)
        except (OSError, AlipayImportError) as error:
            raise ImportFileError(path, error) from error
        files.extend(found)
    return files


#: A payment method no line takes and no answer covers, met while streaming (``StreamedRead``).
_UNROUTED = -1


@dataclass
class _FileRows:
    """What one export's streamed rows left behind: rows per line, and the lines of rows left out on purpose."""

    counts: Counter[int] = field(default_factory=Counter)
    left_out: array = field(default_factory=lambda: array("I"))
    adders: dict[int, Callable[[AlipayRow], None]] = field(default_factory=dict)
    #: Line → rows its adder skipped (duplicates…), added to the batch after the file's own counts.
    skipped: dict[int, Counter[str]] = field(default_factory=dict)


class StreamedRead:
    """One import read with its rows going straight to each line's batch as the files are read.

    The purchases go to a ``PurchaseSpool`` per line (an anonymous file on disk; in memory, still compact, when a
    zip is among the files: what was encrypted is not written anywhere before the user says yes), so what a
    read holds in memory
    is the keys that tell a duplicate (``ImportBatch.origins``), the repayments, plans and refunds, and per-day
    sums — not a quarter of a million purchases twice over (as rows, then as records). The preview it makes is the
    one ``ImportPreview.of`` makes of the same files: the same shares, counts, oddities and review.

    A row whose payment method no line takes and no answer covers (``unrouted``) cannot be placed until the user
    answers; the read notes it, and the caller reads the files again the way that keeps the rows
    (``Session.read_import``): the first import of a new method only.
    """

    def __init__(self, lines: Lines, ledgers: Mapping[int, Ledger], routes: Mapping[str, str],
                 spool_folder: Path | None, *, in_memory: bool = False) -> None:
        self.lines = lines
        self.ledgers = ledgers
        self.routes = dict(routes)
        self.unrouted: Counter[str] = Counter()
        self.batches: dict[int, ImportBatch] = {}
        self._folder = spool_folder
        self._in_memory = in_memory  # a zip among the files: nothing of it is written before the user says yes
        self._targets: dict[str, int | None] = {}
        self._files: list[_FileRows] = []

    def _target(self, method: str) -> int | None:
        """The line id for ``method`` (as ``ImportPreview.of`` routes), None: left out, ``_UNROUTED``: ask."""
        if self.routes.get(method) == SKIP:
            return None
        if method in self.routes:
            return (self.lines.find(self.routes[method]) or self.lines.first).id
        target = self.lines.for_method(method)
        return _UNROUTED if target is None else target.id

    def _batch(self, line_id: int) -> ImportBatch:
        batch = self.batches.get(line_id)
        if batch is None:
            batch = self.batches[line_id] = ImportBatch(purchases=PurchaseSpool(self._folder, in_memory=self._in_memory))  # type: ignore[arg-type]
        return batch

    def sink(self, name: str) -> Callable[[AlipayRow], None]:
        """Where the rows of the export called ``name`` go (``read_export_path``'s ``sinks``)."""
        rows = _FileRows()
        self._files.append(rows)
        targets, counts, left_out, adders = self._targets, rows.counts, rows.left_out, rows.adders
        # Credit method → (line id, its adder), once the method has a line: one lookup for each row after the first.
        routed: dict[str, tuple[int, Callable[[AlipayRow], None]]] = {}

        def take(row: AlipayRow) -> None:
            found = routed.get(row.credit)
            if found is not None:
                counts[found[0]] += 1
                found[1](row)
                return
            method = row.credit
            target = targets[method] if method in targets else targets.setdefault(method, self._target(method))
            if target is None:
                left_out.append(row.line)
            elif target == _UNROUTED:
                self.unrouted[method] += 1
            else:
                counts[target] += 1
                add = adders.get(target)
                if add is None:
                    add = adders[target] = row_adder(self._batch(target), self.ledgers[target].account, name,
                                                     rows.skipped.setdefault(target, Counter()))
                routed[method] = (target, add)
                add(row)

        return take

    def preview(self, files: list[tuple[str, ParsedExport]]) -> ImportPreview:
        """The preview of the files read (``files`` as ``read_exports`` gave them, in the order read)."""
        lines = self.lines
        shares: dict[int, list[tuple[str, ParsedExport, Counter[str] | None]]] = {}
        for (name, parsed), rows in zip(files, self._files, strict=True):
            # ``split_by_line``, from the counts: every row read is accounted for in exactly one share.
            first = min(rows.counts, default=1)
            if len(rows.counts) <= 1 and not rows.left_out:
                split = {first: parsed}
            else:
                split = {}
                for line_id in sorted({*rows.counts, first}):
                    skipped = (parsed.skipped.plus(SkippedRow(line, "skip.unrouted") for line in rows.left_out)
                               if line_id == first else SkippedRows())
                    split[line_id] = replace(parsed, rows=[], skipped=skipped,
                                             rows_read=rows.counts[line_id] + len(skipped))
            for line_id, share in split.items():
                shares.setdefault(line_id, []).append((name, share, rows.skipped.get(line_id)))
        parts = []
        for line in lines.items:
            if line.id not in shares:
                continue
            batch = self._batch(line.id)
            for _name, share, skipped in shares[line.id]:
                add_counts(batch, share)  # as ``add_export``: the file's counts, then what its rows added
                if skipped:
                    batch.skipped.update(skipped)
            files = [(name, share) for name, share, _skipped in shares[line.id]]
            parts.append(LineImport(line, batch, files, review_import(batch, self.ledgers[line.id])))
        for line_id, batch in self.batches.items():  # rows for a line that has no share cannot happen; be sure
            if line_id not in shares:
                close_batch(batch)
        if not parts:
            parts.append(LineImport(lines.first, ImportBatch(), [], Review()))
        return ImportPreview([(name, replace(parsed, rows=[])) for name, parsed in files], tuple(parts), {},
                             self.routes, len(lines.items) > 1, streamed=True)

    def close(self) -> None:
        """Let every spool go (the read is abandoned, or is being redone)."""
        for batch in self.batches.values():
            close_batch(batch)


def close_batch(batch: ImportBatch) -> None:
    """Let a batch's spooled purchases go (closing an anonymous file removes it); a list needs nothing."""
    close = getattr(batch.purchases, "close", None)
    if close is not None:
        close()


def split_by_line(parsed: ParsedExport, line_of: Callable[[str], int | None]) -> dict[int | None, ParsedExport]:
    """One export's rows for each line (``line_of(method)``; None: left out as the user asked).

    Every row read stays accounted for: the rows skipped while reading go with the first line's share, and rows
    of a method the user chose not to import are skipped there with that reason. Each share's ``rows_read`` is
    what it holds, so the shares add up to the file. All for one line (the usual case): the export as it is.
    """
    shares: dict[int | None, list[AlipayRow]] = {}
    for row in parsed.rows:
        shares.setdefault(line_of(row.credit), []).append(row)
    left_out = shares.pop(None, [])
    first = min(shares, default=1)
    if len(shares) <= 1 and not left_out:
        return {first: parsed}
    shares.setdefault(first, [])
    result: dict[int | None, ParsedExport] = {}
    for line_id, rows in sorted(shares.items()):
        skipped = (parsed.skipped.plus(SkippedRow(row.line, "skip.unrouted") for row in left_out)
                   if line_id == first else SkippedRows())
        result[line_id] = replace(parsed, rows=rows, skipped=skipped, rows_read=len(rows) + len(skipped))
    return result


@dataclass(frozen=True)
class LineImport:
    """The share of an import that goes to one credit line: its records, next to that line's stored data."""

    line: CreditLine
    batch: ImportBatch
    files: list[tuple[str, ParsedExport]]
    review: Review


@dataclass(frozen=True)
class ImportPreview:
    """What the files hold, ready for one save: the user reads ``lines`` and confirms, or nothing is written.

    Each row goes to the credit line that takes its payment method (花呗, 信用购). A method no line takes yet is
    in ``unrouted`` (with its row count): the caller asks once which line it is (``Session.route_import``), and
    nothing can be saved until it is answered.
    """

    files: list[tuple[str, ParsedExport]]
    parts: tuple[LineImport, ...]
    unrouted: dict[str, int] = field(default_factory=dict)
    #: Answers given for this import (method → line name or ``SKIP``).
    routes: dict[str, str] = field(default_factory=dict)
    several_lines: bool = False
    #: Read by ``StreamedRead``: the purchases are on disk, the files hold no rows (nothing to route again).
    streamed: bool = False
    #: The session's today (``Session.read_import`` sets it): ``lines`` says how many records are dated after it.
    today: date | None = None

    def discard(self) -> None:
        """Let the purchases read go now (a cancelled preview, or one saved): a streamed preview's spools are
        anonymous files, removed when closed (and, at the latest, when the preview is dropped)."""
        for part in self.parts:
            close_batch(part.batch)

    @property
    def batch(self) -> ImportBatch:
        """The first line's share (with one line: the whole import)."""
        return self.parts[0].batch

    @property
    def review(self) -> Review:
        return self.parts[0].review

    @property
    def known(self) -> int:
        return sum(part.review.known for part in self.parts)

    @classmethod
    def of(cls, files: list[tuple[str, ParsedExport]], ledger: Ledger | None = None, *,
           lines: Lines | None = None, ledgers: Mapping[int, Ledger] | None = None,
           routes: Mapping[str, str] | None = None) -> ImportPreview:
        """The preview of ``files``: with ``lines`` and each line's ``ledgers``, routed by payment method
        (``routes`` answers for methods no line takes); with a single ``ledger``, all of it for that one."""
        lines = lines or Lines()
        ledgers = dict(ledgers or {lines.first.id: ledger or Ledger()})
        routes = dict(routes or {})
        methods = Counter(row.credit for _, parsed in files for row in parsed.rows)
        unrouted = {m: methods[m] for m in unrouted_methods(methods, lines, routes)}

        def line_of(method: str) -> int | None:
            if routes.get(method) == SKIP:
                return None
            target = lines.find(routes[method]) if method in routes else lines.for_method(method)
            return (target or lines.first).id

        shares: dict[int, list[tuple[str, ParsedExport]]] = {}
        for name, parsed in files:
            for line_id, share in split_by_line(parsed, line_of).items():
                shares.setdefault(line_id if line_id is not None else lines.first.id, []).append((name, share))
        parts = []
        for line in lines.items:
            if line.id not in shares:
                continue
            batch = ImportBatch()
            for name, parsed in shares[line.id]:
                add_export(batch, parsed, ledgers[line.id].account, name)
            parts.append(LineImport(line, batch, shares[line.id], review_import(batch, ledgers[line.id])))
        if not parts:  # no file at all: an empty share for the first line
            parts.append(LineImport(lines.first, ImportBatch(), [], Review()))
        if not unrouted:
            # The rows now live in the batches: the preview keeps the files' counts, not a second copy of every
            # row (a million-row export's rows are a few hundred megabytes as objects). With a method still to
            # answer they stay, so the answer routes them without reading the files again.
            files = [(name, replace(parsed, rows=[])) for name, parsed in files]
        return cls(files, tuple(parts), unrouted, routes, len(lines.items) > 1)

    @property
    def has_records(self) -> bool:
        return any(part.batch.record_count for part in self.parts)

    def lines(self, lang: str) -> list[str]:
        """Rows read, kinds, bills affected, rows skipped and why; how many are known already; or that there is
        nothing to import. With several lines, each line's share under its name."""
        if len(self.parts) == 1 and not self.several_lines:
            lines = preview_lines(self.batch, self.files, lang, self.review, today=self.today)
        else:
            lines = []
            for part in self.parts:
                lines.append(tr("import.line_share", lang, name=part.line.name))
                lines += ["  " + text for text in preview_lines(part.batch, part.files, lang, part.review,
                                                                counts_key="import.counts_line", today=self.today)]
        for method, count in self.unrouted.items():
            lines.append(tr("import.unrouted", lang, method=method, count=count))
        if not self.has_records:
            lines.append(tr("import.none", lang))
        return lines


@dataclass(frozen=True)
class ImportCounts:
    """What one import added; ``known`` records were in the data already and were not added again."""

    purchases: int
    payments: int
    plans: int
    known: int

    def line(self, lang: str) -> str:
        return tr("import.new", lang, purchases=self.purchases, payments=self.payments, plans=self.plans,
                  known=self.known)
