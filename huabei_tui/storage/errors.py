"""Errors raised by the storage layer, and their messages in Chinese and English.

Like ``huabei_tui.domain.errors.InputError``, a ``StoreError`` carries a message key plus parameters instead
of a finished sentence, so the CLI and the TUI can show it in the user's language. ``str(error)`` is the
English message, so a traceback or log line is still readable.

Every message says what happened to the file ("nothing was changed") because the user's first worry after an
error is whether their data is gone; and a damaged file message names the newest good backup and the exact
command that restores it, so there is always a clear way out.

``reason`` parameters are short keys (``"empty"``, ``"disk_full"``, ...) rather than text: code and tests can
check them, and :func:`render` translates them through the ``store.reason.*`` entries of ``MESSAGES``.
Format a message with :meth:`StoreError.message` or :func:`render`, not with ``MESSAGES[key][i].format``
directly, or the reason shows up as its key. A reason that is not a known key (free text) is shown as is.
"""

from __future__ import annotations

import errno
import shlex
from pathlib import Path
from typing import Any

# key -> (Chinese, English). Each template is one line and is formatted with str.format(**params).
MESSAGES: dict[str, tuple[str, str]] = {
    "store.busy": (
        "数据文件 {path} 正被另一个 huabei 进程写入，等待 {seconds:g} 秒后放弃。"
        "未做任何改动；请关闭另一个窗口后重试。",
        "The data file {path} is being written by another huabei process; gave up after {seconds:g} s."
        " Nothing was changed; close the other one and try again.",
    ),
    "store.corrupt": (
        "数据文件 {path} 无法读取（{reason}）。文件未被改动。"
        "最新的完好备份：{backup}。恢复：huabei --db {db_arg} restore",
        "The data file {path} cannot be read ({reason}). The file was not changed."
        " Newest good backup: {backup}. To restore it: huabei --db {db_arg} restore",
    ),
    "store.corrupt.no_backup": (
        "数据文件 {path} 无法读取（{reason}）。文件未被改动。"
        "没有找到完好的备份；请手动检查该文件，或把它移走后重新开始。",
        "The data file {path} cannot be read ({reason}). The file was not changed. No good backup was found;"
        " inspect the file by hand, or move it away to start afresh.",
    ),
    "store.too_new": (
        "数据文件 {path} 由更新版本的 huabei 写入（格式版本 {found}，本程序最高支持 {supported}）。"
        "文件未被改动。请升级 huabei；或恢复最新的完好备份 {backup}（之后的改动会丢失）："
        "huabei --db {db_arg} restore",
        "The data file {path} was written by a newer huabei (format version {found}; this program supports"
        " up to {supported}). The file was not changed. Upgrade huabei, or restore the newest good backup"
        " {backup} (later changes are lost): huabei --db {db_arg} restore",
    ),
    "store.too_new.no_backup": (
        "数据文件 {path} 由更新版本的 huabei 写入（格式版本 {found}，本程序最高支持 {supported}）。"
        "文件未被改动。请升级 huabei。",
        "The data file {path} was written by a newer huabei (format version {found}; this program supports"
        " up to {supported}). The file was not changed. Upgrade huabei.",
    ),
    "store.write_failed": (
        "无法保存数据文件 {path}（{reason}）。未做任何改动，磁盘上的文件保持原样。",
        "Could not save the data file {path} ({reason}). Nothing was changed; the file on disk is as it was.",
    ),
    "store.missing_folder": (
        "无法保存数据文件 {path}：文件夹 {folder} 不存在。"
        "未做任何改动；请先创建该文件夹，或用 --db 指定其他位置。",
        "Could not save the data file {path}: the folder {folder} does not exist. Nothing was changed;"
        " create the folder first, or choose another place with --db.",
    ),
    "store.read_failed": (
        "无法读取数据文件 {path}（{reason}）。文件未被改动。",
        "Could not read the data file {path} ({reason}). The file was not changed.",
    ),
    "store.no_backup": (
        "在 {folder} 中没有找到 {path} 的完好备份。未做任何改动。",
        "No good backup of {path} was found in {folder}. Nothing was changed.",
    ),
    "store.restored": (
        "已用备份 {backup} 恢复数据文件 {path}；原来的文件保存为 {damaged}。",
        "Restored the data file {path} from the backup {backup}; the previous file was kept as {damaged}.",
    ),
    "store.restored.no_previous": (
        "已用备份 {backup} 恢复数据文件 {path}。",
        "Restored the data file {path} from the backup {backup}.",
    ),
    "store.backup_failed": (
        "未能备份 {path} 的上一个版本：备份文件夹 {folder} 无法使用（{reason}）。改动已保存；请修复该文件夹。",
        "No backup of the previous version of {path} was made: the backups folder {folder} cannot be used"
        " ({reason}). Your change was saved; fix the folder.",
    ),
    "store.backups_unusable": (
        "备份文件夹 {folder} 无法使用（{reason}）：保存时不会留下备份；请修复该文件夹。",
        "The backups folder {folder} cannot be used ({reason}): saves keep no backup; fix the folder.",
    ),
    # Reasons: short phrases slotted into the messages above.
    "store.reason.empty": ("文件是空的", "the file is empty"),
    "store.reason.not_json": (
        "不是有效的 JSON，可能写到一半被截断",
        "not valid JSON, possibly cut off mid-write",
    ),
    "store.reason.wrong_format": ("内容格式不对", "the content is not in the expected format"),
    "store.reason.impossible_value": ("有不可能成立的值：{detail}", "it holds an impossible value: {detail}"),
    "store.reason.schema_newer": ("格式版本比本程序新", "written by a newer version of huabei"),
    "store.reason.disk_full": ("磁盘已满", "the disk is full"),
    "store.reason.read_only": ("文件夹是只读的", "the folder is read-only"),
    "store.reason.permission": ("没有权限", "permission denied"),
    "store.reason.missing_folder": ("文件夹不存在", "the folder does not exist"),
    "store.reason.broken_link": ("它是指向不存在位置的符号链接", "it is a symbolic link to nothing"),
    "store.reason.not_a_folder": ("它不是文件夹", "it is not a folder"),
    "store.reason.symlink_loop": ("路径是一圈互相指向的符号链接", "the path is a loop of symbolic links"),
    "store.reason.os_error": ("系统错误：{detail}", "system error: {detail}"),
}


def _lang_index(lang: str) -> int:
    """Chinese for any ``zh*`` locale tag, English otherwise: English is the fallback the brief asks for."""
    return 0 if lang.lower().startswith("zh") else 1


def render(key: str, params: dict[str, Any], lang: str = "en") -> str:
    """Format message ``key`` in ``lang``, translating a ``reason`` key first so the sentence reads well."""
    index = _lang_index(lang)
    values = dict(params)
    reason = values.get("reason")
    if isinstance(reason, str) and f"store.reason.{reason}" in MESSAGES:
        values["reason"] = MESSAGES[f"store.reason.{reason}"][index].format(**{"detail": "", **params})
    return MESSAGES[key][index].format(**values)


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
    return "os_error", error.strerror or str(error)


class StoreError(Exception):
    """Base of every storage error: a message key plus the parameters its templates need."""

    def __init__(self, key: str, path: Path, **params: Any) -> None:
        self.key = key
        self.path = Path(path)
        # db_arg: the path quoted for a shell, so a suggested command can be pasted even with spaces in it.
        self.params: dict[str, Any] = {"path": str(path), "db_arg": shlex.quote(str(path)), **params}
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
