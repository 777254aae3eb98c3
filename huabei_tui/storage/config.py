"""The user's preferences, beside (not inside) the data: ``settings.toml`` and ``keys.toml`` in the config folder.

The folder is ``$HUABEI_CONFIG_DIR`` when set (tests, or a portable setup), else the platform's config folder
(``~/.config/huabei-tui`` on Linux, as ``platformdirs.user_config_path`` says; ``huabei_tui.paths.config_dir``). ``settings.toml`` holds what the
app remembers between runs — the language chosen with ``L`` and the colour theme — and is written by the app,
atomically (a temporary file renamed over the old one), so a crash never leaves half a file. ``keys.toml`` is
the user's own keymap; the app only reads it (``huabei_tui.ui.keymap`` checks it).

Reading is cheap on purpose, because every command asks for the remembered language: no ``platformdirs`` import
on Linux, and no TOML parser unless the file exists. Both files are part of the start-up frame's key
(``startup/frame_key.py``): a cached first frame is never shown with another language, theme or keys. A file that cannot be read
or parsed is reported (``problem``) and otherwise ignored: preferences never stop the program.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from huabei_tui.paths import config_dir
from huabei_tui.record import Record

SETTINGS_FILE = "settings.toml"
KEYMAP_FILE = "keys.toml"
#: What ``settings.toml`` may hold, and nothing else is written back.
SETTING_NAMES = ("lang", "theme")


class TomlFile(Record):
    """A TOML file as read: its tables (empty when missing or unreadable) and what went wrong, if anything."""

    __slots__ = ("data", "exists", "path", "problem")
    path: Path
    data: dict[str, Any]
    exists: bool
    problem: str | None  # "unreadable: <reason>" or "invalid: <reason>"

    def __init__(self, path: Path, data: dict[str, Any] | None = None, exists: bool = False,
                 problem: str | None = None) -> None:
        self._init(path=path, data={} if data is None else data, exists=exists, problem=problem)


def read_toml(path: Path) -> TomlFile:
    """Read ``path``; a missing file is no problem, a broken one is reported and read as empty."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return TomlFile(path)
    except OSError as error:
        return TomlFile(path, exists=True, problem=f"unreadable: {error.strerror or error}")
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return TomlFile(path, exists=True, problem=f"invalid: {error}")
    return TomlFile(path, data, exists=True)


def settings_path(folder: Path | None = None) -> Path:
    return (folder or config_dir()) / SETTINGS_FILE


def keymap_path(folder: Path | None = None) -> Path:
    return (folder or config_dir()) / KEYMAP_FILE


def read_settings(folder: Path | None = None) -> dict[str, str]:
    """The remembered settings that are text (``lang``, ``theme``); anything else in the file is ignored."""
    found = read_toml(settings_path(folder))
    return {name: value for name, value in found.data.items() if name in SETTING_NAMES and isinstance(value, str)}


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = []
    for ch in value:
        if ch in '"\\':
            escaped.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            escaped.append(f"\\u{ord(ch):04x}")
        else:
            escaped.append(ch)
    return '"' + "".join(escaped) + '"'


def render_settings(settings: dict[str, str]) -> str:
    lines = ["# Written by huabei-tui: the language (L) and colour theme the app remembers. Safe to delete."]
    lines += [f"{name} = {_toml_string(settings[name])}" for name in SETTING_NAMES if name in settings]
    return "\n".join(lines) + "\n"


def save_settings(changes: dict[str, str], folder: Path | None = None) -> Path:
    """Merge ``changes`` into ``settings.toml`` and write it atomically; returns the path.

    Creates the config folder (private to the user) if needed. Raises ``OSError`` when the file cannot be
    written; the old file is then unchanged.
    """
    path = settings_path(folder)
    settings = {**read_settings(path.parent), **changes}
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        with open(temp, "x", encoding="utf-8") as handle:
            handle.write(render_settings(settings))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
    return path
