"""The key of a cached first frame: everything that decides what the first screen looks like.

A cached frame may be shown only when the app would draw exactly that frame now, so the key holds every input of
the first screen, and a change to any one gives another key (and so no frame, never a stale one):

* the data: the file's identity (resolved path, device, inode) and content signature (size, modification and
  change times in ns; every save renames a new file into place, and no program can set the change time back),
  or ``demo`` for ``--demo`` (its data is a function of today and the code), the profile when one is chosen
  (its name is on the tab bar, and ``--db`` can name the same file without it) and the credit line ``--line``
  names (another line's screen);
* the preferences: the identity and signature of ``settings.toml`` (the language remembered with ``L``, the
  theme) and ``keys.toml`` (the keys the footer and the tab bar show) in the config folder, or ``missing``. An
  older data file may still hold the remembered language, and the data file's signature covers that;
* today's date in Shanghai (``--today``, ``HUABEI_TODAY``, else the date now at UTC+8): a midnight in Shanghai
  changes the key;
* the terminal's size, as Textual reads it (``COLUMNS``/``LINES`` first, then the terminal);
* the language: ``--lang``, ``HUABEI_LANG``, ``LANG``, ``LANGUAGE`` and every ``LC_*`` variable;
* the colours: ``TERM``, ``COLORTERM``, ``NO_COLOR``, ``FORCE_COLOR``, ``TEXTUAL_COLOR_SYSTEM`` and the other
  variables Rich and Textual read (``TTY_COMPATIBLE``, ``TERM_PROGRAM``, …); every ``TEXTUAL*`` and ``HUABEI_*``
  variable is in the key too, so a new one cannot be forgotten, and so is Python's output encoding;
* the theme (``TEXTUAL_THEME``, and the one remembered in ``settings.toml``, see above);
* the code: size and modification time of every file of this package (a cheap hash: no file is read), where
  Textual and Rich are installed and when, and the Python version.

The app checks what it can when it saves a frame (the screen, the size, the day: ``ui/frame_recorder.py``), so a
key built here that disagrees with what the app drew saves nothing.

Building a key reads no file and imports nothing heavy (no ``dataclasses``, ``hashlib``, ``json`` or ``shutil``):
it runs before the first frame, and each of those costs milliseconds there.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

#: Bumped when the cache file or the key changes shape.
KEY_VERSION = 2

#: Variables that change the language of the first screen (with every ``LC_*``).
LANG_VARIABLES = ("HUABEI_LANG", "LANG", "LANGUAGE")
#: Variables that change its colours, as Rich and Textual read them.
COLOUR_VARIABLES = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM", "TTY_COMPATIBLE",
                    "TTY_INTERACTIVE", "TERM_PROGRAM", "COLUMNS", "LINES")
#: Variables that change the bytes the terminal receives for the same picture (Python's output encoding).
ENCODING_VARIABLES = ("PYTHONIOENCODING", "PYTHONUTF8", "PYTHONLEGACYWINDOWSSTDIO")
#: Variables about the cache itself, which change nothing on screen.
NOT_IN_KEY = frozenset({"HUABEI_NO_SNAPSHOT", "HUABEI_CACHE_DIR"})
#: File types of the package whose change changes the app.
CODE_SUFFIXES = (".py", ".tcss")

Data = tuple[str | int, ...]
Pairs = tuple[tuple[str, str], ...]


class FrameInputs:
    """Everything the first screen depends on; ``text`` is the key itself, ``name`` a short form of it."""

    __slots__ = ("code", "colours", "data", "demo", "lang", "other_variables", "preferences", "size", "theme",
                 "today")

    def __init__(self, *, data: Data, today: str, size: tuple[int, int], lang: tuple[str, ...], colours: Pairs,
                 theme: str, other_variables: Pairs, code: str, demo: bool,
                 preferences: tuple[Data, ...] = ()) -> None:
        self.data = data
        self.preferences = preferences
        self.today = today
        self.size = size
        self.lang = lang
        self.colours = colours
        self.theme = theme
        self.other_variables = other_variables
        self.code = code
        self.demo = demo

    @property
    def data_file(self) -> str | None:
        """The data file's resolved path (``data_identity``), or ``None`` for ``--demo``: what a cache saved
        under this key must keep clear of (``frame_cache.endangers``)."""
        if self.demo or not self.data or not isinstance(self.data[0], str):
            return None
        return self.data[0]  # resolved: data_identity's ``os.path.realpath``

    def fields(self) -> tuple[tuple[str, object], ...]:
        return tuple((name, getattr(self, name)) for name in sorted(self.__slots__))

    def text(self) -> str:
        """The whole key: ``repr`` of plain tuples of str and int, the same in every run."""
        return repr((KEY_VERSION, self.fields()))

    def name(self) -> str:
        """A file name for the key (64 bits: a collision costs a cache miss, never a wrong frame, because the
        whole key is stored in the file and compared)."""
        raw = self.text().encode("utf-8", "surrogateescape")
        return f"{zlib.crc32(raw):08x}{zlib.adler32(raw[::-1]):08x}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrameInputs) and self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        return f"FrameInputs{self.fields()!r}"


def data_identity(path: Path | None, *, demo: bool) -> Data | None:
    """The data file's identity and content signature; ``None`` when it cannot even be looked at.

    A missing file is a valid input (the app starts empty); a file that cannot be stat-ed (a folder without
    permission) is not: the app will report it, and no frame may be shown first.
    """
    if demo:
        return ("demo",)
    if path is None:
        return None
    resolved = os.path.realpath(path)
    try:
        st = os.stat(resolved)
    except FileNotFoundError:
        return (resolved, "missing")
    except OSError:
        return None
    return (resolved, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


#: The files of the config folder the first screen depends on (``storage/config.py``).
PREFERENCE_FILES = ("settings.toml", "keys.toml")


def file_identity(path: Path) -> Data:
    """A file's identity and signature (as ``data_identity``), ``missing``, or ``unreadable`` (never a key that
    could match a later state: a file that cannot be stat-ed now may be read by the app in a moment)."""
    resolved = os.path.realpath(path)
    try:
        st = os.stat(resolved)
    except FileNotFoundError:
        return (resolved, "missing")
    except OSError as error:
        return (resolved, "unreadable", error.errno or 0)
    return (resolved, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def preference_identities(environ: Mapping[str, str]) -> tuple[Data, ...]:
    """``settings.toml`` and ``keys.toml`` in the config folder, as ``file_identity`` gives them."""
    from huabei_tui.paths import config_dir

    folder = config_dir(environ)
    return tuple(file_identity(folder / name) for name in PREFERENCE_FILES)


def _pick(environ: Mapping[str, str], names: tuple[str, ...]) -> Pairs:
    return tuple((name, environ[name]) for name in names if name in environ)


def lang_inputs(option: str | None, environ: Mapping[str, str]) -> tuple[str, ...]:
    """What the language is decided from (``i18n.detect_lang``, then the setting remembered in the data file)."""
    names = LANG_VARIABLES + tuple(sorted(name for name in environ if name.startswith("LC_")))
    return (f"--lang={option if option is not None else ''}",
            *(f"{name}={value}" for name, value in _pick(environ, names)))


def other_variables(environ: Mapping[str, str]) -> Pairs:
    """Every ``TEXTUAL*`` and ``HUABEI_*`` variable (the date and language ones are counted twice, harmlessly),
    and Python's output encoding."""
    names = sorted(name for name in environ
                   if (name.startswith("TEXTUAL") or name.startswith("HUABEI_")) and name not in NOT_IN_KEY)
    return _pick(environ, (*names, *ENCODING_VARIABLES))


