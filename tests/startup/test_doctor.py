"""``huabei doctor`` says whether the start-up snapshot is on, why not, and where its cache is."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.huabei_cli import Huabei


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "frames"
    monkeypatch.setenv("HUABEI_CACHE_DIR", str(folder))
    return folder


def test_doctor_says_it_is_on_and_where_the_cache_is(huabei: Huabei, cache: Path) -> None:
    done = huabei("doctor")
    assert done.code == 0 and done.err == ""
    assert done.out.splitlines()[:4] == [
        "Start-up snapshot: on (the last first screen is shown while the app loads)",
        f"Snapshot cache: {cache} (frames kept: 0)",
        "To turn it off: huabei --no-snapshot, or set HUABEI_NO_SNAPSHOT=1",
        "Not a terminal here (stdin, stdout and stderr must all be one): no snapshot at start",
    ]


def test_doctor_says_why_it_is_off(huabei: Huabei, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert huabei("--no-snapshot", "doctor").out.splitlines()[0] == "Start-up snapshot: off (--no-snapshot)"
    monkeypatch.setenv("HUABEI_NO_SNAPSHOT", "1")
    lines = huabei("doctor").out.splitlines()
    assert lines[:2] == ["Start-up snapshot: off (HUABEI_NO_SNAPSHOT is set)", f"Snapshot cache: {cache} (frames kept: 0)"]
    assert lines[2].startswith("Data file: ")
    monkeypatch.setenv("HUABEI_NO_SNAPSHOT", "0")
    assert huabei("doctor").out.startswith("Start-up snapshot: on")


def test_doctor_in_chinese_and_with_another_driver(huabei: Huabei, cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lines = huabei("doctor", lang="zh").out.splitlines()
    assert lines[0] == "启动快照：开启（启动时先显示上次的首屏，再加载界面）"
    assert lines[1] == f"快照缓存：{cache}（已存画面：0）"
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert huabei("doctor", lang="zh").out.splitlines()[0] == "启动快照：关闭（TEXTUAL_DRIVER 指定了其他界面驱动）"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_lists_doctor_and_the_option(lang: str) -> None:
    from huabei_tui.cli.parser import build_parser, command_in

    text = build_parser(lang).format_help()
    assert "doctor" in text and "--no-snapshot" in text and "HUABEI_NO_SNAPSHOT" in text
    assert command_in(["--no-snapshot"]) == "" and command_in(["--no-snapshot", "doctor"]) == "doctor"


def test_doctor_says_where_the_data_is_and_how_it_is_split(huabei: Huabei, cache: Path, db: Path) -> None:
    assert huabei("doctor").out.splitlines()[-1] == f"Data file: {db} (none yet: made by the first save)"
    from datetime import datetime

    from huabei_tui.domain.ledger import Purchase
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store

    Repository(Store(db)).add_imported([Purchase(f"P{i}", datetime(2026, 10, 1, 12), 100) for i in range(1200)], [], [])
    lines = huabei("doctor").out.splitlines()
    assert lines[-2].startswith(f"Data file: {db} (") and lines[-2].endswith(" kB)")
    assert lines[-1].startswith("Imported purchases: 1,200, in files of their own: 1 (")
    assert lines[-1].endswith(f", {db}.parts); small changes never rewrite or back them up")
    zh = huabei("doctor", lang="zh").out.splitlines()
    assert zh[-1].startswith("导入的消费记录：1,200 笔，存于 1 个文件")
