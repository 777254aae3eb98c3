"""The start-up frame of one profile is never shown for another (issue 14): the key holds the profile's data file
and its name (the tab bar shows it), and a refused name or ``--db`` with ``--profile`` shows no frame at all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from huabei_tui.cli.parser import build_parser
from huabei_tui.startup.early_frame import app_start, start_inputs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is the Linux convention")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A fixed environment whose user data folder is under ``tmp_path`` (platformdirs reads os.environ)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("HUABEI_DB", "HUABEI_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    return {"TERM": "xterm-256color", "LANG": "C.UTF-8", "COLUMNS": "80", "LINES": "24",
            "XDG_DATA_HOME": str(tmp_path / "data")}


def key(argv: list[str], env: dict[str, str]) -> str | None:
    start = app_start(["--today", "2026-12-06", *argv])
    assert start is not None, argv
    inputs = start_inputs(start, env)
    return None if inputs is None else inputs.text()


@pytest.mark.parametrize("argv", [["--profile", "mum"], ["--profile=妈妈", "tui"], ["--profile", "x", "--db", "y"]])
def test_app_start_reads_the_profile_as_the_parser_does(argv: list[str]) -> None:
    start = app_start(argv)
    assert start is not None
    assert start.profile == build_parser("en").parse_args(argv).profile


def test_each_profile_has_its_own_key(env: dict[str, str], tmp_path: Path) -> None:
    default, mum, dad = key([], env), key(["--profile", "mum"], env), key(["--profile", "dad"], env)
    assert None not in (default, mum, dad)
    assert len({default, mum, dad}) == 3
    assert key(["--profile", "mum"], env) == mum  # and the same one every time
    assert key([], {**env, "HUABEI_PROFILE": "mum"}) != default


def test_the_same_file_by_db_and_by_profile_gives_two_keys(env: dict[str, str], tmp_path: Path) -> None:
    """``--db`` on a profile's file opens the same data without the name on the tab bar: another picture."""
    mum_file = tmp_path / "data" / "huabei-tui" / "huabei-mum.json"
    assert key(["--db", str(mum_file)], env) != key(["--profile", "mum"], env)


def test_the_default_profile_by_name_is_shown_as_a_profile(env: dict[str, str]) -> None:
    assert key(["--profile", "default"], env) != key([], env)


@pytest.mark.parametrize("argv", [["--profile", "x.y"], ["--profile", "mum", "--db", "a.json"]])
def test_no_frame_for_what_the_command_line_refuses(env: dict[str, str], argv: list[str]) -> None:
    assert key(argv, env) is None


def test_no_frame_when_both_variables_are_set(env: dict[str, str]) -> None:
    assert key([], {**env, "HUABEI_DB": "a.json", "HUABEI_PROFILE": "mum"}) is None


def test_a_line_given_on_the_command_line_has_its_own_key(env: dict[str, str]) -> None:
    """``--line`` opens another credit line's screen: its frame is its own (``HUABEI_LINE`` is keyed like every
    ``HUABEI_*`` variable); the parser reads the option the same way."""
    plain, credit = key([], env), key(["--line", "信用购"], env)
    assert None not in (plain, credit) and plain != credit
    assert key(["--line=信用购", "tui"], env) == credit
    assert key([], {**env, "HUABEI_LINE": "信用购"}) != plain
    start = app_start(["--line", "信用购", "--lang", "zh"])
    assert start is not None and start.line == build_parser("en").parse_args(["--line", "信用购"]).line