def code_fingerprint(package: Path | None = None) -> str:
    """Size and mtime of every file of this package plus the Textual and Rich installations: cheap (stat only)
    and changed by every edit, checkout, reinstall or upgrade."""
    return _fingerprint(str(package or Path(__file__).resolve().parent.parent))


@cache
def _fingerprint(package: str) -> str:
    parts: list[str] = [sys.version, sys.platform]
    _code_files(package, "", parts)
    parts.extend(_installation(name) for name in ("textual", "rich"))
    raw = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{len(parts)}:{zlib.crc32(raw):08x}:{zlib.adler32(raw):08x}"


def _code_files(folder: str, relative: str, parts: list[str]) -> None:
    """``relative/name:size:mtime`` of every code file under ``folder``, in name order (``os.scandir``, not
    ``os.walk`` and ``relpath``: this runs before every first frame, and they cost a millisecond more)."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):  # as os.walk: no loop through a linked folder
                if entry.name != "__pycache__":
                    _code_files(entry.path, f"{relative}{entry.name}/", parts)
            elif entry.name.endswith(CODE_SUFFIXES):
                st = entry.stat(follow_symlinks=True)
                parts.append(f"{relative}{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            continue


def _installation(name: str) -> str:
    """Where a dependency is and when it was installed, without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return f"{name}:?"
    origin = spec.origin if spec is not None else None
    if not origin:
        return f"{name}:?"
    try:
        st, folder = os.stat(origin), os.stat(os.path.dirname(origin))
    except OSError:
        return f"{name}:?"
    return f"{name}:{origin}:{st.st_size}:{st.st_mtime_ns}:{folder.st_mtime_ns}"


def terminal_size(environ: Mapping[str, str] | None = None, fd: int | None = None) -> tuple[int, int]:
    """The size Textual will draw for. Its Linux driver asks ``shutil.get_terminal_size()``, which this follows
    (``COLUMNS``/``LINES`` when positive, else the terminal on stdout, else 80×24) without importing ``shutil``."""
    env = os.environ if environ is None else environ
    sizes = []
    for name in ("COLUMNS", "LINES"):
        try:
            sizes.append(int(env.get(name, "0")))
        except ValueError:
            sizes.append(0)
    columns, lines = sizes
    if columns <= 0 or lines <= 0:
        try:
            real = os.get_terminal_size(sys.__stdout__.fileno() if fd is None else fd)  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            real = os.terminal_size((0, 0))
        columns = columns if columns > 0 else real.columns
        lines = lines if lines > 0 else real.lines
    return (columns or 80, lines or 24)


def frame_inputs(
    *,
    data_file: Path | None,
    demo: bool,
    today: date,
    lang_option: str | None,
    environ: Mapping[str, str] | None = None,
    size: tuple[int, int] | None = None,
    code: str | None = None,
    profile: str | None = None,
    line: str | None = None,
) -> FrameInputs | None:
    """The inputs of the first screen now, or ``None`` when they cannot be known (no frame is shown then)."""
    env = os.environ if environ is None else environ
    data = data_identity(data_file, demo=demo)
    if data is None:
        return None
    if profile is not None and not demo:
        data = (*data, f"profile={profile}")
    if line is not None:  # --line: another line's screen (HUABEI_LINE is in other_variables, as every HUABEI_*)
        data = (*data, f"line={line}")
    return FrameInputs(
        data=data,
        today=today.isoformat(),
        size=size or terminal_size(env),
        lang=lang_inputs(lang_option, env),
        colours=_pick(env, COLOUR_VARIABLES),
        theme=env.get("TEXTUAL_THEME", ""),
        other_variables=other_variables(env),
        code=code if code is not None else code_fingerprint(),
        demo=demo,
        preferences=preference_identities(env),
    )
