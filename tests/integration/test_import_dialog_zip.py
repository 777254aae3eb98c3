"""The import dialog with the encrypted zip Alipay mails: a masked password field, three tries, nothing on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from huabei_tui.ui.dialogs.import_dialog import PASSWORD_TRIES, ImportDialog
from support.alipay_files import build_app2023, build_zip

from .test_import_dialog import TXS, make_app, open_dialog, read, run_async, shown, stored


def zip_path(tmp_path: Path, password: str | None = "135790", **members: bytes) -> Path:
    path = tmp_path / "alipay.zip"
    path.write_bytes(build_zip(members or {"支付宝交易明细.csv": build_app2023(TXS)}, password))
    return path


async def type_password(pilot, dialog: ImportDialog, password: str) -> None:
    field = dialog.query_one("#import-password", Input)
    assert dialog.focused is field
    await pilot.press(*password, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@run_async
async def test_the_password_is_asked_in_a_masked_field_then_the_preview_shows(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(zip_path(tmp_path)))
        assert dialog.stage == "password"
        field = dialog.query_one("#import-password", Input)
        assert field.display and field.password and dialog.focused is field
        assert "alipay.zip is encrypted: type its password" in shown(dialog, "#import-password-label")
        assert "Enter unlock and read" in shown(dialog, "#import-hint")
        await type_password(pilot, dialog, "135790")
        assert dialog.stage == "preview"
        assert not field.display and field.value == ""  # the password does not linger on screen
        assert "alipay.zip/支付宝交易明细.csv: 5 rows read" in shown(dialog, "#import-lines")
        await pilot.press("y")
        await pilot.pause()
    assert stored(db) == (3, 1, 1)
    # Nothing decrypted lands on disk: only the data file, its lock and the imported rows beside it.
    assert sorted(os.listdir(tmp_path)) == ["alipay.zip", "huabei.json", "huabei.json.lock", "huabei.json.parts"]
    assert [name.split(".")[0] for name in os.listdir(tmp_path / "huabei.json.parts")] == ["purchases"]


@run_async
async def test_three_wrong_passwords_go_back_to_the_path_and_save_nothing(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(zip_path(tmp_path)))
        await type_password(pilot, dialog, "111111")
        assert dialog.stage == "password"
        assert shown(dialog, "#import-error") == "Wrong password; you can try 2 more times"
        await type_password(pilot, dialog, "222222")
        assert shown(dialog, "#import-error") == "Wrong password; you can try 1 more time"
        await type_password(pilot, dialog, "333333")
        assert PASSWORD_TRIES == 3
        assert dialog.stage == "path"
        assert "alipay.zip: wrong password (3 tries); nothing was imported" in shown(dialog, "#import-error")
        assert not dialog.query_one("#import-password", Input).display
        assert dialog.focused is dialog.query_one("#import-path", Input)
    assert not db.exists()


@run_async
async def test_a_right_password_after_a_wrong_one(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    app = make_app(db, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(zip_path(tmp_path)))
        assert "alipay.zip 已加密，请输入密码" in shown(dialog, "#import-password-label")
        await type_password(pilot, dialog, "000000")
        assert shown(dialog, "#import-error") == "密码错误，还可以再试 2 次"
        await type_password(pilot, dialog, "135790")
        assert dialog.stage == "preview" and shown(dialog, "#import-error") == ""


@run_async
async def test_escape_at_the_password_cancels_everything(tmp_path: Path) -> None:
    db = tmp_path / "huabei.json"
    app = make_app(db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(zip_path(tmp_path)))
        await pilot.press("n", "y")  # letters of a password, not answers
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        assert dialog.query_one("#import-password", Input).value == "ny"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
    assert not db.exists()


@pytest.mark.parametrize("password", [None, "135790"], ids=["plain", "aes"])
@run_async
async def test_a_zip_without_a_csv_says_so(tmp_path: Path, password: str | None) -> None:
    app = make_app(tmp_path / "huabei.json", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(zip_path(tmp_path, password, **{"notes.txt": b"x"})))
        assert "the zip holds no CSV file (it holds: notes.txt)" in shown(dialog, "#import-error")
        assert dialog.stage == "path"


@run_async
async def test_a_fifo_is_refused_in_the_dialog_too(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    app = make_app(tmp_path / "huabei.json", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await read(pilot, dialog, str(fifo))
        assert "this is a named pipe (FIFO), not a file" in shown(dialog, "#import-error")
