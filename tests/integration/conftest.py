"""Fixtures for the end-to-end tests: a clean environment, a throw-away data file, and ``huabei`` in-process.

Every test gets its own data file under ``tmp_path`` and a fixed ``--today``, and the user's ``HUABEI_*`` variables
and locale are removed so nothing on the developer's machine changes what a test sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.huabei_cli import clean_environment, db, huabei  # noqa: F401  (fixtures; clean_environment is autouse)


@pytest.fixture
def huabei_today() -> str:
    return "2025-05-09"


@pytest.fixture
def write(tmp_path: Path):
    """``write("name.csv", data)`` → the path of a file holding ``data`` under ``tmp_path``."""

    def make(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make
