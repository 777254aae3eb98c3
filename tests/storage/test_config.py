"""Preferences beside the data: where the config folder is, ``settings.toml`` written atomically and read back,
and the language the app remembered reaching every command (with the data file's old setting as a fallback)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from huabei_tui.storage import config
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from support.huabei_cli import Huabei


def test_the_config_folder_is_the_variable_or_the_platform_s(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.config_dir({"HUABEI_CONFIG_DIR": str(tmp_path / "c")}) == tmp_path / "c"
    if not sys.platform.startswith("linux"):
        pytest.skip("the XDG shortcut is Linux only")
    from platformdirs import user_config_path

    monkeypatch.delenv("HUABEI_CONFIG_DIR")
    for xdg in (str(tmp_path / "xdg"), "  ", None):
        if xdg is None:
            monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
        assert config.config_dir() == user_config_path("huabei-tui", appauthor=False), xdg


def test_settings_are_merged_written_whole_and_read_back(config_folder: Path) -> None:
    assert config.read_settings() == {}
    config.save_settings({"lang": "zh"})
    config.save_settings({"theme": 'odd "name" \\ here'})
    assert config.read_settings() == {"lang": "zh", "theme": 'odd "name" \\ here'}
    assert sorted(p.name for p in config_folder.iterdir()) == ["settings.toml"]  # no temporary file left
    assert oct(config_folder.stat().st_mode & 0o777) == "0o700"


def test_a_broken_or_foreign_settings_file_reads_as_empty_and_is_replaced(config_folder: Path) -> None:
    config_folder.mkdir()
    path = config_folder / "settings.toml"
    path.write_text("lang = \n", encoding="utf-8")
    assert config.read_settings() == {}
    path.write_text('lang = 3\ntheme = "nord"\nother = "x"\n', encoding="utf-8")
    assert config.read_settings() == {"theme": "nord"}
    config.save_settings({"lang": "en"})
    assert config.read_settings() == {"lang": "en", "theme": "nord"}


def test_a_failed_save_leaves_the_old_file(config_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config.save_settings({"lang": "zh"})
    before = (config_folder / "settings.toml").read_bytes()

    def failing_replace(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config.os, "replace", failing_replace)
    with pytest.raises(OSError):
        config.save_settings({"lang": "en"})
    assert (config_folder / "settings.toml").read_bytes() == before
    assert sorted(p.name for p in config_folder.iterdir()) == ["settings.toml"]


def test_commands_speak_the_remembered_language_new_file_first(tmp_path: Path, config_folder: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "huabei.json"
    huabei = Huabei(db, capsys, "2025-09-01")
    Repository(Store(db)).set_setting("lang", "zh")  # where older versions remembered it
    assert "额度" in huabei("account", lang=None).out
    config.save_settings({"lang": "en"})  # what the app writes now
    assert "Limit" in huabei("account", lang=None).out
    assert "额度" in huabei("account", lang="zh").out  # --lang still wins


def test_errors_speak_the_remembered_language_too(tmp_path: Path, config_folder: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """With 中文 chosen in the app (and no --lang), a command's output was Chinese but its errors English, and an
    export refused its path in both at once: "error: file: cannot write …: 它就是数据文件…"."""
    db = tmp_path / "huabei.json"
    huabei = Huabei(db, capsys, "2025-09-01")
    huabei("bill", "add", "2025-09", "100")
    config.save_settings({"lang": "zh"})
    before = db.read_bytes()
    assert huabei("pay", "2025-09", "abc", lang=None).err_lines == ["错误: 金额：“abc”不是有效金额（例：1234.50 或 ¥1,234.50）"]
    refused = huabei("export", "-o", str(db), lang=None)
    assert refused.code == 2 and refused.err.startswith(f"错误: 文件：无法写入 {db}：它就是数据文件")
    usage = huabei("status", "--bogus", lang=None)
    assert usage.code == 2 and usage.err_lines == ["错误: 无法识别的参数：--bogus（用 --help 查看用法）"]
    assert huabei("pay", "2025-09", "abc", lang="en").err.startswith("error: amount: ")  # --lang still wins
    assert db.read_bytes() == before
