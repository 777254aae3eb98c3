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
    assert lines[2:4] == [  # the status screen's content is kept whatever the snapshot does
        "Status screen cache: on (a repeated start draws its first frame without reading the data; --no-snapshot "
        "leaves it on) (kept: 0)",
        "Started the same way: no status screen content kept yet (kept the next time the app opens)"]
    assert lines[4].startswith("Data file: ")
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


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="the quick start needs os.fork")
def test_doctor_says_whether_the_status_screens_content_is_kept_and_ready(huabei: Huabei, cache: Path, db: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from huabei_tui.cli import fast_start
    from huabei_tui.startup import early_frame, view_cache

    args = ["--db", str(db), "--today", "2026-12-06", "--lang", "en"]
    start = early_frame.app_start(args)
    assert start is not None
    kept = view_cache.for_start(start)
    assert kept is not None and kept.save(fast_start.first_view(args))
    lines = huabei("--no-snapshot", "doctor").out.splitlines()
    assert "Status screen cache: on (a repeated start draws its first frame without reading the data; "\
           "--no-snapshot leaves it on) (kept: 1)" in lines
    assert "Started the same way: the status screen's content is kept; no data is read before the first frame" in lines
    assert "Started the same way: no status screen content kept yet (kept the next time the app opens)" in \
        huabei("--no-snapshot", "doctor", today="2026-12-07").out.splitlines()
    assert "--demo does not use it (the demo data is made at start)" in huabei("--demo", "doctor").out.splitlines()
    monkeypatch.setenv("HUABEI_NO_PREFETCH", "1")
    assert "Status screen cache: off (HUABEI_NO_PREFETCH is set) (kept: 1)" in huabei("doctor").out.splitlines()
    zh = huabei("--no-snapshot", "doctor", lang="zh").out.splitlines()
    assert "状态页内容缓存：关闭（环境变量 HUABEI_NO_PREFETCH）（已存：1）" in zh


REFUSED_EN = "Refused: this folder is at or inside {place}, which keeps the data safe, so neither cache is saved in" \
             " it; set HUABEI_CACHE_DIR to another folder"
REFUSED_ZH = "不会保存：此文件夹就是或位于保护数据的 {place} 之内，两种缓存都不写在这里；请把 HUABEI_CACHE_DIR 设为其他文件夹"


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="the status screen's cache needs os.fork")
@pytest.mark.parametrize("where", [".backups", ".parts/frames", ".lock"])
def test_doctor_says_when_the_cache_folder_is_refused(huabei: Huabei, db: Path, where: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``HUABEI_CACHE_DIR`` at or inside the data file's backups, parts or lock: neither cache is ever saved there
    (``frame_cache.danger``), and doctor says so instead of "kept the next time the app opens"."""
    import os

    monkeypatch.setenv("HUABEI_CACHE_DIR", f"{db}{where}")
    place = os.path.realpath(f"{db}{where.split('/')[0]}")
    done = huabei("doctor")
    assert done.code == 0 and done.err == ""
    lines = done.out.splitlines()
    assert lines[1:3] == [f"Snapshot cache: {db}{where} (frames kept: 0)", REFUSED_EN.format(place=place)]
    assert "Started the same way: the status screen's content is never kept (its folder is refused, see above)" \
        in lines
    assert not [line for line in lines if "kept the next time" in line]
    zh = huabei("doctor", lang="zh")
    assert zh.code == 0 and zh.err == ""
    assert zh.out.splitlines()[1:3] == [f"快照缓存：{db}{where}（已存画面：0）", REFUSED_ZH.format(place=place)]
    assert "以相同方式启动：不会保存状态页内容（缓存文件夹被拒绝，见上）" in zh.out.splitlines()
    assert huabei("--no-snapshot", "doctor").out.splitlines()[2] == REFUSED_EN.format(place=place)


def test_doctor_says_when_the_cache_folder_is_inside_the_default_files_backups(huabei: Huabei, db: Path,
                                                                               tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch
                                                                               ) -> None:
    """Another data file in use (``--db``, ``--demo``): the default one is protected all the same, as an export
    (``paths.protected_data_files``)."""
    import os

    from huabei_tui import paths

    default = tmp_path / "default" / "huabei.json"
    monkeypatch.setattr(paths, "default_db_path", lambda: default)
    backups = default.with_name(default.name + ".backups")
    monkeypatch.setenv("HUABEI_CACHE_DIR", str(backups / "frames"))
    for argv in ((), ("--demo",)):
        done = huabei(*argv, "doctor")
        assert done.code == 0 and REFUSED_EN.format(place=os.path.realpath(backups)) in done.out.splitlines()
    assert REFUSED_ZH.format(place=os.path.realpath(backups)) in huabei("doctor", lang="zh").out.splitlines()
    monkeypatch.setenv("HUABEI_CACHE_DIR", str(tmp_path / "frames"))
    assert not [line for line in huabei("doctor").out.splitlines() if line.startswith("Refused")]
