"""The import dialog with a payment method no credit line takes: it asks once which line, then imports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Static

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.lines import CREDIT_PURCHASE, CreditLine
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.import_dialog import ImportDialog
from support.alipay_files import build_app2023, purchase
from support.tui import run_app as run

TODAY = date(2025, 5, 9)
ROWS = [purchase(1, time="2025-04-03 09:05:07", amount="25.80"),
        purchase(2, time="2025-04-05 12:00:00", amount="300.00", method="信用购"),
        purchase(3, time="2025-04-06 12:00:00", amount="100.00", method="信用购")]


def shown(dialog: ImportDialog, widget_id: str) -> str:
    return str(dialog.query_one(widget_id, Static).render())


async def read(pilot, path: Path) -> ImportDialog:
    await pilot.press("i")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ImportDialog)
    dialog.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    return dialog


def test_the_dialog_asks_which_line_then_imports_and_remembers(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    repo = Repository(Store(db))
    repo.update_account(lambda account: Account(limit=800000))
    repo.add_line(lambda lines: CreditLine(lines.next_id(), "兴业", ()), lambda _line: None)
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(ROWS))
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        dialog = await read(pilot, path)
        assert dialog.stage == "route"
        question = shown(dialog, "#import-route")
        assert "2 rows paid with “信用购”: which credit line? 1 花呗 · 2 兴业 · s leave them out" in question
        await pilot.press("enter")  # not answered yet: nothing is saved
        await pilot.pause()
        assert dialog.stage == "route" and len(Store(db).backups()) == 1
        await pilot.press("2")
        await pilot.pause()
        assert dialog.stage == "preview" and app.screen is dialog  # "2" answered, it did not switch screens
        preview = shown(dialog, "#import-lines")
        assert "Credit line “兴业”:" in preview
        # Each share is under its line's name: 兴业's purchases are not "Huabei purchases".
        assert "Purchases 2 (0 in instalments)" in preview and "Huabei purchases" not in preview
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        assert [p.amount for p in repo.line(2).load().purchases] == [30000, 10000]
        assert [p.amount for p in repo.load().purchases] == [2580]
        assert repo.lines().for_method(CREDIT_PURCHASE).name == "兴业"

    run(app, scenario)


def test_leaving_a_method_out_imports_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    repo = Repository(Store(db))
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(ROWS))
    app = HuabeiApp(repo, Clock(TODAY), "zh", poll_seconds=0, warm_screens=False, remember_lang=False, offer_setup=False)

    async def scenario(pilot) -> None:
        dialog = await read(pilot, path)
        assert dialog.stage == "route"
        assert "1 花呗 · s 不导入" in shown(dialog, "#import-route")
        await pilot.press("s")
        await pilot.pause()
        assert dialog.stage == "preview"
        assert "付款方式未分配给信用账户（按选择不导入）：2 行" in shown(dialog, "#import-lines")
        await pilot.press("y")
        await pilot.pause()
        assert [p.amount for p in repo.load().purchases] == [2580]

    run(app, scenario)
