"""``huabei --help`` and ``huabei COMMAND --help`` speak the language errors and commands speak: ``--lang``, else
``HUABEI_LANG``, else the language remembered with ``L`` (``settings.toml``), else the locale's. A broken or
unreadable settings file never stops the help page (it falls back to the locale, silently)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from huabei_tui.cli.main import main
from huabei_tui.cli.parser import asks_for_help, user_lang
from huabei_tui.paths import config_dir
from support.huabei_cli import subprocess_env

#: The first words of the program's help page, per language.
PAGE = {"en": "usage: huabei", "zh": "用法：huabei"}
#: A command's help, per language (its description is ``arg.status``/``arg.doctor``).
COMMAND_WORDS = {"en": "options:", "zh": "选项："}


def help_page(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    assert done.value.code == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def language_of(page: str) -> str:
    if page.startswith(PAGE["zh"]):
        assert "usage:" not in page and "options:" not in page
        return "zh"
    assert page.startswith(PAGE["en"]) and "用法" not in page
    return "en"


def remember(lang: str) -> None:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(f'lang = "{lang}"\n', encoding="utf-8")


@pytest.fixture(autouse=True)
def no_data(tmp_path: Path) -> None:
    """No data file anywhere: help must not need one."""


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["status", "--help"], ["doctor", "-h"],
                                  ["bill", "add", "--help"], ["--today", "2026-12-06", "--hel"]])
def test_the_remembered_language_wins_over_the_locale(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert language_of(help_page(capsys, *argv)) == "en"
    remember("zh")
    assert language_of(help_page(capsys, *argv)) == "zh"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    remember("en")
    assert language_of(help_page(capsys, *argv)) == "en"


@pytest.mark.parametrize("command", [[], ["status"], ["export"]])
def test_lang_option_then_environment_win_over_the_remembered_language(capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      command: list[str]) -> None:
    remember("zh")
    assert language_of(help_page(capsys, "--lang", "en", *command, "--help")) == "en"
    monkeypatch.setenv("HUABEI_LANG", "en")
    assert language_of(help_page(capsys, *command, "--help")) == "en"
    assert language_of(help_page(capsys, "--lang", "zh", *command, "--help")) == "zh"  # the option before the variable
    monkeypatch.delenv("HUABEI_LANG")
    remember("en")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("HUABEI_LANG", "zh")
    assert language_of(help_page(capsys, *command, "--help")) == "zh"


@pytest.mark.parametrize("locale", ["zh_CN.UTF-8", "en_US.UTF-8"])
def test_without_a_remembered_language_the_locale_decides(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    monkeypatch.setenv("LANG", locale)
    want = locale[:2]
    assert language_of(help_page(capsys, "--help")) == want
    assert language_of(help_page(capsys, "status", "--help")) == want
    remember("fr")  # not a language of the app: ignored
    assert language_of(help_page(capsys, "--help")) == want


@pytest.mark.parametrize("content", [b'lang = "zh\n', b"\xff\xfe not utf-8", b"lang = 3\n", b"[lang]\nx = 1\n"])
def test_a_broken_settings_file_falls_back_to_the_locale_silently(capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   content: bytes) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    folder = config_dir()
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_bytes(content)
    assert language_of(help_page(capsys, "--help")) == "zh"
    assert language_of(help_page(capsys, "doctor", "--help")) == "zh"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a file the user cannot read (not root)")
def test_an_unreadable_settings_file_falls_back_to_the_locale(capsys: pytest.CaptureFixture[str],
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    remember("zh")
    settings = config_dir() / "settings.toml"
    settings.chmod(0)
    try:
        assert language_of(help_page(capsys, "--help")) == "en"
    finally:
        settings.chmod(0o600)


def test_a_folder_where_the_settings_file_should_be_falls_back_to_the_locale(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    (config_dir() / "settings.toml").mkdir(parents=True)
    assert language_of(help_page(capsys, "--help")) == "en"
    assert language_of(help_page(capsys, "status", "--help")) == "en"


def test_a_settings_reader_that_raises_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong reading the remembered language (here: the reader itself), the locale answers."""
    from huabei_tui.storage import config

    def broken(*_args: object, **_kwargs: object) -> dict[str, str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(config, "read_settings", broken)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert user_lang(["--help"]) == "zh"


def test_errors_and_help_follow_one_rule(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The usage error of a command line and its help page come out in the same language."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    remember("zh")
    assert main(["status", "--bogus"]) == 2
    assert capsys.readouterr().err.startswith("错误: 无法识别的参数")
    assert language_of(help_page(capsys, "status", "--help")) == "zh"


@pytest.mark.parametrize(("argv", "wanted"), [
    (["--help"], True), (["-h"], True), (["status", "-h"], True), (["--he"], True), (["--hel"], True),
    (["status"], False), (["--", "-h"], False), (["--host"], False), (["--h"], True), (["--"], False), (["contact", "add"], False),
])
def test_asks_for_help(argv: list[str], wanted: bool) -> None:
    assert asks_for_help(argv) is wanted


def test_help_in_a_new_process_is_in_the_remembered_language_without_textual(tmp_path: Path) -> None:
    """The real command: a Chinese help page for a user who chose 中文 on an English locale, and Textual is not
    imported to print it (help stays as quick as it was)."""
    env = subprocess_env(tmp_path, LANG="en_US.UTF-8")
    folder = config_dir(env)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text('lang = "zh"\n', encoding="utf-8")
    probe = ("import sys\nfrom huabei_tui.cli.main import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
             "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
             "sys.exit(code)\n")
    for argv in (["--help"], ["status", "--help"]):
        done = subprocess.run([sys.executable, "-c", probe, *argv], env=env, capture_output=True, text=True,
                              encoding="utf-8", check=False)
        assert done.returncode == 0, done.stderr
        assert done.stderr == "" and done.stdout.startswith(PAGE["zh"])
