"""The files a user hands to ``import alipay``: plain exports and the zip Alipay sends, opened safely.

Why it works the way it does:

* **Only regular files.** A path is opened without blocking (``O_NONBLOCK``) and checked with ``fstat`` on the
  open descriptor, so a FIFO, a device (``/dev/zero``), a socket or a folder is refused with one message
  instead of hanging or reading forever, and nothing can be swapped in between the check and the read.
* **A zip is recognised by its content** (``PK`` signature), like the export layouts, never by its name.
  Alipay mails the statement as a zip encrypted with AES-256 and a password shown in the app; Python's
  ``zipfile`` cannot open those, ``pyzipper`` can. Every CSV in the zip is parsed straight from the
  decrypting stream, in memory: nothing decrypted is ever written to disk.
* **Passwords are asked for only when needed**, through a callback: the command line reads a file, an
  environment variable or the terminal (no echo); the app asks in a masked field and tries again. A wrong
  password raises ``WrongPassword``; nothing has been imported at that point.
* **Member names read as people wrote them.** Zip tools on Chinese Windows store names in GBK without
  saying so; such a name is shown in Chinese rather than as ``╓º╕╢▒ª.csv``.

Pure Python, no Textual and no TinyDB, like the parser.
"""

from __future__ import annotations

import contextlib
import os
import stat
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from huabei_tui.i18n import tr
from huabei_tui.io.alipay import MAX_FILE_BYTES, AlipayImportError, AlipayRow, ParsedExport, parse_alipay_source

__all__ = [
    "ENV_PASSWORD",
    "MAX_PASSWORD_FILE_BYTES",
    "ImportPathError",
    "PasswordNeeded",
    "PasswordSource",
    "WrongPassword",
    "is_zip",
    "open_regular",
    "password_source",
    "read_export_path",
    "read_password_file",
]

#: The environment variable scripts use for the zip password (never a command-line option: ``ps`` shows those).
ENV_PASSWORD = "HUABEI_ZIP_PASSWORD"

#: The zip's own local-header, empty-archive and spanned-archive signatures.
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

#: A password file is read up to this size (its first line is the password).
MAX_PASSWORD_FILE_BYTES = 4096

#: CSV members read from one zip at most (a real statement zip holds one; this only bounds a hostile file).
MAX_ZIP_MEMBERS = 100

#: Given the path of an encrypted zip, its password, or None when there is none to give (then ``PasswordNeeded``).
PasswordSource = Callable[[Path], "str | None"]

#: Progress of one path: ``(done, total)``; several CSVs in one zip share it, so the bar never runs backwards.
Progress = Callable[[int, int], None]
#: ``sinks(name)``: where the rows of the export called ``name`` go as they are read (see ``read_export_path``).
Sinks = Callable[[str], Callable[[AlipayRow], None]]


class ImportPathError(AlipayImportError):
    """The path cannot be imported as given (not a file, too big, a zip problem); nothing was imported.

    The key is one of this module's ``tr`` keys; ``message`` renders it like the parser's errors.
    """

    def message(self, lang: str = "zh") -> str:
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = tr(params["kind"], lang)
        if "error" in params:  # the parser's error about one member of a zip
            params["message"] = params.pop("error").message(lang)
        return tr(self.key, lang, **params)


class PasswordNeeded(ImportPathError):
    """The zip is encrypted and no password was given: ask the user, then read again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__("zip.password_needed")


class WrongPassword(ImportPathError):
    """The password given does not open the zip; nothing was imported."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__("zip.wrong_password")


# ----------------------------------------------------------------------------------------------------
# Opening a path
# ----------------------------------------------------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "file.kind_folder"
    if stat.S_ISFIFO(mode):
        return "file.kind_fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "file.kind_device"
    if stat.S_ISSOCK(mode):
        return "file.kind_socket"
    return "file.kind_other"


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file of a sane size; OSError for the usual reasons.

    ``O_NONBLOCK`` keeps ``open`` from waiting for a writer on a FIFO; the type is checked on the descriptor
    itself, so the file read is the file checked.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        # A folder (EISDIR on some systems) or a socket (ENXIO) cannot even be opened: say what it is.
        try:
            mode = os.stat(path).st_mode
        except OSError:
            raise exc from None
        if stat.S_ISREG(mode):
            raise
        raise ImportPathError("file.not_regular", kind=_kind(mode)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ImportPathError("file.not_regular", kind=_kind(info.st_mode))
        if info.st_size > MAX_FILE_BYTES:
            raise ImportPathError("file.too_big", limit=MAX_FILE_BYTES // 2**20)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def is_zip(head: bytes) -> bool:
    """A zip by its first bytes, whatever its name (``.zip`` renamed to ``.csv`` or the reverse)."""
    return head[:4] in _ZIP_SIGNATURES


def any_zip(paths: Iterable[Path]) -> bool:
    """Whether one of ``paths`` is a zip (by its first bytes); one that cannot be opened, or is no file at all,
    is not (reading it says why)."""
    for path in paths:
        try:
            with open_regular(path) as handle:
                if is_zip(handle.read(4)):
                    return True
        except (OSError, ImportPathError):
            continue
    return False


# ----------------------------------------------------------------------------------------------------
# Reading a path: one export, or every CSV in a zip
# ----------------------------------------------------------------------------------------------------


def read_export_path(
    path: Path,
    *,
    password: PasswordSource | None = None,
    progress: Progress | None = None,
    sinks: Sinks | None = None,
) -> list[tuple[str, ParsedExport]]:
    """Parse the export(s) at ``path``: ``[(name shown in the preview, parsed)]``, one per CSV.

    A plain export gives one entry named after the file; a zip gives one per CSV inside, named
    ``zip-name/member-name``. ``password(path)`` is called once, only for an encrypted zip; when it returns None
    ``PasswordNeeded`` is raised, a wrong one raises ``WrongPassword``. Errors of the parser keep their key and
    line; OSError is left to the caller (it knows how to phrase "cannot read").

    With ``sinks``, each export's rows go to ``sinks(name)`` as they are read (``parse_alipay_source``'s ``sink``)
    and its ``ParsedExport`` holds none.
    """
    with open_regular(path) as handle:
        head = handle.read(4)
        if is_zip(head):
            return _read_zip(path, handle, password, progress, sinks)
        size = os.fstat(handle.fileno()).st_size  # the progress bar's total, in bytes

    def opener() -> BinaryIO:
        return open_regular(path)

    sink = sinks(path.name) if sinks is not None else None
    return [(path.name, parse_alipay_source(opener, progress=progress, size=size, sink=sink))]


def _member_name(info: Any) -> str:
    """The member's name as its author wrote it: names without the UTF-8 flag may be GBK read as cp437.

    Control characters are dropped: the name is printed to the terminal, and a zip can carry ESC sequences in it.
    """
    name: str = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError):
            raw = name.encode("cp437")
            for encoding in ("utf-8", "gb18030"):
                with contextlib.suppress(UnicodeDecodeError):
                    name = raw.decode(encoding)
                    break
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cc")


def _is_csv(info: Any) -> bool:
    name = info.filename
    base = name.rsplit("/", 1)[-1]
    return (not info.is_dir() and name.lower().endswith(".csv") and not name.startswith("__MACOSX/")
            and not base.startswith("._"))


def _read_zip(
    path: Path, handle: BinaryIO, password: PasswordSource | None, progress: Progress | None,
    sinks: Sinks | None = None,
) -> list[tuple[str, ParsedExport]]:
    import pyzipper

    handle.seek(0)
    try:
        archive = pyzipper.AESZipFile(handle)
    except (pyzipper.BadZipFile, ValueError, EOFError) as exc:
        raise ImportPathError("zip.damaged", detail=str(exc) or type(exc).__name__) from None
    with archive:
        entries = archive.infolist()
        members = [info for info in entries if _is_csv(info)]
        if not entries:
            raise ImportPathError("zip.empty")
        if not members:
            names = "、".join(_member_name(info) for info in entries[:5]) + ("…" if len(entries) > 5 else "")
            raise ImportPathError("zip.no_csv", names=names)
        if len(members) > MAX_ZIP_MEMBERS:
            raise ImportPathError("zip.too_many", count=len(members), limit=MAX_ZIP_MEMBERS)
        secret: bytes | None = None
        if any(info.flag_bits & 0x1 for info in members):
            given = password(path) if password is not None else None
            if given is None:
                raise PasswordNeeded(path)
            secret = _working_secret(archive, next(i for i in members if i.flag_bits & 0x1), given)
        results: list[tuple[str, ParsedExport]] = []
        count = len(members)
        for index, info in enumerate(members):
            member = _member_name(info)
            if info.file_size > MAX_FILE_BYTES:
                error = AlipayImportError("alipay.too_big", limit=MAX_FILE_BYTES // 2**20)
                raise ImportPathError("zip.member_error", member=member, error=error)
            name = f"{path.name}/{member}"
            parsed = _parse_member(path, archive, info, member, secret, _share(progress, index, count),
                                   sinks(name) if sinks is not None else None)
            results.append((name, parsed))
        return results


def _secrets(given: str) -> list[bytes]:
    """The password as typed, then with full-width characters made ASCII: Alipay's password is digits, and a
    Chinese input method in full-width mode types ``１２３４５６`` (in a masked field nobody sees it)."""
    half = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else " " if c == "\u3000" else c for c in given)
    return list(dict.fromkeys((given.encode("utf-8"), half.encode("utf-8"))))


def _working_secret(archive: Any, info: Any, given: str) -> bytes:
    """The first of ``_secrets(given)`` that passes ``info``'s password check (opening it checks, reading
    nothing), else the password as typed, so the member's read says "wrong password" as before."""
    candidates = _secrets(given)
    for secret in candidates:
        try:
            with archive.open(info, pwd=secret):
                return secret
        except RuntimeError:  # "Bad password": try the next spelling
            continue
        except Exception:  # damage and the like: the member's own read reports it
            return secret
    return candidates[0]


def _share(progress: Progress | None, index: int, count: int) -> Progress | None:
    """Member ``index`` of ``count`` moves its own slice of one bar (in thousandths), so it never runs back."""
    if progress is None:
        return None
    if count == 1:
        return progress

    def report(done: int, total: int) -> None:
        progress(index * 1000 + (done * 1000 // total if total else 1000), count * 1000)

    return report


def _parse_member(
    path: Path, archive: Any, info: Any, name: str, secret: bytes | None, progress: Progress | None,
    sink: Callable[[AlipayRow], None] | None = None,
) -> ParsedExport:
    """Parse one CSV straight from the (decrypting, decompressing) stream; map zip failures to messages."""
    import pyzipper

    encrypted = bool(info.flag_bits & 0x1)

    def opener() -> BinaryIO:
        return archive.open(info, pwd=secret if encrypted else None)

    try:
        if encrypted:
            # Read it through once first: the AES authentication code (or the CRC) is only checked at the end,
            # and a wrong password that slipped past the 2-byte check must say "wrong password", not "damaged".
            with opener() as stream:
                while stream.read(1 << 16):
                    pass
        return parse_alipay_source(opener, progress=progress, size=info.file_size, sink=sink)
    except AlipayImportError as exc:
        raise ImportPathError("zip.member_error", member=name, error=exc) from None
    except RuntimeError as exc:  # pyzipper: "Bad password for file …" (AES verifier, ZipCrypto check byte)
        if encrypted and "password" in str(exc).lower():
            raise WrongPassword(path) from None
        raise ImportPathError("zip.damaged", detail=str(exc)) from None
    except (pyzipper.BadZipFile, zlib.error, EOFError) as exc:
        # A wrong password passes the 2-byte AES check once in 65,536 tries (1 in 256 for ZipCrypto); it then
        # fails the authentication code or the CRC. Without a password that is plain damage.
        if encrypted:
            raise WrongPassword(path) from None
        raise ImportPathError("zip.damaged", detail=str(exc) or type(exc).__name__) from None
    except NotImplementedError as exc:
        raise ImportPathError("zip.unsupported", detail=str(exc)) from None


# ----------------------------------------------------------------------------------------------------
# Where a password comes from
# ----------------------------------------------------------------------------------------------------


def read_password_file(path: Path) -> str:
    """The first line of ``path``, stripped; OSError for the usual reasons.

    A pipe is fine here (``--password-file <(pass show alipay)`` gives one): only the first 4 KiB are read.
    """
    with open(path, "rb") as handle:
        data = handle.read(MAX_PASSWORD_FILE_BYTES)
    first = data.splitlines()[0] if data else b""
    return first.decode("utf-8", errors="replace").strip()


def password_source(
    *, file_password: str | None, environ: Mapping[str, str], ask: PasswordSource | None
) -> PasswordSource:
    """For scripts, the password from a file (already read) or ``HUABEI_ZIP_PASSWORD``; else ``ask`` (the terminal
    or a dialog); else none (then the import says how to give one). Never an option: ``ps`` shows options.
    """
    if file_password is not None:
        return lambda _path: file_password
    from_env = environ.get(ENV_PASSWORD)
    if from_env:
        return lambda _path: from_env
    if ask is not None:
        return ask
    return lambda _path: None
