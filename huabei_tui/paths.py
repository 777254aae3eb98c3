"""Where the data file is: ``--db`` or ``--profile``, else ``HUABEI_DB`` or ``HUABEI_PROFILE``, else the user
data folder's ``huabei.json`` (the rules are in ``profiles.select``); and the config folder.

Kept apart from ``cli/context.py`` (which loads the storage engine) because the start-up frame cache needs the
paths, and nothing else, before anything heavy is imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from huabei_tui.profiles import DEFAULT_FILENAME, ENV_PROFILE, Selection, profile_file, profile_of_filename, select

ENV_DB = "HUABEI_DB"
DB_FILENAME = DEFAULT_FILENAME
ENV_CONFIG_DIR = "HUABEI_CONFIG_DIR"
APP_NAME = "huabei-tui"

__all__ = ["APP_NAME", "DB_FILENAME", "ENV_CONFIG_DIR", "ENV_DB", "ENV_PROFILE", "chosen_db_path", "config_dir",
           "data_folder", "data_path", "default_db_path", "protected_data_files", "selection"]


def data_folder() -> Path:
    """The user data folder: the default data file and every profile's file live here."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_folder() / DB_FILENAME


def protected_data_files(in_use: str | os.PathLike[str] | None) -> tuple[Path, ...]:
    """The data files nothing written on the user's behalf may land on, nor on or inside what keeps them safe
    (their lock, backups and parts): ``in_use`` first (``None``: ``--demo``, no file of the user's), then the
    default one, which the next plain ``huabei`` opens, then every other profile's file in the data folder
    (``huabei-<name>.json``: ``profiles.profile_of_filename``), each someone's data that an export to
    ``huabei-mum.json`` would otherwise silently replace.

    The one list of both guards: an export or screenshot, from the CLI or the app (``io/safe_output.
    protected_around``), and the start-up caches (``startup/frame_cache.danger``), so the two cannot protect
    different files. It imports no storage and costs one ``os.scandir`` of the data folder, made only when
    something is about to be written (an export, a save dialog, a cache saved after the first frame), never on
    the first frame's path. An unknowable default folder protects nothing more (nothing could be written there
    through it either); an unreadable one protects the default file alone."""
    files = [] if in_use is None else [Path(in_use)]
    try:
        default = default_db_path()
    except (OSError, ValueError, RuntimeError):
        return tuple(files)
    seen = {os.path.realpath(file) for file in files}
    for file in (default, *_profile_files(default.parent)):
        real = os.path.realpath(file)
        if real not in seen:
            seen.add(real)
            files.append(file)
    return tuple(files)


def _profile_files(folder: Path) -> list[Path]:
    """Every profile's data file present in ``folder``, by name (a symlink or a dangling link too: what it leads
    to is someone's data file, or becomes one at their next save), sorted so the list is the same every time."""
    try:
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan if profile_of_filename(entry.name) is not None)
    except OSError:
        return []
    return [folder / name for name in names]


def selection(option: str | None, profile: str | None = None, environ: Mapping[str, str] | None = None) -> Selection:
    """The file the options and variables choose, with a profile's file already placed in the data folder."""
    chosen = select(option, profile, environ)
    if chosen.profile is not None:
        return Selection(profile_file(data_folder(), chosen.profile), chosen.profile)
    return chosen


def chosen_db_path(option: str | None, environ: Mapping[str, str] | None = None,
                   profile: str | None = None) -> Path | None:
    """The path the user named (``--db``/``--profile``, else the variables), or ``None`` for the default one."""
    return selection(option, profile, environ).path


def data_path(option: str | None, environ: Mapping[str, str] | None = None, profile: str | None = None) -> Path:
    """The data file every command and the app read."""
    return chosen_db_path(option, environ, profile) or default_db_path()


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$HUABEI_CONFIG_DIR``, else the user's config folder for huabei-tui (``settings.toml``, ``keys.toml``; it
    may not exist yet). On Linux the XDG rule is spelled out rather than importing ``platformdirs`` on every
    command; a test checks both agree."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_CONFIG_DIR)
    if chosen:
        return Path(chosen).expanduser()
    if sys.platform.startswith("linux"):
        base = env.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return Path(base) / APP_NAME
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)
