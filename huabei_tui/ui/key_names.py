"""Keys named for people, as they are bound, one way everywhere (``Ctrl+P``, ``Esc``, ``?``, ``↓``): the footer
(``HuabeiApp.get_key_display``), help and the palette, and through ``KeyNames`` the app's hints, dialogs and exports,
and the text of commands when ``keys.toml`` exists (``cli.context.KeysOnFile``).

No Textual import at the top: ``huabei export``/``status`` name keys in their text ("unchecked (see 3)", "in
the app: i") and must not pay for importing Textual to do it. A key moved by ``keys.toml`` is named through
Textual's key names (imported then, unless it is a plain letter or digit); a key left as it is shows the default
the string carries, which a test checks against the registry (``tests/ui/test_key_hints.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huabei_tui.ui import registry

if TYPE_CHECKING:
    from huabei_tui.ui.keymap import Keymap

#: How keys are named to people: help, the palette, hints, exports, and the footer too
#: (``HuabeiApp.get_key_display``; Textual's own display said ``^p`` and ``esc``).
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
    elif len(base) == 1 and base.isascii() and base.isalnum():
        shown = base  # what Textual's format_key gives too, without importing Textual for it
    else:
        from textual.keys import format_key

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
        if binding_id not in registry.BY_ID or binding_id not in self.keymap.overrides:
            return default  # not moved: the default the string names (checked against the registry by a test)
        return key_display(self.keymap.keys(binding_id)) if every else key_name(self.keymap.first_key(binding_id))

