"""The four screens and every key binding of the app, declared once.

The app (its modes and bindings), the tab bar, the footer (through the bindings), the help screen and the command
palette all read this module; nothing else names a screen's number key or a binding's label. Plain data, no
Textual import: ``huabei_tui.ui.keys`` turns a context's specs into Textual ``Binding`` objects, and
``huabei_tui.ui.keymap`` checks the user's ``keys.toml`` against it.

Every binding has an id, ``<context>.<name>`` (``calendar.next_week``), which is what ``keys.toml`` re-maps. A
context is where a binding lives: ``app`` (everywhere outside text fields), one of the screens (the four with
a tab, and ``planner``, opened from the status screen), a widget (``list``: the checklists; ``scroll``: the
recovery screen's body) or a dialog (``help``, ``form``, ``save``, ``conflict``, ``import``, ``split``,
``setup``: the first run's steps).
Keys are Textual key names, comma-separated when several keys do the same (``"down,j"``). Labels are string keys
(``huabei_tui/strings/``): the footer, help and palette translate them as they draw.
"""

from __future__ import annotations

from huabei_tui.record import Record

# The classes here are ``Record``s, not frozen dataclasses: this module is imported before the app's first frame,
# and a dataclass costs most of a millisecond to define (``huabei_tui/record.py``).


class ScreenSpec(Record):
    """A screen: its name, the key that opens it, its title and its short label (the tab bar's, or the footer's
    for a screen opened from another). A screen with a ``parent`` has no tab: it is opened by a key of its parent
    (a binding of the parent's context) and shown on top of it; the tab bar keeps the parent highlighted."""

    __slots__ = ("key", "name", "parent", "tab", "title")
    name: str
    key: str
    title: str  # string key, e.g. "screen.status"
    tab: str  # string key of the tab bar's label, e.g. "key.status"
    parent: str | None

    def __init__(self, name: str, key: str, title: str, tab: str, parent: str | None = None) -> None:
        self._init(name=name, key=key, title=title, tab=tab, parent=parent)

    @property
    def binding_id(self) -> str:
        return f"{self.parent}.{self.name}" if self.parent else f"app.go_{self.name}"


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("status", "1", "screen.status", "key.status"),
    ScreenSpec("calendar", "2", "screen.calendar", "key.calendar"),
    ScreenSpec("checklist", "3", "screen.checklist", "key.checklist"),
    ScreenSpec("recovery", "4", "screen.recovery", "key.recovery"),
)
SCREEN_NAMES: tuple[str, ...] = tuple(screen.name for screen in SCREENS)

#: Screens opened from another one (its key is a binding of the parent), not from the tab bar.
PLANNER = ScreenSpec("planner", "o", "screen.planner", "key.planner", parent="status")
SUBSCREENS: tuple[ScreenSpec, ...] = (PLANNER,)


class KeySpec(Record):
    """One binding: id, default keys, action, footer label, and how it shows in the footer, help and palette."""

    __slots__ = ("action", "help", "id", "key_display", "keys", "label", "palette", "priority", "show")
    id: str
    keys: str
    action: str
    label: str  # string key of the footer label (and of the help line, unless ``help`` is given)
    show: bool  # in the footer
    help: str | None  # string key for help, when the footer label stands for more keys ("f/n/u Answer")
    key_display: str | None  # what the footer shows for the keys ("f/n/u"), when not the key itself
    priority: bool
    palette: str | None  # string key of its command-palette entry, if it has one

    def __init__(self, id: str, keys: str, action: str, label: str, show: bool = True,
                 help: str | None = None, key_display: str | None = None, priority: bool = False,
                 palette: str | None = None) -> None:
        self._init(id=id, keys=keys, action=action, label=label, show=show, help=help, key_display=key_display,
                   priority=priority, palette=palette)

    @property
    def context(self) -> str:
        return self.id.partition(".")[0]


class HelpLine(Record):
    """A help line for keys that are not one binding of the screen: ``keys`` are key names, or binding ids (they
    contain a dot) standing for the keys in force for that binding."""

    __slots__ = ("keys", "label")
    label: str  # string key
    keys: tuple[str, ...]

    def __init__(self, label: str, keys: tuple[str, ...]) -> None:
        self._init(label=label, keys=keys)


