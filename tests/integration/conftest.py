"""Fixtures for the end-to-end tests: a clean environment, a throw-away data file, and ``huabei`` in-process.

Every test gets its own data file under ``tmp_path`` and a fixed ``--today``, and the user's ``HUABEI_*`` variables
and locale are removed so nothing on the developer's machine changes what a test sees.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from huabei_tui.cli.main import main

ENV_VARS = ("HUABEI_DB", "HUABEI_TODAY", "HUABEI_LANG", "HUABEI_DEBUG", "HUABEI_EXPORT_DIR", "LC_ALL",
            "LC_MESSAGES", "LANG", "LANGUAGE")


@dataclass
class Result:
    code: int
    out: str
    err: str


class Huabei:
    """``huabei --db DB --today TODAY --lang LANG args…`` run in this process, output captured."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, today: str = "2025-05-09", lang: str = "en") -> Result:
        self.capsys.readouterr()
        code = main(["--db", str(self.db), "--today", today, "--lang", lang, *args])
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str, **kwargs: str) -> Result:
        result = self(*args, **kwargs)
        assert result.code == 0, (args, result.out, result.err)
        return result

    def bills(self, today: str = "2025-05-09") -> dict[str, dict]:
        """Bill month → the bill as ``bill list --json`` prints it."""
        return {bill["month"]: bill for bill in json.loads(self.ok("bill", "list", "--json", today=today).out)}

    def data(self, today: str = "2025-05-09") -> dict:
        """Everything, as ``export --format json`` prints it."""
        return json.loads(self.ok("export", "--format", "json", today=today).out)

    def snapshot(self) -> tuple[bytes | None, list[str]]:
        """The data file's bytes and the names of its backups: equal before and after means nothing was saved."""
        data = self.db.read_bytes() if self.db.exists() else None
        backups = self.db.parent / f"{self.db.name}.backups"
        return data, sorted(p.name for p in backups.iterdir()) if backups.is_dir() else []


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "huabei.json"


@pytest.fixture
def huabei(db: Path, capsys: pytest.CaptureFixture[str]) -> Huabei:
    return Huabei(db, capsys)


@pytest.fixture
def write(tmp_path: Path):
    """``write("name.csv", data)`` → the path of a file holding ``data`` under ``tmp_path``."""

    def make(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make
