"""Crash-safe replacement of a file, with timestamped backups of what it replaces.

TinyDB's ``JSONStorage`` rewrites the file in place, so a crash or a full disk mid-save leaves a file that
no longer parses. Here the new content goes to a temporary file in the same folder (same file system, so the
rename is atomic), is flushed and fsynced, and only then renamed over the old file; the folder is fsynced so
the rename itself survives a power cut. A reader therefore sees either the old file or the new one, never a
mix.

Before the rename the old file is hard-linked into the backups folder: a link costs no space and no time, and
once the rename has happened the old content lives on only there. Backup names carry a UTC timestamp with
microseconds so that sorting names sorts by age.

These functions assume the caller holds the store's lock: ``clean_temp_files`` would otherwise delete a temp
file another process is still writing, and two savers would race on the backups.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from huabei_tui.storage.errors import StoreMissingFolder, StoreWriteError, reason_for_oserror

FILE_MODE = 0o600
DIR_MODE = 0o700
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_STAMP_RE = r"\d{8}T\d{12}Z"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def temp_prefix(path: Path) -> str:
    """Prefix of our temp files for ``path``: hidden, and specific enough never to match a user's file."""
    return f".{path.name}.tmp-"


def _temp_path(path: Path, folder: Path | None = None) -> Path:
    """A fresh temp name for ``path``; in ``folder`` when given (backup copies are made in the backups)."""
    return (folder or path.parent) / f"{temp_prefix(path)}{os.getpid()}-{os.urandom(4).hex()}"  # = secrets.token_hex(4)


def _stamp(micros: int) -> str:
    seconds, fraction = divmod(micros, 1_000_000)
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(microsecond=fraction).strftime(_STAMP_FORMAT)


def _parse_stamp(text: str) -> int:
    moment = dt.datetime.strptime(text, _STAMP_FORMAT).replace(tzinfo=dt.UTC)
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def _backup_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(path.stem)}\.({_STAMP_RE}){re.escape(path.suffix or '.json')}")


