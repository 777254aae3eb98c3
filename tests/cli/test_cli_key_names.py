"""Text made without the app names keys as ``keys.toml`` binds them, as the app does: ``huabei export``,
``status``, ``account``, ``check`` and ``plan`` say "see F7", not the default "see 3", once the checklist's key moved to F7. A
``keys.toml`` that cannot be used never stops the text: its keys are the defaults."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support.huabei_cli import Huabei, subprocess_env

#: Keys moved: the checklist's and the recovery screen's number keys, import, settings.
KEYS_TOML = ('"app.go_checklist" = "f7"\n"app.go_recovery" = "f8"\n"app.import" = "ctrl+o"\n'
             '[status]\nsettings = "z"\n')


@pytest.fixture
def keys_toml(config_folder: Path) -> Path:
    config_folder.mkdir(parents=True, exist_ok=True)
    path = config_folder / "keys.toml"
    path.write_text(KEYS_TOML, encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "expected", "default"), [
    ("en", ["unchecked (see F7)", "(in the app: Ctrl+O)", "(in the app: z)", "== F7 · Authorization checklist",
            "== F8 · Overdue recovery"],
     ["unchecked (see 3)", "(in the app: i)", "== 3 · Authorization checklist"]),
    ("zh", ["未核查（见 F7）", "（界面里按 Ctrl+O）", "（界面里按 z）", "== F7 · 授权核查", "== F8 · 逾期修复"],
     ["未核查（见 3）", "（界面里按 i）", "== 3 · 授权核查"]),
])
def test_the_export_names_the_keys_keys_toml_binds(huabei: Huabei, keys_toml: Path, lang: str,
                                                   expected: list[str], default: list[str]) -> None:
    text = huabei.ok("export", lang=lang).out
    for words in expected:
        assert words in text, words
    for words in default:
        assert words not in text, words
    assert "(see F7)" in huabei.ok("export", "--screen", "status", lang="en").out


@pytest.mark.parametrize(("lang", "expected"), [("en", "unchecked (see F7)"), ("zh", "未核查（见 F7）")])
def test_status_account_check_and_plan_name_the_moved_keys(huabei: Huabei, keys_toml: Path, lang: str,
                                                   expected: str) -> None:
    assert expected in huabei.ok("status", lang=lang).out
    assert expected in huabei.ok("account", lang=lang).out
    assert expected in huabei.ok("check", lang=lang).out
    assert ("in the app: Ctrl+O" if lang == "en" else "界面里按 Ctrl+O") in huabei.ok("plan", lang=lang).out


@pytest.mark.parametrize("content", [
    b"this is [not toml",  # unreadable: the defaults
    b"\xff\xfe not utf-8",
    b'"app.go_checklist" = "no such key"\n"nowhere.at_all" = "x"\n"app.go_recovery" = "1"\n',  # refused
])
def test_a_keys_toml_that_cannot_be_used_gives_the_default_keys(huabei: Huabei, config_folder: Path,
                                                                  content: bytes) -> None:
    config_folder.mkdir(parents=True, exist_ok=True)
    (config_folder / "keys.toml").write_bytes(content)
    result = huabei.ok("export")
    assert "unchecked (see 3)" in result.out and "== 4 · Overdue recovery" in result.out
    assert huabei.ok("export", lang="zh").out.count("未核查（见 3）") == 2


def test_naming_keys_that_keys_toml_leaves_alone_does_not_load_textual(tmp_path: Path) -> None:
    """``huabei status`` and ``export`` stay quick: a key not moved is named without importing Textual."""
    code = ("import sys\nfrom huabei_tui.cli.main import main\n"
            f"for command in ('status', 'export'):\n"
            f"    main(['--db', {str(tmp_path / 'h.json')!r}, '--today', '2025-09-01', '--lang', 'en', command])\n"
            "sys.stdout.flush()\nsys.stderr.write(str('textual' in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=subprocess_env(tmp_path, HUABEI_CONFIG_DIR=str(tmp_path / "config")))
    assert done.stderr.strip() == "False", done.stderr
    assert "unchecked (see 3)" in done.stdout and "(in the app: s)" in done.stdout
