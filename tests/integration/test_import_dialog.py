"""The import dialog in the TUI, driven with Pilot at 80×24: path → preview → confirm, or an error, or cancel."""

from __future__ import annotations

import asyncio
import functools
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, ProgressBar, Static

from huabei_tui.clock import Clock
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.import_dialog import ImportDialog, split_paths
from support.alipay_files import (
    APP2023_FIRST_DATA_LINE,
    Quirks,
    build_app2021,
    build_app2023,
    build_web,
    many,
    purchase,
    refund,
    repayment,
)

TODAY = date(2026, 11, 29)
# October 2026 purchases land on bill 2026-11 (default statement day 1), November ones on 2026-12.
TXS = [
    purchase(1, time="2026-10-15 12:00:00", amount="88.00", description="午餐"),
    purchase(2, time="2026-10-20 12:00:00", amount="3000.00", method="花呗分期(3期)", description="手机"),
    refund(3, purchase(1, time="2026-10-15 12:00:00", amount="88.00"), "8.00", "2026-10-16 12:00:00"),
    repayment(4, "2026-10", "100.00", "2026-10-09 08:00:00"),
    purchase(5, time="2026-11-02 12:00:00", amount="12.00", method="余额宝"),
]


def run_async(test):
    """Run an ``async def`` test with ``asyncio.run`` (no pytest async plugin needed); fixtures still work."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


def make_app(db: Path, lang: str = "zh") -> HuabeiApp:
    # An empty file would open the first-run setup; these tests start at the import dialog itself.
    return HuabeiApp(Repository(Store(db)), Clock(TODAY), lang, poll_seconds=0, warm_screens=False,
                     offer_setup=False)


def stored(db: Path) -> tuple[int, int, int]:
    """Purchases, payments and plans in the data file itself (not the app's copy)."""
    ledger = Repository(Store(db)).load()
    return len(ledger.purchases), len(ledger.payments), len(ledger.plans)


async def open_dialog(pilot) -> ImportDialog:
    await pilot.press("i")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ImportDialog)
    assert isinstance(dialog.focused, Input)
    return dialog


async def read(pilot, dialog: ImportDialog, text: str) -> None:
    dialog.query_one("#import-path", Input).value = text
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def shown(dialog: ImportDialog, widget_id: str) -> str:
    return str(dialog.query_one(widget_id, Static).render())


@pytest.mark.parametrize("key", ["enter", "y"])
@run_async
async def test_preview_then_confirm_saves_once(tmp_path: Path, key: str) -> None:
    db = tmp_path / "huabei.json"
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(TXS))
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert dialog.stage == "preview"
        preview = shown(dialog, "#import-lines")
        assert "alipay.csv：读取 5 行" in preview
        assert "花呗消费 2 笔（其中分期 1 笔），退款 1 笔，还款 1 笔" in preview
        assert "涉及账单：2026-10, 2026-11, 2026-12, 2027-01" in preview
        assert "未使用花呗：1 行" in preview
        assert "Enter/y 导入" in shown(dialog, "#import-hint")
        assert not db.exists()  # nothing saved before the answer
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        assert stored(db) == (3, 1, 1)
        assert len(app.snapshot.ledger.purchases) == 3  # the app reloaded
        assert "新增：消费/退款 3 笔，还款 1 笔，分期计划 1 个" in app.notice  # the one toast shown
        assert len(Store(db).backups()) == 0  # one save: the first save of a new file has nothing to back up