def list_backups(path: Path, backup_dir: Path) -> list[Path]:
    """Backups of ``path`` in ``backup_dir``, newest first; other files in the folder are ignored."""
    pattern = _backup_pattern(path)
    try:
        names = [entry.name for entry in os.scandir(backup_dir) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []  # no folder yet, or unreadable: either way there is nothing we could restore from
    found = sorted((name for name in names if pattern.fullmatch(name)), reverse=True)
    return [backup_dir / name for name in found]


def unique_stamped_name(folder: Path, template: str, *, after: int = -1) -> Path:
    """A name in ``folder`` from ``template`` (containing ``{stamp}``) that does not exist yet.

    The stamp is the current UTC time in microseconds (``time.time_ns``), but at least ``after + 1`` and
    bumped past any name already taken, so names never collide and, for backups, name order stays age order
    even if the clock steps back or two saves share a microsecond.
    """
    micros = max(time.time_ns() // 1000, after + 1)
    while (candidate := folder / template.format(stamp=_stamp(micros))).exists():
        micros += 1
    return candidate


def backup_path(path: Path, backup_dir: Path) -> Path:
    """Name for a new backup of ``path``: ``{stem}.{UTC stamp}{suffix}``, newer than every existing one."""
    newest = -1
    existing = list_backups(path, backup_dir)
    if existing and (match := _backup_pattern(path).fullmatch(existing[0].name)):
        newest = _parse_stamp(match.group(1))
    return unique_stamped_name(backup_dir, f"{path.stem}.{{stamp}}{path.suffix or '.json'}", after=newest)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte: ``os.write`` may write less than asked (signals, pipes, some file systems)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new link in ``folder`` durable; best effort where directories cannot be fsynced."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems (and Windows) refuse fsync on a directory. The data itself is already on disk and
        # the rename has happened: failing the save now would wrongly tell the user nothing was saved.
        pass
    finally:
        os.close(fd)


def _write_temp(temp: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, FILE_MODE)
    try:
        # The umask can only remove bits, but be explicit: the file holds personal financial data.
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
            with contextlib.suppress(OSError):
                os.fchmod(fd, FILE_MODE)
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_file(source: Path, target: Path, *, data_path: Path) -> None:
    """Copy ``source`` to the new name ``target`` completely or not at all, never replacing an existing file.

    Used where a hard link is impossible (file systems without links, cross-device): the copy is written to a
    temp file first so a crash mid-copy cannot leave a truncated copy under a good-looking name. The temp file
    is named after ``data_path`` so that ``clean_temp_files`` finds it if we are killed.
    """
    temp = _temp_path(data_path, target.parent)
    try:
        _write_temp(temp, source.read_bytes())
        try:
            os.link(temp, target)  # fails if target exists, unlike a rename
        except FileExistsError:
            raise
        except OSError:
            # No links on this file system: rename the finished copy (target is a fresh name, under our lock).
            os.rename(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def link_or_copy(source: Path, target: Path, *, data_path: Path) -> None:
    """Put ``source``'s content at the new name ``target``: a hard link when possible, else a full copy."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        copy_file(source, target, data_path=data_path)


class BackupUnavailable(Exception):
    """The backups folder cannot take a backup (a broken link, not a folder, no permission): the save goes on
    without one and the user is told. ``reason`` is a ``store.reason.*`` key."""

    def __init__(self, folder: Path, reason: str, detail: str = "") -> None:
        super().__init__(folder, reason, detail)
        self.folder = folder
        self.reason = reason
        self.detail = detail


#: Errors that mean the disk itself is in trouble: then the save fails as a whole (the user must free space),
#: rather than going on without its backup.
_DISK_ERRORS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EIO}


def backups_folder_problem(backup_dir: Path) -> BackupUnavailable | None:
    """Why ``backup_dir`` could not take a backup now, or None (a missing folder is made by the next save)."""
    if not os.path.lexists(backup_dir):
        folder = backup_dir.parent
        if os.path.isdir(folder) and not os.access(folder, os.W_OK | os.X_OK):
            return BackupUnavailable(backup_dir, "permission")
        return None
    if os.path.islink(backup_dir) and not os.path.exists(backup_dir):
        return BackupUnavailable(backup_dir, "broken_link")
    if not os.path.isdir(backup_dir):
        return BackupUnavailable(backup_dir, "not_a_folder")
    if not os.access(backup_dir, os.W_OK | os.X_OK):
        return BackupUnavailable(backup_dir, "permission")
    return None


def _make_backup(path: Path, backup_dir: Path) -> Path | None:
    """Keep the current file in ``backup_dir``; raise ``BackupUnavailable`` when the folder is unusable."""
    if not path.exists():
        return None
    problem = backups_folder_problem(backup_dir) if os.path.lexists(backup_dir) else None
    if problem is not None and problem.reason in ("broken_link", "not_a_folder"):
        raise problem
    try:
        ensure_dir(backup_dir)
        target = backup_path(path, backup_dir)
        link_or_copy(path, target, data_path=path)
    except OSError as error:
        if error.errno in _DISK_ERRORS:
            raise
        if not path.exists():
            return None  # nothing to back up after all
        raise BackupUnavailable(backup_dir, *reason_for_oserror(error)) from error
    return target


def ensure_dir(folder: Path) -> None:
    """Create ``folder`` (not its parents) private to the user, if it is missing."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, DIR_MODE)


def prune_backups(path: Path, backup_dir: Path, keep: int) -> None:
    """Delete all but the ``keep`` newest backups; housekeeping, so failures are ignored."""
    for old in list_backups(path, backup_dir)[max(keep, 0):]:
        with contextlib.suppress(OSError):
            old.unlink()


def atomic_write(
    path: Path,
    data: bytes,
    *,
    backup_dir: Path | None,
    keep: int,
    on_backup_problem: Callable[[BackupUnavailable], None] | None = None,
) -> Path | None:
    """Replace ``path`` by ``data`` atomically, backing up the old file; return the new backup, if any.

    On any failure before the rename the temp file is removed and ``StoreWriteError`` is raised: the old file
    is byte-for-byte what it was. A disk that fills up while the backup is copied fails the save too. A backups
    folder that cannot be used (a broken link, a file in its place, no permission) does not: refusing every save
    until the user repairs a folder they may never look at would lose what they type, so the save goes on and
    ``on_backup_problem`` hears why no backup was made, so the user can be told.
    """
    path = Path(path)
    folder = path.parent
    temp = _temp_path(path)
    backup: Path | None = None
    try:
        _write_temp(temp, data)
        if backup_dir is not None and keep > 0:
            try:
                backup = _make_backup(path, backup_dir)
            except BackupUnavailable as problem:
                if on_backup_problem is not None:
                    on_backup_problem(problem)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if backup is not None:
            # The old file stays in place; drop the now pointless extra backup so pruning stays accurate.
            with contextlib.suppress(OSError):
                backup.unlink()
        if error.errno is not None and not folder.is_dir():
            raise StoreMissingFolder(path) from error
        reason, detail = reason_for_oserror(error)
        raise StoreWriteError(path, reason, detail) from error
    fsync_dir(folder)
    if backup_dir is not None and keep > 0:
        # keep <= 0 means "make no backups", not "delete the ones there are".
        prune_backups(path, backup_dir, keep)
    return backup


def clean_temp_files(path: Path, *folders: Path | None) -> list[Path]:
    """Remove temp files left by saves that were killed; return what was removed.

    Only call this while holding the store's lock: then no save is in progress and every temp file is a
    leftover. Temp files sit in the data file's folder, or in ``folders`` (the backups folder for interrupted
    backup copies, the parts folder for parts being written).
    """
    path = Path(path)
    prefix = temp_prefix(path)
    removed: list[Path] = []
    for folder in (path.parent, *folders):
        if folder is None:
            continue
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(prefix):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed
