"""The cached first frames: one small private file per key in the user's cache folder.

A frame shows the user's money on screen, and its bytes go straight to the terminal, so the files are treated
like the data: the folder is created 0700 and each file 0600; a file is read only if it is a regular file of
this user that no one else can write (opened without following a symlink); it is written to a temporary file
and renamed into place, so two terminals saving at once leave one whole frame or the other, never a mixture.
Every file carries the whole key it was saved under and a checksum of the frame: a truncated, damaged or foreign
file is ignored (the next run replaces it). Only the newest few frames are kept (two terminals of different sizes
each keep theirs).

The folder is ``platformdirs.user_cache_path("huabei-tui") / "frames"``, or ``HUABEI_CACHE_DIR`` (tests, and
users who want it elsewhere). Wherever that leads, nothing is written at or inside a data file the export guard
protects (the one in use, the default one and every profile's: ``paths.protected_data_files``), its lock, its
backups folder or its parts folder (``danger``; ``save`` is told the data file in use and refuses): a cache
folder pointed there, directly, through ``..``, through a symlink or by another name for the same folder, would
put files among the backups and the parts, and its pruning would delete there. (The export guard's other refusals, a temporary save
or a damaged copy beside a data file, cannot be a cache's name: those are ``<hex>.frame``/``.view`` and
``.<hex>.<pid>.<hex>.tmp``.)
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import zlib
from collections.abc import Mapping
from pathlib import Path

ENV_CACHE_DIR = "HUABEI_CACHE_DIR"
MAGIC = b"huabei-frame 1\n"
#: A frame at 80×24 is about 6–30 kB; a huge terminal in 24-bit colour stays far below this.
MAX_FRAME_BYTES = 4 * 1024 * 1024
#: The whole file: the frame, the key and a few header lines.
MAX_FILE_BYTES = MAX_FRAME_BYTES + 64 * 1024
#: How many frames are kept (newest first).
KEEP = 6
SUFFIX = ".frame"


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("huabei-tui", appauthor=False) / "frames"


def frame_path(folder: Path, name: str, suffix: str = SUFFIX) -> Path:
    return folder / f"{name}{suffix}"


#: A cache file's name before its suffix: 16 lowercase hex digits (``frame_key.FrameInputs.name``).
NAME_LENGTH = 16
_HEX = frozenset("0123456789abcdef")


def _is_hex(text: str, length: int) -> bool:
    return len(text) == length and _HEX.issuperset(text)


def is_cache_name(name: str) -> bool:
    """``name`` is of the form the caches name their files by (``FrameInputs.name``: 16 lowercase hex digits)."""
    return _is_hex(name, NAME_LENGTH)


def is_cache_file(filename: str, suffix: str) -> bool:
    """``filename`` is exactly what ``save`` writes for ``suffix``: ``<16 hex>.frame`` or ``<16 hex>.view``."""
    return filename.endswith(suffix) and is_cache_name(filename[:-len(suffix)])


def is_temp_file(filename: str) -> bool:
    """``filename`` is exactly a temporary file of ``save``'s (``.<16 hex>.<pid>.<8 hex>.tmp``), of either kind."""
    if not (filename.startswith(".") and filename.endswith(".tmp")):
        return False
    fields = filename[1:-len(".tmp")].split(".")
    return (len(fields) == 3 and is_cache_name(fields[0]) and fields[1].isascii() and fields[1].isdigit()
            and _is_hex(fields[2], 8))


#: What beside a data file keeps it safe, by the suffix added to its name (``storage/store.py``: the lock and
#: the backups folder; ``storage/parts.py``: the parts folder). Not imported from there: this runs before the
#: first frame, which imports no storage; a test checks they agree.
GUARDED_SUFFIXES = (".lock", ".backups", ".parts")


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def guarded_places(data_file: str | os.PathLike[str] | None) -> tuple[str, ...]:
    """Every place a cache must keep clear of, resolved: each data file the export guard protects
    (``paths.protected_data_files``: the one in use, the default one and every profile's file in the data
    folder) with its lock, backups and parts."""
    from huabei_tui.paths import protected_data_files

    places: list[str] = []
    for file in protected_data_files(data_file):
        data = os.path.realpath(file)
        places.extend((data, *(data + suffix for suffix in GUARDED_SUFFIXES)))
    return tuple(places)


def danger(path: Path, data_file: str | os.PathLike[str] | None) -> str | None:
    """The protected place (``guarded_places``) that writing the cache file ``path`` (and making its folder)
    would touch, or ``None``: ``path`` or its folder is, or is inside, a protected data file, its lock, its
    backups folder or its parts folder, after symlinks and ``..`` are resolved, or its folder (or a folder above
    it) is one of them by another name (a bind mount). ``data_file`` is the data file in use (``None``:
    ``--demo``); the default data file and the other profiles' files are protected as well.

    The one check of both caches (frames, and the status screen's content: ``view_cache``), and what
    ``huabei doctor`` names when it says a cache folder is refused."""
    guarded = guarded_places(data_file)
    folder = os.path.realpath(path.parent)
    for candidate in (folder, os.path.realpath(path)):
        for place in guarded:
            if candidate == place or candidate.startswith(place + os.sep):
                return place
    by_id = {found: place for place in reversed(guarded) if (found := _identity(place)) is not None}
    while by_id:
        found = _identity(folder)
        if found in by_id:
            return by_id[found]
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return None


def endangers(path: Path, data_file: str | os.PathLike[str] | None) -> bool:
    """Whether writing the cache file ``path`` would touch a protected data file or what keeps it safe
    (``danger``)."""
    return danger(path, data_file) is not None


def _checksum(frame: bytes) -> bytes:
    return f"{zlib.crc32(frame):08x}{zlib.adler32(frame):08x}".encode("ascii")


def encode(key: str, frame: bytes, magic: bytes = MAGIC) -> bytes:
    """The file: a magic line, the whole key (one line: it is a ``repr``), a checksum and length, the frame.

    ``magic`` tells what the payload is (a frame; the status screen's content, ``startup/view_cache.py``), so a
    file of one kind is never taken for the other."""
    header = key.encode("utf-8", "backslashreplace")
    if b"\n" in header:
        raise ValueError("a key is one line")
    return magic + header + b"\n" + _checksum(frame) + b"\n" + str(len(frame)).encode("ascii") + b"\n" + frame


def decode(key: str, blob: bytes, magic: bytes = MAGIC) -> bytes | None:
    """The frame in ``blob`` if it is whole and was saved under exactly ``key``; else ``None``."""
    if not blob.startswith(magic):
        return None
    parts = blob[len(magic):].split(b"\n", 3)
    if len(parts) != 4:
        return None
    saved_key, checksum, length, frame = parts
    if saved_key != key.encode("utf-8", "backslashreplace"):
        return None
    try:
        size = int(length)
    except ValueError:
        return None
    if size != len(frame) or not 0 < size <= MAX_FRAME_BYTES or _checksum(frame) != checksum:
        return None
    return frame


def _private(st: os.stat_result) -> bool:
    """A regular file (or folder) of this user that nobody else can write."""
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load(folder: Path, name: str, key: str, *, suffix: str = SUFFIX, magic: bytes = MAGIC) -> bytes | None:
    """The frame saved under ``key`` (file ``name``), or ``None`` (none, unreadable, damaged or not private)."""
    path = frame_path(folder, name, suffix)
    try:
        if not _private(os.stat(folder)):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _private(st) or st.st_size > MAX_FILE_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            blob = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return decode(key, blob, magic)  # None when damaged or another key's: the next save replaces it


def save(folder: Path, name: str, key: str, frame: bytes, *, data_file: str | os.PathLike[str] | None,
         suffix: str = SUFFIX, magic: bytes = MAGIC) -> Path:
    """Write the frame atomically (temporary file, fsync, rename); raises ``OSError`` if it cannot, and
    ``PermissionError`` before touching anything if that would be at or inside ``data_file``, the default data
    file or what keeps either safe (``danger``; ``data_file`` is ``None`` only for ``--demo``)."""
    if not 0 < len(frame) <= MAX_FRAME_BYTES:
        raise ValueError("frame size out of range")
    if not is_cache_name(name):  # ``prune`` removes only names of this form: a file it could not tell is not made
        raise ValueError("not a cache file's name")
    blob = encode(key, frame, magic)
    if len(blob) > MAX_FILE_BYTES:
        raise ValueError("key too long")
    target = frame_path(folder, name, suffix)
    place = danger(target, data_file)
    if place is not None:
        raise PermissionError(f"{folder} is at or inside {place}, which keeps the data safe")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private(os.stat(folder)):
        raise PermissionError(f"{folder} can be written by others")
    temp = folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    prune(folder, keep=target, suffix=suffix)
    return target


def prune(folder: Path, keep: Path | None = None, suffix: str = SUFFIX) -> None:
    """Keep the newest ``KEEP`` files of a kind (``suffix``); remove temporary files left by a process killed
    while saving.

    ``HUABEI_CACHE_DIR`` may name a folder the user keeps their own files in, so only a name that is exactly one
    ``save`` writes is ever removed (``is_cache_file``, ``is_temp_file``): ``notes.frame``, ``ABC.view`` or
    ``a.tmp`` are the user's. A symlink of such a name is removed as the link, never what it points at; a folder
    or a device of such a name is left alone."""
    entries: list[tuple[float, Path]] = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                temp = is_temp_file(entry.name)
                if not (temp or is_cache_file(entry.name, suffix)):
                    continue
                path = Path(entry.path)
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
                    continue
                if temp:
                    if st.st_mtime < time.time() - 60:  # another terminal may be saving right now
                        with contextlib.suppress(OSError):
                            path.unlink()
                elif path != keep:
                    entries.append((st.st_mtime, path))
    except OSError:
        return
    entries.sort(reverse=True)
    for _, path in entries[KEEP - 1:]:
        with contextlib.suppress(OSError):
            path.unlink()


def saved_frames(folder: Path, suffix: str = SUFFIX) -> int:
    """How many frames (files of a kind) are kept (for ``huabei doctor``)."""
    try:
        with os.scandir(folder) as scan:
            return sum(1 for entry in scan if is_cache_file(entry.name, suffix) and entry.is_file(follow_symlinks=False))
    except OSError:
        return 0
