"""The app left open past midnight in Shanghai moves to the new day by itself: every panel, no key pressed.

The clock follows a fake instant the test moves (``Clock.following``); nothing sleeps on wall time. After the
instant passes midnight the test only waits for the app's own poll timer to notice the new day, then reads
what the visible screen shows.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import Static

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp

#: 23:59:30 in Shanghai on 2026-11-09, the day before bill 2026-11 is due (statement day 1, due day 10).
BEFORE_MIDNIGHT = datetime(2026, 11, 9, 15, 59, 30, tzinfo=UTC)
NEW_DAY = date(2026, 11, 10)


@dataclass
class FakeTime:
    now: datetime = BEFORE_MIDNIGHT

    def __call__(self) -> datetime:
        return self.now


def make_app(tmp_path: Path, bills: dict[Month, int], time: FakeTime) -> HuabeiApp:
    repo = Repository(Store(tmp_path / "huabei.json"))
    account = Account(statement_day=1, due_day=10, opened=date(2026, 1, 1))
    repo.replace_ledger(Ledger(account=account, manual_bills=bills), only_if_empty=False)
    # A short poll: the app notices the new day through the same timer that notices other terminals' saves.
    return HuabeiApp(repo, Clock.following(time), "en", poll_seconds=0.02, warm_screens=False)


def screen_text(app: HuabeiApp) -> str:
    """Everything the visible screen's text widgets show, panel titles included, as plain text."""
    parts: list[str] = []
    for widget in app.screen.query(Static):
        if widget.border_title:
            parts.append(f"[{widget.border_title}]")
        content = widget.content
        if isinstance(content, str | Text):
            parts.append(str(content))
        else:  # a Rich renderable (a table): drawn at the screen's width
            console = Console(width=78, record=True, file=io.StringIO())
            console.print(content)
            parts.append(console.export_text())
    return "\n".join(parts)


async def pass_midnight(app: HuabeiApp, pilot, time: FakeTime) -> None:
    """Move the fake instant 31 s on (00:00:01 in Shanghai, still the 9th in UTC) and wait for the app's poll."""
    time.now += timedelta(seconds=31)
    for _ in range(500):
        if app.snapshot.today == NEW_DAY:
            break
        await pilot.pause(0.01)
    assert app.snapshot.today == NEW_DAY, "the app did not notice the new day"
    await pilot.pause()


TWO_BILLS = {Month(2026, 10): 100_000, Month(2026, 11): 50_000}  # 2026-10 is 30 days overdue on 11-09

#: (screen key, what it shows before midnight, and after it), all in the visible screen's text.
SCENES = {
    "status": ("1", TWO_BILLS, [
        "2026-11-09", "Days to due  30 days overdue", "Fee          ¥15.00 (+¥0.50/day)",
        "Bill 2026-10 is 30 days overdue", "fees ¥15.00",
    ], [
        "2026-11-10", "Days to due  31 days overdue", "Fee          ¥15.50 (+¥0.50/day)",
        "Bill 2026-10 is 31 days overdue", "fees ¥15.50",
    ]),
    "status, due tomorrow": ("1", {Month(2026, 11): 50_000}, [
        "2026-11-09", "Days to due  due in 1 day",
    ], [
        "2026-11-10", "Days to due  due today",
    ]),
    "calendar": ("2", TWO_BILLS, [
        "2026-11-09", "[2026-11-09 Mon · today]", "¥1,000.00 · 30 days overdue", "• unpaid (due in 1 day)",
    ], [
        "2026-11-10", "[2026-11-10 Tue · today]", "• Due: bill 2026-11, ¥500.00", "  unpaid (due today)",
        "¥1,000.00 · 31 days overdue", "• unpaid (due today)",
    ]),
    "recovery": ("4", TWO_BILLS, [
        "2026-11-09", "2026-10  2026-10-10    30  ¥1,000.00  ¥15.00  +¥0.50  unpaid",
        "2026  *  *  *  *  *  *  *  *  *  1  1",
    ], [
        "2026-11-10", "2026-10  2026-10-10    31  ¥1,000.00  ¥15.50  +¥0.50  unpaid",
        "2026  *  *  *  *  *  *  *  *  *  1  2",  # the repayment grid's current month: 31 days late is code 2
    ]),
}


@pytest.mark.parametrize("scene", SCENES)
def test_the_visible_screen_shows_the_new_day_without_a_key_press(tmp_path: Path, scene: str) -> None:
    key, bills, before, after = SCENES[scene]
    time = FakeTime()
    app = make_app(tmp_path, bills, time)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
            await pilot.pause()
            shown = screen_text(app)
            for text in before:
                assert text in shown, (text, shown)
            await pass_midnight(app, pilot, time)  # no key pressed from here on
            shown = screen_text(app)
            for text in after:
                assert text in shown, (text, shown)
            assert "2026-11-09" not in shown.splitlines()[0]  # the tab bar's date moved on

    asyncio.run(run())


def test_screens_visited_before_midnight_show_the_new_day_when_shown_again(tmp_path: Path) -> None:
    time = FakeTime()
    app = make_app(tmp_path, TWO_BILLS, time)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for key in ("2", "4", "1"):  # every screen built and drawn on the 9th; the status screen stays in view
                await pilot.press(key)
                await pilot.pause()
            await pass_midnight(app, pilot, time)
            for key, scene in (("2", "calendar"), ("4", "recovery")):
                await pilot.press(key)
                await pilot.pause()
                shown = screen_text(app)
                for text in SCENES[scene][3]:
                    assert text in shown, (text, shown)

    asyncio.run(run())


def test_a_day_that_changes_is_not_announced_as_a_change_from_elsewhere(tmp_path: Path) -> None:
    time = FakeTime()
    app = make_app(tmp_path, TWO_BILLS, time)
    signature = app.snapshot.signature

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pass_midnight(app, pilot, time)
            assert app.snapshot.signature == signature  # nothing was read as changed on disk
            assert app.notice == ""  # and no "changed elsewhere" toast

    asyncio.run(run())
