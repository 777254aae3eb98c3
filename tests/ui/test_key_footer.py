"""The footer's line: which keys it keeps when it is too narrow for every key."""

from __future__ import annotations

from huabei_tui.ui.keymap import Keymap
from huabei_tui.ui.widgets.key_footer import FooterItem, fitted


def item(key: str, label: str, essential: bool = False) -> FooterItem:
    return FooterItem(key, key, label, True, essential=essential)


KEYS = [item("a", "Add bill"), item("p", "Pay"), item("?", "Help", True), item("L", "中文"), item("q", "Quit", True)]


def test_every_key_is_kept_when_they_fit() -> None:
    width = sum(i.width for i in KEYS) + len(KEYS) - 1
    assert fitted(KEYS, width) == KEYS


def test_the_rightmost_other_keys_go_first_and_help_and_quit_last() -> None:
    width = sum(i.width for i in KEYS) + len(KEYS) - 1
    assert [i.key for i in fitted(KEYS, width - 1)] == ["a", "p", "?", "q"]  # "L 中文" went
    assert [i.key for i in fitted(KEYS, 14)] == ["?", "q"]  # "? Help q Quit" is 13 cells
    assert [i.key for i in fitted(KEYS, 7)] == ["?"]
    assert fitted(KEYS, 0) == []


def test_cjk_labels_count_by_cell_width() -> None:
    assert item("L", "中文").width == 1 + 1 + 4


def test_a_click_on_a_key_presses_it(tmp_path) -> None:
    from huabei_tui.ui.demo import demo_app
    from huabei_tui.ui.screens.help import HelpScreen
    from huabei_tui.ui.widgets.key_footer import KeyFooter
    from support.tui import run_app

    app = demo_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        footer = app.screen.query_one(KeyFooter)
        line = footer.render().plain
        assert line.index("? Help") > 0
        await pilot.click(KeyFooter, offset=(line.index("? Help") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)

    run_app(app, scenario)


def test_under_a_dialog_the_footer_lists_no_key_and_lists_them_again_once_it_closes(tmp_path) -> None:
    """A dialog (a form, the palette) takes every key; the screen's footer under it said "q Quit", which did
    nothing there. It stays empty while a dialog is open and comes back when it closes, in both languages."""
    from textual.command import CommandPalette

    from huabei_tui.ui.dialogs.form import FormDialog
    from huabei_tui.ui.widgets.key_footer import KeyFooter
    from support.tui import demo_data_app, run_app

    for lang, pay in (("en", "Pay"), ("zh", "还款")):
        (tmp_path / lang).mkdir()
        app = demo_data_app(tmp_path / lang, lang)

        async def scenario(pilot, app=app, pay=pay) -> None:
            status = app.screen
            footer = status.query_one(KeyFooter)
            assert pay in footer.labels()
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            assert footer.labels() == [] and footer.render().plain.strip() == ""
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is status and pay in footer.labels() and pay in footer.render().plain
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette) and footer.labels() == []
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is status and pay in footer.labels()

        run_app(app, scenario)


def test_the_footer_names_keys_as_help_the_palette_and_the_hints_do(tmp_path) -> None:
    """The footer said ``^p`` and ``esc`` (Textual's way) where help, the dialogs' hints, the exports and the
    README say ``Ctrl+P`` and ``Esc``. One rule now (``key_names.key_name``, through ``App.get_key_display``),
    for a key moved by keys.toml too."""
    from huabei_tui.clock import Clock
    from huabei_tui.domain.demo import demo_ledger
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store
    from huabei_tui.ui.app import HuabeiApp
    from huabei_tui.ui.keymap import check
    from huabei_tui.ui.keys import key_display
    from huabei_tui.ui.screens.help import HelpScreen
    from huabei_tui.ui.widgets.key_footer import KeyFooter
    from support.tui import TODAY, run_app

    overrides, problems = check({"planner": {"back": "backspace"}, "app": {"palette": "ctrl+k"}})
    assert problems == []
    for keymap, back, palette in ((None, "Esc", "Ctrl+P"), (Keymap(overrides), "Backspace", "Ctrl+K")):
        folder = tmp_path / back
        folder.mkdir()
        repo = Repository(Store(folder / "db.json"))
        repo.replace_ledger(demo_ledger(TODAY), only_if_empty=False)
        app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, remember_lang=False, warm_screens=False,
                        keymap=keymap)

        async def scenario(pilot, app=app, back=back, palette=palette) -> None:
            await pilot.press("o")
            await pilot.pause()
            items = app.screen.query_one(KeyFooter).items()
            shown = {item.description: item.display for item in items}
            assert shown["Back"] == back and shown["Commands"] == palette, shown
            line = app.screen.query_one(KeyFooter).render().plain
            assert f"{back} Back" in line and line.rstrip().endswith(f"{palette} Commands"), line
            assert "^" not in line and "esc" not in line
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            help_text = str(app.screen.query_one("#help-keys").render())
            assert key_display(app.keymap.keys("planner.back")) == back and f"{back} " in help_text

        run_app(app, scenario)
