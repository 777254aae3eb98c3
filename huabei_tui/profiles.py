"""Profiles: one data file per person looked after, side by side in the user data folder.

People look after a parent's or a partner's account as well as their own. A profile is nothing but a data file
with a name: ``huabei.json`` is the ``default`` profile, ``huabei-<name>.json`` beside it is profile ``<name>``.
Each has its own lock (``….json.lock``) and backups (``….json.backups/``) because the store keys both on the data
file's name, so two profiles never wait for each other and a profile is moved, copied or deleted as a file.

The name becomes part of a file name, so it is held to a safe subset: ASCII letters and digits, the CJK
ideographs people name family members with (妈妈, 老王), and ``-``/``_`` after the first character; 1–32
characters. No dots, slashes, spaces or other scripts' digits: nothing that could leave the folder, hide a file,
look like an option or name the lock or backups of another file.

This module reads no file and imports nothing heavy (no ``typing``, no rules until a name is refused): the
start-up frame cache resolves the data file through it before the app is loaded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

ENV_PROFILE = "HUABEI_PROFILE"
#: The profile of the plain data file ``huabei.json`` (what every user had before profiles existed).
DEFAULT_PROFILE = "default"
DEFAULT_FILENAME = "huabei.json"
#: A profile's file is ``huabei-<name>.json``.
FILE_PREFIX = "huabei-"
FILE_SUFFIX = ".json"
MAX_NAME_LENGTH = 32

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_NAME = rf"[0-9A-Za-z{_CJK}][0-9A-Za-z_\-{_CJK}]{{0,{MAX_NAME_LENGTH - 1}}}"


def _name_match(name: str) -> bool:
    """``name`` is made of the allowed characters. Compiled on first use: compiling this pattern (its ranges
    of Chinese characters) costs milliseconds, and every start imports this module, mostly without a profile."""
    return re.fullmatch(_NAME, name) is not None


def _refuse(key: str, **params: object) -> Exception:
    from huabei_tui.domain.errors import InputError

    return InputError("profile", key, **params)


def shown(name: str) -> str:
    """A refused name as it can be printed on one line: control and other unprintable characters escaped
    (``\\n``, ``\\x1b``), so a name from a variable or a script cannot move the cursor or break the message."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


def check_name(name: str) -> str:
    """``name`` if it is a valid profile name, else an ``InputError`` (exit 2) that says what is allowed."""
    if not name:
        raise _refuse("profile.empty")
    if len(name) > MAX_NAME_LENGTH:
        raise _refuse("profile.too_long", value=shown(name), maximum=MAX_NAME_LENGTH)
    if not _name_match(name):
        raise _refuse("profile.bad_name", value=shown(name))
    return name


def is_valid_name(name: str) -> bool:
    return len(name) <= MAX_NAME_LENGTH and _name_match(name)


def profile_file(folder: Path, name: str) -> Path:
    """The data file of profile ``name`` (checked) in ``folder``."""
    check_name(name)
    return folder / (DEFAULT_FILENAME if name == DEFAULT_PROFILE else f"{FILE_PREFIX}{name}{FILE_SUFFIX}")


def profile_of_filename(filename: str) -> str | None:
    """The profile a file in the data folder belongs to, or ``None`` (a lock, a backup, anything else)."""
    if filename == DEFAULT_FILENAME:
        return DEFAULT_PROFILE
    if not (filename.startswith(FILE_PREFIX) and filename.endswith(FILE_SUFFIX)):
        return None
    name = filename[len(FILE_PREFIX):-len(FILE_SUFFIX)]
    if name == DEFAULT_PROFILE or not is_valid_name(name):
        return None  # huabei-default.json is not the default profile's file: never listed as it
    return name


class Selection:
    """Which data file a run uses: ``profile`` is the profile's name, or ``None`` when ``--db``/``HUABEI_DB``
    named a file (or nothing was chosen: the default file, not shown as a profile). ``path`` is ``None`` for the
    default file in the user data folder. (A plain class: ``typing.NamedTuple`` costs an import at start-up.)"""

    __slots__ = ("path", "profile")

    def __init__(self, path: Path | None, profile: str | None) -> None:
        self.path = path
        self.profile = profile

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Selection) and (self.path, self.profile) == (other.path, other.profile)

    def __hash__(self) -> int:
        return hash((self.path, self.profile))

    def __repr__(self) -> str:
        return f"Selection({self.path!r}, {self.profile!r})"


def select(db_option: str | None, profile_option: str | None, environ: Mapping[str, str] | None = None) -> Selection:
    """The data file from ``--db``, ``--profile``, ``HUABEI_DB`` and ``HUABEI_PROFILE``.

    * ``--db`` and ``--profile`` together are refused: they name two different files.
    * An option wins over either variable (``--profile mum`` with ``HUABEI_DB`` set opens profile mum).
    * Both variables set (and no option) are refused for the same reason as both options.
    * An empty variable counts as not set; an empty option is refused (it is a script's unset variable).

    ``path`` is ``None`` for a profile: the caller puts the profile's file in the user data folder (looking that
    folder up costs an import the start-up frame path avoids until it needs it).
    """
    env = os.environ if environ is None else environ
    # An option given empty is a mistake to say, never "the default file": ``--db "$DB"`` with DB unset must not
    # change the person's real data (``--today ""`` is refused for the same reason). Variables: empty is unset.
    if db_option is not None and not db_option.strip():
        from huabei_tui.domain.errors import InputError

        raise InputError("db", "profile.db_option_empty")
    if profile_option is not None and not profile_option.strip():
        raise _refuse("profile.option_empty")
    if db_option and profile_option:
        raise _refuse("profile.with_db")
    if profile_option:
        return Selection(None, check_name(profile_option))
    if db_option:
        return Selection(Path(db_option).expanduser(), None)
    env_db = env.get("HUABEI_DB") or None
    env_profile = env.get(ENV_PROFILE) or None
    if env_db and env_profile:
        raise _refuse("profile.with_db_env")
    if env_profile:
        return Selection(None, check_name(env_profile))
    if env_db:
        return Selection(Path(env_db).expanduser(), None)
    return Selection(None, None)


class ProfileFile:
    """A profile found in the data folder, for ``huabei profile list``; ``size`` and ``modified_ns`` are
    ``None`` when it has no file yet (the current profile before its first save)."""

    __slots__ = ("modified_ns", "name", "path", "size")

    def __init__(self, name: str, path: Path, size: int | None, modified_ns: int | None) -> None:
        self.name = name
        self.path = path
        self.size = size
        self.modified_ns = modified_ns

    def __repr__(self) -> str:
        return f"ProfileFile({self.name!r}, {self.path!r}, {self.size!r}, {self.modified_ns!r})"


def list_profiles(folder: Path, current: str | None = None) -> list[ProfileFile]:
    """Every profile with a file in ``folder``, default first then by name; ``current`` is listed even before
    its file exists (so the user sees where their next save goes)."""
    found: dict[str, ProfileFile] = {}
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        entries = []
    for entry in entries:
        name = profile_of_filename(entry.name)
        if name is None:
            continue
        try:
            if not entry.is_file():
                continue
            st = entry.stat()
        except OSError:
            continue
        found[name] = ProfileFile(name, Path(entry.path), st.st_size, st.st_mtime_ns)
    if current is not None and current not in found:
        found[current] = ProfileFile(current, profile_file(folder, current), None, None)
    return sorted(found.values(), key=lambda p: (p.name != DEFAULT_PROFILE, p.name))
