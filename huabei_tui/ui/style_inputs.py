"""What a screen's computed styles depend on from outside the screen, so a screen shown again can keep its styles.

Textual restyles a whole screen, every widget, each time it is pushed or switched to (``ScreenResume`` with
``refresh_styles``), in case the app's styles moved on while it was away. On the recovery screen that was 5–8 ms
of every visit, and it threw away the lines drawn ahead (``render_ahead``): a restyle tells each widget its style
changed, and Textual's ``OptionList`` then draws every row again. A pop (going back to the status screen, or
closing a dialog) already skips it: Textual resumes the screen under it with ``refresh_styles=False``.

What Textual's restyle on resume can catch is a change of the style rules (a theme, CSS variables, or new CSS
read for a widget class first mounted elsewhere: each parse makes a new ``Stylesheet.rules`` list) or of the
app's own classes and pseudo-classes (``-theme-…``, ``-dark-mode``, ``:focus``/``:blur``, ``:ansi``, ``:nocolor``).
Everything inside the screen restyles itself as it changes, shown or not: a class or pseudo-class set on a widget
asks Textual to restyle it and its children at once (``DOMNode.update_node_styles``), and a new widget is styled
when it is mounted. So when none of those outside inputs changed since the screen was last styled, the restyle
recomputes exactly the styles it already has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.app import App
    from textual.css.model import RuleSet


@dataclass(frozen=True, eq=False)
class StyleInputs:
    """The app's style rules (the list itself: a new parse makes a new one, so it is compared by identity and kept
    alive here, which also keeps its ``id`` from being reused), and the app's classes and pseudo-classes."""

    rules: list[RuleSet]
    app_classes: frozenset[str]
    app_pseudo_classes: frozenset[str]

    @classmethod
    def of(cls, app: App) -> StyleInputs:
        return cls(app.stylesheet.rules, frozenset(app.classes), app.pseudo_classes)

    def same_as(self, other: StyleInputs | None) -> bool:
        return (other is not None and self.rules is other.rules and self.app_classes == other.app_classes
                and self.app_pseudo_classes == other.app_pseudo_classes)


@runtime_checkable
class KeepsItsStyles(Protocol):
    """A screen that restyles itself on a visit only when the app's styles changed (``HuabeiScreen``); the app
    restyles one built ahead, unseen, when the screens built after it changed them."""

    @property
    def styles_current(self) -> bool: ...

    def restyle(self) -> None: ...
