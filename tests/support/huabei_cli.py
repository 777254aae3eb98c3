"""Running ``huabei`` in a clean environment, shared by the CLI tests and the end-to-end tests.

The environment is cleaned for every such test so a developer's ``HUABEI_*`` variables or locale cannot change
what a test sees, and the user data folder points into ``tmp_path`` so nothing can touch real data. The fixtures
here apply where a ``conftest.py`` imports them (``tests/cli`` and ``tests/integration``), not to every test; such a
``conftest.py`` also says which ``--today`` the runner passes by default, with a ``huabei_today`` fixture.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import EllipsisType

import pytest

from huabei_tui.cli.main import main

#: Variables that would change what ``huabei`` does; removed for every test, and for child processes.
ENV_VARS = ("HUABEI_DB", "HUABEI_PROFILE", "HUABEI_TODAY", "HUABEI_LANG", "HUABEI_DEBUG", "HUABEI_EXPORT_DIR",
            "HUABEI_NO_SNAPSHOT", "HUABEI_CACHE_DIR", "HUABEI_ZIP_PASSWORD", "HUABEI_LINE", "HUABEI_NO_PREFETCH",
            "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def clean_variables(tmp_path: Path) -> dict[str, str]:
    """The variables set in their place: user folders under ``tmp_path`` and a plain UTF-8 locale."""
    return {"XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
            "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
            "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in clean_variables(tmp_path).items():
        monkeypatch.setenv(name, value)


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The same clean environment for a child process, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update(clean_variables(tmp_path))
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "huabei.json"


@pytest.fixture
def huabei(db: Path, capsys: pytest.CaptureFixture[str], huabei_today: str) -> Huabei:
    return Huabei(db, capsys, huabei_today)


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


class Huabei:
    """``huabei --db DB --today TODAY --lang LANG args…`` run in this process, output captured.

    ``today`` and ``lang`` may be ``None`` to leave the option out; ``today`` left as ``...`` is the runner's own.
    """

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str], today: str) -> None:
        self.db = db
        self.capsys = capsys
        self.today = today

    def __call__(self, *args: str, today: str | EllipsisType | None = ..., lang: str | None = "en",
                 db: Path | None = None) -> Result:
        argv: list[str] = ["--db", str(db or self.db)]
        if today is ...:
            today = self.today
        if today is not None:
            argv += ["--today", today]
        if lang is not None:
            argv += ["--lang", lang]
        return self.bare(*argv, *args)

    def bare(self, *argv: str) -> Result:
        """Exactly ``argv``, nothing added."""
        self.capsys.readouterr()
        code = main(list(argv))
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str, **kwargs: object) -> Result:
        result = self(*args, **kwargs)  # type: ignore[arg-type]
        assert result.code == 0, (args, result.out, result.err)
        assert result.err == "" or "Exported" in result.err or "已导出" in result.err, result.err
        return result

    def bills(self, today: str | EllipsisType = ...) -> dict[str, dict]:
        """Bill month → the bill as ``bill list --json`` prints it."""
        return {bill["month"]: bill for bill in json.loads(self.ok("bill", "list", "--json", today=today).out)}

    def data(self, today: str | EllipsisType = ...) -> dict:
        """Everything, as ``export --format json`` prints it."""
        return json.loads(self.ok("export", "--format", "json", today=today).out)

    def snapshot(self) -> tuple[bytes | None, list[str]]:
        """The data file's bytes and the names of its backups: equal before and after means nothing was saved."""
        data = self.db.read_bytes() if self.db.exists() else None
        backups = self.db.parent / f"{self.db.name}.backups"
        return data, sorted(p.name for p in backups.iterdir()) if backups.is_dir() else []
