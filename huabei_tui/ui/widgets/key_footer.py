"""The footer of every screen: the keys in force, in the user's language, drawn as one line by one widget.

Textual's ``Footer`` is a container with a ``FooterKey`` widget per key (two style components each). On every
screen switch Textual restyles the whole screen it shows, and a footer of eight keys was most of that work:
measured in-process on the ten-year bench file, a switch cost 17–19 ms of CPU with that footer and 11–12 ms
with none (four trivial Textual screens: 10.5–12 ms), against issue 15's 16 ms per frame. This footer is one
node: it looks like Textual's compact footer (the same theme variables: key in bold, a cell between keys, the
palette key on the right behind a thin rule) and does what it does (a click on a key presses that key, a
disabled key is dim and rings the bell), but is styled once per switch instead of 3 × 8 times.

Bindings carry string keys as descriptions (``huabei_tui.ui.keys``); the text is looked up here in the app's
language. The line is redrawn only when what it shows (keys, labels, language, enabled) changes: a screen sends
several "bindings updated" signals as it appears (focus set, stack updated) that change nothing.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import ModalScreen
from textual.widget import Widget

from huabei_tui.i18n import has, tr
from huabei_tui.record import Record
from huabei_tui.textwidth import cell_width

#: Between the keys on the left and the palette key docked on the right (Textual's ``vkey`` border).
PALETTE_RULE = "▏"
#: Actions whose keys stay on a line too narrow for every key (a long remap in keys.toml, a narrow terminal): how
#: to get help and how to leave. The others are in help and the palette.
ESSENTIAL = frozenset({"help", "quit"})
#: The command palette's action, as the app's binding names it (Textual's test, ``App.__init__``).
PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})


class FooterItem(Record):
    """One key as the footer shows it."""

    __slots__ = ("description", "display", "enabled", "essential", "key", "palette")
    key: str  # the key pressed when the item is clicked
    display: str  # how the key is shown ("q", "^p")
    description: str  # the label, in the app's language
    enabled: bool
    palette: bool  # the command palette's key, drawn on the right
    essential: bool  # help and quit: kept when the line is too narrow for every key

    def __init__(self, key: str, display: str, description: str, enabled: bool, palette: bool = False,
                 essential: bool = False) -> None:
        self._init(key=key, display=display, description=description, enabled=enabled, palette=palette,
                   essential=essential)

    @property
    def width(self) -> int:
        return cell_width(self.display) + (1 + cell_width(self.description) if self.description else 0)


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--rule",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyFooter > .key-footer--rule {
        color: $foreground 20%;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.shown: tuple[FooterItem, ...] | None = None  # what the line drawn last shows
        #: (first cell, cell after the last, item) of each key on the line drawn last: clicks, and tests.
        self.placed: list[tuple[int, int, FooterItem]] = []

    # -- what to show ------------------------------------------------------------------------------------------
    def covered(self) -> bool:
        """Whether a dialog (or the command palette) is open over this footer's screen. None of the screen's keys
        work then, and each dialog names its own keys inside it: the line stays empty rather than list keys that
        are not in force ("q Quit" under a form that Esc closes)."""
        top = self.app.screen
        return top is not self.screen and isinstance(top, ModalScreen)

    def items(self) -> tuple[FooterItem, ...]:
        """The keys to show, as Textual's footer picks them: one per action, in binding order, the palette's key
        last (on the right); none while a dialog is open over the screen (``covered``)."""
        if self.covered():
            return ()
        app = self.app
        lang = getattr(app, "lang", "en")
        in_footer = getattr(app, "in_footer", None)  # the app hides a key that has nothing to do now (``w``)
        seen: set[str] = set()
        keys: list[FooterItem] = []
        palette: FooterItem | None = None
        for _key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            # By its action, not its key: keys.toml may move it off Ctrl+P (it was then left out of the footer).
            is_palette = binding.action in PALETTE_ACTIONS
            if is_palette:
                if app.ENABLE_COMMAND_PALETTE:
                    palette = FooterItem(binding.key, app.get_key_display(binding), _text(binding.description, lang),
                                         enabled, palette=True)
                continue
            if not binding.show or binding.action in seen or (in_footer is not None and not in_footer(binding.action)):
                continue
            seen.add(binding.action)
            keys.append(FooterItem(binding.key, app.get_key_display(binding), _text(binding.description, lang),
                                   enabled, essential=binding.action.rsplit(".", 1)[-1] in ESSENTIAL))
        return (*keys, palette) if palette is not None else tuple(keys)

    def labels(self) -> list[str]:
        """The labels of the keys it holds, left to right (tests read them)."""
        return [item.description for item in self.items()]

    # -- lifecycle ---------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, _screen: object) -> None:
        if self.is_attached and self.items() != self.shown:
            self.refresh()

    # -- drawing -----------------------------------------------------------------------------------------------
    def render(self) -> Text:
        items = self.shown = self.items()
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        rule_style = self.get_component_rich_style("key-footer--rule", partial=True)
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterItem]] = []
        left = [item for item in items if not item.palette]
        palette = next((item for item in items if item.palette), None)
        room = width - (palette.width + 1 if palette is not None else 0)
        left = fitted(left, room)
        used = 0
        for item in left:
            if used + item.width > room:
                break  # even the essential keys do not fit whole: left out, not cut
            self._append(line, item, key_style, description_style)
            spans.append((used, used + item.width, item))
            used += item.width
            if used < room:
                line.append(" ")
                used += 1
        if palette is not None and width >= palette.width + 1:
            line.append(" " * (width - palette.width - 1 - used))
            line.append(PALETTE_RULE, style=rule_style)
            start = width - palette.width
            self._append(line, palette, key_style, description_style)
            spans.append((start, width, palette))
        self.placed = spans
        return line

    @staticmethod
    def _append(line: Text, item: FooterItem, key_style: Style, description_style: Style) -> None:
        dim = Style(dim=True) if not item.enabled else Style()
        line.append(item.display, style=key_style + dim)
        if item.description:
            line.append(" " + item.description, style=description_style + dim)

    # -- mouse -------------------------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it, as on Textual's footer; on a disabled key, the bell."""
        for start, end, item in self.placed:
            if start <= event.x < end:
                event.stop()
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return


def fitted(items: list[FooterItem], room: int) -> list[FooterItem]:
    """The keys that fit ``room`` cells (one cell between two): all of them when they do, else the others are left
    out from the right until they do, help and quit last (a key cut in half would read as another)."""
    kept = list(items)

    def width() -> int:
        return sum(item.width for item in kept) + max(len(kept) - 1, 0)

    for item in [i for i in reversed(items) if not i.essential] + [i for i in reversed(items) if i.essential]:
        if width() <= room:
            break
        kept.remove(item)
    return kept


def _text(description: str, lang: str) -> str:
    """A binding's label: a string key in the app's language, or the text itself (Textual's own bindings)."""
    return tr(description, lang) if description and has(description) else description
