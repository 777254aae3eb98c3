"""The command palette (Ctrl+P): every action of the app, in the current language, so no key must be remembered.

This is the palette's only provider: Textual's own commands (Keys, Screenshot, Maximize, …) are English only,
and its Keys panel squeezed the calendar's side panel to two cells at 80 columns. Quit and the colour theme
are here in both languages; the key list is the help screen (?).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from huabei_tui.i18n import tr


class HuabeiCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        lang = app.lang  # type: ignore[attr-defined]
        items: list[tuple[str, Callable[[], object], str]] = []
        for number, name in enumerate(("status", "calendar", "checklist", "recovery"), start=1):
            items.append((tr("cmd.go", lang, screen=tr(f"screen.{name}", lang)),
                          partial(app.run_action, f"switch('{name}')"), str(number)))
        screen = self.screen
        for text_key, action, key in getattr(screen, "PALETTE", ()):
            items.append((tr(text_key, lang), partial(screen.run_action, action), key))
        items += [
            (tr("cmd.export_screen", lang), partial(app.run_action, "export_screen"), "e"),
            (tr("cmd.export_all", lang), partial(app.run_action, "export_all"), "E"),
            (tr("cmd.screenshot", lang), partial(app.run_action, "screenshot"), ""),
            (tr("cmd.import", lang), partial(app.run_action, "import_alipay"), "i"),
            (tr("cmd.language", lang), partial(app.run_action, "toggle_language"), "L"),
            (tr("cmd.help", lang), partial(app.run_action, "help"), "?"),
            (tr("cmd.theme", lang), partial(app.run_action, "change_theme"), ""),
            (tr("cmd.quit", lang), partial(app.run_action, "quit"), "q"),
        ]
        return items

    async def discover(self) -> Hits:
        for text, command, key in self._commands():
            yield DiscoveryHit(f"{text}  [{key}]" if key else text, command, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, key in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=key)