@run_async
async def test_typed_paths_with_tilde_and_two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (home / "a.csv").write_bytes(build_app2023(TXS[:2]))
    overlapping = build_app2021(TXS[1:], Quirks(encoding="utf-8-sig", newline="\r\n"), receipt_line=False)
    (home / "b.csv").write_bytes(overlapping)  # overlaps a.csv
    db = tmp_path / "huabei.json"
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await pilot.press(*"~/a.csv ~/b.csv", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        preview = shown(dialog, "#import-lines")
        assert "a.csv: 2 rows read (app2023, gb18030)" in preview
        assert "b.csv: 4 rows read (app2021, utf-8-sig)" in preview
        assert "Huabei purchases 2 (1 in instalments), refunds 1, repayments 1" in preview
        await pilot.press("y")
        await pilot.pause()
    assert stored(db) == (3, 1, 1)


@run_async
async def test_importing_again_says_what_is_known_and_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(TXS))
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await read(pilot, await open_dialog(pilot), str(path))
        await pilot.press("y")
        await pilot.pause()
        before = db.read_bytes()
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert "4 of them were imported before" in shown(dialog, "#import-lines")
        await pilot.press("enter")
        await pilot.pause()
        assert "Added: 0 purchases/refunds, 0 repayments, 0 instalment plans; 4 already known" in app.notice
    assert db.read_bytes() == before


@pytest.mark.parametrize(("lang", "message"), [
    ("zh", f"第 {APP2023_FIRST_DATA_LINE + 1} 行：无法识别交易时间“2026-13-45 12:00:00”"),
    ("en", f"line {APP2023_FIRST_DATA_LINE + 1}: unreadable transaction time “2026-13-45 12:00:00”"),
], ids=["zh", "en"])
@run_async
async def test_a_malformed_file_shows_the_error_and_saves_nothing(tmp_path: Path, lang: str, message: str) -> None:
    db = tmp_path / "huabei.json"
    good = tmp_path / "good.csv"
    good.write_bytes(build_app2023(TXS))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(build_app2023([TXS[0], purchase(9, time="2026-13-45 12:00:00"), *TXS[1:]]))
    app = make_app(db, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, f"{good} {bad}")
        error = shown(dialog, "#import-error")
        assert message in error and "bad.csv" in error
        assert dialog.stage == "path"
        assert not dialog.query_one("#import-preview").display
        path_input = dialog.query_one("#import-path", Input)
        assert not path_input.disabled and dialog.focused is path_input  # correct the path and try again
        await pilot.press("y")  # a letter of the path, not an answer
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog) and path_input.value.endswith("bad.csvy")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
    assert not db.exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "This is not an Alipay transaction export"),
    (None, "cannot read"),
], ids=["png", "missing"])
@run_async
async def test_not_an_export_or_missing_file(tmp_path: Path, content: bytes | None, message: str) -> None:
    db = tmp_path / "huabei.json"
    path = tmp_path / "picture.png"
    if content is not None:
        path.write_bytes(content)
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert message in shown(dialog, "#import-error")
        await pilot.press("enter")  # an empty path is explained too
        dialog.query_one("#import-path", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert "Enter a file path" in shown(dialog, "#import-error")
    assert not db.exists()


@pytest.mark.parametrize("key", ["escape", "n"])
@run_async
async def test_cancel_at_the_preview_saves_nothing(tmp_path: Path, key: str) -> None:
    db = tmp_path / "huabei.json"
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(TXS))
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert dialog.stage == "preview"
        spool = dialog.outcome.preview.batch.purchases  # the purchases read, waiting on disk (no name)
        assert len(spool) and not spool.closed
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        assert app.snapshot.ledger.purchases == ()
        assert spool.closed  # the cancel let them go
    assert not db.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alipay.csv"]


