"""App-wide behaviour through Pilot: screen keys, language, exports, help, palette, and another process's changes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from textual.command import CommandPalette

from huabei_tui.ui.demo import DEMO_TODAY, demo_app
from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.screens.help import HelpScreen


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
        await pilot.press("b", "ctrl+a", "ctrl+k", *"¥2,000", "enter")
        await pilot.pause()
        account = app.repo.load().account
        assert account.balance == 200_000
        assert account.balance_checked_on == DEMO_TODAY
        assert app.summary.shortfall == 0

    run(app, scenario)


def test_language_switch_is_immediate_and_remembered(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")
    app.demo = False  # the demo never stores settings; a real database does

    async def scenario(pilot) -> None:
        await pilot.press("L")
        await pilot.pause()
        assert app.lang == "en"
        assert "Account status" in str(app.screen.query_one("#screen-title").content)
        assert app.repo.setting("lang") == "en"

    run(app, scenario)


def test_export_keys_write_files_and_never_overwrite(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("e", "E")
        await pilot.pause()

    run(app, scenario)
    day = DEMO_TODAY.isoformat()
    status = (tmp_path / f"huabei-status-{day}.txt").read_text(encoding="utf-8")
    assert "账户" in status
    assert (tmp_path / f"huabei-status-{day}-2.txt").exists()
    full = (tmp_path / f"huabei-all-{day}.txt").read_text(encoding="utf-8")
    assert "还款记录" in full and "授权核查" in full


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
        before = app.summary.next_bill
        assert before is not None and before.outstanding == 158_000
        result = subprocess.run(
            [sys.executable, "-m", "huabei_tui", "--db", str(db), "--today", DEMO_TODAY.isoformat(), "--lang", "en",
             "pay", str(before.month), "100"],
            capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stderr
        app.check_for_changes()
        await pilot.pause()
        assert app.summary.next_bill.outstanding == 148_000
        # A save from the app afterwards keeps the other terminal's payment (the store re-reads under its lock).
        await pilot.press("b", "ctrl+a", "ctrl+k", *"3000", "enter")
        await pilot.pause()
        ledger = app.repo.load()
        assert sum(p.amount for p in ledger.payments_for(before.month)) == 80_000 + 10_000
        assert ledger.account.balance == 300_000

    run(app, scenario)


def test_quit_key_exits(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await pilot.press("q")
        await pilot.pause()

    run(app, scenario)
    assert app.return_code in (0, None)
