"""Before Textual: reading the command line, the day, when the cache is off, and the terminal given back intact."""

from __future__ import annotations

import fcntl
import os
import pty
import termios
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from huabei_tui.cli.parser import build_parser
from huabei_tui.startup import early_frame, frame_cache
from huabei_tui.startup.early_frame import (
    ENTER,
    LEAVE,
    EarlyStart,
    app_mode,
    app_start,
    begin,
    switched_off,
    today_in_shanghai,
)
from huabei_tui.startup.frame_key import frame_inputs

FRAME = b"\x1b[1;1H\x1b[1m Huabei \x1b[0m"


# -- the command line ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    [],
    ["tui"],
    ["--demo"],
    ["--db", "x.json", "--today", "2026-12-06", "--lang", "zh"],
    ["--db=x.json", "--today=2026-12-06", "--lang=en", "--demo", "tui"],
    ["--no-snapshot"],
    ["--db", "a.json", "--db", "b.json"],
    ["--db="],
])
def test_app_start_reads_what_the_parser_reads(argv: list[str]) -> None:
    start = app_start(argv)
    assert start is not None
    args = build_parser("en").parse_args(argv)
    assert args.command in (None, "tui")
    assert (start.db, start.today, start.lang, start.demo, start.no_snapshot) == (
        args.db, args.today, args.lang, args.demo, args.no_snapshot)


@pytest.mark.parametrize("argv", [
    ["status"], ["--lang", "en", "status"], ["demo"], ["doctor"], ["--help"], ["-h"], ["--de"], ["--la", "en"],
    ["--db"], ["--db", "--demo"], ["tui", "extra"], ["tui", "tui"], ["--", "tui"], ["--unknown"], ["serve"],
])
def test_app_start_leaves_everything_else_to_the_parser(argv: list[str]) -> None:
    assert app_start(argv) is None


# -- the day ------------------------------------------------------------------------------------------------------
def test_today_follows_the_clock_rule() -> None:
    now = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)
    assert today_in_shanghai("2026-01-31", {"HUABEI_TODAY": "2025-05-05"}, now) == date(2026, 1, 31)
    assert today_in_shanghai(None, {"HUABEI_TODAY": "2025-05-05"}, now) == date(2025, 5, 5)
    assert today_in_shanghai(None, {"HUABEI_TODAY": ""}, now) == date(2026, 12, 6)
    assert today_in_shanghai("", {}, now) is None  # the clock refuses an empty --today: no frame for it


@pytest.mark.parametrize("text", ["2026-02-30", "20261206", "2026-W49-7", " 2026-12-06", "２０２６-１２-０６",
                                  "2026-12-6", "yesterday"])
def test_a_day_the_clock_would_have_to_interpret_gives_no_frame(text: str) -> None:
    assert today_in_shanghai(text, {}) is None


def test_a_plain_day_is_the_day_the_clock_reads() -> None:
    from huabei_tui.clock import Clock

    for text in ("2026-12-06", "2024-02-29", "2000-01-01"):
        assert today_in_shanghai(text, {}) == Clock.from_option(text, {}).today()


# -- on and off ---------------------------------------------------------------------------------------------------
def test_switched_off_by_the_option_the_variable_and_another_driver() -> None:
    assert switched_off(False, {}) is None
    assert switched_off(True, {}) == early_frame.OFF_OPTION
    assert switched_off(False, {"HUABEI_NO_SNAPSHOT": "1"}) == early_frame.OFF_ENV
    assert switched_off(False, {"HUABEI_NO_SNAPSHOT": "yes"}) == early_frame.OFF_ENV
    assert switched_off(False, {"HUABEI_NO_SNAPSHOT": "0"}) is None
    assert switched_off(False, {"HUABEI_NO_SNAPSHOT": ""}) is None
    assert switched_off(False, {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}) == early_frame.OFF_DRIVER


def test_not_a_terminal_means_no_frame_and_no_recording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reading, writing = os.pipe()
    try:
        assert not early_frame.on_a_terminal((reading, writing))
    finally:
        os.close(reading)
        os.close(writing)
    monkeypatch.setattr(os, "isatty", lambda fd: fd != 1)  # stdout redirected to a file
    assert begin([], {"HUABEI_CACHE_DIR": str(tmp_path)}) is None
    assert early_frame.current() is None


def test_a_terminal_is_a_terminal() -> None:
    master, slave = pty.openpty()
    try:
        assert early_frame.on_a_terminal((slave, slave, slave))
    finally:
        os.close(master)
        os.close(slave)


# -- showing the frame and giving the terminal back ---------------------------------------------------------------
@pytest.fixture
def terminal():
    master, slave = pty.openpty()
    fcntl.fcntl(master, fcntl.F_SETFL, os.O_NONBLOCK)
    yield master, slave
    os.close(master)
    os.close(slave)


def read_all(fd: int) -> bytes:
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return out
        if not chunk:
            return out
        out += chunk


def early_on(slave: int, tmp_path: Path) -> EarlyStart:
    inputs = frame_inputs(data_file=None, demo=True, today=date(2026, 12, 6), lang_option=None, environ={},
                          size=(80, 24), code="c")
    assert inputs is not None
    return EarlyStart(inputs, tmp_path, fd=slave, stdin_fd=slave)


