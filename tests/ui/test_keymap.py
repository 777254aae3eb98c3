"""Keys declared once (``ui/registry.py``), re-mapped by the user's ``keys.toml``, shown as they work.

The checks: the registry's default keys never clash where they are live, and what it says Textual binds is what
Textual binds; every action names a method of the class that gets the binding; ``keys.toml`` entries are taken,
or refused with one line each (unknown id, not a key, a key already taken) and never stop the app; and in the
app a re-mapped key works, the old one no longer does, and the footer, the tab bar, the help screen and the
palette show the key in force.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList

from huabei_tui.ui import keymap, registry
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.split import SplitDialog
from huabei_tui.ui.keymap import Problem, check, load_keymap, normalize_key
from huabei_tui.ui.keys import key_display
from huabei_tui.ui.screens.help import HelpScreen
from huabei_tui.ui.screens.planner import PlannerScreen
from huabei_tui.ui.screens.status import StatusScreen
from huabei_tui.ui.widgets.key_footer import KeyFooter
from support.tui import demo_data_app
from support.tui import run_app as run

# -- the registry ------------------------------------------------------------------------------------------------

def test_the_default_keys_never_clash_where_they_are_live() -> None:
    assert keymap._taken_by({}) == []


def test_ids_are_unique_and_name_their_context() -> None:
    ids = [spec.id for specs in registry.KEYS.values() for spec in specs]
    assert len(ids) == len(set(ids))
    for context, specs in registry.KEYS.items():
        assert all(spec.context == context for spec in specs)
    assert [spec.binding_id for spec in registry.SCREENS] == [f"app.go_{name}" for name in registry.SCREEN_NAMES]


def _textual_keys(cls: type) -> dict[str, str]:
    keys: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            keys[binding.key] = binding.action
    return keys


def test_what_the_registry_says_textual_binds_is_what_textual_binds() -> None:
    assert registry.TEXTUAL_KEYS["textual.app"] == _textual_keys(App)
    assert registry.TEXTUAL_KEYS["textual.screen"] == _textual_keys(Screen)
    assert registry.TEXTUAL_KEYS["textual.scroll"] == _textual_keys(VerticalScroll)
    assert registry.TEXTUAL_KEYS["textual.list"] == _textual_keys(OptionList)


def _classes() -> dict[str, type]:
    from huabei_tui.ui.dialogs.conflict import ConflictDialog
    from huabei_tui.ui.dialogs.first_run import SetupStep
    from huabei_tui.ui.dialogs.form import FormDialog
    from huabei_tui.ui.dialogs.import_dialog import ImportDialog
    from huabei_tui.ui.dialogs.save_dialog import SaveDialog
    from huabei_tui.ui.dialogs.split import SplitDialog
    from huabei_tui.ui.screens.calendar import CalendarScreen
    from huabei_tui.ui.screens.checklist import ChecklistScreen
    from huabei_tui.ui.screens.planner import PlannerScreen
    from huabei_tui.ui.screens.recovery import RecoveryBody, RecoveryScreen
    from huabei_tui.ui.screens.status import StatusScreen
    from huabei_tui.ui.widgets.checklist_view import ChecklistView, TickList

    return {"app": HuabeiApp, "status": StatusScreen, "calendar": CalendarScreen, "checklist": ChecklistScreen,
            "recovery": RecoveryScreen, "list": ChecklistView, "tick-list": TickList, "scroll": RecoveryBody,
            "help": HelpScreen, "form": FormDialog, "save": SaveDialog, "conflict": ConflictDialog,
            "import": ImportDialog, "planner": PlannerScreen, "split": SplitDialog, "setup": SetupStep}


def test_every_binding_is_where_the_registry_says_and_its_action_exists() -> None:
    classes = _classes()
    for context, specs in registry.KEYS.items():
        cls = classes[context]
        bound = {binding.id: binding for binding in Binding.make_bindings(cls.BINDINGS)}
        for spec in specs:
            assert spec.id in bound, (context, spec.id)
            name = spec.action.partition("(")[0]
            owner = HuabeiApp if name.startswith("app.") else cls
            assert callable(getattr(owner, f"action_{name.removeprefix('app.')}", None)), (context, spec.action)
    assert [b.id for b in Binding.make_bindings(classes["tick-list"].BINDINGS) if b.show] == ["list.toggle"]


def test_the_palette_names_only_existing_bindings_and_actions() -> None:
    classes = _classes()
    for context, entries in registry.PALETTE.items():
        for entry in entries:
            if isinstance(entry, registry.Command):
                owner = classes[context] if entry.on_screen else HuabeiApp
                assert callable(getattr(owner, f"action_{entry.action}", None)), entry
                assert entry.key_from is None or entry.key_from in registry.BY_ID
            else:
                assert registry.BY_ID[entry].context == context and registry.BY_ID[entry].palette, entry


# -- reading keys.toml ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "name"), [
    ("j", "j"), ("L", "L"), ("?", "question_mark"), ("[", "left_square_bracket"), (".", "full_stop"),
    ("Ctrl+X", "ctrl+x"), ("ctrl+?", "ctrl+question_mark"), ("F5", "f5"), ("PageDown", "pagedown"),
    ("space", "space"), (" down ", "down"), ("shift+tab", "shift+tab"),
])
def test_key_names_are_read_as_textual_names_them(typed: str, name: str) -> None:
    assert normalize_key(typed) == name


@pytest.mark.parametrize("typed", ["", "ctl+x", "ctrl+", "downn", "f5x", "ctrl+foo", "\t"])
def test_words_that_are_not_keys_are_refused(typed: str) -> None:
    assert normalize_key(typed) is None


def test_entries_are_read_from_tables_dotted_keys_and_quoted_ids() -> None:
    overrides, problems = check({"calendar": {"today": "."}, "app.language": "ctrl+l",
                                 "list": {"down": ["o", "ctrl+n"]}})
    assert problems == []
    assert overrides == {"calendar.today": "full_stop", "app.language": "ctrl+l", "list.down": "o,ctrl+n"}


def test_refused_entries_say_why_and_keep_their_default_keys() -> None:
    overrides, problems = check({
        "app": {"quit": "x", "help": "j"},       # j: calendar's next week (and the lists' down)
        "bogus": {"id": "y"},                      # no such binding
        "status": {"pay": "ctrl+foo"},             # not a key
        "checklist.found": "down",                 # Textual moves the list with ↓
        "calendar.today": "a",                     # a: calendar's add bill, which keeps it
    })
    assert overrides == {"app.quit": "x"}
    assert Problem("keymap.unknown_id", {"id": "bogus.id"}) in problems
    assert Problem("keymap.bad_key", {"id": "status.pay", "key": "ctrl+foo"}) in problems
    assert Problem("keymap.clash", {"id": "checklist.found", "key": "down", "other": "Textual"}) in problems
    assert Problem("keymap.clash", {"id": "calendar.today", "key": "a", "other": "calendar.add_bill"}) in problems
    assert any(p.key == "keymap.clash" and p.params["id"] == "app.help" for p in problems)
    assert len(problems) == 5


def test_two_bindings_may_swap_keys_and_the_later_of_two_claims_is_refused() -> None:
    overrides, problems = check({"calendar": {"next_week": "k", "prev_week": "j"}})
    assert (overrides, problems) == ({"calendar.next_week": "k", "calendar.prev_week": "j"}, [])
    overrides, problems = check({"calendar": {"today": "x", "add_bill": "x"}})
    assert overrides == {"calendar.today": "x"}
    assert problems == [Problem("keymap.clash", {"id": "calendar.add_bill", "key": "x", "other": "calendar.today"})]


def test_an_unreadable_keymap_gives_one_warning_and_the_default_keys(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text("[app\nquit = 'x'", encoding="utf-8")
    loaded = load_keymap(path)
    assert loaded.overrides == {} and [p.key for p in loaded.problems] == ["keymap.unreadable"]
    assert load_keymap(tmp_path / "missing.toml").problems == ()


# -- in the app --------------------------------------------------------------------------------------------------

KEYS_TOML = """\
# vim-ish, plus a quit key that does not clash with a terminal
[app]
quit = "x"
go_calendar = "f2"
[calendar]
today = "."
"""


def test_remapped_keys_work_and_show_where_keys_are_shown(tmp_path: Path, config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "keys.toml").write_text(KEYS_TOML, encoding="utf-8")
    app = demo_data_app(tmp_path, "en", remember_lang=False)

    async def scenario(pilot) -> None:
        assert app.keymap.problems == ()
        footer = {key.key: key.description for key in app.screen.query_one(KeyFooter).items()}
        assert footer.get("x") == "Quit" and "q" not in footer
        assert " F2 Calendar " in str(app.screen.query_one("#tabbar").content)
        await pilot.press("2")  # no longer the calendar's key
        await pilot.pause()
        assert app.screen.NAME == "status"
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.NAME == "calendar"
        screen = app.screen
        screen.select_day(screen.selected.replace(day=1))
        await pilot.press("full_stop")  # "." is calendar.today now
        await pilot.pause()
        assert screen.selected == app.snapshot.today
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys").content)
        assert any(line.startswith(".") and "Today" in line for line in keys.splitlines()), keys
        everywhere = str(app.screen.query_one("#help-app-keys").content)
        assert any(line.startswith("x ") and "Quit" in line for line in everywhere.splitlines()), everywhere
        reference = str(app.screen.query_one("#help-keymap").content)
        assert any(line.startswith("calendar.today") and " . " in line for line in reference.splitlines())
        await pilot.press("escape", "ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        prompts = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("Quit" in p and "[x]" in p for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()

    run(app, scenario)
    assert app.return_code == 0


def test_bad_entries_warn_in_one_line_each_and_the_app_still_starts(tmp_path: Path, config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "keys.toml").write_text('nope = "x"\n[app]\nhelp = "j"\nquit = "ctrl+nope"\n', encoding="utf-8")
    app = demo_data_app(tmp_path, "en", remember_lang=False)
    shown: list[str] = []
    notify = app.notify

    def recording_notify(message: str, **options):
        shown.append(message)
        return notify(message, **options)

    app.notify = recording_notify  # type: ignore[method-assign]

    async def scenario(pilot) -> None:
        assert app.screen.NAME == "status"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # ? still opens help: the refused entry kept the default keys
        problems = str(app.screen.query_one("#help-keymap-problems").content)
        assert "nope" in problems and "app.help" in problems

    run(app, scenario)
    lines = "\n".join(shown).splitlines()
    assert len(lines) == 3, lines
    assert "there is no binding nope" in lines[0]
    assert "“ctrl+nope” for app.quit is not a key name" in lines[1]
    assert "j for app.help is taken by" in lines[2]


def test_key_display_names_keys_as_people_do() -> None:
    assert key_display("question_mark,f1") == "?/F1"
    assert key_display("down,j") == "↓/j"
    assert key_display("left_square_bracket,pageup") == "[/PgUp"
    assert key_display("ctrl+p") == "Ctrl+P"
    assert key_display("shift+tab") == "Shift+Tab"
    assert key_display("full_stop") == "."


def test_the_registry_module_imports_no_textual() -> None:
    import subprocess
    import sys

    code = "import sys, huabei_tui.ui.registry; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"


PLANNER_KEYS = """
[status]
planner = "O"
split = "S"
[planner]
back = "h"
split = "S"
[split]
cancel = "x"
"""


def test_the_planner_and_the_split_dialog_take_remapped_keys(tmp_path: Path, config_folder: Path) -> None:
    """The planner (issue 12) is declared in the registry like the four screens: its keys and the split dialog's
    follow keys.toml, and show in the footer, help and palette as they work."""
    config_folder.mkdir()
    (config_folder / "keys.toml").write_text(PLANNER_KEYS, encoding="utf-8")
    app = demo_data_app(tmp_path, "en", today=date(2026, 12, 5), remember_lang=False)

    async def scenario(pilot) -> None:
        assert app.keymap.problems == ()
        footer = {key.key: key.description for key in app.screen.query_one(KeyFooter).items()}
        assert footer.get("O") == "Options" and "o" not in footer
        await pilot.press("o")  # no longer the planner's key
        await pilot.pause()
        assert app.screen.NAME == "status"
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, PlannerScreen)
        footer = {key.key: key.description for key in app.screen.query_one(KeyFooter).items()}
        assert footer.get("h") == "Back" and "escape" not in footer
        await pilot.press("question_mark")
        await pilot.pause()
        keys = str(app.screen.query_one("#help-keys").content)
        assert any(line.startswith("h ") and "Back" in line for line in keys.splitlines()), keys
        assert any(line.startswith("S ") and "Split bill" in line for line in keys.splitlines()), keys
        await pilot.press("escape", "ctrl+p")
        await pilot.pause(0.3)
        prompts = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("Split the bill" in p and "[S]" in p for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
        await pilot.press("escape")  # no longer the dialog's cancel key
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PlannerScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)

    run(app, scenario)


def test_a_screen_key_leaves_the_planner_for_that_screen(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en", today=date(2026, 12, 5), remember_lang=False)

    async def scenario(pilot) -> None:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PlannerScreen)
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.NAME == "calendar"
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.NAME == "status"  # the planner was closed on the way, not left under the calendar
        assert not any(isinstance(screen, PlannerScreen) for screen in app.screen_stack)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.NAME == "status"

    run(app, scenario)
