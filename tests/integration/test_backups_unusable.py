"""A backups folder that cannot be used: saves go on, and the user is told (issue 13 item 5).

When ``huabei.json.backups`` was a dangling symlink (or a file, or a folder we may not write), every save
silently made no backup: the very thing ``restore`` needs was gone without a word. Refusing to save instead
would lose what the user typed, so the save happens, and the CLI, ``huabei backups`` and the app say so.
"""

from __future__ import annotations

import asyncio
import errno
import os
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.storage import atomic
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.form import FormDialog

TODAY = "2025-09-01"


def broken_link(backups: Path) -> None:
    backups.symlink_to(backups.parent / "gone" / "backups")


def a_file(backups: Path) -> None:
    backups.write_text("not a folder")


def unwritable(monkeypatch: pytest.MonkeyPatch):
    """No new files in the backups folder (simulated: chmod does not stop root, and CI runs as root)."""

    def setup(backups: Path) -> None:
        backups.mkdir(exist_ok=True)
        real_link, real_open = os.link, os.open

        def link(src, dst, *args, **kwargs):
            if Path(dst).parent == backups:
                raise OSError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(dst))
            return real_link(src, dst, *args, **kwargs)

        def open_(path, flags, *args, **kwargs):
            if Path(path).parent == backups and flags & os.O_CREAT:
                raise OSError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        real_access = os.access

        def access(path, mode, *args, **kwargs):
            return False if Path(path) == backups and mode & os.W_OK else real_access(path, mode, *args, **kwargs)

        monkeypatch.setattr(os, "link", link)
        monkeypatch.setattr(os, "open", open_)
        monkeypatch.setattr(os, "access", access)

    return setup


@pytest.fixture(params=["broken_link", "a_file", "unwritable"])
def spoil(request, monkeypatch: pytest.MonkeyPatch):
    return {"broken_link": broken_link, "a_file": a_file, "unwritable": unwritable(monkeypatch)}[request.param]


REASONS = {"broken_link": "symbolic link to nothing", "a_file": "not a folder", "unwritable": "permission denied"}


def test_saves_go_on_and_each_one_says_no_backup_was_made(huabei, spoil, request) -> None:
    huabei.ok("bill", "add", "2025-08", "800", today=TODAY)
    backups = huabei.db.with_name(huabei.db.name + ".backups")
    spoil(backups)
    before = huabei.db.read_bytes()
    result = huabei("pay", "2025-08", "100", "--on", "2025-08-09", today=TODAY)
    assert result.code == 0, result
    assert "Recorded ¥100.00" in result.out
    assert huabei.db.read_bytes() != before, "the change was saved"
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("warning: No backup") and str(backups) in line and "Your change was saved" in line
    assert REASONS[request.node.callspec.params["spoil"]] in line
    zh = huabei("pay", "2025-08", "1", "--on", "2025-08-09", today=TODAY, lang="zh")
    assert zh.code == 0 and zh.err.startswith("警告: 未能备份")
    assert huabei("status", today=TODAY).err == "", "reading says nothing: only saves make backups"


def test_the_backups_command_says_the_folder_cannot_be_used(huabei, spoil, request) -> None:
    huabei.ok("bill", "add", "2025-08", "800", today=TODAY)
    spoil(huabei.db.with_name(huabei.db.name + ".backups"))
    result = huabei("backups", today=TODAY)
    assert result.code == 0
    assert result.out.startswith("warning: The backups folder")
    assert REASONS[request.node.callspec.params["spoil"]] in result.out


def test_the_store_reports_it_and_forgets_it_once_fixed(tmp_path: Path) -> None:
    store = Store(tmp_path / "d.json")
    for n in range(2):
        with store.transaction() as db:
            db.table("t").insert({"n": n})
    assert store.backup_problem is None and len(store.backups()) == 1
    backups = tmp_path / "d.json.backups"
    for old in backups.iterdir():
        old.unlink()
    backups.rmdir()
    broken_link(backups)
    with store.transaction() as db:
        db.table("t").insert({"n": 2})
    assert store.backup_problem is not None and store.backup_problem.reason == "broken_link"
    assert len(store.read()["t"]) == 3
    assert store.backups_folder_problem() is not None
    backups.unlink()
    with store.transaction() as db:
        db.table("t").insert({"n": 3})
    assert store.backup_problem is None and len(store.backups()) == 1


def test_a_full_disk_while_copying_the_backup_still_fails_the_save(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a folder problem lets the save go on: a full disk is the disk's problem and stops it, as before."""
    from huabei_tui.storage.errors import StoreWriteError

    store = Store(tmp_path / "d.json")
    with store.transaction() as db:
        db.table("t").insert({"n": 0})
    before = store.path.read_bytes()

    def no_link(*_args, **_kwargs):
        raise OSError(errno.EPERM, "no hard links here")

    real_write = atomic.write_all
    calls: list[int] = []

    def second_write_fills_the_disk(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(fd, data)

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(atomic, "write_all", second_write_fills_the_disk)
    with pytest.raises(StoreWriteError), store.transaction() as db:
        db.table("t").insert({"n": 1})
    assert store.path.read_bytes() == before


def test_the_app_warns_and_marks_the_tab_bar(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    repo = Repository(Store(db))
    from huabei_tui.domain.dates import Month

    repo.add_bill(Month(2025, 8), 80_000, date(2025, 9, 1))
    broken_link(tmp_path / "d.json.backups")
    app = HuabeiApp(repo, Clock(date(2025, 9, 1)), "en", poll_seconds=0, warm_screens=False)
    messages: list[tuple[str, str]] = []
    notify = app.notify

    def remember(message: str, **kwargs) -> None:
        messages.append((message, str(kwargs.get("severity", ""))))
        notify(message, **kwargs)

    app.notify = remember  # type: ignore[method-assign]

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "! no backup" in str(app.screen.query_one("#tabbar").content)
            assert messages and messages[0][1] == "warning" and "cannot be used" in messages[0][0]
            await pilot.press("b", "ctrl+a", "ctrl+k", *"500", "enter")
            await pilot.pause()
            assert not isinstance(app.screen, FormDialog)
            assert app.repo.load().account.balance == 50_000, "the change was saved"
            assert ("No backup of the previous version" in messages[-1][0]) and messages[-1][1] == "warning"
            (tmp_path / "d.json.backups").unlink()  # fixed: the next save makes a backup, the mark goes
            await pilot.press("b", "ctrl+a", "ctrl+k", *"600", "enter")
            await pilot.pause()
            assert "no backup" not in str(app.screen.query_one("#tabbar").content)
            await pilot.press("2")
            await pilot.pause()
            assert "no backup" not in str(app.screen.query_one("#tabbar").content)

    asyncio.run(go())
