"""One rule decides the language a user reads, for a command's output, its error messages and its help page:
``--lang``, else ``HUABEI_LANG``, else the language remembered with ``L`` (``settings.toml``), else the ``lang``
setting an older data file kept (when that file can be read), else the locale's (``cli.language``).

It was written twice (``parser.user_lang`` for help and errors, ``handlers.remembered_lang`` for output) and the
two drifted: a user whose language was only in an older data file read Chinese output but English errors and help,
and ``--lang=`` (given empty) let the remembered language speak the output but not the errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from huabei_tui.storage import config
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from support.huabei_cli import Huabei

#: What each language's output, error and help start with.
OUTPUT = {"en": "Limit", "zh": "额度"}
ERROR = {"en": "error: amount:", "zh": "错误: 金额："}
HELP = {"en": "usage: huabei", "zh": "用法：huabei"}


def languages(huabei: Huabei, *options: str) -> tuple[str, str, str]:
    """(output, error, help) languages of ``huabei [options] account``, ``… pay 2025-09 abc``, ``… --help``."""
    out = huabei(*options, "account", lang=None).out
    err = huabei(*options, "pay", "2025-09", "abc", lang=None).err
    with pytest.raises(SystemExit):
        huabei(*options, "--help", lang=None)
    page = huabei.capsys.readouterr().out

    def which(text: str, words: dict[str, str], start: bool = False) -> str:
        found = [lang for lang, w in words.items() if (text.startswith(w) if start else w in text)]
        assert len(found) == 1, text
        return found[0]

    return which(out, OUTPUT), which(err, ERROR, start=True), which(page, HELP, start=True)


@pytest.mark.parametrize(("options", "env", "settings", "legacy", "locale", "expected"), [
    ((), {}, None, None, "C.UTF-8", "en"),
    ((), {}, None, None, "zh_CN.UTF-8", "zh"),
    ((), {}, "zh", None, "C.UTF-8", "zh"),
    ((), {}, None, "zh", "C.UTF-8", "zh"),  # only the old data file remembers: errors and help used to say English
    ((), {}, "en", "zh", "zh_CN.UTF-8", "en"),  # settings.toml before the data file
    ((), {"HUABEI_LANG": "en"}, "zh", "zh", "zh_CN.UTF-8", "en"),
    (("--lang", "zh"), {"HUABEI_LANG": "en"}, "en", "en", "C.UTF-8", "zh"),
    (("--lang=",), {}, "zh", None, "C.UTF-8", "zh"),  # given empty: not a choice (output said 中文, errors English)
    ((), {"HUABEI_LANG": "fr"}, "zh", None, "C.UTF-8", "en"),  # set, though unknown: the remembered one stays out
])
def test_output_errors_and_help_follow_one_rule(huabei: Huabei, db: Path, config_folder: Path,
                                                monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...],
                                                env: dict[str, str], settings: str | None, legacy: str | None,
                                                locale: str, expected: str) -> None:
    huabei("bill", "add", "2025-09", "100")
    if legacy:
        Repository(Store(db)).set_setting("lang", legacy)  # where versions before settings.toml kept it
    if settings:
        config.save_settings({"lang": settings})
    monkeypatch.setenv("LANG", locale)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert languages(huabei, *options) == (expected, expected, expected)


def test_a_damaged_data_file_leaves_its_language_out_and_the_error_says_why(huabei: Huabei, db: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    db.write_text("{not json", encoding="utf-8")
    result = huabei("account", lang=None)
    assert result.code != 0 and result.err.startswith("错误")


def test_one_function_owns_the_rule(huabei: Huabei, monkeypatch: pytest.MonkeyPatch) -> None:
    """Help and errors (``parser.user_lang``) and the commands (``handlers.context_for``) both ask
    ``cli.language``: a change of its rule reaches all three."""
    from huabei_tui.cli import language

    huabei("bill", "add", "2025-09", "100")
    monkeypatch.setattr(language, "settings_lang", lambda: "zh")
    assert languages(huabei) == ("zh", "zh", "zh")


def test_help_reads_no_store_for_a_data_file_that_keeps_no_language(huabei: Huabei, db: Path, tmp_path: Path) -> None:
    """Most data files keep no language (it is in settings.toml since): their help page and errors stay as quick
    as before, the store not even imported; a file that does keep one is read."""
    import subprocess
    import sys

    from support.huabei_cli import subprocess_env

    huabei("bill", "add", "2025-09", "100")
    probe = ("import sys\nfrom huabei_tui.cli.main import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    pass\n"
             "sys.stderr.write(str('huabei_tui.storage.store' in sys.modules))\n")
    env = subprocess_env(tmp_path, LANG="en_US.UTF-8")

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", probe, "--db", str(db), "--help"], env=env, capture_output=True,
                              text=True, encoding="utf-8", check=False, timeout=60)

    quick = run()
    assert quick.stderr == "False" and quick.stdout.startswith(HELP["en"])
    Repository(Store(db)).set_setting("lang", "zh")
    old = run()
    assert old.stderr == "True" and old.stdout.startswith(HELP["zh"])