@run_async
async def test_escape_leaves_the_path_step(tmp_path: Path) -> None:
    app = make_app(tmp_path / "huabei.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot)
        await pilot.press(*"abc", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)


@run_async
async def test_web_layout_explains_and_closes(tmp_path: Path) -> None:
    path = tmp_path / "web.csv"
    path.write_bytes(build_web(TXS))
    db = tmp_path / "huabei.json"
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert "Huabei rows cannot be told apart" in shown(dialog, "#import-lines")
        assert "No Huabei records to import" in shown(dialog, "#import-lines")
        assert shown(dialog, "#import-hint") == "Enter/Esc close"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
    assert not db.exists()


@run_async
async def test_english_throughout(tmp_path: Path) -> None:
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(TXS))
    app = make_app(tmp_path / "huabei.json", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        assert shown(dialog, "#import-title") == "Import the Alipay transaction export"
        assert "several paths separated by spaces" in shown(dialog, "#import-intro").lower()
        assert shown(dialog, "#import-hint") == "Enter read and preview · Esc cancel"
        await read(pilot, dialog, str(path))
        assert "Huabei purchases 2 (1 in instalments)" in shown(dialog, "#import-lines")
        assert "Bills affected: 2026-10, 2026-11, 2026-12, 2027-01" in shown(dialog, "#import-lines")
        assert "Enter/y import" in shown(dialog, "#import-hint")


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_the_dialog_fits_80_by_24(tmp_path: Path, lang: str) -> None:
    """A preview with every skip reason and a year of bills still fits, hint included."""
    rows = [*TXS, purchase(20, method="余额宝"), purchase(21, status="交易关闭"), purchase(22, status="等待确认收货"),
            purchase(23, direction="收入"), purchase(24, status="支付失败"),
            purchase(25, time="2026-01-10 10:00:00", method="花呗分期(12期)", amount="1200.00")]
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(rows))
    app = make_app(tmp_path / "huabei.json", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert dialog.stage == "preview"
        screen = app.screen.region
        box = dialog.query_one("#import-box").region
        assert screen.contains_region(box)
        for widget_id in ("#import-title", "#import-hint", "#import-preview"):
            region = dialog.query_one(widget_id).region
            assert region.height >= 1 and box.contains_region(region), widget_id


@run_async
async def test_a_big_file_shows_a_progress_bar_and_saves_once(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    Repository(Store(db)).set_setting("lang", "zh")  # the file exists, so the import's save leaves one backup
    path = tmp_path / "year.csv"
    path.write_bytes(build_app2023(many(20_000)))
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert dialog.progress_shown
        assert dialog.query_one("#import-progress", ProgressBar).percentage == 1
        assert "20000 rows read" in shown(dialog, "#import-lines")
        await pilot.press("y")
        await pilot.pause()
    assert stored(db) == (10_000, 0, 0)
    assert len(Store(db).backups()) == 1


@run_async
async def test_escape_while_reading_stops_and_saves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    path = tmp_path / "year.csv"
    path.write_bytes(build_app2023(many(20_000)))
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dialog.stage == "closed"
        assert not isinstance(app.screen, ImportDialog)
    assert not db.exists()


@run_async
async def test_small_files_need_no_progress_bar(tmp_path: Path) -> None:
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023(TXS))
    app = make_app(tmp_path / "huabei.json")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert not dialog.progress_shown


@run_async
async def test_the_command_palette_opens_the_dialog(tmp_path: Path) -> None:
    app = make_app(tmp_path / "huabei.json", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"alipay")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)


def test_split_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    spaced = tmp_path / "my exports" / "alipay 2025.csv"
    spaced.parent.mkdir()
    spaced.write_bytes(b"")
    assert split_paths("  ") == []
    assert split_paths("~/a.csv  ~/b.csv") == [tmp_path / "a.csv", tmp_path / "b.csv"]
    assert split_paths(str(spaced)) == [spaced]  # an existing path with spaces, unquoted
    assert split_paths(f"'{spaced}' ~/b.csv") == [spaced, tmp_path / "b.csv"]
    assert split_paths("~/it's.csv") == [tmp_path / "it's.csv"]  # an unbalanced quote falls back to spaces


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", "1 行的日期在今天（2026-11-29）之后：照样保存，但到了它的日期才计入账单和已用额度"),
    ("en", "1 row is dated after today (2026-11-29): it is saved, but counts on its bill and in the limit used only "
           "from its own date"),
])
@run_async
async def test_the_preview_says_how_many_rows_are_dated_after_the_apps_today(tmp_path: Path, lang: str,
                                                                             said: str) -> None:
    path = tmp_path / "alipay.csv"
    path.write_bytes(build_app2023([*TXS, purchase(9, time="2026-12-01 09:00:00", amount="5.00")]))
    app = make_app(tmp_path / "huabei.json", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(path))
        assert dialog.stage == "preview"
        assert said in shown(dialog, "#import-lines")