def test_the_frame_goes_into_the_alternate_screen_in_the_app_s_terminal_mode(terminal, tmp_path: Path) -> None:
    master, slave = terminal
    before = termios.tcgetattr(slave)
    early = early_on(slave, tmp_path)
    assert early.show(FRAME)
    written = read_all(master)
    assert written.startswith(ENTER) and FRAME in written
    assert b"\x1b[?1049h" in ENTER  # the alternate screen, saving the cursor, as Textual's own switch does
    mode = termios.tcgetattr(slave)
    assert not mode[3] & (termios.ECHO | termios.ICANON | termios.ISIG | termios.IEXTEN)
    assert not mode[0] & (termios.IXON | termios.ICRNL)
    assert mode[:6] == app_mode(before)[:6]
    assert mode[6][termios.VMIN] in (1, b"\x01")
    early.close()
    assert termios.tcgetattr(slave) == before
    assert read_all(master) == LEAVE


def test_keys_typed_for_the_app_do_not_reach_the_shell_when_it_fails_to_start(terminal, tmp_path: Path) -> None:
    master, slave = terminal
    early = early_on(slave, tmp_path)
    early.show(FRAME)
    os.write(master, b"q2")  # typed while the app loads
    fcntl.fcntl(slave, fcntl.F_SETFL, os.O_NONBLOCK)
    early.close()  # the app failed before Textual started
    with pytest.raises(BlockingIOError):
        os.read(slave, 10)


def test_keys_typed_early_wait_unchanged_in_the_terminal(terminal, tmp_path: Path) -> None:
    """Nothing reads them, nothing echoes them, Enter stays a carriage return: Textual reads them as typed."""
    master, slave = terminal
    early = early_on(slave, tmp_path)
    early.show(FRAME)
    read_all(master)
    os.write(master, b"2\r\x11\x03")  # 2, Enter, Ctrl+Q (not flow control), Ctrl+C (not a signal)
    assert os.read(slave, 10) == b"2\r\x11\x03"
    assert read_all(master) == b""  # no echo over the frame
    early.on_textual_start()
    early.close()


def test_after_textual_the_mode_is_restored_and_textual_s_screen_left_alone(terminal, tmp_path: Path) -> None:
    master, slave = terminal
    before = termios.tcgetattr(slave)
    early = early_on(slave, tmp_path)
    early.show(FRAME)
    read_all(master)
    assert early.on_textual_start() == before  # the mode Textual restores on exit and on Ctrl+Z
    assert early.drop_alt_screen_switch("\x1b[?1049h")
    assert not early.drop_alt_screen_switch("\x1b[?1049h")  # after Ctrl+Z, Textual's switch back goes through
    early.on_textual_stop()
    early.close()
    assert read_all(master) == b""  # Textual left the alternate screen itself
    assert termios.tcgetattr(slave) == before


def test_nothing_is_dropped_when_no_frame_was_shown(tmp_path: Path) -> None:
    early = early_on(2, tmp_path)
    assert not early.drop_alt_screen_switch("\x1b[?1049h")
    early.close()


def test_a_frame_that_cannot_be_written_leaves_the_terminal_as_it_was(terminal, tmp_path: Path) -> None:
    _master, slave = terminal
    before = termios.tcgetattr(slave)
    early = early_on(slave, tmp_path)
    early.fd = 987654  # not open
    assert not early.show(FRAME)
    assert termios.tcgetattr(slave) == before
    assert early.shown is None


# -- recording ----------------------------------------------------------------------------------------------------
def test_the_recorded_frame_needs_a_whole_screen_update(tmp_path: Path) -> None:
    early = early_on(2, tmp_path)
    early.record("\x1b[24;68H^p Commands")
    assert early.recorded_frame() is None
    early.record("\x1b[1;1H 花呗 ")
    assert early.recorded_frame() == "\x1b[24;68H^p Commands\x1b[1;1H 花呗 ".encode()
    early.record("x" * early_frame.MAX_RECORDED_CHARS)
    assert not early.recording and early.recorded_frame() is None


def test_saving_in_the_background_writes_the_cache_file(tmp_path: Path) -> None:
    from huabei_tui.startup import frame_cache

    early = early_on(2, tmp_path)
    early.save_in_background(FRAME)
    early.wait_saved(30)
    assert frame_cache.load(tmp_path, early.name, early.key) == FRAME
    again = early_on(2, tmp_path)
    again.shown = FRAME
    again.save_in_background(FRAME)  # the frame shown is the frame drawn: nothing to rewrite
    assert again.saver is None


@pytest.mark.parametrize("where", [".backups", ".parts", "", ".lock", ".backups/frames"])
def test_the_frame_is_never_saved_at_or_inside_the_data_file_or_what_keeps_it_safe(tmp_path: Path,
                                                                                    where: str) -> None:
    """``HUABEI_CACHE_DIR`` pointed at the data file, its lock, its backups or its parts: nothing is written there
    (``frame_cache.endangers``), and the save in the background fails quietly (the app carries on)."""
    db = tmp_path / "huabei.json"
    db.write_text("{}")
    Path(f"{db}.lock").write_text("")
    Path(f"{db}.backups").mkdir()
    Path(f"{db}.parts").mkdir()
    inputs = frame_inputs(data_file=db, demo=False, today=date(2026, 12, 6), lang_option=None, environ={},
                          size=(80, 24), code="c")
    assert inputs is not None and inputs.data_file == str(db.resolve())
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    early = EarlyStart(inputs, Path(f"{db}{where}"), fd=2, stdin_fd=0)
    early.save_in_background(FRAME)
    early.wait_saved(30)
    assert early.saver is not None and not early.saver.is_alive()
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before and db.read_text() == "{}"
    elsewhere = EarlyStart(inputs, tmp_path / "cache", fd=2, stdin_fd=0)  # the control: a folder of its own
    elsewhere.save_in_background(FRAME)
    elsewhere.wait_saved(30)
    assert frame_cache.load(tmp_path / "cache", elsewhere.name, elsewhere.key) == FRAME
