"""The start-up frame's key: every input of the first screen is in it, so changing any one shows no frame.

Each test changes exactly one element of a fixed start and checks that the key (and its file name) changes; the
elements that do not change the screen must not change the key (else the cache would never be used).
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from huabei_tui.startup.frame_key import FrameInputs, code_fingerprint, frame_inputs, terminal_size

TODAY = date(2026, 12, 6)
BASE_ENV = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": "/home/someone", "PATH": "/usr/bin"}


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "huabei.json"
    path.write_text('{"account": {}}', encoding="utf-8")
    return path


def inputs(data_file: Path | None, **changes: object) -> FrameInputs:
    options: dict = {"data_file": data_file, "demo": False, "today": TODAY, "lang_option": None,
                     "environ": dict(BASE_ENV), "size": (80, 24), "code": "code-1"}
    environ = changes.pop("environ_update", None)
    options.update(changes)
    if environ:
        options["environ"] = {**options["environ"], **environ}
    built = frame_inputs(**options)
    assert built is not None
    return built


def assert_differs(a: FrameInputs, b: FrameInputs) -> None:
    assert a.text() != b.text()
    assert a.name() != b.name()
    assert a != b


def test_the_same_start_gives_the_same_key(data_file: Path) -> None:
    first, second = inputs(data_file), inputs(data_file)
    assert first == second
    assert (first.text(), first.name()) == (second.text(), second.name())
    assert len(first.name()) == 16 and "\n" not in first.text()


# -- the data ---------------------------------------------------------------------------------------------------
def test_a_save_to_the_data_file_changes_the_key(data_file: Path) -> None:
    before = inputs(data_file)
    replacement = data_file.with_name("new.json")
    replacement.write_text('{"account": {"1": {}}}', encoding="utf-8")
    os.replace(replacement, data_file)  # how every save lands (storage/atomic.py)
    assert_differs(before, inputs(data_file))


def test_an_edit_in_place_of_the_same_size_with_the_old_mtime_changes_the_key(data_file: Path) -> None:
    before = inputs(data_file)
    stat = data_file.stat()
    data_file.write_text('{"account": {"x"}}'[: stat.st_size].ljust(stat.st_size), encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # mtime set back: the change time still moved
    assert data_file.stat().st_size == stat.st_size
    assert_differs(before, inputs(data_file))


def test_the_remembered_language_is_in_the_data_file_signature(tmp_path: Path) -> None:
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store

    path = tmp_path / "h.json"
    repo = Repository(Store(path))
    repo.set_setting("lang", "en")
    before = inputs(path)
    repo.set_setting("lang", "zh")
    assert_differs(before, inputs(path))


@pytest.mark.parametrize("name", ["settings.toml", "keys.toml"])
def test_the_remembered_language_theme_and_keys_are_in_the_key(data_file: Path, tmp_path: Path, name: str) -> None:
    """``settings.toml`` (language, theme) and ``keys.toml`` (the keys the footer and tab bar show)."""
    folder = tmp_path / "config"
    env = {"HUABEI_CONFIG_DIR": str(folder)}
    missing = inputs(data_file, environ_update=env)
    folder.mkdir()
    (folder / name).write_text('lang = "en"\n', encoding="utf-8")
    written = inputs(data_file, environ_update=env)
    assert_differs(missing, written)
    replacement = folder / f".{name}.tmp"
    replacement.write_text('lang = "zh"\n', encoding="utf-8")
    os.replace(replacement, folder / name)  # how settings.toml is saved (storage/config.py)
    assert_differs(written, inputs(data_file, environ_update=env))


def test_another_data_file_or_none_yet_changes_the_key(data_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    shutil.copy2(data_file, other)
    assert_differs(inputs(data_file), inputs(other))
    missing = inputs(tmp_path / "not-yet.json")
    assert missing.data[1] == "missing"
    assert_differs(inputs(data_file), missing)


def test_a_data_file_that_cannot_be_looked_at_gives_no_key(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    # ENOTDIR is not "missing": the app will report it, so no frame may be shown before.
    assert frame_inputs(data_file=tmp_path / "a-file" / "below.json", demo=False, today=TODAY,
                        lang_option=None, environ=BASE_ENV, size=(80, 24), code="c") is None


def test_demo_ignores_the_data_file_and_differs_from_it(data_file: Path, tmp_path: Path) -> None:
    demo = inputs(data_file, demo=True)
    assert demo.data == ("demo",)
    assert demo == inputs(tmp_path / "elsewhere.json", demo=True)
    assert_differs(inputs(data_file), demo)


# -- the day, the size, the code ----------------------------------------------------------------------------------
def test_another_day_changes_the_key(data_file: Path) -> None:
    assert_differs(inputs(data_file), inputs(data_file, today=date(2026, 12, 7)))


def test_a_midnight_in_shanghai_changes_the_key(data_file: Path) -> None:
    from huabei_tui.startup.early_frame import today_in_shanghai

    before = today_in_shanghai(None, {}, now=datetime(2026, 12, 6, 15, 59, 59, tzinfo=UTC))
    after = today_in_shanghai(None, {}, now=datetime(2026, 12, 6, 16, 0, 0, tzinfo=UTC))
    assert (before, after) == (date(2026, 12, 6), date(2026, 12, 7))
    assert_differs(inputs(data_file, today=before), inputs(data_file, today=after))


@pytest.mark.parametrize("size", [(81, 24), (80, 25), (120, 40)])
def test_another_terminal_size_changes_the_key(data_file: Path, size: tuple[int, int]) -> None:
    assert_differs(inputs(data_file), inputs(data_file, size=size))


def test_another_version_of_the_code_changes_the_key(data_file: Path) -> None:
    assert_differs(inputs(data_file), inputs(data_file, code="code-2"))


def test_the_code_fingerprint_follows_every_file_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "ui").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "ui" / "app.tcss").write_text("Screen {}\n")
    (package / "notes.txt").write_text("not code\n")
    first = code_fingerprint(package)
    assert first == code_fingerprint(package)
    from huabei_tui.startup import frame_key

    def fresh() -> str:
        frame_key._fingerprint.cache_clear()
        return code_fingerprint(package)

    (package / "notes.txt").write_text("still not code, longer\n")
    assert fresh() == first
    stat = (package / "a.py").stat()
    os.utime(package / "a.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = fresh()
    assert second != first
    (package / "ui" / "app.tcss").write_text("Screen { color: red; }\n")
    third = fresh()
    assert third != second
    (package / "b.py").write_text("")
    assert fresh() != third


def test_the_real_package_fingerprint_names_textual_and_rich() -> None:
    from huabei_tui.startup.frame_key import _installation

    assert not _installation("textual").endswith(":?")
    assert not _installation("rich").endswith(":?")
    assert _installation("no_such_package_here").endswith(":?")
    assert code_fingerprint() == code_fingerprint()


# -- the language, the colours, the theme, the other variables ------------------------------------------------------
def test_the_lang_option_changes_the_key(data_file: Path) -> None:
    assert_differs(inputs(data_file), inputs(data_file, lang_option="zh"))
    assert_differs(inputs(data_file, lang_option="zh"), inputs(data_file, lang_option="en"))


@pytest.mark.parametrize("name", ["HUABEI_LANG", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE"])
def test_every_language_variable_changes_the_key(data_file: Path, name: str) -> None:
    assert_differs(inputs(data_file), inputs(data_file, environ_update={name: "zh_CN.UTF-8"}))


@pytest.mark.parametrize("name, value", [("TERM", "xterm"), ("COLORTERM", "truecolor"), ("NO_COLOR", "1"),
                                         ("FORCE_COLOR", "1"), ("TEXTUAL_COLOR_SYSTEM", "standard"),
                                         ("TTY_COMPATIBLE", "1"), ("TERM_PROGRAM", "iTerm.app"),
                                         ("COLUMNS", "100"), ("LINES", "30")])
def test_every_colour_variable_changes_the_key(data_file: Path, name: str, value: str) -> None:
    assert_differs(inputs(data_file), inputs(data_file, environ_update={name: value}))


def test_no_color_set_to_empty_still_counts(data_file: Path) -> None:
    """``NO_COLOR=`` (set, empty) turns colour off in Textual just like ``NO_COLOR=1``."""
    assert_differs(inputs(data_file), inputs(data_file, environ_update={"NO_COLOR": ""}))


def test_the_theme_changes_the_key(data_file: Path) -> None:
    light = inputs(data_file, environ_update={"TEXTUAL_THEME": "textual-light"})
    assert light.theme == "textual-light"
    assert_differs(inputs(data_file), light)
    assert_differs(light, inputs(data_file, environ_update={"TEXTUAL_THEME": "nord"}))


@pytest.mark.parametrize("name", ["TEXTUAL", "TEXTUAL_DIM_FACTOR", "HUABEI_EXPORT_DIR", "HUABEI_SOMETHING_NEW",
                                  "PYTHONIOENCODING", "PYTHONUTF8"])
def test_textual_huabei_and_encoding_variables_change_the_key(data_file: Path, name: str) -> None:
    assert_differs(inputs(data_file), inputs(data_file, environ_update={name: "x"}))


@pytest.mark.parametrize("name", ["HUABEI_CACHE_DIR", "HOME", "PATH", "SSH_CONNECTION", "PWD"])
def test_variables_that_do_not_change_the_screen_keep_the_key(data_file: Path, name: str) -> None:
    assert inputs(data_file).text() == inputs(data_file, environ_update={name: "/somewhere/else"}).text()


# -- the terminal size, read as Textual reads it ----------------------------------------------------------------------
@pytest.mark.parametrize("columns, lines", [(None, None), ("100", "30"), ("0", "30"), ("abc", "-1"), ("", "")])
def test_terminal_size_follows_shutil(monkeypatch: pytest.MonkeyPatch, columns: str | None,
                                      lines: str | None) -> None:
    for name, value in (("COLUMNS", columns), ("LINES", lines)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert terminal_size(os.environ) == tuple(shutil.get_terminal_size())


def test_terminal_size_reads_the_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 31, 101, 0, 0))
        assert terminal_size({}, fd=slave) == (101, 31)
        assert terminal_size({"COLUMNS": "90", "LINES": "20"}, fd=slave) == (90, 20)
        assert terminal_size({"COLUMNS": "90"}, fd=slave) == (90, 31)
    finally:
        os.close(master)
        os.close(slave)


def test_shanghai_today_matches_the_clock_time_zone() -> None:
    from huabei_tui.startup.early_frame import today_in_shanghai

    shanghai = ZoneInfo("Asia/Shanghai")
    for instant in (datetime(2026, 12, 31, 15, 59, 59, tzinfo=UTC), datetime(2026, 12, 31, 16, 0, tzinfo=UTC),
                    datetime(2024, 2, 28, 16, 0, tzinfo=UTC), datetime(2025, 6, 30, 23, 30, tzinfo=UTC)):
        assert today_in_shanghai(None, {}, now=instant) == instant.astimezone(shanghai).date()
