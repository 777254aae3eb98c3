"""The user's keymap, ``keys.toml`` in the config folder: binding ids re-mapped to other keys.

    # ~/.config/huabei-tui/keys.toml
    "list.down" = "o"          # a binding id is <context>.<name>; quoted whole before any [table] ...
    [calendar]
    today = "."                # ... or its name under a [context] table: calendar.today
    [app]
    quit = "ctrl+q,q"          # several keys: separated by commas (or a list: ["ctrl+q", "q"])

Every id and its keys in force are listed at the end of the help screen (``?``). The file is read once, at
start. An entry is refused, with one line saying why, when its id is unknown, a key is not a key name, or a key
is already taken where the binding is live (by another binding of the app, of the same screen or of the widget
in focus, or by Textual itself). Of two entries that want the same key, the later in the file is refused, so a
swap (``j`` for the up-binding, ``k`` for the down-binding) works. A refused entry keeps its default keys, and
nothing here ever stops the app.

Pure (the only Textual module used is ``textual.keys``, for key names): the app applies ``Keymap.overrides``
with ``App.set_keymap`` and shows ``Keymap.problems``.
"""

from __future__ import annotations

import string
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from huabei_tui.record import Record
from huabei_tui.storage.config import keymap_path, read_toml
from huabei_tui.ui import registry

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


class Problem(Record):
    """One refused entry (or an unreadable file), as a string key and its parameters, for a one-line warning."""

    __slots__ = ("key", "params")
    key: str
    params: dict[str, str]

    def __init__(self, key: str, params: dict[str, str] | None = None) -> None:
        self._init(key=key, params={} if params is None else params)


class Keymap(Record):
    """The keys in force: the defaults of ``registry`` with the accepted entries of ``keys.toml`` on top (a
    ``Record``, not a dataclass: imported before the first frame, ``huabei_tui/record.py``)."""

    __slots__ = ("overrides", "path", "problems")
    overrides: dict[str, str]  # binding id → keys (Textual names, comma-separated)
    problems: tuple[Problem, ...]
    path: Path | None

    def __init__(self, overrides: dict[str, str] | None = None, problems: tuple[Problem, ...] = (),
                 path: Path | None = None) -> None:
        self._init(overrides={} if overrides is None else overrides, problems=problems, path=path)

    def keys(self, binding_id: str) -> str:
        """The keys in force for ``binding_id``, comma-separated Textual names."""
        return self.overrides.get(binding_id) or registry.BY_ID[binding_id].keys

    def first_key(self, binding_id: str) -> str:
        return self.keys(binding_id).split(",")[0]


DEFAULT = Keymap()


# -- key names ----------------------------------------------------------------------------------------------------

def _character_name(character: str) -> str:
    """A typed character as Textual names it: letters and digits as they are, ``?`` as ``question_mark``."""
    from textual.keys import KEY_NAME_REPLACEMENTS

    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return KEY_NAME_REPLACEMENTS.get(name, name)


@cache
def _named_keys() -> frozenset[str]:
    """Every key name Textual can report without modifiers (``f5``, ``pageup``, ``question_mark``, ``space``…)."""
    from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, Keys

    names = {key.value.rpartition("+")[2] for key in Keys}
    names |= set(KEY_TO_UNICODE_NAME) | set(KEY_NAME_REPLACEMENTS.values())
    names |= {_character_name(ch) for ch in string.punctuation}
    names |= {"space", "enter", "tab", "backspace", "escape", "delete", "insert"}
    return frozenset(names)


def normalize_key(text: str) -> str | None:
    """``text`` as a Textual key name (``"?"`` → ``"question_mark"``, ``"Ctrl+X"`` → ``"ctrl+x"``), or None when
    it names no key."""
    text = text.strip()
    if not text:
        return None
    if len(text) == 1:
        return _character_name(text) if text.isprintable() else None
    *modifiers, base = text.split("+")
    if any(m.strip().lower() not in MODIFIERS for m in modifiers):
        return None
    modifiers = [m.strip().lower() for m in modifiers]
    base = base.strip()
    if len(base) == 1:
        base = _character_name(base.lower() if modifiers else base)
    else:
        base = base.lower()
        if base not in _named_keys():
            return None
    return "+".join([*modifiers, base])


