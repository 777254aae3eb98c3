"""What every top-level screen shares: the tab bar, translated keys, and re-rendering when data or language change.

Screens never compute: each asks its view (``huabei_tui.views``) what to show of ``app.snapshot`` (its ledger, its
summary and its ``today``, computed by the rules in one place) and lays the rows out. ``refresh_view`` is called
when the screen first shows, when the language switches, and when the app adopts a new snapshot (a save here,
another terminal writing the file, or midnight).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from huabei_tui.i18n import tr
from huabei_tui.ui import registry
from huabei_tui.ui.keymap import Keymap
from huabei_tui.ui.keys import key_name
from huabei_tui.ui.style_inputs import StyleInputs
from huabei_tui.ui.tab_layout import Heading, Tab, tab_bar_parts
from huabei_tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot
    from huabei_tui.ui.app import HuabeiApp

class TabBar(Static):
    """One line: app name, the four screens with their keys (current one highlighted), and today's date; fitted
    to the terminal's width (``ui.tab_layout``) when shown and again when the terminal is resized."""

    #: What it was last asked to show (the heading, the tabs, the current tab), fitted again on a resize.
    _shown: tuple[Heading, list[Tab], str] | None = None

    def show(self, current: str, lang: str, today: str, demo: bool, keymap: Keymap, no_backup: bool = False,
             profile: str | None = None, line: str | None = None) -> None:
        tabs = [Tab(spec.name, key_name(keymap.first_key(spec.binding_id)), tr(spec.tab, lang))
                for spec in registry.SCREENS]
        self._shown = (Heading(lang, today, demo, profile, line, no_backup), tabs, current)
        self._draw()

    def on_resize(self) -> None:
        if self._shown is not None:
            self._draw()

    def _draw(self) -> None:
        assert self._shown is not None
        heading, tabs, current = self._shown
        # Not laid out yet on its first show: the screen's width is the terminal's.
        width = self.size.width or self.app.size.width
        text = Text(no_wrap=True, overflow="crop")
        for words, style in tab_bar_parts(heading, tabs, current, width):
            text.append(words, style=style)  # Text.append never reads markup: names show as typed
        self.update(text)


class HuabeiScreen(Screen):
    """Base of the screens (the four with a tab, and those opened from one, ``registry.SUBSCREENS``); subclasses
    set ``NAME`` and ``BINDINGS = bindings(NAME)`` (from the registry) and implement ``refresh_view``."""

    NAME: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.NAME}")
        #: The language and the snapshot (compared by identity) the screen shows.
        self._rendered: tuple[str, object] | None = None
        #: What the app's styles were when this screen was last restyled whole (``ui.style_inputs``).
        self._styled_under: StyleInputs | None = None

    @property
    def huabei(self) -> HuabeiApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.huabei.lang

    @property
    def snapshot(self) -> Snapshot:
        """The app's one snapshot: every view of the screen reads it, so every panel shows the same day."""
        return self.huabei.snapshot

    def compose(self) -> ComposeResult:
        yield TabBar(id="tabbar")
        yield Static(id="screen-title", classes="screen-title")
        yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.render_state()

    def on_screen_resume(self) -> None:
        rendered, app = self._rendered, self.huabei
        if (rendered is None or rendered[0] != app.lang or rendered[1] is not app.snapshot
                or rendered[2] != (app.backup_problem is not None)):
            self.render_state()
        self._footer_follows_the_top()

    def on_screen_suspend(self) -> None:
        self._footer_follows_the_top()

    def _footer_follows_the_top(self) -> None:
        """A dialog opened over this screen, or closed: the footer lists the screen's keys only when they are in
        force (``KeyFooter.covered``)."""
        footer = self.query(KeyFooter)
        if footer:
            footer.first().bindings_changed(self)

    @property
    def styles_current(self) -> bool:
        """Whether the screen was restyled whole since the app's styles last changed."""
        return StyleInputs.of(self.app).same_as(self._styled_under)

    def restyle(self) -> None:
        """Restyle the screen and every widget in it now, as Textual does when it shows a screen."""
        self.update_node_styles(animate=False)
        self._styled_under = StyleInputs.of(self.app)

    def _restyle_on_resume_only_if_stale(self, event: events.ScreenResume) -> None:
        """Textual restyles a screen whole each time it is pushed or switched to; kept only when the app's styles
        changed since this screen was last restyled (``ui.style_inputs`` says why nothing else can change them).
        The recovery screen's visit was 5–8 ms of restyle, plus every checklist row drawn again after it."""
        now = StyleInputs.of(self.app)
        if now.same_as(self._styled_under):
            event.refresh_styles = False
        elif self.is_attached:
            self._styled_under = now

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.ScreenResume) and event.refresh_styles:
            self._restyle_on_resume_only_if_stale(event)
        try:
            await super().on_event(event)
        except NoMatches:
            if self.app.is_running and self.app.return_code is None:
                raise
            # The app is quitting while this screen was still being built (screens are built in the background
            # after the first paint): Textual no longer mounts its widgets, or is taking them down, so its
            # handlers find them gone. There is nothing to show any more.

    def render_state(self) -> None:
        """Labels, keys and content for the current language and data."""
        app = self.huabei
        self.refresh_bindings()  # the footer's labels follow the language
        today, line, no_backup = app.heading()
        tab = registry.tab_of(self.NAME)  # a screen opened from another keeps that one's tab lit
        self.query_one(TabBar).show(tab, app.lang, today, app.demo, app.keymap, no_backup, app.profile, line)
        self.query_one("#screen-title", Static).update(tr(registry.screen(self.NAME).title, app.lang))
        self.refresh_view()
        self.mark_rendered()

    def mark_rendered(self) -> None:
        """Note what the screen shows now (the language, the snapshot, the backups mark): shown again, it is
        drawn again only if one of them changed. The app calls it when the data it loaded after the first frame
        is exactly what that frame showed."""
        app = self.huabei
        self._rendered = (app.lang, app.snapshot, app.backup_problem is not None)

    def refresh_view(self) -> None:
        raise NotImplementedError
