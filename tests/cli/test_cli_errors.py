"""Bad input of every kind: exit status 2, one line on stderr naming the field, the data file untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.huabei_cli import Huabei

from .helpers import TODAY


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file next to (and under) the database except the lock, by content."""
    found = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not name.endswith(".lock"):
                found[str(path.relative_to(folder))] = path.read_bytes()
    return found


@pytest.fixture
def filled(huabei: Huabei, db: Path) -> Huabei:
    """The demo history (bill 2025-09 partly paid, 2025-08 paid) plus typed settings."""
    huabei.ok("demo")
    return huabei


BAD_INPUT = [
    # money
    (["bill", "add", "2025-10", "12.345"], "amount", "more than two decimals"),
    (["bill", "add", "2025-10", "-5"], "amount", "negative"),
    (["bill", "add", "2025-10", "abc"], "amount", "not an amount"),
    (["bill", "add", "2025-10", "1e9"], "amount", "not an amount"),
    (["bill", "add", "2025-10", "1,23"], "amount", "not an amount"),
    (["bill", "add", "2025-10", "0"], "amount", "more than zero"),
    (["bill", "add", "2025-10", "100000000"], "amount", "too large"),
    (["bill", "add", "2025-10", ""], "amount", "enter an amount"),
    (["pay", "2025-09", "12.345"], "amount", "more than two decimals"),
    (["account", "set", "--limit", "-5"], "limit", "negative"),
    (["account", "set", "--limit", "0"], "limit", "more than zero"),
    (["account", "set", "--balance", "abc"], "balance", "not an amount"),
    (["account", "set", "--balance", "1e9"], "balance", "not an amount"),
    # dates and months
    (["pay", "2025-09", "10", "--on", "2025-02-30"], "date", "not a real day"),
    (["pay", "2025-09", "10", "--on", "2025-13-01"], "date", "not a real day"),
    (["pay", "2025-09", "10", "--on", "yesterday"], "date", "not a date"),
    (["account", "set", "--opened", "2025-02-29"], "opened", "not a real day"),
    (["account", "set", "--opened", "1999-01-01"], "opened", "the year must be"),
    (["contact", "add", "--topic", "other", "--outcome", "x", "--on", "2025-02-30"], "date", "not a real day"),
    (["bill", "add", "2025-13", "5"], "month", "not a bill month"),
    (["bill", "add", "2025-00", "5"], "month", "not a bill month"),
    (["pay", "2025-13", "5"], "month", "not a bill month"),
    (["bill", "remove", "September"], "month", "not a bill month"),
    # days of month
    (["account", "set", "--statement-day", "0"], "statement day", "use 1–28"),
    (["account", "set", "--due-day", "29"], "due day", "use 1–28"),
    (["account", "set", "--due-day", "x"], "due day", "not a whole number"),
    (["account", "set", "--statement-day", "2.5"], "statement day", "not a whole number"),
    (["account", "set", "--due-day", "1"], "due day", "cannot equal the statement day"),
    # other settings
    (["account", "set", "--auto-repay", "maybe"], "auto-repay", "use on or off"),
    (["account", "set", "--opened", "2025-09-02"], "opened", "after today"),
    (["account", "set", "--fee-rate", "9"], "fee rate", "too high"),
    (["account", "set", "--fee-rate", "-0.05"], "fee rate", "negative"),
    (["account", "set", "--limit", "5000", "--due-day", "29"], "due day", "use 1–28"),  # nothing half-saved
    # the authorization answer: an empty one silently cleared the recorded answer
    (["check", "answer", ""], "answer", "use found, not-found or unsure"),
    (["check", "answer", " "], "answer", "use found, not-found or unsure"),
    # restore: an empty name (a script's unset variable) is not "the newest backup"
    (["restore", ""], "backup", "give the backup"),
    (["restore", "  "], "backup", "give the backup"),
    # bills
    (["bill", "add", "2025-09", "5"], "month", "exists already"),
    (["bill", "add", "2025-11", "5"], "month", "too far ahead"),
    (["bill", "remove", "2021-01"], "month", "no typed bill"),
    (["bill", "remove", "2025-09"], "month", "has payments"),
    (["bill", "set", "2025-09", "1"], "amount", "already paid"),
    # payments
    (["pay", "2021-01", "5"], "month", "no bill 2021-01"),
    (["pay", "2025-09", "10", "--on", "2025-09-02"], "date", "after today"),
    (["pay", "2025-09", "10", "--on", "2025-07-31"], "date", "before bill 2025-09's cycle starts"),
    (["pay", "2025-09", "99999"], "amount", "outstanding on 2025-09"),
    (["pay", "2025-08", "1"], "month", "already paid"),
    # checklists, contacts, grid, export
    (["check", "answer", "maybe"], "answer", "use found, not-found or unsure"),
    (["check", "tick", "9"], "step", "no step"),
    (["check", "tick", "1", "--list", "nope"], "--list", "invalid choice"),
    (["contact", "add", "--topic", "weather", "--outcome", "x"], "topic", "deferral, instalments or other"),
    (["contact", "add", "--topic", "other", "--outcome", "  "], "outcome", "say what came of it"),
    (["contact", "add", "--topic", "other", "--outcome", "x", "--on", "2025-09-02"], "date", "after today"),
    (["grid", "--months", "12"], "months", "use 24 or 60"),
    (["export", "--format", "xml"], "format", "not a format"),
    (["export", "--screen", "nope"], "--screen", "invalid choice"),
    (["export", "-o", "/nonexistent-folder/x/summary.txt"], "file", "cannot write"),
    (["export", "-o", ""], "file: enter the path of the file to write", ""),  # not "cannot write .: no path"
    # the data itself
    (["demo"], "data file", "--force"),
    # the command line
    (["--lang", "fr", "status"], "language", "use zh or en"),
    (["--today", "garbage", "status"], "today (--today)", "not a date"),
    (["--today", "2025-02-29", "status"], "today (--today)", "not a real day"),
    (["--bogus", "status"], "--bogus", "unrecognized arguments"),
    (["status", "--bogus"], "--bogus", "unrecognized arguments"),
    (["pay", "2025-09"], "AMOUNT", "required"),
    (["pay"], "MONTH", "required"),
    (["bill", "add"], "MONTH", "required"),
    (["bill"], "ACTION", "required"),
    (["contact", "add", "--outcome", "x"], "--topic", "required"),
    (["frobnicate"], "frobnicate", "invalid choice"),
    # --screen picks a part of the text summary: with another format it was ignored without a word
    (["export", "--format", "csv", "--screen", "checklist"], "screen", "only the text format"),
    (["export", "--format", "json", "--screen", "recovery"], "screen", "only the text format"),
    (["--today"], "--today", "expected one argument"),
]


