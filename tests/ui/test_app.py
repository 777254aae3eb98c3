"""App-wide behaviour through Pilot: screen keys, language, exports, help, palette, and another process's changes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import date
from pathlib import Path

from textual import events
from textual.command import CommandPalette

from huabei_tui.domain.account import Account
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Ledger
from huabei_tui.storage import config
from huabei_tui.textwidth import cell_width
from huabei_tui.ui.demo import DEMO_TODAY, demo_app
from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.screens.help import HelpScreen
from huabei_tui.ui.widgets.key_footer import KeyFooter
from support.tui import ledger_app


def footer_labels(app) -> list[str]:
    """What the footer's keys say."""
    return app.screen.query_one(KeyFooter).labels()


def run(app, scenario) -> None:
    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(go())


def test_number_keys_switch_between_the_four_screens(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        for key, name in (("2", "calendar"), ("3", "checklist"), ("4", "recovery"), ("1", "status")):
            await pilot.press(key)
            await pilot.pause()
            assert name == app.screen.NAME

    run(app, scenario)


def test_digits_typed_in_a_form_stay_in_the_form(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+a", "ctrl+k", "2", "3", "4")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.raw_values()["balance"] == "234"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.NAME == "status"

    run(app, scenario)


def test_balance_form_records_today_as_the_check_date(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await pilot.press("b", "ctrl+a", "ctrl+k", *"¥2,500", "enter")
        await pilot.pause()
        account = app.repo.load().account
        assert account.balance == 250_000
        assert account.balance_checked_on == DEMO_TODAY
        assert app.snapshot.summary.shortfall == 0

    run(app, scenario)


def test_language_switch_is_immediate_and_remembered(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")
    app.demo = False  # the demo never stores settings; a real database does

    async def scenario(pilot) -> None:
        await pilot.press("L")
        await pilot.pause()
        assert app.lang == "en"
        assert "Account status" in str(app.screen.query_one("#screen-title").content)
        assert config.read_settings() == {"lang": "en"}  # in settings.toml, not in the data file
        assert app.repo.setting("lang") is None
        footer = footer_labels(app)
        assert "Quit" in footer and "Balance" in footer and "退出" not in footer

    run(app, scenario)


def test_export_keys_ask_where_write_there_and_never_overwrite(tmp_path: Path) -> None:
    """``e``/``E`` open the save dialog with a new file name in the export folder; Enter writes it and the full path
    written is announced; a second export of the same screen suggests another name instead of replacing."""
    from huabei_tui.ui.dialogs.save_dialog import SaveDialog

    app = demo_app(tmp_path, "zh")
    day = DEMO_TODAY.isoformat()
    announced: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (announced.append(message), notify(message, **kwargs))[1]

    async def scenario(pilot) -> None:
        for key, name in (("e", f"huabei-status-{day}.txt"), ("e", f"huabei-status-{day}-2.txt"),
                          ("E", f"huabei-all-{day}.txt")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, SaveDialog)
            assert app.screen.query_one("#save-path").value == str(tmp_path / name)
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, SaveDialog)

    run(app, scenario)
    status = (tmp_path / f"huabei-status-{day}.txt").read_text(encoding="utf-8")
    assert "账户" in status
    assert (tmp_path / f"huabei-status-{day}-2.txt").exists()
    full = (tmp_path / f"huabei-all-{day}.txt").read_text(encoding="utf-8")
    assert "还款记录" in full and "授权核查" in full
    assert announced[0] == f"已导出到 {tmp_path / f'huabei-status-{day}.txt'}"
    assert (tmp_path / f"huabei-status-{day}.txt").stat().st_mode & 0o777 == 0o600


def test_help_and_palette_open_and_close(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"calendar")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen.NAME == "calendar"

    run(app, scenario)


def test_a_payment_from_another_terminal_appears_without_restart(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "en")
    db = tmp_path / "demo.json"

    async def scenario(pilot) -> None:
        before = app.snapshot.summary.next_bill
        assert before is not None and before.outstanding == 238_000
        result = subprocess.run(
            [sys.executable, "-m", "huabei_tui", "--db", str(db), "--today", DEMO_TODAY.isoformat(), "--lang", "en",
             "pay", str(before.month), "100"],
            capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stderr
        app.check_for_changes()
        await pilot.pause()
        assert app.snapshot.summary.next_bill.outstanding == 228_000
        # A save from the app afterwards keeps the other terminal's payment (the store re-reads under its lock).
        await pilot.press("b", "ctrl+a", "ctrl+k", *"3000", "enter")
        await pilot.pause()
        ledger = app.repo.load()
        assert sum(p.amount for p in ledger.payments_for(before.month)) == 10_000  # the demo paid none of it
        assert ledger.account.balance == 300_000

    run(app, scenario)


def test_quit_key_exits(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await pilot.press("q")
        await pilot.pause()

    run(app, scenario)
    assert app.return_code in (0, None)


def test_screens_built_in_the_background_leave_keys_with_the_first_and_follow_later_changes(tmp_path: Path) -> None:
    """After the first paint the other screens are built unseen; that must not take keys or focus from the status
    screen, and what changes meanwhile must show when they are opened."""
    app = demo_app(tmp_path, "zh", warm_screens=True)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        assert app.screen.NAME == "status"
        await pilot.press("b")  # a status-screen key still opens the status screen's form
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"2500", "enter")
        await pilot.pause()
        assert app.screen.NAME == "status" and app.snapshot.summary.shortfall == 0
        await pilot.press("L")
        await pilot.pause()
        for key, title in (("2", "Repayment calendar"), ("3", "Authorization checklist"), ("4", "Overdue recovery")):
            await pilot.press(key)
            await pilot.pause()
            assert title in str(app.screen.query_one("#screen-title").content)
            assert "Quit" in footer_labels(app)
        await pilot.press("1")
        await pilot.pause()
        assert "Account status" in str(app.screen.query_one("#screen-title").content)

    run(app, scenario)


def test_no_background_work_when_turned_off(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "en", warm_screens=False)

    async def scenario(pilot) -> None:
        await pilot.pause(0.3)
        assert app.screens_warmed.is_set()
        assert not any(app.get_screen(name).is_running for name in ("calendar", "checklist", "recovery"))
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.NAME == "recovery"

    run(app, scenario)


def test_the_footer_is_redrawn_only_when_its_keys_change(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        footer = app.screen.query_one(KeyFooter)
        before = footer.shown
        assert before is not None and before == footer.items()
        for _ in range(3):
            app.screen.refresh_bindings()  # what focus changes and re-rendering send
        await pilot.pause()
        assert footer.shown is before  # the line drawn is the very same: nothing redrawn
        await pilot.press("L")  # new labels: redrawn
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert footer.shown is not before and footer.shown == footer.items()
        assert "Quit" in footer_labels(app)

    run(app, scenario)


def test_help_lists_each_key_of_the_screen_once_with_what_it_does(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await pilot.press("3", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = [line.strip() for line in str(app.screen.query_one("#help-keys").content).splitlines()]
        firsts = [line.split()[0] for line in lines if line]
        assert len(firsts) == len(set(firsts)), lines  # no key twice ("f Answer" and "f Found")
        assert any(line.startswith("f") and "Found" in line for line in lines)
        assert any(line.startswith("n") and "Not found" in line for line in lines)
        assert any(line.startswith("u") and "Unsure" in line for line in lines)

    run(app, scenario)


def test_a_theme_change_restyles_every_screen_and_is_remembered(tmp_path: Path) -> None:
    """A theme chosen with one screen showing reaches the screens built before it, and the next run starts with it."""
    app = demo_app(tmp_path, "en")
    app.demo = False  # the demo never stores settings

    async def scenario(pilot) -> None:
        for key in ("2", "3", "4", "1"):  # build every screen first
            await pilot.press(key)
            await pilot.pause()
        before = app.screen.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        status_background = app.screen.styles.background
        assert status_background != before
        for key in ("2", "3", "4"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.styles.background == status_background, app.screen.NAME

    run(app, scenario)
    assert config.read_settings() == {"theme": "textual-light"}
    (tmp_path / "again").mkdir()
    assert demo_app(tmp_path / "again", "en").theme == "textual-light"


def test_keys_arriving_in_one_burst_after_tab_go_to_the_next_field(tmp_path: Path) -> None:
    """Over a laggy SSH link a quick typist's keys arrive together; the text after Tab belongs to the next field."""
    app = demo_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await pilot.press("4", "c")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("tab", "tab")  # to the outcome field
        await pilot.pause()
        burst = [events.Key(ch, ch) for ch in "ok 6"] + [events.Key("tab", "\t")]
        burst += [events.Key(ch, ch) for ch in "agent"]
        for event in burst:  # all queued before the app handles the first, as one read from the terminal
            app.post_message(event)
        await pilot.pause()
        await pilot.pause()
        values = app.screen.raw_values()
        assert (values["outcome"], values["note"]) == ("ok 6", "agent")

    run(app, scenario)


def test_a_new_user_sees_what_to_do_first_and_it_fits_the_panel(tmp_path: Path) -> None:
    """After leaving the setup (or with it off): the next steps, every one on a line of its own."""
    for lang, words in (("zh", ("还没有账单", "i  导入", "s  设置额度", "b  记录", "s  开通日期")),
                        ("en", ("No bills yet", "i  import", "s  set the limit", "b  record", "s  the opening"))):
        app = ledger_app(tmp_path / f"{lang}.json", None, lang, DEMO_TODAY, offer_setup=False)

        async def scenario(pilot, app=app, words=words) -> None:
            panel = app.screen.query_one("#status-next")
            for _ in range(50):  # laid out (a loaded machine may need more than one pause)
                if panel.content_region.width:
                    break
                await pilot.pause(0.02)
            text = str(panel.content)
            assert all(word in text for word in words), text
            inner = panel.content_region.width
            assert all(cell_width(line) <= inner for line in text.splitlines())  # no line wraps at 80×24

        run(app, scenario)


def test_records_past_their_five_years_show_as_deleted(tmp_path: Path) -> None:
    july = Month(2025, 7)
    ledger = Ledger(account=Account(limit=300_000), manual_bills={july: 150_000},
                    payments=(Payment(id="p1", month=july, amount=150_000, on=date(2025, 7, 15)),))
    app = ledger_app(tmp_path / "db.json", ledger, "en", date(2031, 1, 1))  # expired 2030-07-15

    async def scenario(pilot) -> None:
        history = str(app.screen.query_one("#status-history").content)
        assert "deleted (the last on 2030-07-15)" in history and "days)" not in history  # no "(-170 days)"
        await pilot.press("4")
        await pilot.pause()
        table = str(app.screen.query_one("#rec-episodes").content)
        assert table.splitlines()[1].rstrip().endswith("deleted")
        assert "was deleted (the last on 2030-07-15)" in str(app.screen.query_one("#rec-episodes-note").content)

    run(app, scenario)


def test_quitting_while_screens_are_built_in_the_background_is_clean(tmp_path: Path) -> None:
    """Quit at every step of building the other screens: a screen taken down half-built must not raise."""
    for steps in range(10):
        folder = tmp_path / str(steps)
        folder.mkdir()
        app = demo_app(folder, "zh")  # nothing built ahead: started by hand below, to quit after so many loop turns

        async def go(app=app, steps=steps) -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                app.build_next_screen()
                for _ in range(steps):
                    await asyncio.sleep(0)
                app.exit()
                await pilot.pause()

        asyncio.run(go())
        assert app.return_code == 0, steps


def test_screens_are_built_ahead_unseen_and_keys_typed_meanwhile_reach_the_right_screen(tmp_path: Path) -> None:
    """After the first paint the other screens are composed unseen (pushed and popped while frames are held), so a
    first visit is quick; a key typed while that happens waits and then goes to the screen it was typed on."""
    app = demo_app(tmp_path, "en", warm_screens=True)

    async def scenario(pilot) -> None:
        await pilot.press("b")  # typed at once: may arrive while a screen is being built ahead
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.screen_stack[-2].NAME == "status"
        await pilot.press("escape")
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        assert all(app.get_screen(name).is_running for name in ("calendar", "checklist", "recovery"))
        assert app.screen.NAME == "status" and len(app.screen_stack) == 1  # status is the stack's base
        for key, name in (("3", "checklist"), ("2", "calendar"), ("1", "status"), ("4", "recovery")):
            await pilot.press(key)
            await pilot.pause()
            assert name == app.screen.NAME
            assert len([s for s in app.screen_stack if getattr(s, "NAME", None)]) <= 2

    run(app, scenario)


def test_the_command_palette_speaks_the_user_s_language_only(tmp_path: Path) -> None:
    """Textual's own commands (Keys, Screenshot, Theme, Quit) are English only and its Keys panel broke the
    layout at 80 columns: the palette lists only the app's commands, Quit and the colour theme among them."""
    from textual.command import CommandInput, CommandList

    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(CommandInput).placeholder == "搜索命令…"
        prompts = [str(option.prompt) for option in palette.query_one(CommandList).options]
        assert any("退出" in p for p in prompts) and any("更换配色主题" in p for p in prompts)
        for english in ("Keys", "Screenshot", "Theme", "Quit", "Maximize"):
            assert not any(english in p for p in prompts), (english, prompts)
        await pilot.press(*"配色", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)  # the theme picker: another palette, of themes

    run(app, scenario)