class Command(Record):
    """A command-palette entry with no key of its own (or whose key belongs to a widget): text and action."""

    __slots__ = ("action", "key_from", "on_screen", "text")
    text: str  # string key
    action: str
    key_from: str | None  # the binding id whose key is shown beside it
    on_screen: bool  # run on the current screen (else on the app)

    def __init__(self, text: str, action: str, key_from: str | None = None, on_screen: bool = False) -> None:
        self._init(text=text, action=action, key_from=key_from, on_screen=on_screen)


KEYS: dict[str, tuple[KeySpec, ...]] = {
    # Everywhere outside text fields (the app's bindings). The footer shows them after the screen's own.
    "app": (
        *(KeySpec(screen.binding_id, screen.key, f"switch('{screen.name}')", screen.tab, show=False)
          for screen in SCREENS),
        KeySpec("app.help", "question_mark,f1", "help", "key.help", key_display="?", palette="cmd.help"),
        KeySpec("app.language", "L", "toggle_language", "key.language", palette="cmd.language"),
        KeySpec("app.export_screen", "e", "export_screen", "key.export_screen", show=False,
                palette="cmd.export_screen"),
        KeySpec("app.export_all", "E", "export_all", "key.export_all", show=False, palette="cmd.export_all"),
        # The screen's summary to the user's own clipboard (OSC 52: over SSH too), beside the file export.
        KeySpec("app.copy_screen", "y", "copy_screen", "key.copy_screen", show=False, palette="cmd.copy_screen"),
        KeySpec("app.import", "i", "import_alipay", "key.import", palette="cmd.import"),
        # In the footer only when the file holds several credit lines (HuabeiApp.in_footer); with one, the key
        # says how to add a second.
        KeySpec("app.switch_line", "w", "switch_line", "key.line", help="key.line_help"),
        KeySpec("app.palette", "ctrl+p", "command_palette", "key.palette", show=False),
        KeySpec("app.quit", "q", "quit", "key.quit", palette="cmd.quit"),
    ),
    "status": (
        # Settings are set once and seldom changed: help and the palette list them, the footer keeps its room for
        # what is done every month (with two credit lines, English labels fill 80 columns otherwise).
        KeySpec("status.settings", "s", "settings", "key.settings", show=False, palette="cmd.settings"),
        KeySpec("status.balance", "b", "balance", "key.balance", palette="cmd.balance"),
        KeySpec("status.pay", "p", "pay", "key.pay", palette="cmd.pay"),
        KeySpec(PLANNER.binding_id, PLANNER.key, "planner", PLANNER.tab, palette="cmd.planner"),
        KeySpec("status.split", "I", "split", "key.split_bill", show=False, palette="cmd.split_bill"),
    ),
    # The planner (every option for the bill to pay): ↑/↓ and Enter are its option list's (``HELP_LINES``).
    "planner": (
        KeySpec("planner.back", "escape", "back", "key.back"),
        KeySpec("planner.balance", "b", "balance", "key.balance", palette="cmd.balance"),
        KeySpec("planner.split", "I", "split", "key.split_bill", show=False, palette="cmd.split_bill"),
    ),
    "calendar": (
        # The footer keeps to the actions; the month keys are shown around the month's name in the grid.
        KeySpec("calendar.add_bill", "a", "add_bill", "cal.key.add_bill", palette="cal.cmd.add_bill"),
        KeySpec("calendar.pay", "p", "pay", "cal.key.pay", palette="cal.cmd.pay"),
        KeySpec("calendar.today", "t", "today", "cal.key.today", palette="cal.cmd.today"),
        KeySpec("calendar.prev_month", "left_square_bracket,pageup", "month(-1)", "cal.key.prev_month", show=False,
                palette="cal.cmd.prev_month"),
        KeySpec("calendar.next_month", "right_square_bracket,pagedown", "month(1)", "cal.key.next_month",
                show=False, palette="cal.cmd.next_month"),
        KeySpec("calendar.prev_day", "left,h", "day(-1)", "cal.key.prev_day", show=False),
        KeySpec("calendar.next_day", "right,l", "day(1)", "cal.key.next_day", show=False),
        KeySpec("calendar.prev_week", "up,k", "day(-7)", "cal.key.prev_week", show=False),
        KeySpec("calendar.next_week", "down,j", "day(7)", "cal.key.next_week", show=False),
    ),
    "checklist": (
        KeySpec("checklist.found", "f", "answer('found')", "chk.key.answer", key_display="f/n/u",
                help="chk.key.found", palette="chk.cmd.found"),
        KeySpec("checklist.not_found", "n", "answer('not_found')", "chk.key.not_found", show=False,
                palette="chk.cmd.not_found"),
        KeySpec("checklist.unsure", "u", "answer('unsure')", "chk.key.unsure", show=False, palette="chk.cmd.unsure"),
    ),
    "recovery": (
        KeySpec("recovery.contact", "c", "contact", "rec.key.contact", palette="rec.cmd.contact"),
        KeySpec("recovery.grid", "g", "grid_months", "rec.key.grid", palette="rec.cmd.grid"),
    ),
    # A list of steps to tick (the checklist screen's, the recovery steps). Space shows in the footer on the
    # checklist screen only (``list.toggle`` is shown there by the screen's own list).
    "list": (
        KeySpec("list.toggle", "space", "select", "chk.key.toggle", show=False, key_display="Space"),
        KeySpec("list.down", "j", "cursor_down", "chk.key.move", show=False),
        KeySpec("list.up", "k", "cursor_up", "chk.key.move", show=False),
    ),
    # The recovery screen's scrolling body: j/k scroll it while a plain section (table, log, grid) has focus.
    "scroll": (
        KeySpec("scroll.down", "j", "scroll_down", "rec.key.move", show=False),
        KeySpec("scroll.up", "k", "scroll_up", "rec.key.move", show=False),
    ),
    "help": (
        KeySpec("help.close", "escape,question_mark,f1,q", "dismiss", "key.close", show=False),
        KeySpec("help.down", "down,j", "scroll_down", "chk.key.move", show=False),
        KeySpec("help.up", "up,k", "scroll_up", "chk.key.move", show=False),
    ),
    "form": (
        KeySpec("form.cancel", "escape", "cancel", "key.cancel", show=False),
        KeySpec("form.save", "ctrl+s", "submit", "key.save", show=False),
        # Priority: the app moves the focus as it reads the Tab, so the keys typed after it (a burst from a
        # quick typist or a laggy SSH link arrives all at once) go to the next field, not the one left behind.
        KeySpec("form.next_field", "tab", "app.focus_next", "key.next_field", show=False, priority=True),
        KeySpec("form.previous_field", "shift+tab", "app.focus_previous", "key.previous_field", show=False,
                priority=True),
    ),
    "save": (
        KeySpec("save.cancel", "escape", "cancel", "key.cancel", show=False),
    ),
    "conflict": (
        KeySpec("conflict.use_mine", "o", "choose('mine')", "conflict.use_mine", show=False),
        KeySpec("conflict.keep_theirs", "k", "choose('theirs')", "conflict.keep_theirs", show=False),
        KeySpec("conflict.back", "escape", "choose(None)", "key.cancel", show=False),
    ),
    "import": (
        KeySpec("import.cancel", "escape", "cancel", "key.cancel", show=False),
        KeySpec("import.cancel_n", "n", "cancel", "key.cancel", show=False),
        KeySpec("import.confirm", "enter,y", "confirm", "key.import", show=False),
    ),
    # The first run's setup steps (ui/dialogs/first_run.py): ↑/↓ and Enter are a step's option list's, Enter its
    # field's. Priority for Ctrl+N (the field would take it) and Tab, as in the forms.
    "setup": (
        KeySpec("setup.leave", "escape", "leave", "key.leave", show=False),
        KeySpec("setup.skip", "ctrl+n", "skip", "key.skip", show=False, priority=True),
        KeySpec("setup.next_field", "tab", "app.focus_next", "key.next_field", show=False, priority=True),
        KeySpec("setup.previous_field", "shift+tab", "app.focus_previous", "key.previous_field", show=False,
                priority=True),
    ),
    # The split's confirm dialog: ↑/↓ choose a period count and Enter confirms (its option list's keys).
    "split": (
        KeySpec("split.cancel", "escape", "cancel", "key.cancel", show=False),
    ),
}

