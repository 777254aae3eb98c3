"""Errors raised by the storage layer; their messages, in Chinese and English, are ``store.*`` strings.

Like ``huabei_tui.domain.errors.InputError``, a ``StoreError`` carries a message key plus parameters instead
of a finished sentence, so the CLI and the TUI can show it in the user's language. ``str(error)`` is the
English message, so a traceback or log line is still readable.

Every message says what happened to the file ("nothing was changed") because the user's first worry after an
error is whether their data is gone; and a damaged file message names the newest good backup and the exact
command that restores it, so there is always a clear way out.

``reason`` parameters are short keys (``"empty"``, ``"disk_full"``, ...) rather than text: code and tests can
check them, and :func:`render` translates them through the ``store.reason.*`` strings (in
``huabei_tui/strings/storage.py``). Format a message with :meth:`StoreError.message` or :func:`render`, not with
``tr(key, …)`` directly, or the reason shows up as its key. A reason that is not a known key (free text) is shown
as is.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from huabei_tui.domain.shell_words import shell_quote
from huabei_tui.i18n import has, tr


def render(key: str, params: dict[str, Any], lang: str = "en") -> str:
    """Format message ``key`` in ``lang``, translating a ``reason`` key first so the sentence reads well."""
    lang = "zh" if lang.lower().startswith("zh") else "en"  # any zh_* locale tag; English is the fallback
    values = dict(params)
    reason = values.get("reason")
    if isinstance(reason, str) and has(f"store.reason.{reason}"):
        values["reason"] = tr(f"store.reason.{reason}", lang, **{"detail": "", **params})
    return tr(key, lang, **values)


def reason_for_oserror(error: OSError) -> tuple[str, str]:
    """Map an ``OSError`` to a (reason key, detail) pair.

    The common failures get their own words because each suggests a different fix to the user (free space,
    pick another folder, fix permissions); anything else keeps the system's own description as detail.
    """
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "disk_full", ""
    if code == errno.EROFS:
        return "read_only", ""
    if code in (errno.EACCES, errno.EPERM):
        return "permission", ""
    if code == errno.ENOENT:
        return "missing_folder", ""
    if code == errno.ELOOP:
        return "symlink_loop", ""
    if code == errno.EISDIR:
        return "is_folder", ""
    if code == errno.ENOTDIR:
        return "path_not_folder", ""
    return "os_error", error.strerror or str(error)


class StoreError(Exception):
    """Base of every storage error: a message key plus the parameters its templates need."""

    def __init__(self, key: str, path: Path, **params: Any) -> None:
        self.key = key
        self.path = Path(path)
        # db_arg: the path quoted for a shell, so a suggested command can be pasted even with spaces in it, and with
        # a control character in it written as an escape (the message is cleaned for the terminal before it is
        # shown, which would drop the character itself and leave the command naming another file).
        self.params: dict[str, Any] = {"path": str(path), "db_arg": shell_quote(str(path)), **params}
        super().__init__(key, self.params)

    def message(self, lang: str = "en") -> str:
        """The one-line message for the user, in ``lang`` (``"zh"`` or ``"en"``)."""
        return render(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.message("en")

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take different constructor arguments; rebuild from state so errors survive pickling
        # (multiprocessing workers, for example).
        return (_rebuild, (type(self), self.__dict__.copy(), self.args))


def _rebuild(cls: type[StoreError], state: dict[str, Any], args: tuple[Any, ...]) -> StoreError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class StoreBusy(StoreError):
    """Another process held the lock for longer than we were willing to wait.

    Raised instead of hanging so a second terminal tells the user what is going on.
    """

    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__("store.busy", path, seconds=seconds)


class StoreCorrupt(StoreError):
    """The data file cannot be understood. It is left exactly as it is; ``backup`` is the way out."""

    def __init__(self, path: Path, reason: str, backup: Path | None, *, key: str = "store.corrupt",
                 **params: Any) -> None:
        self.reason = reason
        self.backup = backup
        if backup is None:
            key += ".no_backup"
        super().__init__(key, path, reason=reason, backup=str(backup) if backup else None, **params)


class StoreTooNew(StoreCorrupt):
    """The file was written by a newer program: we must not guess at its format, let alone overwrite it."""

    def __init__(self, path: Path, found: int, supported: int, backup: Path | None) -> None:
        self.found = found
        self.supported = supported
        super().__init__(path, "schema_newer", backup, key="store.too_new", found=found, supported=supported)


class StoreWriteError(StoreError):
    """A save failed (disk full, read-only folder, no permission, ...). The old file is untouched."""

    def __init__(self, path: Path, reason: str, detail: str = "", *, key: str = "store.write_failed",
                 **params: Any) -> None:
        self.reason = reason
        super().__init__(key, path, reason=reason, detail=detail, **params)


class StoreMissingFolder(StoreWriteError):
    """The data file's folder does not exist; we do not create arbitrary folders unasked (a typo in --db)."""

    def __init__(self, path: Path) -> None:
        self.folder = Path(path).parent
        super().__init__(path, "missing_folder", key="store.missing_folder", folder=str(self.folder))


class StoreReadError(StoreError):
    """The file exists but the system would not let us read it (permission, I/O error, a directory)."""

    def __init__(self, path: Path, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__("store.read_failed", path, reason=reason, detail=detail)


class StoreNoBackup(StoreError):
    """``restore()`` was asked for but there is no good backup to restore from."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.folder = Path(folder)
        super().__init__("store.no_backup", path, folder=str(folder))


class StoreBackupProblem(StoreError):
    """Not an error: the save happened, but the backups folder could not take the previous version.

    A ``StoreError`` for its two-language message only; it is reported (``Store.backup_problem``), never raised.
    """

    def __init__(self, path: Path, folder: Path, reason: str, detail: str = "", *,
                 key: str = "store.backup_failed") -> None:
        self.folder = Path(folder)
        self.reason = reason
        super().__init__(key, path, folder=str(folder), reason=reason, detail=detail)

    @classmethod
    def of(cls, path: Path, problem: Any, *, key: str = "store.backup_failed") -> StoreBackupProblem:
        """From the storage layer's ``BackupUnavailable`` (folder, reason, detail)."""
        return cls(path, problem.folder, problem.reason, problem.detail, key=key)
