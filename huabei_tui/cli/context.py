"""What every command needs: the session (the repository and the clock), the language, and where output goes."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from huabei_tui.clock import Clock
from huabei_tui.domain.textsafe import printable
from huabei_tui.i18n import DEFAULT_KEYS
from huabei_tui.paths import DB_FILENAME, ENV_DB, default_db_path, selection
from huabei_tui.session import Session, Snapshot
from huabei_tui.storage.config import keymap_path, read_toml
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

__all__ = ["DB_FILENAME", "ENV_DB", "Context", "default_db_path", "open_repository"]


def open_repository(option: str | None, profile: str | None = None) -> Repository:
    """``--db``/``--profile``, else ``HUABEI_DB``/``HUABEI_PROFILE``, else the user data folder's ``huabei.json``.

    The user data folder (which holds the default file and every profile's) is created on the first save, mode
    0700; a file named with ``--db`` is used where it is.
    """
    chosen = selection(option, profile)
    if chosen.path is not None and chosen.profile is None:
        return Repository(Store(chosen.path))
    return Repository(Store(chosen.path or default_db_path(), create_folder=True))


class KeysOnFile:
    """``k=`` for the text of commands (``huabei export``, ``status``, ``check``, ``plan``): the keys as ``keys.toml``
    binds them, read and checked as the app reads it (``ui.keymap``), so an export names the keys the user presses
    ("see F7" once the checklist's key moved there). Read the first time a string names a key; without the file
    (most users) the defaults are shown and nothing of the app is imported. A file that cannot be read, or an entry
    the app refuses, gives the default keys: it never stops the text."""

    def __init__(self) -> None:
        self.names: object = None

    def __format__(self, spec: str) -> str:
        if self.names is None:
            self.names = DEFAULT_KEYS
            found = read_toml(keymap_path())
            if found.exists:
                from huabei_tui.ui.key_names import KeyNames
                from huabei_tui.ui.keymap import keymap_of

                self.names = KeyNames(keymap_of(found.path, found.data, found.problem))
        return format(self.names, spec)


@dataclass
class Context:
    session: Session
    lang: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    #: The profile chosen with ``--profile``/``HUABEI_PROFILE`` (shown in titles and exports), else None.
    profile: str | None = None
    #: ``k=`` for text that names a key ("in the app: i", "see 3"): the keys ``keys.toml`` binds, as in the app.
    keys: object = field(default_factory=KeysOnFile)
    #: ``--demo``: the session is a throw-away demo database (``cli/demo_run.py``), not the user's file.
    demo: bool = False

    @property
    def repo(self) -> Repository:
        return self.session.repo

    @property
    def clock(self) -> Clock:
        """The session's clock (``serve`` passes a fixed ``--today`` on to the app it starts)."""
        return self.session.clock

    def snapshot(self) -> Snapshot:
        """The data as stored, summarised for today: the same snapshot type the app's screens show."""
        return self.session.current()

    def print(self, text: str = "") -> None:
        """Write a line (or lines) of output; stored and echoed text can never drive the terminal (textsafe)."""
        text = printable(text)
        self.out.write(text if text.endswith("\n") else text + "\n")
