"""The Textual application: holds the session's current snapshot and the language, routes keys, runs use cases.

Every screen reads ``app.snapshot`` (ledger, summary and the one "today"), handed out by the ``Session``. A timer
asks the session whether the data file was replaced (a ``huabei pay`` typed in another terminal) or the date in
Shanghai changed (the app left open past midnight); either gives a new snapshot and the visible screen is drawn
again at once, the others when they are shown. Changes run the session's use cases (``apply_change``), which save
under the lock against the file as it is, so the app never overwrites another terminal's change.

The screens and keys come from ``huabei_tui.ui.registry``; the user's ``keys.toml`` re-maps keys through
``App.set_keymap``, and the language and colour theme chosen here are remembered in ``settings.toml`` (both in
the config folder, ``huabei_tui.storage.config``).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.notifications import Notify
from textual.screen import Screen
from textual.theme import Theme

from huabei_tui.clock import Clock
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.textsafe import sanitize
from huabei_tui.i18n import describe_error, os_reason, tr
from huabei_tui.session import Saved, Session, Snapshot
from huabei_tui.storage import config
from huabei_tui.storage.errors import StoreBackupProblem, StoreError
from huabei_tui.storage.repository import Repository
from huabei_tui.ui import registry
from huabei_tui.ui.frame_recorder import driver_class, first_paint_done, recording_first_frame
from huabei_tui.ui.keymap import Keymap, Problem, load_keymap
from huabei_tui.ui.keys import KeyNames, bindings, key_display
from huabei_tui.ui.palette import HuabeiCommands

#: Seconds after the first paint before the other screens are built in the background (see build_next_screen).
WARM_DELAY = 0.02
#: Seconds before trying again when a dialog is open (a screen is not built under it).
WARM_RETRY = 0.5


def _screen(name: str) -> Callable[[], Any]:
    """A screen factory that imports its screen module on first use: the first paint only pays for the status
    screen (and its dialogs only when opened)."""

    def make() -> Any:
        return import_module(f"huabei_tui.ui.screens.{name}").SCREEN()

    return make


class HuabeiApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "huabei"
    # The four screens are installed screens on one stack (see action_switch), kept alive when not shown.
    # (Textual's MODES re-parsed the whole stylesheet twice on every first visit of a screen: ~35% of it.)
    SCREENS = {name: _screen(name) for name in registry.SCREEN_NAMES}
    COMMANDS = {HuabeiCommands}  # see huabei_tui.ui.palette
    # Ctrl+C always quits (it is not in the registry: no keymap can take it away).
    BINDINGS = [*bindings("app"), Binding("ctrl+c", "quit", show=False, priority=True)]

    def __init__(
        self,
        repo: Repository,
        clock: Clock,
        lang: str,
        *,
        demo: bool = False,
        profile: str | None = None,
        remember_lang: bool = True,
        poll_seconds: float = 1.0,
        export_dir: Path | None = None,
        warm_screens: bool = True,
        keymap: Keymap | None = None,
        offer_setup: bool = True,
        line: str | None = None,
    ) -> None:
        super().__init__(driver_class=driver_class())  # records the first frame when `huabei` armed the cache
        self.session = Session(repo, clock)
        # The app always has a line chosen (``--line``, else the first): every change goes to the line on show.
        lines = self.session.lines()
        self.session.line_id = (lines.get(line) if line else lines.first).id
        self.lang = lang
        self.demo = demo
        #: The profile chosen with --profile/HUABEI_PROFILE: on the tab bar and in export names; None otherwise.
        self.profile = None if demo else profile
        self.remember_lang = remember_lang
        self.poll_seconds = poll_seconds
        #: The folder the export and screenshot dialogs suggest; None: see ``save_dialog.default_folder``.
        self.export_dir = export_dir
        #: Why saves keep no backup (the backups folder is unusable), shown on the tab bar until it is fixed.
        self.backup_problem: StoreBackupProblem | None = None
        #: Set once the other screens are built in the background (tests wait on it instead of sleeping).
        self.screens_warmed = asyncio.Event()
        self.warm_screens = warm_screens
        #: Open the first-run setup when the file is empty (domain/first_run.py); tests of other things turn it off.
        self.offer_setup = offer_setup
        self.resume_gc_after_paint = False  # set by run_app, which pauses the collector until the first frame
        #: The message of the toast shown last (one at a time: see ``on_notify``).
        self.notice = ""
        #: What every screen shows; replaced, never changed (raises StoreError before anything is shown).
        self.snapshot: Snapshot = self.session.reload()
        # The user's keys and theme before the first screen is composed, so its first frame shows them.
        self.keymap = load_keymap() if keymap is None else keymap
        #: ``k=`` for ``tr``: the keys hints and dialogs name, as they are bound now (``ui.keys.KeyNames``).
        self.key_names = KeyNames(self.keymap)
        self.set_keymap(self.keymap.overrides)
        theme = config.read_settings().get("theme")
        if theme and theme in self.available_themes:
            self.theme = theme

    # -- state -----------------------------------------------------------------------------------------------
    @property
    def repo(self) -> Repository:
        """The repository under the session (tests and the benchmark read the file through it)."""
        return self.session.repo

    def adopt(self, snapshot: Snapshot) -> None:
        """Show ``snapshot`` from now on: the visible screen at once, the others when they are shown."""
        if snapshot is not self.snapshot:
            lines_changed = snapshot.line_names != self.snapshot.line_names
            self.snapshot = snapshot
            if lines_changed:  # a line added or removed: the switcher's key comes or goes (check_action)
                self.refresh_bindings()
            self.refresh_screens()

    def window_title(self) -> str:
        title = tr("app.title", self.lang)
        return f"{title} · {self.profile}" if self.profile else title

    def refresh_screens(self) -> None:
        screen = self.screen
        if hasattr(screen, "render_state") and screen.is_mounted:  # not mounted yet: it renders when it mounts
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
        self.note_backups(self.repo.store.backup_problem)
        return result

    def note_backups(self, problem: StoreBackupProblem | None, *, after_save: bool = True) -> None:
        """Tell the user when saves keep no backup: a warning when it happens, a mark on the tab bar while it
        lasts (saving goes on: refusing to save would lose what they typed)."""
        if after_save and problem is None and self.backup_problem is not None:
            # A save made its backup again; still say the folder is fine only if it really is.
            problem = self.repo.store.backups_folder_problem()
        changed = (problem is None) != (self.backup_problem is None)
        self.backup_problem = problem
        if problem is not None:
            self.notify(problem.message(self.lang), severity="warning", timeout=12)
        if changed:
            self.refresh_screens()

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Textual's toast, but plain text by default and without control characters: messages carry paths,
        file names and echoed input, and a ``[`` in any of them would be read as markup (or crash it)."""
        super().notify(sanitize(message, multiline=True), title=sanitize(title), severity=severity,
                       timeout=timeout, markup=markup)

    def on_notify(self, event: Notify) -> None:
        """One toast at a time: a new one replaces the one shown instead of stacking on it (ticking five steps
        used to cover half the screen). Runs before Textual's own handler adds the new notification."""
        self.clear_notifications()
        self.notice = event.notification.message

    # -- lifecycle -------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.title = self.window_title()
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.check_for_changes)
        self.theme_changed_signal.subscribe(self, self.theme_changed)
        if self.keymap.problems:
            self.notify("\n".join(self.describe_problem(problem) for problem in self.keymap.problems),
                        severity="warning", timeout=15)
        self.call_after_refresh(self._after_first_paint)
        if not self.demo:
            self.note_backups(self.repo.store.backups_folder_problem(), after_save=False)

    def describe_problem(self, problem: Problem) -> str:
        """One line about a refused ``keys.toml`` entry, in the user's language."""
        params = dict(problem.params)
        if "key" in params and problem.key == "keymap.clash":
            params["key"] = key_display(params["key"])
        key = "keymap.clash_textual" if params.get("other") == "Textual" else problem.key
        return tr(key, self.lang, **params, k=self.key_names)

    def _after_first_paint(self) -> None:
        first_paint_done(self, self.snapshot.today)  # keep this frame for the next start (startup/early_frame.py)
        if self.offer_setup and self.session.offers_first_run(demo=self.demo):
            self.action_first_run()
        if self.resume_gc_after_paint:
            gc.freeze()
            gc.enable()
        if self.warm_screens:
            self.set_timer(WARM_DELAY, self.build_next_screen)
        else:
            self.screens_warmed.set()

    def build_next_screen_later(self) -> None:
        """The first frame is still being kept for the next start (startup/early_frame.py), and building a
        screen shows it for a moment, which would end that: build after it."""
        self.set_timer(WARM_DELAY, self.build_next_screen)

    def build_next_screen(self) -> None:
        """Build the next screen the user has not opened yet, unseen, so that its first visit is as quick as a
        return visit; one screen per app message, so a key typed meanwhile is handled between two."""
        for name in registry.SCREEN_NAMES:
            screen = self.get_screen(name)  # imports the screen's module and makes the screen
            if not screen.is_running:
                if recording_first_frame():
                    self.build_next_screen_later()
                else:
                    self.call_later(self._build_ahead, screen)
                return
        self.screens_warmed.set()

    async def _build_ahead(self, screen: Screen) -> None:
        """Compose and mount ``screen`` by pushing it and popping it again while frames are held. Runs as an
        app message, so keys wait in the app's queue until it is done and then go to the screen they were
        typed on."""
        if not self.is_running or self.return_code is not None:
            self.screens_warmed.set()
            return  # quitting
        if getattr(self.screen, "NAME", None) not in registry.SCREEN_NAMES:
            self.set_timer(WARM_RETRY, self.build_next_screen)  # a dialog is open: not under it, later
            return
        if not screen.is_running:
            with self.batch_update():
                await self.push_screen(screen)
                await self.pop_screen()
        self.build_next_screen()

    # -- settings remembered between runs ---------------------------------------------------------------------
    @property
    def remembers(self) -> bool:
        """Whether choices made here (language, theme) are saved for the next run (never on demo data)."""
        return self.remember_lang and not self.demo

    def remember(self, **changes: str) -> None:
        """Save ``changes`` to ``settings.toml``; a failure is shown, never raised (the choice still applies)."""
        if not self.remembers:
            return
        path = config.settings_path()
        store = self.repo.store
        if path.resolve() in {p.resolve() for p in (store.path, store.lock_path)} or \
                store.backup_dir.resolve() in path.resolve().parents:
            return  # never write over the data file, its lock or its backups (a config folder pointed there)
        try:
            config.save_settings(changes)
        except OSError as error:
            self.notify(tr("msg.settings_unsaved", self.lang, reason=os_reason(error, self.lang)),
                        severity="error")

    def theme_changed(self, theme: Theme) -> None:
        """Restyle the screens built but not showing (Textual restyles the screens on the stack), and save it."""
        for name in registry.SCREEN_NAMES:
            screen = self.get_screen(name)
            if screen.is_running and screen not in self.screen_stack:
                self.stylesheet.update(screen, animate=False)
        self.remember(theme=theme.name)

    # -- actions ---------------------------------------------------------------------------------------------
    def action_command_palette(self) -> None:
        """Textual's palette, with the search prompt in the user's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=tr("cmd.search", self.lang), id="--command-palette"))

    def get_default_screen(self) -> Screen:
        """The first screen is the status screen itself (installed, so it stays alive under the others)."""
        return self.get_screen(registry.SCREEN_NAMES[0])

    async def action_switch(self, name: str) -> None:
        """Show screen ``name``. The status screen is the stack's base; another screen is pushed on it, replaced
        by the next (``switch_screen``) and popped to go back; a screen opened from one of the four (the planner)
        is closed first. App keys are live only when no dialog is open, so the top is always one of those here (a
        palette command runs after the palette closed)."""
        current = getattr(self.screen, "NAME", None)
        parent = registry.tab_of(current) if current is not None else None
        if parent != current and parent in registry.SCREEN_NAMES:
            # A screen opened from another (the planner, on the status screen) goes: back to the one under it.
            await self.pop_screen()
            current = parent
        if current == name or current not in registry.SCREEN_NAMES:
            return
        target = self.get_screen(name)
        if not target.is_running:
            self.delay_update()  # a first visit builds the screen: hold frames a moment, as Textual's modes do
        if name == registry.SCREEN_NAMES[0]:
            await self.pop_screen()
        elif current == registry.SCREEN_NAMES[0]:
            await self.push_screen(target)
        else:
            await self.switch_screen(target)

    def action_help(self) -> None:
        from huabei_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        self.title = self.window_title()
        self.remember(lang=self.lang)  # settings.toml, not the data file
        self.refresh_screens()
        self.notify(tr("msg.language", self.lang))

    def export_text(self, screen: str) -> str:
        from huabei_tui.views.export import text_summary

        return text_summary(self.snapshot, self.lang, screen, profile=self.profile)

    def ask_where_to_save(self, what: str, stem: str, suffix: str, content: bytes) -> None:
        """Open the save dialog for ``content`` (``what``: "screen", "all" or "screenshot"), suggesting a new
        file ``stem``+``suffix`` in the export folder; the full path written is announced when it is done."""
        from huabei_tui.io.safe_output import Protected
        from huabei_tui.ui.dialogs.save_dialog import SaveDialog, default_folder, unused_name

        if isinstance(self.screen, SaveDialog):
            return
        folder = default_folder(self.repo.path, self.export_dir, data_is_temporary=self.demo)
        intro = "save.intro.screenshot" if what == "screenshot" else "save.intro.text"
        dialog = SaveDialog(f"save.title.{what}", intro, unused_name(folder, stem, suffix), content,
                            [Protected.of(self.repo.store)])
        self.push_screen(dialog, callback=self._saved_to)

    def _saved_to(self, path: Path | None) -> None:
        if path is not None:
            self.notify(tr("msg.exported", self.lang, path=str(path)), timeout=8)

    def export_dialog(self, screen: str) -> None:
        """``e``/``E``: the summary as it is now, written where the user says. ``E`` with several credit lines
        writes every line (as ``huabei export --all-lines``): "everything" is both lines, and ``e`` stays the
        screen on show of the line on show."""
        day = self.snapshot.today.isoformat()
        if screen == "all" and self.snapshot.several_lines:
            from huabei_tui.views.export import export_all_lines

            text = export_all_lines(self.every_line(), self.lang, profile=self.profile)
            stem = f"huabei-{self.profile_infix()}all-lines-{day}"
        else:
            text = self.export_text(screen)
            stem = f"huabei-{self.profile_infix()}{screen}-{day}"
        what = "all" if screen == "all" else "screen"
        self.ask_where_to_save(what, stem, ".txt", text.encode("utf-8"))

    def profile_infix(self) -> str:
        """``"mum-"`` under profile mum: a family's exports stay apart by name (``""`` without a profile)."""
        return f"{self.profile}-" if self.profile else ""

    def action_export_screen(self) -> None:
        # A screen opened from another exports that one's section (the status section holds the planner).
        name = registry.tab_of(getattr(self.screen, "NAME", "") or "status")
        self.export_dialog(name)

    def action_export_all(self) -> None:
        self.export_dialog("all")

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """A picture of the screen as it is now (SVG), written where the user says: Textual's own action wrote
        it into the folder the app was started from, without asking."""
        svg = self.export_screenshot()
        name = getattr(self.screen, "NAME", "") or "screen"
        day = self.snapshot.today.isoformat()
        self.ask_where_to_save("screenshot", f"huabei-{self.profile_infix()}{name}-{day}", ".svg", svg.encode("utf-8"))

    def action_copy_screen(self) -> None:
        """The current screen's text summary (what ``e`` writes) to the user's clipboard, over SSH too: Textual
        sends it with the terminal's OSC 52 sequence. Some terminals (and tmux without set-clipboard) drop it,
        and nothing tells the app, so the toast says so and points at the file export. A screen opened from
        another copies that one's section, as ``e`` exports it."""
        name = registry.tab_of(getattr(self.screen, "NAME", "") or "status")
        self.copy_to_clipboard(self.export_text(name))
        self.notify(tr("msg.copied", self.lang, screen=tr(f"screen.{name}", self.lang), k=self.key_names), timeout=8)

    def action_first_run(self) -> None:
        """The first-run setup (also from the palette, to go through it again)."""
        from huabei_tui.ui.dialogs.first_run import FirstRun, SetupStep

        if not isinstance(self.screen, SetupStep):
            FirstRun(self).start()

    def every_line(self):
        """Every credit line on the snapshot's day, and the totals (the session keeps them until the file or the
        day changes; with one line, that is the snapshot on show)."""
        return self.session.all_lines()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The line switcher is in the footer (and its key works) only when there is another line to show."""
        if action == "switch_line" and not parameters:
            return self.snapshot.several_lines
        return True

    def action_switch_line(self, name: str | None = None) -> None:
        """``w``: show (and change) the next credit line, or line ``name`` (the palette)."""
        names = self.snapshot.line_names
        if name is None:
            name = names[(names.index(self.snapshot.line) + 1) % len(names)] if self.snapshot.line in names \
                else names[0]
        try:
            self.adopt(self.session.switch_line(name))
        except (InputError, StoreError) as error:
            self.notify(describe_error(error, self.lang), severity="error")
            return
        self.notify(tr("msg.line", self.lang, name=self.snapshot.line))

    def action_import_alipay(self) -> None:
        from huabei_tui.ui.dialogs.import_dialog import ImportDialog

        if not isinstance(self.screen, ImportDialog):
            self.push_screen(ImportDialog())


def run_app(repo: Repository, clock: Clock, lang: str, *, demo: bool = False, remember_lang: bool = True,
            profile: str | None = None, line: str | None = None) -> int:
    """Start the TUI; the data is read first so a damaged file is reported before the screen is taken over.

    The cyclic garbage collector is paused from here to the first frame: start-up only allocates (the ledger,
    the widgets, the styles) and a full collection over all of Textual's objects would just delay the paint.
    After it, everything alive is frozen out of future collections (``gc.freeze``), so they stay short too.
    """
    gc.disable()
    try:
        app = HuabeiApp(repo, clock, lang, demo=demo, remember_lang=remember_lang, profile=profile, line=line)
        app.resume_gc_after_paint = True
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0
