"""Where the data file is: ``--db``, else ``HUABEI_DB``, else the user data folder.

Kept apart from ``cli/context.py`` (which loads the storage engine) because the start-up frame cache needs the
path, and nothing else, before anything heavy is imported.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_DB = "HUABEI_DB"
DB_FILENAME = "huabei.json"


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
