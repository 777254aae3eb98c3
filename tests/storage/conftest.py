"""Fixtures for the storage tests: a data path in a fresh folder, child processes that are always reaped."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_testing import CHILD, Spawn


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data.json"


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    """Start ``store_child.py`` with the test's interpreter; every child started is killed at teardown."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: object) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, str(CHILD), *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
