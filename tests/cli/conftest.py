"""Fixtures for the CLI tests: a clean environment, a throw-away database and the ``huabei`` runner."""

from __future__ import annotations

import pytest

from support.huabei_cli import clean_environment, db, huabei  # noqa: F401  (fixtures; clean_environment is autouse)

from .helpers import TODAY


@pytest.fixture
def huabei_today() -> str:
    return TODAY
