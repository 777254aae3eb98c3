"""The registry's bindings as Textual ``Binding`` objects, and keys as the help screen and palette show them.

A binding's description is its label's string key (``"key.quit"``), not text: the footer translates it as it
draws (``KeyFooter``), so a language switch needs no new bindings, and ``App.set_keymap`` re-maps a binding by
its id without knowing about languages.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import format_key

from huabei_tui.ui import registry
from huabei_tui.ui.keymap import Keymap


def binding(spec: registry.KeySpec, *, show: bool | None = None) -> Binding:
    """``spec`` as a Textual binding (``show`` overrides the spec's, for a widget shown in one place only)."""
    return Binding(spec.keys, spec.action, spec.label, show=spec.show if show is None else show,
                   key_display=spec.key_display, priority=spec.priority, id=spec.id)


def bindings(context: str) -> list[Binding]:
    """Every binding of ``context`` (``"app"``, a screen's name, ``"list"``, …), for a class's ``BINDINGS``."""
    return [binding(spec) for spec in registry.KEYS[context]]


#: How the help screen and the palette name keys (the footer uses Textual's own display).
_NAMES = {"down": "↓", "up": "↑", "left": "←", "right": "→", "pagedown": "PgDn", "pageup": "PgUp",
          "space": "Space", "enter": "Enter", "escape": "Esc", "tab": "Tab", "home": "Home", "end": "End",
          "backspace": "Backspace", "delete": "Del", "insert": "Ins"}
_MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "meta": "Meta", "super": "Super", "hyper": "Hyper"}


def key_name(key: str) -> str:
    """One key for people: ``"down"`` → ``"↓"``, ``"ctrl+p"`` → ``"Ctrl+P"``, ``"question_mark"`` → ``"?"``."""
    *modifiers, base = key.split("+")
    if base in _NAMES:
        shown = _NAMES[base]
    elif len(base) > 1 and base[0] == "f" and base[1:].isdigit():
        shown = base.upper()
    else:
        shown = format_key(base)
    if modifiers:
        shown = shown.upper() if len(shown) == 1 else shown
        return "+".join([*(_MODIFIERS.get(m, m) for m in modifiers), shown])
    return shown


def key_display(keys: str) -> str:
    """``"down,j"`` → ``"↓/j"``."""
    return "/".join(key_name(key) for key in keys.split(","))


class KeyNames:
    """``k=KeyNames(keymap)`` for ``tr``: a string's ``{k:<binding id>|<default>}`` shows the binding's first key in
    force (``keys.toml`` may have moved it), as the help screen names keys (``huabei_tui.i18n.DefaultKeys``);
    ``{k:<binding id>*|<default>}`` shows all its keys ("Enter/y")."""

    def __init__(self, keymap: Keymap) -> None:
        self.keymap = keymap

    def __format__(self, spec: str) -> str:
        binding_id, _, default = spec.partition("|")
        every = binding_id.endswith("*")
        binding_id = binding_id.removesuffix("*")
        if binding_id not in registry.BY_ID:
            return default
        return key_display(self.keymap.keys(binding_id)) if every else key_name(self.keymap.first_key(binding_id))


def keys_of(parts: tuple[str, ...], keymap: Keymap) -> str:
    """A help line's keys: key names as they are, binding ids (they contain a dot) as their keys in force."""
    found: list[str] = []
    for part in parts:
        for key in (keymap.keys(part) if "." in part else part).split(","):
            if key not in found:
                found.append(key)
    return ",".join(found)
