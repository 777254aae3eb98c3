"""The Textual application: holds the session's current snapshot and the language, routes keys, runs use cases.

Every screen reads ``app.snapshot`` (ledger, summary and the one "today"), handed out by the ``Session``. A timer
asks the session whether the data file was replaced (a ``huabei pay`` typed in another terminal) or the date in
Shanghai changed (the app left open past midnight); either gives a new snapshot and the visible screen is drawn
again at once, the others when they are shown. Changes run the session's use cases (``apply_change``), which save
under the lock against the file as it is, so the app never overwrites another terminal's change.

The screens and keys come from ``huabei_tui.ui.registry``; the user's ``keys.toml`` re-maps keys through
``App.set_keymap``, and the language and colour theme chosen here are remembered in ``settings.toml`` (both in
the config folder, ``huabei_tui.storage.config``).

A quick start (``FirstStart``, issue 15 goal 2): ``huabei`` can hand the app the status screen's content, read
by a child process while this one imported Textual (``cli/fast_start.py``), instead of a repository. The first
frame is drawn from it; the session is loaded right after, in a thread, and every key or click that comes before
it is ready is held and then handled in order (``on_event``). The session, the store and the rules are
therefore imported only in functions here, never at the top: the first frame does not wait for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notify
from textual.screen import Screen
from textual.theme import Theme

from huabei_tui.i18n import describe_error, os_reason, tr
from huabei_tui.storage import config
from huabei_tui.ui import registry
from huabei_tui.ui.frame_recorder import driver_class, first_paint_done, recording_first_frame
from huabei_tui.ui.keymap import Keymap, Problem, keymap_of, load_keymap
from huabei_tui.ui.keys import KeyNames, bindings, key_display, key_name
from huabei_tui.ui.palette import HuabeiCommands
from huabei_tui.ui.render_ahead import build_unseen, render_unseen
from huabei_tui.ui.style_inputs import KeepsItsStyles

if TYPE_CHECKING:
    from datetime import date

    from huabei_tui.clock import Clock
    from huabei_tui.session import Opened, Session, Snapshot
    from huabei_tui.storage.errors import StoreBackupProblem, StoreError
    from huabei_tui.storage.repository import Repository

#: Seconds after the first paint before the other screens are built in the background (see build_next_screen).
WARM_DELAY = 0.02
#: Seconds before trying again when a dialog is open (a screen is not built under it).
WARM_RETRY = 0.5


class FirstStart:
    """A quick start: the status screen's content already read (``view``: plain data, see ``cli/fast_start.py``
    for its keys), and ``load()``, which decides and opens what the app runs on (``Opened``; raises
    ``InputError``/``StoreError`` as the command line would). ``load`` runs in a thread after the first frame.
    ``stale`` (content from the last run, ``startup/view_cache.py``) is called when the session, once loaded,
    shows something else, so that the entry is not used again."""

    def __init__(self, view: dict[str, Any], load: Callable[[], Opened],
                 stale: Callable[[], None] | None = None) -> None:
        self.view = view
        self.load = load
        self.stale = stale


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
        repo: Repository | None,
        clock: Clock | None,
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
        first: FirstStart | None = None,
    ) -> None:
        super().__init__(driver_class=driver_class())  # records the first frame when `huabei` armed the cache
        #: A quick start's content and loader until the session is loaded (then None: see ``_loaded``).
        self.first = first
        #: Keys and clicks that came before the session was loaded, handled in order once it is (``on_event``).
        self.held: list[events.Event] | None = [] if first is not None else None
        #: A quick start whose loading failed: raised again by ``run_first`` once the app has closed.
        self.start_error: BaseException | None = None
        #: Set when the session is loaded (at once, unless this is a quick start): tests wait on it.
        self.session_ready = threading.Event()
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
        #: The screens built ahead left to restyle once every screen is built (``_restyle_ahead``); None: not
        #: listed yet. Listed once, and each is taken off before it is looked at, so the pass always ends.
        self._to_restyle: list[Screen] | None = None
        #: Open the first-run setup when the file is empty (domain/first_run.py); tests of other things turn it off.
        self.offer_setup = offer_setup
        self.resume_gc_after_paint = False  # set by run_app, which pauses the collector until the first frame
        #: The message of the toast shown last (one at a time: see ``on_notify``).
        self.notice = ""
        self.session: Session | None = None
        #: What every screen shows; replaced, never changed (None until a quick start has loaded it).
        self.snapshot: Snapshot | None = None
        if first is None:  # raises StoreError before anything is shown
            self.session = open_session(repo, clock, line)
            self.snapshot = self.session.snapshot
            self.session_ready.set()
        else:
            self.profile = None if demo else first.view["profile"]
        # The user's keys and theme before the first screen is composed, so its first frame shows them.
        keys = first.view.get("keys") if first is not None else None
        if keymap is None and keys is not None:  # read by the quick start's child (no TOML parser here)
            keymap = keymap_of(Path(keys["path"]), keys["data"], keys["problem"])
        self.keymap = load_keymap() if keymap is None else keymap
        #: ``k=`` for ``tr``: the keys hints and dialogs name, as they are bound now (``ui.keys.KeyNames``).
        self.key_names = KeyNames(self.keymap)
        self.set_keymap(self.keymap.overrides)
        settings = first.view.get("settings") if first is not None else None
        theme = (config.read_settings() if settings is None else settings).get("theme")
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

    def heading(self) -> tuple[str, str | None, bool]:
        """What the tab bar shows of the data: today, the credit line on show (only when there are several),
        whether saves keep no backup; before a quick start has loaded the session, from its content."""
        view = self.first.view if self.first is not None else None
        if view is not None:
            return view["today"], view["line"] if view["several"] else None, view["no_backup"]
        snapshot = self.snapshot
        return (snapshot.today.isoformat(), snapshot.line if snapshot.several_lines else None,
                self.backup_problem is not None)

    def first_status_view(self) -> dict[str, Any] | None:
        """The status screen's content read at a quick start, while the session is not loaded yet."""
        if self.first is not None and self.first.view["lang"] == self.lang:
            return self.first.view["status"]
        return None

    def today(self) -> date:
        from datetime import date

        return date.fromisoformat(self.heading()[0])

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
        from huabei_tui.storage.errors import StoreError

        try:
            self.adopt(self.session.reload())
        except StoreError as error:
            self._store_error(error)

    def check_for_changes(self) -> None:
        """Timer: a new snapshot when another process replaced the data file or the date changed (midnight in
        Shanghai); the first is announced, the second only shows (the tab bar's date moves on)."""
        from huabei_tui.storage.errors import StoreError

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
        from huabei_tui.session import Saved

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
        from huabei_tui.domain.textsafe import sanitize

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
        self.theme_changed_signal.subscribe(self, self.theme_changed)
        if self.keymap.problems:
            self.notify("\n".join(self.describe_problem(problem) for problem in self.keymap.problems),
                        severity="warning", timeout=15)
        self.call_after_refresh(self._after_first_paint)
        if self.session is not None:
            self._watch_the_file()
            if not self.demo:
                self.note_backups(self.repo.store.backups_folder_problem(), after_save=False)

    def _watch_the_file(self) -> None:
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.check_for_changes)

    async def on_event(self, event: events.Event) -> None:
        """Hold keys and clicks until the session is loaded (a quick start), then handle them in the order
        they came: a key typed while the app starts is neither lost nor run against data not loaded yet."""
        if self.held is not None and isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.held.append(event)
            return
        await super().on_event(event)

    async def _handle_held(self) -> None:
        """Handle the held keys and clicks, then stop holding and go on as a usual start does after its first
        frame (runs as one message, after ``_loaded``: input that arrived meanwhile was held too, so the order is
        kept)."""
        while self.held:
            event = self.held.pop(0)
            await super().on_event(event)
        self.held = None
        if self.is_running and self.return_code is None:
            self._when_ready()

    def _load_session(self) -> None:
        """Thread: decide and open what the app runs on, and read it (as ``huabei`` would before the screen)."""
        first = self.first
        assert first is not None
        try:
            opened = first.load()
            session = open_session(opened.repo, opened.clock, opened.line)
            result: Any = (opened, session, session.snapshot, opened.repo.store.backups_folder_problem())
        except Exception as error:
            result = error
        if self.is_running:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(self._loaded, result)

    def _loaded(self, result: Any) -> None:
        """The session of a quick start is loaded: show it (drawn again only if it is not what the first frame
        showed), then handle the held input."""
        first = self.first
        if first is None or not self.is_running:
            return
        if isinstance(result, Exception):
            self.start_error = result  # raised by run_first; the command line prints it on the normal screen
            self.held = None
            self.exit(return_code=1)
            return
        opened, session, snapshot, problem = result
        view = first.view
        same = (view["lang"] == opened.lang and view["profile"] == opened.profile
                and view["today"] == snapshot.today.isoformat() and view["line"] == snapshot.line
                and view["several"] == snapshot.several_lines and view["no_backup"] == (problem is not None)
                and view["signature"] == _plain_signature(snapshot.signature))
        self.session, self.snapshot = session, snapshot
        self.lang, self.profile = opened.lang, None if self.demo else opened.profile
        self.first = None
        self.session_ready.set()
        self.title = self.window_title()
        self._watch_the_file()
        self.note_backups(problem, after_save=False)
        screen = self.screen
        if same and hasattr(screen, "mark_rendered"):
            screen.mark_rendered()  # the first frame showed exactly this
        else:
            if not same and first.stale is not None:  # cached content the session disagrees with
                threading.Thread(target=first.stale, name="huabei-view-stale").start()
            self.refresh_bindings()
            self.refresh_screens()
        self.call_later(self._handle_held)

    def get_key_display(self, binding: Binding) -> str:
        """A key in the footer as help, the palette, the dialogs' hints and the exports name it (``Ctrl+P``,
        ``Esc``, ``?``): one rule, ``ui/key_names.py``, not Textual's ``^p``/``esc`` beside it. A binding's own
        display (``f/n/u``) wins; ``keys.toml`` clears it when it moves the binding."""
        return binding.key_display or key_name(binding.key)

    def describe_problem(self, problem: Problem) -> str:
        """One line about a refused ``keys.toml`` entry, in the user's language."""
        params = dict(problem.params)
        if "key" in params and problem.key == "keymap.clash":
            params["key"] = key_display(params["key"])
        key = "keymap.clash_textual" if params.get("other") == "Textual" else problem.key
        return tr(key, self.lang, **params, k=self.key_names)

    def _after_first_paint(self) -> None:
        first_paint_done(self, self.today())  # keep this frame for the next start (startup/early_frame.py)
        if self.resume_gc_after_paint:
            gc.freeze()
            gc.enable()
        if self.session is None:  # a quick start: load the session now, the rest when it is loaded
            threading.Thread(target=self._load_session, name="huabei-load", daemon=True).start()
            return
        self._when_ready()

    def _when_ready(self) -> None:
        """After the first frame, with the session loaded: the first-run setup, then the other screens."""
        if self.offer_setup and self.session.offers_first_run(demo=self.demo):
            self.action_first_run()
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
        return visit; one screen per app message, so a key typed meanwhile is handled between two.

        Runs from a timer, queued until the app handles its next message: that can be while the app is being
        closed, after Textual has dropped the installed screens (a test's ``run_test`` closes it without
        ``exit``, so timers still fire). Nothing is built then."""
        if self._stop_warming_if_closing():
            return
        for name in registry.SCREEN_NAMES:
            screen = self.get_screen(name)  # imports the screen's module and makes the screen
            if not screen.is_running:
                if recording_first_frame():
                    self.build_next_screen_later()
                else:
                    self.call_later(self._build_ahead, screen)
                return
        if self._to_restyle is None:
            screens = [self.get_screen(name) for name in registry.SCREEN_NAMES]
            self._to_restyle = [screen for screen in screens
                                if isinstance(screen, KeepsItsStyles) and not screen.styles_current]
        if self._to_restyle:
            self.call_later(self._restyle_ahead, self._to_restyle.pop(0))
            return
        self.screens_warmed.set()

    async def _build_ahead(self, screen: Screen) -> None:
        """Compose, mount and lay out ``screen`` unseen and start its frame clock (``render_ahead.build_unseen``).
        Runs as an app message, so keys wait in the app's queue until it is done and then go to the screen they
        were typed on."""
        if self._stop_warming_if_closing():
            return
        if getattr(self.screen, "NAME", None) not in registry.SCREEN_NAMES:
            self.set_timer(WARM_RETRY, self.build_next_screen)  # a dialog is open: not under it, later
            return
        if not screen.is_running:
            if not await build_unseen(self, screen):
                self.screens_warmed.set()  # closed while the screen was composed: the stack is gone, no pop
                return
            self.call_later(self._render_once_focused, screen)
            return
        self.build_next_screen()

    def _render_once_focused(self, screen: Screen) -> None:
        """Draw ``screen`` unseen once it has handled what its build and pop sent it, and its first focus too.
        Textual gives a focus through the app's queue (this call waits behind it) and then the widget's own (the
        drawing waits behind that): the focus restyles the widget, so drawn before it, the widget was drawn
        again on the first visit (the recovery screen's list: 2–4 ms)."""
        (screen.focused or screen).call_after_refresh(self._render_ahead, screen)

    def _render_ahead(self, screen: Screen) -> None:
        """Render ``screen``'s widgets once, unseen, so that its first visit finds every line drawn, as a return
        visit does. Textual draws a widget's lines when it first shows it, and keeps them until the widget
        changes: built ahead but never drawn, a first visit cost 30–40 ms of CPU on the checklist and the
        recovery screens against 8–13 ms for a return visit (``bench/run.py --only-size``, goal 5). One screen
        per app message, like the building, so a key typed meanwhile is handled between two."""
        if screen.is_attached and not screen.is_current and self.return_code is None:
            render_unseen(screen)
        self.build_next_screen()

    def _restyle_ahead(self, screen: Screen) -> None:
        """Restyle a screen built ahead whose styles the app's moved on from since (the screens built after it
        read their widgets' CSS into the app's style sheet), and draw it again, unseen: restyled on its first
        visit instead, it cost that visit 8–10 ms and threw the lines drawn ahead away (``ui.style_inputs``).
        A screen shown meanwhile (or the one under it, which Textual counts as shown) is left as it is."""
        if self._stop_warming_if_closing():
            return
        if (isinstance(screen, KeepsItsStyles) and screen.is_attached and not screen.is_current
                and not screen.styles_current):
            screen.restyle()
            screen.call_after_refresh(self._render_ahead, screen)
            return
        self.build_next_screen()

    def _stop_warming_if_closing(self) -> bool:
        """Whether the app is quitting or being closed (``is_running`` is false from the start of Textual's
        shutdown, before it drops the screens); the background build stops then, and says it is done."""
        if self.is_running and self.return_code is None:
            return False
        self.screens_warmed.set()
        return True

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

        return text_summary(self.snapshot, self.lang, screen, profile=self.profile, keys=self.key_names)

    def ask_where_to_save(self, what: str, stem: str, suffix: str, content: bytes) -> None:
        """Open the save dialog for ``content`` (``what``: "screen", "all" or "screenshot"), suggesting a new
        file ``stem``+``suffix`` in the export folder; the full path written is announced when it is done."""
        from huabei_tui.io.safe_output import protected_around
        from huabei_tui.ui.dialogs.save_dialog import SaveDialog, default_folder, unused_name

        if isinstance(self.screen, SaveDialog):
            return
        folder = default_folder(self.repo.path, self.export_dir, data_is_temporary=self.demo)
        intro = "save.intro.screenshot" if what == "screenshot" else "save.intro.text"
        dialog = SaveDialog(f"save.title.{what}", intro, unused_name(folder, stem, suffix), content,
                            protected_around(self.repo.store))
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

            text = export_all_lines(self.every_line(), self.lang, profile=self.profile, keys=self.key_names)
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

    def in_footer(self, action: str) -> bool:
        """Whether the footer lists ``action``'s key now (``KeyFooter`` asks): the line switcher only when there
        is another line to show. Its key works either way (with one line it says how to add a second), so this
        is not ``check_action``, which would also turn the key off."""
        if action == "switch_line":
            return self.first.view["several"] if self.first is not None else self.snapshot.several_lines
        return True

    def action_switch_line(self, name: str | None = None) -> None:
        """``w``: show (and change) the next credit line, or line ``name`` (the palette). With one line there is
        nothing to switch to: a word on how a second one comes, rather than a key that silently does nothing."""
        names = self.snapshot.line_names
        if name is None and len(names) < 2:
            self.notify(self.one_line_hint(), timeout=12)
            return
        if name is None:
            name = names[(names.index(self.snapshot.line) + 1) % len(names)] if self.snapshot.line in names \
                else names[0]
        from huabei_tui.domain.errors import InputError
        from huabei_tui.storage.errors import StoreError

        try:
            self.adopt(self.session.switch_line(name))
        except (InputError, StoreError) as error:
            self.notify(describe_error(error, self.lang), severity="error")
            return
        self.notify(tr("msg.line", self.lang, name=self.snapshot.line))

    def one_line_hint(self) -> str:
        """What ``w`` says with one credit line: the command that adds a second one to the file open here (with
        ``--profile`` or ``--db`` as it was chosen; the default file needs neither)."""
        from huabei_tui.paths import default_db_path
        from huabei_tui.views.lines import one_line_hint

        path = self.repo.path
        db = None if self.demo or self.profile or path.resolve() == default_db_path().resolve() else path
        return one_line_hint(self.snapshot.line, self.lang, self.key_names, demo=self.demo, profile=self.profile,
                             db=db)

    def action_import_alipay(self) -> None:
        from huabei_tui.ui.dialogs.import_dialog import ImportDialog

        if not isinstance(self.screen, ImportDialog):
            self.push_screen(ImportDialog())


def open_session(repo: Repository, clock: Clock, line: str | None) -> Session:
    """``Session.for_app``, imported when it is first needed (not before a quick start's first frame)."""
    from huabei_tui.session import Session

    return Session.for_app(repo, clock, line)


def _plain_signature(signature: Any) -> Any:
    """A file signature as ``marshal`` carries it (a list), to compare with a quick start's."""
    return list(signature) if isinstance(signature, tuple) else signature


def run_first(first: FirstStart) -> int:
    """Start the TUI from a quick start's content (``FirstStart``); raises, once the app has closed, what
    loading the session raised (a file damaged since the child read it, say)."""
    gc.disable()
    try:
        app = HuabeiApp(None, None, first.view["lang"], first=first)
        app.resume_gc_after_paint = True
        app.run()
    finally:
        gc.enable()
    if app.start_error is not None:
        raise app.start_error
    return app.return_code or 0


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
