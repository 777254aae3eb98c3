"""The language the user reads: one rule for every command's output, its error messages and its help pages.

``--lang``, else ``HUABEI_LANG``, else the language remembered with ``L`` in the app (``settings.toml``), else
the ``lang`` setting an older data file kept (versions before ``settings.toml`` remembered it there) when that
file can be read, else the locale's. ``--lang``/``HUABEI_LANG`` decide even when ``detect_lang`` cannot read
them (``HUABEI_LANG=fr`` falls to the locale, never to a remembered language); ``--lang=`` given empty is no
choice at all. Nothing remembered ever makes a command fail: a settings or data file that cannot be read is
passed over (the command that needs the data file says what is wrong with it).

Written once because it was written twice (``parser.user_lang`` for help and errors, ``handlers`` for output)
and the two drifted: a user whose choice was only in an older data file read Chinese output with English errors.

Light to import (``os`` and what ``i18n`` brings, which every command loads): help and errors ask before
anything else is loaded, and the readers of the settings and data files are imported only when asked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from huabei_tui.i18n import ENV_LANG, LANGS, detect_lang

#: Global options that take a value (``cli/parser.py``): on the command line before the command, the value is
#: the next word, never the command.
VALUED_OPTIONS = ("--db", "--profile", "--today", "--line", "--lang")

#: A reader of the ``lang`` an older data file kept (None: no such setting).
DataFileLang = Callable[[], object]


def global_options(argv: Sequence[str]) -> dict[str, str]:
    """The global options as the parser will read them, before it runs: ``--lang``, ``--db``… with their values
    (the last one wins), flags (``--demo``) with ``""``; nothing after the command name (a note may say "--lang")."""
    found: dict[str, str] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name in VALUED_OPTIONS:
            if eq:
                found[name] = value
            elif i + 1 < len(argv):
                found[name] = argv[i + 1]
                i += 1
        elif arg.startswith("--"):
            found.setdefault(arg, "")
        elif not arg.startswith("-"):
            break  # the command: what follows is its own
        i += 1
    return found


def lang_chosen(option: str | None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``--lang`` (not empty) or ``HUABEI_LANG`` decides, so nothing remembered is looked at."""
    env = os.environ if environ is None else environ
    return bool(option or env.get(ENV_LANG))


def user_language(option: str | None, data_file_lang: DataFileLang | None = None,
                  environ: Mapping[str, str] | None = None) -> str:
    """The language by the rule above; ``data_file_lang`` reads the older data file's setting (None: there is no
    data file to ask, as for ``--demo``)."""
    env = os.environ if environ is None else environ
    if lang_chosen(option, env):
        return detect_lang(option or None, env)
    remembered = settings_lang()
    if remembered is None and data_file_lang is not None:
        try:
            value = data_file_lang()
        except Exception:  # a file that cannot be read or decoded: the command that opens it says why
            value = None
        remembered = value if value in LANGS else None
    return remembered or detect_lang(None, env)


def settings_lang() -> str | None:
    """The language remembered with ``L`` (``settings.toml``); None when there is none or it cannot be read."""
    try:
        from huabei_tui.storage.config import read_settings

        value = read_settings().get("lang")
    except Exception:  # an unreadable settings file: as if there were none (help and errors must never fail)
        return None
    return value if value in LANGS else None


def argv_data_file_lang(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> DataFileLang | None:
    """The reader of the older data file's ``lang`` for the file ``argv`` opens (``--db``/``--profile``, else
    their variables, else the default), for help and errors, which are decided before the file is opened; None
    with ``--demo`` (its data is made fresh). A file that is not there is not read (and nothing is imported)."""
    options = global_options(argv)
    if "--demo" in options:
        return None

    def read() -> object:
        from huabei_tui.paths import data_path

        path: Path = data_path(options.get("--db"), environ, options.get("--profile"))
        try:
            raw = path.read_bytes()
        except OSError:  # none yet (or not readable: the command says so)
            return None
        if b'"lang"' not in raw:
            # Written since the language moved to settings.toml (the setting's key is plain JSON text): most files,
            # so most help pages and errors need not import the store (some 25 ms) nor decode the file.
            return None
        from huabei_tui.storage.repository import Repository
        from huabei_tui.storage.store import Store

        return Repository(Store(path)).setting("lang")

    return read
