"""``huabei --demo COMMAND``: the command runs on the app's throw-away demo database, never on the user's file.

It once ran on the real data file: ``--demo status`` showed the user's own figures (or an empty file) and
``--demo pay`` paid a real bill. The user folders (home, config, data, cache) are in ``tmp_path`` (the clean
environment of ``support.huabei_cli``), so a test can see that nothing of the user's is created or changed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from support.huabei_cli import Huabei

from .helpers import TODAY

NOT_SAVED = {"en": "nothing was saved", "zh": "没有保存任何东西"}


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the demo database is made: a folder of its own, so a test can see it removed afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def real_file(huabei: Huabei) -> Path:
    """The user's real data file, in the default place (the data folder under ``tmp_path``): one bill of ¥123."""
    from huabei_tui.paths import default_db_path

    path = default_db_path()
    assert huabei.bare("--today", TODAY, "bill", "add", "2025-08", "123").code == 0  # no --db: the default file
    assert path.exists()
    return path


def every_file(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder`` with its bytes (``None`` for a folder): equal means untouched."""
    found: dict[str, bytes | None] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            found[os.path.relpath(os.path.join(root, name), folder)] = None
        for name in files:
            path = Path(root, name)
            found[os.path.relpath(path, folder)] = path.read_bytes()
    return found


def user_folders(tmp_path: Path) -> dict[str, bytes | None]:
    """The user's home, config, data and cache folders: where a real file, lock or backup would appear."""
    return {name: every_file(tmp_path / name) for name in ("home", "xdg-config", "xdg-data", "xdg-cache")}


def demo(huabei: Huabei, *args: str, lang: str = "en"):
    return huabei.bare("--demo", "--today", TODAY, "--lang", lang, *args)


READING = [
    ["status"], ["status", "--json"], ["bill", "list"], ["bill", "list", "--json"], ["remind", "--within", "30"],
    ["export"], ["export", "--format", "json"], ["export", "--format", "csv"], ["plan", "--json"], ["grid"],
    ["account"], ["check"], ["contact"], ["line", "list", "--json"],
]


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_a_reading_command_shows_the_demo(huabei: Huabei, tmp_path: Path, temp_folder: Path, real_file: Path,
                                          args: list[str]) -> None:
    """The same output as on a file ``huabei demo`` filled for the same day, and not a word more."""
    made = tmp_path / "made.json"
    huabei.ok("demo", db=made)
    want = huabei(*args, db=made)
    before = user_folders(tmp_path)
    got = demo(huabei, *args)
    assert (got.code, got.out, got.err) == (want.code, want.out, want.err)
    assert user_folders(tmp_path) == before
    assert list(temp_folder.iterdir()) == []  # the demo database is gone


def test_status_json_is_the_demo_not_the_real_file(huabei: Huabei, real_file: Path) -> None:
    real = json.loads(huabei.ok("status", "--json", db=real_file).out)
    shown = json.loads(demo(huabei, "status", "--json").out)
    assert [b["month"] for b in real["bills"]] == ["2025-08"]
    assert len(shown["bills"]) > 12  # two years of demo history
    assert shown["account"]["limit"] == "8000.00"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args", [
    ["pay", "2025-09", "10"],
    ["bill", "add", "2025-10", "99"],
    ["bill", "set", "2025-09", "--minimum", "300"],
    ["account", "set", "--limit", "5000"],
    ["instalment", "2025-09", "3"],
    ["check", "tick", "1"],
    ["contact", "add", "--topic", "other", "--outcome", "called"],
    ["line", "add", "信用购"],
], ids=" ".join)
def test_a_change_works_on_the_demo_and_says_nothing_was_saved(huabei: Huabei, tmp_path: Path, temp_folder: Path,
                                                               real_file: Path, args: list[str], lang: str) -> None:
    before = user_folders(tmp_path)
    result = demo(huabei, *args, lang=lang)
    assert result.code == 0, result.err
    assert result.out  # the command's own answer, as without --demo
    assert result.err.count(NOT_SAVED[lang]) == 1
    assert len(result.err_lines) == 1
    assert user_folders(tmp_path) == before  # the real file, its lock and backups: as they were
    assert list(temp_folder.iterdir()) == []


def test_a_change_is_not_there_on_the_next_run(huabei: Huabei) -> None:
    assert demo(huabei, "pay", "2025-09", "10").code == 0
    again = json.loads(demo(huabei, "status", "--json").out)
    first = json.loads(demo(huabei, "status", "--json").out)
    assert again == first


def test_reading_says_nothing_on_stderr(huabei: Huabei) -> None:
    result = demo(huabei, "status", "--json")
    assert result.code == 0 and result.err == ""
    json.loads(result.out)


def test_bad_input_is_refused_without_the_notice(huabei: Huabei, tmp_path: Path) -> None:
    before = user_folders(tmp_path)
    result = demo(huabei, "pay", "2025-09", "abc")
    assert result.code == 2
    assert NOT_SAVED["en"] not in result.err
    assert user_folders(tmp_path) == before


def test_export_to_a_file_writes_the_demo_there_only(huabei: Huabei, tmp_path: Path, real_file: Path) -> None:
    out = tmp_path / "out" / "x.txt"
    out.parent.mkdir()
    before = user_folders(tmp_path)
    result = demo(huabei, "export", "-o", str(out))
    assert result.code == 0, result.err
    assert "Exported" in result.err and NOT_SAVED["en"] not in result.err
    assert out.read_text(encoding="utf-8") == demo(huabei, "export").out
    assert user_folders(tmp_path) == before


def test_export_still_refuses_the_real_data_file(huabei: Huabei, tmp_path: Path, real_file: Path) -> None:
    """The demo is not the user's file, but the user's file is still no place for an export."""
    before = real_file.read_bytes()
    result = demo(huabei, "export", "-o", str(real_file))
    assert result.code == 2, result.err
    assert real_file.read_bytes() == before