def _global(args: list[str]) -> tuple[list[str], dict[str, object]]:
    """Cases that test a global option pass it themselves instead of the runner's default."""
    kwargs: dict[str, object] = {}
    if "--lang" in args:
        kwargs["lang"] = None
    if "--today" in args:
        kwargs["today"] = None
    return args, kwargs


@pytest.mark.parametrize(("args", "field", "reason"), BAD_INPUT, ids=[" ".join(a[0]) or "empty" for a in BAD_INPUT])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    filled: Huabei, db: Path, args: list[str], field: str, reason: str
) -> None:
    before = snapshot(db.parent)
    argv, kwargs = _global(args)
    result = filled(*argv, **kwargs)  # type: ignore[arg-type]
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("error: "), line
    assert field in line, line
    assert reason in line, line
    assert "Traceback" not in result.err
    assert snapshot(db.parent) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["bill", "add", "2025-10", "12.345"], "错误: 金额：“12.345”超过两位小数（最小单位为分）"),
        (["pay", "2025-09", "10", "--on", "2025-02-30"], "错误: 日期：“2025-02-30”这一天不存在"),
        (["bill", "add", "2025-13", "5"], "错误: 账单月份：“2025-13”不是有效的账单月份（格式 YYYY-MM）"),
        (["account", "set", "--due-day", "0"], "错误: 还款日：“0”超出范围，须在 1–28 之间"),
        (["pay", "2021-01", "5"], "错误: 账单月份：没有 2021-01 账单，请先录入账单"),
        (["export", "--format", "ics", "--screen", "status"],
         "错误: 界面 (--screen)：只有文本格式（--format text）能只导出一个界面；ics 总是导出全部"),
    ],
)
def test_bad_input_in_chinese(filled: Huabei, db: Path, args: list[str], expected: str) -> None:
    before = db.read_bytes()
    result = filled(*args, lang="zh")
    assert result.code == 2
    assert result.err_lines == [expected]
    assert db.read_bytes() == before


def test_bad_input_on_a_missing_database_creates_nothing(huabei: Huabei, db: Path) -> None:
    for args in (["bill", "add", "2025-08", "12.345"], ["pay", "2025-08", "5"], ["account", "set", "--due-day", "0"]):
        result = huabei(*args)
        assert result.code == 2
        assert len(result.err_lines) == 1
    assert not db.exists()


def test_a_good_command_after_bad_ones_still_works(filled: Huabei) -> None:
    assert filled("pay", "2025-09", "12.345").code == 2
    assert filled("pay", "2025-09", "10").code == 0


def test_today_refusal_is_checked_before_anything_is_read(huabei: Huabei, db: Path) -> None:
    db.write_bytes(b"{not json")
    result = huabei("status", today="2025-13-01")
    assert result.code == 2
    assert "today" in result.err
    assert db.read_bytes() == b"{not json"


def test_damaged_file_is_a_store_error_not_bad_input(huabei: Huabei, db: Path) -> None:
    db.write_bytes(b"{not json")
    result = huabei("bill", "add", "2025-08", "5")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "Traceback" not in result.err
    assert db.read_bytes() == b"{not json"


def test_unknown_lang_falls_back_to_english_for_the_message(huabei: Huabei) -> None:
    result = huabei("--lang", "fr", "status", lang=None, today=TODAY)
    assert result.err_lines == ["error: language: “fr”: use zh or en"]


def test_a_folder_given_as_the_data_file_is_said_in_the_user_s_language(huabei: Huabei, tmp_path: Path) -> None:
    """``huabei --lang zh --db /tmp status`` said “无法读取数据文件 /tmp（系统错误：Is a directory）”: the
    system's English words inside a Chinese sentence."""
    folder = tmp_path / "folder"
    folder.mkdir()
    zh = huabei("status", lang="zh", db=folder)
    assert zh.code == 1 and zh.err_lines == [f"错误: 无法读取数据文件 {folder}（这是一个文件夹，不是文件）。文件未被改动。"]
    en = huabei("status", db=folder)
    assert en.code == 1 and "it is a folder, not a file" in en.err and "Is a directory" not in en.err
