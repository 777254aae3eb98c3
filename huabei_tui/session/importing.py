"""Importing Alipay exports, once for both front ends: read every file, preview, then one save or nothing.

``huabei import alipay`` and the app's import dialog are thin callers of the same two steps:
``Session.read_import`` reads and parses every file (all must be good) into an ``ImportPreview``, which the user
reads (``lines``); ``Session.commit_import`` saves its new records in one save. A file that cannot be read or is
not a good export raises ``ImportFileError``, which says which file and why, in either language. A path may be the
encrypted zip Alipay mails: ``password(path)`` gives its password (the command line reads a file, a variable or the
terminal; the dialog a masked field); a missing or wrong one is an ``ImportFileError`` whose ``cause`` is
``PasswordNeeded`` or ``WrongPassword``, so the dialog can ask again.

Imported only by the import command and the dialog: the Alipay parser is not needed to show anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.ledger import Ledger
from huabei_tui.i18n import os_reason, tr
from huabei_tui.io.alipay import AlipayImportError, ParsedExport
from huabei_tui.io.alipay_import import ImportBatch, Review, add_export, preview_lines, review_import
from huabei_tui.io.import_files import PasswordSource, read_export_path

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
                 password: PasswordSource | None = None) -> list[tuple[str, ParsedExport]]:
    """Read and parse every file, in order (a zip gives one entry per CSV in it, named ``zip/member``); the first
    bad one raises ``ImportFileError``. Without ``progress`` no line count is made for a bar nobody draws."""
    files: list[tuple[str, ParsedExport]] = []
    for index, path in enumerate(paths):
        def file_progress(done: int, total: int, index: int = index) -> None:
            if progress is not None:
                progress(index, done, total)

        try:
            found = read_export_path(path, password=password, progress=file_progress if progress else None)
        except (OSError, AlipayImportError) as error:
            raise ImportFileError(path, error) from error
        files.extend(found)
    return files


@dataclass(frozen=True)
class ImportPreview:
    """What the files hold, ready for one save: the user reads ``lines`` and confirms, or nothing is written."""

    batch: ImportBatch
    files: list[tuple[str, ParsedExport]]
    #: The batch next to the data when the preview was made: records known already (not added twice) and what
    #: stands out (a changed amount, refunds of plans or of nothing, repayments for bills that do not exist).
    review: Review

    @property
    def known(self) -> int:
        return self.review.known

    @classmethod
    def of(cls, files: list[tuple[str, ParsedExport]], ledger: Ledger) -> ImportPreview:
        batch = ImportBatch()
        kept: list[tuple[str, ParsedExport]] = []
        for name, parsed in files:
            add_export(batch, parsed, ledger.account, name)
            # Its rows now live in the batch: the preview keeps the file's counts, not a second copy of every row
            # (a million-row export's rows are a few hundred megabytes as objects).
            kept.append((name, replace(parsed, rows=[])))
        return cls(batch, kept, review_import(batch, ledger))

    @property
    def has_records(self) -> bool:
        return bool(self.batch.record_count)

    def lines(self, lang: str) -> list[str]:
        """Rows read, kinds, bills affected, rows skipped and why; how many are known already; or that there is
        nothing to import."""
        lines = preview_lines(self.batch, self.files, lang, self.review)
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
