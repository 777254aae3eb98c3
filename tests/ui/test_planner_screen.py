"""The planner (``o`` on the status screen) and the split's confirm dialog (Enter on a split row, ``I`` on the
status screen), driven with keys at 80×24.

Bill 2025-09 of ¥2,000.00, balance ¥500.00, on 2025-09-05: the minimum (¥200.00 now, ¥18.00 of interest) is the
best clean option the balance covers; splits cost ¥46.00/¥90.00/¥130.00/¥150.00.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Ledger
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.split import SplitDialog
from huabei_tui.ui.screens.planner import PlannerScreen
from huabei_tui.ui.screens.status import StatusScreen
from support.tui import drive_screen, ledger_app

SPLIT_DAY = date(2025, 9, 5)


def make_app(tmp_path: Path, lang: str = "en", today: date = SPLIT_DAY) -> HuabeiApp:
    book = Ledger(account=Account(limit=800_000, balance=50_000, balance_checked_on=date(2025, 9, 1),
                                  opened=date(2024, 1, 1)),
                  manual_bills={Month(2025, 9): 200_000})
    return ledger_app(tmp_path / "db.json", book, lang, today)


def listen(app: HuabeiApp) -> list[str]:
    """Every toast the app shows from now on, as text."""
    seen: list[str] = []
    original = app.notify

    def notify(message, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(str(message))
        return original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def rows(app: HuabeiApp) -> list[str]:
    options = app.screen.query_one("#planner-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def splits(app: HuabeiApp) -> list[dict]:
    return json.loads(app.repo.path.read_text(encoding="utf-8")).get("bill_instalments", {}).values()


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


@pytest.mark.parametrize(("lang", "title", "best"), [
    ("en", "Options for bill 2025-09 · 2025-09-05", "▶ Minimum"),
    ("zh", "2025-09 账单的还款方案 · 2025-09-05", "▶ 最低还款"),
])
def test_o_opens_the_planner_on_the_best_option(tmp_path: Path, lang: str, title: str, best: str) -> None:
    app = make_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        await press(pilot, "o")
        assert isinstance(app.screen, PlannerScreen)
        assert str(app.screen.query_one("#screen-title", Static).content) == title
        shown = rows(app)
        assert len(shown) == 9  # full, minimum, 4 splits, 3 late
        options = app.screen.query_one("#planner-options", OptionList)
        assert options.has_focus and shown[options.highlighted or 0].startswith(best)
        assert "¥18.00" in shown[1] and "¥150.00" in shown[5]
        await press(pilot, "escape")
        assert isinstance(app.screen, StatusScreen)

    drive_screen(app, "1", StatusScreen, scenario)


def test_enter_on_a_split_row_confirms_with_fee_and_parts_and_saves(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        seen = listen(app)
        await press(pilot, "o", "down", "down")  # from the minimum to "Split in 6"
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, SplitDialog) and dialog.chosen == 6
        detail = str(dialog.query_one("#split-detail", Static).content)
        assert "Fee ¥90.00, ¥2,090.00 in all" in detail and "2026-03  ¥348.33" in detail
        await press(pilot, "up")
        assert dialog.chosen == 3
        assert "Fee ¥46.00" in str(dialog.query_one("#split-detail", Static).content)
        await press(pilot, "enter")
        assert isinstance(app.screen, PlannerScreen)
        assert [(s["month"], s["periods"], s["on"]) for s in splits(app)] == [("2025-09", 3, "2025-09-05")]
        assert "Bill 2025-09 split in 3" in seen
        # The planner stays on the bill: nothing is left to choose, and it says why.
        assert str(app.screen.query_one("#planner-best", Static).content) == "Split in 3 on 2025-09-05"
        assert app.snapshot.summary.bill(Month(2025, 9)).status == "instalment"

    drive_screen(app, "1", StatusScreen, scenario)


def test_escape_cancels_the_split_and_leaves_the_file_alone(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        before = app.repo.path.read_bytes()
        await press(pilot, "I")
        assert isinstance(app.screen, SplitDialog) and app.screen.chosen == 3
        await press(pilot, "down", "down", "down")
        assert app.screen.chosen == 12
        await press(pilot, "escape")
        assert isinstance(app.screen, StatusScreen)
        assert app.repo.path.read_bytes() == before

    drive_screen(app, "1", StatusScreen, scenario)


def test_enter_on_another_row_says_what_enter_does(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        seen = listen(app)
        await press(pilot, "o", "enter")  # on the minimum
        assert isinstance(app.screen, PlannerScreen)
        assert "Enter on a split row splits the bill" in seen

    drive_screen(app, "1", StatusScreen, scenario)


@pytest.mark.parametrize(("today", "said"), [
    (date(2025, 8, 25), "Bill 2025-09 cannot be split now: possible from the statement date 2025-09-01"),
    (date(2025, 9, 11), "Bill 2025-09 cannot be split now: the due date 2025-09-10 has passed"),
])
def test_split_key_says_when_a_split_would_be_allowed(tmp_path: Path, today: date, said: str) -> None:
    app = make_app(tmp_path, today=today)

    async def scenario(pilot) -> None:
        seen = listen(app)
        before = app.repo.path.read_bytes()
        await press(pilot, "I")
        assert isinstance(app.screen, StatusScreen)
        assert said in seen
        assert app.repo.path.read_bytes() == before

    drive_screen(app, "1", StatusScreen, scenario)


@pytest.mark.parametrize(("lang", "bills", "said", "not_said"), [
    ("en", False, "No bill to split yet: add or import your bills first (i imports", "plan"),
    ("zh", False, "还没有可分期的账单：先录入或导入账单（按 i 导入", "方案"),
    ("en", True, "No bill to split: nothing is left to pay on your bills", "plan"),
    ("zh", True, "没有可分期的账单：账单都已还清", "方案"),
])
def test_split_key_with_no_bill_says_there_is_none_to_split(tmp_path: Path, lang: str, bills: bool, said: str,
                                                            not_said: str) -> None:
    """``I`` with no bill to act on speaks of splitting, not of the planner ("nothing to plan")."""
    from huabei_tui.domain.bills import Payment

    book = Ledger(account=Account(limit=800_000, opened=date(2024, 1, 1)),
                  manual_bills={Month(2025, 9): 200_000} if bills else {},
                  payments=(Payment("p1", Month(2025, 9), 200_000, date(2025, 9, 3)),) if bills else ())
    app = ledger_app(tmp_path / "db.json", book, lang, SPLIT_DAY, offer_setup=False)

    async def scenario(pilot) -> None:
        seen = listen(app)
        for screen_key in ("", "o"):  # on the status screen, then in the planner
            if screen_key:
                await press(pilot, screen_key)
                assert isinstance(app.screen, PlannerScreen)
            await press(pilot, "I")
            assert not isinstance(app.screen, SplitDialog)
            assert seen[-1].startswith(said), seen
            assert not_said not in seen[-1]

    drive_screen(app, "1", StatusScreen, scenario)


@pytest.mark.parametrize(("lang", "minimum", "block"), [
    ("en", "Minimum      ¥200.00", ["This month's options (o: all)", "▶ Minimum ¥200.00 · ¥18.00 interest",
                                    "  Pay in full ¥2,000.00 · no cost"]),
    ("zh", "最低还款  ¥200.00", ["本月方案（o 查看全部）", "▶ 最低还款 ¥200.00 · 利息 ¥18.00",
                                "  全额还款 ¥2,000.00 · 无费用"]),
])
def test_the_status_screen_shows_the_minimum_and_this_months_options(tmp_path: Path, lang: str, minimum: str,
                                                                      block: list[str]) -> None:
    app = make_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        assert minimum in str(app.screen.query_one("#status-next", Static).content)
        assert str(app.screen.query_one("#status-options", Static).content).splitlines() == block

    drive_screen(app, "1", StatusScreen, scenario)


def test_the_palette_opens_the_planner_and_help_lists_its_keys(tmp_path: Path) -> None:
    from textual.command import CommandList, CommandPalette

    from huabei_tui.ui.screens.help import HelpScreen

    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).content)
        assert "Options" in keys and "Split bill" in keys  # o and I on the status screen
        await press(pilot, "escape")
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        prompts = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("See this month's options" in p for p in prompts)
        assert any("Split the bill to pay into instalments" in p for p in prompts)
        await pilot.press(*"month's options", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PlannerScreen)
        await press(pilot, "question_mark")
        keys = str(app.screen.query_one("#help-keys", Static).content)
        assert "Back" in keys and "then split" in keys and "Split bill" in keys

    drive_screen(app, "1", StatusScreen, scenario)


@pytest.mark.parametrize(("lang", "title", "first_step"), [
    ("en", "No bills yet: once your bills are in, this compares every way to pay", "i  import the Alipay export"),
    ("zh", "还没有账单：账单录入或导入后，这里会比较每种还法的代价", "i  导入支付宝交易明细"),
])
def test_a_new_user_pressing_o_is_told_how_to_get_bills_in(tmp_path: Path, lang: str, title: str,
                                                             first_step: str) -> None:
    # An empty file: "No bill to pay" read like a clean slate; the planner says what to do first instead.
    app = ledger_app(tmp_path / "db.json", None, lang, date(2026, 12, 6), offer_setup=False)

    async def scenario(pilot) -> None:
        assert str(app.screen.query_one("#screen-title", Static).content) == title
        best = str(app.screen.query_one("#planner-best", Static).content)
        assert first_step in best and "Ctrl+P" in best, best
        assert not app.screen.query_one("#planner-options", OptionList).display

    drive_screen(app, "o", PlannerScreen, scenario)