def test_nothing_is_created_without_a_real_file(huabei: Huabei, tmp_path: Path) -> None:
    for args in (["status"], ["pay", "2025-09", "10"], ["doctor"], ["doctor", "--json"]):
        assert demo(huabei, *args).code == 0, args
    assert user_folders(tmp_path) == {"home": {}, "xdg-config": {}, "xdg-data": {}, "xdg-cache": {}}


def test_huabei_db_in_the_environment_is_not_used(huabei: Huabei, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / "env.json"
    huabei.ok("bill", "add", "2025-08", "123", db=env_file)
    monkeypatch.setenv("HUABEI_DB", str(env_file))
    before = every_file(tmp_path / "env.json.backups"), env_file.read_bytes()
    result = demo(huabei, "pay", "2025-08", "123")
    assert result.code in (0, 2)
    assert (every_file(tmp_path / "env.json.backups"), env_file.read_bytes()) == before
    assert len(json.loads(demo(huabei, "bill", "list", "--json").out)) > 12


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("args", "words"), [
    (["--db", "x.json", "status"], ("--db", "--demo")),
    (["--profile", "mum", "status"], ("--profile", "--demo")),
    (["--profile", "mum", "pay", "2025-09", "1"], ("--profile", "--demo")),
    (["demo"], ("huabei --demo", "demo")),
    (["demo", "--force"], ("huabei --demo", "demo")),
    (["profile", "list"], ("--demo", "profile")),
    (["restore"], ("--demo", "restore")),
    (["backups"], ("--demo", "backups")),  # the demo's own (none) would read as "you have no backups"
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_commands_that_make_no_sense_with_demo_are_refused(huabei: Huabei, tmp_path: Path, temp_folder: Path,
                                                           args: list[str], words: tuple[str, ...],
                                                           lang: str) -> None:
    before = user_folders(tmp_path)
    result = demo(huabei, *args, lang=lang)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err_lines) == 1
    assert result.err.startswith("错误" if lang == "zh" else "error")
    for word in words:
        assert word in result.err
    assert user_folders(tmp_path) == before
    assert not (tmp_path / "x.json").exists()
    assert list(temp_folder.iterdir()) == []  # refused before any demo was made


def test_demo_after_the_command_is_not_accepted(huabei: Huabei, tmp_path: Path) -> None:
    """Global options go before the command: ``status --demo`` is a usage error, never a run on real data."""
    before = user_folders(tmp_path)
    result = huabei.bare("--today", TODAY, "--lang", "en", "status", "--demo")
    assert result.code == 2
    assert "--demo" in result.err
    assert result.out == ""
    assert user_folders(tmp_path) == before


def test_doctor_keeps_its_demo_report(huabei: Huabei) -> None:
    data = json.loads(demo(huabei, "doctor", "--json").out)
    assert data["demo"] is True
    assert data["views"]["ready"] is None


@pytest.mark.parametrize("argv", [["--demo"], ["--demo", "tui"], ["--demo", "--db", "ignored.json"]])
def test_the_app_still_opens_on_its_own_demo(huabei: Huabei, tmp_path: Path, temp_folder: Path,
                                             monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    """``huabei --demo`` (the app) is as it was: a fresh demo in a temporary folder, removed when the app ends."""
    import huabei_tui.ui.app

    opened: list[tuple[Path, bool, int]] = []

    def run_app(repo, clock, lang, **kwargs) -> int:
        opened.append((repo.path, kwargs.get("demo", False), len(repo.load().payments)))
        return 0

    monkeypatch.setattr(huabei_tui.ui.app, "run_app", run_app)
    before = user_folders(tmp_path)
    assert huabei.bare("--today", TODAY, *argv).code == 0
    ((path, is_demo, bills),) = opened
    assert is_demo and bills > 12  # payments: two years of demo history
    assert path.parent.parent == temp_folder
    assert list(temp_folder.iterdir()) == []
    assert user_folders(tmp_path) == before
    assert not (tmp_path / "ignored.json").exists()



@pytest.mark.parametrize(("lang", "said", "backup"), [
    ("en", "Credit line “信用购” removed from the demo data: the demo is thrown away, so no backup was kept",
     "in the backups"),
    ("zh", "已从演示数据删除信用账户“信用购”：演示数据用完即丢，没有留下备份", "在备份中"),
])
def test_removing_a_line_on_the_demo_names_no_backup_that_is_gone(huabei: Huabei, monkeypatch: pytest.MonkeyPatch,
                                                                  temp_folder: Path, lang: str, said: str,
                                                                  backup: str) -> None:
    """The demo database and its backups are removed when the command ends: the answer must not send the user to
    a backup path in a folder that no longer exists; it says this was the demo, as the note on stderr does."""
    from contextlib import contextmanager

    from huabei_tui.cli import demo_run
    from huabei_tui.domain.lines import CREDIT_PURCHASE, CreditLine

    made = demo_run.demo_repository

    @contextmanager
    def with_two_lines(clock):  # the demo holds one line, which cannot be removed: give it a second one
        with made(clock) as repo:
            repo.add_line(lambda lines: CreditLine(lines.next_id(), "信用购", (CREDIT_PURCHASE,)), lambda _line: None)
            yield repo

    monkeypatch.setattr(demo_run, "demo_repository", with_two_lines)
    result = demo(huabei, "line", "remove", "信用购", lang=lang)
    assert result.code == 0, result.err
    assert said in result.out
    assert backup not in result.out and str(temp_folder) not in result.out
    assert result.err.count(NOT_SAVED[lang]) == 1
    assert list(temp_folder.iterdir()) == []
