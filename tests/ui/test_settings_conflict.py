"""The settings form writes only what the user changed, and asks before overwriting a change made elsewhere."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path

from huabei_tui.domain.account import Account
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.conflict import ConflictDialog
from huabei_tui.ui.dialogs.form import FormDialog
from support.tui import demo_data_app


def run(app: HuabeiApp, scenario: Callable[..., Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(go())


def elsewhere(app: HuabeiApp, **changes: object) -> None:
    """Another terminal changes the settings (its own repository on the same file)."""
    Repository(Store(app.repo.path)).update_account(lambda account: Account.with_changes(account, **changes))


async def open_form_and_type(pilot, limit: str, due_day: str | None = None) -> None:
    """s, the limit (the first field), and optionally the due day (three fields further: Alipay's day pairs and the
    statement day come between)."""
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k", *limit)
    if due_day is not None:
        await pilot.press("tab", "tab", "tab", "ctrl+a", "ctrl+k", *due_day)


def test_a_conflict_shows_both_values_and_use_mine_overwrites(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await open_form_and_type(pilot, "9000")
        elsewhere(app, limit=300_000)
        before = app.repo.path.read_bytes()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        rows = str(app.screen.query_one("#conflict-rows").content)
        assert "Credit limit" in rows and "yours: ¥9,000.00" in rows and "saved elsewhere: ¥3,000.00" in rows
        assert app.repo.path.read_bytes() == before  # nothing saved while the question is open
        await pilot.press("o")
        await pilot.pause()
        assert not isinstance(app.screen, (ConflictDialog, FormDialog))
        assert app.repo.load().account.limit == 900_000
        assert app.snapshot.ledger.account.limit == 900_000
        assert app.notice == "Settings saved"

    run(app, scenario)


def test_keep_theirs_keeps_the_other_value_and_saves_the_rest(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await open_form_and_type(pilot, "9000", due_day="12")
        elsewhere(app, limit=300_000)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert "Due day" not in str(app.screen.query_one("#conflict-rows").content)  # not changed elsewhere
        await pilot.press("k")
        await pilot.pause()
        assert not isinstance(app.screen, (ConflictDialog, FormDialog))
        account = app.repo.load().account
        assert account.limit == 300_000  # theirs
        assert account.due_day == 12  # the user's other change

    run(app, scenario)


def test_escape_goes_back_to_the_form_with_nothing_saved(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await open_form_and_type(pilot, "9000")
        elsewhere(app, limit=300_000)
        before = app.repo.path.read_bytes()
        await pilot.press("enter")
        await pilot.pause()
        rows = str(app.screen.query_one("#conflict-rows").content)
        assert "你填的：¥9,000.00" in rows and "别处保存的：¥3,000.00" in rows
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.raw_values()["limit"] == "9000"
        assert app.repo.path.read_bytes() == before

    run(app, scenario)


def test_a_setting_changed_elsewhere_but_not_in_the_form_is_not_overwritten(tmp_path: Path) -> None:
    """The lost update of issue 13 item 6: the form used to write every field it showed."""
    app = demo_data_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await open_form_and_type(pilot, "9000")
        elsewhere(app, fee_rate=Decimal("0.04"), auto_repay=True)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (ConflictDialog, FormDialog))
        account = app.repo.load().account
        assert account.limit == 900_000
        assert account.fee_rate == Decimal("0.04") and account.auto_repay is True

    run(app, scenario)


def test_saving_the_form_unchanged_writes_nothing(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        before = app.repo.path.read_bytes()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert app.repo.path.read_bytes() == before
        assert app.notice == "No setting was changed"

    run(app, scenario)
