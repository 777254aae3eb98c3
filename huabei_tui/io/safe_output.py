"""Writing an export (or a screenshot) to a path the user chose, without ever endangering the data.

``huabei export -o FILE`` used to ``open(FILE, "w")``: given the data file's name, a symlink to it, a path through
``..`` or one of its backups, it truncated the data and ``restore`` had nothing to restore from. Every file the
program writes on the user's behalf now goes through ``write_output``, which:

* refuses any target that resolves (symlinks, ``..``, and the same inode, so hard links and bind mounts too) to the
  data file, its lock, its backups folder or its parts folder (the imported rows, ``storage/parts.py``) or
  anything inside them, a temporary save file, or a kept damaged copy;
* refuses a folder (or a path typed as one, ending in ``/``), a FIFO, a device or a socket (writing to ``/dev/zero`` or a FIFO hangs or vanishes), a
  missing folder, and an existing file that is read-only (the user protected it: it is not replaced);
* writes atomically: a temporary file in the target's folder, written, fsynced, then renamed over the target, so
  a full disk or a crash leaves the old file or the new one, never half a file, and never a stray temp file;
* gives a new file mode 0600 (exports hold personal financial data) and an existing file its own mode back.

A refusal raises ``InputError`` ("cannot write PATH: why"; bad input: exit status 2, nothing written); a failure while writing raises
``OutputWriteError`` (exit status 1, nothing left behind). ``-`` is standard output and never reaches here.
No Textual, no TinyDB: the CLI and the TUI share it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from huabei_tui.domain.errors import InputError
from huabei_tui.i18n import os_reason, tr
from huabei_tui.storage.atomic import fsync_dir, write_all

NEW_FILE_MODE = 0o600

#: Why a path is refused: the reason slotted into ``file.unwritable`` ("cannot write {path}: {reason}").


class _StoreLike(Protocol):
    path: Path
    lock_path: Path
    backup_dir: Path
    parts_dir: Path

    @property
    def temp_prefix(self) -> str: ...

    @property
    def damaged_prefix(self) -> str: ...


@dataclass(frozen=True)
class Protected:
    """The data file and everything that keeps it safe: no output may land on any of them."""

    data: Path
    lock: Path
    backups: Path
    #: Names in the data file's folder that start with one of these belong to the store (temp saves, damaged copies).
    temp_prefix: str
    damaged_prefix: str
    #: The imported rows' files: the data file names them, so replacing one damages the data.
    parts: Path

    @classmethod
    def of(cls, store: _StoreLike) -> Protected:
        return cls(Path(store.path), Path(store.lock_path), Path(store.backup_dir), store.temp_prefix,
                   store.damaged_prefix, Path(store.parts_dir))


def protected_around(store: _StoreLike) -> list[Protected]:
    """What no output may land on while ``store`` is in use: its data file, the default data file and every
    other profile's file in the data folder (``paths.protected_data_files``, the one list the start-up caches
    keep clear of too), each with its lock, backups, parts, temporary saves and damaged copies."""
    from huabei_tui.paths import protected_data_files
    from huabei_tui.storage.store import Store

    guards = [Protected.of(store)]
    for path in protected_data_files(store.path)[1:]:
        try:
            guards.append(Protected.of(Store(path)))
        except Exception:  # an unusable path (a symlink loop) cannot be overwritten through either
            continue
    return guards


class OutputWriteError(Exception):
    """The system failed the write (disk full, no permission, I/O error); nothing was left behind.

    Carries ``field``/``key``/``params`` like ``InputError`` so ``describe_error`` words it in either language.
    """

    field = "file"

    def __init__(self, path: Path, reason: str) -> None:
        self.key = "output.failed"
        self.params: dict[str, Any] = {"path": str(path), "reason": reason}
        super().__init__(f"could not write {path}: {reason}")


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _refuse(key: str, shown: Path | str, lang: str, **params: Any) -> InputError:
    """Bad input: "cannot write PATH: <why>", in the user's language (the field and key of every unwritable file)."""
    return InputError("file", "file.unwritable", path=str(shown), reason=tr(key, lang, **params))