# -- reading and checking -----------------------------------------------------------------------------------------

def _entries(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """``[calendar] next_week = "j"`` and ``"calendar.next_week" = "j"`` alike: (id, value) in file order."""
    found: list[tuple[str, Any]] = []
    for name, value in data.items():
        binding_id = f"{prefix}{name}"
        if isinstance(value, dict):
            found += _entries(value, binding_id + ".")
        else:
            found.append((binding_id, value))
    return found


def _parse_keys(value: Any) -> tuple[str | None, str | None]:
    """(normalized keys, None) or (None, the part that is not a key)."""
    parts = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else None
    if not parts or not all(isinstance(part, str) for part in parts):
        return None, str(value)
    keys: list[str] = []
    for part in parts:
        key = normalize_key(part)
        if key is None:
            return None, part.strip()
        if key not in keys:
            keys.append(key)
    return ",".join(keys), None


def _taken_by(overrides: dict[str, str]) -> list[tuple[str, str, str]]:
    """Every clash under ``overrides``: (binding id, key, what else has that key where it is live)."""
    keymap = Keymap(overrides)
    clashes: list[tuple[str, str, str]] = []
    for group in registry.GROUPS:
        textual: dict[str, str] = {}  # Textual's own keys here → their action
        for context in group:
            for key, action in registry.TEXTUAL_KEYS.get(context, {}).items():
                textual.setdefault(key, action)
        owner: dict[str, str] = {}
        for context in group:
            for spec in registry.KEYS.get(context, ()):
                for key in keymap.keys(spec.id).split(","):
                    if key in textual and textual[key] != spec.action:
                        clashes.append((spec.id, key, "Textual"))
                    other = owner.setdefault(key, spec.id)
                    if other != spec.id:
                        clashes.append((spec.id, key, other))
    return clashes


def check(data: dict[str, Any]) -> tuple[dict[str, str], list[Problem]]:
    """The entries of a parsed ``keys.toml`` that can be used, and a problem for each one that cannot."""
    problems: list[Problem] = []
    overrides: dict[str, str] = {}
    for binding_id, value in _entries(data):
        if binding_id not in registry.BY_ID:
            problems.append(Problem("keymap.unknown_id", {"id": binding_id}))
            continue
        keys, bad = _parse_keys(value)
        if keys is None:
            problems.append(Problem("keymap.bad_key", {"id": binding_id, "key": bad or ""}))
            continue
        overrides[binding_id] = keys
    # Refuse entries in a clash, one at a time, the one latest in the file first (an entry clashing with a
    # default key or with Textual is always the one refused), until no clash is left.
    order = list(overrides)
    while True:
        culprits: dict[str, tuple[str, str]] = {}
        for binding_id, key, other in _taken_by(overrides):
            for side, against in ((binding_id, other), (other, binding_id)):
                if side in overrides and key in overrides[side].split(","):
                    culprits.setdefault(side, (key, against))
        if not culprits:
            break
        binding_id = max(culprits, key=order.index)
        key, other = culprits[binding_id]
        del overrides[binding_id]
        problems.append(Problem("keymap.clash", {"id": binding_id, "key": key, "other": other}))
    return overrides, problems


def load_keymap(path: Path | None = None) -> Keymap:
    """``keys.toml`` (default: in the config folder) checked against the registry; never raises."""
    path = path or keymap_path()
    found = read_toml(path)
    return keymap_of(path, found.data, found.problem)


def keymap_of(path: Path, data: dict[str, Any], problem: str | None = None) -> Keymap:
    """The keymap of ``keys.toml`` as read (its tables, or what went wrong reading it): at a quick start the
    child process reads the file and this process only checks what it read (``cli/fast_start.py``)."""
    if problem:
        return Keymap(problems=(Problem("keymap.unreadable", {"path": str(path), "reason": problem}),), path=path)
    overrides, problems = check(data)
    return Keymap(overrides, tuple(problems), path)
