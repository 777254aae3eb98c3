"""Key bindings whose footer labels follow the chosen language.

Textual reads a binding's description when the footer draws, so switching language means giving the screen a
new ``BindingsMap`` built from the same specs with translated labels. Specs carry an ``id`` so the help screen
can list them and a keymap could re-map them later.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from huabei_tui.i18n import tr


@dataclass(frozen=True)
class Key:
    keys: str
    action: str
    label: str  # i18n key
    show: bool = True
    priority: bool = False
    key_display: str | None = None
    #: What the help screen says, when the footer's short label stands for several keys (f/n/u "Answer").
    help_label: str | None = None

    def binding(self, lang: str) -> Binding:
        return Binding(
            self.keys,
            self.action,
            tr(self.label, lang),
            show=self.show,
            priority=self.priority,
            key_display=self.key_display,
            id=self.action,
        )


def apply_keys(node: DOMNode, keys: list[Key] | tuple[Key, ...], lang: str) -> None:
    """Give ``node`` its class's own bindings (Tab/Shift+Tab focus moves and the like) plus ``keys`` in ``lang``."""
    inherited = node._merged_bindings.copy() if node._merged_bindings else BindingsMap()
    ours = {name for key in keys for name in key.keys.split(",")}
    kept = [b for bindings in inherited.key_to_bindings.values() for b in bindings if b.key not in ours]
    node._bindings = BindingsMap([*kept, *(key.binding(lang) for key in keys)])


def key_display(keys: str) -> str:
    """``"down,j"`` → ``"↓/j"`` for the help screen."""
    names = {"down": "↓", "up": "↑", "left": "←", "right": "→", "pagedown": "PgDn", "pageup": "PgUp",
             "space": "Space", "enter": "Enter", "escape": "Esc", "question_mark": "?", "left_square_bracket": "[",
             "right_square_bracket": "]", "ctrl+p": "Ctrl+P", "f1": "F1", "tab": "Tab", "shift+tab": "Shift+Tab"}
    return "/".join(names.get(k, k) for k in keys.split(","))