BY_ID: dict[str, KeySpec] = {spec.id: spec for specs in KEYS.values() for spec in specs}

#: Help lines after a screen's own bindings: keys its widgets and Textual provide.
HELP_LINES: dict[str, tuple[HelpLine, ...]] = {
    # The status body scrolls when it is taller than the terminal (two credit lines at 80×24).
    "status": (HelpLine("key.scroll", ("up", "down")),),
    "calendar": (),
    "checklist": (HelpLine("chk.key.toggle", ("list.toggle",)),
                  HelpLine("chk.key.move", ("up", "down", "list.up", "list.down")),
                  HelpLine("chk.key.toggle", ("enter",))),
    "recovery": (HelpLine("rec.key.next_section", ("tab",)),
                 HelpLine("rec.key.prev_section", ("shift+tab",)),
                 HelpLine("rec.key.move", ("up", "down", "list.up", "list.down")),
                 HelpLine("rec.key.toggle", ("list.toggle", "enter"))),
    "planner": (HelpLine("plan.key.move", ("up", "down")),
                HelpLine("plan.key.split", ("enter",))),
}

#: The command palette, screen by screen then the app's (after the four "go to" entries): binding ids (the
#: entry is the binding's ``palette`` text, its key shown beside it) and commands with no key of their own.
PALETTE: dict[str, tuple[str | Command, ...]] = {
    "status": ("status.settings", "status.balance", "status.pay", PLANNER.binding_id, "status.split"),
    "planner": ("planner.balance", "planner.split"),
    "calendar": ("calendar.add_bill", "calendar.pay", "calendar.today", "calendar.prev_month", "calendar.next_month"),
    "checklist": (Command("chk.cmd.toggle", "toggle", "list.toggle", on_screen=True),
                  "checklist.found", "checklist.not_found", "checklist.unsure"),
    "recovery": ("recovery.contact", "recovery.grid", Command("rec.cmd.toggle", "toggle", "list.toggle", on_screen=True)),
    "app": ("app.export_screen", "app.export_all", "app.copy_screen", Command("cmd.screenshot", "screenshot"),
            "app.import", Command("cmd.first_run", "first_run"), "app.language", "app.help",
            Command("cmd.theme", "change_theme"), "app.quit"),
}