def _check_protected(real: Path, shown: Path, guard: Protected, lang: str) -> None:
    """Refuse ``real`` (an absolute path with symlinks resolved) if it is, or is inside, what ``guard`` protects."""
    data = Path(os.path.realpath(guard.data))
    lock = Path(os.path.realpath(guard.lock))
    folders = ((Path(os.path.realpath(guard.backups)), "output.backups"),
               (Path(os.path.realpath(guard.parts)), "output.parts"))
    if real == data:
        raise _refuse("output.data_file", shown, lang)
    if real == lock:
        raise _refuse("output.lock", shown, lang)
    for folder, why in folders:
        if real == folder or folder in real.parents:
            raise _refuse(why, shown, lang)
    # The same folder reached another way (a bind mount, a hard-linked path on some systems): compare inodes.
    for folder, why in folders:
        folder_id = _identity(folder)
        if folder_id is not None and any(_identity(above) == folder_id for above in (real, *real.parents)):
            raise _refuse(why, shown, lang)
    in_data_folder = real.parent == data.parent or (
        _identity(real.parent) is not None and _identity(real.parent) == _identity(data.parent))
    if in_data_folder and real.name.startswith(guard.temp_prefix):
        raise _refuse("output.temp", shown, lang)
    if in_data_folder and real.name.startswith(guard.damaged_prefix):
        raise _refuse("output.damaged", shown, lang)
    target_id = _identity(real)
    if target_id is None:
        return
    # Hard links: another name for the data file, its lock or a backup is the same file.
    if target_id == _identity(data):
        raise _refuse("output.data_file", shown, lang)
    if target_id == _identity(lock):
        raise _refuse("output.lock", shown, lang)
    for folder, why in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if _identity(entry.path) == target_id:
                    raise _refuse(why, shown, lang)
    with contextlib.suppress(OSError):
        for entry in os.scandir(data.parent):
            if entry.name.startswith(guard.damaged_prefix) and _identity(entry.path) == target_id:
                raise _refuse("output.damaged", shown, lang)


def _names_a_folder(text: str) -> bool:
    """Whether the path as typed ends in a separator, the way people write a folder (``~/exports/``)."""
    end = text.rstrip()
    return end.endswith(os.sep) or bool(os.altsep and end.endswith(os.altsep))


def check_output_path(target: str | os.PathLike[str], protected: Iterable[Protected], lang: str = "en"
                      ) -> tuple[Path, int | None]:
    """Where ``target`` really leads and the mode to give the new file there (None: new file, 0600).

    Raises ``InputError`` naming the reason when the path must not be written. Shared by ``write_output`` and by
    the TUI's save dialog, which checks before it asks "replace?".
    """
    text = os.fspath(target)
    if not text.strip():
        raise InputError("file", "output.empty")  # not "cannot write .": there is no path to name
    shown = Path(os.path.abspath(Path(text).expanduser()))
    real = Path(os.path.realpath(shown))
    for guard in protected:
        _check_protected(real, shown, guard, lang)
    folder = real.parent
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as error:  # a symlink loop, a path through a file, a folder we may not enter
        raise InputError("file", "file.unwritable", path=str(shown), reason=os_reason(error, lang)) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise _refuse("output.directory", shown, lang)
    if _names_a_folder(text):
        # ``Path`` drops a trailing "/": "-o ~/exports/" with no such folder would write a file named "exports".
        raise _refuse("output.folder_path", f"{shown}{os.sep}", lang)
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise _refuse("output.special", shown, lang)
        if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
            raise _refuse("output.read_only", shown, lang)
    elif not folder.is_dir():
        raise _refuse("output.no_folder", shown, lang, folder=str(folder))
    return real, None if st is None else stat.S_IMODE(st.st_mode)


def write_output(target: str | os.PathLike[str], data: bytes, protected: Iterable[Protected], lang: str = "en"
                 ) -> Path:
    """Write ``data`` to ``target`` atomically after ``check_output_path``; returns the path written."""
    real, mode = check_output_path(target, tuple(protected), lang)
    temp = real.parent / f".{real.name}.part-{os.getpid()}-{os.urandom(4).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(temp, flags | getattr(os, "O_BINARY", 0), NEW_FILE_MODE)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, NEW_FILE_MODE if mode is None else mode)  # the umask must not widen or narrow it
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, real)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise OutputWriteError(real, os_reason(error, lang)) from error
    fsync_dir(real.parent)
    return real
