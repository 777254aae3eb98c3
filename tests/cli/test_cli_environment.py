"""HUABEI_DB, HUABEI_TODAY and HUABEI_LANG work like --db, --today and --lang; the options win."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from support.huabei_cli import Huabei


def test_huabei_db(huabei: Huabei, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_db = tmp_path / "from-env.json"
    monkeypatch.setenv("HUABEI_DB", str(env_db))
    assert huabei.bare("--today", "2025-09-01", "--lang", "en", "bill", "add", "2025-08", "5").code == 0
    assert env_db.exists()
    # --db wins over the variable
    option_db = tmp_path / "from-option.json"
    assert huabei.bare("--db", str(option_db), "--today", "2025-09-01", "bill", "add", "2025-08", "6").code == 0
    assert json.loads(huabei.bare("--db", str(option_db), "bill", "list", "--json").out)[0]["amount"] == "6.00"
    assert json.loads(huabei.bare("bill", "list", "--json").out)[0]["amount"] == "5.00"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is the Linux convention")
def test_default_database_is_in_the_user_data_folder(huabei: Huabei, tmp_path: Path) -> None:
    assert huabei.bare("--today", "2025-09-01", "bill", "add", "2025-08", "5").code == 0
    created = list((tmp_path / "xdg-data").rglob("huabei.json"))
    assert len(created) == 1


def test_huabei_today(huabei: Huabei, monkeypatch: pytest.MonkeyPatch) -> None:
    huabei.ok("bill", "add", "2025-08", "800")
    monkeypatch.setenv("HUABEI_TODAY", "2025-09-01")
    data = json.loads(huabei("status", "--json", today=None).out)
    assert data["today"] == "2025-09-01"
    assert data["bills"][0]["overdue_days"] == 22
    # --today wins over the variable
    assert json.loads(huabei("status", "--json", today="2025-08-10").out)["today"] == "2025-08-10"


def test_huabei_today_refused_like_the_option(huabei: Huabei, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUABEI_TODAY", "2025-02-30")
    result = huabei("status", today=None)
    assert result.code == 2
    assert result.err_lines == ["error: today (HUABEI_TODAY): “2025-02-30” is not a real day"]


def test_without_today_the_clock_is_todays_date_in_shanghai(huabei: Huabei) -> None:
    import arrow

    before = arrow.now("Asia/Shanghai").date().isoformat()
    today = json.loads(huabei("status", "--json", today=None).out)["today"]
    assert before <= today <= arrow.now("Asia/Shanghai").date().isoformat()


def test_huabei_lang(huabei: Huabei, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUABEI_LANG", "zh")
    assert huabei("status", lang=None).out.startswith("今天：")
    assert huabei("status", lang="en").out.startswith("Today: ")  # --lang wins
    monkeypatch.setenv("HUABEI_LANG", "en_US")
    assert huabei("status", lang=None).out.startswith("Today: ")


def test_lang_from_the_locale(huabei: Huabei, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert huabei("status", lang=None).out.startswith("今天：")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert huabei("status", lang=None).out.startswith("Today: ")


def test_errors_follow_huabei_lang(huabei: Huabei, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUABEI_LANG", "zh")
    result = huabei("bill", "add", "2025-08", "abc", lang=None)
    assert result.code == 2
    assert result.err_lines[0].startswith("错误: 金额：")


def test_lang_option_forms(huabei: Huabei) -> None:
    assert huabei.bare("--lang=zh", "--today", "2025-09-01", "--db", str(huabei.db), "status").out.startswith("今天")
    assert huabei("status", lang="ZH_cn").out.startswith("今天")


def test_the_last_lang_option_wins_and_only_before_the_command(huabei: Huabei) -> None:
    """As argparse reads options: a later ``--lang`` overrides an earlier one (an alias's default, say); words
    after the command are the command's own, even one spelled like the option."""
    common = ("--today", "2025-09-01", "--db", str(huabei.db))
    assert huabei.bare("--lang", "en", "--lang", "zh", *common, "status").out.startswith("今天")
    assert huabei.bare("--lang", "zh", "--lang=en", *common, "status").out.startswith("Today")
    result = huabei.bare("--lang", "zh", *common, "contact", "add", "--topic", "other", "--outcome=--lang",
                         "--note", "en")
    assert result.code == 0, result.err
    assert not result.out.isascii()  # answered in Chinese: the "--lang" and "en" after the command were its values


def test_an_empty_today_option_is_refused(huabei: Huabei, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--today "$DAY"`` with ``DAY`` empty: one clear error and exit 2, not the real date's status."""
    monkeypatch.setenv("HUABEI_TODAY", "2025-09-01")
    before = db.read_bytes() if db.exists() else None
    result = huabei("status", today="")
    assert result.code == 2
    assert result.err_lines == ["error: today (--today): enter a date (YYYY-MM-DD)"]
    assert (db.read_bytes() if db.exists() else None) == before
