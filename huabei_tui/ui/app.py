"""The Textual application: holds the session's current snapshot and the language, routes keys, runs use cases.

Every screen reads ``app.snapshot`` (ledger, summary and the one "today"), handed out by the ``Session``. A timer
asks the session whether the data file was replaced (a ``huabei pay`` typed in another terminal) or the date in
Shanghai changed (the app left open past midnight); either gives a new snapshot and the visible screen is drawn
again at once, the others when they are shown. Changes run the session's use cases (``apply_change``), which save
under the lock against the file as it is, so the app never overwrites another terminal's change.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from textual._context import active_app
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notify

from huabei_tui.clock import Clock
from huabei_tui.i18n import describe_error, os_reason, tr
from huabei_tui.session import Saved, Session, Snapshot
from huabei_tui.storage.errors import StoreError
from huabei_tui.storage.repository import Repository
from huabei_tui.ui import strings  # noqa: F401 - registers the UI strings
from huabei_tui.ui.commands import HuabeiCommands
from huabei_tui.ui.frame_recorder import driver_class, first_paint_done
from huabei_tui.ui.keys import Key, apply_keys

ENV_EXPORT_DIR = "HUABEI_EXPORT_DIR"
#: Seconds after the first paint before the other screens are built in the background (see _warm_screens).
WARM_DELAY = 0.02

APP_KEYS: tuple[Key, ...] = (
    Key("1", "switch('status')", "key.status", show=False),
    Key("2", "switch('calendar')", "key.calendar", show=False),
    Key("3", "switch('checklist')", "key.checklist", show=False),
    Key("4", "switch('recovery')", "key.recovery", show=False),
    Key("question_mark,f1", "help", "key.help", key_display="?"),
    Key("L", "toggle_language", "key.language"),
    Key("e", "export_screen", "key.export_screen", show=False),
    Key("E", "export_all", "key.export_all", show=False),
    Key("i", "import_alipay", "key.import"),
    Key("ctrl+p", "command_palette", "key.palette", show=False),
    Key("q", "quit", "key.quit"),
)


def _mode(name: str) -> Callable[[], Any]:
    """A screen factory that imports its screen module on first use: the first paint only pays for the status
    screen (and its dialogs only when opened)."""

    def make() -> Any:
        screen = import_module(f"huabei_tui.ui.screens.{name}").SCREEN()
        app = active_app.get(None)
        if app is not None:
            _skip_stylesheet_reparse(app, screen)
        return screen

    return make


def _skip_stylesheet_reparse(app: App, screen: Any) -> None:
    """Spare a new mode screen Textual's re-parse of the whole stylesheet when it would change nothing.

    When a mode's screen first appears, Textual calls ``refresh_css`` unless the screen says it is styled as of
    the app's latest CSS change: it sets the stylesheet's variables from the theme, re-parses every source (the
    app's file and every widget's default CSS, in a fresh parser with an empty cache) so the variables are
    substituted again, and restyles the app. On the first screen that was about 7 ms of the first paint; on the
    others, twice that per screen.

    The re-parse can change nothing when the variables are those the stylesheet was parsed with (a theme change
    later bumps the counter and restyles every screen as usual). What the first screen still needs is the
    restyling of the app itself: Textual styles the app only after composing it, and a screen styled before
    that inherits unstyled colours (the snapshots showed dark text on the dark background without it).
    """
    if app.stylesheet._variables != app.get_css_variables():
        return  # the theme changed since the stylesheet was parsed: let Textual re-parse
    if not any(app._screen_stacks.values()):
        app.stylesheet.update(app, animate=False)
    screen._css_update_count = app._css_update_count


class HuabeiApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "huabei"
    MODES = {name: _mode(name) for name in ("status", "calendar", "checklist", "recovery")}
    DEFAULT_MODE = "status"
    COMMANDS = {HuabeiCommands}  # see huabei_tui.ui.commands
    BINDINGS = [Binding("ctrl+c", "quit", show=False, priority=True)]

    def __init__(
        self,
        repo: Repository,
        clock: Clock,
        lang: str,
        *,
        demo: bool = False,
        remember_lang: bool = True,
        poll_seconds: float = 1.0,
        export_dir: Path | None = None,
        warm_screens: bool = True,
    ) -> None:
        super().__init__(driver_class=driver_class())  # records the first frame when `huabei` armed the cache
        self.session = Session(repo, clock)
        self.lang = lang
        self.demo = demo
        self.remember_lang = remember_lang
        self.poll_seconds = poll_seconds
        env_dir = os.environ.get(ENV_EXPORT_DIR)
        self.export_dir = export_dir or (Path(env_dir) if env_dir else Path.cwd())
        self.warm_screens = warm_screens
        self.resume_gc_after_paint = False  # set by run_app, which pauses the collector until the first frame
        #: The message of the toast shown last (one at a time: see ``on_notify``).
        self.notice = ""
        #: What every screen shows; replaced, never changed (raises StoreError before anything is shown).
        self.snapshot: Snapshot = self.session.reload()
        # Before the first screen is composed, so its footer shows the app's keys in this language at once.
        apply_keys(self, APP_KEYS, self.lang)

    # -- state -----------------------------------------------------------------------------------------------
    @property
    def repo(self) -> Repository:
        """The repository under the session (tests and the benchmark read the file through it)."""
        return self.session.repo

    def adopt(self, snapshot: Snapshot) -> None:
        """Show ``snapshot`` from now on: the visible screen at once, the others when they are shown."""
        if snapshot is not self.snapshot:
            self.snapshot = snapshot
            self.refresh_screens()

    def refresh_screens(self) -> None:
        screen = self.screen
        if hasattr(screen, "render_state"):
            screen.render_state()
        # Screens under a modal (or in other modes) re-render when they are shown again.

    def _store_error(self, error: StoreError) -> None:
        self.notify(tr("msg.store_error", self.lang, message=describe_error(error, self.lang)),
                    severity="error", timeout=10)

    def reload(self) -> None:
        """Read the file again whatever its signature (a test that wrote it through the repository)."""
        try:
            self.adopt(self.session.reload())
        except StoreError as error:
            self._store_error(error)

    def check_for_changes(self) -> None:
        """Timer: a new snapshot when another process replaced the data file or the date changed (midnight in
        Shanghai); the first is announced, the second only shows (the tab bar's date moves on)."""
        try:
            snapshot = self.session.current()
        except StoreError as error:
            self._store_error(error)
            return
        if snapshot is self.snapshot:
            return
        replaced = snapshot.signature != self.snapshot.signature
        self.adopt(snapshot)
        if replaced:
            self.notify(tr("msg.reloaded", self.lang))

    def apply_change(self, change: Callable[[], Any], message: str | None = "msg.saved", **params: Any) -> Any:
        """Run a session use case (may raise ``InputError``/``StoreError``: nothing saved, nothing shown), show
        the snapshot it returns and say ``message`` (an i18n key; ``None``: the caller says something itself)."""
        result = change()
        self.adopt(result.snapshot if isinstance(result, Saved) else result)
        if message is not None:
            self.notify(tr(message, self.lang, **params))
        return result

    def on_notify(self, event: Notify) -> None:
        """One toast at a time: a new one replaces the one shown instead of stacking on it (ticking five steps
        used to cover half the screen). Runs before Textual's own handler adds the new notification."""
        self.clear_notifications()
        self.notice = event.notification.message

    # -- lifecycle -------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.title = tr("app.title", self.lang)
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.check_for_changes)
        self.call_after_refresh(self._after_first_paint)

    async def _ready(self) -> None:
        await super()._ready()
        self.call_later(self._draw_first_frame)

    def _draw_first_frame(self) -> None:
        """Write the first frame as soon as start-up ends instead of one update tick later.

        Textual starts the app inside a batch that holds back every frame, and composing the first screen
        (a mode screen, with its data) makes that batch long enough for the screen's frame to be computed
        inside it and dropped; the screen then waits for its next update tick (1/60 s) to draw again. This
        runs right after the batch (``call_later`` from ``_ready``) and draws at once.
        """
        screen = self.screen
        screen._layout_required = True
        screen._on_timer_update()

    def _after_first_paint(self) -> None:
        first_paint_done(self, self.snapshot.today)  # keep this frame for the next start (startup/early_frame.py)
        if self.resume_gc_after_paint:
            gc.freeze()
            gc.enable()
        if self.warm_screens:
            self.set_timer(WARM_DELAY, lambda: self.run_worker(self._warm_screens, group="warm-screens"))

    async def _warm_screens(self) -> None:
        """Build the screens the user has not opened yet, one after the other, so that every first visit is as
        quick as a return visit.

        This runs what ``switch_mode`` runs on a first visit (``App._init_mode``: make the screen, compose and
        mount it, style it, render its content, lay it out) without showing it. It runs as a worker, so a key
        pressed meanwhile is handled between two screens.
        """
        for name in self.MODES:
            await asyncio.sleep(0)
            if not self.is_running or self.return_code is not None:
                return  # quitting: Textual is closing the screens it has, a new one would be in its way
            if name == self.current_mode or name in self._screen_stacks:
                continue
            await self._init_mode(name)

    # -- actions ---------------------------------------------------------------------------------------------
    def action_command_palette(self) -> None:
        """Textual's palette, with the search prompt in the user's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=tr("cmd.search", self.lang), id="--command-palette"))

    async def action_switch(self, name: str) -> None:
        await self.switch_mode(name)

    def action_help(self) -> None:
        from huabei_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        apply_keys(self, APP_KEYS, self.lang)
        self.title = tr("app.title", self.lang)
        failed: StoreError | None = None
        if self.remember_lang and not self.demo:
            try:
                self.snapshot = self.session.remember_language(self.lang)  # drawn just below, once
            except StoreError as error:
                failed = error
        self.refresh_screens()
        if failed is not None:
            self.notify(describe_error(failed, self.lang), severity="error")
        else:
            self.notify(tr("msg.language", self.lang))

    def export_text(self, screen: str) -> str:
        from huabei_tui.io.exports import text_summary

        snapshot = self.snapshot
        return text_summary(snapshot.summary, snapshot.ledger, self.lang, screen)

    def export_to_file(self, screen: str) -> Path | None:
        """Write a summary next to the others without ever overwriting one; returns the path."""
        stem = f"huabei-{screen}-{self.snapshot.today.isoformat()}"
        path = self.export_dir / f"{stem}.txt"
        counter = 2
        while path.exists():
            path = self.export_dir / f"{stem}-{counter}.txt"
            counter += 1
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(self.export_text(screen))
        except OSError as error:
            self.notify(tr("msg.export_failed", self.lang, reason=os_reason(error, self.lang)), severity="error")
            return None
        self.notify(tr("msg.exported", self.lang, path=path), timeout=8)
        return path

    def action_export_screen(self) -> None:
        name = getattr(self.screen, "NAME", "") or "status"
        self.export_to_file(name)

    def action_export_all(self) -> None:
        self.export_to_file("all")

    def action_import_alipay(self) -> None:
        from huabei_tui.ui.dialogs.import_dialog import ImportDialog

        if not isinstance(self.screen, ImportDialog):
            self.push_screen(ImportDialog())


def run_app(repo: Repository, clock: Clock, lang: str, *, demo: bool = False, remember_lang: bool = True) -> int:
    """Start the TUI; the data is read first so a damaged file is reported before the screen is taken over.

    The cyclic garbage collector is paused from here to the first frame: start-up only allocates (the ledger,
    the widgets, the styles) and a full collection over all of Textual's objects would just delay the paint.
    After it, everything alive is frozen out of future collections (``gc.freeze``), so they stay short too.
    """
    gc.disable()
    try:
        app = HuabeiApp(repo, clock, lang, demo=demo, remember_lang=remember_lang)
        app.resume_gc_after_paint = True
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0
