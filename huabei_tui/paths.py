"""Where the data file is (``--db``, else ``HUABEI_DB``, else the user data folder) and the config folder.

Kept apart from ``cli/context.py`` (which loads the storage engine) because the start-up frame cache needs the
paths, and nothing else, before anything heavy is imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

ENV_DB = "HUABEI_DB"
DB_FILENAME = "huabei.json"
ENV_CONFIG_DIR = "HUABEI_CONFIG_DIR"
APP_NAME = "huabei-tui"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("huabei-tui", appauthor=False) / DB_FILENAME


def chosen_db_path(option: str | None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The path the user named (``--db``, else ``HUABEI_DB``), or ``None`` for the default one."""
    env = os.environ if environ is None else environ
    chosen = option or env.get(ENV_DB)
    return Path(chosen).expanduser() if chosen else None


def data_path(option: str | None, environ: Mapping[str, str] | None = None) -> Path:
    """The data file every command and the app read."""
    return chosen_db_path(option, environ) or default_db_path()


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
