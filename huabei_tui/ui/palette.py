"""The command palette (Ctrl+P): every action of the app, in the current language, so no key must be remembered.

This is the palette's only provider: Textual's own commands (Keys, Screenshot, Maximize, …) are English only,
and its Keys panel squeezed the calendar's side panel to two cells at 80 columns. The entries come from the
registry (``huabei_tui.ui.registry``): the screens, the current screen's commands, then the app's, each with the
key in force beside it (a ``keys.toml`` re-mapping shows here too). Quit and the colour theme are among them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from huabei_tui.i18n import tr
from huabei_tui.ui import registry
from huabei_tui.ui.keymap import DEFAULT, Keymap
from huabei_tui.ui.keys import key_name


def palette_key(keys: str) -> str:
    """The key shown beside an entry, in square brackets: the first in force, unless it is a square bracket
    itself and another key does the same ("[PgUp]", not "[[]")."""
    names = [key_name(key) for key in keys.split(",")]
    return next((name for name in names if not set(name) & set("[]")), names[0])


class HuabeiCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        lang: str = getattr(app, "lang", "en")
        keymap: Keymap = getattr(app, "keymap", DEFAULT)
        screen = self.screen
        name = getattr(screen, "NAME", "")

        def key_of(binding_id: str | None) -> str:
            return palette_key(keymap.keys(binding_id)) if binding_id else ""

        items: list[tuple[str, Callable[[], object], str]] = []
        for spec in registry.SCREENS:
            items.append((tr("cmd.go", lang, screen=tr(spec.title, lang)),
                          partial(app.run_action, f"switch('{spec.name}')"), key_of(spec.binding_id)))
        for context, target in ((name, screen), ("app", app)):
            for entry in registry.PALETTE.get(context, ()):
                if isinstance(entry, registry.Command):
                    runner = screen if entry.on_screen else app
                    items.append((tr(entry.text, lang), partial(runner.run_action, entry.action),
                                  key_of(entry.key_from)))
                else:
                    spec = registry.BY_ID[entry]
                    items.append((tr(spec.palette or spec.label, lang), partial(target.run_action, spec.action),
                                  key_of(spec.id)))
        snapshot = getattr(app, "snapshot", None)
        if snapshot is not None and snapshot.several_lines:
            # One entry per credit line (a name is the user's text: called directly, never put in an action).
            for line in snapshot.line_names:
                items.append((tr("cmd.line", lang, name=line), partial(app.action_switch_line, line),  # type: ignore[attr-defined]
                              key_of("app.switch_line")))
        return items

    async def discover(self) -> Hits:
        for text, command, key in self._commands():
            # Content, not a markup string: "[a]" would be read as a style and vanish.
            yield DiscoveryHit(Content(f"{text}  [{key}]" if key else text), command, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for text, command, key in self._commands():
            score = matcher.match(text)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(text), command, text=text, help=key)
        if not found:
            # Said here, in the user's language: Textual's own line for it is English ("No matches found"). Choosing
            # it only closes the palette, as Esc does.
            text = tr("cmd.no_match", getattr(self.app, "lang", "en"))
            yield Hit(1.0, Content(text), _nothing, text=text)


def _nothing() -> None:
    """The command of the "no command matches" line: nothing to run."""
