"""The TUI's exports and screenshots ask where, write only where it is safe, and say the full path (issue 13 item 2).

They used to write ``huabei-<screen>-<date>.txt`` into whatever folder the app was started from, without asking
and without checking what was there.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs import save_dialog
from huabei_tui.ui.dialogs.save_dialog import SaveDialog, default_folder
from support.tui import TODAY, run_app

DAY = TODAY.isoformat()


def make_app(tmp_path: Path, export_dir: Path | None = None) -> HuabeiApp:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    repo = Repository(Store(data / "huabei.json"))
    repo.replace_ledger(demo_ledger(TODAY), only_if_empty=False)
    repo.set_setting("lang", "en")  # a second save, so there is a backup to protect
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, export_dir=export_dir, warm_screens=False)
    app.announced = []  # type: ignore[attr-defined]
    notify = app.notify

    def remember(message: str, **kwargs: object) -> None:
        app.announced.append(message)  # type: ignore[attr-defined]
        notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = remember  # type: ignore[method-assign]
    return app


def drive(app: HuabeiApp, scenario) -> None:
    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(go())


async def type_path(pilot, app: HuabeiApp, text: str) -> None:
    field = app.screen.query_one("#save-path")
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


def error_text(app: HuabeiApp) -> str:
    return str(app.screen.query_one("#save-error").content)


def protected_state(app: HuabeiApp) -> dict[str, bytes]:
    store = app.repo.store
    files = {"data": store.path.read_bytes()}
    for backup in store.backups():
        files[backup.name] = backup.read_bytes()
    return files


def test_nothing_is_written_into_the_folder_the_app_was_started_from(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.delenv(save_dialog.ENV_EXPORT_DIR, raising=False)
    monkeypatch.setattr("platformdirs.user_documents_path", lambda: tmp_path / "no-documents-folder")
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        await pilot.press("enter")
        await pilot.pause()

    drive(app, scenario)
    assert list(cwd.iterdir()) == []
    written = tmp_path / "data" / f"huabei-status-{DAY}.txt"  # no documents folder: the data file's folder
    assert written.is_file() and stat.S_IMODE(written.stat().st_mode) == 0o600
    assert app.announced[-1] == f"Exported to {written}"  # type: ignore[attr-defined]


def test_the_suggested_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data" / "huabei.json"
    documents = tmp_path / "Documents"
    monkeypatch.delenv(save_dialog.ENV_EXPORT_DIR, raising=False)
    monkeypatch.setattr("platformdirs.user_documents_path", lambda: documents)
    assert default_folder(data) == data.parent, "no documents folder: beside the data"
    documents.mkdir()
    assert default_folder(data) == documents
    monkeypatch.setenv(save_dialog.ENV_EXPORT_DIR, str(tmp_path / "mine"))
    assert default_folder(data) == tmp_path / "mine"
    assert default_folder(data, tmp_path / "chosen") == tmp_path / "chosen"
    monkeypatch.delenv(save_dialog.ENV_EXPORT_DIR)
    documents.rmdir()
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "home")
    assert default_folder(data, data_is_temporary=True) == tmp_path / "home", "the demo's folder is removed at exit"


def test_the_data_file_its_backups_and_a_link_to_them_are_refused_and_the_dialog_stays(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = make_app(tmp_path, out)
    store = app.repo.store
    link = out / "innocent.txt"
    link.symlink_to(store.path)
    before = protected_state(app)
    messages: list[str] = []

    async def scenario(pilot) -> None:
        await pilot.press("E")
        await pilot.pause()
        for target in (str(store.path), str(link), str(store.backup_dir / "x.txt"), str(store.backups()[0]),
                       str(store.lock_path), str(out / ".." / "data" / "huabei.json"), str(out), ""):
            await type_path(pilot, app, target)
            assert isinstance(app.screen, SaveDialog), target
            messages.append(error_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SaveDialog)

    drive(app, scenario)
    assert protected_state(app) == before
    assert sorted(p.name for p in out.iterdir()) == ["innocent.txt"]
    assert "is the data file" in messages[0] and "is the data file" in messages[1]
    assert "backups folder" in messages[2] and "backups folder" in messages[3]
    assert "lock" in messages[4] and "is the data file" in messages[5]
    assert "is a folder" in messages[6] and messages[7] == "enter the path of the file to write"


def test_an_existing_file_is_replaced_only_after_a_second_enter_and_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "summary.txt"
    target.write_text("old")
    target.chmod(0o640)
    app = make_app(tmp_path, out)

    async def scenario(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        await type_path(pilot, app, "summary.txt")  # a bare name: in the suggested folder, not the cwd
        assert isinstance(app.screen, SaveDialog)
        assert "exists already" in error_text(app)
        assert target.read_text() == "old"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SaveDialog)

    drive(app, scenario)
    assert "Huabei account summary" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert app.announced[-1] == f"Exported to {target}"  # type: ignore[attr-defined]


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "keep.txt"
    target.write_text("mine")
    target.chmod(0o444)
    app = make_app(tmp_path, out)

    async def scenario(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        await type_path(pilot, app, str(target))
        assert "read-only" in error_text(app)

    drive(app, scenario)
    assert target.read_text() == "mine"


def test_a_screenshot_asks_where_and_writes_an_svg(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = make_app(tmp_path, out)

    async def scenario(pilot) -> None:
        await pilot.press("2")
        await pilot.pause()
        await app.run_action("screenshot")  # the palette's "Save a screenshot"
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        assert app.screen.query_one("#save-path").value == str(out / f"huabei-calendar-{DAY}.svg")
        await pilot.press("enter")
        await pilot.pause()

    drive(app, scenario)
    picture = out / f"huabei-calendar-{DAY}.svg"
    assert picture.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert "calendar" in app.announced[-1] or str(picture) in app.announced[-1]  # type: ignore[attr-defined]
    assert stat.S_IMODE(picture.stat().st_mode) == 0o600
    assert os.listdir(out) == [picture.name]


def test_the_palette_lists_the_screenshot(tmp_path: Path) -> None:
    from textual.command import CommandList

    app = make_app(tmp_path, tmp_path)

    async def scenario(pilot) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        prompts = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("Save a screenshot" in p for p in prompts), prompts

    drive(app, scenario)


def test_the_default_data_file_is_refused_while_another_one_is_open(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """As ``huabei --db OTHER export -o`` refuses it (``safe_output.protected_around``): the default file is the
    one the next plain ``huabei`` opens, and the app's save dialog used to guard only the open one."""
    from huabei_tui import paths

    default = tmp_path / "default" / "huabei.json"
    default.parent.mkdir()
    default.write_bytes(b'{"_meta": {"1": {"schema": 1}}}\n')
    monkeypatch.setattr(paths, "default_db_path", lambda: default)
    app = make_app(tmp_path, tmp_path)
    messages: list[str] = []

    async def scenario(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        for target in (default, default.with_name(default.name + ".backups") / "x.txt"):
            await type_path(pilot, app, str(target))
            assert isinstance(app.screen, SaveDialog), target
            messages.append(error_text(app))

    drive(app, scenario)
    assert "is the data file" in messages[0] and "backups folder" in messages[1]
    assert default.read_bytes() == b'{"_meta": {"1": {"schema": 1}}}\n'
    assert sorted(p.name for p in default.parent.iterdir()) == ["huabei.json"]


def test_another_profiles_data_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data folder's other profiles (``huabei-mum.json``, its lock, backups and parts) are someone's data: the
    save dialog refuses them as ``huabei export -o`` does (``paths.protected_data_files``), and the refused file
    is left byte for byte; a file beside them is written."""
    from huabei_tui import paths

    folder = tmp_path / "default"
    folder.mkdir()
    monkeypatch.setattr(paths, "default_db_path", lambda: folder / "huabei.json")
    mum = folder / "huabei-mum.json"
    mum.write_bytes(b'{"_meta": {"1": {"schema": 1}}}\n')
    (folder / "huabei-mum.json.lock").write_bytes(b"")
    (folder / "huabei-mum.json.backups").mkdir()
    (folder / "huabei-mum.json.backups" / "huabei-mum.json.20261206-000000").write_bytes(b"{}")
    (folder / "huabei-mum.json.parts").mkdir()
    link = tmp_path / "link-to-mum.json"
    link.symlink_to(mum)
    before = {p.name: None if p.is_dir() else p.read_bytes() for p in folder.rglob("*")}
    app = make_app(tmp_path, tmp_path)
    messages: list[str] = []

    async def scenario(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        for target in (mum, link, folder / "huabei-mum.json.lock", folder / "huabei-mum.json.backups" / "x.txt",
                       folder / "huabei-mum.json.parts" / "x.txt"):
            await type_path(pilot, app, str(target))
            assert isinstance(app.screen, SaveDialog), target
            messages.append(error_text(app))
        await type_path(pilot, app, str(folder / "notes.txt"))
        assert not isinstance(app.screen, SaveDialog)

    drive(app, scenario)
    assert "is the data file" in messages[0] and "is the data file" in messages[1]
    assert "lock" in messages[2] and "backups folder" in messages[3] and "imported rows" in messages[4]
    after = {p.name: None if p.is_dir() else p.read_bytes() for p in folder.rglob("*") if p.name != "notes.txt"}
    assert after == before
    assert (folder / "notes.txt").read_text(encoding="utf-8").strip()


def test_a_refusal_naming_a_path_wraps_with_chinese_line_breaks() -> None:
    """Wrapped at spaces only, "无法写入" stood alone on the first line (the path and the reason after it were one
    "word" too long for what was left) and the rest was folded wherever the width ran out; a "；" could start a
    line. (A short folder, so that the path and the start of the reason fit on one line.)"""
    folder = Path(tempfile.mkdtemp(prefix="hb"))
    try:
        app = make_app(folder)
        app.lang = "zh"
        data = str(app.repo.store.path)
        if len(data) > 40:
            pytest.skip(f"the temporary folder's path is too long to show the layout: {data}")

        async def scenario(pilot) -> None:
            await pilot.press("e")
            await pilot.pause()
            await type_path(pilot, app, data)
            error = app.screen.query_one("#save-error")
            lines = [error.render_line(y).text.rstrip() for y in range(error.size.height)]
            assert lines[0].startswith(f"无法写入 {data}：它就是数据文件"), lines
            assert "".join(lines[1:]).endswith("请换一个文件名"), lines
            assert not any(line.startswith(("；", "，", "：", "。", "）")) for line in lines), lines

        run_app(app, scenario)
    finally:
        shutil.rmtree(folder)


def test_a_name_typed_as_a_folder_is_refused_not_written_as_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = make_app(tmp_path, out)

    async def scenario(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        await type_path(pilot, app, "exports/")  # meant a folder that is not there
        assert isinstance(app.screen, SaveDialog)
        assert "names a folder" in error_text(app)

    drive(app, scenario)
    assert list(out.iterdir()) == []