#: Contexts live at the same time (the app, a screen, the focused widget): a key may serve one binding per group.
#: ``textual.*`` are Textual's own keys there (``TEXTUAL_KEYS``), which a keymap must leave alone.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("app", "textual.app", "status", "textual.screen", "textual.scroll"),
    ("app", "textual.app", "planner", "textual.screen", "textual.list"),
    ("app", "textual.app", "calendar", "textual.screen"),
    ("app", "textual.app", "checklist", "textual.screen", "list", "textual.list"),
    ("app", "textual.app", "recovery", "textual.screen", "list", "textual.list"),
    ("app", "textual.app", "recovery", "textual.screen", "scroll", "textual.scroll"),
    ("help", "textual.app", "textual.screen"),
    ("form", "textual.app", "textual.screen"),
    ("save", "textual.app", "textual.screen"),
    ("conflict", "textual.app", "textual.screen"),
    ("import", "textual.app", "textual.screen"),
    ("split", "textual.app", "textual.screen", "textual.list"),
    ("setup", "textual.app", "textual.screen", "textual.list"),
)

_SCROLL = {"up": "scroll_up", "down": "scroll_down", "left": "scroll_left", "right": "scroll_right",
           "home": "scroll_home", "end": "scroll_end", "pageup": "page_up", "pagedown": "page_down",
           "ctrl+pageup": "page_left", "ctrl+pagedown": "page_right"}
#: Keys Textual binds itself (App, Screen, VerticalScroll, OptionList), key → action; a test checks them against
#: Textual. A binding here with the same key and action only restates Textual's (the forms' Tab).
TEXTUAL_KEYS: dict[str, dict[str, str]] = {
    "textual.app": {"ctrl+q": "quit", "ctrl+c": "help_quit"},
    "textual.screen": {"tab": "app.focus_next", "shift+tab": "app.focus_previous", "ctrl+c": "screen.copy_text",
                       "super+c": "screen.copy_text"},
    "textual.scroll": _SCROLL,
    "textual.list": {**_SCROLL, "up": "cursor_up", "down": "cursor_down", "home": "first", "end": "last",
                     "enter": "select"},
}


def screen(name: str) -> ScreenSpec:
    return next(spec for spec in (*SCREENS, *SUBSCREENS) if spec.name == name)


def tab_of(name: str) -> str:
    """The tabbed screen ``name`` belongs to: itself, or the parent a sub-screen was opened from."""
    spec = next((spec for spec in SUBSCREENS if spec.name == name), None)
    return spec.parent if spec is not None and spec.parent else name
