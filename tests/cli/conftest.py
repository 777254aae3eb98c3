"""Fixtures for the CLI tests: a clean environment, a throw-away database and the ``huabei`` runner.

The environment is cleaned for every CLI test so a developer's ``HUABEI_*`` variables or locale cannot change
what a test sees, and the user data folder points into ``tmp_path`` so nothing can touch real data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ENV_VARS, Huabei


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
