"""The registry's bindings as Textual ``Binding`` objects, and keys as the help screen and palette show them.

A binding's description is its label's string key (``"key.quit"``), not text: the footer translates it as it
draws (``KeyFooter``), so a language switch needs no new bindings, and ``App.set_keymap`` re-maps a binding by
its id without knowing about languages.
"""

from __future__ import annotations

from textual.binding import Binding

from huabei_tui.ui import registry
from huabei_tui.ui.key_names import KeyNames, key_display, key_name
from huabei_tui.ui.keymap import Keymap

__all__ = ["KeyNames", "binding", "bindings", "key_display", "key_name", "keys_of"]


def binding(spec: registry.KeySpec, *, show: bool | None = None) -> Binding:
    """``spec`` as a Textual binding (``show`` overrides the spec's, for a widget shown in one place only)."""
    return Binding(spec.keys, spec.action, spec.label, show=spec.show if show is None else show,
                   key_display=spec.key_display, priority=spec.priority, id=spec.id)


def bindings(context: str) -> list[Binding]:
    """Every binding of ``context`` (``"app"``, a screen's name, ``"list"``, …), for a class's ``BINDINGS``."""
    return [binding(spec) for spec in registry.KEYS[context]]


def keys_of(parts: tuple[str, ...], keymap: Keymap) -> str:
    """A help line's keys: key names as they are, binding ids (they contain a dot) as their keys in force."""
    found: list[str] = []
    for part in parts:
        for key in (keymap.keys(part) if "." in part else part).split(","):
            if key not in found:
                found.append(key)
    return ",".join(found)
