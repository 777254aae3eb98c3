"""The CLI runner and its clean environment (``support.huabei_cli``) for the start-up tests that run commands."""

from __future__ import annotations

import pytest

from support.huabei_cli import clean_environment, db, huabei  # noqa: F401  (fixtures; clean_environment is autouse)


@pytest.fixture
def huabei_today() -> str:
    return "2026-12-06"
